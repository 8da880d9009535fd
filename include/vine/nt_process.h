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

extern "C" {
WINAPI NTSTATUS NtOpenProcess(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                              const CLIENT_ID* id);
WINAPI NTSTATUS NtTerminateProcess(HANDLE process, NTSTATUS status);
WINAPI NTSTATUS NtQueryInformationProcess(HANDLE process, ULONG info_class, PVOID buffer, ULONG length,
                                          ULONG* result_length);
WINAPI NTSTATUS NtOpenThread(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                             const CLIENT_ID* id);
WINAPI NTSTATUS NtSuspendThread(HANDLE thread, ULONG* previous_count);
WINAPI NTSTATUS NtResumeThread(HANDLE thread, ULONG* previous_count);
WINAPI NTSTATUS NtGetContextThread(HANDLE thread, CONTEXT* context);
WINAPI NTSTATUS NtSetContextThread(HANDLE thread, const CONTEXT* context);
WINAPI NTSTATUS NtQueryInformationThread(HANDLE thread, ULONG info_class, PVOID buffer, ULONG length,
                                         ULONG* result_length);
WINAPI NTSTATUS NtSetInformationThread(HANDLE thread, ULONG info_class, void* buffer, ULONG length);
}
