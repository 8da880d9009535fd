// GetThreadContext and SetThreadContext: the Win32 faces of
// NtGetContextThread and NtSetContextThread (dlls/ntdll/thread_info.cpp).
#include "nt_wait.h"
#include "vine/context.h"
#include "vine/nt_process.h"

using namespace kernel32;

VINE_EXPORT BOOL GetThreadContext(HANDLE thread, CONTEXT* context) {
    if (!context) {
        set_error(ERROR_NOACCESS);
        return FALSE;
    }
    return nt_bool(NtGetContextThread(thread, context));
}

VINE_EXPORT BOOL SetThreadContext(HANDLE thread, const CONTEXT* context) {
    if (!context) {
        set_error(ERROR_NOACCESS);
        return FALSE;
    }
    return nt_bool(NtSetContextThread(thread, context));
}
