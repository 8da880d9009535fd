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
    uint32_t armed = 0;                                      // the epoll events registered
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
        uint32_t wanted = (q.readers.empty() ? 0u : uint32_t{EPOLLIN | EPOLLRDHUP}) | (q.writers.empty() ? 0u : uint32_t{EPOLLOUT});
        if (wanted == q.armed && wanted) return;
        epoll_event event{};
        event.events = wanted;
        event.data.fd = fd;
        if (!wanted) {
            if (q.armed) epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
            queues.erase(it);
            return;
        }
        epoll_ctl(epoll_fd_, q.armed ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event);
        q.armed = wanted;
    }

private:
    static inline std::atomic<Engine*> started_{nullptr};
    int epoll_fd_;

    Engine() : epoll_fd_(epoll_create1(EPOLL_CLOEXEC)) {
        // The engine runs no Windows code: no signal of Vine's (suspension,
        // console control) is for it.
        sigset_t all, previous;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &previous);
        std::thread([this] { run(); }).detach();
        pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    }

    static void serve(std::deque<std::unique_ptr<Request>>& queue, std::vector<Finished>& finished);

    void run() {
        epoll_event events[64];
        std::vector<Finished> finished;
        for (;;) {
            int n = epoll_wait(epoll_fd_, events, 64, -1);
            if (n <= 0) continue;
            {
                std::lock_guard guard(lock);
                for (int i = 0; i < n; ++i) {
                    int fd = events[i].data.fd;
                    auto it = queues.find(fd);
                    if (it == queues.end()) continue;
                    uint32_t ready = events[i].events;
                    if (ready & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) serve(it->second.readers, finished);
                    if (ready & (EPOLLOUT | EPOLLHUP | EPOLLERR)) serve(it->second.writers, finished);
                    rearm(fd);
                }
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
    case Operation::custom: return request.custom();
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

std::deque<std::unique_ptr<Request>>& queue_for(Queues& queues, Operation operation) {
    return operation == Operation::write ? queues.writers : queues.readers;
}

}  // namespace

NTSTATUS start(std::unique_ptr<Request> request) {
    Engine& engine = Engine::get();
    IO_STATUS_BLOCK* io = request->completion.io;
    {
        vine::threads::NoInterrupt region;
        std::lock_guard guard(engine.lock);
        // Requests of one direction finish in the order they were made.
        if (auto it = engine.queues.find(request->fd);
            it != engine.queues.end() && !queue_for(it->second, request->operation).empty()) {
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
    queue_for(engine.queues[fd], operation).push_back(std::move(request));
    engine.rearm(fd);
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
            for (auto* queue : {&queues.readers, &queues.writers}) {
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
