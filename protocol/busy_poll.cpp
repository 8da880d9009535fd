#include "busy_poll.h"

#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

namespace vine::protocol {

int64_t BusyPoll::now_ns() {
    timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<int64_t>(now.tv_sec) * 1000000000 + now.tv_nsec;
}

namespace {

enum class Setting { never, always, when_idle };

// VINE_BUSY_POLL=0 turns polling off (to measure without it, or to spend no
// CPU on it), =1 polls whatever the load (a machine given to one program,
// or one whose other work runs at a lower priority); otherwise it polls
// while CPUs idle. Never with one CPU to run on. Asked once: a process that
// narrows its affinity later still polls, which costs it no more than a
// window per wait.
Setting setting() {
    static const Setting chosen = [] {
        cpu_set_t cpus;
        if (sched_getaffinity(0, sizeof(cpus), &cpus) != 0 || CPU_COUNT(&cpus) < 2) return Setting::never;
        const char* text = getenv("VINE_BUSY_POLL");
        if (text && strcmp(text, "0") == 0) return Setting::never;
        if (text && strcmp(text, "1") == 0) return Setting::always;
        return Setting::when_idle;
    }();
    return chosen;
}

// Whether the whole machine wants more CPUs than it has: more threads
// runnable now (this one included) than CPUs, by /proc/loadavg's fourth
// field ("runnable/total"), or a load average over the last minute of as
// many as there are CPUs, so a moment's lull on a loaded machine does not
// count. Without /proc, as loaded.
bool machine_loaded() {
    static const int fd = open("/proc/loadavg", O_RDONLY | O_CLOEXEC);
    static const long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    char text[128];
    ssize_t size = fd < 0 ? -1 : pread(fd, text, sizeof(text) - 1, 0);
    if (size <= 0) return true;
    text[size] = 0;
    double minute = strtod(text, nullptr);
    const char* field = text;
    for (int spaces = 0; spaces < 3 && field; ++spaces) {
        field = strchr(field, ' ');
        if (field) ++field;
    }
    return !field || atol(field) > cpus || minute >= static_cast<double>(cpus);
}

}  // namespace

bool BusyPoll::usable(int64_t now) {
    Setting chosen = setting();
    if (chosen != Setting::when_idle) return chosen == Setting::always;
    // Polling only pays while a CPU would otherwise idle: when more threads
    // want to run than there are CPUs, the time spent polling is taken
    // from them, and a thread that polls uses up its share of the CPU and
    // then waits behind them (on this 2-CPU machine at load 13, polling
    // made a round trip 3x slower). Looked at every 10 ms, for about a
    // microsecond.
    if (now - checked_at_ >= kLoadCheckNs) {
        overloaded_ = machine_loaded();
        checked_at_ = now;
    }
    return !overloaded_;
}

// A pause, not sched_yield: a thread that yields on a loaded machine gets
// the CPU back only after the others' turns, long after the reply came.
void BusyPoll::relax() { __builtin_ia32_pause(); }

}  // namespace vine::protocol
