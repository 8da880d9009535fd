// ntdll's process attach: the process heap, before any other DLL runs, and
// the exception dispatcher.
#include "ntdll_private.h"
#include "rtl_path.h"
#include "vine/loader.h"
#include "vine/pe_format.h"

extern "C" void KiUserExceptionDispatcher();

extern "C" __attribute__((ms_abi, visibility("hidden"))) BOOL __vine_dll_main(HINSTANCE, DWORD reason, LPVOID) {
    if (reason == DLL_PROCESS_ATTACH) {
        PEB* peb = current_teb()->ProcessEnvironmentBlock;
        if (!peb->ProcessHeap) peb->ProcessHeap = ntdll_create_process_heap();
        // From now on hardware exceptions are dispatched, not just reported.
        vine::loader::set_exception_dispatcher(reinterpret_cast<void*>(KiUserExceptionDispatcher));
        // Windows' current directory is a path and a handle.
        ntdll::open_initial_directory();
    } else if (reason == DLL_THREAD_DETACH) {
        ntdll_heap_thread_detach();  // the thread's cached heap blocks go back to the heap
    }
    return TRUE;
}
