// The process's cache of what its handles name. The server owns the handle
// table; this cache saves the round trip on every WaitForSingleObject,
// SetEvent or WriteFile. An entry owns what came with its handle: a file's
// descriptor, or the mapping of a sync object's state (sync_objects.cpp). Readers take no lock: entries live in chunks that
// never move, published with a release store of `valid`. Changes (a new
// handle, a close) are rare and take a mutex.
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <vector>

#include "vine/server_client.h"
#include "vine/thread_control.h"

namespace vine::client {
namespace {

struct Entry {
    std::atomic<uint32_t> valid{0};
    HandleInfo info;
};

constexpr size_t kChunkBits = 10, kChunkSize = size_t{1} << kChunkBits, kChunks = 4096;
std::atomic<Entry*> g_chunks[kChunks];
std::mutex g_write_lock;
protocol::SyncSlot* g_sync_area = nullptr;

// The entry for `handle`, created on demand when `create`; null for values
// that can't be handles.
Entry* entry_for(HANDLE handle, bool create) {
    auto value = reinterpret_cast<uintptr_t>(handle);
    if (value == 0 || value % 4) return nullptr;
    size_t index = value / 4;
    size_t chunk = index >> kChunkBits;
    if (chunk >= kChunks) return nullptr;
    Entry* entries = g_chunks[chunk].load(std::memory_order_acquire);
    if (!entries) {
        if (!create) return nullptr;
        entries = new Entry[kChunkSize];
        Entry* expected = nullptr;
        if (!g_chunks[chunk].compare_exchange_strong(expected, entries)) {
            delete[] entries;
            entries = expected;
        }
    }
    return &entries[index & (kChunkSize - 1)];
}

}  // namespace

void set_sync_area(void* area) { g_sync_area = static_cast<protocol::SyncSlot*>(area); }

protocol::SyncSlot* sync_slot(uint32_t index) {
    if (!g_sync_area || index == 0 || index >= protocol::kSyncSlotCount) return nullptr;
    return &g_sync_area[index];
}

bool registry_generation(uint64_t& generation) {
    if (!g_sync_area) return false;
    auto* word = reinterpret_cast<uint64_t*>(&g_sync_area[protocol::kRegistryGenerationSlot]);
    generation = std::atomic_ref<uint64_t>(*word).load(std::memory_order_acquire);
    return true;
}

namespace {

// What an entry owns: its descriptor and its mapping of an object's state.
void release_owned(const HandleInfo& info, const HandleInfo* kept = nullptr) {
    if (info.fd >= 0 && (!kept || kept->fd != info.fd)) close(info.fd);
    if (protocol::is_sync_object_slot(info.slot) && (!kept || kept->state != info.state))
        unmap_sync_object(info.state);
}

// A process's or thread's state is its slot of the area.
HandleInfo with_state(HandleInfo info) {
    if (!info.state && info.slot && !protocol::is_sync_object_slot(info.slot)) info.state = sync_slot(info.slot);
    return info;
}

bool is_sync_object(protocol::ObjectType type) {
    using protocol::ObjectType;
    return type == ObjectType::event || type == ObjectType::mutex || type == ObjectType::semaphore ||
           type == ObjectType::timer;
}

}  // namespace

void remember_handle(HANDLE handle, const HandleInfo& info) {
    threads::NoInterrupt region;  // no thread may stop or die holding the lock
    std::lock_guard guard(g_write_lock);
    Entry* entry = entry_for(handle, true);
    if (!entry) {
        release_owned(info);
        return;
    }
    if (entry->valid.load()) release_owned(entry->info, &info);
    entry->info = with_state(info);
    entry->valid.store(1, std::memory_order_release);
}

bool handle_info(HANDLE handle, HandleInfo& info) {
    if (Entry* entry = entry_for(handle, false); entry && entry->valid.load(std::memory_order_acquire)) {
        info = entry->info;
        return true;
    }
    auto value = reinterpret_cast<uintptr_t>(handle);
    if (value == 0 || value % 4 || value > 0xffffffffu) return false;
    // Not seen yet (inherited, or duplicated into us): ask the server.
    protocol::handle_info_request request{value};
    protocol::handle_info_reply reply{};
    std::vector<int> fds;
    if (call(request, reply, nullptr, 0, nullptr, 0, nullptr, &fds) != 0) {
        for (int fd : fds) close(fd);
        return false;
    }
    HandleInfo fresh;
    fresh.type = static_cast<protocol::ObjectType>(reply.type);
    fresh.access = reply.access;
    fresh.slot = reply.slot;
    fresh.object_id = reply.object_id;
    fresh.file_flags = reply.file_flags;
    fresh.section_attributes = reply.section_attributes;
    fresh.section_size = reply.section_size;
    int received = fds.empty() ? -1 : fds[0];
    for (size_t i = 1; i < fds.size(); ++i) close(fds[i]);
    if (is_sync_object(fresh.type)) {
        // The descriptor is the object's state: mapped, not kept.
        if (received < 0 || !protocol::is_sync_object_slot(fresh.slot)) {
            if (received >= 0) close(received);
            return false;
        }
        fresh.state = map_sync_object(received);
        if (!fresh.state) return false;
    } else {
        fresh.fd = received;
        fresh = with_state(fresh);
    }
    {
        threads::NoInterrupt region;
        std::lock_guard guard(g_write_lock);
        Entry* entry = entry_for(handle, true);
        if (entry && entry->valid.load()) {
            // Another thread filled it meanwhile: keep its descriptor and mapping.
            release_owned(fresh);
            info = entry->info;
            return true;
        }
        if (entry) {
            entry->info = fresh;
            entry->valid.store(1, std::memory_order_release);
        } else {
            release_owned(fresh);
            fresh.fd = -1;
            fresh.state = nullptr;
        }
    }
    info = fresh;
    return true;
}

namespace {

// With g_write_lock held: drops `handle`'s entry and what it owns; false
// when there was none.
bool drop_entry(HANDLE handle) {
    Entry* entry = entry_for(handle, false);
    if (!entry || !entry->valid.load()) return false;
    entry->valid.store(0, std::memory_order_release);
    release_owned(entry->info);
    entry->info = HandleInfo{};
    return true;
}

}  // namespace

void forget_handle(HANDLE handle) {
    threads::NoInterrupt region;
    std::lock_guard guard(g_write_lock);
    drop_entry(handle);
}

HandleClosing::HandleClosing() {
    threads::enter_no_interrupt();  // no thread may stop or die holding the lock
    g_write_lock.lock();
}

HandleClosing::~HandleClosing() {
    g_write_lock.unlock();
    threads::leave_no_interrupt();
}

void HandleClosing::forget(HANDLE handle) { drop_entry(handle); }

namespace {

// Private handles: values above any the server gives (its table holds
// 2^20 handles, values up to 4 * 2^20) and below the cache's end, handed
// out from a free list.
constexpr uintptr_t kFirstPrivate = uintptr_t{1} << 23, kEndPrivate = kChunks * kChunkSize * 4;
std::vector<uintptr_t> g_free_private;
uintptr_t g_next_private = kFirstPrivate;

bool is_private(uintptr_t value) { return value >= kFirstPrivate && value < kEndPrivate; }

// A file handle just made, with the descriptor it owns.
void remember_file(HANDLE handle, int fd, uint32_t access, uint32_t flags) {
    HandleInfo info;
    info.type = protocol::ObjectType::file;
    info.access = access;
    info.file_flags = flags;
    info.fd = fd;
    remember_handle(handle, info);
}

}  // namespace

HANDLE add_private_file(int fd, uint32_t access, uint32_t flags) {
    uintptr_t value = 0;
    {
        threads::NoInterrupt region;
        std::lock_guard guard(g_write_lock);
        if (!g_free_private.empty()) {
            value = g_free_private.back();
            g_free_private.pop_back();
        } else if (g_next_private < kEndPrivate) {
            value = g_next_private;
            g_next_private += 4;
        }
    }
    if (!value) return nullptr;
    auto handle = reinterpret_cast<HANDLE>(value);
    remember_file(handle, fd, access, flags);
    return handle;
}

uint32_t check_open(uint64_t device, uint64_t inode, uint32_t access, uint32_t sharing) {
    protocol::create_file_request request{};
    request.access = access;
    request.sharing = sharing;
    request.flags = protocol::file_check_only;
    request.device = device;
    request.inode = inode;
    protocol::create_file_reply reply{};
    return call(request, reply);
}

uint32_t close_handle(HANDLE handle, void (*also_forget)(HANDLE)) {
    auto value = reinterpret_cast<uintptr_t>(handle);
    HandleClosing closing;
    if (is_private(value)) {
        // Never the server's: the cache entry is all there is.
        if (!drop_entry(handle)) return 6;  // ERROR_INVALID_HANDLE
        if (also_forget) also_forget(handle);
        g_free_private.push_back(value);
        return 0;
    }
    // The request and the forgetting under one hold of the lock: see
    // HandleClosing.
    protocol::close_handle_request request{value};
    protocol::close_handle_reply reply{};
    uint32_t status = call(request, reply);
    if (status != 0) return status;
    closing.forget(handle);
    if (also_forget) also_forget(handle);
    return 0;
}

HANDLE add_file(int fd, uint32_t access, uint32_t sharing, bool inherit, uint32_t flags, uint32_t& error,
                const std::string* unix_path) {
    struct stat st {};
    protocol::create_file_request request{};
    request.access = access;
    request.sharing = sharing;
    request.inherit = inherit;
    request.flags = flags;
    // Files and directories have share modes in the server, by what they are.
    if (fstat(fd, &st) == 0 && (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))) {
        request.device = st.st_dev;
        request.inode = st.st_ino;
    }
    protocol::create_file_reply reply{};
    error = call(request, reply, unix_path ? unix_path->data() : nullptr,
                 unix_path ? static_cast<uint32_t>(unix_path->size()) : 0, &fd, 1);
    if (error) return nullptr;
    auto handle = reinterpret_cast<HANDLE>(reply.handle);
    remember_file(handle, fd, access, flags);
    return handle;
}

int handle_fd(HANDLE handle) {
    HandleInfo info;
    if (!handle_info(handle, info)) return -1;
    return info.fd;
}

}  // namespace vine::client
