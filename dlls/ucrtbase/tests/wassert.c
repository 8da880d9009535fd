/* _wassert on the Universal CRT: the message to stderr, then abort, which
 * in the UCRT fast-fails (0xC0000409; Linux sees 9). */
#include <stdio.h>
#include <wchar.h>

void __cdecl _wassert(const wchar_t *message, const wchar_t *file, unsigned line);

int main(void)
{
    printf("calling _wassert\n");
    fflush(stdout);
    _wassert(L"x == 1", L"wassert.c", 12);
    printf("FAIL: _wassert returned\n");
    return 0;
}
