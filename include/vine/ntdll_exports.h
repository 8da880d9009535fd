// Prototypes of ntdll exports that other builtin DLLs call.
#pragma once

#include "vine/wintypes.h"

struct RTL_CRITICAL_SECTION {
    PVOID DebugInfo;
    LONG LockCount;        // bit 0: free; bit 1: no waiter woken; bits 2-31: ~waiters
    LONG RecursionCount;
    HANDLE OwningThread;   // thread id of the owner
    HANDLE LockSemaphore;  // low 32 bits: wake-ups handed to waiters (a futex)
    ULONG_PTR SpinCount;
};
static_assert(sizeof(RTL_CRITICAL_SECTION) == 40);

// SRWLOCK, CONDITION_VARIABLE and INIT_ONCE: one pointer each, 0 initially.
struct RTL_SRWLOCK {
    PVOID Ptr;
};
struct RTL_CONDITION_VARIABLE {
    PVOID Ptr;
};
union RTL_RUN_ONCE {
    PVOID Ptr;
};
static_assert(sizeof(RTL_SRWLOCK) == 8 && sizeof(RTL_CONDITION_VARIABLE) == 8 && sizeof(RTL_RUN_ONCE) == 8);

using RTL_RUN_ONCE_INIT_FN = ULONG(WINAPI*)(RTL_RUN_ONCE* once, PVOID parameter, PVOID* context);

struct alignas(16) SLIST_ENTRY {
    SLIST_ENTRY* Next;
};
// Depth (16 bits) and Sequence (48) in the first quadword, the first
// entry's address in the second (see dlls/ntdll/slist.cpp).
union alignas(16) SLIST_HEADER {
    struct {
        ULONGLONG Alignment;
        ULONGLONG Region;
    } s;
};
static_assert(sizeof(SLIST_ENTRY) == 16 && sizeof(SLIST_HEADER) == 16 && alignof(SLIST_HEADER) == 16);

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
WINAPI void RtlAcquireSRWLockExclusive(RTL_SRWLOCK* lock);
WINAPI void RtlAcquireSRWLockShared(RTL_SRWLOCK* lock);
WINAPI void RtlReleaseSRWLockExclusive(RTL_SRWLOCK* lock);
WINAPI void RtlReleaseSRWLockShared(RTL_SRWLOCK* lock);
WINAPI NTSTATUS RtlSleepConditionVariableCS(RTL_CONDITION_VARIABLE* cv, RTL_CRITICAL_SECTION* cs,
                                            const LARGE_INTEGER* timeout);
WINAPI NTSTATUS RtlSleepConditionVariableSRW(RTL_CONDITION_VARIABLE* cv, RTL_SRWLOCK* lock,
                                             const LARGE_INTEGER* timeout, ULONG flags);
WINAPI NTSTATUS RtlRunOnceBeginInitialize(RTL_RUN_ONCE* once, ULONG flags, PVOID* context);
WINAPI NTSTATUS RtlRunOnceComplete(RTL_RUN_ONCE* once, ULONG flags, PVOID context);
WINAPI NTSTATUS RtlRunOnceExecuteOnce(RTL_RUN_ONCE* once, RTL_RUN_ONCE_INIT_FN function, PVOID parameter,
                                      PVOID* context);
WINAPI NTSTATUS RtlWaitOnAddress(const volatile void* address, const void* compare, SIZE_T size,
                                 const LARGE_INTEGER* timeout);
WINAPI NTSTATUS NtYieldExecution();
WINAPI DWORD RtlGetLastWin32Error();
WINAPI void RtlSetLastWin32Error(DWORD error);
WINAPI void RtlSetUnhandledExceptionFilter(LONG(WINAPI* filter)(struct EXCEPTION_POINTERS* pointers));
}
