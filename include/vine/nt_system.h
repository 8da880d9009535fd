// NtQuerySystemInformation (dlls/ntdll/system_information.cpp) and the
// structures of the classes Vine answers, which kernel32's system
// functions wrap.
#pragma once

#include <cstddef>

#include "vine/ntstatus.h"
#include "vine/wintypes.h"

// SYSTEM_INFORMATION_CLASS values Vine answers.
constexpr ULONG SystemBasicInformation = 0, SystemProcessorInformation = 1, SystemTimeOfDayInformation = 3,
                SystemProcessorPerformanceInformation = 8, SystemKernelDebuggerInformation = 35,
                SystemRangeStartInformation = 50, SystemLogicalProcessorInformation = 73;

struct SYSTEM_BASIC_INFORMATION {
    ULONG Reserved;
    ULONG TimerResolution;  // 100 ns units
    ULONG PageSize;
    ULONG NumberOfPhysicalPages;
    ULONG LowestPhysicalPageNumber;
    ULONG HighestPhysicalPageNumber;
    ULONG AllocationGranularity;
    ULONG_PTR MinimumUserModeAddress;
    ULONG_PTR MaximumUserModeAddress;
    ULONG_PTR ActiveProcessorsAffinityMask;
    CHAR NumberOfProcessors;
};
static_assert(sizeof(SYSTEM_BASIC_INFORMATION) == 64 &&
              offsetof(SYSTEM_BASIC_INFORMATION, NumberOfProcessors) == 56);

struct SYSTEM_PROCESSOR_INFORMATION {
    USHORT ProcessorArchitecture;
    USHORT ProcessorLevel;
    USHORT ProcessorRevision;
    USHORT MaximumProcessors;
    ULONG ProcessorFeatureBits;
};
static_assert(sizeof(SYSTEM_PROCESSOR_INFORMATION) == 12);

struct SYSTEM_TIMEOFDAY_INFORMATION {
    LARGE_INTEGER BootTime;
    LARGE_INTEGER CurrentTime;
    LARGE_INTEGER TimeZoneBias;
    ULONG TimeZoneId;
    ULONG Reserved;
    ULONGLONG BootTimeBias;
    ULONGLONG SleepTimeBias;
};
static_assert(sizeof(SYSTEM_TIMEOFDAY_INFORMATION) == 48);

// One per processor; KernelTime includes IdleTime, as on Windows.
struct SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION {
    LARGE_INTEGER IdleTime;
    LARGE_INTEGER KernelTime;
    LARGE_INTEGER UserTime;
    LARGE_INTEGER DpcTime;
    LARGE_INTEGER InterruptTime;
    ULONG InterruptCount;
};
static_assert(sizeof(SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION) == 48);

struct SYSTEM_KERNEL_DEBUGGER_INFORMATION {
    BOOLEAN KernelDebuggerEnabled;
    BOOLEAN KernelDebuggerNotPresent;
};

enum LOGICAL_PROCESSOR_RELATIONSHIP : int {
    RelationProcessorCore = 0,
    RelationNumaNode = 1,
    RelationCache = 2,
    RelationProcessorPackage = 3,
};
enum PROCESSOR_CACHE_TYPE : int { CacheUnified = 0, CacheInstruction = 1, CacheData = 2, CacheTrace = 3 };
struct CACHE_DESCRIPTOR {
    BYTE Level;
    BYTE Associativity;
    WORD LineSize;
    DWORD Size;
    PROCESSOR_CACHE_TYPE Type;
};
static_assert(sizeof(CACHE_DESCRIPTOR) == 12);
struct SYSTEM_LOGICAL_PROCESSOR_INFORMATION {
    ULONG_PTR ProcessorMask;
    LOGICAL_PROCESSOR_RELATIONSHIP Relationship;
    union {
        struct {
            BYTE Flags;  // 1: the core's logical processors share its functional units (SMT)
        } ProcessorCore;
        struct {
            DWORD NodeNumber;
        } NumaNode;
        CACHE_DESCRIPTOR Cache;
        ULONGLONG Reserved[2];
    };
};
static_assert(sizeof(SYSTEM_LOGICAL_PROCESSOR_INFORMATION) == 32 &&
              offsetof(SYSTEM_LOGICAL_PROCESSOR_INFORMATION, Cache) == 16);

extern "C" WINAPI NTSTATUS NtQuerySystemInformation(ULONG info_class, PVOID buffer, ULONG length,
                                                    ULONG* result_length);
