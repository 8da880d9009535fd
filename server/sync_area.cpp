#include "sync_area.h"

#include <fcntl.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <climits>

namespace vine::server {

using protocol::SyncKind;
using protocol::SyncSlot;

SyncArea& sync_area() {
    static SyncArea area;
    return area;
}

int create_sealable_memfd(const char* name, size_t size) {
    int fd = memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0) return -1;
    if (ftruncate(fd, static_cast<off_t>(size)) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

bool seal_against_writers(int fd) {
#ifndef F_SEAL_FUTURE_WRITE
    constexpr int F_SEAL_FUTURE_WRITE = 0x0010;
#endif
    // Mappings made before the seal (the server's own) stay writable; every
    // later one, and write(2), is refused, and the seals cannot be lifted.
    return fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_FUTURE_WRITE | F_SEAL_SEAL) == 0;
}

bool SyncArea::create() {
    fd_ = create_sealable_memfd("vine-sync", protocol::kSyncAreaSize);
    if (fd_ < 0) return false;
    void* memory = mmap(nullptr, protocol::kSyncAreaSize, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
    if (memory == MAP_FAILED) return false;
    slots_ = static_cast<SyncSlot*>(memory);
    return seal_against_writers(fd_);
}

namespace {

std::atomic_ref<uint32_t> word(uint32_t& value) { return std::atomic_ref<uint32_t>(value); }

void wake_all(uint32_t* address) {
    // A shared (not private) futex: the waiters are in other processes.
    syscall(SYS_futex, address, FUTEX_WAKE, INT_MAX, nullptr, nullptr, 0);
}

}  // namespace

void SyncArea::count(uint32_t owner, std::unordered_map<uint32_t, uint32_t>& counts, int delta) {
    if (!owner) return;
    auto found = counts.find(owner);
    if (delta > 0) {
        ++counts[owner];
    } else if (found != counts.end() && --found->second == 0) {
        counts.erase(found);
    }
}

uint32_t SyncArea::allocate_area_slot(uint32_t owner) {
    if (owner && owned_[owner] >= protocol::kSyncSlotsPerProcess) return 0;
    uint32_t index;
    if (!free_.empty()) {
        index = free_.front();
        free_.pop_front();
    } else if (next_ < protocol::kSyncSlotCount) {
        index = next_++;
    } else {
        return 0;
    }
    if (owner_of_.size() <= index) owner_of_.resize(index + 1);
    owner_of_[index] = owner;
    count(owner, owned_, 1);
    return index;
}

uint32_t SyncArea::allocate_object(uint32_t owner) {
    if (owner) {
        auto found = owned_objects_.find(owner);
        if (found != owned_objects_.end() && found->second >= protocol::kSyncObjectsPerProcess) return 0;
    }
    // Numbers are not reused; after 2^32 - 2^20 objects they would wrap, and
    // then skip the ones still alive.
    uint32_t index = next_object_;
    while (objects_.count(index)) index = index == UINT32_MAX ? protocol::kFirstSyncObject : index + 1;
    ObjectState object;
    object.fd = create_sealable_memfd("vine-sync-object", protocol::kSyncObjectSize);
    if (object.fd < 0) return 0;
    void* memory = mmap(nullptr, protocol::kSyncObjectSize, PROT_READ | PROT_WRITE, MAP_SHARED, object.fd, 0);
    // Holders may write the state but never resize what the server maps.
    if (memory == MAP_FAILED || fcntl(object.fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0) {
        if (memory != MAP_FAILED) munmap(memory, protocol::kSyncObjectSize);
        close(object.fd);
        return 0;
    }
    object.slot = static_cast<SyncSlot*>(memory);
    object.owner = owner;
    objects_.emplace(index, object);
    count(owner, owned_objects_, 1);
    next_object_ = index == UINT32_MAX ? protocol::kFirstSyncObject : index + 1;
    return index;
}

uint32_t SyncArea::allocate(SyncKind kind, uint32_t state, uint32_t aux, uint32_t owner) {
    bool in_area = kind == SyncKind::process || kind == SyncKind::thread;
    uint32_t index = in_area ? allocate_area_slot(owner) : allocate_object(owner);
    if (!index) return 0;
    SyncSlot& s = *slot(index);
    word(s.aux).store(aux);
    word(s.kind).store(static_cast<uint32_t>(kind));
    word(s.abandoned).store(0);
    word(s.state).store(state, std::memory_order_release);
    if (kind == SyncKind::mutex) mutexes_.push_back(index);
    return index;
}

SyncSlot* SyncArea::slot(uint32_t index) {
    if (protocol::is_sync_object_slot(index)) {
        auto found = objects_.find(index);
        return found == objects_.end() ? nullptr : found->second.slot;
    }
    if (index == 0 || index >= next_) return nullptr;
    return &slots_[index];
}

int SyncArea::object_fd(uint32_t index) const {
    auto found = objects_.find(index);
    return found == objects_.end() ? -1 : found->second.fd;
}

void SyncArea::release(uint32_t index) {
    if (index == 0) return;
    // The kind in the state may have been overwritten by a client: search.
    if (auto found = std::find(mutexes_.begin(), mutexes_.end(), index); found != mutexes_.end()) {
        *found = mutexes_.back();
        mutexes_.pop_back();
    }
    if (protocol::is_sync_object_slot(index)) {
        auto found = objects_.find(index);
        if (found == objects_.end()) return;
        // Processes still mapping it keep their pages; nobody else can.
        munmap(found->second.slot, protocol::kSyncObjectSize);
        close(found->second.fd);
        count(found->second.owner, owned_objects_, -1);
        objects_.erase(found);
        return;
    }
    if (index >= next_) return;
    SyncSlot& s = slots_[index];
    word(s.kind).store(0);
    word(s.state).store(0);
    word(s.aux).store(0);
    if (index < owner_of_.size() && owner_of_[index]) {
        count(owner_of_[index], owned_, -1);
        owner_of_[index] = 0;
    }
    free_.push_back(index);
}

void SyncArea::signal(uint32_t index, uint32_t state) {
    SyncSlot* s = slot(index);
    if (!s) return;
    word(s->state).store(state, std::memory_order_release);
    wake_all(&s->state);
}

void SyncArea::expire_timer(uint32_t index) {
    SyncSlot* s = slot(index);
    if (!s) return;
    // Signaled first: a completion routine may look at its timer.
    signal(index, 1);
    word(s->abandoned).fetch_add(1);
    wake_all(&s->abandoned);
}

void SyncArea::registry_changed() {
    if (!slots_) return;
    auto* generation = reinterpret_cast<uint64_t*>(&slots_[protocol::kRegistryGenerationSlot]);
    std::atomic_ref<uint64_t>(*generation).fetch_add(1, std::memory_order_release);
}

void SyncArea::abandon_mutexes(uint32_t thread_id) {
    for (uint32_t index : mutexes_) {
        SyncSlot* s = slot(index);
        if (!s || word(s->state).load() != thread_id) continue;
        // Flag first, so whoever acquires it next sees WAIT_ABANDONED; then
        // free it with a compare-and-swap (the owner is dead, so only a
        // misbehaving client can have changed it meanwhile).
        word(s->abandoned).store(1);
        word(s->aux).store(0);
        uint32_t owner = thread_id;
        if (word(s->state).compare_exchange_strong(owner, 0)) wake_all(&s->state);
    }
}

}  // namespace vine::server
