// Rtl heaps seen from outside: the list of heaps (RtlGetProcessHeaps and the
// PEB's ProcessHeaps), locking, validation, walking, compaction and heap
// information. None of it is on a hot path; all of it is safe for any
// handle or pointer, which is looked up before it is dereferenced.
#include <algorithm>
#include <mutex>
#include <vector>

#include "vine/locks.h"
#include "futex.h"
#include "heap_internal.h"

namespace ntdll::heap {
namespace {

vine::Mutex list_lock;
std::vector<HANDLE>& heaps() {
    static std::vector<HANDLE> list;
    return list;
}

void publish_to_peb() {
    PEB* peb = current_teb()->ProcessEnvironmentBlock;
    peb->ProcessHeaps = heaps().data();
    peb->NumberOfHeaps = static_cast<ULONG>(heaps().size());
    peb->MaximumNumberOfHeaps = static_cast<ULONG>(heaps().capacity());
}

// The run of a segment that contains `address`, walking the segment's runs.
Run* run_containing(Segment* segment, const uint8_t* address) {
    for (uint8_t* position = segment->runs; position < segment->carved;) {
        auto* run = reinterpret_cast<Run*>(position);
        if (address < position + run->bytes) return run;
        position += run->bytes;
    }
    return nullptr;
}

Block* slot_at(Run* run, const uint8_t* header) {
    auto* first = reinterpret_cast<uint8_t*>(first_slot(run));
    if (header < first) return nullptr;
    SIZE_T offset = header - first, slot = slot_bytes(run);
    if (offset % slot || offset / slot >= run->slot_count) return nullptr;
    return reinterpret_cast<Block*>(const_cast<uint8_t*>(header));
}

Segment* segment_containing(Heap* heap, const void* address) {
    for (Segment* segment = heap->segments; segment; segment = segment->next)
        if (address >= segment->runs && address < segment->end) return segment;
    return nullptr;
}

void fill_block_entry(RTL_HEAP_WALK_ENTRY* entry, Block* block, UCHAR segment_index) {
    Run* run = block->run();
    SIZE_T size = block->busy() ? block->size : run->slot_size;
    SIZE_T overhead = sizeof(Block) + run->slot_size - size;
    *entry = {};
    entry->DataAddress = block->data();
    entry->DataSize = size;
    entry->OverheadBytes = static_cast<UCHAR>(std::min<SIZE_T>(overhead, 0xff));
    entry->SegmentIndex = segment_index;
    entry->Flags = block->busy() ? RTL_HEAP_BUSY : 0;
}

void fill_segment_entry(RTL_HEAP_WALK_ENTRY* entry, Segment* segment) {
    *entry = {};
    entry->DataAddress = segment;
    entry->DataSize = segment->end - reinterpret_cast<uint8_t*>(segment);
    entry->SegmentIndex = static_cast<UCHAR>(segment->index);
    entry->Flags = RTL_HEAP_SEGMENT;
    entry->Segment.CommittedSize = static_cast<ULONG>(segment->carved - reinterpret_cast<uint8_t*>(segment));
    entry->Segment.UnCommittedSize = static_cast<ULONG>(segment->end - segment->carved);
    entry->Segment.FirstEntry = segment->runs;
    entry->Segment.LastEntry = segment->end;
}

// The entries of a segment after its region entry: its blocks, then its
// unused tail. Returns false when the segment has no entry at or after
// `position`.
bool segment_entry_from(RTL_HEAP_WALK_ENTRY* entry, Segment* segment, uint8_t* position) {
    if (position < segment->carved) {
        auto* run = reinterpret_cast<Run*>(position);
        fill_block_entry(entry, first_slot(run), static_cast<UCHAR>(segment->index));
        return true;
    }
    if (position == segment->carved && segment->carved < segment->end) {
        *entry = {};
        entry->DataAddress = segment->carved;
        entry->DataSize = segment->end - segment->carved;
        entry->SegmentIndex = static_cast<UCHAR>(segment->index);
        entry->Flags = RTL_HEAP_UNCOMMITTED_RANGE;
        return true;
    }
    return false;
}

// The first entry after the segment `segment` (null: after the last one).
NTSTATUS entry_after_segment(Heap* heap, RTL_HEAP_WALK_ENTRY* entry, Segment* segment) {
    if (segment && segment->next) {
        fill_segment_entry(entry, segment->next);
        return STATUS_SUCCESS;
    }
    if (heap->own_mappings) {
        fill_block_entry(entry, first_slot(heap->own_mappings), 0);
        return STATUS_SUCCESS;
    }
    return STATUS_NO_MORE_ENTRIES;
}

NTSTATUS next_entry(Heap* heap, RTL_HEAP_WALK_ENTRY* entry) {
    auto* address = static_cast<uint8_t*>(entry->DataAddress);
    if (!address) {
        fill_segment_entry(entry, heap->segments);
        return STATUS_SUCCESS;
    }
    if (entry->Flags & RTL_HEAP_SEGMENT) {
        Segment* segment = heap->segments;
        while (segment && reinterpret_cast<uint8_t*>(segment) != address) segment = segment->next;
        if (!segment) return STATUS_INVALID_PARAMETER;
        if (segment_entry_from(entry, segment, segment->runs)) return STATUS_SUCCESS;
        return entry_after_segment(heap, entry, segment);
    }
    if (entry->Flags & RTL_HEAP_UNCOMMITTED_RANGE) {
        Segment* segment = segment_containing(heap, address);
        if (!segment) return STATUS_INVALID_PARAMETER;
        return entry_after_segment(heap, entry, segment);
    }
    Block* block = locate_block(heap, address);
    if (!block) return STATUS_INVALID_PARAMETER;
    Run* run = block->run();
    if (!run->segment) {
        if (run->next) {
            fill_block_entry(entry, first_slot(run->next), 0);
            return STATUS_SUCCESS;
        }
        return STATUS_NO_MORE_ENTRIES;
    }
    Segment* segment = run->segment;
    auto* next_slot = reinterpret_cast<uint8_t*>(block) + slot_bytes(run);
    if (next_slot < reinterpret_cast<uint8_t*>(run) + run->bytes) {
        fill_block_entry(entry, reinterpret_cast<Block*>(next_slot), static_cast<UCHAR>(segment->index));
        return STATUS_SUCCESS;
    }
    if (segment_entry_from(entry, segment, reinterpret_cast<uint8_t*>(run) + run->bytes)) return STATUS_SUCCESS;
    return entry_after_segment(heap, entry, segment);
}

bool run_is_sound(Heap* heap, Run* run) {
    if (run->magic != kRunMagic || run->heap != heap || !run->slot_count) return false;
    auto* slot = reinterpret_cast<uint8_t*>(first_slot(run));
    for (unsigned i = 0; i < run->slot_count; ++i, slot += slot_bytes(run))
        if (reinterpret_cast<Block*>(slot)->run() != run) return false;
    return true;
}

bool heap_is_sound(Heap* heap) {
    for (Segment* segment = heap->segments; segment; segment = segment->next) {
        if (segment->heap != heap) return false;
        for (uint8_t* position = segment->runs; position < segment->carved;) {
            auto* run = reinterpret_cast<Run*>(position);
            if (!run_is_sound(heap, run) || run->segment != segment || !run->bytes) return false;
            position += run->bytes;
        }
    }
    for (Run* run = heap->own_mappings; run; run = run->next)
        if (!run_is_sound(heap, run) || run->segment) return false;
    return true;
}

}  // namespace

void lock_contended(HeapLock& lock) {
    while (lock.word.exchange(2, std::memory_order_acquire) != 0) futex_wait(&lock.word, 2, Deadline{});
    lock.owner.store(current_thread_id(), std::memory_order_relaxed);
    lock.depth = 1;
}

void wake_waiter(HeapLock& lock) { futex_wake(&lock.word, 1); }

Heap* find_heap(HANDLE handle) {
    if (!handle) return nullptr;
    std::lock_guard guard(list_lock);
    auto& list = heaps();
    return std::find(list.begin(), list.end(), handle) != list.end() ? static_cast<Heap*>(handle) : nullptr;
}

void register_heap(Heap* heap) {
    std::lock_guard guard(list_lock);
    heaps().push_back(heap);
    publish_to_peb();
}

void unregister_heap(Heap* heap) {
    std::lock_guard guard(list_lock);
    auto& list = heaps();
    list.erase(std::remove(list.begin(), list.end(), static_cast<HANDLE>(heap)), list.end());
    publish_to_peb();
}

ULONG copy_heap_list(ULONG count, HANDLE* out) {
    std::lock_guard guard(list_lock);
    auto& list = heaps();
    if (out)
        for (ULONG i = 0; i < count && i < list.size(); ++i) out[i] = list[i];
    return static_cast<ULONG>(list.size());
}

Block* locate_block(Heap* heap, const void* data) {
    auto* header = static_cast<const uint8_t*>(data) - sizeof(Block);
    if (Segment* segment = segment_containing(heap, header)) {
        if (header >= segment->carved) return nullptr;
        Run* run = run_containing(segment, header);
        return run ? slot_at(run, header) : nullptr;
    }
    for (Run* run = heap->own_mappings; run; run = run->next)
        if (header == reinterpret_cast<uint8_t*>(first_slot(run))) return first_slot(run);
    return nullptr;
}

}  // namespace ntdll::heap

