// The shared memory holding every waitable object's state (protocol.h,
// SyncSlot). The server creates it once, hands its descriptor to each client
// at hello, and allocates slots from it. Clients write it freely; the server
// only ever stores into it and compares, never trusting what it reads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <unordered_map>
#include <vector>

#include "protocol.h"

namespace vine::server {

class SyncArea {
public:
    // Creates the memfd and maps it; false (with errno) on failure.
    bool create();
    int fd() const { return fd_; }
    // A fresh slot of `kind` with the given state, or 0 when all are in use
    // or `owner` (the creating process's id; 0 for none) has its quota.
    uint32_t allocate(protocol::SyncKind kind, uint32_t state, uint32_t aux, uint32_t owner);
    void release(uint32_t slot);
    protocol::SyncSlot& slot(uint32_t index) { return slots_[index]; }
    // Sets `state` and wakes every waiter (process and thread ends).
    void signal(uint32_t index, uint32_t state);
    // A timer expired: signaled, and its expiry count (`abandoned`) moves on.
    void expire_timer(uint32_t index);
    // Marks every mutex owned by thread `thread_id` abandoned and free.
    void abandon_mutexes(uint32_t thread_id);
    // Slots allocated and not yet released (the fuzzer checks for leaks).
    size_t in_use() const { return next_ - 1 - free_.size(); }

private:
    int fd_ = -1;
    protocol::SyncSlot* slots_ = nullptr;
    // Freed slots, reused oldest first: a client still holding a stale
    // handle to a freed slot is unlikely to meet its next owner soon.
    std::deque<uint32_t> free_;
    uint32_t next_ = 1;  // slot 0 is never used: 0 means "no slot"
    std::vector<uint32_t> mutexes_;  // slots currently holding mutexes
    std::vector<uint32_t> owner_of_;  // by slot: the process that made it, or 0
    std::unordered_map<uint32_t, uint32_t> owned_;  // slots in use per owner
};

SyncArea& sync_area();

}  // namespace vine::server
