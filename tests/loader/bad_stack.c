/* Faults with a stack pointer of zero: there is no stack to build an
 * exception frame on, so the process must end with the access violation's
 * report and code (5), never a bare SIGSEGV of vine itself. */
#include <windows.h>

void __stdcall entry(void)
{
    __asm__ volatile("xor %%esp, %%esp\n\tmovl $1, (%%rsp)" ::: "memory");
    ExitProcess(0); /* not reached */
}
