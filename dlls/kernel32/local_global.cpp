// LocalAlloc and GlobalAlloc (one implementation; the two differ only in the
// value of the discardable flag). Fixed blocks are process-heap blocks.
// Moveable blocks are handles: a handle points at the data pointer of an
// entry in a table of 16-byte entries, so it is 8 modulo 16 and never looks
// like a (16-byte aligned) heap block, and *handle is the data, as on
// Windows. The data block starts with the handle, so that GlobalHandle can
// find it; both links are checked before either is trusted.
#include <algorithm>
#include <vector>

#include "kernel32_private.h"
#include "local_global.h"
#include "vine/heap.h"

using namespace kernel32;

namespace {

constexpr UINT GMEM_MOVEABLE = 0x2, GMEM_ZEROINIT = 0x40, GMEM_MODIFY = 0x80;
constexpr UINT GMEM_DISCARDABLE = 0x100, LMEM_DISCARDABLE = 0xf00;
constexpr UINT GMEM_DISCARDED = 0x4000, GMEM_INVALID_HANDLE = 0x8000, GMEM_LOCKCOUNT = 0xff;

constexpr WORD kEntryInUse = 0x4d48;  // "HM"
constexpr SIZE_T kPrefix = 16;        // the handle, before a moveable block's data
constexpr int kEntriesPerChunk = 256;

struct HandleEntry {
    WORD magic;
    BYTE lock_count;
    BYTE discardable;
    DWORD unused;
    void* data;  // the handle points here
};
static_assert(sizeof(HandleEntry) == 16);

std::vector<HandleEntry*>& chunks() {
    static std::vector<HandleEntry*> list;
    return list;
}
HandleEntry* free_entries;

HANDLE process_heap() { return current_teb()->ProcessEnvironmentBlock->ProcessHeap; }

// Everything below runs under the process heap's lock.
struct TableLock {
    TableLock() { RtlLockHeap(process_heap()); }
    ~TableLock() { RtlUnlockHeap(process_heap()); }
};

HANDLE handle_of(HandleEntry* entry) { return &entry->data; }

HandleEntry* entry_of(HANDLE handle) {
    auto address = reinterpret_cast<uintptr_t>(handle);
    if ((address & 15) != offsetof(HandleEntry, data)) return nullptr;
    for (HandleEntry* chunk : chunks()) {
        auto start = reinterpret_cast<uintptr_t>(chunk);
        if (address < start || address >= start + kEntriesPerChunk * sizeof(HandleEntry)) continue;
        auto* entry = reinterpret_cast<HandleEntry*>(address - offsetof(HandleEntry, data));
        return entry->magic == kEntryInUse ? entry : nullptr;
    }
    return nullptr;
}

HandleEntry* new_entry() {
    if (!free_entries) {
        auto* chunk = static_cast<HandleEntry*>(
            RtlAllocateHeap(process_heap(), HEAP_ZERO_MEMORY, kEntriesPerChunk * sizeof(HandleEntry)));
        if (!chunk) return nullptr;
        chunks().push_back(chunk);
        for (int i = kEntriesPerChunk; i-- > 0;) {
            chunk[i].data = free_entries;
            free_entries = &chunk[i];
        }
    }
    HandleEntry* entry = free_entries;
    free_entries = static_cast<HandleEntry*>(entry->data);
    *entry = {kEntryInUse, 0, 0, 0, nullptr};
    return entry;
}

void release_entry(HandleEntry* entry) {
    entry->magic = 0;
    entry->data = free_entries;
    free_entries = entry;
}

// Fixed blocks are live process-heap blocks.
bool is_fixed(HANDLE handle) {
    return handle && !(reinterpret_cast<uintptr_t>(handle) & 15) && RtlValidateHeap(process_heap(), 0, handle);
}

void* new_moveable_data(HandleEntry* entry, SIZE_T size, bool zero) {
    auto* block = static_cast<uint8_t*>(RtlAllocateHeap(process_heap(), zero ? HEAP_ZERO_MEMORY : 0, size + kPrefix));
    if (!block) return nullptr;
    *reinterpret_cast<HANDLE*>(block) = handle_of(entry);
    return block + kPrefix;
}

void free_moveable_data(HandleEntry* entry) {
    if (entry->data) RtlFreeHeap(process_heap(), 0, static_cast<uint8_t*>(entry->data) - kPrefix);
    entry->data = nullptr;
}

HANDLE allocate(UINT flags, SIZE_T size) {
    bool zero = flags & GMEM_ZEROINIT;
    if (!(flags & GMEM_MOVEABLE)) {
        void* block = RtlAllocateHeap(process_heap(), zero ? HEAP_ZERO_MEMORY : 0, size);
        if (!block) set_error(ERROR_NOT_ENOUGH_MEMORY);
        return block;
    }
    TableLock lock;
    HandleEntry* entry = new_entry();
    if (!entry) {
        set_error(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    entry->discardable = (flags & GMEM_DISCARDABLE) ? 1 : 0;
    if (size) {  // size 0 makes a discarded block
        entry->data = new_moveable_data(entry, size, zero);
        if (!entry->data) {
            release_entry(entry);
            set_error(ERROR_NOT_ENOUGH_MEMORY);
            return nullptr;
        }
    }
    return handle_of(entry);
}

LPVOID lock_block(HANDLE handle) {
    TableLock lock;
    if (HandleEntry* entry = entry_of(handle)) {
        if (!entry->data) {
            set_error(ERROR_DISCARDED);
            return nullptr;
        }
        if (entry->lock_count < GMEM_LOCKCOUNT) ++entry->lock_count;
        return entry->data;
    }
    if (is_fixed(handle)) return handle;
    set_error(ERROR_INVALID_HANDLE);
    return nullptr;
}

BOOL unlock_block(HANDLE handle) {
    TableLock lock;
    if (HandleEntry* entry = entry_of(handle)) {
        if (!entry->lock_count) {
            set_error(ERROR_NOT_LOCKED);
            return FALSE;
        }
        if (--entry->lock_count) return TRUE;
        set_error(ERROR_SUCCESS);
        return FALSE;
    }
    if (is_fixed(handle)) return TRUE;  // fixed blocks are never locked
    set_error(ERROR_INVALID_HANDLE);
    return FALSE;
}

HANDLE handle_from_pointer(LPCVOID pointer) {
    HANDLE candidate = const_cast<void*>(pointer);
    TableLock lock;
    if (entry_of(candidate) || is_fixed(candidate)) return candidate;
    auto* data = static_cast<const uint8_t*>(pointer);
    if (data && !(reinterpret_cast<uintptr_t>(data) & 15) && RtlValidateHeap(process_heap(), 0, data - kPrefix)) {
        HANDLE handle = *reinterpret_cast<const HANDLE*>(data - kPrefix);
        HandleEntry* entry = entry_of(handle);
        if (entry && entry->data == pointer) return handle;
    }
    set_error(ERROR_INVALID_HANDLE);
    return nullptr;
}

SIZE_T block_size(HANDLE handle) {
    TableLock lock;
    if (HandleEntry* entry = entry_of(handle))
        return entry->data ? RtlSizeHeap(process_heap(), 0, static_cast<uint8_t*>(entry->data) - kPrefix) - kPrefix
                           : 0;
    if (is_fixed(handle)) return RtlSizeHeap(process_heap(), 0, handle);
    set_error(ERROR_INVALID_HANDLE);
    return 0;
}

UINT block_flags(HANDLE handle, UINT discardable_flag) {
    TableLock lock;
    if (HandleEntry* entry = entry_of(handle))
        return entry->lock_count | (entry->discardable ? discardable_flag : 0) | (entry->data ? 0 : GMEM_DISCARDED);
    if (is_fixed(handle)) return 0;
    set_error(ERROR_INVALID_HANDLE);
    return GMEM_INVALID_HANDLE;
}

HANDLE free_block(HANDLE handle) {
    if (!handle) return nullptr;
    TableLock lock;
    if (HandleEntry* entry = entry_of(handle)) {
        free_moveable_data(entry);
        release_entry(entry);
        return nullptr;
    }
    if (is_fixed(handle) && RtlFreeHeap(process_heap(), 0, handle)) return nullptr;
    set_error(ERROR_INVALID_HANDLE);
    return handle;
}

HANDLE reallocate(HANDLE handle, SIZE_T size, UINT flags) {
    bool zero = flags & GMEM_ZEROINIT;
    TableLock lock;
    HandleEntry* entry = entry_of(handle);
    if (!entry && !is_fixed(handle)) {
        set_error(ERROR_INVALID_HANDLE);
        return nullptr;
    }
    if (flags & GMEM_MODIFY) {
        if (entry) {
            entry->discardable = (flags & GMEM_DISCARDABLE) ? 1 : 0;
            return handle;
        }
        if (!(flags & GMEM_MOVEABLE)) return handle;
        // A fixed block becomes moveable: its data moves behind a handle.
        HandleEntry* fresh = new_entry();
        SIZE_T old_size = RtlSizeHeap(process_heap(), 0, handle);
        void* data = fresh ? new_moveable_data(fresh, old_size, false) : nullptr;
        if (!data) {
            if (fresh) release_entry(fresh);
            set_error(ERROR_NOT_ENOUGH_MEMORY);
            return nullptr;
        }
        std::copy_n(static_cast<const uint8_t*>(handle), old_size, static_cast<uint8_t*>(data));
        RtlFreeHeap(process_heap(), 0, handle);
        fresh->data = data;
        return handle_of(fresh);
    }
    if (!entry) {
        ULONG heap_flags = (zero ? HEAP_ZERO_MEMORY : 0) | ((flags & GMEM_MOVEABLE) ? 0 : HEAP_REALLOC_IN_PLACE_ONLY);
        void* moved = RtlReAllocateHeap(process_heap(), heap_flags, handle, size);
        if (!moved) set_error(ERROR_NOT_ENOUGH_MEMORY);
        return moved;
    }
    if (!size) {
        // Discarding: allowed unless the block is locked and may not move.
        if (entry->lock_count && !(flags & GMEM_MOVEABLE)) {
            set_error(ERROR_NOT_ENOUGH_MEMORY);
            return nullptr;
        }
        free_moveable_data(entry);
        return handle;
    }
    if (!entry->data) {
        entry->data = new_moveable_data(entry, size, zero);
    } else {
        // A locked block stays where it is unless the caller allows moving.
        ULONG heap_flags = (zero ? HEAP_ZERO_MEMORY : 0) |
                           ((entry->lock_count && !(flags & GMEM_MOVEABLE)) ? HEAP_REALLOC_IN_PLACE_ONLY : 0);
        auto* block = static_cast<uint8_t*>(RtlReAllocateHeap(
            process_heap(), heap_flags, static_cast<uint8_t*>(entry->data) - kPrefix, size + kPrefix));
        if (!block) {
            set_error(ERROR_NOT_ENOUGH_MEMORY);
            return nullptr;
        }
        entry->data = block + kPrefix;
    }
    if (!entry->data) {
        set_error(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    return handle;
}

}  // namespace

HANDLE kernel32::moveable_handle_of_heap_block(const void* block) {
    if (!block) return nullptr;
    TableLock lock;
    HandleEntry* entry = entry_of(*static_cast<const HANDLE*>(block));
    return entry && entry->data == static_cast<const uint8_t*>(block) + kPrefix ? handle_of(entry) : nullptr;
}

namespace {

// LMEM_DISCARDABLE (0xf00) is GMEM_DISCARDABLE (0x100) for Local*.
UINT global_flags_of_local(UINT flags) {
    return (flags & ~LMEM_DISCARDABLE) | ((flags & LMEM_DISCARDABLE) ? GMEM_DISCARDABLE : 0);
}

}  // namespace

VINE_EXPORT HANDLE GlobalAlloc(UINT flags, SIZE_T size) { return allocate(flags, size); }
VINE_EXPORT HANDLE GlobalReAlloc(HANDLE handle, SIZE_T size, UINT flags) { return reallocate(handle, size, flags); }
VINE_EXPORT HANDLE GlobalFree(HANDLE handle) { return free_block(handle); }
VINE_EXPORT LPVOID GlobalLock(HANDLE handle) { return lock_block(handle); }
VINE_EXPORT BOOL GlobalUnlock(HANDLE handle) { return unlock_block(handle); }
VINE_EXPORT HANDLE GlobalHandle(LPCVOID pointer) { return handle_from_pointer(pointer); }
VINE_EXPORT SIZE_T GlobalSize(HANDLE handle) { return block_size(handle); }
VINE_EXPORT UINT GlobalFlags(HANDLE handle) { return block_flags(handle, GMEM_DISCARDABLE); }

VINE_EXPORT HANDLE LocalAlloc(UINT flags, SIZE_T size) { return allocate(global_flags_of_local(flags), size); }
VINE_EXPORT HANDLE LocalReAlloc(HANDLE handle, SIZE_T size, UINT flags) {
    return reallocate(handle, size, global_flags_of_local(flags));
}
VINE_EXPORT HANDLE LocalFree(HANDLE handle) { return free_block(handle); }
VINE_EXPORT LPVOID LocalLock(HANDLE handle) { return lock_block(handle); }
VINE_EXPORT BOOL LocalUnlock(HANDLE handle) { return unlock_block(handle); }
VINE_EXPORT HANDLE LocalHandle(LPCVOID pointer) { return handle_from_pointer(pointer); }
VINE_EXPORT SIZE_T LocalSize(HANDLE handle) { return block_size(handle); }
VINE_EXPORT UINT LocalFlags(HANDLE handle) { return block_flags(handle, LMEM_DISCARDABLE); }
