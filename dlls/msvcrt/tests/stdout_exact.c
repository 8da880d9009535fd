/* Fixed output compared byte for byte with stdout_exact.expected by the
 * runner (EXPECTED_STDOUT). stdout is a redirected text-mode stream, so
 * every "\n" reaches the file as "\r\n". Built with
 * -D__USE_MINGW_ANSI_STDIO=0: msvcrt.dll's own printf. */
#include <stdio.h>
#include <wchar.h>

int main(void)
{
    printf("Hello, %s!\n", "world");
    puts("puts adds a newline");
    printf("%d %5.2f %e %x %s\n", -12, 3.14159, 1234.5, 0xbeef, "end");
    wprintf(L"wide %ls %d\n", L"text", 42);
    putchar('c');
    putchar('\n');
    fputs("no newline at the end", stdout);
    return 0;
}
