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
#include <cstring>

#include "cxx/cxx_eh.h"
#include "vine/debug.h"

extern "C" {
__attribute__((ms_abi)) void RtlUnwindEx(void* frame, void* target_ip, EXCEPTION_RECORD* record, void* value,
                                         CONTEXT* context, UNWIND_HISTORY_TABLE* history);
}

namespace vine::cxx {
namespace {

using namespace msvc_eh;

constexpr int32_t kNoOverride = -2;
// ExceptionInformation of the STATUS_UNWIND_CONSOLIDATE record.
enum ConsolidateSlot {
    kCallback,        // catch_callback
    kParentFrame,     // the function's establisher frame (the funclets' argument)
    kFuncInfo,
    kImageBase,
    kTryBlock,        // index of the try block caught in
    kHandler,         // the catch funclet
    kException,       // the EXCEPTION_RECORD being caught
    kContext,         // its CONTEXT
    kTargetFrame,     // the frame the unwind goes to (the function's or a catch funclet's)
    kSlotCount
};

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

// Where a base class (or the object) of the thrown object is.
ULONG_PTR adjust_pointer(ULONG_PTR object, const PMD& pmd) {
    ULONG_PTR result = object + pmd.mdisp;
    if (pmd.pdisp >= 0) {
        const auto* vbtable = *reinterpret_cast<const uint8_t* const*>(object + pmd.pdisp);
        result += pmd.pdisp + *reinterpret_cast<const int32_t*>(vbtable + pmd.vdisp);
    }
    return result;
}

bool is_ellipsis(const HandlerType& handler, const TypeDescriptor* type) {
    return (handler.adjectives & HT_IsStdDotDot) || !type || !type->name[0];
}

bool type_matches(const HandlerType& handler, const TypeDescriptor* handler_type, const CatchableType& catchable,
                  const TypeDescriptor* thrown_type, uint32_t attributes) {
    if (handler_type != thrown_type && strcmp(handler_type->name, thrown_type->name) != 0) return false;
    if ((catchable.properties & CT_ByReferenceOnly) && !(handler.adjectives & HT_IsReference)) return false;
    if ((attributes & TI_IsConst) && !(handler.adjectives & HT_IsConst)) return false;
    if ((attributes & TI_IsVolatile) && !(handler.adjectives & HT_IsVolatile)) return false;
    if ((attributes & TI_IsUnaligned) && !(handler.adjectives & HT_IsUnaligned)) return false;
    return true;
}

// The CatchableType of the thrown object that `handler` accepts; null if
// none. `*any` is set for catch(...).
const CatchableType* find_catchable(const EXCEPTION_RECORD& record, const Frame& f, const HandlerType& handler,
                                    bool& any) {
    const auto* handler_type = handler.type ? rva<TypeDescriptor>(f.base, handler.type) : nullptr;
    any = is_ellipsis(handler, handler_type);
    if (!is_cxx_exception(record)) return nullptr;
    const auto* info = reinterpret_cast<const ThrowInfo*>(record.ExceptionInformation[2]);
    if (any) return nullptr;
    ULONG64 throw_base = record.NumberParameters >= 4 ? record.ExceptionInformation[3] : 0;
    const auto* array = rva<CatchableTypeArray>(throw_base, info->catchable_types);
    for (int32_t i = 0; i < array->count; ++i) {
        const auto* catchable = rva<CatchableType>(throw_base, array->types[i]);
        if (type_matches(handler, handler_type, *catchable, rva<TypeDescriptor>(throw_base, catchable->type),
                         info->attributes))
            return catchable;
    }
    return nullptr;
}

// Initializes the catch parameter in the function's frame.
void build_catch_object(const EXCEPTION_RECORD& record, const Frame& f, const HandlerType& handler,
                        const CatchableType& catchable) {
    if (!handler.catch_object) return;
    auto* destination = reinterpret_cast<void*>(f.parent + static_cast<int64_t>(handler.catch_object));
    ULONG_PTR object = record.ExceptionInformation[1];
    ULONG64 throw_base = record.NumberParameters >= 4 ? record.ExceptionInformation[3] : 0;
    if (handler.adjectives & HT_IsReference) {
        *static_cast<ULONG_PTR*>(destination) = adjust_pointer(object, catchable.this_displacement);
    } else if (catchable.properties & CT_IsSimpleType) {
        memmove(destination, reinterpret_cast<void*>(object), static_cast<size_t>(catchable.size));
        // A pointer is converted to the pointer to the base caught.
        if (catchable.size == sizeof(void*)) {
            auto& pointer = *static_cast<ULONG_PTR*>(destination);
            if (pointer) pointer = adjust_pointer(pointer, catchable.this_displacement);
        }
    } else {
        ULONG_PTR source = adjust_pointer(object, catchable.this_displacement);
        if (catchable.copy_function) {
            ULONG64 copy = throw_base + static_cast<uint32_t>(catchable.copy_function);
            if (catchable.properties & CT_HasVirtualBase)
                reinterpret_cast<void(__attribute__((ms_abi))*)(void*, ULONG_PTR, int)>(copy)(destination, source, 1);
            else
                reinterpret_cast<void(__attribute__((ms_abi))*)(void*, ULONG_PTR)>(copy)(destination, source);
        } else {
            memmove(destination, reinterpret_cast<void*>(source), static_cast<size_t>(catchable.size));
        }
    }
}

// Called by ntdll once the stack is unwound to the catching frame: runs
// the catch funclet and returns where the function continues.
__attribute__((ms_abi)) ULONG64 catch_callback(EXCEPTION_RECORD* consolidate) {
    const ULONG_PTR* slot = consolidate->ExceptionInformation;
    const auto* exception = reinterpret_cast<const EXCEPTION_RECORD*>(slot[kException]);
    const auto* context = reinterpret_cast<const CONTEXT*>(slot[kContext]);
    const auto* info = reinterpret_cast<const FuncInfo*>(slot[kFuncInfo]);
    ULONG64 parent = slot[kParentFrame];
    Frame f{info, slot[kImageBase], parent, parent, nullptr};
    const auto& block = try_blocks(f)[slot[kTryBlock]];

    volatile char here = 0;  // this frame's place on the stack
    auto callback_frame = reinterpret_cast<uintptr_t>(&here);
    reap_left_catches(slot[kTargetFrame], *exception);
    int32_t* help = unwind_help(f);
    CatchEntry* entry = push_catch(*exception, context, callback_frame, help, parent);
    if (help) *help = state_outside(f, block);
    ULONG64 continuation = reinterpret_cast<Funclet>(slot[kHandler])(0, parent);
    pop_catch(entry);  // puts the UnwindHelp back
    return continuation;
}

bool is_our_consolidation(const EXCEPTION_RECORD& record) {
    return record.ExceptionCode == STATUS_UNWIND_CONSOLIDATE && record.NumberParameters == kSlotCount &&
           record.ExceptionInformation[kCallback] == reinterpret_cast<ULONG_PTR>(&catch_callback);
}

EXCEPTION_DISPOSITION unwind_frame(const EXCEPTION_RECORD& record, const Frame& f, ULONG64 pc) {
    int32_t state = current_state(f, pc);
    int32_t target = kEmptyState;
    if (f.in_catch) target = f.in_catch->try_high;  // the catch's states; the rest is the function's
    if ((record.ExceptionFlags & EXCEPTION_TARGET_UNWIND) && is_our_consolidation(record)) {
        target = state_outside(f, try_blocks(f)[record.ExceptionInformation[kTryBlock]]);
    }
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
            bool any = false;
            const CatchableType* catchable = find_catchable(*record, f, handlers[j], any);
            if (!catchable && !(any && (is_cxx_exception(*record) || !synchronous))) continue;
            if (catchable) build_catch_object(*record, f, handlers[j], *catchable);

            EXCEPTION_RECORD consolidate{};
            consolidate.ExceptionCode = STATUS_UNWIND_CONSOLIDATE;
            consolidate.ExceptionFlags = EXCEPTION_NONCONTINUABLE;
            consolidate.NumberParameters = kSlotCount;
            ULONG_PTR* slot = consolidate.ExceptionInformation;
            slot[kCallback] = reinterpret_cast<ULONG_PTR>(&catch_callback);
            slot[kParentFrame] = f.parent;
            slot[kFuncInfo] = reinterpret_cast<ULONG_PTR>(f.info);
            slot[kImageBase] = f.base;
            slot[kTryBlock] = i;
            slot[kHandler] = f.base + static_cast<uint32_t>(handlers[j].handler);
            slot[kException] = reinterpret_cast<ULONG_PTR>(record);
            slot[kContext] = reinterpret_cast<ULONG_PTR>(context);
            slot[kTargetFrame] = f.establisher;
            CONTEXT scratch;
            RtlUnwindEx(reinterpret_cast<void*>(f.establisher), reinterpret_cast<void*>(dispatch->ControlPc),
                        &consolidate, nullptr, &scratch, dispatch->HistoryTable);
        }
    }
}

}  // namespace

static EXCEPTION_DISPOSITION frame_handler3(EXCEPTION_RECORD* record, ULONG64 establisher, CONTEXT* context,
                                     DISPATCHER_CONTEXT* dispatch, const FuncInfo* info) {
    uint32_t magic = info->magic();
    if (magic < kFuncInfoMagic1 || magic > kFuncInfoMagic3) return ExceptionContinueSearch;
    Frame f = describe(info, establisher, dispatch);
    if (record->ExceptionFlags & EXCEPTION_UNWIND) return unwind_frame(*record, f, dispatch->ControlPc);
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
