// The NT process and thread information calls (dlls/ntdll/process_info.cpp,
// dlls/ntdll/thread_info.cpp) and the structures they fill, which kernel32's
// process and thread functions wrap.
#pragma once

#include <cstddef>

#include "vine/ntstatus.h"
#include "vine/wintypes.h"

struct CONTEXT;
struct OBJECT_ATTRIBUTES;

using KPRIORITY = LONG;

// PROCESSINFOCLASS values Vine answers.
constexpr ULONG ProcessBasicInformation = 0, ProcessTimes = 4, ProcessDebugPort = 7,
                ProcessSessionInformation = 24, ProcessWow64Information = 26, ProcessImageFileName = 27,
                ProcessBreakOnTermination = 29, ProcessDebugObjectHandle = 30, ProcessDebugFlags = 31,
                ProcessCookie = 36, ProcessImageFileNameWin32 = 43;
// THREADINFOCLASS values Vine answers.
constexpr ULONG ThreadBasicInformation = 0, ThreadTimes = 1, ThreadImpersonationToken = 5, ThreadAmILastThread = 12,
                ThreadHideFromDebugger = 17, ThreadIsTerminated = 20, ThreadNameInformation = 38;

struct PROCESS_BASIC_INFORMATION {
    NTSTATUS ExitStatus;
    PVOID PebBaseAddress;
    ULONG_PTR AffinityMask;
    KPRIORITY BasePriority;
    ULONG_PTR UniqueProcessId;
    ULONG_PTR InheritedFromUniqueProcessId;
};
static_assert(sizeof(PROCESS_BASIC_INFORMATION) == 48 && offsetof(PROCESS_BASIC_INFORMATION, UniqueProcessId) == 32);

struct THREAD_BASIC_INFORMATION {
    NTSTATUS ExitStatus;
    PVOID TebBaseAddress;
    CLIENT_ID ClientId;
    ULONG_PTR AffinityMask;
    KPRIORITY Priority;
    KPRIORITY BasePriority;
};
static_assert(sizeof(THREAD_BASIC_INFORMATION) == 48 && offsetof(THREAD_BASIC_INFORMATION, AffinityMask) == 32);

// ProcessTimes and ThreadTimes, in 100 ns units.
struct KERNEL_USER_TIMES {
    LARGE_INTEGER CreateTime;
    LARGE_INTEGER ExitTime;
    LARGE_INTEGER KernelTime;
    LARGE_INTEGER UserTime;
};
static_assert(sizeof(KERNEL_USER_TIMES) == 32);

struct PROCESS_SESSION_INFORMATION {
    ULONG SessionId;
};

struct THREAD_NAME_INFORMATION {
    UNICODE_STRING ThreadName;
};
static_assert(sizeof(THREAD_NAME_INFORMATION) == 16);

// Job objects (dlls/ntdll/job.cpp). JOBOBJECTINFOCLASS values Vine answers.
constexpr ULONG JobObjectBasicAccountingInformation = 1, JobObjectBasicLimitInformation = 2,
                JobObjectBasicProcessIdList = 3, JobObjectAssociateCompletionPortInformation = 7,
                JobObjectExtendedLimitInformation = 9;
constexpr ACCESS_MASK JOB_OBJECT_ASSIGN_PROCESS = 0x0001, JOB_OBJECT_SET_ATTRIBUTES = 0x0002,
                      JOB_OBJECT_QUERY = 0x0004, JOB_OBJECT_TERMINATE = 0x0008, JOB_OBJECT_ALL_ACCESS = 0x1f003f;
constexpr DWORD JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION = 0x0400, JOB_OBJECT_LIMIT_BREAKAWAY_OK = 0x0800,
                JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK = 0x1000, JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x2000;
constexpr DWORD JOB_OBJECT_BASIC_LIMIT_VALID_FLAGS = 0x00ff, JOB_OBJECT_EXTENDED_LIMIT_VALID_FLAGS = 0x7fff;
constexpr NTSTATUS STATUS_PROCESS_NOT_IN_JOB = 0x00000123, STATUS_PROCESS_IN_JOB = 0x00000124;

