/* The native baseline: a Linux hello world (gcc -O2), one line on stdout. */
#include <stdio.h>

int main(void)
{
    printf("Hello, world!\n");
    return 0;
}
