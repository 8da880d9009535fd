// __C_specific_handler: the language handler of C __try/__except/__finally
// (MSVC, clang), driven by the SCOPE_TABLE in the function's handler data.
// Scope records are ordered innermost first; JumpTarget 0 marks a __finally
// whose HandlerAddress is the termination handler, otherwise HandlerAddress
// is the filter (1 means EXCEPTION_EXECUTE_HANDLER without a filter) and
// JumpTarget the __except block.
//
// Filters and termination handlers are called through vine_call_handler,
// so an exception raised inside them is recognised as nested (or, during
// an unwind, as colliding with it); the unwind to an __except starts from
// the exception's context rather than from here.
#include "ntdll_private.h"
#include "seh.h"

VINE_EXPORT EXCEPTION_DISPOSITION __C_specific_handler(EXCEPTION_RECORD* record, void* frame, CONTEXT* context,
                                                       DISPATCHER_CONTEXT* dispatch) {
    const auto* table = static_cast<const SCOPE_TABLE*>(dispatch->HandlerData);
    ULONG64 base = dispatch->ImageBase;
    ULONG64 pc = dispatch->ControlPc - base;

    if (record->ExceptionFlags & EXCEPTION_UNWIND) {
        ULONG64 target = dispatch->TargetIp - base;
        HandlerCall how{HandlerCall::Unwind, context, dispatch, false};
        for (DWORD i = dispatch->ScopeIndex; i < table->Count; ++i) {
            const auto& scope = table->ScopeRecord[i];
            if (pc < scope.BeginAddress || pc >= scope.EndAddress) continue;
            // The __except being unwound to ends the unwinding of this frame.
            if ((record->ExceptionFlags & EXCEPTION_TARGET_UNWIND) && scope.JumpTarget == target) break;
            if (scope.JumpTarget) continue;
            // A __finally; a collided unwind resumes after it.
            dispatch->ScopeIndex = i + 1;
            vine_call_handler(reinterpret_cast<void*>(uintptr_t{TRUE}), frame, nullptr, nullptr,
                              reinterpret_cast<const void*>(base + scope.HandlerAddress), &how);
        }
        return ExceptionContinueSearch;
    }

    HandlerCall how{HandlerCall::Exception, context, dispatch, hardware_context(record, context)};
    for (DWORD i = 0; i < table->Count; ++i) {
        const auto& scope = table->ScopeRecord[i];
        if (pc < scope.BeginAddress || pc >= scope.EndAddress || !scope.JumpTarget) continue;
        LONG result = EXCEPTION_EXECUTE_HANDLER;
        if (scope.HandlerAddress != 1) {
            EXCEPTION_POINTERS pointers{record, context};
            result = static_cast<LONG>(vine_call_handler(&pointers, frame, nullptr, nullptr,
                                                         reinterpret_cast<const void*>(base + scope.HandlerAddress),
                                                         &how));
        }
        if (result < 0) return ExceptionContinueExecution;
        // The __except block gets the exception code in rax.
        if (result > 0)
            unwind(reinterpret_cast<ULONG64>(frame), base + scope.JumpTarget, record, record->ExceptionCode, context,
                   dispatch->HistoryTable);
    }
    return ExceptionContinueSearch;
}
