/* A Windows child without a C runtime: kernel32 only (-nostdlib -e entry). */
#include <windows.h>

void __stdcall entry(void)
{
    ExitProcess(0);
}
