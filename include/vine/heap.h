// Heap structures and the Rtl heap exports beyond the four in
// ntdll_exports.h: what ntdll implements and kernel32 wraps.
#pragma once

#include <cstddef>

#include "vine/ntdll_exports.h"
#include "vine/wintypes.h"

constexpr ULONG HEAP_GROWABLE = 0x2;
constexpr ULONG HEAP_CREATE_ENABLE_EXECUTE = 0x40000;

// RtlWalkHeap's entry (x64 layout).
constexpr USHORT RTL_HEAP_BUSY = 0x0001;
constexpr USHORT RTL_HEAP_SEGMENT = 0x0002;
constexpr USHORT RTL_HEAP_UNCOMMITTED_RANGE = 0x0100;

struct RTL_HEAP_WALK_ENTRY {
    PVOID DataAddress;
    SIZE_T DataSize;
    UCHAR OverheadBytes;
    UCHAR SegmentIndex;
    USHORT Flags;
    union {
        struct {
            SIZE_T Settable;
            USHORT TagIndex;
            USHORT AllocatorBackTraceIndex;
            ULONG Reserved[2];
        } Block;
        struct {
            ULONG CommittedSize;
            ULONG UnCommittedSize;
            PVOID FirstEntry;
            PVOID LastEntry;
        } Segment;
    };
};
static_assert(offsetof(RTL_HEAP_WALK_ENTRY, Flags) == 0x12);
static_assert(sizeof(RTL_HEAP_WALK_ENTRY) == 0x30);

// kernel32's HeapWalk entry.
constexpr WORD PROCESS_HEAP_REGION = 0x0001;
constexpr WORD PROCESS_HEAP_UNCOMMITTED_RANGE = 0x0002;
constexpr WORD PROCESS_HEAP_ENTRY_BUSY = 0x0004;
constexpr WORD PROCESS_HEAP_ENTRY_MOVEABLE = 0x0010;
constexpr WORD PROCESS_HEAP_ENTRY_DDESHARE = 0x0020;

struct PROCESS_HEAP_ENTRY {
    PVOID lpData;
    DWORD cbData;
    BYTE cbOverhead;
    BYTE iRegionIndex;
    WORD wFlags;
    union {
        struct {
            HANDLE hMem;
            DWORD dwReserved[3];
        } Block;
        struct {
            DWORD dwCommittedSize;
            DWORD dwUnCommittedSize;
            LPVOID lpFirstBlock;
            LPVOID lpLastBlock;
        } Region;
    };
};
static_assert(offsetof(PROCESS_HEAP_ENTRY, wFlags) == 0xe);
static_assert(sizeof(PROCESS_HEAP_ENTRY) == 0x28);

struct HEAP_SUMMARY {
    DWORD cb;
    SIZE_T cbAllocated;
    SIZE_T cbCommitted;
    SIZE_T cbReserved;
    SIZE_T cbMaxReserve;
};
static_assert(sizeof(HEAP_SUMMARY) == 0x28);

// HEAP_INFORMATION_CLASS
constexpr ULONG HeapCompatibilityInformation = 0;
constexpr ULONG HeapEnableTerminationOnCorruption = 1;
constexpr ULONG HeapOptimizeResources = 3;

struct HEAP_OPTIMIZE_RESOURCES_INFORMATION {
    DWORD Version;
    DWORD Flags;
};
constexpr DWORD HEAP_OPTIMIZE_RESOURCES_CURRENT_VERSION = 1;

extern "C" {
WINAPI BOOLEAN RtlValidateHeap(HANDLE heap, ULONG flags, const void* block);
WINAPI NTSTATUS RtlWalkHeap(HANDLE heap, RTL_HEAP_WALK_ENTRY* entry);
WINAPI BOOLEAN RtlLockHeap(HANDLE heap);
WINAPI BOOLEAN RtlUnlockHeap(HANDLE heap);
WINAPI SIZE_T RtlCompactHeap(HANDLE heap, ULONG flags);
WINAPI ULONG RtlGetProcessHeaps(ULONG count, HANDLE* heaps);
WINAPI NTSTATUS RtlQueryHeapInformation(HANDLE heap, ULONG information_class, PVOID information, SIZE_T length,
                                        SIZE_T* return_length);
WINAPI NTSTATUS RtlSetHeapInformation(HANDLE heap, ULONG information_class, PVOID information, SIZE_T length);
}
