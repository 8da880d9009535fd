/* Recurses without end: vine must report a stack overflow (0xc00000fd) and
   exit with 0xfd, like Windows' unhandled-exception exit, without crashing
   itself. Frames stay below a page, so no ___chkstk_ms is needed. */
#include <windows.h>

static int __attribute__((noinline)) recurse(volatile char *previous)
{
    volatile char buffer[1000];
    buffer[0] = previous ? previous[0] : 0;
    return recurse(buffer) + buffer[1];
}

void __stdcall entry(void)
{
    recurse(0);
    ExitProcess(0); /* not reached */
}
