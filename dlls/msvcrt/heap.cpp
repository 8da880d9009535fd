// malloc and friends on the process heap.
#include <cstring>

#include "msvcrt_private.h"
#include "vine/heap.h"
#include "vine/heap_thread_cache.h"
#include "vine/kernel32_exports.h"
#include "vine/ntdll_exports.h"
#include "vine/teb.h"

// kernel32's Heap* exports are forwarders to ntdll with no ELF symbol of
// their own, so the heap is reached through ntdll's Rtl*Heap directly.
#define HeapAlloc RtlAllocateHeap
#define HeapReAlloc RtlReAllocateHeap
#define HeapSize RtlSizeHeap
#define HeapFree RtlFreeHeap

namespace {
constexpr size_t kMaxRequest = ~size_t{0} - 0x1000;
using NewHandler = int(WINAPI*)(size_t);
NewHandler new_handler;
int new_mode;
}  // namespace

MSVCRT_API int MSVCRT__callnewh(size_t size) {
    if (!new_handler) return 0;
    return new_handler(size) ? 1 : 0;
}

namespace {

// The fast paths below stay in the Microsoft calling convention: the process
// heap is read from the PEB through gs:, ntdll's exports are ms_abi, and
// every rarely taken path (size 0, failure, the new handler, errno, which
// calls into the System V side) is a separate ms_abi function, so the
// exports carry no xmm6-15 saves. malloc and free first try the process
// heap's per-thread cache inline (vine/heap_thread_cache.h), exactly what
// RtlAllocateHeap and RtlFreeHeap would do first, so the common case costs
// no call into ntdll; everything else is ntdll's.
inline HANDLE process_heap() {
    PEB* peb;
    __asm__("movq %%gs:0x60, %0" : "=r"(peb));
    return peb->ProcessHeap;
}

[[gnu::ms_abi, gnu::noinline]] void* fail_with_enomem() {
    msvcrt_set_errno(MSVCRT_ENOMEM);
    return nullptr;
}

[[gnu::ms_abi, gnu::noinline]] void* malloc_slow(size_t size) {
    if (size > kMaxRequest) return fail_with_enomem();
    for (;;) {
        void* block = HeapAlloc(process_heap(), 0, size ? size : 1);
        if (block) return block;
        if (!new_mode || !MSVCRT__callnewh(size)) break;
    }
    return fail_with_enomem();
}

[[gnu::ms_abi, gnu::noinline]] size_t msize_of_null() {
    msvcrt_set_errno(MSVCRT_EINVAL);
    return ~size_t{0};
}

}  // namespace

MSVCRT_API void* MSVCRT_malloc(size_t size) {
    if (__builtin_expect(size - 1 < ntdll::heap::kLargestClass, 1)) {  // neither 0 nor beyond the classes
        if (ntdll::heap::Block* block = ntdll::heap::pop_cached(size)) return ntdll::heap::mark_busy(block, size);
    }
    return malloc_slow(size);
}

MSVCRT_API void* MSVCRT_calloc(size_t count, size_t size) {
    size_t total;
    if (__builtin_mul_overflow(count, size, &total) || total > kMaxRequest) return fail_with_enomem();
    void* block = HeapAlloc(process_heap(), HEAP_ZERO_MEMORY, total ? total : 1);
    if (__builtin_expect(block != nullptr, 1)) return block;
    return fail_with_enomem();
}

MSVCRT_API void MSVCRT_free(void* block) {
    if (!block) return;
    HANDLE heap = process_heap();
    if (__builtin_expect(ntdll::heap::push_cached(static_cast<const ntdll::heap::Heap*>(heap), block), 1)) return;
    HeapFree(heap, 0, block);
}

MSVCRT_API void* MSVCRT_realloc(void* block, size_t size) {
    if (!block) return MSVCRT_malloc(size);
    if (!size) {
        MSVCRT_free(block);
        return nullptr;
    }
    if (size > kMaxRequest) return fail_with_enomem();
    void* grown = HeapReAlloc(process_heap(), 0, block, size);
    if (__builtin_expect(grown != nullptr, 1)) return grown;
    return fail_with_enomem();
}

MSVCRT_API size_t MSVCRT__msize(void* block) {
    if (!block) return msize_of_null();
    return HeapSize(process_heap(), 0, block);
}

// realloc for calloc'ed blocks: what the block grows by is zeroed.
MSVCRT_API void* MSVCRT__recalloc(void* block, size_t count, size_t size) {
    if (size && count > kMaxRequest / size) return fail_with_enomem();
    size_t total = count * size;
    size_t old_size = block ? MSVCRT__msize(block) : 0;
    void* grown = MSVCRT_realloc(block, total);
    if (grown && total > old_size) memset(static_cast<char*>(grown) + old_size, 0, total - old_size);
    return grown;
}

