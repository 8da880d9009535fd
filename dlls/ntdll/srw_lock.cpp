// Slim reader/writer locks: one pointer, SRWLOCK_INIT (0) is free. The low
// 32 bits are the whole state and the futex word; the high half stays 0.
//   bit 31     held exclusively
//   bit 30     someone sleeps on the word (the next full release wakes all)
//   bits 0-29  number of shared holders
// A reader that finds sleepers behind current readers waits too, so a
// stream of readers cannot starve a waiting writer. An uncontended acquire
// or release is one compare-exchange; a release makes a syscall only when
// bit 30 says someone sleeps. Woken threads race for the lock again (as on
// Windows, SRW locks are not fair).
#include <atomic>

#include "futex.h"
#include "ntdll_private.h"

using namespace ntdll;

namespace {

constexpr uint32_t kExclusive = 1u << 31;
constexpr uint32_t kSleepers = 1u << 30;
constexpr uint32_t kSharedMask = kSleepers - 1;
constexpr int kSpins = 1000;

std::atomic_ref<uint32_t> state(RTL_SRWLOCK* lock) {
    return std::atomic_ref<uint32_t>(low_u32(&lock->Ptr));
}

bool exclusive_available(uint32_t value) { return (value & ~kSleepers) == 0; }

// Shared entry is refused while a writer holds the lock, and while others
// sleep behind current readers (a writer is waiting for them to leave).
bool shared_available(uint32_t value) {
    return !(value & kExclusive) && (!(value & kSleepers) || (value & kSharedMask) == 0);
}

VINE_HOT_INLINE bool try_acquire_exclusive(RTL_SRWLOCK* lock) {
    uint32_t value = state(lock).load(std::memory_order_relaxed);
    while (exclusive_available(value)) {
        if (state(lock).compare_exchange_weak(value, value | kExclusive, std::memory_order_acquire)) return true;
    }
    return false;
}

VINE_HOT_INLINE bool try_acquire_shared(RTL_SRWLOCK* lock) {
    uint32_t value = state(lock).load(std::memory_order_relaxed);
    while (shared_available(value)) {
        if (state(lock).compare_exchange_weak(value, value + 1, std::memory_order_acquire)) return true;
    }
    return false;
}

// Marks the word as slept on and sleeps while it stays as seen. `value`
// must show the lock held: whoever holds it then sees the mark on release.
void sleep_on(RTL_SRWLOCK* lock, uint32_t value) {
    if (!(value & kSleepers) &&
        !state(lock).compare_exchange_strong(value, value | kSleepers, std::memory_order_relaxed))
        return;  // changed under us: look again
    futex_wait(&lock->Ptr, value | kSleepers, Deadline{});
}

// The contended acquires, out of the exports' fast paths ("Hot paths" in
// docs/architecture.md): spin a while on several CPUs, then sleep.
VINE_SLOW_PATH void acquire_exclusive_contended(RTL_SRWLOCK* lock) {
    if (spinning_helps()) {
        for (int spin = 0; spin < kSpins; ++spin) {
            __builtin_ia32_pause();
            if (exclusive_available(state(lock).load(std::memory_order_relaxed)) && try_acquire_exclusive(lock))
                return;
        }
    }
    for (;;) {
        uint32_t value = state(lock).load(std::memory_order_relaxed);
        if (!exclusive_available(value)) {
            sleep_on(lock, value);
        } else if (state(lock).compare_exchange_weak(value, value | kExclusive, std::memory_order_acquire)) {
            return;
        }
    }
}

VINE_SLOW_PATH void acquire_shared_contended(RTL_SRWLOCK* lock) {
    if (spinning_helps()) {
        for (int spin = 0; spin < kSpins; ++spin) {
            __builtin_ia32_pause();
            if (shared_available(state(lock).load(std::memory_order_relaxed)) && try_acquire_shared(lock)) return;
        }
    }
    for (;;) {
        uint32_t value = state(lock).load(std::memory_order_relaxed);
        if (!shared_available(value)) {
            sleep_on(lock, value);
        } else if (state(lock).compare_exchange_weak(value, value + 1, std::memory_order_acquire)) {
            return;
        }
    }
}

}  // namespace

VINE_EXPORT void RtlInitializeSRWLock(RTL_SRWLOCK* lock) { lock->Ptr = nullptr; }

VINE_EXPORT BOOLEAN RtlTryAcquireSRWLockExclusive(RTL_SRWLOCK* lock) { return try_acquire_exclusive(lock); }

VINE_EXPORT BOOLEAN RtlTryAcquireSRWLockShared(RTL_SRWLOCK* lock) { return try_acquire_shared(lock); }

VINE_EXPORT void RtlAcquireSRWLockExclusive(RTL_SRWLOCK* lock) {
    if (!try_acquire_exclusive(lock)) acquire_exclusive_contended(lock);
}

VINE_EXPORT void RtlAcquireSRWLockShared(RTL_SRWLOCK* lock) {
    if (!try_acquire_shared(lock)) acquire_shared_contended(lock);
}

VINE_EXPORT void RtlReleaseSRWLockExclusive(RTL_SRWLOCK* lock) {
    if (state(lock).exchange(0, std::memory_order_release) & kSleepers) futex_wake_all(&lock->Ptr);
}

VINE_EXPORT void RtlReleaseSRWLockShared(RTL_SRWLOCK* lock) {
    uint32_t value = state(lock).load(std::memory_order_relaxed);
    uint32_t released;
    bool wake;
    do {
        released = value - 1;
        wake = (released & kSharedMask) == 0 && (released & kSleepers);
        if (wake) released &= ~kSleepers;
    } while (!state(lock).compare_exchange_weak(value, released, std::memory_order_release));
    if (wake) futex_wake_all(&lock->Ptr);
}
