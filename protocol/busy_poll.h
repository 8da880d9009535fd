// Bounded, adaptive busy-polling before a blocking wait, used by both ends
// of a server round trip (loader/server_connection.cpp for a reply,
// server/main_loop.cpp for the next request). On a virtual machine most of
// a round trip's time is the kernel waking a sleeping thread on an idle CPU
// (an inter-processor interrupt through the hypervisor): a party that keeps
// its CPU busy for the few microseconds the other side needs is not woken,
// it notices. The window adapts like Linux's haltpoll governor: a wait that
// ended soon after the window closed widens it (doubling, up to the
// maximum), one that lasted longer than the maximum narrows it (halving,
// down to nothing), so a burst of requests polls and an occasional one only
// ever costs one window. Polling only pays while CPUs would otherwise idle:
// it stops while the machine has more runnable threads than CPUs, and when
// a turn of the loop came back late (the CPU went elsewhere), which also
// narrows the window. With one CPU to run on it never polls.
// VINE_BUSY_POLL=0 turns it off, =1 on whatever the load.
#pragma once

#include <cstdint>

namespace vine::protocol {

class BusyPoll {
public:
    explicit BusyPoll(int64_t max_ns) : max_ns_(max_ns) {}

    // Calls `ready` until it returns true or the window closes; true if it
    // did. `ready` should be one cheap non-blocking check.
    template <typename Ready>
    bool poll(Ready ready) {
        if (window_ns_ <= 0) return false;
        int64_t start = now_ns(), last = start;
        if (!usable(start)) return false;
        for (;;) {
            if (ready()) return true;
            relax();
            int64_t now = now_ns();
            if (now - last > kLateTurnNs) {
                narrow();  // the CPU is wanted elsewhere
                return false;
            }
            if (now - start >= window_ns_) return false;
            last = now;
        }
    }

    // After polling did not find it and a blocking wait followed: the whole
    // wait, polling included, lasted `waited_ns` (ended by the awaited event
    // or by something else).
    void slept(int64_t waited_ns) {
        if (waited_ns <= max_ns_) {
            window_ns_ = window_ns_ ? window_ns_ * 2 : kFirstWindowNs;
            if (window_ns_ > max_ns_) window_ns_ = max_ns_;
        } else {
            narrow();
        }
    }

    int64_t window_ns() const { return window_ns_; }
    static int64_t now_ns();

private:
    static constexpr int64_t kFirstWindowNs = 4000;
    // A turn is a syscall or two; one that took this long was preempted.
    static constexpr int64_t kLateTurnNs = 100000;
    void narrow() { window_ns_ = window_ns_ > kFirstWindowNs ? window_ns_ / 2 : 0; }
    static constexpr int64_t kLoadCheckNs = 10000000;
    bool usable(int64_t now);  // more than one CPU, and none of them wanted by others
    static void relax();
    int64_t max_ns_;
    int64_t window_ns_ = 0;
    int64_t checked_at_ = INT64_MIN / 2;
    bool overloaded_ = false;
};

}  // namespace vine::protocol
