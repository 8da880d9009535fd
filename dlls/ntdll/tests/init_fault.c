/* Hardware exceptions during process start-up reach their handlers: in a
   DLL's DLL_PROCESS_ATTACH (init_fault_dll.c) and in the EXE's TLS
   callback, both before main, each handled by a vectored handler that
   skips the faulting write. */
#include <windows.h>
#include "vinetest.h"

__declspec(dllimport) int init_fault_handled(void);

static int tls_handled, tls_calls;

static LONG WINAPI skip_write(EXCEPTION_POINTERS *pointers)
{
    if (pointers->ExceptionRecord->ExceptionCode != EXCEPTION_ACCESS_VIOLATION) return EXCEPTION_CONTINUE_SEARCH;
    tls_handled++;
    pointers->ContextRecord->Rip += 7; /* movl $1, 0x10(%rax) */
    return EXCEPTION_CONTINUE_EXECUTION;
}

static void WINAPI tls_callback(void *module, DWORD reason, void *reserved)
{
    (void)module;
    (void)reserved;
    if (reason != DLL_PROCESS_ATTACH) return;
    tls_calls++;
    void *handler = AddVectoredExceptionHandler(1, skip_write);
    __asm__ volatile("movl $1, 0x10(%%rax)" ::"a"(0) : "memory");
    RemoveVectoredExceptionHandler(handler);
}

/* mingw-w64's CRT collects .CRT$XL? entries into the TLS directory. */
__attribute__((section(".CRT$XLB"), used)) PIMAGE_TLS_CALLBACK init_fault_tls = tls_callback;

int main(void)
{
    ok(init_fault_handled() == 1, "the DLL's DllMain fault was handled (%d)", init_fault_handled());
    ok(tls_calls == 1, "the TLS callback ran at process attach (%d)", tls_calls);
    ok(tls_handled == 1, "the TLS callback's fault was handled (%d)", tls_handled);
    return vt_summary();
}
