// The futex calls and NT timeouts shared by ntdll's in-process
// synchronization (critical sections, SRW locks, condition variables,
// run-once, WaitOnAddress). Everything here stays inside the process:
// private futexes, no server.
#pragma once

#include <ctime>
#include <cstdint>

#include "vine/hot_path.h"
#include "vine/ntstatus.h"
#include "vine/wintypes.h"

namespace ntdll {

// Views of Windows' pointer-sized lock fields as the integers Vine keeps in
// them. may_alias: the guest and the structures declare them as pointers.
using AliasedU32 = uint32_t __attribute__((may_alias));
using AliasedUPtr = uintptr_t __attribute__((may_alias));
inline AliasedU32& low_u32(void* field) { return *static_cast<AliasedU32*>(field); }
inline AliasedUPtr& as_uptr(void* field) { return *static_cast<AliasedUPtr*>(field); }

// When a wait gives up: an absolute CLOCK_MONOTONIC time, or never. Waits
// loop over spurious wake-ups, so the deadline is fixed once at the start
// rather than re-deriving a relative timeout each time round.
struct Deadline {
    bool infinite = true;
    timespec at{};
};

// An NT timeout: null waits forever, negative is relative in 100 ns units,
// positive is an absolute system time (100 ns units since 1601).
Deadline deadline_from_nt(const LARGE_INTEGER* timeout);

// Sleeps while *word == expected. Returns false only when the deadline
// passed; a wake-up, a changed value or a signal all return true, and the
// caller rechecks its condition.
// ms_abi (VINE_HOT_CALLEE): the lock exports call these on their contended
// paths, which then need no register saves of their own.
VINE_HOT_CALLEE bool futex_wait(const void* word, uint32_t expected, const Deadline& deadline);
VINE_HOT_CALLEE void futex_wake(const void* word, int count);
inline void futex_wake_all(const void* word) { futex_wake(word, 0x7fffffff); }

// Whether spinning before sleeping can pay off (more than one CPU).
VINE_HOT_CALLEE bool spinning_helps();

// The caller's Windows thread id, as critical sections record it.
VINE_HOT_INLINE HANDLE current_thread_id() { return vine::hot::thread_id_handle(); }

}  // namespace ntdll
