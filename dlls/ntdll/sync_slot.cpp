#include "sync_slot.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <climits>

namespace ntdll::sync {

using vine::protocol::ObjectType;
using vine::protocol::SyncSlot;

namespace {

uint32_t load(const uint32_t& value) { return std::atomic_ref<uint32_t>(const_cast<uint32_t&>(value)).load(); }

}  // namespace

bool is_waitable(ObjectType type) {
    switch (type) {
    case ObjectType::event:
    case ObjectType::mutex:
    case ObjectType::semaphore:
    case ObjectType::timer:
    case ObjectType::process:
    case ObjectType::thread:
        return true;
    default:
        return false;
    }
}

uint32_t state_of(const SyncSlot& slot) { return load(slot.state); }

void wake_all(SyncSlot& slot) {
    // Shared futex: waiters may be in other processes mapping the same area.
    syscall(SYS_futex, &slot.state, FUTEX_WAKE, INT_MAX, nullptr, nullptr, 0);
}

Acquired try_acquire(SyncSlot& slot, ObjectType type, uint32_t thread) {
    switch (type) {
    case ObjectType::event:
    case ObjectType::timer: {
        if (load(slot.aux)) return load(slot.state) ? Acquired::yes : Acquired::no;  // manual reset
        uint32_t expected = 1;
        return word(slot.state).compare_exchange_strong(expected, 0) ? Acquired::yes : Acquired::no;
    }
    case ObjectType::semaphore: {
        uint32_t count = word(slot.state).load();
        while (count > 0)
            if (word(slot.state).compare_exchange_weak(count, count - 1)) return Acquired::yes;
        return Acquired::no;
    }
    case ObjectType::mutex: {
        uint32_t owner = word(slot.state).load();
        if (owner == thread) {
            word(slot.aux).fetch_add(1);  // recursion: only the owner touches it
            return Acquired::yes;
        }
        if (owner != 0) return Acquired::no;
        if (!word(slot.state).compare_exchange_strong(owner, thread)) return Acquired::no;
        word(slot.aux).store(1);
        return word(slot.abandoned).exchange(0) ? Acquired::abandoned : Acquired::yes;
    }
    case ObjectType::process:
    case ObjectType::thread:
        return load(slot.state) ? Acquired::yes : Acquired::no;
    default:
        return Acquired::no;
    }
}

bool is_ready(const SyncSlot& slot, ObjectType type, uint32_t thread) {
    switch (type) {
    case ObjectType::mutex: {
        uint32_t owner = load(slot.state);
        return owner == 0 || owner == thread;
    }
    default:
        return load(slot.state) != 0;
    }
}

void undo_acquire(SyncSlot& slot, ObjectType type) {
    switch (type) {
    case ObjectType::event:
    case ObjectType::timer:
        if (!load(slot.aux)) {
            word(slot.state).store(1);
            wake_all(slot);
        }
        break;
    case ObjectType::semaphore:
        word(slot.state).fetch_add(1);
        wake_all(slot);
        break;
    case ObjectType::mutex:
        if (word(slot.aux).fetch_sub(1) == 1) {
            word(slot.state).store(0);
            wake_all(slot);
        }
        break;
    default:
        break;
    }
}

}  // namespace ntdll::sync
