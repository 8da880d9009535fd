#include "process_times.h"

#include <sched.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

namespace ntdll {

bool cpu_times(int pid, int tid, uint64_t& user, uint64_t& kernel) {
    char path[64];
    if (tid)
        snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, tid);
    else
        snprintf(path, sizeof(path), "/proc/%d/stat", pid);
    FILE* file = fopen(path, "r");
    if (!file) return false;
    char line[1024];
    bool ok = fgets(line, sizeof(line), file) != nullptr;
    fclose(file);
    if (!ok) return false;
    // Fields 14 and 15 (utime, stime) follow the command name, which may
    // hold spaces and parentheses: count from its last ')'.
    const char* rest = strrchr(line, ')');
    unsigned long long utime = 0, stime = 0;
    if (!rest || sscanf(rest + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2)
        return false;
    long ticks = sysconf(_SC_CLK_TCK);
    if (ticks <= 0) ticks = 100;
    user = utime * 10000000ULL / static_cast<unsigned long long>(ticks);
    kernel = stime * 10000000ULL / static_cast<unsigned long long>(ticks);
    return true;
}

uint64_t cpu_mask(int tid) {
    cpu_set_t set;
    CPU_ZERO(&set);
    uint64_t mask = 0;
    if (sched_getaffinity(tid, sizeof(set), &set) == 0)
        for (unsigned cpu = 0; cpu < 64; ++cpu)
            if (CPU_ISSET(cpu, &set)) mask |= uint64_t{1} << cpu;
    return mask ? mask : 1;
}

}  // namespace ntdll
