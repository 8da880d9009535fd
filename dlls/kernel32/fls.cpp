// Fiber-local storage. Vine has no fibers yet, so each thread has one set of
// values, kept in a block the TEB's FlsData points to and listed here, so
// that FlsFree can hand every thread's value to the slot's callback. The
// callbacks run outside the lock: they are Windows code and may call back.
#include "vine/locks.h"
#include "fls.h"

#include <bitset>
#include <cstdlib>
#include <mutex>
#include <unordered_set>
#include <vector>

#include "kernel32_private.h"
#include "vine/hot_path.h"
#include "vine/thread_control.h"

using namespace kernel32;

namespace {

constexpr DWORD FLS_OUT_OF_INDEXES = 0xffffffff;
constexpr DWORD kFlsSlots = 4080;  // FLS_MAXIMUM_AVAILABLE (Windows 10)

using FlsCallback = void(WINAPI*)(PVOID);

struct Block {
    PVOID values[kFlsSlots];
};

struct Pending {
    FlsCallback callback;
    PVOID value;
};

vine::Mutex g_lock;
std::bitset<kFlsSlots> g_used;
FlsCallback g_callbacks[kFlsSlots];
std::unordered_set<Block*> g_blocks;

// Locked with no suspension or termination in between: another thread's
// FlsFree must never wait on a stopped holder.
struct Locked {
    vine::threads::NoInterrupt region;
    std::lock_guard<vine::Mutex> guard{g_lock};
};

// The thread's first FlsSetValue: out of the fast path (it locks and allocates).
VINE_SLOW_PATH Block* create_block(TEB* teb) {
    auto* block = static_cast<Block*>(calloc(1, sizeof(Block)));
    if (!block) return nullptr;
    Locked locked;
    g_blocks.insert(block);
    teb->FlsData = block;
    return block;
}

VINE_HOT_INLINE Block* own_block(bool create) {
    TEB* teb = vine::hot::teb();
    auto* block = static_cast<Block*>(teb->FlsData);
    if (block || !create) return block;
    return create_block(teb);
}

bool valid(DWORD index) { return index < kFlsSlots && g_used[index]; }

}  // namespace

namespace kernel32::fls {

void thread_exit() {
    // A callback may set values again: a few rounds, as Windows does not
    // promise more.
    for (int round = 0; round < 4; ++round) {
        TEB* teb = current_teb();
        auto* block = static_cast<Block*>(teb->FlsData);
        if (!block) return;
        std::vector<Pending> pending;
        {
            Locked locked;
            for (DWORD i = 0; i < kFlsSlots; ++i)
                if (block->values[i] && g_used[i] && g_callbacks[i]) pending.push_back({g_callbacks[i], block->values[i]});
            g_blocks.erase(block);
            teb->FlsData = nullptr;
        }
        free(block);
        for (const Pending& call : pending) call.callback(call.value);
    }
}

}  // namespace kernel32::fls

VINE_EXPORT DWORD FlsAlloc(FlsCallback callback) {
    Locked locked;
    // Index 0 stays unused, so that a zeroed index variable is never valid.
    for (DWORD i = 1; i < kFlsSlots; ++i) {
        if (g_used[i]) continue;
        g_used[i] = true;
        g_callbacks[i] = callback;
        // A new slot reads as NULL in every thread.
        for (Block* block : g_blocks) block->values[i] = nullptr;
        return i;
    }
    set_error(ERROR_NOT_ENOUGH_MEMORY);
    return FLS_OUT_OF_INDEXES;
}

VINE_EXPORT BOOL FlsFree(DWORD index) {
    std::vector<PVOID> values;
    FlsCallback callback;
    {
        Locked locked;
        if (!valid(index)) {
            set_error(ERROR_INVALID_PARAMETER);
            return FALSE;
        }
        callback = g_callbacks[index];
        for (Block* block : g_blocks) {
            if (block->values[index]) values.push_back(block->values[index]);
            block->values[index] = nullptr;
        }
        g_used[index] = false;
        g_callbacks[index] = nullptr;
    }
    // Every thread's value goes to the callback, in the calling thread.
    if (callback)
        for (PVOID value : values) callback(value);
    return TRUE;
}

VINE_EXPORT PVOID FlsGetValue(DWORD index) {
    if (index >= kFlsSlots || !g_used[index]) {
        set_error(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    set_error(ERROR_SUCCESS);
    Block* block = own_block(false);
    return block ? block->values[index] : nullptr;
}

VINE_EXPORT BOOL FlsSetValue(DWORD index, PVOID value) {
    if (index >= kFlsSlots || !g_used[index]) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    Block* block = own_block(value != nullptr);
    if (!block) {
        if (!value) return TRUE;
        set_error(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    block->values[index] = value;
    return TRUE;
}
