#include "sync_area.h"

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

bool SyncArea::create() {
    fd_ = memfd_create("vine-sync", MFD_CLOEXEC);
    if (fd_ < 0) return false;
    if (ftruncate(fd_, protocol::kSyncAreaSize) != 0) return false;
    void* memory = mmap(nullptr, protocol::kSyncAreaSize, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
    if (memory == MAP_FAILED) return false;
    slots_ = static_cast<SyncSlot*>(memory);
    return true;
}

namespace {

std::atomic_ref<uint32_t> word(uint32_t& value) { return std::atomic_ref<uint32_t>(value); }

void wake_all(uint32_t* address) {
    // A shared (not private) futex: the waiters are in other processes.
    syscall(SYS_futex, address, FUTEX_WAKE, INT_MAX, nullptr, nullptr, 0);
}

}  // namespace

uint32_t SyncArea::allocate(SyncKind kind, uint32_t state, uint32_t aux, uint32_t owner) {
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
    SyncSlot& s = slots_[index];
    word(s.aux).store(aux);
    word(s.kind).store(static_cast<uint32_t>(kind));
    word(s.abandoned).store(0);
    word(s.state).store(state, std::memory_order_release);
    if (kind == SyncKind::mutex) mutexes_.push_back(index);
    if (owner_of_.size() <= index) owner_of_.resize(index + 1);
    owner_of_[index] = owner;
    if (owner) ++owned_[owner];
    return index;
}

void SyncArea::release(uint32_t index) {
    if (index == 0 || index >= protocol::kSyncSlotCount) return;
    SyncSlot& s = slots_[index];
    // The kind in the slot may have been overwritten by a client: search.
    if (auto found = std::find(mutexes_.begin(), mutexes_.end(), index); found != mutexes_.end()) {
        *found = mutexes_.back();
        mutexes_.pop_back();
    }
    word(s.kind).store(0);
    word(s.state).store(0);
    word(s.aux).store(0);
    if (index < owner_of_.size() && owner_of_[index]) {
        auto count = owned_.find(owner_of_[index]);
        if (count != owned_.end() && --count->second == 0) owned_.erase(count);
        owner_of_[index] = 0;
    }
    free_.push_back(index);
}

void SyncArea::signal(uint32_t index, uint32_t state) {
    if (index == 0 || index >= protocol::kSyncSlotCount) return;
    word(slots_[index].state).store(state, std::memory_order_release);
    wake_all(&slots_[index].state);
}

void SyncArea::expire_timer(uint32_t index) {
    if (index == 0 || index >= protocol::kSyncSlotCount) return;
    // Signaled first: a completion routine may look at its timer.
    signal(index, 1);
    word(slots_[index].abandoned).fetch_add(1);
    wake_all(&slots_[index].abandoned);
}

void SyncArea::abandon_mutexes(uint32_t thread_id) {
    for (uint32_t index : mutexes_) {
        SyncSlot& s = slots_[index];
        if (word(s.state).load() != thread_id) continue;
        // Flag first, so whoever acquires it next sees WAIT_ABANDONED; then
        // free it with a compare-and-swap (the owner is dead, so only a
        // misbehaving client can have changed it meanwhile).
        word(s.abandoned).store(1);
        word(s.aux).store(0);
        uint32_t owner = thread_id;
        if (word(s.state).compare_exchange_strong(owner, 0)) wake_all(&s.state);
    }
}

}  // namespace vine::server
