// InitOnce*: the BOOL-returning faces of ntdll's run-once
// (dlls/ntdll/run_once.cpp).
#include "nt_wait.h"

using namespace kernel32;

namespace {

// The guest's callback returns a BOOL, ntdll's RTL_RUN_ONCE_INIT_FN a ULONG
// in the same register: the callback can be handed over as it is.
using InitOnceCallback = BOOL(WINAPI*)(RTL_RUN_ONCE* once, PVOID parameter, PVOID* context);

}  // namespace

VINE_EXPORT BOOL InitOnceBeginInitialize(RTL_RUN_ONCE* once, DWORD flags, BOOL* pending, PVOID* context) {
    NTSTATUS status = RtlRunOnceBeginInitialize(once, flags, context);
    if (status < 0) {
        set_nt_error(status);
        return FALSE;
    }
    *pending = status == STATUS_PENDING;
    return TRUE;
}

VINE_EXPORT BOOL InitOnceComplete(RTL_RUN_ONCE* once, DWORD flags, PVOID context) {
    NTSTATUS status = RtlRunOnceComplete(once, flags, context);
    if (status < 0) {
        set_nt_error(status);
        return FALSE;
    }
    return TRUE;
}

VINE_EXPORT BOOL InitOnceExecuteOnce(RTL_RUN_ONCE* once, InitOnceCallback callback, PVOID parameter,
                                     PVOID* context) {
    if (run_once_done(once, context)) return TRUE;  // after the first run: one load, no call
    // A failing callback's own last error is what the caller gets.
    return RtlRunOnceExecuteOnce(once, reinterpret_cast<RTL_RUN_ONCE_INIT_FN>(callback), parameter, context) >= 0;
}
