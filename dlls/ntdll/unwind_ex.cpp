// RtlUnwindEx and RtlUnwind: the unwind phase. Every frame from the caller
// up to the target frame is unwound and its termination handler called with
// EXCEPTION_UNWINDING (and EXCEPTION_TARGET_UNWIND for the target), then the
// target frame's context resumes at the target address with rax set to the
// return value.
//
// A handler called here may raise an exception whose handler unwinds again
// (mingw's libgcc does so to run a frame's cleanup code): when that second
// unwind reaches the handler call of this one, the unwinds have collided,
// and it carries on from the frame this one had reached, as Windows does.
#include "ntdll_private.h"
#include "seh.h"
#include "vine/debug.h"

void unwind(ULONG64 target_frame, ULONG64 target_ip, EXCEPTION_RECORD* record, ULONG64 return_value,
                         const CONTEXT* caller, UNWIND_HISTORY_TABLE* history) {
    EXCEPTION_RECORD local{};
    if (!record) {
        local.ExceptionCode = STATUS_UNWIND;
        local.ExceptionAddress = reinterpret_cast<void*>(caller->Rip);
        record = &local;
    }
    record->ExceptionFlags |= EXCEPTION_UNWINDING;
    if (!target_frame) record->ExceptionFlags |= EXCEPTION_EXIT_UNWIND;
    SEH_TRACE("code=%08x flags=%x target frame %016llx ip %016llx from %016llx\n", record->ExceptionCode,
           record->ExceptionFlags, static_cast<unsigned long long>(target_frame),
           static_cast<unsigned long long>(target_ip), static_cast<unsigned long long>(caller->Rip));

    CONTEXT context = *caller;  // the frame being unwound
    // Whether context.Rip faulted (see unwind_step): __C_specific_handler
    // unwinds from a hardware exception's own context, whose first frame
    // must be looked up at the faulting instruction, not before it (which
    // may be another function when the fault is a prologue's first push).
    bool at_fault = hardware_context(record, caller);
    for (unsigned depth = 0; depth < 100000; ++depth) {
        CONTEXT next = context;  // its caller's
        FrameInfo info;
        const HandlerCall* call = nullptr;
        DWORD scope_index = 0;
        Step step = unwind_step(UNW_FLAG_UHANDLER, next, info, call, at_fault);
        if (step == Step::End) break;
        if (step == Step::Handler) {
            if (call->kind != HandlerCall::Unwind) {
                context = *call->resume;
                continue;
            }
            at_fault = false;  // the other unwind's frames are Windows frames
            // Collided: take over the other unwind at the frame it reached,
            // whose handler is called again, with EXCEPTION_COLLIDED_UNWIND.
            const DISPATCHER_CONTEXT* other = call->dispatch;
            context = *other->ContextRecord;
            next = context;
            info.control_pc = other->ControlPc;
            info.image_base = other->ImageBase;
            info.function = other->FunctionEntry;
            info.handler = other->LanguageHandler;
            info.handler_data = other->HandlerData;
            info.establisher = other->EstablisherFrame;
            scope_index = other->ScopeIndex;
            void* data;
            ULONG64 frame;
            RtlVirtualUnwind(UNW_FLAG_NHANDLER, info.image_base, info.control_pc, info.function, &next, &data, &frame,
                             nullptr);
            record->ExceptionFlags |= EXCEPTION_COLLIDED_UNWIND;
            SEH_TRACE("collided unwind at frame %016llx\n", static_cast<unsigned long long>(info.establisher));
        }
        if (!frame_on_stack(info.establisher)) raise_status(STATUS_BAD_STACK, record, caller);
        if (target_frame && info.establisher > target_frame) raise_status(STATUS_INVALID_UNWIND_TARGET, record, caller);
        if (info.handler) {
            if (info.establisher == target_frame) record->ExceptionFlags |= EXCEPTION_TARGET_UNWIND;
            DISPATCHER_CONTEXT dispatch{info.control_pc, info.image_base,   info.function,     info.establisher,
                                        target_ip,       &context,          info.handler,      info.handler_data,
                                        history,         scope_index,       0};
            HandlerCall how{HandlerCall::Unwind, caller, &dispatch, false};
            SEH_TRACE("calling handler %p for frame %016llx (pc %016llx) flags %x\n",
                   reinterpret_cast<void*>(info.handler), static_cast<unsigned long long>(info.establisher),
                   static_cast<unsigned long long>(info.control_pc), record->ExceptionFlags);
            auto disposition = static_cast<EXCEPTION_DISPOSITION>(
                vine_call_handler(record, reinterpret_cast<void*>(info.establisher), &context, &dispatch,
                                  reinterpret_cast<const void*>(info.handler), &how));
            record->ExceptionFlags &= ~(EXCEPTION_TARGET_UNWIND | EXCEPTION_COLLIDED_UNWIND);
            if (disposition != ExceptionContinueSearch) raise_status(STATUS_INVALID_DISPOSITION, record, caller);
        }
        record->ExceptionFlags &= ~EXCEPTION_COLLIDED_UNWIND;
        if (info.establisher == target_frame) {
            context.Rax = return_value;
            if (record->ExceptionCode != STATUS_UNWIND_CONSOLIDATE) context.Rip = target_ip;
            SEH_TRACE("resuming at %016llx rsp %016llx\n", static_cast<unsigned long long>(context.Rip),
                   static_cast<unsigned long long>(context.Rsp));
            restore_context(&context, record);
        }
        context = next;
    }
    // The target was not found above the caller (or an exit unwind ran out
    // of Windows frames).
    raise_status(STATUS_INVALID_UNWIND_TARGET, record, caller);
}

// RtlUnwindEx(frame, ip, record, value, context, history) (context.S). The
// context argument is only scratch space on Windows; the caller's context
// comes from the entry point.
extern "C" [[noreturn]] void vine_unwind_ex_entry(const ULONG64* args, CONTEXT* caller) {
    unwind(args[0], args[1], reinterpret_cast<EXCEPTION_RECORD*>(args[2]), args[3], caller,
           reinterpret_cast<UNWIND_HISTORY_TABLE*>(args[5]));
}

// RtlUnwind(frame, ip, record, value) (context.S).
extern "C" [[noreturn]] void vine_unwind_entry(const ULONG64* args, CONTEXT* caller) {
    unwind(args[0], args[1], reinterpret_cast<EXCEPTION_RECORD*>(args[2]), args[3], caller, nullptr);
}
