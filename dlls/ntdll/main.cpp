// ntdll's process attach: the process heap, before any other DLL runs.
#include "ntdll_private.h"
#include "vine/pe_format.h"

extern "C" __attribute__((ms_abi, visibility("hidden"))) BOOL __vine_dll_main(HINSTANCE, DWORD reason, LPVOID) {
    if (reason == DLL_PROCESS_ATTACH) {
        PEB* peb = current_teb()->ProcessEnvironmentBlock;
        if (!peb->ProcessHeap) peb->ProcessHeap = ntdll_create_process_heap();
    }
    return TRUE;
}
