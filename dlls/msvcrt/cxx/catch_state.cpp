// The calling thread's catches in progress: what `throw;`, __current_exception
// and the exception object's lifetime depend on.
//
// A catch left by an exception (a rethrow or a new throw from the catch
// block) is not told so: Vine's unwinder passes builtin frames without
// running code in them. Such an entry is recognised when the exception is
// caught: every entry whose callback ran below the catching frame is gone.
// Its object is then destroyed, unless the exception caught is the same
// object thrown again.
#include "cxx/cxx_eh.h"

namespace vine::cxx {
namespace {

constexpr int kMaxCatches = 64;  // nesting depth of catch blocks on one thread

struct ThreadState {
    CatchEntry catches[kMaxCatches];
    int count = 0;
    int processing_throw = 0;
    EXCEPTION_RECORD* current_record = nullptr;
    CONTEXT* current_context = nullptr;
};

thread_local ThreadState state;

void object_of(const EXCEPTION_RECORD& record, ULONG_PTR& object) {
    object = is_cxx_exception(record) ? record.ExceptionInformation[1] : 0;
}

bool same_object(const EXCEPTION_RECORD& a, const EXCEPTION_RECORD& b) {
    ULONG_PTR x, y;
    object_of(a, x);
    object_of(b, y);
    return x && x == y;
}

void refresh_current() {
    if (state.count == 0) {
        state.current_record = nullptr;
        state.current_context = nullptr;
        return;
    }
    CatchEntry& top = state.catches[state.count - 1];
    state.current_record = &top.record;
    state.current_context = const_cast<CONTEXT*>(top.context);
}

TerminateHandler terminate_handler = nullptr;

}  // namespace

void destroy_exception_object(const EXCEPTION_RECORD& record) {
    if (!is_cxx_exception(record) || !record.ExceptionInformation[1] || !record.ExceptionInformation[2]) return;
    const auto* info = reinterpret_cast<const msvc_eh::ThrowInfo*>(record.ExceptionInformation[2]);
    if (!info->destructor) return;
    ULONG64 base = record.NumberParameters >= 4 ? record.ExceptionInformation[3] : 0;
    using Destructor = void(__attribute__((ms_abi))*)(void*);
    auto destructor = reinterpret_cast<Destructor>(base + static_cast<uint32_t>(info->destructor));
    destructor(reinterpret_cast<void*>(record.ExceptionInformation[1]));
}

void reap_left_catches(uintptr_t target_frame, const EXCEPTION_RECORD& caught) {
    while (state.count > 0) {
        CatchEntry& entry = state.catches[state.count - 1];
        if (entry.callback_frame >= target_frame) break;
        --state.count;
        if (entry.unwind_help && entry.parent_frame >= target_frame) *entry.unwind_help = entry.saved_unwind_help;
        if (!same_object(entry.record, caught)) destroy_exception_object(entry.record);
    }
    refresh_current();
}

CatchEntry* push_catch(const EXCEPTION_RECORD& record, const CONTEXT* context, uintptr_t callback_frame,
                       int32_t* unwind_help, uintptr_t parent_frame, int32_t parent_state) {
    if (state.count == kMaxCatches) terminate();
    CatchEntry& entry = state.catches[state.count++];
    entry.record = record;
    entry.context = context;
    entry.callback_frame = callback_frame;
    entry.unwind_help = unwind_help;
    entry.saved_unwind_help = unwind_help ? *unwind_help : 0;
    entry.parent_frame = parent_frame;
    entry.parent_state = parent_state;
    if (state.processing_throw > 0) --state.processing_throw;
    refresh_current();
    return &entry;
}

void pop_catch(CatchEntry* entry) {
    // The entry is the innermost: catches nested in it have ended or were
    // reaped when this one's funclet caught what left them.
    int index = static_cast<int>(entry - state.catches);
    EXCEPTION_RECORD record = entry->record;
    if (entry->unwind_help) *entry->unwind_help = entry->saved_unwind_help;
    state.count = index;
    bool still_handled = false;
    for (int i = 0; i < state.count; ++i)
        if (same_object(state.catches[i].record, record)) still_handled = true;
    refresh_current();
    if (!still_handled) destroy_exception_object(record);
}

CatchEntry* catch_of_frame(uintptr_t parent_frame) {
    for (int i = state.count - 1; i >= 0; --i) {
        CatchEntry& entry = state.catches[i];
        if (entry.parent_frame == parent_frame && !entry.unwind_help) return &entry;
    }
    return nullptr;
}

const CatchEntry* current_catch() { return state.count ? &state.catches[state.count - 1] : nullptr; }

int* processing_throw() { return &state.processing_throw; }
EXCEPTION_RECORD** current_exception_record() { return &state.current_record; }
CONTEXT** current_exception_context() { return &state.current_context; }

void terminate() {
    if (TerminateHandler handler = terminate_handler) handler();
    vine_cxx_abort();
}

TerminateHandler set_terminate(TerminateHandler handler) {
    TerminateHandler old = terminate_handler;
    terminate_handler = handler;
    return old;
}

}  // namespace vine::cxx
