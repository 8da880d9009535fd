// Rtl heaps: creation, destruction, allocation, freeing, resizing (the layout
// is described in heap_internal.h). RtlAllocateHeap and RtlFreeHeap of small
// blocks on the process heap are served by the calling thread's cache
// without a lock, and stay in the Microsoft calling convention from entry to
// return: everything they call on that path is inline, and the slow paths
// are separate ms_abi functions, so the exports save no xmm registers.
#include <sys/mman.h>

#include <new>

#include "heap_internal.h"
#include "vine/virtual_memory.h"

extern "C" [[noreturn]] __attribute__((ms_abi)) void RtlRaiseStatus(NTSTATUS status);  // context.S

namespace ntdll::heap {

namespace {

constexpr SIZE_T kRunTarget = 16384;
// A class's first run is one page: carving a run writes every slot's header,
// and most classes a program touches at all hold only a few blocks (16 KiB
// runs of each had been a quarter to half a megabyte of a small program's memory).
constexpr SIZE_T kFirstRunTarget = 4096;
constexpr SIZE_T kFirstSegment = 0x100000;
constexpr SIZE_T kLargestSegment = 0x4000000;
constexpr SIZE_T kLargestRequest = SIZE_T{1} << 46;
// Freed blocks mapped on their own that a growable heap keeps for the next
// large allocations, so that churning 64 KiB buffers costs no mmap.
constexpr uint32_t kSpareMappings = 8;
constexpr SIZE_T kLargestSpare = 0x100000;

inline void zero_bytes(void* data, SIZE_T count) {
    __asm__ __volatile__("rep stosb" : "+D"(data), "+c"(count) : "a"(0) : "memory");
}
inline void copy_bytes(void* to, const void* from, SIZE_T count) {
    __asm__ __volatile__("rep movsb" : "+D"(to), "+S"(from), "+c"(count) : : "memory");
}

inline void* hand_out(Block* block, ULONG flags, SIZE_T size) {
    void* data = mark_busy(block, size);
    if (flags & HEAP_ZERO_MEMORY) zero_bytes(data, size);
    return data;
}

void* map_memory(ULONG heap_flags, SIZE_T bytes) {
    int prot = PROT_READ | PROT_WRITE | ((heap_flags & HEAP_CREATE_ENABLE_EXECUTE) ? PROT_EXEC : 0);
    void* memory = mmap(nullptr, bytes, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (memory == MAP_FAILED) return nullptr;
    // Heap memory is committed private memory to VirtualQuery.
    ULONG protect = (heap_flags & HEAP_CREATE_ENABLE_EXECUTE) ? PAGE_EXECUTE_READWRITE : PAGE_READWRITE;
    vine::vm::record(memory, bytes, MEM_PRIVATE, protect, protect);
    return memory;
}

void unmap_memory(void* memory, SIZE_T bytes) {
    vine::vm::forget(memory);
    munmap(memory, bytes);
}

SIZE_T round_up(SIZE_T value, SIZE_T alignment) { return (value + alignment - 1) & ~(alignment - 1); }

// A new segment's header; its runs start `header` bytes in.
void init_segment(Heap* heap, Segment* segment, SIZE_T bytes, SIZE_T header) {
    segment->heap = heap;
    segment->next = nullptr;
    segment->end = reinterpret_cast<uint8_t*>(segment) + bytes;
    segment->runs = segment->carved = reinterpret_cast<uint8_t*>(segment) + header;
    segment->last_run = nullptr;
    segment->index = heap->segment_count++;
    heap->mapped += bytes;
}

Segment* add_segment(Heap* heap, SIZE_T needed) {
    if (!(heap->flags & HEAP_GROWABLE)) return nullptr;  // fixed-size heaps have their one segment
    SIZE_T bytes = heap->segment_size;
    SIZE_T header = round_up(sizeof(Segment), 16);
    if (bytes < needed + header) bytes = round_up(needed + header, 0x10000);
    auto* segment = static_cast<Segment*>(map_memory(heap->flags, bytes));
    if (!segment) return nullptr;
    init_segment(heap, segment, bytes, header);
    heap->last_segment->next = segment;
    heap->last_segment = segment;
    if (heap->segment_size < kLargestSegment) heap->segment_size *= 2;
    return segment;
}

// Gives the free one-block runs at the end of the last segment back to its
// uncarved space, so that a fixed-size heap can carve runs of another kind.
bool uncarve_free_singles(Heap* heap) {
    Segment* segment = heap->last_segment;
    bool reclaimed = false;
    while (Run* run = segment->last_run) {
        if (run->size_class != kSingleClass || first_slot(run)->busy()) break;
        Block** link = &heap->free_singles;
        while (*link && *link != first_slot(run)) link = &(*link)->next_free();
        if (!*link) break;
        *link = first_slot(run)->next_free();
        segment->carved = reinterpret_cast<uint8_t*>(run);
        segment->last_run = run->prev;
        reclaimed = true;
    }
    return reclaimed;
}

Run* carve_run(Heap* heap, SIZE_T bytes) {
    Segment* segment = heap->last_segment;
    if (static_cast<SIZE_T>(segment->end - segment->carved) < bytes) {
        if (!uncarve_free_singles(heap) || static_cast<SIZE_T>(segment->end - segment->carved) < bytes)
            segment = add_segment(heap, bytes);
        if (!segment) return nullptr;
    }
    auto* run = reinterpret_cast<Run*>(segment->carved);
    segment->carved += bytes;
    run->heap = heap;
    run->segment = segment;
    run->magic = kRunMagic;
    run->bytes = bytes;
    run->prev = segment->last_run;
    run->next = nullptr;
    segment->last_run = run;
    return run;
}

// A fresh run of `size_class`, its slots all pushed on the heap's free list.
bool add_run(Heap* heap, uint16_t size_class) {
    SIZE_T slot = sizeof(Block) + class_size(size_class);
    FreeList& bin = heap->bins[size_class];
    SIZE_T target = bin.runs ? kRunTarget : kFirstRunTarget;
    if (!(heap->flags & HEAP_GROWABLE)) {
        // Small fixed-size heaps get small runs, so that several classes fit.
        SIZE_T capacity = heap->last_segment->end - heap->last_segment->runs;
        if (target > capacity / 8) target = capacity / 8;
    }
    SIZE_T count = (target > sizeof(Run) + slot) ? (target - sizeof(Run)) / slot : 1;
    if (count > 0xffff) count = 0xffff;
    Run* run = carve_run(heap, sizeof(Run) + count * slot);
    if (!run) return false;
    run->size_class = size_class;
    run->slot_count = static_cast<uint16_t>(count);
    run->slot_size = slot - sizeof(Block);
    ++bin.runs;
    auto* first = reinterpret_cast<uint8_t*>(first_slot(run));
    for (SIZE_T i = count; i-- > 0;) {
        auto* block = reinterpret_cast<Block*>(first + i * slot);
        block->tag = reinterpret_cast<uintptr_t>(run);
        block->size = 0;
        block->next_free() = bin.head;
        bin.head = block;
    }
    return true;
}

Block* allocate_single(Heap* heap, SIZE_T size) {
    if (!(heap->flags & HEAP_GROWABLE)) {
        if (size > kFixedHeapLargestBlock) return nullptr;
        for (Block** link = &heap->free_singles; *link; link = &(*link)->next_free()) {
            Block* block = *link;
            if (block->run()->slot_size < size) continue;
            *link = block->next_free();
            return block;
        }
        Run* run = carve_run(heap, sizeof(Run) + sizeof(Block) + round_up(size, 16));
        if (!run) return nullptr;
        run->size_class = kSingleClass;
        run->slot_count = 1;
        run->slot_size = round_up(size, 16);
        first_slot(run)->tag = reinterpret_cast<uintptr_t>(run);
        return first_slot(run);
    }
    for (Block** link = &heap->spare_mappings; *link; link = &(*link)->next_free()) {
        Block* block = *link;
        SIZE_T capacity = block->run()->slot_size;
        if (capacity < size || capacity / 2 > size) continue;  // too small, or wasting over half
        *link = block->next_free();
        --heap->spare_count;
        return block;
    }
    SIZE_T bytes = round_up(sizeof(Run) + sizeof(Block) + size, 0x1000);
    auto* run = static_cast<Run*>(map_memory(heap->flags, bytes));
    if (!run) return nullptr;
    run->heap = heap;
    run->segment = nullptr;
    run->magic = kRunMagic;
    run->size_class = kSingleClass;
    run->slot_count = 1;
    run->bytes = bytes;
    run->slot_size = bytes - sizeof(Run) - sizeof(Block);
    run->prev = nullptr;
    run->next = heap->own_mappings;
    if (run->next) run->next->prev = run;
    heap->own_mappings = run;
    heap->mapped += bytes;
    first_slot(run)->tag = reinterpret_cast<uintptr_t>(run);
    return first_slot(run);
}

// Unlinks a run mapped on its own from the heap's list and unmaps it.
void unmap_own_run(Heap* heap, Run* run) {
    if (run->prev) run->prev->next = run->next;
    else heap->own_mappings = run->next;
    if (run->next) run->next->prev = run->prev;
    heap->mapped -= run->bytes;
    unmap_memory(run, run->bytes);
}

// A free block for `size`, taken from the heap (locked by the caller).
Block* take_block(Heap* heap, SIZE_T size) {
    if (size > kLargestRequest) return nullptr;
    if (size > kLargestClass) return allocate_single(heap, size);
    uint16_t size_class = fast_class_of(size);
    FreeList& bin = heap->bins[size_class];
    if (!bin.head && !add_run(heap, size_class)) return nullptr;
    Block* block = bin.head;
    bin.head = block->next_free();
    return block;
}

// Gives a block back to the heap (locked by the caller).
void return_block(Heap* heap, Block* block) {
    Run* run = block->run();
    block->tag = reinterpret_cast<uintptr_t>(run);
    if (run->size_class < kClassCount) {
        FreeList& bin = heap->bins[run->size_class];
        block->next_free() = bin.head;
        bin.head = block;
    } else if (run->segment) {
        block->next_free() = heap->free_singles;
        heap->free_singles = block;
    } else if (heap->spare_count < kSpareMappings && run->bytes <= kLargestSpare) {
        block->next_free() = heap->spare_mappings;
        heap->spare_mappings = block;
        ++heap->spare_count;
    } else {
        unmap_own_run(heap, run);
    }
}

[[gnu::ms_abi, gnu::noinline]] ThreadCache* create_thread_cache() {
    void* memory = mmap(nullptr, sizeof(ThreadCache), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) return nullptr;
    auto* cache = new (memory) ThreadCache{};
    current_teb()->HeapThreadCache = cache;
    return cache;
}

[[gnu::ms_abi, gnu::noinline]] void* fail_allocation(ULONG flags) {
    if (flags & HEAP_GENERATE_EXCEPTIONS) RtlRaiseStatus(STATUS_NO_MEMORY);
    return nullptr;
}

[[gnu::ms_abi, gnu::noinline]] void* allocate_slow(Heap* heap, ULONG flags, SIZE_T size) {
    if (!heap || heap->magic != kHeapMagic) return nullptr;
    flags |= heap->flags;
    if (heap->thread_cached && size <= kLargestClass) {
        ThreadCache* cache = thread_cache();
        if (!cache) cache = create_thread_cache();
        if (cache) {
            uint16_t size_class = fast_class_of(size);
            auto& bin = cache->bins[size_class];
            HeapGuard guard(heap, 0);
            // Refill half the cache at once, so the next allocations are fast.
            for (uint32_t n = kCacheLimit[size_class] / 2; n; --n) {
                // No new run is carved only to fill the cache further.
                if (!heap->bins[size_class].head && bin.count) break;
                Block* block = take_block(heap, size);
                if (!block) break;
                block->next_free() = bin.head;
                bin.head = block;
                ++bin.count;
            }
            if (Block* block = bin.head) {
                bin.head = block->next_free();
                --bin.count;
                return hand_out(block, flags, size);
            }
            return fail_allocation(flags);
        }
    }
    Block* block;
    {
        HeapGuard guard(heap, flags);
        block = take_block(heap, size);
    }
    if (!block) return fail_allocation(flags);
    return hand_out(block, flags, size);
}

inline bool is_block_of(const Heap* heap, const Block* block) {
    return block->busy() && block->run()->magic == kRunMagic && block->run()->heap == heap;
}

[[gnu::ms_abi, gnu::noinline]] BOOLEAN fail_free() {
    current_teb()->LastErrorValue = 87;  // ERROR_INVALID_PARAMETER, as RtlFreeHeap sets it
    return FALSE;
}

[[gnu::ms_abi, gnu::noinline]] BOOLEAN free_slow(Heap* heap, ULONG flags, void* data) {
    if (!heap || heap->magic != kHeapMagic) return fail_free();
    Block* block = block_of(data);
    HeapGuard guard(heap, flags);
    if (!is_block_of(heap, block)) return fail_free();
    Run* run = block->run();
    ThreadCache* cache = heap->thread_cached ? thread_cache() : nullptr;
    if (cache && run->size_class < kClassCount) {
        // The cache is full: give half of it back, then keep this block.
        auto& bin = cache->bins[run->size_class];
        for (uint32_t n = kCacheLimit[run->size_class] / 2; n && bin.head; --n) {
            Block* cached = bin.head;
            bin.head = cached->next_free();
            --bin.count;
            return_block(heap, cached);
        }
        block->tag = reinterpret_cast<uintptr_t>(run);
        block->next_free() = bin.head;
        bin.head = block;
        ++bin.count;
        return TRUE;
    }
    return_block(heap, block);
    return TRUE;
}

Heap* create_heap(ULONG flags, SIZE_T reserve, SIZE_T commit) {
    bool growable = flags & HEAP_GROWABLE;
    SIZE_T header = round_up(sizeof(Segment), 16) + round_up(sizeof(Heap), 16);
    SIZE_T bytes;
    if (growable) {
        bytes = round_up(reserve > commit ? reserve : commit, 0x10000);
        if (bytes < kFirstSegment) bytes = kFirstSegment;
    } else {
        // The maximum includes the heap's own bookkeeping, as on Windows.
        SIZE_T maximum = reserve > commit ? reserve : commit;
        if (maximum > kLargestRequest) return nullptr;
        bytes = round_up(maximum > header + 0x1000 ? maximum : header + 0x1000, 0x1000);
    }
    auto* segment = static_cast<Segment*>(map_memory(flags, bytes));
    if (!segment) return nullptr;
    auto* heap = new (reinterpret_cast<uint8_t*>(segment) + round_up(sizeof(Segment), 16)) Heap;
    heap->flags = flags & (HEAP_NO_SERIALIZE | HEAP_GENERATE_EXCEPTIONS | HEAP_GROWABLE | HEAP_CREATE_ENABLE_EXECUTE);
    // The LFH, on by default since Vista, but never for heaps without
    // serialization or of a fixed size.
    heap->compatibility = ((flags & HEAP_NO_SERIALIZE) || !growable) ? 0 : 2;
    heap->maximum = growable ? 0 : bytes;
    heap->segment_size = growable ? bytes * 2 : bytes;
    init_segment(heap, segment, bytes, header);
    heap->segments = heap->last_segment = segment;
    return heap;
}

}  // namespace

}  // namespace ntdll::heap

using namespace ntdll::heap;

HANDLE ntdll_create_process_heap() {
    Heap* heap = create_heap(HEAP_GROWABLE, 0, 0);
    heap->thread_cached = true;
    register_heap(heap);
    return heap;
}

void ntdll::heap::release_spare_mappings(Heap* heap) {
    while (Block* block = heap->spare_mappings) {
        heap->spare_mappings = block->next_free();
        Run* run = block->run();
        unmap_own_run(heap, run);
    }
    heap->spare_count = 0;
}

void ntdll_heap_thread_detach() { flush_thread_cache(); }

void ntdll::heap::flush_thread_cache() {
    auto* cache = thread_cache();
    if (!cache) return;
    auto* heap = static_cast<Heap*>(current_teb()->ProcessEnvironmentBlock->ProcessHeap);
    {
        HeapGuard guard(heap, 0);
        for (auto& bin : cache->bins) {
            while (Block* block = bin.head) {
                bin.head = block->next_free();
                return_block(heap, block);
            }
        }
    }
    current_teb()->HeapThreadCache = nullptr;
    munmap(cache, sizeof(ThreadCache));
}

VINE_EXPORT HANDLE RtlCreateHeap(ULONG flags, PVOID base, SIZE_T reserve, SIZE_T commit, PVOID lock, PVOID) {
    // Heaps in caller-supplied memory or with a caller's lock are not supported.
    if (base || lock) return nullptr;
    Heap* heap = create_heap(flags, reserve, commit);
    if (heap) register_heap(heap);
    return heap;
}

VINE_EXPORT HANDLE RtlDestroyHeap(HANDLE handle) {
    Heap* heap = find_heap(handle);
    if (!heap || heap->thread_cached) return handle;  // failure: the heap is returned
    unregister_heap(heap);
    for (Run* run = heap->own_mappings; run;) {
        Run* next = run->next;
        unmap_memory(run, run->bytes);
        run = next;
    }
    // The first segment holds the heap itself: unmapped last.
    Segment* first = heap->segments;
    for (Segment* segment = first->next; segment;) {
        Segment* next = segment->next;
        unmap_memory(segment, segment->end - reinterpret_cast<uint8_t*>(segment));
        segment = next;
    }
    heap->magic = 0;
    unmap_memory(first, first->end - reinterpret_cast<uint8_t*>(first));
    return nullptr;
}

VINE_EXPORT PVOID RtlAllocateHeap(HANDLE handle, ULONG flags, SIZE_T size) {
    auto* heap = static_cast<Heap*>(handle);
    if (__builtin_expect(size <= kLargestClass && heap && heap->thread_cached, 1)) {
        if (Block* block = pop_cached(size)) return hand_out(block, flags, size);
    }
    return allocate_slow(heap, flags, size);
}

VINE_EXPORT BOOLEAN RtlFreeHeap(HANDLE handle, ULONG flags, PVOID data) {
    if (!data) return TRUE;
    auto* heap = static_cast<Heap*>(handle);
    if (__builtin_expect(heap && heap->thread_cached && push_cached(heap, data), 1)) return TRUE;
    return free_slow(heap, flags, data);
}

VINE_EXPORT SIZE_T RtlSizeHeap(HANDLE handle, ULONG, const void* data) {
    auto* heap = static_cast<Heap*>(handle);
    if (!heap || !data || heap->magic != kHeapMagic) return ~SIZE_T{0};
    Block* block = block_of(data);
    return is_block_of(heap, block) ? block->size : ~SIZE_T{0};
}

namespace ntdll::heap {
namespace {

// A block mapped on its own grows or shrinks with mremap (in place only if
// the caller says so). Heap locked by the caller.
Block* remap_own_block(Heap* heap, Block* block, ULONG flags, SIZE_T size) {
    Run* run = block->run();
    SIZE_T bytes = round_up(sizeof(Run) + sizeof(Block) + size, 0x1000);
    void* moved = mremap(run, run->bytes, bytes, (flags & HEAP_REALLOC_IN_PLACE_ONLY) ? 0 : MREMAP_MAYMOVE);
    if (moved == MAP_FAILED) return nullptr;
    vine::vm::forget(run);
    ULONG protect = (heap->flags & HEAP_CREATE_ENABLE_EXECUTE) ? PAGE_EXECUTE_READWRITE : PAGE_READWRITE;
    vine::vm::record(moved, bytes, MEM_PRIVATE, protect, protect);
    run = static_cast<Run*>(moved);
    heap->mapped += bytes - run->bytes;
    SIZE_T old_capacity = run->slot_size;
    run->bytes = bytes;
    run->slot_size = bytes - sizeof(Run) - sizeof(Block);
    if (run->prev) run->prev->next = run;
    else heap->own_mappings = run;
    if (run->next) run->next->prev = run;
    block = first_slot(run);
    block->tag = reinterpret_cast<uintptr_t>(run) | kBusy;
    SIZE_T old_size = block->size;
    block->size = size;
    // Pages mremap added are zero already; only the old slack may not be.
    if ((flags & HEAP_ZERO_MEMORY) && size > old_size) {
        SIZE_T end = size < old_capacity ? size : old_capacity;
        if (end > old_size) zero_bytes(static_cast<uint8_t*>(block->data()) + old_size, end - old_size);
    }
    return block;
}

[[gnu::ms_abi, gnu::noinline]] void* reallocate_slow(Heap* heap, ULONG flags, void* data, SIZE_T size) {
    if (!heap || heap->magic != kHeapMagic || !data) return nullptr;
    flags |= heap->flags;
    if (size > kLargestRequest) return fail_allocation(flags);
    Block* moved;
    SIZE_T old_size;
    {
        HeapGuard guard(heap, flags);
        Block* block = block_of(data);
        if (!is_block_of(heap, block)) return nullptr;
        old_size = block->size;
        if (size <= block->run()->slot_size) {
            block->size = size;
            if ((flags & HEAP_ZERO_MEMORY) && size > old_size)
                zero_bytes(static_cast<uint8_t*>(data) + old_size, size - old_size);
            return data;
        }
        if (!block->run()->segment && size > kLargestClass) {
            if (Block* remapped = remap_own_block(heap, block, flags, size)) return remapped->data();
            return fail_allocation(flags);
        }
        if (flags & HEAP_REALLOC_IN_PLACE_ONLY) moved = nullptr;
        else moved = take_block(heap, size);
        if (moved) {
            moved->tag = reinterpret_cast<uintptr_t>(moved->run()) | kBusy;
            moved->size = size;
            copy_bytes(moved->data(), data, old_size);
            return_block(heap, block);
        }
    }
    if (!moved) return fail_allocation(flags);
    if (flags & HEAP_ZERO_MEMORY) zero_bytes(static_cast<uint8_t*>(moved->data()) + old_size, size - old_size);
    return moved->data();
}

}  // namespace
}  // namespace ntdll::heap

// Resizing within the block's slot needs no lock (the block is the
// caller's); on the process heap, moving a small block goes through the
// thread cache. Everything else is reallocate_slow.
VINE_EXPORT PVOID RtlReAllocateHeap(HANDLE handle, ULONG flags, PVOID data, SIZE_T size) {
    auto* heap = static_cast<Heap*>(handle);
    if (__builtin_expect(heap && data && size <= kLargestClass, 1)) {
        Block* block = block_of(data);
        if (is_block_of(heap, block)) {
            SIZE_T old_size = block->size;
            if (size <= block->run()->slot_size) {
                block->size = size;
                if ((flags & HEAP_ZERO_MEMORY) && size > old_size)
                    zero_bytes(static_cast<uint8_t*>(data) + old_size, size - old_size);
                return data;
            }
            if (heap->thread_cached && !(flags & HEAP_REALLOC_IN_PLACE_ONLY)) {
                void* moved = RtlAllocateHeap(handle, flags & ~HEAP_ZERO_MEMORY, size);
                if (!moved) return nullptr;  // RtlAllocateHeap raised already if asked to
                copy_bytes(moved, data, old_size);
                if (flags & HEAP_ZERO_MEMORY) zero_bytes(static_cast<uint8_t*>(moved) + old_size, size - old_size);
                RtlFreeHeap(handle, 0, data);
                return moved;
            }
        }
    }
    return reallocate_slow(heap, flags, data, size);
}
