// Exception dispatch, as Windows' RtlDispatchException: vectored handlers
// first, then the frame-based handlers found by unwinding from the
// exception's context, then the unhandled-exception filter (kernel32's
// UnhandledExceptionFilter, registered with RtlSetUnhandledExceptionFilter),
// whose default is vine's crash report and the exception code as exit
// status. Raising (RtlRaiseException, RaiseException, hardware exceptions
// from loader/crash.cpp) and resuming (RtlRestoreContext, NtContinue) too.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>

#include "ntdll_private.h"
#include "seh.h"
#include "vectored.h"
#include "vine/debug.h"
#include "vine/server_client.h"
#include "vine/loader.h"

// Read once, at load: the dispatcher avoids the allocation a channel lookup
// makes, since the exception may have hit inside the allocator.
const bool seh_trace = vine::debug::enabled("seh", vine::debug::Class::Trace);

namespace {

std::atomic<PTOP_LEVEL_EXCEPTION_FILTER> top_level_filter{nullptr};

// Ends the process as Windows does after an unhandled exception: at once,
// without DLL notifications (the process may be in any state).
[[noreturn]] void terminate_process(DWORD code) {
    fflush(nullptr);
    vine::client::report_exit(code);  // GetExitCodeProcess sees the whole code
    _exit(static_cast<int>(code & 0xff));
}

void trace_exception(const char* what, const EXCEPTION_RECORD* record, const CONTEXT* context) {
    if (!seh_trace) return;
    vine::debug::print("seh", vine::debug::Class::Trace, what,
                       "code=%08x flags=%x addr=%p params=%u rip=%016llx rsp=%016llx\n", record->ExceptionCode,
                       record->ExceptionFlags, record->ExceptionAddress, record->NumberParameters,
                       static_cast<unsigned long long>(context->Rip), static_cast<unsigned long long>(context->Rsp));
    for (DWORD i = 0; i < record->NumberParameters && i < EXCEPTION_MAXIMUM_PARAMETERS; ++i)
        vine::debug::print("seh", vine::debug::Class::Trace, what, " info[%u]=%016llx\n", i,
                           static_cast<unsigned long long>(record->ExceptionInformation[i]));
}

// The frame-based part of the dispatch. The handlers get the exception's
// context (which they may change before continuing) and a dispatcher
// context whose ContextRecord is the walk's context, already unwound to the
// frame's caller.
bool dispatch_to_frames(EXCEPTION_RECORD* record, CONTEXT* original) {
    CONTEXT context = *original;
    ULONG64 nested_frame = 0;
    bool original_at_fault = hardware_context(record, original);
    bool at_fault = original_at_fault;
    for (unsigned depth = 0; depth < 100000; ++depth) {
        FrameInfo info;
        const HandlerCall* call = nullptr;
        Step step = unwind_step(UNW_FLAG_EHANDLER, context, info, call, at_fault);
        if (step == Step::End) {
            SEH_TRACE("end of the walk at %016llx\n", static_cast<unsigned long long>(info.control_pc));
            return false;
        }
        if (step == Step::Handler) {
            // An exception raised inside a handler this dispatcher called: a
            // nested exception if that was a frame handler of a dispatch.
            if (call->kind == HandlerCall::Exception) {
                record->ExceptionFlags |= EXCEPTION_NESTED_CALL;
                nested_frame = std::max(nested_frame, call->dispatch->EstablisherFrame);
            }
            context = *call->resume;
            continue;
        }
        if (!frame_on_stack(info.establisher)) {
            record->ExceptionFlags |= EXCEPTION_STACK_INVALID;
            return false;
        }
        if (!info.handler) continue;
        DISPATCHER_CONTEXT dispatch{info.control_pc, info.image_base,   info.function,     info.establisher, 0,
                                    &context,        info.handler,      info.handler_data, nullptr,          0,
                                    0};
        HandlerCall how{HandlerCall::Exception, original, &dispatch, original_at_fault};
        SEH_TRACE("calling handler %p for frame %016llx (pc %016llx)\n", reinterpret_cast<void*>(info.handler),
               static_cast<unsigned long long>(info.establisher), static_cast<unsigned long long>(info.control_pc));
        auto disposition = static_cast<EXCEPTION_DISPOSITION>(
            vine_call_handler(record, reinterpret_cast<void*>(info.establisher), original, &dispatch,
                              reinterpret_cast<const void*>(info.handler), &how));
        SEH_TRACE("handler %p returned %d\n", reinterpret_cast<void*>(info.handler), static_cast<int>(disposition));
        if (nested_frame == info.establisher) {
            record->ExceptionFlags &= ~EXCEPTION_NESTED_CALL;
            nested_frame = 0;
        }
        switch (disposition) {
        case ExceptionContinueExecution:
            if (record->ExceptionFlags & EXCEPTION_NONCONTINUABLE)
                raise_status(STATUS_NONCONTINUABLE_EXCEPTION, record, original);
            return true;
        case ExceptionContinueSearch: break;
        case ExceptionNestedException:
            record->ExceptionFlags |= EXCEPTION_NESTED_CALL;
            nested_frame = std::max(nested_frame, dispatch.EstablisherFrame);
            break;
        default: raise_status(STATUS_INVALID_DISPOSITION, record, original);
        }
    }
    return false;
}

// No handler took the exception: the top-level filter, as the __except
// around a thread's start routine on Windows.
[[noreturn]] void unhandled_exception(EXCEPTION_RECORD* record, CONTEXT* context) {
    LONG result = EXCEPTION_CONTINUE_SEARCH;
    if (PTOP_LEVEL_EXCEPTION_FILTER filter = top_level_filter.load()) {
        EXCEPTION_POINTERS pointers{record, context};
        HandlerCall how{HandlerCall::Other, context, nullptr, hardware_context(record, context)};
        result = static_cast<LONG>(
            vine_call_handler(&pointers, nullptr, nullptr, nullptr, reinterpret_cast<const void*>(filter), &how));
        SEH_TRACE("unhandled exception filter returned %d\n", static_cast<int>(result));
    }
    if (result == EXCEPTION_CONTINUE_EXECUTION) {
        if (record->ExceptionFlags & EXCEPTION_NONCONTINUABLE)
            raise_status(STATUS_NONCONTINUABLE_EXCEPTION, record, context);
        call_vectored_continue_handlers(record, context);
        vine_restore_context(context);
    }
    if (result != EXCEPTION_EXECUTE_HANDLER) vine::loader::report_exception(record, context);
    terminate_process(record->ExceptionCode);
}

// A copy of MSVCRT's x64 _JUMP_BUFFER, which longjmp unwinds to.
struct JumpBuffer {
    ULONG64 Frame, Rbx, Rsp, Rbp, Rsi, Rdi, R12, R13, R14, R15, Rip;
    ULONG MxCsr;
    USHORT FpCsr, Spare;
    M128A Xmm[10];  // xmm6 to xmm15
};
static_assert(offsetof(JumpBuffer, Xmm) == 0x60);

}  // namespace

