// __CxxFrameHandler3 (and __CxxFrameHandler, __CxxFrameHandler2, which read
// the same FuncInfo): the language handler of functions with C++ try
// blocks or objects to destroy. See cxx_eh.h for how a catch runs.
//
// States: the function's ip-to-state map gives the state at a pc; while a
// catch funclet of the function runs, the function's UnwindHelp slot (set
// to -2 by its prologue) holds the state outside that try block instead.
// A catch funclet is a function of its own in .pdata with the same
// FuncInfo; it is recognised by its start address being a handler of a try
// block whose catch states hold its pc, and it finds the function's frame
// where HandlerType::frame says it saved it.
#include "cxx/cxx_eh.h"
#include "vine/debug.h"

namespace vine::cxx {
namespace {

using namespace msvc_eh;

constexpr int32_t kNoOverride = -2;
using Funclet = ULONG64(__attribute__((ms_abi))*)(ULONG64, ULONG64);

struct Frame {
    const FuncInfo* info;
    ULONG64 base;
    ULONG64 establisher;
    ULONG64 parent;                      // the function's frame: establisher unless a catch funclet
    const TryBlockMapEntry* in_catch;    // for a catch funclet: its try block
};

const TryBlockMapEntry* try_blocks(const Frame& f) { return rva<TryBlockMapEntry>(f.base, f.info->try_block_map); }

int32_t ip_state(const Frame& f, ULONG64 pc) {
    const auto* map = rva<IpToStateMapEntry>(f.base, f.info->ip_map);
    int32_t state = kEmptyState;
    for (uint32_t i = 0; i < f.info->ip_map_count; ++i) {
        if (f.base + static_cast<uint32_t>(map[i].ip) > pc) break;
        state = map[i].state;
    }
    return state;
}

int32_t* unwind_help(const Frame& f) {
    if (!f.info->unwind_help) return nullptr;
    return reinterpret_cast<int32_t*>(f.parent + static_cast<int64_t>(f.info->unwind_help));
}

// The frame's state: the override while one of its catches runs.
int32_t current_state(const Frame& f, ULONG64 pc) {
    if (!f.in_catch)
        if (int32_t* help = unwind_help(f); help && *help != kNoOverride) return *help;
    return ip_state(f, pc);
}

Frame describe(const FuncInfo* info, ULONG64 establisher, const DISPATCHER_CONTEXT* dispatch) {
    Frame f{info, dispatch->ImageBase, establisher, establisher, nullptr};
    int32_t state = ip_state(f, dispatch->ControlPc);
    uint32_t begin = dispatch->FunctionEntry ? dispatch->FunctionEntry->BeginAddress : 0;
    const auto* blocks = try_blocks(f);
    for (uint32_t i = 0; i < info->try_block_count; ++i) {
        const auto& block = blocks[i];
        if (state <= block.try_high || state > block.catch_high) continue;
        const auto* handlers = rva<HandlerType>(f.base, block.handlers);
        for (int32_t j = 0; j < block.catch_count; ++j) {
            if (static_cast<uint32_t>(handlers[j].handler) != begin) continue;
            f.parent = *reinterpret_cast<const ULONG64*>(establisher + static_cast<int64_t>(handlers[j].frame));
            f.in_catch = &block;
            return f;
        }
    }
    return f;
}

// The state outside a try block: where its catch leaves the function.
int32_t state_outside(const Frame& f, const TryBlockMapEntry& block) {
    if (block.try_low < 0 || block.try_low >= f.info->max_state) return kEmptyState;
    return rva<UnwindMapEntry>(f.base, f.info->unwind_map)[block.try_low].to_state;
}

// Runs the cleanup actions from `state` down to `target` (exclusive).
int32_t unwind_to(const Frame& f, int32_t state, int32_t target) {
    const auto* map = rva<UnwindMapEntry>(f.base, f.info->unwind_map);
    for (int steps = 0; state > target && state < f.info->max_state && steps <= f.info->max_state; ++steps) {
        const auto& entry = map[state];
        state = entry.to_state;
        if (entry.action) reinterpret_cast<Funclet>(f.base + static_cast<uint32_t>(entry.action))(0, f.parent);
    }
    return state;
}

EXCEPTION_DISPOSITION unwind_frame(const EXCEPTION_RECORD& record, const Frame& f, ULONG64 pc) {
    int32_t state = current_state(f, pc);
    int32_t target = kEmptyState;
    if (f.in_catch) target = f.in_catch->try_high;  // the catch's states; the rest is the function's
    if (record.ExceptionFlags & EXCEPTION_TARGET_UNWIND)
        if (const CatchTarget* caught = catch_target_of(record); caught && caught->tables == f.info)
            target = caught->state_outside;
    int32_t reached = unwind_to(f, state, target);
    if (!f.in_catch)
        if (int32_t* help = unwind_help(f); help && *help != kNoOverride) *help = reached;
    return ExceptionContinueSearch;
}

// Searches the frame's try blocks for a handler of the exception; unwinds
// to it and does not return if there is one.
void find_handler(EXCEPTION_RECORD* record, CONTEXT* context, const Frame& f, DISPATCHER_CONTEXT* dispatch) {
    int32_t state = current_state(f, dispatch->ControlPc);
    bool synchronous = f.info->magic() >= kFuncInfoMagic3 && (f.info->eh_flags & kEHFlagSynchronous);
    const auto* blocks = try_blocks(f);
    for (uint32_t i = 0; i < f.info->try_block_count; ++i) {
        const auto& block = blocks[i];
        if (state < block.try_low || state > block.try_high) continue;
        // In a catch funclet, only the try blocks inside that catch.
        if (f.in_catch && (block.try_low <= f.in_catch->try_high || block.catch_high > f.in_catch->catch_high))
            continue;
        const auto* handlers = rva<HandlerType>(f.base, block.handlers);
        for (int32_t j = 0; j < block.catch_count; ++j) {
            const HandlerType& handler = handlers[j];
            bool any = false;
            const auto* type = handler.type ? rva<TypeDescriptor>(f.base, handler.type) : nullptr;
            const CatchableType* catchable = find_catchable(*record, handler.adjectives, type, any);
            if (!catchable && !(any && (is_cxx_exception(*record) || !synchronous))) continue;
            if (catchable && handler.catch_object)
                build_catch_object(*record, handler.adjectives,
                                   reinterpret_cast<void*>(f.parent + static_cast<int64_t>(handler.catch_object)),
                                   *catchable);
            CatchTarget target{};
            target.parent_frame = f.parent;
            target.target_frame = f.establisher;
            target.handler = f.base + static_cast<uint32_t>(handler.handler);
            target.state_outside = state_outside(f, block);
            target.unwind_help = unwind_help(f);
            target.tables = f.info;
            unwind_to_catch(record, context, dispatch, target);
        }
    }
}

}  // namespace

static EXCEPTION_DISPOSITION frame_handler3(EXCEPTION_RECORD* record, ULONG64 establisher, CONTEXT* context,
                                     DISPATCHER_CONTEXT* dispatch, const FuncInfo* info) {
    uint32_t magic = info->magic();
    if (magic < kFuncInfoMagic1 || magic > kFuncInfoMagic3) return ExceptionContinueSearch;
    Frame f = describe(info, establisher, dispatch);
    if (record->ExceptionFlags & EXCEPTION_UNWIND) {
        // /EHs code destroys its objects for C++ exceptions, catches and
        // longjmp, not when other SEH exceptions unwind it.
        bool synchronous = magic >= kFuncInfoMagic3 && (info->eh_flags & kEHFlagSynchronous);
        if (synchronous && !is_cxx_exception(*record) && record->ExceptionCode != STATUS_UNWIND_CONSOLIDATE &&
            record->ExceptionCode != STATUS_LONGJUMP)
            return ExceptionContinueSearch;
        return unwind_frame(*record, f, dispatch->ControlPc);
    }
    if (magic >= kFuncInfoMagic3 && (info->eh_flags & kEHFlagSynchronous) && !is_cxx_exception(*record) &&
        !info->try_block_count)
        return ExceptionContinueSearch;
    find_handler(record, context, f, dispatch);
    // Nothing here takes it: a noexcept function ends the program.
    if (magic >= kFuncInfoMagic3 && (info->eh_flags & kEHFlagNoexcept) && is_cxx_exception(*record) && !f.in_catch)
        terminate();
    return ExceptionContinueSearch;
}

}  // namespace vine::cxx

// The handler data of all three is an RVA of the FuncInfo.
extern "C" __attribute__((ms_abi, visibility("default"))) EXCEPTION_DISPOSITION vine_CxxFrameHandler3(
    EXCEPTION_RECORD* record, void* frame, CONTEXT* context, DISPATCHER_CONTEXT* dispatch) {
    const auto* info = vine::cxx::rva<vine::msvc_eh::FuncInfo>(dispatch->ImageBase,
                                                               *static_cast<const int32_t*>(dispatch->HandlerData));
    return vine::cxx::frame_handler3(record, reinterpret_cast<ULONG64>(frame), context, dispatch, info);
}
