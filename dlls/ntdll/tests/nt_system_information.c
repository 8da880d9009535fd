/* NtQuerySystemInformation's common classes and the kernel32 functions over
 * them (GetLogicalProcessorInformation(Ex), GetSystemTimes), checked against
 * each other and against GetSystemInfo, GlobalMemoryStatusEx and the
 * system time, as Windows' answers agree. */
#include <windows.h>

#include "vinetest.h"

NTSTATUS NTAPI NtQuerySystemInformation(ULONG, void *, ULONG, ULONG *);

#define STATUS_INVALID_INFO_CLASS ((NTSTATUS)0xC0000003)
#define STATUS_INFO_LENGTH_MISMATCH ((NTSTATUS)0xC0000004)

typedef struct {
    ULONG Reserved, TimerResolution, PageSize, NumberOfPhysicalPages, LowestPhysicalPageNumber,
        HighestPhysicalPageNumber, AllocationGranularity;
    ULONG_PTR MinimumUserModeAddress, MaximumUserModeAddress, ActiveProcessorsAffinityMask;
    CCHAR NumberOfProcessors;
} BASIC;
typedef struct {
    USHORT ProcessorArchitecture, ProcessorLevel, ProcessorRevision, MaximumProcessors;
    ULONG ProcessorFeatureBits;
} PROCESSOR;
typedef struct {
    LARGE_INTEGER BootTime, CurrentTime, TimeZoneBias;
    ULONG TimeZoneId, Reserved;
    ULONGLONG BootTimeBias, SleepTimeBias;
} TIME_OF_DAY;
typedef struct {
    LARGE_INTEGER IdleTime, KernelTime, UserTime, DpcTime, InterruptTime;
    ULONG InterruptCount;
} PERFORMANCE;

static ULONGLONG quad(FILETIME t) { return ((ULONGLONG)t.dwHighDateTime << 32) | t.dwLowDateTime; }

static void test_basic(void)
{
    BASIC basic;
    PROCESSOR processor;
    SYSTEM_INFO si;
    MEMORYSTATUSEX memory = {sizeof(memory)};
    ULONG size = 0;
    GetSystemInfo(&si);
    ok_int(NtQuerySystemInformation(0, &basic, sizeof(basic), &size), 0);
    ok_int(size, sizeof(basic));
    ok_int(basic.NumberOfProcessors, si.dwNumberOfProcessors);
    ok_int(basic.ActiveProcessorsAffinityMask, si.dwActiveProcessorMask);
    ok_int(basic.PageSize, si.dwPageSize);
    ok_int(basic.AllocationGranularity, si.dwAllocationGranularity);
    ok(basic.MinimumUserModeAddress == (ULONG_PTR)si.lpMinimumApplicationAddress, "minimum address");
    ok(basic.MaximumUserModeAddress == (ULONG_PTR)si.lpMaximumApplicationAddress, "maximum address");
    ok(GlobalMemoryStatusEx(&memory), "GlobalMemoryStatusEx");
    /* The same physical memory, to the page. */
    ok((ULONGLONG)basic.NumberOfPhysicalPages * basic.PageSize / 4096 == memory.ullTotalPhys / 4096 ||
           (ULONGLONG)basic.NumberOfPhysicalPages * basic.PageSize > memory.ullTotalPhys / 2,
       "physical pages %lu, total %llu", basic.NumberOfPhysicalPages, memory.ullTotalPhys);
    ok_int(NtQuerySystemInformation(0, &basic, sizeof(basic) - 1, &size), STATUS_INFO_LENGTH_MISMATCH);
    ok_int(NtQuerySystemInformation(0x7777, &basic, sizeof(basic), &size), STATUS_INVALID_INFO_CLASS);

    ok_int(NtQuerySystemInformation(1, &processor, sizeof(processor), NULL), 0);
    ok_int(processor.ProcessorArchitecture, PROCESSOR_ARCHITECTURE_AMD64);
    ok_int(processor.ProcessorLevel, si.wProcessorLevel);
    ok_int(processor.ProcessorRevision, si.wProcessorRevision);
}

static void test_time(void)
{
    TIME_OF_DAY tod;
    FILETIME now;
    LONGLONG difference;
    ok_int(NtQuerySystemInformation(3, &tod, sizeof(tod), NULL), 0);
    GetSystemTimeAsFileTime(&now);
    difference = (LONGLONG)quad(now) - tod.CurrentTime.QuadPart;
    /* Both coarse clocks (GetSystemTimeAsFileTime ticks in steps), within a second. */
    ok(difference > -10000000 && difference < 10000000, "current time off by %lld", difference);
    ok(tod.BootTime.QuadPart > 0 && tod.BootTime.QuadPart < tod.CurrentTime.QuadPart, "boot time");
    /* The first 32 bytes, as older callers ask. */
    ok_int(NtQuerySystemInformation(3, &tod, 32, NULL), 0);
    ok_int(NtQuerySystemInformation(3, &tod, sizeof(tod) + 1, NULL), STATUS_INFO_LENGTH_MISMATCH);
}

