/* A secondary thread recurses without end and nobody handles the overflow:
   vine must report it (0xc00000fd) and end the whole process with 0xfd. */
#include <windows.h>

#pragma GCC diagnostic ignored "-Winfinite-recursion"

static int __attribute__((noinline)) recurse(volatile char *previous)
{
    volatile char buffer[1000];
    buffer[0] = previous ? previous[0] : 0;
    return recurse(buffer) + buffer[1];
}

static DWORD WINAPI thread(void *arg)
{
    return recurse(arg);
}

void __stdcall entry(void)
{
    HANDLE handle = CreateThread(NULL, 0, thread, NULL, 0, NULL);
    WaitForSingleObject(handle, INFINITE);
    ExitProcess(0); /* not reached */
}
