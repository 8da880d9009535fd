/* A Windows child that returns 0 from main (mingw-w64 C runtime, msvcrt). */
int main(void) { return 0; }
