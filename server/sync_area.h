// Where waitable objects keep their state (protocol.h, SyncSlot):
// - the sync area, one memfd of slots for processes and threads, which only
//   the server writes: it is sealed against writable mappings before any
//   client gets it, so clients map it read-only;
// - for each event, mutex, semaphore and timer, a memfd of its own, handed
//   only to the processes given a handle to it.
// Clients write an object's state freely once they hold it; the server only
// ever stores into it and compares, never trusting what it reads.
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
    // Creates and seals the area's memfd and maps it; false (with errno) on
    // failure.
    bool create();
    int fd() const { return fd_; }
    // A fresh slot of `kind` with the given state, or 0 when none is left or
    // `owner` (the creating process's id; 0 for none) has its quota.
    // Processes and threads get a slot of the area, the other kinds an
    // object memfd of their own (slot numbers from kFirstSyncObject).
    uint32_t allocate(protocol::SyncKind kind, uint32_t state, uint32_t aux, uint32_t owner);
    void release(uint32_t slot);
    // The state behind a slot number allocate returned (and not released),
    // or null.
    protocol::SyncSlot* slot(uint32_t index);
    // The memfd of an object slot (to hand to a process given a handle), or
    // -1 for an area slot or an unknown one.
    int object_fd(uint32_t index) const;
    // Sets `state` and wakes every waiter (process and thread ends).
    void signal(uint32_t index, uint32_t state);
    // A timer expired: signaled, and its expiry count (`abandoned`) moves on.
    void expire_timer(uint32_t index);
    // The registry changed (protocol.h, kRegistryGenerationSlot).
    void registry_changed();
    // Marks every mutex owned by thread `thread_id` abandoned and free.
    void abandon_mutexes(uint32_t thread_id);
    // Slots allocated and not yet released (the fuzzer checks for leaks).
    size_t in_use() const { return next_ - 1 - free_.size() + objects_.size(); }

private:
    struct ObjectState {
        int fd = -1;
        protocol::SyncSlot* slot = nullptr;
        uint32_t owner = 0;
    };
    uint32_t allocate_area_slot(uint32_t owner);
    uint32_t allocate_object(uint32_t owner);
    void count(uint32_t owner, std::unordered_map<uint32_t, uint32_t>& counts, int delta);

    int fd_ = -1;
    protocol::SyncSlot* slots_ = nullptr;
    // Freed area slots, reused oldest first: a client still holding a stale
    // handle to a freed slot is unlikely to meet its next owner soon.
    std::deque<uint32_t> free_;
    uint32_t next_ = 1;  // slot 0 is never used: 0 means "no slot"
    std::vector<uint32_t> owner_of_;  // by area slot: the process that made it, or 0
    std::unordered_map<uint32_t, uint32_t> owned_;  // area slots in use per owner
    // Object slots: numbers are never reused, so a stale number names nothing.
    std::unordered_map<uint32_t, ObjectState> objects_;
    uint32_t next_object_ = protocol::kFirstSyncObject;
    std::unordered_map<uint32_t, uint32_t> owned_objects_;  // per owner
    std::vector<uint32_t> mutexes_;  // slots currently holding mutexes
};

SyncArea& sync_area();

// A memfd of `size` bytes that can be sealed, or -1.
int create_sealable_memfd(const char* name, size_t size);
// Seals a memfd the server has mapped writable so that clients can only
// map it read-only (and nobody can resize it).
bool seal_against_writers(int fd);

}  // namespace vine::server