MSVCRT_API void* MSVCRT__expand(void* block, size_t size) {
    if (!block) return nullptr;
    return HeapReAlloc(process_heap(), 0x00000010 /* HEAP_REALLOC_IN_PLACE_ONLY */, block, size ? size : 1);
}

MSVCRT_API intptr_t MSVCRT__get_heap_handle() { return reinterpret_cast<intptr_t>(process_heap()); }
// _HEAPOK (-2) or _HEAPBADNODE (-4), from ntdll's validation of the heap.
MSVCRT_API int MSVCRT__heapchk() { return RtlValidateHeap(process_heap(), 0, nullptr) ? -2 : -4; }
MSVCRT_API int MSVCRT__heapmin() {
    RtlCompactHeap(process_heap(), 0);
    return 0;
}
MSVCRT_API int MSVCRT__heapset(unsigned int) { return -2; }

MSVCRT_API int MSVCRT__set_new_mode(int mode) {
    int old = new_mode;
    new_mode = mode;
    return old;
}
MSVCRT_API int MSVCRT__query_new_mode() { return new_mode; }
MSVCRT_API NewHandler MSVCRT__set_new_handler(NewHandler handler) {
    NewHandler old = new_handler;
    new_handler = handler;
    return old;
}
MSVCRT_API NewHandler MSVCRT__query_new_handler() { return new_handler; }

// C++ operator new / delete (??2@YAPEAX_K@Z and friends): msvcrt calls the
// new handler and returns NULL when it cannot allocate.
MSVCRT_API void* MSVCRT_operator_new(size_t size) {
    for (;;) {
        void* block = HeapAlloc(process_heap(), 0, size ? size : 1);
        if (block) return block;
        if (!MSVCRT__callnewh(size)) return nullptr;
    }
}
MSVCRT_API void MSVCRT_operator_delete(void* block) { MSVCRT_free(block); }

// Aligned blocks keep the real block's address just below the aligned pointer.
MSVCRT_API void* MSVCRT__aligned_offset_malloc(size_t size, size_t alignment, size_t offset) {
    if (alignment & (alignment - 1) || (size && offset >= size)) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return nullptr;
    }
    if (alignment < sizeof(void*)) alignment = sizeof(void*);
    char* raw = static_cast<char*>(MSVCRT_malloc(size + alignment + sizeof(void*)));
    if (!raw) return nullptr;
    uintptr_t start = reinterpret_cast<uintptr_t>(raw) + sizeof(void*) + offset;
    uintptr_t aligned = ((start + alignment - 1) & ~(uintptr_t)(alignment - 1)) - offset;
    reinterpret_cast<void**>(aligned & ~(uintptr_t)(sizeof(void*) - 1))[-1] = raw;
    return reinterpret_cast<void*>(aligned);
}

MSVCRT_API void* MSVCRT__aligned_malloc(size_t size, size_t alignment) {
    return MSVCRT__aligned_offset_malloc(size, alignment, 0);
}

MSVCRT_API void MSVCRT__aligned_free(void* block) {
    if (!block) return;
    uintptr_t p = reinterpret_cast<uintptr_t>(block) & ~(uintptr_t)(sizeof(void*) - 1);
    MSVCRT_free(reinterpret_cast<void**>(p)[-1]);
}

MSVCRT_API void* MSVCRT__aligned_offset_realloc(void* block, size_t size, size_t alignment, size_t offset) {
    if (!block) return MSVCRT__aligned_offset_malloc(size, alignment, offset);
    if (!size) {
        MSVCRT__aligned_free(block);
        return nullptr;
    }
    uintptr_t p = reinterpret_cast<uintptr_t>(block) & ~(uintptr_t)(sizeof(void*) - 1);
    char* raw = static_cast<char*>(reinterpret_cast<void**>(p)[-1]);
    size_t old_size = MSVCRT__msize(raw) - static_cast<size_t>(static_cast<char*>(block) - raw);
    void* fresh = MSVCRT__aligned_offset_malloc(size, alignment, offset);
    if (!fresh) return nullptr;
    std::memcpy(fresh, block, old_size < size ? old_size : size);
    MSVCRT__aligned_free(block);
    return fresh;
}

MSVCRT_API void* MSVCRT__aligned_realloc(void* block, size_t size, size_t alignment) {
    return MSVCRT__aligned_offset_realloc(block, size, alignment, 0);
}
