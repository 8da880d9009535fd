// Prototypes of ntdll exports that other builtin DLLs call.
#pragma once

#include "vine/wintypes.h"

struct RTL_CRITICAL_SECTION {
    PVOID DebugInfo;
    LONG LockCount;        // -1 when free; each further claimant adds one
    LONG RecursionCount;
    HANDLE OwningThread;   // thread id of the owner
    HANDLE LockSemaphore;  // low 32 bits: wake-ups handed to waiters (a futex)
    ULONG_PTR SpinCount;
};
static_assert(sizeof(RTL_CRITICAL_SECTION) == 40);

constexpr DWORD HEAP_NO_SERIALIZE = 0x1;
constexpr DWORD HEAP_GENERATE_EXCEPTIONS = 0x4;
constexpr DWORD HEAP_ZERO_MEMORY = 0x8;
constexpr DWORD HEAP_REALLOC_IN_PLACE_ONLY = 0x10;

extern "C" {
WINAPI PVOID RtlAllocateHeap(HANDLE heap, ULONG flags, SIZE_T size);
WINAPI BOOLEAN RtlFreeHeap(HANDLE heap, ULONG flags, PVOID block);
WINAPI PVOID RtlReAllocateHeap(HANDLE heap, ULONG flags, PVOID block, SIZE_T size);
WINAPI SIZE_T RtlSizeHeap(HANDLE heap, ULONG flags, const void* block);
WINAPI HANDLE RtlCreateHeap(ULONG flags, PVOID base, SIZE_T reserve, SIZE_T commit, PVOID lock, PVOID parameters);
WINAPI HANDLE RtlDestroyHeap(HANDLE heap);
WINAPI NTSTATUS RtlInitializeCriticalSection(RTL_CRITICAL_SECTION* section);
WINAPI NTSTATUS RtlInitializeCriticalSectionAndSpinCount(RTL_CRITICAL_SECTION* section, ULONG spin_count);
WINAPI NTSTATUS RtlEnterCriticalSection(RTL_CRITICAL_SECTION* section);
WINAPI NTSTATUS RtlLeaveCriticalSection(RTL_CRITICAL_SECTION* section);
WINAPI BOOL RtlTryEnterCriticalSection(RTL_CRITICAL_SECTION* section);
WINAPI NTSTATUS RtlDeleteCriticalSection(RTL_CRITICAL_SECTION* section);
WINAPI DWORD RtlGetLastWin32Error();
WINAPI void RtlSetLastWin32Error(DWORD error);
WINAPI void RtlSetUnhandledExceptionFilter(LONG(WINAPI* filter)(struct EXCEPTION_POINTERS* pointers));
}
