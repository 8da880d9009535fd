// What Linux knows of processes and threads that the information classes
// report: CPU times (ProcessTimes, ThreadTimes) and affinity masks.
#pragma once

#include <cstdint>

namespace ntdll {

// User and kernel time, in 100 ns units, of process `pid` (tid 0) or of its
// thread `tid`, from /proc; false when it has gone.
bool cpu_times(int pid, int tid, uint64_t& user, uint64_t& kernel);
// The processors Linux lets task `tid` (0: the caller) run on, as a
// Windows affinity mask (the first 64); 1 when unknown.
uint64_t cpu_mask(int tid);

}  // namespace ntdll
