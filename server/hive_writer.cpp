#include "hive_writer.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <set>
#include <thread>
#include <utility>

#include "server.h"

namespace vine::server::hive_writer {
namespace {

bool write_all(int fd, const std::string& text) {
    size_t done = 0;
    while (done < text.size()) {
        ssize_t wrote = write(fd, text.data() + done, text.size() - done);
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote <= 0) return false;
        done += static_cast<size_t>(wrote);
    }
    return true;
}

struct Job {
    uint64_t ticket;
    uint64_t hive_id;
    std::string path;
    std::string root;
    std::vector<hive::Key> keys;
};

// Everything below is shared by the loop and the writer, under g_mutex.
// Never freed: a key object's end at exit (after stop) may still write.
std::mutex& g_mutex = *new std::mutex;
std::condition_variable& g_work = *new std::condition_variable;
std::condition_variable& g_done = *new std::condition_variable;
std::deque<Job>& g_queue = *new std::deque<Job>;
std::set<uint64_t>& g_failed_tickets = *new std::set<uint64_t>;
std::vector<uint64_t>& g_failed_hives = *new std::vector<uint64_t>;
uint64_t g_next_ticket = 1;
uint64_t g_completed = 0;  // every ticket up to this one is done (one thread, in order)
bool g_stopping = false;
bool g_started = false;
std::thread* g_thread = nullptr;

// VINE_TEST_HIVE_WRITE_DELAY_MS: each write waits that long first, as a
// slow disk's fsync would, so tests can act while a write is in flight.
std::chrono::milliseconds test_delay() {
    const char* value = getenv("VINE_TEST_HIVE_WRITE_DELAY_MS");
    return std::chrono::milliseconds(value ? std::max(0L, strtol(value, nullptr, 10)) : 0);
}

void record(const Job& job, bool ok) {
    if (!ok) {
        g_failed_tickets.insert(job.ticket);
        g_failed_hives.push_back(job.hive_id);
    }
    g_completed = job.ticket;
}

void run() {
    // Signals stay the main thread's business.
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, nullptr);
    const auto delay = test_delay();
    std::unique_lock lock(g_mutex);
    for (;;) {
        g_work.wait(lock, [] { return g_stopping || !g_queue.empty(); });
        if (g_queue.empty()) return;  // stopping, and nothing left
        Job job = std::move(g_queue.front());
        g_queue.pop_front();
        lock.unlock();
        if (delay.count()) std::this_thread::sleep_for(delay);
        bool ok = write_file(job.path, hive::format(job.root, job.keys));
        lock.lock();
        record(job, ok);
        g_done.notify_all();
    }
}

}  // namespace

// A crash at any point leaves either the old file or the new one, never
// half of one: the new text is whole on disk before its name replaces the
// old file's, and the rename itself is on disk before the call returns.
bool write_file(const std::string& path, const std::string& text) {
    std::string temporary = path + ".tmp";
    int fd = open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        log("registry: cannot write %s: %s", path.c_str(), strerror(errno));
        return false;
    }
    bool ok = write_all(fd, text) && fsync(fd) == 0;
    ok &= close(fd) == 0;
    if (ok) ok = rename(temporary.c_str(), path.c_str()) == 0;
    if (!ok) {
        log("registry: cannot write %s: %s", path.c_str(), strerror(errno));
        unlink(temporary.c_str());
        return false;
    }
    std::string directory = path.substr(0, path.rfind('/'));
    if (int dir = open(directory.empty() ? "/" : directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        fsync(dir);
        close(dir);
    }
    return true;
}

uint64_t submit(uint64_t hive_id, const std::string& path, std::string root, std::vector<hive::Key> keys) {
    std::unique_lock lock(g_mutex);
    if (g_stopping) {
        // After stop(): written here and now, as nothing else will.
        Job job{g_next_ticket++, hive_id, path, {}, {}};
        lock.unlock();
        bool ok = write_file(path, hive::format(root, keys));
        lock.lock();
        record(job, ok);
        return job.ticket;
    }
    if (!g_started) {
        g_started = true;
        g_thread = new std::thread(run);
    }
    // A copy still waiting for the same file is out of date: the new one
    // takes its place (and its ticket, so its waiters wait for this one).
    auto waiting = std::find_if(g_queue.begin(), g_queue.end(), [&](const Job& job) { return job.path == path; });
    if (waiting != g_queue.end()) {
        waiting->root = std::move(root);
        waiting->keys = std::move(keys);
        waiting->hive_id = hive_id;
        return waiting->ticket;
    }
    uint64_t ticket = g_next_ticket++;
    g_queue.push_back(Job{ticket, hive_id, path, std::move(root), std::move(keys)});
    g_work.notify_one();
    return ticket;
}

bool wait(uint64_t ticket) {
    std::unique_lock lock(g_mutex);
    g_done.wait(lock, [&] { return g_completed >= ticket; });
    return !g_failed_tickets.erase(ticket);
}

std::vector<uint64_t> take_failures() {
    std::lock_guard lock(g_mutex);
    // The loop is the only waiter and is here, not in wait(): no ticket
    // failure is still to be asked for.
    g_failed_tickets.clear();
    return std::exchange(g_failed_hives, {});
}

void stop() {
    {
        std::lock_guard lock(g_mutex);
        if (g_stopping) return;
        g_stopping = true;
        g_work.notify_one();
    }
    if (g_thread) {
        g_thread->join();
        delete g_thread;
        g_thread = nullptr;
    }
}

}  // namespace vine::server::hive_writer
