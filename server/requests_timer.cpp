// Waitable timers: SetWaitableTimer and CancelWaitableTimer. The server
// owns expiry so that a timer fires whether or not its setter still runs,
// and so that every process waiting on a named timer sees it: each armed
// timer is a timerfd in the main loop, and expiring sets the timer's slot
// (state 1, waking waiters) and bumps its expiry count, which the setting
// thread watches to queue its completion routine.
#include <sys/timerfd.h>
#include <unistd.h>

#include <climits>

#include "server.h"
#include "sync_area.h"

namespace vine::server {

using namespace protocol;

namespace {

constexpr int64_t kUnixEpochAsFiletime = 116444736000000000LL;  // 1970-01-01 in 100 ns since 1601
constexpr int64_t kTicksPerSecond = 10000000;

std::shared_ptr<TimerObject> resolve_timer(Request& request, uint64_t handle, Reply& reply) {
    uint32_t granted = 0;
    auto timer = resolve_as<TimerObject>(*request.client.process, handle, ObjectType::timer, &granted);
    if (!timer) {
        reply.status = status::invalid_handle;
        return nullptr;
    }
    if (!(granted & access::timer_modify_state)) {
        reply.status = status::access_denied;
        return nullptr;
    }
    return timer;
}

// Stops a timer; true if it was armed.
bool disarm(TimerObject& timer) {
    if (timer.fd < 0) return false;
    unwatch_fd(timer.fd);
    close(timer.fd);
    timer.fd = -1;
    return true;
}

void on_expiry(TimerObject* timer) {
    uint64_t expirations = 0;
    if (read(timer->fd, &expirations, sizeof(expirations)) != sizeof(expirations) || expirations == 0) return;
    sync_area().expire_timer(timer->slot);
    if (timer->period == 0) disarm(*timer);  // one-shot: inactive once it fired
}

timespec from_ticks(uint64_t ticks) {
    return timespec{static_cast<time_t>(ticks / kTicksPerSecond), static_cast<long>(ticks % kTicksPerSecond) * 100};
}

}  // namespace

void handle_set_timer(Request& request, Reply& reply) {
    auto req = request.get<set_timer_request>();
    auto timer = resolve_timer(request, req.handle, reply);
    if (!timer) return;
    if (req.period > 0x7fffffffu) return reply.fail(status::invalid_parameter);
    itimerspec spec{};
    int clock = CLOCK_MONOTONIC, flags = 0;
    if (req.due < 0) {
        // Relative; INT64_MIN has no positive counterpart.
        uint64_t ticks = req.due == INT64_MIN ? uint64_t{INT64_MAX} : static_cast<uint64_t>(-req.due);
        spec.it_value = from_ticks(ticks);
    } else if (req.due > kUnixEpochAsFiletime) {
        clock = CLOCK_REALTIME;
        flags = TFD_TIMER_ABSTIME;
        spec.it_value = from_ticks(static_cast<uint64_t>(req.due - kUnixEpochAsFiletime));
    }
    // A time already past (or 0) fires at once; timerfd needs a non-zero value.
    if (spec.it_value.tv_sec == 0 && spec.it_value.tv_nsec == 0) spec.it_value.tv_nsec = 1;
    spec.it_interval.tv_sec = req.period / 1000;
    spec.it_interval.tv_nsec = static_cast<long>(req.period % 1000) * 1000000;

    int fd = timerfd_create(clock, TFD_CLOEXEC | TFD_NONBLOCK);
    if (fd < 0) return reply.fail(status::not_enough_memory);
    if (timerfd_settime(fd, flags, &spec, nullptr) != 0) {
        close(fd);
        reply.status = status::invalid_parameter;
        return;
    }
    set_timer_reply out{disarm(*timer) ? 1u : 0u, 0};
    timer->fd = fd;
    timer->period = req.period;
    // Setting a timer makes it non-signaled until it expires again.
    sync_area().signal(timer->slot, 0);
    TimerObject* raw = timer.get();  // the object unwatches before it dies
    watch_fd(fd, [raw] { on_expiry(raw); });
    reply.set(out);
}

void handle_cancel_timer(Request& request, Reply& reply) {
    auto req = request.get<cancel_timer_request>();
    auto timer = resolve_timer(request, req.handle, reply);
    if (!timer) return;
    // Cancelling leaves the signaled state as it is.
    reply.set(cancel_timer_reply{disarm(*timer) ? 1u : 0u, 0});
}

}  // namespace vine::server
