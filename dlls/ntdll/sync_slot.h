// Operations on the shared state of a waitable object (protocol::SyncSlot),
// done by the client itself with atomics and futexes: acquiring, releasing
// and signalling never ask the server. See protocol/protocol.h for what
// `state`, `aux` and `abandoned` mean per kind.
#pragma once

#include <atomic>
#include <cstdint>

#include "protocol.h"

namespace ntdll::sync {

namespace protocol = vine::protocol;

// A word of a slot as an atomic (other threads and processes change it).
inline std::atomic_ref<uint32_t> word(uint32_t& value) { return std::atomic_ref<uint32_t>(value); }

enum class Acquired { no, yes, abandoned };

// Consumes the signal if the object is signaled for `thread` (an
// auto-reset event resets, a semaphore's count drops, a mutex becomes owned).
Acquired try_acquire(protocol::SyncSlot& slot, protocol::ObjectType type, uint32_t thread);
// Whether try_acquire would succeed now, without consuming anything.
bool is_ready(const protocol::SyncSlot& slot, protocol::ObjectType type, uint32_t thread);
// Gives back what try_acquire took (wait-all backing off).
void undo_acquire(protocol::SyncSlot& slot, protocol::ObjectType type);
// The value of `state` a waiter sleeps on.
uint32_t state_of(const protocol::SyncSlot& slot);
// Wakes every process waiting on the slot.
void wake_all(protocol::SyncSlot& slot);

bool is_waitable(protocol::ObjectType type);

}  // namespace ntdll::sync
