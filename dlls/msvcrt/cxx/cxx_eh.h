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
    // The function's state while the catch runs, for tables without an
    // UnwindHelp slot (FH4); unwinding the function moves it on.
    int32_t parent_state;
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
                       int32_t* unwind_help, uintptr_t parent_frame, int32_t parent_state);
// The innermost catch running (or left) of the function whose frame is
// `parent_frame` and whose tables have no UnwindHelp slot; null if none.
CatchEntry* catch_of_frame(uintptr_t parent_frame);
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

// ---- What __CxxFrameHandler3 and __CxxFrameHandler4 share (catch_engine.cpp)

// The CatchableType of the thrown object that a handler with these
// adjectives and type (null for catch(...)) accepts; null if none. `any` is
// set for catch(...).
const msvc_eh::CatchableType* find_catchable(const EXCEPTION_RECORD& record, uint32_t adjectives,
                                             const msvc_eh::TypeDescriptor* handler_type, bool& any);
// Initializes the catch parameter at `destination` (a reference, a pointer
// converted to the base caught, or a copy).
void build_catch_object(const EXCEPTION_RECORD& record, uint32_t adjectives, void* destination,
                        const msvc_eh::CatchableType& catchable);

// A handler found: where the unwind goes and what runs there.
struct CatchTarget {
    ULONG64 parent_frame;     // the function's frame (the funclets' argument)
    ULONG64 target_frame;     // the establisher frame unwound to (the function's or a catch funclet's)
    ULONG64 handler;          // the catch funclet
    int32_t state_outside;    // the function's state while the catch runs
    int32_t* unwind_help;     // FH3: where that state is kept; null when the catch entry keeps it (FH4)
    uint32_t continuation_count;  // FH4: continuation addresses from the tables (the funclet returns an index)
    ULONG64 continuation[2];
    const void* tables;       // the function's FuncInfo, which recognises its own target unwind
};
// Unwinds to the catching frame (every frame in between runs its cleanups)
// and runs the catch there; does not return.
[[noreturn]] void unwind_to_catch(EXCEPTION_RECORD* record, CONTEXT* context, DISPATCHER_CONTEXT* dispatch,
                                  const CatchTarget& target);
// The target of an unwind that unwind_to_catch started; null for any other record.
const CatchTarget* catch_target_of(const EXCEPTION_RECORD& record);

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
