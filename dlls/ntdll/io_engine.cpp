// The process's I/O engine: one thread sleeping in epoll_wait over the
// descriptors that have requests waiting, which it finishes in order when
// they become ready. A request first tries to complete in the caller's
// thread (regular files always do, as Windows' cached I/O often does);
// only one that would block comes here, with no server round trip either
// way. Epoll rather than io_uring: the transfers are on sockets and pipes
// whose readiness epoll reports with one system call per batch, and the
// request itself is then one recv/send, the same count io_uring needs for
// submission plus completion, without the ring's setup or a kernel-version
// dependency (bench/aio measures the result against pread).
#include <pthread.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <deque>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "vine/locks.h"
#include "async_io.h"
#include "vine/ntstatus.h"
#include "vine/thread_control.h"

namespace ntdll::async {
namespace {

struct Queues {
    std::deque<std::unique_ptr<Request>> readers, writers;  // wait_readable requests wait with the readers
    std::deque<std::unique_ptr<Request>> watchers;           // Operation::watch, each attempted on its own
    uint32_t armed = 0;                                      // the epoll events registered
    bool empty() const { return readers.empty() && writers.empty() && watchers.empty(); }
};

struct Finished {
    std::unique_ptr<Request> request;
    Result result;
};

class Engine {
public:
    static Engine& get() {
        static Engine* engine = started_ = new Engine;  // never destroyed: its thread runs until the process ends
        return *engine;
    }
    // Null until a request first had to wait (most processes never start it).
    static Engine* started() { return started_.load(std::memory_order_acquire); }

    vine::Mutex lock;
    std::unordered_map<int, Queues> queues;

    // Registers what the queues of `fd` wait for; forgets the fd when nothing.
    void rearm(int fd) {
        auto it = queues.find(fd);
        if (it == queues.end()) return;
        Queues& q = it->second;
        bool readable = !q.readers.empty() ||
                        std::any_of(q.watchers.begin(), q.watchers.end(), [](auto& r) { return r->wants_readable; });
        uint32_t wanted = (readable ? uint32_t{EPOLLIN | EPOLLRDHUP} : 0u) | (q.writers.empty() ? 0u : uint32_t{EPOLLOUT});
        if (wanted == q.armed && (wanted || !q.empty())) return;
        epoll_event event{};
        event.events = wanted;
        event.data.fd = fd;
        if (!wanted) {
            if (q.armed) epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
            q.armed = 0;
            // Watchers waiting only for their deadlines keep the entry.
            if (q.empty()) queues.erase(it);
            return;
        }
        epoll_ctl(epoll_fd_, q.armed ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event);
        q.armed = wanted;
    }

    // A request with a deadline was queued: the engine's sleep is recomputed.
    void wake() {
        uint64_t one = 1;
        [[maybe_unused]] ssize_t n = write(wake_fd_, &one, sizeof one);
    }

private:
    static inline std::atomic<Engine*> started_{nullptr};
    int epoll_fd_, wake_fd_;

    Engine() : epoll_fd_(epoll_create1(EPOLL_CLOEXEC)), wake_fd_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.fd = wake_fd_;
        epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &event);
        // The engine runs no Windows code: no signal of Vine's (suspension,
        // console control) is for it.
        sigset_t all, previous;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &previous);
        std::thread([this] { run(); }).detach();
        pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    }

    static void serve(std::deque<std::unique_ptr<Request>>& queue, std::vector<Finished>& finished);
    static void serve_watchers(std::deque<std::unique_ptr<Request>>& queue, bool readable, uint64_t now,
                               std::vector<Finished>& finished);

    // The earliest deadline of the requests the engine attempts (the first
    // reader of each descriptor, every watcher); 0 when none has one.
    uint64_t earliest_deadline() const {
        uint64_t earliest = 0;
        auto consider = [&](const Request& request) {
            if (request.deadline_ms && (!earliest || request.deadline_ms < earliest)) earliest = request.deadline_ms;
        };
        for (auto& [fd, q] : queues) {
            if (!q.readers.empty()) consider(*q.readers.front());
            for (auto& request : q.watchers) consider(*request);
        }
        return earliest;
    }

    void run() {
        epoll_event events[64];
        std::vector<Finished> finished;
        std::vector<int> due;
        for (;;) {
            int timeout = -1;
            {
                std::lock_guard guard(lock);
                if (uint64_t deadline = earliest_deadline()) {
                    uint64_t now = now_ms();
                    timeout = deadline <= now ? 0 : static_cast<int>(std::min<uint64_t>(deadline - now, 0x7fffffff));
                }
            }
            int n = epoll_wait(epoll_fd_, events, 64, timeout);
            if (n < 0) continue;
            {
                std::lock_guard guard(lock);
                uint64_t now = now_ms();
                for (int i = 0; i < n; ++i) {
                    int fd = events[i].data.fd;
                    if (fd == wake_fd_) {
                        uint64_t count;
                        [[maybe_unused]] ssize_t got = read(wake_fd_, &count, sizeof count);
                        continue;
                    }
                    auto it = queues.find(fd);
                    if (it == queues.end()) continue;
                    uint32_t ready = events[i].events;
                    bool readable = ready & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR);
                    if (readable) serve(it->second.readers, finished);
                    if (ready & (EPOLLOUT | EPOLLHUP | EPOLLERR)) serve(it->second.writers, finished);
                    serve_watchers(it->second.watchers, readable, now, finished);
                    rearm(fd);
                }
                // Requests whose deadline came, ready or not.
                due.clear();
                for (auto& [fd, q] : queues) {
                    bool reader_due = !q.readers.empty() && q.readers.front()->deadline_ms &&
                                      q.readers.front()->deadline_ms <= now;
                    if (reader_due) serve(q.readers, finished);
                    serve_watchers(q.watchers, false, now, finished);
                    due.push_back(fd);
                }
                for (int fd : due) rearm(fd);
            }
            // Outside the lock: completing may start new requests.
            for (Finished& done : finished)
                finish(done.request->completion, done.result.status, done.result.information, false);
            finished.clear();
        }
    }
};

