/* GetSystemInfo(NULL) faults inside kernel32's builtin code: the report
   names the builtin and the ELF symbol of the faulting frame. */
#include <windows.h>

void __stdcall entry(void)
{
    GetSystemInfo(NULL);
    ExitProcess(0); /* not reached */
}