using namespace ntdll::heap;

VINE_EXPORT BOOLEAN RtlLockHeap(HANDLE handle) {
    Heap* heap = find_heap(handle);
    if (!heap) return FALSE;
    acquire(heap->lock);
    return TRUE;
}

VINE_EXPORT BOOLEAN RtlUnlockHeap(HANDLE handle) {
    Heap* heap = find_heap(handle);
    if (!heap || heap->lock.owner.load(std::memory_order_relaxed) != current_thread_id()) return FALSE;
    release(heap->lock);
    return TRUE;
}

VINE_EXPORT BOOLEAN RtlValidateHeap(HANDLE handle, ULONG flags, const void* data) {
    Heap* heap = find_heap(handle);
    if (!heap) return FALSE;
    HeapGuard guard(heap, flags);
    if (!data) return heap_is_sound(heap);
    Block* block = locate_block(heap, data);
    return block && block->busy();
}

VINE_EXPORT NTSTATUS RtlWalkHeap(HANDLE handle, RTL_HEAP_WALK_ENTRY* entry) {
    Heap* heap = find_heap(handle);
    if (!heap) return STATUS_INVALID_HANDLE;
    if (!entry) return STATUS_INVALID_PARAMETER;
    HeapGuard guard(heap, 0);
    return next_entry(heap, entry);
}

