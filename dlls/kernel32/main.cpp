// kernel32's process attach: it becomes the process's top-level exception
// filter, as kernelbase does on Windows, and takes Ctrl+C and Ctrl+Break;
// at detach the terminal gets back the settings SetConsoleMode changed.
#include "kernel32_private.h"
#include "vine/context.h"
#include "vine/pe_format.h"

VINE_EXPORT LONG UnhandledExceptionFilter(EXCEPTION_POINTERS* pointers);

extern "C" __attribute__((ms_abi, visibility("hidden"))) BOOL __vine_dll_main(HINSTANCE, DWORD reason, LPVOID) {
    if (reason == DLL_PROCESS_ATTACH) {
        RtlSetUnhandledExceptionFilter(UnhandledExceptionFilter);
        kernel32::init_console_ctrl();
    } else if (reason == DLL_PROCESS_DETACH) {
        kernel32::restore_console_input();
    }
    return TRUE;
}