bool dispatch_exception(EXCEPTION_RECORD* record, CONTEXT* context) {
    trace_exception("dispatch", record, context);
    if (call_vectored_exception_handlers(record, context) || dispatch_to_frames(record, context)) {
        call_vectored_continue_handlers(record, context);
        SEH_TRACE("continuing at %016llx\n", static_cast<unsigned long long>(context->Rip));
        return true;
    }
    return false;
}

void raise_exception(EXCEPTION_RECORD* record, CONTEXT* context) {
    if (dispatch_exception(record, context)) vine_restore_context(context);
    unhandled_exception(record, context);
}

void raise_status(DWORD status, EXCEPTION_RECORD* nested, const CONTEXT* context) {
    // A hardware exception's context stays followed by the record, so the
    // walk still takes its Rip as the faulting instruction.
    struct {
        CONTEXT context;
        EXCEPTION_RECORD record;
    } adjacent{};
    EXCEPTION_RECORD separate{};
    EXCEPTION_RECORD& record = hardware_context(nested, context) ? adjacent.record : separate;
    record.ExceptionCode = status;
    record.ExceptionFlags = EXCEPTION_NONCONTINUABLE;
    record.ExceptionRecord = nested;
    record.ExceptionAddress = reinterpret_cast<void*>(context->Rip);
    adjacent.context = *context;
    raise_exception(&record, &adjacent.context);
}

