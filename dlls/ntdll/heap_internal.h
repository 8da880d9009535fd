// The layout of Vine's heaps, shared by heap.cpp (allocation), heap_walk.cpp
// (walking, validation, information) and heap_lock.cpp.
//
// A heap owns segments (mmap'd regions). Segments are carved, front to back,
// into runs; a run holds slots of one size class, each slot a 16-byte block
// header followed by the block, so every block is 16-byte aligned and a
// segment can be walked run by run, slot by slot. Blocks larger than the
// biggest class get a run of one slot (inside a segment in fixed-size heaps,
// a mapping of their own in growable ones). Free slots of a class are on the
// heap's free list; the process heap also keeps a per-thread cache of free
// slots per class, reached through the TEB, so that malloc/free and
// HeapAlloc/HeapFree of small blocks take no lock. Blocks, runs, size
// classes and that cache are in vine/heap_thread_cache.h, which msvcrt's
// malloc and free share.
#pragma once

#include <atomic>
#include <cstdint>

#include "ntdll_private.h"
#include "vine/heap.h"
#include "vine/heap_thread_cache.h"

namespace ntdll::heap {

inline constexpr uint32_t kHeapMagic = 0x50414548;  // "HEAP"
inline constexpr uint32_t kRunMagic = 0x4e555248;   // "HRUN"
// A fixed-size heap refuses blocks of about 1 MiB and more, as Windows does
// for 64-bit processes whatever the heap's maximum.
inline constexpr SIZE_T kFixedHeapLargestBlock = 0xfe000;

inline SIZE_T slot_bytes(const Run* run) { return sizeof(Block) + run->slot_size; }
inline Block* first_slot(Run* run) { return reinterpret_cast<Block*>(run + 1); }

struct Segment {
    Heap* heap;
    Segment* next;
    uint8_t* end;     // of the mapping
    uint8_t* carved;  // runs end here; the rest is not yet used
    uint8_t* runs;    // the first run (the first segment also holds the Heap)
    Run* last_run;    // the run that ends at `carved`
    uint32_t index;
};

// A recursive lock (HeapLock may be taken by the thread that then
// allocates): an uncontended acquire is one compare-exchange.
struct HeapLock {
    std::atomic<uint32_t> word{0};  // 0 free, 1 held, 2 held with sleepers
    std::atomic<uint32_t> owner{0};
    uint32_t depth = 0;
};

struct FreeList {
    Block* head = nullptr;
    uint32_t runs = 0;  // carved for this class so far
};

struct Heap {
    uint32_t magic = kHeapMagic;
    ULONG flags = 0;            // HEAP_NO_SERIALIZE, HEAP_GENERATE_EXCEPTIONS, HEAP_GROWABLE
    bool thread_cached = false;  // the process heap
    ULONG compatibility = 2;    // HeapCompatibilityInformation: the LFH
    HeapLock lock;
    FreeList bins[kClassCount];
    Segment* segments = nullptr;
    Segment* last_segment = nullptr;
    Run* own_mappings = nullptr;  // runs mapped on their own, linked
    Block* free_singles = nullptr;  // freed one-block runs inside segments
    Block* spare_mappings = nullptr;  // freed own mappings kept for reuse (still listed)
    uint32_t spare_count = 0;
    SIZE_T maximum = 0;            // bytes of segments allowed; 0: growable
    SIZE_T mapped = 0;             // bytes of segments and own mappings
    SIZE_T segment_size = 0;
    uint32_t segment_count = 0;
};

// The calling thread's id, from the TEB.
inline uint32_t current_thread_id() {
    uintptr_t id;
    __asm__("movq %%gs:0x48, %0" : "=r"(id));
    return static_cast<uint32_t>(id);
}

// Heap locking; all are no-ops for HEAP_NO_SERIALIZE (in the heap's flags or
// the call's).
void lock_contended(HeapLock& lock) __attribute__((ms_abi, noinline));
void wake_waiter(HeapLock& lock) __attribute__((ms_abi, noinline));

inline void acquire(HeapLock& lock) {
    uint32_t self = current_thread_id();
    uint32_t expected = 0;
    if (lock.word.compare_exchange_strong(expected, 1, std::memory_order_acquire)) {
        lock.owner.store(self, std::memory_order_relaxed);
        lock.depth = 1;
    } else if (lock.owner.load(std::memory_order_relaxed) == self) {
        ++lock.depth;
    } else {
        lock_contended(lock);
    }
}

inline void release(HeapLock& lock) {
    if (--lock.depth) return;
    lock.owner.store(0, std::memory_order_relaxed);
    if (lock.word.exchange(0, std::memory_order_release) == 2) wake_waiter(lock);
}

inline bool serialized(const Heap* heap, ULONG flags) { return !((heap->flags | flags) & HEAP_NO_SERIALIZE); }

class HeapGuard {
public:
    HeapGuard(Heap* heap, ULONG flags) : heap_(serialized(heap, flags) ? heap : nullptr) {
        if (heap_) acquire(heap_->lock);
    }
    ~HeapGuard() {
        if (heap_) release(heap_->lock);
    }
    HeapGuard(const HeapGuard&) = delete;
    HeapGuard& operator=(const HeapGuard&) = delete;

private:
    Heap* heap_;
};

// The heap behind a handle, or null when it is not one (checked against the
// list of live heaps: safe for any value).
Heap* find_heap(HANDLE handle);
// The list of live heaps, the process heap first, which the PEB's
// ProcessHeaps also shows.
void register_heap(Heap* heap);
void unregister_heap(Heap* heap);
ULONG copy_heap_list(ULONG count, HANDLE* heaps);

// True if `block` is the data of a block of `heap` (busy or free); safe for
// any pointer: it is first located within the heap's segments or mappings.
// Heap locked by the caller.
Block* locate_block(Heap* heap, const void* data);

// Unmaps the freed large blocks a growable heap keeps for reuse (locked by
// the caller).
void release_spare_mappings(Heap* heap);

// Returns every block in the calling thread's cache to its heap (thread
// exit).
void flush_thread_cache();

}  // namespace ntdll::heap
