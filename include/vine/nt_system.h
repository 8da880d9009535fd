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
                SystemRangeStartInformation = 50, SystemLogicalProcessorInformation = 73,
                SystemLogicalProcessorInformationEx = 107;

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
    RelationGroup = 4,
    RelationAll = 0xffff,
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

// SystemLogicalProcessorInformationEx: variable-size records, each naming
// its processors by group (one group here: every processor is in group 0).
struct GROUP_AFFINITY {
    ULONG_PTR Mask;
    WORD Group;
    WORD Reserved[3];
};
static_assert(sizeof(GROUP_AFFINITY) == 16);
struct PROCESSOR_RELATIONSHIP {
    BYTE Flags;
    BYTE EfficiencyClass;
    BYTE Reserved[20];
    WORD GroupCount;
    GROUP_AFFINITY GroupMask[1];
};
static_assert(sizeof(PROCESSOR_RELATIONSHIP) == 40 && offsetof(PROCESSOR_RELATIONSHIP, GroupMask) == 24);
struct NUMA_NODE_RELATIONSHIP {
    DWORD NodeNumber;
    BYTE Reserved[18];
    WORD GroupCount;
    GROUP_AFFINITY GroupMask;
};
static_assert(sizeof(NUMA_NODE_RELATIONSHIP) == 40 && offsetof(NUMA_NODE_RELATIONSHIP, GroupMask) == 24);
struct CACHE_RELATIONSHIP {
    BYTE Level;
    BYTE Associativity;
    WORD LineSize;
    DWORD CacheSize;
    PROCESSOR_CACHE_TYPE Type;
    BYTE Reserved[18];
    WORD GroupCount;
    GROUP_AFFINITY GroupMask;
};
static_assert(sizeof(CACHE_RELATIONSHIP) == 48 && offsetof(CACHE_RELATIONSHIP, GroupMask) == 32);
struct PROCESSOR_GROUP_INFO {
    BYTE MaximumProcessorCount;
    BYTE ActiveProcessorCount;
    BYTE Reserved[38];
    ULONG_PTR ActiveProcessorMask;
};
static_assert(sizeof(PROCESSOR_GROUP_INFO) == 48);
struct GROUP_RELATIONSHIP {
    WORD MaximumGroupCount;
    WORD ActiveGroupCount;
    BYTE Reserved[20];
    PROCESSOR_GROUP_INFO GroupInfo[1];
};
static_assert(sizeof(GROUP_RELATIONSHIP) == 72);
struct SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX {
    LOGICAL_PROCESSOR_RELATIONSHIP Relationship;
    DWORD Size;  // of this record
    union {
        PROCESSOR_RELATIONSHIP Processor;
        NUMA_NODE_RELATIONSHIP NumaNode;
        CACHE_RELATIONSHIP Cache;
        GROUP_RELATIONSHIP Group;
    };
};
static_assert(offsetof(SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX, Processor) == 8);

extern "C" WINAPI NTSTATUS NtQuerySystemInformationEx(ULONG info_class, const void* input, ULONG input_length,
                                                      PVOID buffer, ULONG length, ULONG* result_length);
extern "C" WINAPI NTSTATUS NtQuerySystemInformation(ULONG info_class, PVOID buffer, ULONG length,
                                                    ULONG* result_length);
