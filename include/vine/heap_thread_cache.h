// The process heap's per-thread cache: the block and run headers, the size
// classes and the lock-free fast path that pops and pushes cached slots.
// ntdll's heap (dlls/ntdll/heap_internal.h builds the rest of its layout on
// this) and msvcrt/ucrtbase's malloc and free share it, so that malloc and
// free take a cached slot inline, with no call into ntdll: the same
// instructions RtlAllocateHeap and RtlFreeHeap run, without the extra frame
// and PLT jump (docs/architecture.md, "Heaps" and "Hot paths").
//
// Everything here is always inline and touches nothing in the System V
// convention, so an ms_abi export built on it saves no xmm registers.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "vine/hot_path.h"
#include "vine/teb.h"
#include "vine/wintypes.h"

namespace ntdll::heap {

struct Heap;
struct Segment;

inline constexpr int kClassCount = 44;  // 16..256 by 16, then 4 per doubling to 32 KiB
inline constexpr SIZE_T kLargestClass = 32768;
inline constexpr uint16_t kSingleClass = 0xffff;  // a run with one block of its own size
inline constexpr uintptr_t kBusy = 1;             // state bit of a block header's tag
inline constexpr uintptr_t kStateMask = 0xf;

// A run: slots of one size class, each a Block header and its data.
struct Run {
    Heap* heap;
    Segment* segment;  // null for a mapping of its own
    uint32_t magic;
    uint16_t size_class;  // kSingleClass for one-block runs
    uint16_t slot_count;
    SIZE_T bytes;      // the whole run: header and slots
    SIZE_T slot_size;  // block capacity, without its header
    Run* prev;  // in a segment: the run before; own mappings: the heap's list of them
    Run* next;
    uintptr_t unused;  // keeps the slots 16-byte aligned
};
static_assert(sizeof(Run) % 16 == 0);

struct Block {
    uintptr_t tag;  // the Run, | kBusy while allocated
    SIZE_T size;    // the size asked for (HeapSize)
    Run* run() const { return reinterpret_cast<Run*>(tag & ~kStateMask); }
    bool busy() const { return tag & kBusy; }
    void* data() { return this + 1; }
    Block*& next_free() { return *reinterpret_cast<Block**>(this + 1); }
};
static_assert(sizeof(Block) == 16);

inline Block* block_of(const void* data) { return const_cast<Block*>(static_cast<const Block*>(data) - 1); }

// The block capacity of a size class.
constexpr SIZE_T class_size(unsigned size_class) {
    if (size_class < 16) return SIZE_T{16} * (size_class + 1);
    unsigned step = size_class - 16;
    SIZE_T base = SIZE_T{256} << (step / 4);
    return base + (step % 4 + 1) * (base / 4);
}
static_assert(class_size(kClassCount - 1) == kLargestClass);

// The class of each size, by 16-byte units.
inline constexpr auto kClassOfUnits = [] {
    std::array<uint8_t, kLargestClass / 16 + 1> table{};
    unsigned size_class = 0;
    for (SIZE_T units = 0; units < table.size(); ++units) {
        while (class_size(size_class) < units * 16) ++size_class;
        table[units] = static_cast<uint8_t>(size_class);
    }
    return table;
}();

// Blocks a thread may keep per class: many small ones, few big ones.
inline constexpr auto kCacheLimit = [] {
    std::array<uint32_t, kClassCount> limits{};
    for (unsigned c = 0; c < kClassCount; ++c) {
        SIZE_T fit = 65536 / class_size(c);
        limits[c] = static_cast<uint32_t>(fit < 4 ? 4 : fit > 64 ? 64 : fit);
    }
    return limits;
}();

// The class of a size up to kLargestClass.
VINE_HOT_INLINE uint16_t fast_class_of(SIZE_T size) { return kClassOfUnits[(size + 15) >> 4]; }

// Free slots of the process heap that one thread keeps, per class. Cached
// slots are free in their headers (their tag is the run without kBusy), so
// walks and validation see them as free.
struct ThreadCache {
    struct Bin {
        Block* head;
        uint32_t count;
    } bins[kClassCount];
};

// Read through gs: at its offset, one load, rather than through the TEB's
// self pointer, which would put a second dependent load on every call.
VINE_HOT_INLINE ThreadCache* thread_cache() {
    ThreadCache* cache;
    __asm__ __volatile__("movq %%gs:%c1, %0" : "=r"(cache) : "i"(offsetof(TEB, HeapThreadCache)));
    return cache;
}

// Hands out a free slot as a busy block of `size` bytes (not zeroed).
VINE_HOT_INLINE void* mark_busy(Block* block, SIZE_T size) {
    block->tag = reinterpret_cast<uintptr_t>(block->run()) | kBusy;
    block->size = size;
    return block->data();
}

// A process-heap slot for `size` (at most kLargestClass) from the calling
// thread's cache, or null when the thread has no cache yet or the class's
// bin is empty (the caller then goes to RtlAllocateHeap's slow path, which
// refills it under the heap's lock).
VINE_HOT_INLINE Block* pop_cached(SIZE_T size) {
    ThreadCache* cache = thread_cache();
    if (__builtin_expect(!cache, 0)) return nullptr;
    auto& bin = cache->bins[fast_class_of(size)];
    Block* block = bin.head;
    if (__builtin_expect(!block, 0)) return nullptr;
    bin.head = block->next_free();
    --bin.count;
    return block;
}

// Keeps the block at `data` in the calling thread's cache when it is a busy
// block of a size class of `process_heap` (the heap the cache belongs to)
// and the class's bin has room; false otherwise, for RtlFreeHeap's slow path
// to check and free it under the lock.
VINE_HOT_INLINE bool push_cached(const Heap* process_heap, void* data) {
    Block* block = block_of(data);
    uintptr_t tag = block->tag;
    auto* run = reinterpret_cast<Run*>(tag & ~kStateMask);
    if (__builtin_expect(!(tag & kBusy) || run->heap != process_heap || run->size_class >= kClassCount, 0))
        return false;
    ThreadCache* cache = thread_cache();
    if (__builtin_expect(!cache, 0)) return false;
    auto& bin = cache->bins[run->size_class];
    if (__builtin_expect(bin.count >= kCacheLimit[run->size_class], 0)) return false;
    block->tag = tag & ~kStateMask;
    block->next_free() = bin.head;
    bin.head = block;
    ++bin.count;
    return true;
}

}  // namespace ntdll::heap