struct JOBOBJECT_BASIC_ACCOUNTING_INFORMATION {
    LARGE_INTEGER TotalUserTime;
    LARGE_INTEGER TotalKernelTime;
    LARGE_INTEGER ThisPeriodTotalUserTime;
    LARGE_INTEGER ThisPeriodTotalKernelTime;
    DWORD TotalPageFaultCount;
    DWORD TotalProcesses;
    DWORD ActiveProcesses;
    DWORD TotalTerminatedProcesses;
};
static_assert(sizeof(JOBOBJECT_BASIC_ACCOUNTING_INFORMATION) == 48);

struct JOBOBJECT_BASIC_LIMIT_INFORMATION {
    LARGE_INTEGER PerProcessUserTimeLimit;
    LARGE_INTEGER PerJobUserTimeLimit;
    DWORD LimitFlags;
    SIZE_T MinimumWorkingSetSize;
    SIZE_T MaximumWorkingSetSize;
    DWORD ActiveProcessLimit;
    ULONG_PTR Affinity;
    DWORD PriorityClass;
    DWORD SchedulingClass;
};
static_assert(sizeof(JOBOBJECT_BASIC_LIMIT_INFORMATION) == 64 &&
              offsetof(JOBOBJECT_BASIC_LIMIT_INFORMATION, LimitFlags) == 16);

struct IO_COUNTERS {
    ULONGLONG ReadOperationCount;
    ULONGLONG WriteOperationCount;
    ULONGLONG OtherOperationCount;
    ULONGLONG ReadTransferCount;
    ULONGLONG WriteTransferCount;
    ULONGLONG OtherTransferCount;
};
static_assert(sizeof(IO_COUNTERS) == 48);

struct JOBOBJECT_EXTENDED_LIMIT_INFORMATION {
    JOBOBJECT_BASIC_LIMIT_INFORMATION BasicLimitInformation;
    IO_COUNTERS IoInfo;
    SIZE_T ProcessMemoryLimit;
    SIZE_T JobMemoryLimit;
    SIZE_T PeakProcessMemoryUsed;
    SIZE_T PeakJobMemoryUsed;
};
static_assert(sizeof(JOBOBJECT_EXTENDED_LIMIT_INFORMATION) == 144);

struct JOBOBJECT_BASIC_PROCESS_ID_LIST {
    DWORD NumberOfAssignedProcesses;
    DWORD NumberOfProcessIdsInList;
    ULONG_PTR ProcessIdList[1];
};
static_assert(sizeof(JOBOBJECT_BASIC_PROCESS_ID_LIST) == 16 &&
              offsetof(JOBOBJECT_BASIC_PROCESS_ID_LIST, ProcessIdList) == 8);

extern "C" {
WINAPI NTSTATUS NtCreateJobObject(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes);
WINAPI NTSTATUS NtOpenJobObject(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes);
WINAPI NTSTATUS NtAssignProcessToJobObject(HANDLE job, HANDLE process);
WINAPI NTSTATUS NtSetInformationJobObject(HANDLE job, ULONG info_class, PVOID buffer, ULONG length);
WINAPI NTSTATUS NtQueryInformationJobObject(HANDLE job, ULONG info_class, PVOID buffer, ULONG length,
                                            ULONG* result_length);
WINAPI NTSTATUS NtTerminateJobObject(HANDLE job, NTSTATUS status);
WINAPI NTSTATUS NtIsProcessInJob(HANDLE process, HANDLE job);
WINAPI NTSTATUS NtOpenProcess(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                              const CLIENT_ID* id);
WINAPI NTSTATUS NtTerminateProcess(HANDLE process, NTSTATUS status);
WINAPI NTSTATUS NtQueryInformationProcess(HANDLE process, ULONG info_class, PVOID buffer, ULONG length,
                                          ULONG* result_length);
WINAPI NTSTATUS NtOpenThread(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                             const CLIENT_ID* id);
WINAPI NTSTATUS NtTerminateThread(HANDLE thread, NTSTATUS status);
WINAPI NTSTATUS NtSuspendThread(HANDLE thread, ULONG* previous_count);
WINAPI NTSTATUS NtResumeThread(HANDLE thread, ULONG* previous_count);
WINAPI NTSTATUS NtGetContextThread(HANDLE thread, CONTEXT* context);
WINAPI NTSTATUS NtSetContextThread(HANDLE thread, const CONTEXT* context);
WINAPI NTSTATUS NtQueryInformationThread(HANDLE thread, ULONG info_class, PVOID buffer, ULONG length,
                                         ULONG* result_length);
WINAPI NTSTATUS NtSetInformationThread(HANDLE thread, ULONG info_class, void* buffer, ULONG length);
}
