// Structured exception handling inside ntdll: the pieces shared by the
// dispatcher (exception.cpp), the unwinder (unwind.cpp) and the assembly
// (context.S).
#pragma once

#include "vine/context.h"
#include "vine/debug.h"
#include "vine/wintypes.h"

// VINEDEBUG=+seh traces dispatch and unwinding.
extern const bool seh_trace;
#define SEH_TRACE(...)                                                                                   \
    do {                                                                                                 \
        if (seh_trace) ::vine::debug::print("seh", ::vine::debug::Class::Trace, __func__, __VA_ARGS__); \
    } while (0)

// Why the dispatcher called into Windows code through vine_call_handler. A
// walk that meets such a frame cannot unwind the builtin (ELF) frames above
// it; it continues at `resume` instead, the context those frames were
// entered from, as unwinding them would.
struct HandlerCall {
    enum Kind { Exception, Unwind, Other } kind;
    const CONTEXT* resume;         // where the walk continues above the builtin frames
    DISPATCHER_CONTEXT* dispatch;  // the caller's, for nested and collided unwinds
};

extern "C" {
[[noreturn]] void vine_restore_context(const CONTEXT* context);
ULONG64 vine_call_handler(void* a1, void* a2, void* a3, void* a4, const void* function, const HandlerCall* call);
extern char vine_call_handler_return[];
}

// One frame of a walk.
struct FrameInfo {
    ULONG64 control_pc = 0;
    ULONG64 image_base = 0;
    RUNTIME_FUNCTION* function = nullptr;
    PEXCEPTION_ROUTINE handler = nullptr;
    void* handler_data = nullptr;
    ULONG64 establisher = 0;
};

enum class Step {
    Frame,    // a Windows frame: info describes it, context is now its caller's
    Handler,  // a vine_call_handler frame: *call says how it was entered
    End,      // a builtin frame or the end of the stack: the walk stops here
};

// Unwinds the frame `context` is in (by .pdata/.xdata, or as a leaf
// function of a native module), looking for handlers of `handler_type`.
Step unwind_step(DWORD handler_type, CONTEXT& context, FrameInfo& info, const HandlerCall*& call);

// True if `frame` can be an establisher frame on the current thread's stack.
bool frame_on_stack(ULONG64 frame);

// Dispatch as RtlDispatchException: vectored handlers, then the frame-based
// handlers from `context` up. True if a handler continues execution.
bool dispatch_exception(EXCEPTION_RECORD* record, CONTEXT* context);

// Dispatches the exception and resumes at the context if a handler allows
// it; otherwise the unhandled-exception filter decides.
[[noreturn]] void raise_exception(EXCEPTION_RECORD* record, CONTEXT* context);

// Raises `status` (noncontinuable) as RtlRaiseStatus does from inside the
// dispatcher, walking from `context`; `nested` is the exception it replaces.
[[noreturn]] void raise_status(DWORD status, EXCEPTION_RECORD* nested, const CONTEXT* context);

// RtlUnwindEx, unwinding from the frame `caller` is in.
[[noreturn]] void unwind(ULONG64 target_frame, ULONG64 target_ip, EXCEPTION_RECORD* record, ULONG64 return_value,
                         const CONTEXT* caller, UNWIND_HISTORY_TABLE* history);

// Resumes at `context`, after what the record asks for (STATUS_LONGJUMP,
// STATUS_UNWIND_CONSOLIDATE), as RtlRestoreContext.
[[noreturn]] void restore_context(CONTEXT* context, EXCEPTION_RECORD* record);

extern "C" {
__attribute__((ms_abi)) RUNTIME_FUNCTION* RtlLookupFunctionEntry(ULONG64 pc, ULONG64* image_base,
                                                               UNWIND_HISTORY_TABLE* history);
__attribute__((ms_abi)) PEXCEPTION_ROUTINE RtlVirtualUnwind(DWORD handler_type, ULONG64 image_base, ULONG64 pc,
                                                          RUNTIME_FUNCTION* function, CONTEXT* context,
                                                          void** handler_data, ULONG64* establisher_frame,
                                                          KNONVOLATILE_CONTEXT_POINTERS* pointers);
}
