// Rtl heaps on top of the host allocator. Every block carries a header with
// its heap and exact size (HeapSize returns what was asked for); private
// heaps also chain their blocks so RtlDestroyHeap can free them all.
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "ntdll_private.h"

namespace {

constexpr uint32_t kHeapMagic = 0x50414548;  // "HEAP"

struct Heap;

struct alignas(16) BlockHeader {
    Heap* heap;
    SIZE_T size;
    BlockHeader* prev;
    BlockHeader* next;
};
static_assert(sizeof(BlockHeader) == 32);

struct Heap {
    uint32_t magic = kHeapMagic;
    bool chains_blocks = true;  // false for the process heap, never destroyed
    std::mutex lock;
    BlockHeader* blocks = nullptr;
};

Heap* to_heap(HANDLE handle) {
    auto* heap = static_cast<Heap*>(handle);
    return heap && heap->magic == kHeapMagic ? heap : nullptr;
}

BlockHeader* header_of(const void* block) {
    return const_cast<BlockHeader*>(static_cast<const BlockHeader*>(block) - 1);
}

void link(Heap* heap, BlockHeader* header) {
    if (!heap->chains_blocks) return;
    std::lock_guard guard(heap->lock);
    header->prev = nullptr;
    header->next = heap->blocks;
    if (heap->blocks) heap->blocks->prev = header;
    heap->blocks = header;
}

void unlink(Heap* heap, BlockHeader* header) {
    if (!heap->chains_blocks) return;
    std::lock_guard guard(heap->lock);
    if (header->prev) header->prev->next = header->next;
    else heap->blocks = header->next;
    if (header->next) header->next->prev = header->prev;
}

}  // namespace

HANDLE ntdll_create_process_heap() {
    auto* heap = new Heap;
    heap->chains_blocks = false;
    return heap;
}

VINE_EXPORT HANDLE RtlCreateHeap(ULONG flags, PVOID base, SIZE_T reserve, SIZE_T commit, PVOID lock, PVOID parameters) {
    if (base) return nullptr;  // heaps in caller-supplied memory are not supported
    return new Heap;
}

VINE_EXPORT HANDLE RtlDestroyHeap(HANDLE handle) {
    Heap* heap = to_heap(handle);
    if (!heap || !heap->chains_blocks) return handle;  // failure: the heap is returned
    for (BlockHeader* block = heap->blocks; block;) {
        BlockHeader* next = block->next;
        free(block);
        block = next;
    }
    heap->magic = 0;
    delete heap;
    return nullptr;
}

VINE_EXPORT PVOID RtlAllocateHeap(HANDLE handle, ULONG flags, SIZE_T size) {
    Heap* heap = to_heap(handle);
    if (!heap || size > (SIZE_T{1} << 47)) return nullptr;
    auto* header = static_cast<BlockHeader*>((flags & HEAP_ZERO_MEMORY) ? calloc(1, sizeof(BlockHeader) + size)
                                                                        : malloc(sizeof(BlockHeader) + size));
    if (!header) return nullptr;
    header->heap = heap;
    header->size = size;
    link(heap, header);
    return header + 1;
}

VINE_EXPORT BOOLEAN RtlFreeHeap(HANDLE handle, ULONG flags, PVOID block) {
    if (!block) return TRUE;
    Heap* heap = to_heap(handle);
    BlockHeader* header = header_of(block);
    if (!heap || header->heap != heap) return FALSE;
    unlink(heap, header);
    header->heap = nullptr;
    free(header);
    return TRUE;
}

VINE_EXPORT PVOID RtlReAllocateHeap(HANDLE handle, ULONG flags, PVOID block, SIZE_T size) {
    Heap* heap = to_heap(handle);
    if (!heap || !block || size > (SIZE_T{1} << 47)) return nullptr;
    BlockHeader* header = header_of(block);
    if (header->heap != heap) return nullptr;
    SIZE_T old_size = header->size;
    if (flags & HEAP_REALLOC_IN_PLACE_ONLY) {
        if (size > old_size) return nullptr;
        header->size = size;
        return block;
    }
    unlink(heap, header);
    auto* moved = static_cast<BlockHeader*>(realloc(header, sizeof(BlockHeader) + size));
    if (!moved) {
        link(heap, header);
        return nullptr;
    }
    moved->size = size;
    if ((flags & HEAP_ZERO_MEMORY) && size > old_size)
        memset(reinterpret_cast<uint8_t*>(moved + 1) + old_size, 0, size - old_size);
    link(heap, moved);
    return moved + 1;
}

VINE_EXPORT SIZE_T RtlSizeHeap(HANDLE handle, ULONG flags, const void* block) {
    Heap* heap = to_heap(handle);
    if (!heap || !block || header_of(block)->heap != heap) return ~SIZE_T{0};
    return header_of(block)->size;
}