// Gives the large blocks kept for reuse back to the system and returns the
// size of the largest free block. Runs are not coalesced, so there is
// nothing to merge; their free slots stay for reuse.
VINE_EXPORT SIZE_T RtlCompactHeap(HANDLE handle, ULONG flags) {
    Heap* heap = find_heap(handle);
    if (!heap) return 0;
    HeapGuard guard(heap, flags);
    release_spare_mappings(heap);
    SIZE_T largest = 0;
    for (Segment* segment = heap->segments; segment; segment = segment->next) {
        for (uint8_t* position = segment->runs; position < segment->carved;) {
            auto* run = reinterpret_cast<Run*>(position);
            auto* slot = reinterpret_cast<uint8_t*>(first_slot(run));
            for (unsigned i = 0; i < run->slot_count && run->slot_size > largest; ++i, slot += slot_bytes(run))
                if (!reinterpret_cast<Block*>(slot)->busy()) largest = run->slot_size;
            position += run->bytes;
        }
    }
    return largest;
}

VINE_EXPORT ULONG RtlGetProcessHeaps(ULONG count, HANDLE* heaps) { return copy_heap_list(count, heaps); }

VINE_EXPORT NTSTATUS RtlQueryHeapInformation(HANDLE handle, ULONG information_class, PVOID information,
                                             SIZE_T length, SIZE_T* return_length) {
    if (information_class != HeapCompatibilityInformation) return STATUS_INVALID_INFO_CLASS;
    Heap* heap = find_heap(handle);
    if (!heap) return STATUS_INVALID_HANDLE;
    if (return_length) *return_length = sizeof(ULONG);
    if (length < sizeof(ULONG)) return STATUS_BUFFER_TOO_SMALL;
    if (!information) return STATUS_INVALID_PARAMETER;
    *static_cast<ULONG*>(information) = heap->compatibility;
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS RtlSetHeapInformation(HANDLE handle, ULONG information_class, PVOID information,
                                           SIZE_T length) {
    switch (information_class) {
    case HeapEnableTerminationOnCorruption:
        // Accepted, as programs expect of every Windows since Vista. Vine
        // does not terminate on corruption it detects: a bad HeapFree or
        // HeapReAlloc fails instead.
        return STATUS_SUCCESS;
    case HeapCompatibilityInformation: {
        Heap* heap = find_heap(handle);
        if (!heap) return STATUS_INVALID_HANDLE;
        if (length < sizeof(ULONG) || !information) return STATUS_BUFFER_TOO_SMALL;
        ULONG value = *static_cast<ULONG*>(information);
        // Only the LFH can be asked for (since Vista); heaps without
        // serialization or of a fixed size cannot have it.
        if (value != 2 || !serialized(heap, 0) || !(heap->flags & HEAP_GROWABLE)) return STATUS_UNSUCCESSFUL;
        heap->compatibility = value;
        return STATUS_SUCCESS;
    }
    case HeapOptimizeResources: {
        if (length < sizeof(HEAP_OPTIMIZE_RESOURCES_INFORMATION) || !information) return STATUS_BUFFER_TOO_SMALL;
        auto* options = static_cast<HEAP_OPTIMIZE_RESOURCES_INFORMATION*>(information);
        if (options->Version != HEAP_OPTIMIZE_RESOURCES_CURRENT_VERSION) return STATUS_INVALID_PARAMETER;
        return STATUS_SUCCESS;  // Vine's free blocks hold no memory worth returning early
    }
    default: return STATUS_INVALID_INFO_CLASS;
    }
}