void restore_context(CONTEXT* context, EXCEPTION_RECORD* record) {
    if (record && record->ExceptionCode == STATUS_LONGJUMP && record->NumberParameters >= 1) {
        const auto* jump = reinterpret_cast<const JumpBuffer*>(record->ExceptionInformation[0]);
        context->Rbx = jump->Rbx;
        context->Rsp = jump->Rsp;
        context->Rbp = jump->Rbp;
        context->Rsi = jump->Rsi;
        context->Rdi = jump->Rdi;
        context->R12 = jump->R12;
        context->R13 = jump->R13;
        context->R14 = jump->R14;
        context->R15 = jump->R15;
        context->Rip = jump->Rip;
        context->MxCsr = jump->MxCsr;
        context->FltSave.MxCsr = jump->MxCsr;
        context->FltSave.ControlWord = jump->FpCsr;
        memcpy(&context->Xmm[6], jump->Xmm, sizeof(jump->Xmm));
    } else if (record && record->ExceptionCode == STATUS_UNWIND_CONSOLIDATE && record->NumberParameters >= 1) {
        // The callback (a C++ runtime's, running a catch block) returns
        // where to continue. A walk from inside it goes on at the target
        // frame, as the frames below that one are unwound already.
        HandlerCall how{HandlerCall::Other, context, nullptr, false};
        context->Rip = vine_call_handler(record, nullptr, nullptr, nullptr,
                                         reinterpret_cast<const void*>(record->ExceptionInformation[0]), &how);
    }
    vine_restore_context(context);
}

// RtlRaiseException (context.S): the exception happens at the caller.
extern "C" [[noreturn]] void vine_raise_exception_entry(const ULONG64* args, CONTEXT* caller) {
    auto* record = reinterpret_cast<EXCEPTION_RECORD*>(args[0]);
    record->ExceptionAddress = reinterpret_cast<void*>(caller->Rip);
    raise_exception(record, caller);
}

// kernel32's RaiseException(code, flags, count, arguments) (context.S). The
// exception address is the return address in the caller, whose frame is
// the first one searched.
extern "C" [[noreturn]] void vine_raise_exception_args_entry(const ULONG64* args, CONTEXT* caller) {
    EXCEPTION_RECORD record{};
    record.ExceptionCode = static_cast<DWORD>(args[0]);
    record.ExceptionFlags = static_cast<DWORD>(args[1]) & EXCEPTION_NONCONTINUABLE;
    record.ExceptionAddress = reinterpret_cast<void*>(caller->Rip);
    if (const auto* arguments = reinterpret_cast<const ULONG_PTR*>(args[3])) {
        record.NumberParameters = std::min<DWORD>(static_cast<DWORD>(args[2]), EXCEPTION_MAXIMUM_PARAMETERS);
        memcpy(record.ExceptionInformation, arguments, record.NumberParameters * sizeof(ULONG_PTR));
    }
    raise_exception(&record, caller);
}

// RtlRaiseStatus(status) (context.S).
extern "C" [[noreturn]] void vine_raise_status_entry(const ULONG64* args, CONTEXT* caller) {
    raise_status(static_cast<DWORD>(args[0]), nullptr, caller);
}

// KiUserExceptionDispatcher (context.S): a hardware exception, on the
// faulting thread's stack.
extern "C" [[noreturn]] void vine_dispatch_user_exception(EXCEPTION_RECORD* record, CONTEXT* context) {
    raise_exception(record, context);
}

VINE_EXPORT void RtlRestoreContext(CONTEXT* context, EXCEPTION_RECORD* record) { restore_context(context, record); }

VINE_EXPORT NTSTATUS NtContinue(CONTEXT* context, BOOLEAN) { vine_restore_context(context); }

VINE_EXPORT NTSTATUS NtRaiseException(EXCEPTION_RECORD* record, CONTEXT* context, BOOLEAN first_chance) {
    if (first_chance) raise_exception(record, context);
    unhandled_exception(record, context);
}

VINE_EXPORT void RtlSetUnhandledExceptionFilter(PTOP_LEVEL_EXCEPTION_FILTER filter) { top_level_filter = filter; }
