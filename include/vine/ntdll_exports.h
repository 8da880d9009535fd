// Prototypes of ntdll exports that other builtin DLLs call.
#pragma once

#include "vine/ntstatus.h"
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
// An RTL_RUN_ONCE's low two bits are its state (dlls/ntdll/run_once.cpp);
// 2 means done, with the context in the other bits. Completed
// initializations are answered inline with one load, by ntdll and kernel32.
inline bool run_once_done(const RTL_RUN_ONCE* once, PVOID* context) {
    auto value = __atomic_load_n(reinterpret_cast<const uintptr_t*>(&once->Ptr), __ATOMIC_ACQUIRE);
    if ((value & 3) != 2) return false;
    if (context) *context = reinterpret_cast<PVOID>(value & ~uintptr_t{3});
    return true;
}
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

// ---- the NT object and wait API (dlls/ntdll: wait.cpp, event.cpp, ...) ----
using ACCESS_MASK = DWORD;

constexpr ULONG OBJ_INHERIT = 0x2, OBJ_OPENIF = 0x80, OBJ_CASE_INSENSITIVE = 0x40, OBJ_OPENLINK = 0x100;
struct OBJECT_ATTRIBUTES {
    ULONG Length;
    HANDLE RootDirectory;
    UNICODE_STRING* ObjectName;
    ULONG Attributes;
    PVOID SecurityDescriptor;
    PVOID SecurityQualityOfService;
};
static_assert(sizeof(OBJECT_ATTRIBUTES) == 48);

constexpr ULONG OBJ_PERMANENT = 0x10;

// Object-manager directories and symbolic links (dlls/ntdll/symlink.cpp).
struct OBJECT_DIRECTORY_INFORMATION {
    UNICODE_STRING Name;
    UNICODE_STRING TypeName;
};
static_assert(sizeof(OBJECT_DIRECTORY_INFORMATION) == 32);

enum EVENT_TYPE { NotificationEvent = 0, SynchronizationEvent = 1 };
enum TIMER_TYPE { NotificationTimer = 0, SynchronizationTimer = 1 };
enum WAIT_TYPE { WaitAllObject = 0, WaitAnyObject = 1 };

struct EVENT_BASIC_INFORMATION {
    EVENT_TYPE EventType;
    LONG EventState;
};
struct MUTANT_BASIC_INFORMATION {
    LONG CurrentCount;  // 1 free, <= 0 owned (minus the recursion count)
    BOOLEAN OwnedByCaller;
    BOOLEAN AbandonedState;
};
struct SEMAPHORE_BASIC_INFORMATION {
    LONG CurrentCount;
    LONG MaximumCount;
};
constexpr ULONG EventBasicInformation = 0, MutantBasicInformation = 0, SemaphoreBasicInformation = 0;

using PNTAPCFUNC = void(WINAPI*)(ULONG_PTR, ULONG_PTR, ULONG_PTR);
using PTIMER_APC_ROUTINE = void(WINAPI*)(PVOID context, ULONG low, LONG high);

