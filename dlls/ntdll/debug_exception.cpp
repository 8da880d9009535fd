// OutputDebugString's exceptions (DBG_PRINTEXCEPTION_C and _WIDE_C).
// Windows raises them inside OutputDebugString's own __try, so only the
// vectored handlers (and a debugger, first) can take them before its
// __except does; no frame handler of the program ever sees them. This
// private export is that dispatch, for kernel32 (ELF code has no __try).
#include "ntdll_private.h"
#include "seh.h"
#include "vectored.h"

extern "C" __attribute__((ms_abi)) void RtlCaptureContext(CONTEXT* context);

// True if a vectored handler continued execution (took the string).
VINE_EXPORT BOOLEAN __vine_raise_debug_exception(EXCEPTION_RECORD* record) {
    CONTEXT context;
    RtlCaptureContext(&context);
    record->ExceptionAddress = reinterpret_cast<void*>(context.Rip);
    SEH_TRACE("code=%08x\n", record->ExceptionCode);
    if (!call_vectored_exception_handlers(record, &context)) return FALSE;
    call_vectored_continue_handlers(record, &context);
    return TRUE;
}