std::optional<Result> attempt(Request& request) {
    switch (request.operation) {
    case Operation::read: return try_read(request.fd, *request.state, request.buffer, request.length);
    case Operation::write: return try_write(request.fd, *request.state, request.buffer, request.length, request.done);
    case Operation::wait_readable:
        if (!readable_now(request.fd)) return std::nullopt;
        {
            // ConnectNamedPipe's wait: the server end has its client.
            std::lock_guard guard(request.state->lock);
            request.state->seen_connected = true;
        }
        return Result{STATUS_SUCCESS, 0};
    case Operation::custom:
    case Operation::watch: return request.custom();
    }
    return std::nullopt;
}

void Engine::serve(std::deque<std::unique_ptr<Request>>& queue, std::vector<Finished>& finished) {
    while (!queue.empty()) {
        auto result = attempt(*queue.front());
        if (!result) return;
        finished.push_back({std::move(queue.front()), *result});
        queue.pop_front();
    }
}

// Watchers are attempted each on its own: on readiness when they want it,
// else when their deadline came.
void Engine::serve_watchers(std::deque<std::unique_ptr<Request>>& queue, bool readable, uint64_t now,
                            std::vector<Finished>& finished) {
    for (auto& request : queue) {
        bool due = (readable && request->wants_readable) || (request->deadline_ms && request->deadline_ms <= now);
        if (!due) continue;
        if (auto result = attempt(*request)) finished.push_back({std::move(request), *result});
    }
    std::erase_if(queue, [](const std::unique_ptr<Request>& request) { return !request; });
}

std::deque<std::unique_ptr<Request>>& queue_for(Queues& queues, Operation operation) {
    if (operation == Operation::watch) return queues.watchers;
    return operation == Operation::write ? queues.writers : queues.readers;
}

}  // namespace

uint64_t now_ms() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<uint64_t>(ts.tv_sec) * 1000 + static_cast<uint64_t>(ts.tv_nsec) / 1000000;
}

NTSTATUS start(std::unique_ptr<Request> request) {
    Engine& engine = Engine::get();
    IO_STATUS_BLOCK* io = request->completion.io;
    {
        vine::threads::NoInterrupt region;
        std::lock_guard guard(engine.lock);
        // Requests of one direction finish in the order they were made.
        if (auto it = engine.queues.find(request->fd); request->operation != Operation::watch &&
                                                       it != engine.queues.end() &&
                                                       !queue_for(it->second, request->operation).empty()) {
            io->Status = STATUS_PENDING;
            queue_for(it->second, request->operation).push_back(std::move(request));
            return STATUS_PENDING;
        }
    }
    if (auto result = attempt(*request)) return finish(request->completion, result->status, result->information, true);
    io->Status = STATUS_PENDING;  // before the engine can complete it
    vine::threads::NoInterrupt region;
    std::lock_guard guard(engine.lock);
    int fd = request->fd;
    Operation operation = request->operation;
    bool timed = request->deadline_ms != 0;
    queue_for(engine.queues[fd], operation).push_back(std::move(request));
    engine.rearm(fd);
    if (timed) engine.wake();
    return STATUS_PENDING;
}

namespace {

// Ends every pending request `matches` picks with `status`; how many.
template <typename Matches>
size_t cancel_matching(const Matches& matches, NTSTATUS status) {
    Engine* started = Engine::started();
    if (!started) return 0;
    Engine& engine = *started;
    std::vector<std::unique_ptr<Request>> cancelled;
    {
        vine::threads::NoInterrupt region;
        std::lock_guard guard(engine.lock);
        std::vector<int> touched;
        for (auto& [fd, queues] : engine.queues) {
            for (auto* queue : {&queues.readers, &queues.writers, &queues.watchers}) {
                for (auto& request : *queue)
                    if (matches(*request)) cancelled.push_back(std::move(request));
                size_t before = queue->size();
                std::erase_if(*queue, [](const std::unique_ptr<Request>& request) { return !request; });
                if (queue->size() != before) touched.push_back(fd);
            }
        }
        for (int fd : touched) engine.rearm(fd);
    }
    for (auto& request : cancelled) finish(request->completion, status, request->done, false);
    return cancelled.size();
}

}  // namespace

size_t cancel(HANDLE handle, const IO_STATUS_BLOCK* io, uint32_t thread_id, NTSTATUS status) {
    return cancel_matching(
        [&](const Request& request) {
            return request.handle == handle && (!io || request.completion.io == io) &&
                   (!thread_id || request.completion.thread_id == thread_id);
        },
        status);
}

void cancel_thread(uint32_t thread_id) {
    // Requests on a handle with a completion port outlive their thread, as
    // on Windows since Vista (thread pools hand requests between threads).
    cancel_matching([&](const Request& request) {
        return request.completion.thread_id == thread_id && !request.completion.port;
    }, STATUS_CANCELLED);
}

}  // namespace ntdll::async