extern "C" {
WINAPI NTSTATUS NtCreateSymbolicLinkObject(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                                           const UNICODE_STRING* target);
WINAPI NTSTATUS NtOpenSymbolicLinkObject(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes);
WINAPI NTSTATUS NtQuerySymbolicLinkObject(HANDLE handle, UNICODE_STRING* target, ULONG* returned);
WINAPI NTSTATUS NtMakeTemporaryObject(HANDLE handle);
WINAPI NTSTATUS NtOpenDirectoryObject(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes);
WINAPI NTSTATUS NtQueryDirectoryObject(HANDLE handle, void* buffer, ULONG length, BOOLEAN single, BOOLEAN restart,
                                       ULONG* context, ULONG* returned);
// Win32 path names (dlls/ntdll/rtl_path.cpp); the PEB lock guards the current directory.
WINAPI ULONG RtlGetFullPathName_U(const WCHAR* name, ULONG size, WCHAR* buffer, WCHAR** file_part);
// The current directory (bytes written without the NUL, or needed with it)
// and its change (the directory opened, its handle kept in the PEB).
WINAPI ULONG RtlGetCurrentDirectory_U(ULONG size, WCHAR* buffer);
WINAPI NTSTATUS RtlSetCurrentDirectory_U(const UNICODE_STRING* name);
WINAPI NTSTATUS RtlDosPathNameToNtPathName_U_WithStatus(const WCHAR* dos, UNICODE_STRING* nt, WCHAR** file_part,
                                                       void* relative);
WINAPI void RtlFreeUnicodeString(UNICODE_STRING* string);
WINAPI void RtlAcquirePebLock();
WINAPI void RtlReleasePebLock();
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
WINAPI NTSTATUS NtClose(HANDLE handle);
WINAPI NTSTATUS NtDuplicateObject(HANDLE source_process, HANDLE source, HANDLE target_process, HANDLE* target,
                                  ACCESS_MASK access, ULONG attributes, ULONG options);
WINAPI NTSTATUS NtWaitForSingleObject(HANDLE handle, BOOLEAN alertable, const LARGE_INTEGER* timeout);
WINAPI NTSTATUS NtWaitForMultipleObjects(ULONG count, const HANDLE* handles, WAIT_TYPE type, BOOLEAN alertable,
                                         const LARGE_INTEGER* timeout);
WINAPI NTSTATUS NtSignalAndWaitForSingleObject(HANDLE signal, HANDLE wait, BOOLEAN alertable,
                                               const LARGE_INTEGER* timeout);
WINAPI NTSTATUS NtDelayExecution(BOOLEAN alertable, const LARGE_INTEGER* timeout);
WINAPI NTSTATUS NtCreateEvent(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                              EVENT_TYPE type, BOOLEAN initial_state);
WINAPI NTSTATUS NtOpenEvent(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes);
WINAPI NTSTATUS NtSetEvent(HANDLE handle, LONG* previous_state);
WINAPI NTSTATUS NtResetEvent(HANDLE handle, LONG* previous_state);
WINAPI NTSTATUS NtPulseEvent(HANDLE handle, LONG* previous_state);
WINAPI NTSTATUS NtCreateMutant(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                               BOOLEAN initial_owner);
WINAPI NTSTATUS NtOpenMutant(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes);
WINAPI NTSTATUS NtReleaseMutant(HANDLE handle, LONG* previous_count);
WINAPI NTSTATUS NtCreateSemaphore(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                                  LONG initial, LONG maximum);
WINAPI NTSTATUS NtOpenSemaphore(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes);
WINAPI NTSTATUS NtReleaseSemaphore(HANDLE handle, ULONG release, ULONG* previous_count);
WINAPI NTSTATUS NtCreateTimer(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                              TIMER_TYPE type);
WINAPI NTSTATUS NtOpenTimer(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes);
WINAPI NTSTATUS NtSetTimer(HANDLE handle, const LARGE_INTEGER* due, PTIMER_APC_ROUTINE routine, PVOID context,
                           BOOLEAN resume, LONG period, BOOLEAN* previous_state);
WINAPI NTSTATUS NtCancelTimer(HANDLE handle, BOOLEAN* current_state);
WINAPI NTSTATUS NtQueueApcThread(HANDLE thread, PNTAPCFUNC routine, ULONG_PTR arg1, ULONG_PTR arg2,
                                 ULONG_PTR arg3);
WINAPI ULONG RtlNtStatusToDosError(NTSTATUS status);
WINAPI NTSTATUS RtlExpandEnvironmentStrings(const WCHAR* environment, const WCHAR* source, SIZE_T source_length,
                                            WCHAR* destination, SIZE_T count, SIZE_T* needed);
// Vine's: forgets the APC queue and timer completion routines of a thread
// that has ended (kernel32 calls it where Windows' ntdll would itself).
WINAPI void __vine_forget_thread(DWORD thread_id);
// The caller has ended as Windows sees it (ntdll's state, the server); TRUE
// if it was the process's last thread (dlls/ntdll/thread_info.cpp).
WINAPI BOOL __vine_report_thread_exit(DWORD code);
WINAPI DWORD RtlGetLastWin32Error();
WINAPI void RtlSetLastWin32Error(DWORD error);
WINAPI void RtlSetUnhandledExceptionFilter(LONG(WINAPI* filter)(struct EXCEPTION_POINTERS* pointers));
}
