/* A DLL whose DLL_PROCESS_ATTACH takes a hardware exception (a write to
   address 0x10) and handles it with a vectored handler that skips the
   faulting instruction: start-up code must run where faults are
   dispatched (see init_fault.c). */
#include <windows.h>

static int handled;

static LONG WINAPI skip_write(EXCEPTION_POINTERS *pointers)
{
    if (pointers->ExceptionRecord->ExceptionCode != EXCEPTION_ACCESS_VIOLATION) return EXCEPTION_CONTINUE_SEARCH;
    handled++;
    pointers->ContextRecord->Rip += 7; /* movl $1, 0x10(%rax) */
    return EXCEPTION_CONTINUE_EXECUTION;
}

__declspec(dllexport) int init_fault_handled(void) { return handled; }

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    (void)instance;
    (void)reserved;
    if (reason == DLL_PROCESS_ATTACH) {
        void *handler = AddVectoredExceptionHandler(1, skip_write);
        __asm__ volatile("movl $1, 0x10(%%rax)" ::"a"(0) : "memory");
        RemoveVectoredExceptionHandler(handler);
    }
    return TRUE;
}
