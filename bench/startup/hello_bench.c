/* A mingw-w64 hello world using the C runtime (msvcrt.dll): one line. */
#include <stdio.h>

int main(void)
{
    printf("Hello, world!\n");
    return 0;
}
