// Critical sections that stay in the process. LockCount follows the layout
// Windows documents since Server 2003 SP1 (and debuggers decode):
//   bit 0      1 when the section is free, 0 when it is owned
//   bit 1      1 when no waiter has been woken, 0 while one woken waiter
//              is on its way to retry (so releases do not wake a crowd)
//   bits 2-31  the ones' complement of the number of waiting threads
// so a free section reads -1, an owned one -2, owned with one waiter -6.
// Recursive entries only count in RecursionCount. An uncontended enter is
// one `lock btr`, an uncontended leave one `lock add` (adding the free bit,
// which is clear while the section is owned, sets it). Contended
// threads spin SpinCount times, then sleep on the low half of LockSemaphore,
// which counts wake-ups handed out (a futex semaphore) instead of holding an
// event handle.
#include <atomic>
#include <type_traits>

#include "futex.h"
#include "ntdll_private.h"

using namespace ntdll;

namespace {

constexpr int32_t kFree = 1;
constexpr int32_t kNoneWoken = 2;
constexpr int32_t kOneWaiter = 4;
constexpr int32_t kFreeAlone = -1;  // free, no waiters, none woken
constexpr ULONG_PTR kSpinCountMask = 0x00ffffff;  // the high byte holds flags
void* const kNoDebugInfo = reinterpret_cast<void*>(~uintptr_t{0});

std::atomic_ref<int32_t> lock_count(RTL_CRITICAL_SECTION* cs) {
    return std::atomic_ref<int32_t>(cs->LockCount);
}

std::atomic_ref<HANDLE> owner(RTL_CRITICAL_SECTION* cs) { return std::atomic_ref<HANDLE>(cs->OwningThread); }

// The futex semaphore: the low half of LockSemaphore (little-endian).
std::atomic_ref<uint32_t> wakeups(RTL_CRITICAL_SECTION* cs) {
    return std::atomic_ref<uint32_t>(low_u32(&cs->LockSemaphore));
}

// A weak compare-exchange, always inline: in the cold functions below GCC
// otherwise calls one out-of-line (System V) copy of std::atomic_ref's,
// which costs each of them the xmm6-xmm15 saves.
template <class Word, class T>
VINE_HOT_INLINE bool exchange_weak(Word& word, T& expected, std::type_identity_t<T> desired, int order) {
    return __atomic_compare_exchange_n(&word, &expected, desired, true, order, __ATOMIC_RELAXED);
}

bool has_waiters(int32_t value) { return (value | (kFree | kNoneWoken)) != -1; }

// Claims the free bit if it is set: the whole uncontended enter.
bool try_claim(RTL_CRITICAL_SECTION* cs) {
    bool was_free;
    __asm__ __volatile__("lock btrl $0, %0" : "+m"(cs->LockCount), "=@ccc"(was_free)::"memory");
    return was_free;
}

void take_wakeup(RTL_CRITICAL_SECTION* cs) {
    auto word = wakeups(cs);
    for (;;) {
        uint32_t value = word.load(std::memory_order_acquire);
        if (value == 0) {
            futex_wait(&cs->LockSemaphore, 0, Deadline{});
        } else if (exchange_weak(low_u32(&cs->LockSemaphore), value, value - 1, __ATOMIC_ACQUIRE)) {
            return;
        }
    }
}

void hand_wakeup(RTL_CRITICAL_SECTION* cs) {
    wakeups(cs).fetch_add(1, std::memory_order_release);
    futex_wake(&cs->LockSemaphore, 1);
}

void become_owner(RTL_CRITICAL_SECTION* cs, HANDLE self) {
    owner(cs).store(self, std::memory_order_relaxed);
    cs->RecursionCount = 1;
}

// The release in one compare-exchange: sets the free bit and, when there
// are waiters and none has been woken, clears kNoneWoken and wakes one.
// Used where the free bit may already be set (a leave without an enter),
// which the fast path's addition would carry into the other bits.
// Both release helpers return the export's status, so its calls to them are
// tail jumps and its fast path needs no frame.
VINE_SLOW_PATH NTSTATUS release_exchanging(RTL_CRITICAL_SECTION* cs) {
    auto count = lock_count(cs);
    int32_t value = count.load(std::memory_order_relaxed);
    bool wake;
    int32_t released;
    do {
        wake = has_waiters(value) && (value & kNoneWoken);
        released = (value | kFree) & ~(wake ? kNoneWoken : 0);
    } while (!exchange_weak(cs->LockCount, value, released, __ATOMIC_RELEASE));
    if (wake) hand_wakeup(cs);
    return STATUS_SUCCESS;
}

// After the fast path's release found waiters, or a woken waiter on its way:
// wake one unless one is already on its way or the section has been taken
// again, in which case that owner's release decides (so each wake-up still
// goes with one clearing of kNoneWoken, as before).
VINE_SLOW_PATH NTSTATUS wake_after_release(RTL_CRITICAL_SECTION* cs) {
    auto count = lock_count(cs);
    int32_t value = count.load(std::memory_order_relaxed);
    while ((value & kFree) && has_waiters(value) && (value & kNoneWoken)) {
        if (exchange_weak(cs->LockCount, value, value & ~kNoneWoken, __ATOMIC_RELAXED)) {
            hand_wakeup(cs);
            break;
        }
    }
    return STATUS_SUCCESS;
}

// Out of the exports' fast paths ("Hot paths" in docs/architecture.md).
VINE_SLOW_PATH void enter_contended(RTL_CRITICAL_SECTION* cs, HANDLE self) {
    auto count = lock_count(cs);
    for (ULONG_PTR spin = cs->SpinCount & kSpinCountMask; spin; --spin) {
        __builtin_ia32_pause();
        if ((count.load(std::memory_order_relaxed) & kFree) && try_claim(cs)) return become_owner(cs, self);
    }
    // Take the section if it came free, otherwise count ourselves a waiter.
    int32_t value = count.load(std::memory_order_relaxed);
    for (;;) {
        if (value & kFree) {
            if (exchange_weak(cs->LockCount, value, value & ~kFree, __ATOMIC_ACQUIRE))
                return become_owner(cs, self);
        } else if (exchange_weak(cs->LockCount, value, value - kOneWaiter, __ATOMIC_RELAXED)) {
            break;
        }
    }
    for (;;) {
        take_wakeup(cs);
        // We are the woken waiter: take the section and stop being a waiter,
        // or, when another thread got there first, let the next release wake
        // someone again and sleep.
        value = count.load(std::memory_order_relaxed);
        for (;;) {
            if (value & kFree) {
                int32_t owned = ((value & ~kFree) + kOneWaiter) | kNoneWoken;
                if (exchange_weak(cs->LockCount, value, owned, __ATOMIC_ACQUIRE))
                    return become_owner(cs, self);
            } else if (exchange_weak(cs->LockCount, value, value | kNoneWoken, __ATOMIC_RELAXED)) {
                break;
            }
        }
    }
}

}  // namespace

