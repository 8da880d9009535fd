// Private futexes with absolute monotonic deadlines; see futex.h.
#include "futex.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

#include "vine/teb.h"

namespace ntdll {

namespace {

constexpr int64_t kTicksPerSecond = 10000000;               // 100 ns units
constexpr int64_t kUnixEpochInTicks = 116444736000000000LL;  // 1970 - 1601

timespec add_ticks(timespec t, int64_t ticks) {
    t.tv_sec += ticks / kTicksPerSecond;
    t.tv_nsec += (ticks % kTicksPerSecond) * 100;
    if (t.tv_nsec >= 1000000000) {
        t.tv_nsec -= 1000000000;
        ++t.tv_sec;
    }
    return t;
}

}  // namespace

Deadline deadline_from_nt(const LARGE_INTEGER* timeout) {
    Deadline deadline;
    if (!timeout) return deadline;
    deadline.infinite = false;
    clock_gettime(CLOCK_MONOTONIC, &deadline.at);
    int64_t value = timeout->QuadPart;
    if (value < 0) {
        deadline.at = add_ticks(deadline.at, -value);
    } else {
        // Absolute: how far the requested system time is from now, applied
        // to the monotonic clock (a clock change during the wait is ignored).
        timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        int64_t now_ticks = now.tv_sec * kTicksPerSecond + now.tv_nsec / 100 + kUnixEpochInTicks;
        if (value > now_ticks) deadline.at = add_ticks(deadline.at, value - now_ticks);
    }
    return deadline;
}

bool futex_wait(const void* word, uint32_t expected, const Deadline& deadline) {
    // FUTEX_WAIT_BITSET takes an absolute CLOCK_MONOTONIC time, unlike
    // FUTEX_WAIT's relative one.
    long result = syscall(SYS_futex, word, FUTEX_WAIT_BITSET_PRIVATE, expected,
                          deadline.infinite ? nullptr : &deadline.at, nullptr, FUTEX_BITSET_MATCH_ANY);
    return !(result == -1 && errno == ETIMEDOUT);
}

void futex_wake(const void* word, int count) {
    syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, count, nullptr, nullptr, 0);
}

// Read once when ntdll loads (the value the PEB reports), so initializing a
// lock needs no TEB and no system call.
static const bool several_cpus = sysconf(_SC_NPROCESSORS_ONLN) > 1;

bool spinning_helps() { return several_cpus; }

}  // namespace ntdll
