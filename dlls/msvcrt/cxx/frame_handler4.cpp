// __CxxFrameHandler4: the language handler of functions built with MSVC
// 2019's compressed exception tables (/d2FH4, the default since then),
// which vcruntime140_1.dll exports. The tables (include/vine/msvc_eh.h)
// are decoded here; handler matching, the catch parameter, the unwind to
// the catching frame and the catch itself are catch_engine.cpp's, shared
// with __CxxFrameHandler3.
//
// Differences from FH3 that matter here: a catch funclet has a FuncInfo4
// of its own (IsCatch, with the offset where it keeps its parent's frame)
// and its own ip-to-state map relative to its start; there is no UnwindHelp
// slot, so the function's state while one of its catches runs is kept in
// the thread's catch entry (catch_of_frame); cleanups can be destructors
// called directly on a frame object; a handler may give its continuation
// addresses, and its funclet then returns an index.
#include <vector>

#include "cxx/cxx_eh.h"
#include "cxx/fh4_reader.h"

namespace vine::cxx {
namespace {

using namespace msvc_eh;

using Reader = FH4Reader;

struct UnwindEntry {
    int32_t to_state;
    FH4UnwindType type;
    int32_t action;
    uint32_t object;
};

struct TryBlock {
    int32_t try_low, try_high, catch_high;
    int32_t handlers;  // rva of the handler map
};

struct Handler {
    uint32_t adjectives;
    int32_t type;          // rva, 0 for catch(...)
    uint32_t catch_object; // frame offset, 0 if none
    int32_t handler;       // rva of the catch funclet
    uint32_t continuation_count;
    ULONG64 continuation[2];
};

struct Frame {
    const uint8_t* info;   // the FuncInfo4
    ULONG64 base;
    ULONG64 establisher;
    ULONG64 parent;        // the function's frame: establisher unless a catch funclet
    uint32_t start;        // rva of the function (funclet, segment) the pc is in
    uint8_t header;
    int32_t ip_map;        // rva, 0 if none
    std::vector<UnwindEntry> unwind;
    std::vector<TryBlock> try_blocks;
    int in_catch = -1;     // for a catch funclet: index of its try block
};

std::vector<UnwindEntry> decode_unwind_map(ULONG64 base, int32_t map) {
    std::vector<UnwindEntry> entries;
    if (!map) return entries;
    Reader r{reinterpret_cast<const uint8_t*>(base + static_cast<uint32_t>(map))};
    uint32_t count = r.compressed();
    const uint8_t* first = r.p;
    std::vector<uint32_t> offsets;
    entries.reserve(count);
    offsets.reserve(count);
    for (uint32_t i = 0; i < count; ++i) {
        auto offset = static_cast<uint32_t>(r.p - first);
        offsets.push_back(offset);
        uint32_t word = r.compressed();
        UnwindEntry entry{kEmptyState, static_cast<FH4UnwindType>(word & 3), 0, 0};
        uint32_t back = word >> 2;
        if (back && back <= offset)
            for (uint32_t j = 0; j < i; ++j)
                if (offsets[j] == offset - back) entry.to_state = static_cast<int32_t>(j);
        if (entry.type != FH4UnwindType::None) entry.action = r.rva();
        if (entry.type == FH4UnwindType::DtorWithObj || entry.type == FH4UnwindType::DtorWithPtrToObj)
            entry.object = r.compressed();
        entries.push_back(entry);
    }
    return entries;
}

std::vector<TryBlock> decode_try_blocks(ULONG64 base, int32_t map) {
    std::vector<TryBlock> blocks;
    if (!map) return blocks;
    Reader r{reinterpret_cast<const uint8_t*>(base + static_cast<uint32_t>(map))};
    uint32_t count = r.compressed();
    blocks.reserve(count);
    for (uint32_t i = 0; i < count; ++i) {
        TryBlock block;
        block.try_low = static_cast<int32_t>(r.compressed());
        block.try_high = static_cast<int32_t>(r.compressed());
        block.catch_high = static_cast<int32_t>(r.compressed());
        block.handlers = r.rva();
        blocks.push_back(block);
    }
    return blocks;
}

// The handlers of a try block; continuation offsets are relative to `start`.
std::vector<Handler> decode_handlers(ULONG64 base, const TryBlock& block, uint32_t start) {
    std::vector<Handler> handlers;
    if (!block.handlers) return handlers;
    Reader r{reinterpret_cast<const uint8_t*>(base + static_cast<uint32_t>(block.handlers))};
    uint32_t count = r.compressed();
    handlers.reserve(count);
    for (uint32_t i = 0; i < count; ++i) {
        Handler h{};
        uint8_t header = *r.p++;
        if (header & kFH4HandlerAdjectives) h.adjectives = r.compressed();
        if (header & kFH4HandlerType) h.type = r.rva();
        if (header & kFH4HandlerCatchObject) h.catch_object = r.compressed();
        h.handler = r.rva();
        h.continuation_count = (header & kFH4HandlerContMask) >> kFH4HandlerContShift;
        if (h.continuation_count > 2) h.continuation_count = 0;  // reserved
        for (uint32_t k = 0; k < h.continuation_count; ++k) {
            uint32_t offset = (header & kFH4HandlerContIsRva) ? static_cast<uint32_t>(r.rva()) : start + r.compressed();
            h.continuation[k] = base + offset;
        }
        handlers.push_back(h);
    }
    return handlers;
}

int32_t ip_state(const Frame& f, ULONG64 pc) {
    if (!f.ip_map) return kEmptyState;
    Reader r{reinterpret_cast<const uint8_t*>(f.base + static_cast<uint32_t>(f.ip_map))};
    uint32_t count = r.compressed();
    ULONG64 ip = f.base + f.start;
    int32_t state = kEmptyState;
    for (uint32_t i = 0; i < count; ++i) {
        ip += r.compressed();
        int32_t entry_state = r.state();
        if (ip > pc) break;
        state = entry_state;
    }
    return state;
}

// Decodes the FuncInfo4 of the frame whose function (or funclet) starts at `start`.
Frame describe(const uint8_t* info, ULONG64 establisher, const DISPATCHER_CONTEXT* dispatch) {
    Frame f;
    f.info = info;
    f.base = dispatch->ImageBase;
    f.establisher = establisher;
    f.parent = establisher;
    f.start = dispatch->FunctionEntry ? dispatch->FunctionEntry->BeginAddress : 0;
    Reader r{info};
    f.header = *r.p++;
    if (f.header & kFH4BBT) r.compressed();
    int32_t unwind_map = (f.header & kFH4UnwindMap) ? r.rva() : 0;
    int32_t try_map = (f.header & kFH4TryBlockMap) ? r.rva() : 0;
    f.ip_map = r.rva();
    if (f.header & kFH4IsSeparated) {
        // A map per code segment: the one starting where this pc's code does.
        int32_t segments = f.ip_map;
        f.ip_map = 0;
        if (segments) {
            Reader s{reinterpret_cast<const uint8_t*>(f.base + static_cast<uint32_t>(segments))};
            uint32_t count = s.compressed();
            for (uint32_t i = 0; i < count; ++i) {
                auto segment_start = static_cast<uint32_t>(s.rva());
                int32_t map = s.rva();
                if (segment_start == f.start) {
                    f.ip_map = map;
                    break;
                }
            }
        }
    }
    f.unwind = decode_unwind_map(f.base, unwind_map);
    f.try_blocks = decode_try_blocks(f.base, try_map);
    if (f.header & kFH4IsCatch) {
        uint32_t frame_offset = r.compressed();
        f.parent = *reinterpret_cast<const ULONG64*>(establisher + frame_offset);
        // Its try block: the one with this funclet among its handlers.
        for (size_t i = 0; i < f.try_blocks.size() && f.in_catch < 0; ++i)
            for (const Handler& h : decode_handlers(f.base, f.try_blocks[i], f.start))
                if (static_cast<uint32_t>(h.handler) == f.start) f.in_catch = static_cast<int>(i);
    }
    return f;
}

// The frame's state: while one of the function's catches runs, what its
// catch entry says.
int32_t current_state(const Frame& f, ULONG64 pc) {
    if (f.in_catch < 0)
        if (const CatchEntry* entry = catch_of_frame(f.establisher)) return entry->parent_state;
    return ip_state(f, pc);
}

int32_t state_outside(const Frame& f, const TryBlock& block) {
    if (block.try_low < 0 || static_cast<size_t>(block.try_low) >= f.unwind.size()) return kEmptyState;
    return f.unwind[block.try_low].to_state;
}

// Runs the cleanup actions from `state` down to `target` (exclusive).
int32_t unwind_to(const Frame& f, int32_t state, int32_t target) {
    using Funclet = void(__attribute__((ms_abi))*)(ULONG64, ULONG64);
    using Destructor = void(__attribute__((ms_abi))*)(void*);
    for (size_t steps = 0; state > target && static_cast<size_t>(state) < f.unwind.size() && steps <= f.unwind.size();
         ++steps) {
        const UnwindEntry& entry = f.unwind[state];
        state = entry.to_state;
        ULONG64 action = f.base + static_cast<uint32_t>(entry.action);
        switch (entry.type) {
        case FH4UnwindType::None:
            break;
        case FH4UnwindType::DtorWithObj:
            reinterpret_cast<Destructor>(action)(reinterpret_cast<void*>(f.parent + entry.object));
            break;
        case FH4UnwindType::DtorWithPtrToObj:
            reinterpret_cast<Destructor>(action)(*reinterpret_cast<void* const*>(f.parent + entry.object));
            break;
        case FH4UnwindType::Funclet:
            reinterpret_cast<Funclet>(action)(action, f.parent);
            break;
        }
    }
    return state;
}

void unwind_frame(const EXCEPTION_RECORD& record, const Frame& f, ULONG64 pc) {
    int32_t state = current_state(f, pc);
    int32_t target = kEmptyState;
    if (f.in_catch >= 0) target = f.try_blocks[f.in_catch].try_high;  // the catch's states; the rest is the function's
    if (record.ExceptionFlags & EXCEPTION_TARGET_UNWIND)
        if (const CatchTarget* caught = catch_target_of(record); caught && caught->tables == f.info)
            target = caught->state_outside;
    int32_t reached = unwind_to(f, state, target);
    if (f.in_catch < 0)
        if (CatchEntry* entry = catch_of_frame(f.establisher)) entry->parent_state = reached;
}

// Searches the frame's try blocks for a handler of the exception; if there
// is one, builds its catch parameter and says where the catch runs.
bool find_handler(EXCEPTION_RECORD* record, const Frame& f, DISPATCHER_CONTEXT* dispatch, CatchTarget& target) {
    int32_t state = current_state(f, dispatch->ControlPc);
    bool synchronous = f.header & kFH4EHs;
    for (size_t i = 0; i < f.try_blocks.size(); ++i) {
        const TryBlock& block = f.try_blocks[i];
        if (state < block.try_low || state > block.try_high) continue;
        // In a catch funclet, only the try blocks inside that catch.
        if (f.in_catch >= 0) {
            const TryBlock& outer = f.try_blocks[f.in_catch];
            if (block.try_low <= outer.try_high || block.catch_high > outer.catch_high) continue;
        }
        for (const Handler& handler : decode_handlers(f.base, block, f.start)) {
            bool any = false;
            const auto* type = handler.type ? rva<TypeDescriptor>(f.base, handler.type) : nullptr;
            const CatchableType* catchable = find_catchable(*record, handler.adjectives, type, any);
            if (!catchable && !(any && (is_cxx_exception(*record) || !synchronous))) continue;
            if (catchable && handler.catch_object)
                build_catch_object(*record, handler.adjectives, reinterpret_cast<void*>(f.parent + handler.catch_object),
                                   *catchable);
            target.parent_frame = f.parent;
            target.target_frame = f.establisher;
            target.handler = f.base + static_cast<uint32_t>(handler.handler);
            target.state_outside = state_outside(f, block);
            target.unwind_help = nullptr;
            target.continuation_count = handler.continuation_count;
            target.continuation[0] = handler.continuation[0];
            target.continuation[1] = handler.continuation[1];
            target.tables = f.info;
            return true;
        }
    }
    return false;
}

bool search_frame(EXCEPTION_RECORD* record, ULONG64 establisher, DISPATCHER_CONTEXT* dispatch, const uint8_t* info,
                  CatchTarget& target);

EXCEPTION_DISPOSITION frame_handler4(EXCEPTION_RECORD* record, ULONG64 establisher, CONTEXT* context,
                                     DISPATCHER_CONTEXT* dispatch, const uint8_t* info) {
    // The decoded tables are freed before the unwind to a catch, which
    // does not return here.
    CatchTarget target{};
    if (!search_frame(record, establisher, dispatch, info, target)) return ExceptionContinueSearch;
    unwind_to_catch(record, context, dispatch, target);
}

bool search_frame(EXCEPTION_RECORD* record, ULONG64 establisher, DISPATCHER_CONTEXT* dispatch, const uint8_t* info,
                  CatchTarget& target) {
    Frame f = describe(info, establisher, dispatch);
    bool synchronous = f.header & kFH4EHs;
    if (record->ExceptionFlags & EXCEPTION_UNWIND) {
        // /EHs code destroys its objects for C++ exceptions, catches and
        // longjmp, not when other SEH exceptions unwind it.
        if (synchronous && !is_cxx_exception(*record) && record->ExceptionCode != STATUS_UNWIND_CONSOLIDATE &&
            record->ExceptionCode != STATUS_LONGJUMP)
            return false;
        unwind_frame(*record, f, dispatch->ControlPc);
        return false;
    }
    if (synchronous && !is_cxx_exception(*record) && f.try_blocks.empty()) return false;
    if (find_handler(record, f, dispatch, target)) return true;
    // Nothing here takes it: a noexcept function ends the program.
    if ((f.header & kFH4NoExcept) && is_cxx_exception(*record) && f.in_catch < 0) terminate();
    return false;
}

}  // namespace
}  // namespace vine::cxx

// The handler data is an rva of the FuncInfo4.
extern "C" __attribute__((ms_abi, visibility("default"))) EXCEPTION_DISPOSITION vine_CxxFrameHandler4(
    EXCEPTION_RECORD* record, void* frame, CONTEXT* context, DISPATCHER_CONTEXT* dispatch) {
    const auto* info = vine::cxx::rva<uint8_t>(dispatch->ImageBase, *static_cast<const int32_t*>(dispatch->HandlerData));
    return vine::cxx::frame_handler4(record, reinterpret_cast<ULONG64>(frame), context, dispatch, info);
}
