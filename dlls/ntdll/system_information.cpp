// NtQuerySystemInformation: the machine as Windows describes it, read from
// Linux (sysconf, sysinfo, /proc/stat, the CPU topology in sysfs). The
// classes answered are the ones programs size thread pools, caches and
// monitors by; the others are STATUS_INVALID_INFO_CLASS.
#include <fcntl.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "file_private.h"
#include "ntdll_private.h"
#include "vine/cpu_identity.h"
#include "vine/nt_system.h"

namespace {

constexpr int64_t kTicksPerSecond = 10000000;               // 100 ns units
constexpr int64_t kUnixEpochInTicks = 116444736000000000LL;  // 1970 - 1601
constexpr unsigned kMaxProcessors = 64;                     // one processor group

unsigned processor_count() {
    long count = sysconf(_SC_NPROCESSORS_ONLN);
    return count <= 0 ? 1u : std::min(static_cast<unsigned>(count), kMaxProcessors);
}

ULONG_PTR all_processors() {
    unsigned count = processor_count();
    return count >= 64 ? ~ULONG_PTR{0} : (ULONG_PTR{1} << count) - 1;
}

// A small sysfs or procfs file's text; empty when it cannot be read.
std::string read_text(const char* path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {};
    std::string text;
    char chunk[4096];
    for (ssize_t got; (got = read(fd, chunk, sizeof(chunk))) > 0;) text.append(chunk, static_cast<size_t>(got));
    close(fd);
    return text;
}

// A Linux CPU list ("0-3,8,10-11") as a mask of the first 64 processors.
ULONG_PTR mask_of_list(const std::string& list) {
    ULONG_PTR mask = 0;
    const char* p = list.c_str();
    while (*p >= '0' && *p <= '9') {
        char* end;
        unsigned long first = strtoul(p, &end, 10), last = first;
        if (*end == '-') last = strtoul(end + 1, &end, 10);
        for (unsigned long cpu = first; cpu <= last && cpu < kMaxProcessors; ++cpu) mask |= ULONG_PTR{1} << cpu;
        p = *end == ',' ? end + 1 : end;
    }
    return mask;
}

ULONG_PTR cpu_file_mask(unsigned cpu, const char* name) {
    char path[128];
    snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%u/%s", cpu, name);
    return mask_of_list(read_text(path));
}

unsigned long cpu_file_number(unsigned cpu, const char* name) {
    char path[128];
    snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%u/%s", cpu, name);
    std::string text = read_text(path);
    // Sizes are "32K" or "1024K" (or "8M").
    char* end;
    unsigned long value = strtoul(text.c_str(), &end, 10);
    if (*end == 'K') value *= 1024;
    if (*end == 'M') value *= 1024 * 1024;
    return value;
}

// Cores, packages, NUMA nodes and caches, each once, with the mask of the
// logical processors that share it. A machine whose sysfs tells nothing
// shows as one package of single-threaded cores.
std::vector<SYSTEM_LOGICAL_PROCESSOR_INFORMATION> logical_processors() {
    std::vector<SYSTEM_LOGICAL_PROCESSOR_INFORMATION> out;
    auto add_once = [&](ULONG_PTR mask, LOGICAL_PROCESSOR_RELATIONSHIP relation, auto fill) {
        for (const auto& entry : out)
            if (entry.Relationship == relation && entry.ProcessorMask == mask) {
                SYSTEM_LOGICAL_PROCESSOR_INFORMATION probe{};
                fill(probe);
                if (relation != RelationCache ||
                    (entry.Cache.Level == probe.Cache.Level && entry.Cache.Type == probe.Cache.Type))
                    return;
            }
        SYSTEM_LOGICAL_PROCESSOR_INFORMATION entry{};
        entry.ProcessorMask = mask;
        entry.Relationship = relation;
        fill(entry);
        out.push_back(entry);
    };
    unsigned count = processor_count();
    for (unsigned cpu = 0; cpu < count; ++cpu) {
        ULONG_PTR self = ULONG_PTR{1} << cpu;
        ULONG_PTR core = cpu_file_mask(cpu, "topology/thread_siblings_list");
        if (!(core & self)) core = self;
        add_once(core, RelationProcessorCore, [&](auto& e) { e.ProcessorCore.Flags = (core & (core - 1)) ? 1 : 0; });
        for (unsigned index = 0; index < 8; ++index) {
            char name[64];
            snprintf(name, sizeof(name), "cache/index%u/level", index);
            unsigned long level = cpu_file_number(cpu, name);
            if (!level) break;
            snprintf(name, sizeof(name), "cache/index%u/type", index);
            char path[128];
            snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%u/%s", cpu, name);
            std::string type = read_text(path);
            CACHE_DESCRIPTOR cache{};
            cache.Level = static_cast<BYTE>(level);
            cache.Type = type.rfind("Data", 0) == 0          ? CacheData
                         : type.rfind("Instruction", 0) == 0 ? CacheInstruction
                                                             : CacheUnified;
            snprintf(name, sizeof(name), "cache/index%u/size", index);
            cache.Size = static_cast<DWORD>(cpu_file_number(cpu, name));
            snprintf(name, sizeof(name), "cache/index%u/coherency_line_size", index);
            cache.LineSize = static_cast<WORD>(cpu_file_number(cpu, name));
            snprintf(name, sizeof(name), "cache/index%u/ways_of_associativity", index);
            cache.Associativity = static_cast<BYTE>(cpu_file_number(cpu, name));
            snprintf(name, sizeof(name), "cache/index%u/shared_cpu_list", index);
            ULONG_PTR shared = cpu_file_mask(cpu, name);
            if (!(shared & self)) shared = self;
            add_once(shared, RelationCache, [&](auto& e) { e.Cache = cache; });
        }
        ULONG_PTR package = cpu_file_mask(cpu, "topology/core_siblings_list");
        if (!(package & self)) package = all_processors();
        add_once(package, RelationProcessorPackage, [](auto&) {});
    }
    // NUMA nodes: sysfs's nodes, or one node holding everything.
    bool any_node = false;
    for (unsigned node = 0; node < 64; ++node) {
        char path[96];
        snprintf(path, sizeof(path), "/sys/devices/system/node/node%u/cpulist", node);
        ULONG_PTR mask = mask_of_list(read_text(path)) & all_processors();
        if (!mask) continue;
        any_node = true;
        add_once(mask, RelationNumaNode, [node](auto& e) { e.NumaNode.NodeNumber = node; });
    }
    if (!any_node) add_once(all_processors(), RelationNumaNode, [](auto& e) { e.NumaNode.NodeNumber = 0; });
    return out;
}

// Each processor's times from /proc/stat, in 100 ns units.
std::vector<SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION> processor_times() {
    std::vector<SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION> out(processor_count());
    std::string text = read_text("/proc/stat");
    long hz = sysconf(_SC_CLK_TCK);
    if (hz <= 0) hz = 100;
    auto ticks = [hz](unsigned long long value) {
        return static_cast<LONGLONG>(value * static_cast<unsigned long long>(kTicksPerSecond / hz));
    };
    for (size_t at = 0; (at = text.find("\ncpu", at)) != std::string::npos; ++at) {
        const char* line = text.c_str() + at + 4;
        if (*line < '0' || *line > '9') continue;  // the "cpu" total line
        unsigned cpu;
        unsigned long long user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0;
        if (sscanf(line, "%u %llu %llu %llu %llu %llu %llu %llu", &cpu, &user, &nice, &system, &idle, &iowait, &irq,
                   &softirq) < 5 ||
            cpu >= out.size())
            continue;
        auto& entry = out[cpu];
        entry.IdleTime.QuadPart = ticks(idle + iowait);
        entry.KernelTime.QuadPart = ticks(system + irq + softirq + idle + iowait);
        entry.UserTime.QuadPart = ticks(user + nice);
        entry.DpcTime.QuadPart = ticks(softirq);
        entry.InterruptTime.QuadPart = ticks(irq);
    }
    return out;
}

// The Ex records of one relationship (or all), from the same topology:
// each record as long as its structure, in the order of the relationship
// values, then the one processor group.
std::vector<unsigned char> logical_processors_ex(LOGICAL_PROCESSOR_RELATIONSHIP wanted) {
    std::vector<unsigned char> out;
    auto append = [&](const SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX& record) {
        const auto* bytes = reinterpret_cast<const unsigned char*>(&record);
        out.insert(out.end(), bytes, bytes + record.Size);
    };
    constexpr DWORD kHeader = offsetof(SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX, Processor);
    std::vector<SYSTEM_LOGICAL_PROCESSOR_INFORMATION> entries = logical_processors();
    for (int relation = RelationProcessorCore; relation <= RelationProcessorPackage; ++relation) {
        if (wanted != RelationAll && wanted != relation) continue;
        for (const auto& entry : entries) {
            if (entry.Relationship != relation) continue;
            SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX record{};
            record.Relationship = entry.Relationship;
            GROUP_AFFINITY group{entry.ProcessorMask, 0, {}};
            switch (relation) {
            case RelationProcessorCore:
            case RelationProcessorPackage:
                record.Size = kHeader + sizeof(PROCESSOR_RELATIONSHIP);
                record.Processor.Flags = relation == RelationProcessorCore ? entry.ProcessorCore.Flags : 0;
                record.Processor.GroupCount = 1;
                record.Processor.GroupMask[0] = group;
                break;
            case RelationNumaNode:
                record.Size = kHeader + sizeof(NUMA_NODE_RELATIONSHIP);
                record.NumaNode.NodeNumber = entry.NumaNode.NodeNumber;
                record.NumaNode.GroupCount = 1;
                record.NumaNode.GroupMask = group;
                break;
            case RelationCache:
                record.Size = kHeader + sizeof(CACHE_RELATIONSHIP);
                record.Cache.Level = entry.Cache.Level;
                record.Cache.Associativity = entry.Cache.Associativity;
                record.Cache.LineSize = entry.Cache.LineSize;
                record.Cache.CacheSize = entry.Cache.Size;
                record.Cache.Type = entry.Cache.Type;
                record.Cache.GroupCount = 1;
                record.Cache.GroupMask = group;
                break;
            }
            append(record);
        }
    }
    if (wanted == RelationAll || wanted == RelationGroup) {
        SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX record{};
        record.Relationship = RelationGroup;
        record.Size = kHeader + sizeof(GROUP_RELATIONSHIP);
        record.Group.MaximumGroupCount = 1;
        record.Group.ActiveGroupCount = 1;
        record.Group.GroupInfo[0].MaximumProcessorCount = static_cast<BYTE>(processor_count());
        record.Group.GroupInfo[0].ActiveProcessorCount = static_cast<BYTE>(processor_count());
        record.Group.GroupInfo[0].ActiveProcessorMask = all_processors();
        append(record);
    }
    return out;
}

template <typename T>
NTSTATUS put_fixed(const T& value, PVOID buffer, ULONG length, ULONG* result_length) {
    if (result_length) *result_length = sizeof(T);
    if (length != sizeof(T)) return STATUS_INFO_LENGTH_MISMATCH;
    std::memcpy(buffer, &value, sizeof(T));
    return STATUS_SUCCESS;
}

// An array class: the whole array, or STATUS_INFO_LENGTH_MISMATCH with the
// size it needs.
template <typename T>
NTSTATUS put_array(const std::vector<T>& entries, PVOID buffer, ULONG length, ULONG* result_length) {
    ULONG needed = static_cast<ULONG>(entries.size() * sizeof(T));
    if (result_length) *result_length = needed;
    if (length < needed) return STATUS_INFO_LENGTH_MISMATCH;
    std::memcpy(buffer, entries.data(), needed);
    return STATUS_SUCCESS;
}

}  // namespace