VINE_EXPORT NTSTATUS RtlInitializeCriticalSectionEx(RTL_CRITICAL_SECTION* cs, ULONG spin_count, ULONG flags) {
    cs->DebugInfo = kNoDebugInfo;  // Windows 8 and later allocate none by default
    cs->LockCount = -1;
    cs->RecursionCount = 0;
    cs->OwningThread = nullptr;
    cs->LockSemaphore = nullptr;
    // One CPU: spinning only delays the owner, so Windows stores 0.
    cs->SpinCount = spinning_helps() ? (spin_count & kSpinCountMask) : 0;
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS RtlInitializeCriticalSectionAndSpinCount(RTL_CRITICAL_SECTION* cs, ULONG spin_count) {
    return RtlInitializeCriticalSectionEx(cs, spin_count, 0);
}

VINE_EXPORT NTSTATUS RtlInitializeCriticalSection(RTL_CRITICAL_SECTION* cs) {
    return RtlInitializeCriticalSectionEx(cs, 0, 0);
}

VINE_EXPORT ULONG RtlSetCriticalSectionSpinCount(RTL_CRITICAL_SECTION* cs, ULONG spin_count) {
    ULONG previous = static_cast<ULONG>(cs->SpinCount);
    cs->SpinCount = spinning_helps() ? (spin_count & kSpinCountMask) : 0;
    return previous;
}

VINE_EXPORT NTSTATUS RtlDeleteCriticalSection(RTL_CRITICAL_SECTION* cs) {
    cs->DebugInfo = nullptr;
    cs->LockCount = -1;
    cs->RecursionCount = 0;
    cs->OwningThread = nullptr;
    cs->LockSemaphore = nullptr;
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS RtlEnterCriticalSection(RTL_CRITICAL_SECTION* cs) {
    HANDLE self = current_thread_id();
    if (try_claim(cs)) {
        become_owner(cs, self);
    } else if (owner(cs).load(std::memory_order_relaxed) == self) {
        ++cs->RecursionCount;
    } else {
        enter_contended(cs, self);
    }
    return STATUS_SUCCESS;
}

VINE_EXPORT BOOL RtlTryEnterCriticalSection(RTL_CRITICAL_SECTION* cs) {
    HANDLE self = current_thread_id();
    if (try_claim(cs)) {
        become_owner(cs, self);
        return TRUE;
    }
    if (owner(cs).load(std::memory_order_relaxed) == self) {
        ++cs->RecursionCount;
        return TRUE;
    }
    return FALSE;
}

VINE_EXPORT NTSTATUS RtlLeaveCriticalSection(RTL_CRITICAL_SECTION* cs) {
    // One decrement in memory, its flags telling still held / released /
    // released more often than entered (GCC makes a load, sub, store, test).
    bool still_held, unbalanced;
    __asm__("decl %0" : "+m"(cs->RecursionCount), "=@ccg"(still_held), "=@ccl"(unbalanced));
    if (still_held) return STATUS_SUCCESS;
    owner(cs).store(nullptr, std::memory_order_relaxed);
    if (unbalanced) [[unlikely]] return release_exchanging(cs);  // not entered: the free bit may be set already
    // Owned, so the free bit is clear: adding it sets it without a carry.
    // A `lock add` (cheaper than `lock xadd` here), then a plain load: if it
    // reads "free, no waiters" nobody needs waking, because a waiter counted
    // when we released leaves the count only after someone has woken it.
    // Anything else, the slow path decides from the current value.
    lock_count(cs).fetch_add(kFree, std::memory_order_release);
    if (lock_count(cs).load(std::memory_order_relaxed) != kFreeAlone) [[unlikely]] return wake_after_release(cs);
    return STATUS_SUCCESS;
}

VINE_EXPORT ULONG RtlIsCriticalSectionLocked(RTL_CRITICAL_SECTION* cs) { return cs->RecursionCount != 0; }

VINE_EXPORT ULONG RtlIsCriticalSectionLockedByThread(RTL_CRITICAL_SECTION* cs) {
    return owner(cs).load(std::memory_order_relaxed) == current_thread_id() && cs->RecursionCount != 0;
}

VINE_EXPORT ULONG RtlGetCriticalSectionRecursionCount(RTL_CRITICAL_SECTION* cs) {
    return owner(cs).load(std::memory_order_relaxed) == current_thread_id() ? cs->RecursionCount : 0;
}
