/* Writes through a NULL pointer: vine must report the access violation with
   the faulting module offset and exit with 5 (low byte of 0xc0000005). */
#include <windows.h>

void __stdcall entry(void)
{
    volatile int *p = (volatile int *)0;
    *p = 42;
    ExitProcess(0);  /* not reached */
}
