/* Calls kernel32.AddAtomA, a stub export: vine must name it and exit 254. */
#include <windows.h>

void __stdcall entry(void)
{
    AddAtomA("vine");
    ExitProcess(0);  /* not reached */
}
