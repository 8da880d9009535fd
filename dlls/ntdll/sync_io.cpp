// The cancellable waits of synchronous I/O: each thread that blocks gets an
// eventfd once, polled beside the descriptor it waits for; cancelling
// writes to it. A thread that is not waiting has nothing to cancel
// (CancelSynchronousIo: ERROR_NOT_FOUND).
#include "vine/locks.h"
#include "sync_io.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "vine/ntstatus.h"
#include "vine/server_client.h"
#include "vine/thread_control.h"

namespace ntdll::sync_io {
namespace {

struct Waiter {
    int fd = -1;
    std::atomic<bool> waiting{false}, cancelled{false};
    ~Waiter() {
        if (fd >= 0) close(fd);
    }
};

vine::Mutex g_lock;
std::unordered_map<uint32_t, std::shared_ptr<Waiter>>& waiters() {
    static auto* map = new std::unordered_map<uint32_t, std::shared_ptr<Waiter>>;  // used at exit
    return *map;
}

std::shared_ptr<Waiter> waiter_of(uint32_t thread_id, bool create) {
    vine::threads::NoInterrupt region;
    std::lock_guard guard(g_lock);
    if (auto found = waiters().find(thread_id); found != waiters().end()) return found->second;
    if (!create) return nullptr;
    auto fresh = std::make_shared<Waiter>();
    fresh->fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    waiters()[thread_id] = fresh;
    return fresh;
}

void drain(int fd) {
    uint64_t count;
    (void)!read(fd, &count, sizeof count);
}

// The calling thread's waiter, found once (it lives until the thread ends).
thread_local Waiter* t_waiter = nullptr;

}  // namespace

NTSTATUS wait_ready(int fd, short events) { return wait_ready(fd, events, -1); }

NTSTATUS wait_ready(int fd, short events, int timeout_ms, bool continuing) {
    if (!t_waiter) t_waiter = waiter_of(vine::client::current_thread_id(), true).get();
    Waiter* waiter = t_waiter;
    pollfd pollers[2] = {{fd, events, 0}, {waiter->fd, POLLIN, 0}};
    nfds_t count = waiter->fd >= 0 ? 2 : 1;
    // A cancel that came after the last wait ended cancels nothing, unless
    // that wait was part of this call.
    if (waiter->cancelled.exchange(false)) {
        drain(waiter->fd);
        if (continuing) return STATUS_CANCELLED;
    }
    waiter->waiting.store(true);
    int n;
    do n = poll(pollers, count, timeout_ms);
    while (n < 0 && errno == EINTR);
    waiter->waiting.store(false);
    // The flag, not only the eventfd: a cancel may land after poll returned.
    if ((count == 2 && (pollers[1].revents & POLLIN)) || (continuing && waiter->cancelled.load())) {
        waiter->cancelled.store(false);
        drain(waiter->fd);
        return STATUS_CANCELLED;
    }
    return n == 0 ? STATUS_TIMEOUT : STATUS_SUCCESS;
}

bool cancel(uint32_t thread_id) {
    auto waiter = waiter_of(thread_id, false);
    if (!waiter || !waiter->waiting.load()) return false;
    waiter->cancelled.store(true);
    uint64_t one = 1;
    (void)!write(waiter->fd, &one, sizeof one);
    return true;
}

void forget_thread(uint32_t thread_id) {
    if (thread_id == vine::client::current_thread_id()) t_waiter = nullptr;
    vine::threads::NoInterrupt region;
    std::lock_guard guard(g_lock);
    waiters().erase(thread_id);
}

}  // namespace ntdll::sync_io
