// Where this process maps the state of the events, mutexes, semaphores and
// timers it holds handles to: each handle's page of the object's own memfd
// (protocol.h), in one reserved stretch of address space. A closed handle's
// page becomes private zeros again, so a thread still waiting through it
// (undefined on Windows too) touches no other object's state, and freed
// pages are reused oldest first.
#include <sys/mman.h>
#include <unistd.h>

#include <deque>
#include <mutex>

#include "vine/server_client.h"
#include "vine/thread_control.h"

namespace vine::client {
namespace {

constexpr size_t kPage = protocol::kSyncObjectSize;
constexpr size_t kPages = size_t{1} << 16;  // 256 MiB of address space, touched only as used

std::mutex g_lock;
char* g_region = nullptr;
size_t g_next = 0;
std::deque<size_t> g_free;

bool in_region(const void* address) {
    auto* byte = static_cast<const char*>(address);
    return g_region && byte >= g_region && byte < g_region + kPages * kPage;
}

}  // namespace

protocol::SyncSlot* map_sync_object(int fd) {
    threads::NoInterrupt region;  // no thread may stop or die holding the lock
    std::lock_guard guard(g_lock);
    if (!g_region) {
        void* reserved = mmap(nullptr, kPages * kPage, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (reserved != MAP_FAILED) g_region = static_cast<char*>(reserved);
    }
    size_t page;
    if (!g_region) {
        page = kPages;
    } else if (!g_free.empty()) {
        page = g_free.front();
        g_free.pop_front();
    } else {
        page = g_next < kPages ? g_next++ : kPages;
    }
    void* mapped = MAP_FAILED;
    if (page < kPages)
        mapped = mmap(g_region + page * kPage, kPage, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0);
    close(fd);
    if (mapped == MAP_FAILED) {
        if (page < kPages) g_free.push_back(page);
        return nullptr;
    }
    return static_cast<protocol::SyncSlot*>(mapped);
}

void unmap_sync_object(protocol::SyncSlot* state) {
    if (!state || !in_region(state)) return;
    threads::NoInterrupt region;
    std::lock_guard guard(g_lock);
    auto* page = reinterpret_cast<char*>(state);
    mmap(page, kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    g_free.push_back(static_cast<size_t>(page - g_region) / kPage);
}

}  // namespace vine::client
