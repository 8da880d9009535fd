// The Heap* functions: thin wrappers over ntdll's Rtl heaps (heap.cpp and
// heap_walk.cpp there). HeapAlloc, HeapFree, HeapReAlloc and HeapSize are
// forwarders to ntdll in the spec, as on Windows.
#include "kernel32_private.h"
#include "local_global.h"
#include "nt_wait.h"
#include "vine/heap.h"

using namespace kernel32;

namespace {


bool fail_status(NTSTATUS status) {
    set_nt_error(status);
    return false;
}

}  // namespace

VINE_EXPORT HANDLE GetProcessHeap() { return current_teb()->ProcessEnvironmentBlock->ProcessHeap; }

VINE_EXPORT HANDLE HeapCreate(DWORD flags, SIZE_T initial, SIZE_T maximum) {
    flags &= HEAP_NO_SERIALIZE | HEAP_GENERATE_EXCEPTIONS | HEAP_CREATE_ENABLE_EXECUTE;
    // A maximum of 0 makes a growable heap; otherwise the heap never holds
    // more than the maximum.
    if (!maximum) flags |= HEAP_GROWABLE;
    HANDLE heap = RtlCreateHeap(flags, nullptr, maximum ? maximum : initial, initial, nullptr, nullptr);
    if (!heap) set_error(ERROR_NOT_ENOUGH_MEMORY);
    return heap;
}

VINE_EXPORT BOOL HeapDestroy(HANDLE heap) {
    if (RtlDestroyHeap(heap)) {
        set_error(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
}

VINE_EXPORT BOOL HeapValidate(HANDLE heap, DWORD flags, LPCVOID block) { return RtlValidateHeap(heap, flags, block); }

VINE_EXPORT BOOL HeapLock(HANDLE heap) {
    if (RtlLockHeap(heap)) return TRUE;
    set_error(ERROR_INVALID_HANDLE);
    return FALSE;
}

VINE_EXPORT BOOL HeapUnlock(HANDLE heap) {
    if (RtlUnlockHeap(heap)) return TRUE;
    set_error(ERROR_INVALID_HANDLE);
    return FALSE;
}

VINE_EXPORT SIZE_T HeapCompact(HANDLE heap, DWORD flags) {
    if (!RtlLockHeap(heap)) {
        set_error(ERROR_INVALID_HANDLE);
        return 0;
    }
    SIZE_T largest = RtlCompactHeap(heap, flags);
    RtlUnlockHeap(heap);
    if (!largest) set_error(ERROR_SUCCESS);  // no free block: 0 with NO_ERROR
    return largest;
}

VINE_EXPORT BOOL HeapWalk(HANDLE heap, PROCESS_HEAP_ENTRY* entry) {
    if (!entry) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    RTL_HEAP_WALK_ENTRY rtl{};
    rtl.DataAddress = entry->lpData;
    if (entry->lpData) {
        if (entry->wFlags & PROCESS_HEAP_REGION) rtl.Flags = RTL_HEAP_SEGMENT;
        else if (entry->wFlags & PROCESS_HEAP_UNCOMMITTED_RANGE) rtl.Flags = RTL_HEAP_UNCOMMITTED_RANGE;
        else if (entry->wFlags & PROCESS_HEAP_ENTRY_BUSY) rtl.Flags = RTL_HEAP_BUSY;
        rtl.SegmentIndex = entry->iRegionIndex;
    }
    NTSTATUS status = RtlWalkHeap(heap, &rtl);
    if (status == STATUS_NO_MORE_ENTRIES) {
        set_error(ERROR_NO_MORE_ITEMS);
        return FALSE;
    }
    if (status != STATUS_SUCCESS) return fail_status(status);
    *entry = {};
    entry->lpData = rtl.DataAddress;
    entry->cbData = static_cast<DWORD>(rtl.DataSize);
    entry->cbOverhead = rtl.OverheadBytes;
    entry->iRegionIndex = rtl.SegmentIndex;
    if (rtl.Flags & RTL_HEAP_SEGMENT) {
        entry->wFlags = PROCESS_HEAP_REGION;
        entry->Region.dwCommittedSize = rtl.Segment.CommittedSize;
        entry->Region.dwUnCommittedSize = rtl.Segment.UnCommittedSize;
        entry->Region.lpFirstBlock = rtl.Segment.FirstEntry;
        entry->Region.lpLastBlock = rtl.Segment.LastEntry;
    } else if (rtl.Flags & RTL_HEAP_UNCOMMITTED_RANGE) {
        entry->wFlags = PROCESS_HEAP_UNCOMMITTED_RANGE;
    } else if (rtl.Flags & RTL_HEAP_BUSY) {
        entry->wFlags = PROCESS_HEAP_ENTRY_BUSY;
        // GlobalAlloc/LocalAlloc's moveable blocks, which start with their
        // handle (a busy block of at least a pointer can be read).
        if (heap == GetProcessHeap() && rtl.DataSize >= sizeof(HANDLE)) {
            if (HANDLE handle = moveable_handle_of_heap_block(rtl.DataAddress)) {
                entry->wFlags |= PROCESS_HEAP_ENTRY_MOVEABLE;
                entry->Block.hMem = handle;
            }
        }
    }
    return TRUE;
}

// Totals from a walk of the heap, under its lock.
VINE_EXPORT BOOL HeapSummary(HANDLE heap, DWORD flags, HEAP_SUMMARY* summary) {
    if (!summary || summary->cb != sizeof(HEAP_SUMMARY)) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!RtlLockHeap(heap)) {
        set_error(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    HEAP_SUMMARY totals{};
    totals.cb = sizeof(totals);
    RTL_HEAP_WALK_ENTRY entry{};
    const char *region_start = nullptr, *region_end = nullptr;
    while (RtlWalkHeap(heap, &entry) == STATUS_SUCCESS) {
        auto* data = static_cast<const char*>(entry.DataAddress);
        if (entry.Flags & RTL_HEAP_SEGMENT) {
            region_start = data;
            region_end = data + entry.DataSize;
            totals.cbCommitted += entry.Segment.CommittedSize;
            totals.cbReserved += entry.DataSize;
        } else if (entry.Flags & RTL_HEAP_BUSY) {
            totals.cbAllocated += entry.DataSize;
            if (data < region_start || data >= region_end) {  // a block mapped on its own
                totals.cbCommitted += entry.DataSize + entry.OverheadBytes;
                totals.cbReserved += entry.DataSize + entry.OverheadBytes;
            }
        }
    }
    RtlUnlockHeap(heap);
    totals.cbMaxReserve = totals.cbReserved;
    (void)flags;
    *summary = totals;
    return TRUE;
}

// The number of heaps; as many handles (process heap first) as fit.
VINE_EXPORT DWORD GetProcessHeaps(DWORD count, HANDLE* heaps) { return RtlGetProcessHeaps(count, heaps); }

VINE_EXPORT BOOL HeapQueryInformation(HANDLE heap, ULONG information_class, PVOID information, SIZE_T length,
                                      SIZE_T* return_length) {
    NTSTATUS status = RtlQueryHeapInformation(heap, information_class, information, length, return_length);
    return status == STATUS_SUCCESS ? TRUE : fail_status(status);
}

VINE_EXPORT BOOL HeapSetInformation(HANDLE heap, ULONG information_class, PVOID information, SIZE_T length) {
    NTSTATUS status = RtlSetHeapInformation(heap, information_class, information, length);
    return status == STATUS_SUCCESS ? TRUE : fail_status(status);
}
