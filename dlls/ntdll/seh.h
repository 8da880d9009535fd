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
// walk that meets such a frame does not unwind the dispatcher's own frames
// above it; it continues at `resume` instead, the context those frames were
// entered from, as unwinding them would, and learns from the call whether
// it is a nested exception or a collided unwind.
struct HandlerCall {
    enum Kind { Exception, Unwind, Other } kind;
    const CONTEXT* resume;         // where the walk continues above the dispatcher's frames
    DISPATCHER_CONTEXT* dispatch;  // the caller's, for nested and collided unwinds
    bool resume_at_fault;          // resume->Rip is a faulting instruction, not a return address
};

// True if `context` is a hardware exception's, which crash.cpp stores
// right before its record (its Rip is then the faulting instruction).
inline bool hardware_context(const EXCEPTION_RECORD* record, const CONTEXT* context) {
    return reinterpret_cast<const char*>(record) == reinterpret_cast<const char*>(context) + sizeof(CONTEXT);
}

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
    Frame,    // a frame (Windows or ELF): info describes it, context is now its caller's
    Handler,  // a vine_call_handler frame: *call says how it was entered
    End,      // the end of the stack, or a frame without unwind data: the walk stops here
};

// Unwinds the frame `context` is in: by .pdata/.xdata, as a leaf function
// of a native module, or from the DWARF CFI of ELF code (which has no
// handler), looking for handlers of `handler_type`. `at_fault` says whether
// context.Rip is a faulting instruction rather than a return address (only
// the first frame of a hardware exception); it is updated for the caller.
Step unwind_step(DWORD handler_type, CONTEXT& context, FrameInfo& info, const HandlerCall*& call, bool& at_fault);

// RtlLookupFunctionEntry for ELF code: an entry made up from the DWARF CFI
// (elf_function_entries.cpp), which RtlVirtualUnwind recognises.
RUNTIME_FUNCTION* elf_function_entry(ULONG64 pc, ULONG64* image_base);
bool is_elf_function_entry(const RUNTIME_FUNCTION* function);

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
