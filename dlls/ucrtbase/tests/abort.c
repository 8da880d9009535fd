/* abort() on the Universal CRT: no message, and with the default abort
 * behaviour (_CALL_REPORTFAULT) the process ends by __fastfail, status
 * 0xC0000409 (Linux sees its low byte, 9); atexit functions do not run. */
#include <stdio.h>
#include <stdlib.h>

static void at_exit(void) { printf("FAIL: atexit ran\n"); }

int main(void)
{
    atexit(at_exit);
    printf("calling abort\n");
    fflush(stdout);
    abort();
    return 0;
}
