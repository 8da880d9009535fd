// COM's task allocator: CoTaskMemAlloc and friends, and the IMalloc that
// CoGetMalloc hands out over the same memory. Memory COM functions return
// to callers (StringFromCLSID, SHGetKnownFolderPath) comes from here, so the
// caller frees it with CoTaskMemFree. Blocks live on the process heap.
#include "vine/com.h"
#include "vine/kernel32_exports.h"
#include "vine/ntdll_exports.h"
#include "vine/winerror.h"

VINE_EXPORT void* CoTaskMemAlloc(SIZE_T size) { return RtlAllocateHeap(GetProcessHeap(), 0, size); }

VINE_EXPORT void CoTaskMemFree(void* block) {
    if (block) RtlFreeHeap(GetProcessHeap(), 0, block);
}

// Realloc of NULL allocates; of size 0 frees and returns NULL (IMalloc::Realloc).
VINE_EXPORT void* CoTaskMemRealloc(void* block, SIZE_T size) {
    if (!block) return CoTaskMemAlloc(size);
    if (size == 0) {
        CoTaskMemFree(block);
        return nullptr;
    }
    return RtlReAllocateHeap(GetProcessHeap(), 0, block, size);
}

namespace {

HRESULT WINAPI malloc_query_interface(IMalloc* self, REFIID iid, void** object) {
    if (!object) return E_POINTER;
    if (iid && (*iid == IID_IUnknown || *iid == IID_IMalloc)) {
        *object = self;
        return S_OK;
    }
    *object = nullptr;
    return E_NOINTERFACE;
}
// The task allocator is one static object: references are not counted.
ULONG WINAPI malloc_add_ref(IMalloc*) { return 1; }
ULONG WINAPI malloc_release(IMalloc*) { return 1; }
void* WINAPI malloc_alloc(IMalloc*, SIZE_T size) { return CoTaskMemAlloc(size); }
void* WINAPI malloc_realloc(IMalloc*, void* block, SIZE_T size) { return CoTaskMemRealloc(block, size); }
void WINAPI malloc_free(IMalloc*, void* block) { CoTaskMemFree(block); }
SIZE_T WINAPI malloc_get_size(IMalloc*, void* block) {
    return block ? RtlSizeHeap(GetProcessHeap(), 0, block) : static_cast<SIZE_T>(-1);
}
// -1: "cannot tell" (the heap does not say whether it owns a pointer).
int WINAPI malloc_did_alloc(IMalloc*, void* block) { return block ? -1 : 0; }
void WINAPI malloc_heap_minimize(IMalloc*) {}

const IMallocVtbl kMallocVtbl = {malloc_query_interface, malloc_add_ref, malloc_release, malloc_alloc,
                                 malloc_realloc, malloc_free, malloc_get_size, malloc_did_alloc,
                                 malloc_heap_minimize};
IMalloc g_task_allocator = {&kMallocVtbl};

}  // namespace

VINE_EXPORT HRESULT CoGetMalloc(DWORD context, IMalloc** malloc) {
    if (!malloc) return E_POINTER;
    if (context != MEMCTX_TASK) {
        *malloc = nullptr;
        return E_INVALIDARG;
    }
    *malloc = &g_task_allocator;
    return S_OK;
}
