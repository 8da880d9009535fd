/* The native child: a Linux program that returns 0 (gcc -O2). */
int main(void) { return 0; }
