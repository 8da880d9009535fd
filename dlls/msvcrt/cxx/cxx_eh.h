// MSVC C++ exception handling, shared by msvcrt.dll and vcruntime140.dll
// (each links its own copy of msvcrt_cxx, so each has its own per-thread
// state, as each Windows CRT does).
//
// How a catch runs (frame_handler3.cpp, catch_state.cpp):
//   1. __CxxFrameHandler3, searching, finds a handler matching the thrown
//      type in the frame (or in a catch funclet of it), builds the catch
//      parameter in the function's frame and unwinds to that frame with a
//      STATUS_UNWIND_CONSOLIDATE record, which runs the destructors of every
//      frame in between and of this frame's own try block;
//   2. ntdll, restoring the target context, calls the record's callback,
//      which calls the catch funclet with the function's frame; a walk from
//      inside it continues at the target frame (ntdll's handler call);
//   3. while the funclet runs, the function's UnwindHelp slot holds the
//      state outside the try block (so a nested exception does not find
//      this try block again); the callback returns the funclet's result,
//      the address where the function continues.
#pragma once

#include "vine/context.h"
#include "vine/msvc_eh.h"

namespace vine::cxx {

// A catch in progress, or one left by an exception (found dead later).
struct CatchEntry {
    EXCEPTION_RECORD record;     // a copy of the exception being handled
    const CONTEXT* context;      // its context (valid while the catch runs)
    uintptr_t callback_frame;    // a stack address in the callback's frame
    // The function's UnwindHelp slot and the value it had before the catch,
    // put back when the catch ends, also when an exception leaves it.
    int32_t* unwind_help;
    int32_t saved_unwind_help;
    uintptr_t parent_frame;      // the function's establisher frame
};

// The exception object's destructor, from its ThrowInfo (nothing for a
// non-C++ exception).
void destroy_exception_object(const EXCEPTION_RECORD& record);

// Catch bookkeeping of the calling thread (catch_state.cpp).
// Entries whose callback frame lies below `target_frame` were left by an
// exception now caught at `target_frame`: their objects are destroyed
// unless `caught` (a rethrow of them) carries the same object, and the
// UnwindHelp of a function still on the stack gets its value back.
void reap_left_catches(uintptr_t target_frame, const EXCEPTION_RECORD& caught);
CatchEntry* push_catch(const EXCEPTION_RECORD& record, const CONTEXT* context, uintptr_t callback_frame,
                       int32_t* unwind_help, uintptr_t parent_frame);
// Ends the innermost catch normally: its object is destroyed unless an
// enclosing catch still handles the same object.
void pop_catch(CatchEntry* entry);
// The exception the innermost running catch handles, or null.
const CatchEntry* current_catch();

// Per-thread values some exports return pointers to.
int* processing_throw();
EXCEPTION_RECORD** current_exception_record();
CONTEXT** current_exception_context();

// std::terminate: the handler set by set_terminate, then abort.
[[noreturn]] void terminate();
using TerminateHandler = void(__attribute__((ms_abi))*)();
TerminateHandler set_terminate(TerminateHandler handler);

inline bool is_cxx_exception(const EXCEPTION_RECORD& record) {
    return record.ExceptionCode == msvc_eh::kCxxExceptionCode && record.NumberParameters >= 3 &&
           record.ExceptionInformation[0] >= msvc_eh::kCxxMagic &&
           record.ExceptionInformation[0] <= msvc_eh::kCxxMagic + 2;
}

template <typename T>
const T* rva(ULONG64 base, int32_t offset) {
    return reinterpret_cast<const T*>(base + static_cast<uint32_t>(offset));
}

}  // namespace vine::cxx

// Provided by each DLL linking msvcrt_cxx: what abort() does there.
[[noreturn]] void vine_cxx_abort();
