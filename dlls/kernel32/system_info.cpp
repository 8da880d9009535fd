// GetSystemInfo and friends: the processor and memory facts a program
// sizes itself by. The processor count is the PEB's (what the loader read
// from the system); the address range is the one Vine reserves for Windows
// code.
#include <fcntl.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "kernel32_private.h"
#include "nt_wait.h"
#include "vine/nt_system.h"
#include "vine/cpu_identity.h"

using namespace kernel32;

namespace {

struct SYSTEM_INFO {
    WORD wProcessorArchitecture;
    WORD wReserved;
    DWORD dwPageSize;
    LPVOID lpMinimumApplicationAddress;
    LPVOID lpMaximumApplicationAddress;
    DWORD_PTR dwActiveProcessorMask;
    DWORD dwNumberOfProcessors;
    DWORD dwProcessorType;
    DWORD dwAllocationGranularity;
    WORD wProcessorLevel;
    WORD wProcessorRevision;
};
static_assert(sizeof(SYSTEM_INFO) == 48);

struct MEMORYSTATUSEX {
    DWORD dwLength;
    DWORD dwMemoryLoad;
    ULONGLONG ullTotalPhys, ullAvailPhys, ullTotalPageFile, ullAvailPageFile;
    ULONGLONG ullTotalVirtual, ullAvailVirtual, ullAvailExtendedVirtual;
};
static_assert(sizeof(MEMORYSTATUSEX) == 64);

constexpr WORD PROCESSOR_ARCHITECTURE_AMD64 = 9;
constexpr DWORD PROCESSOR_AMD_X8664 = 8664;

DWORD processor_count() { return current_teb()->ProcessEnvironmentBlock->NumberOfProcessors; }

// Family and model/stepping from CPUID, as Windows reports them. Asked
// once: CPUID traps to the hypervisor in a virtual machine, and some
// programs call GetSystemInfo again and again (Biome, 24 times in a `check`).
void processor_level(WORD& level, WORD& revision) {
    static const vine::CpuIdentity cpu = vine::cpu_identity();
    level = static_cast<WORD>(cpu.family);
    revision = static_cast<WORD>(cpu.revision());
}

// MemAvailable from /proc/meminfo, in bytes; 0 when the kernel has none.
ULONGLONG mem_available() {
    int fd = open("/proc/meminfo", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    char text[4096];
    ssize_t got = read(fd, text, sizeof(text) - 1);
    close(fd);
    if (got <= 0) return 0;
    text[got] = 0;
    const char* line = strstr(text, "MemAvailable:");
    if (!line) return 0;
    return strtoull(line + 13, nullptr, 10) * 1024;  // the file's unit is kB
}

}  // namespace

VINE_EXPORT void GetSystemInfo(SYSTEM_INFO* info) {
    DWORD count = processor_count();
    info->wProcessorArchitecture = PROCESSOR_ARCHITECTURE_AMD64;
    info->wReserved = 0;
    info->dwPageSize = 0x1000;
    info->lpMinimumApplicationAddress = reinterpret_cast<LPVOID>(0x10000);
    info->lpMaximumApplicationAddress = reinterpret_cast<LPVOID>(0x7ffffffeffff);
    info->dwActiveProcessorMask = count >= 64 ? ~DWORD_PTR{0} : (DWORD_PTR{1} << count) - 1;
    info->dwNumberOfProcessors = count;
    info->dwProcessorType = PROCESSOR_AMD_X8664;
    info->dwAllocationGranularity = 0x10000;
    processor_level(info->wProcessorLevel, info->wProcessorRevision);
}

// A 64-bit process on a 64-bit system: the same answer.
VINE_EXPORT void GetNativeSystemInfo(SYSTEM_INFO* info) { GetSystemInfo(info); }

VINE_EXPORT DWORD GetActiveProcessorCount(WORD group) {
    constexpr WORD ALL_PROCESSOR_GROUPS = 0xffff;
    if (group != 0 && group != ALL_PROCESSOR_GROUPS) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return processor_count();
}

VINE_EXPORT BOOL GlobalMemoryStatusEx(MEMORYSTATUSEX* status) {
    if (!status || status->dwLength != sizeof(MEMORYSTATUSEX)) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    struct sysinfo system {};
    if (sysinfo(&system) != 0) return fail_errno();
    ULONGLONG unit = system.mem_unit ? system.mem_unit : 1;
    status->ullTotalPhys = system.totalram * unit;
    // What Windows calls available (free, standby and reclaimable) is the
    // kernel's MemAvailable estimate; free + buffers without it.
    ULONGLONG available = mem_available();
    status->ullAvailPhys = available ? std::min(available, status->ullTotalPhys)
                                     : (system.freeram + system.bufferram) * unit;
    status->ullTotalPageFile = status->ullTotalPhys + system.totalswap * unit;
    status->ullAvailPageFile = status->ullAvailPhys + system.freeswap * unit;
    status->dwMemoryLoad = status->ullTotalPhys
                               ? static_cast<DWORD>(100 - status->ullAvailPhys * 100 / status->ullTotalPhys)
                               : 0;
    // The user-mode address space of a 64-bit process (128 TiB).
    status->ullTotalVirtual = 0x7ffffffe0000ull;
    status->ullAvailVirtual = status->ullTotalVirtual;
    status->ullAvailExtendedVirtual = 0;
    return TRUE;
}

VINE_EXPORT BOOL GetLogicalProcessorInformation(SYSTEM_LOGICAL_PROCESSOR_INFORMATION* buffer, DWORD* length) {
    if (!length) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    ULONG needed = 0;
    NTSTATUS status = NtQuerySystemInformation(SystemLogicalProcessorInformation, buffer, *length, &needed);
    if (status == STATUS_INFO_LENGTH_MISMATCH) {
        *length = needed;
        set_error(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    if (!nt_bool(status)) return FALSE;
    *length = needed;
    return TRUE;
}

// The sums over all processors; kernel time includes idle time, as on Windows.
VINE_EXPORT BOOL GetSystemTimes(FILETIME* idle, FILETIME* kernel, FILETIME* user) {
    SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION times[64];
    ULONG filled = 0;
    if (!nt_bool(NtQuerySystemInformation(SystemProcessorPerformanceInformation, times, sizeof(times), &filled)))
        return FALSE;
    uint64_t idle_sum = 0, kernel_sum = 0, user_sum = 0;
    for (ULONG i = 0; i < filled / sizeof(times[0]); ++i) {
        idle_sum += static_cast<uint64_t>(times[i].IdleTime.QuadPart);
        kernel_sum += static_cast<uint64_t>(times[i].KernelTime.QuadPart);
        user_sum += static_cast<uint64_t>(times[i].UserTime.QuadPart);
    }
    auto put = [](uint64_t value, FILETIME* out) {
        if (!out) return;
        out->dwLowDateTime = static_cast<DWORD>(value);
        out->dwHighDateTime = static_cast<DWORD>(value >> 32);
    };
    put(idle_sum, idle);
    put(kernel_sum, kernel);
    put(user_sum, user);
    return TRUE;
}

VINE_EXPORT BOOL GetLogicalProcessorInformationEx(LOGICAL_PROCESSOR_RELATIONSHIP relationship,
                                                  SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX* buffer, DWORD* length) {
    if (!length) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    ULONG needed = 0;
    NTSTATUS status = NtQuerySystemInformationEx(SystemLogicalProcessorInformationEx, &relationship,
                                                 sizeof(relationship), buffer, *length, &needed);
    if (status == STATUS_INFO_LENGTH_MISMATCH) {
        *length = needed;
        set_error(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    if (!nt_bool(status)) return FALSE;
    *length = needed;
    return TRUE;
}