static void test_processor_times(void)
{
    PERFORMANCE times[64];
    SYSTEM_INFO si;
    FILETIME idle, kernel, user;
    ULONG size = 0, i;
    ULONGLONG idle_sum = 0, user_sum = 0;
    GetSystemInfo(&si);
    ok_int(NtQuerySystemInformation(8, times, sizeof(times), &size), 0);
    ok_int(size, si.dwNumberOfProcessors * sizeof(PERFORMANCE));
    for (i = 0; i < size / sizeof(PERFORMANCE); i++) {
        ok(times[i].KernelTime.QuadPart >= times[i].IdleTime.QuadPart, "cpu %lu: kernel time holds idle time", i);
        idle_sum += times[i].IdleTime.QuadPart;
        user_sum += times[i].UserTime.QuadPart;
    }
    ok(user_sum > 0, "no user time");
    ok_int(NtQuerySystemInformation(8, times, sizeof(PERFORMANCE) - 1, &size), STATUS_INFO_LENGTH_MISMATCH);
    ok(GetSystemTimes(&idle, &kernel, &user), "GetSystemTimes");
    ok(quad(kernel) >= quad(idle) && quad(idle) >= idle_sum && quad(user) >= user_sum, "GetSystemTimes sums");
}

static void test_logical_processors(void)
{
    SYSTEM_LOGICAL_PROCESSOR_INFORMATION *info;
    SYSTEM_INFO si;
    DWORD length = 0, i, count;
    ULONG_PTR cores = 0;
    int packages = 0, nodes = 0, level1 = 0, overlap = 0;
    GetSystemInfo(&si);
    SetLastError(0);
    ok(!GetLogicalProcessorInformation(NULL, &length), "size query");
    ok_int(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    ok(length && length % sizeof(*info) == 0, "length %lu", length);
    info = HeapAlloc(GetProcessHeap(), 0, length);
    ok(GetLogicalProcessorInformation(info, &length), "GetLogicalProcessorInformation");
    count = length / sizeof(*info);
    for (i = 0; i < count; i++) {
        switch (info[i].Relationship) {
        case RelationProcessorCore:
            if (cores & info[i].ProcessorMask) overlap++;
            cores |= info[i].ProcessorMask;
            break;
        case RelationProcessorPackage: packages++; break;
        case RelationNumaNode: nodes++; break;
        case RelationCache:
            if (info[i].Cache.Level == 1) level1++;
            ok(info[i].Cache.Size > 0, "cache %lu: size 0", i);
            break;
        default: break;
        }
    }
    /* Every processor in exactly one core. */
    ok(cores == si.dwActiveProcessorMask, "cores cover %llx, not %llx", (ULONGLONG)cores,
       (ULONGLONG)si.dwActiveProcessorMask);
    ok_int(overlap, 0);
    ok(packages >= 1, "no package");
    ok(nodes >= 1, "no NUMA node");
    ok(level1 >= 1, "no level 1 cache");
    HeapFree(GetProcessHeap(), 0, info);
}

/* Walks the Ex records of `relationship`; returns how many there are of
 * `kind`, and ORs the processors of those into *mask. */
static int walk_ex(LOGICAL_PROCESSOR_RELATIONSHIP relationship, LOGICAL_PROCESSOR_RELATIONSHIP kind, ULONG_PTR *mask,
                   int *groups_active)
{
    DWORD length = 0, offset = 0;
    char *buffer;
    int count = 0, foreign = 0;
    SetLastError(0);
    ok(!GetLogicalProcessorInformationEx(relationship, NULL, &length), "Ex size query");
    ok_int(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    buffer = HeapAlloc(GetProcessHeap(), 0, length);
    ok(GetLogicalProcessorInformationEx(relationship, (SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX *)buffer, &length),
       "GetLogicalProcessorInformationEx");
    while (offset < length) {
        SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX *record = (SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX *)(buffer + offset);
        if (record->Size < 8 || offset + record->Size > length) {
            ok(0, "record at %lu has size %lu", offset, record->Size);
            break;
        }
        if (relationship != RelationAll && record->Relationship != relationship) foreign++;
        if (record->Relationship == kind) {
            count++;
            if (kind == RelationProcessorCore) *mask |= record->Processor.GroupMask[0].Mask;
            if (kind == RelationGroup) *groups_active = record->Group.GroupInfo[0].ActiveProcessorCount;
        }
        offset += record->Size;
    }
    ok_int(offset, length);
    ok_int(foreign, 0);
    HeapFree(GetProcessHeap(), 0, buffer);
    return count;
}

static void test_logical_processors_ex(void)
{
    SYSTEM_LOGICAL_PROCESSOR_INFORMATION plain[256];
    SYSTEM_INFO si;
    DWORD length = sizeof(plain), i;
    ULONG_PTR cores = 0, ignored = 0;
    int plain_cores = 0, active = 0;
    GetSystemInfo(&si);
    ok(GetLogicalProcessorInformation(plain, &length), "GetLogicalProcessorInformation");
    for (i = 0; i < length / sizeof(plain[0]); i++) plain_cores += plain[i].Relationship == RelationProcessorCore;
    /* The same cores in both forms; one group holding every processor. */
    ok_int(walk_ex(RelationAll, RelationProcessorCore, &cores, &active), plain_cores);
    ok(cores == si.dwActiveProcessorMask, "Ex cores cover %llx", (ULONGLONG)cores);
    ok_int(walk_ex(RelationAll, RelationGroup, &ignored, &active), 1);
    ok_int(active, si.dwNumberOfProcessors);
    ok(walk_ex(RelationCache, RelationCache, &ignored, &active) >= 1, "no cache records");
    ok_int(walk_ex(RelationProcessorCore, RelationProcessorCore, &ignored, &active), plain_cores);
}

static void test_debugger(void)
{
    BOOLEAN state[2] = {5, 5};
    ok_int(NtQuerySystemInformation(35, state, sizeof(state), NULL), 0);
    ok(state[0] == 0 && state[1] == 1, "kernel debugger %d %d", state[0], state[1]);
}

int main(void)
{
    test_basic();
    test_time();
    test_processor_times();
    test_logical_processors();
    test_logical_processors_ex();
    test_debugger();
    return vt_summary();
}