VINE_EXPORT NTSTATUS NtQuerySystemInformation(ULONG info_class, PVOID buffer, ULONG length, ULONG* result_length) {
    if (!buffer && length) return ntdll::kStatusAccessViolation;
    switch (info_class) {
    case SystemBasicInformation: {
        SYSTEM_BASIC_INFORMATION info{};
        struct sysinfo system {};
        sysinfo(&system);
        uint64_t bytes = static_cast<uint64_t>(system.totalram) * (system.mem_unit ? system.mem_unit : 1);
        info.TimerResolution = 156250;  // 15.625 ms, Windows' default tick
        info.PageSize = 0x1000;
        info.NumberOfPhysicalPages = static_cast<ULONG>(bytes / 0x1000);
        info.LowestPhysicalPageNumber = 1;
        info.HighestPhysicalPageNumber = info.NumberOfPhysicalPages;
        info.AllocationGranularity = 0x10000;
        info.MinimumUserModeAddress = 0x10000;
        info.MaximumUserModeAddress = 0x7ffffffeffff;
        info.ActiveProcessorsAffinityMask = all_processors();
        info.NumberOfProcessors = static_cast<CHAR>(processor_count());
        return put_fixed(info, buffer, length, result_length);
    }
    case SystemProcessorInformation: {
        static const vine::CpuIdentity cpu = vine::cpu_identity();
        SYSTEM_PROCESSOR_INFORMATION info{};
        info.ProcessorArchitecture = 9;  // PROCESSOR_ARCHITECTURE_AMD64
        info.ProcessorLevel = static_cast<USHORT>(cpu.family);
        info.ProcessorRevision = static_cast<USHORT>(cpu.revision());
        info.MaximumProcessors = static_cast<USHORT>(processor_count());
        info.ProcessorFeatureBits = 0;  // the kernel's KF_* bits: not derived here
        return put_fixed(info, buffer, length, result_length);
    }
    case SystemTimeOfDayInformation: {
        // Older callers pass the first 32 bytes only: Windows fills what fits.
        if (length > sizeof(SYSTEM_TIMEOFDAY_INFORMATION)) return STATUS_INFO_LENGTH_MISMATCH;
        SYSTEM_TIMEOFDAY_INFORMATION info{};
        timespec now, up;
        clock_gettime(CLOCK_REALTIME, &now);
        clock_gettime(CLOCK_BOOTTIME, &up);
        int64_t now_ticks = now.tv_sec * kTicksPerSecond + now.tv_nsec / 100 + kUnixEpochInTicks;
        info.CurrentTime.QuadPart = now_ticks;
        info.BootTime.QuadPart = now_ticks - (up.tv_sec * kTicksPerSecond + up.tv_nsec / 100);
        tm local{};
        time_t seconds = now.tv_sec;
        localtime_r(&seconds, &local);
        info.TimeZoneBias.QuadPart = -static_cast<int64_t>(local.tm_gmtoff) * kTicksPerSecond;  // UTC - local
        info.TimeZoneId = local.tm_isdst > 0 ? 2 : 1;  // TIME_ZONE_ID_DAYLIGHT : _STANDARD
        std::memcpy(buffer, &info, length);
        if (result_length) *result_length = length;
        return STATUS_SUCCESS;
    }
    case SystemProcessorPerformanceInformation: {
        // As many processors as the buffer holds, at least one.
        std::vector<SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION> times = processor_times();
        ULONG fits = length / sizeof(SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION);
        if (result_length) *result_length = static_cast<ULONG>(times.size() * sizeof(times[0]));
        if (!fits) return STATUS_INFO_LENGTH_MISMATCH;
        times.resize(std::min<size_t>(fits, times.size()));
        return put_array(times, buffer, length, result_length);
    }
    case SystemKernelDebuggerInformation:
        return put_fixed(SYSTEM_KERNEL_DEBUGGER_INFORMATION{0, 1}, buffer, length, result_length);
    case SystemRangeStartInformation:
        return put_fixed(ULONG_PTR{0xffff800000000000}, buffer, length, result_length);
    case SystemLogicalProcessorInformation:
        return put_array(logical_processors(), buffer, length, result_length);
    default:
        return STATUS_INVALID_INFO_CLASS;
    }
}

VINE_EXPORT NTSTATUS NtQuerySystemInformationEx(ULONG info_class, const void* input, ULONG input_length,
                                                PVOID buffer, ULONG length, ULONG* result_length) {
    if (info_class != SystemLogicalProcessorInformationEx)
        return NtQuerySystemInformation(info_class, buffer, length, result_length);
    // The input is the relationship wanted.
    if (!input || input_length != sizeof(LOGICAL_PROCESSOR_RELATIONSHIP)) return STATUS_INVALID_PARAMETER;
    auto wanted = *static_cast<const LOGICAL_PROCESSOR_RELATIONSHIP*>(input);
    if (wanted != RelationAll && (wanted < RelationProcessorCore || wanted > RelationGroup))
        return STATUS_INVALID_PARAMETER;
    if (!buffer && length) return ntdll::kStatusAccessViolation;
    return put_array(logical_processors_ex(wanted), buffer, length, result_length);
}
