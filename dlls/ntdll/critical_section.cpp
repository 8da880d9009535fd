// Critical sections that stay in the process. LockCount follows the layout
// Windows documents since Server 2003 SP1 (and debuggers decode):
//   bit 0      1 when the section is free, 0 when it is owned
//   bit 1      1 when no waiter has been woken, 0 while one woken waiter
//              is on its way to retry (so releases do not wake a crowd)
//   bits 2-31  the ones' complement of the number of waiting threads
// so a free section reads -1, an owned one -2, owned with one waiter -6.
// Recursive entries only count in RecursionCount. An uncontended enter is
// one `lock btr`, an uncontended leave one compare-exchange. Contended
// threads spin SpinCount times, then sleep on the low half of LockSemaphore,
// which counts wake-ups handed out (a futex semaphore) instead of holding an
// event handle.
#include <atomic>

#include "futex.h"
#include "ntdll_private.h"

using namespace ntdll;

namespace {

constexpr int32_t kFree = 1;
constexpr int32_t kNoneWoken = 2;
constexpr int32_t kOneWaiter = 4;
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
        } else if (word.compare_exchange_weak(value, value - 1, std::memory_order_acquire)) {
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
            if (count.compare_exchange_weak(value, value & ~kFree, std::memory_order_acquire))
                return become_owner(cs, self);
        } else if (count.compare_exchange_weak(value, value - kOneWaiter, std::memory_order_relaxed)) {
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
                if (count.compare_exchange_weak(value, owned, std::memory_order_acquire))
                    return become_owner(cs, self);
            } else if (count.compare_exchange_weak(value, value | kNoneWoken, std::memory_order_relaxed)) {
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
    if (--cs->RecursionCount > 0) return STATUS_SUCCESS;
    owner(cs).store(nullptr, std::memory_order_relaxed);
    auto count = lock_count(cs);
    int32_t value = count.load(std::memory_order_relaxed);
    bool wake;
    int32_t released;
    do {
        // Wake one waiter unless one is already on its way.
        wake = has_waiters(value) && (value & kNoneWoken);
        released = (value | kFree) & ~(wake ? kNoneWoken : 0);
    } while (!count.compare_exchange_weak(value, released, std::memory_order_release));
    if (wake) hand_wakeup(cs);
    return STATUS_SUCCESS;
}

VINE_EXPORT ULONG RtlIsCriticalSectionLocked(RTL_CRITICAL_SECTION* cs) { return cs->RecursionCount != 0; }

VINE_EXPORT ULONG RtlIsCriticalSectionLockedByThread(RTL_CRITICAL_SECTION* cs) {
    return owner(cs).load(std::memory_order_relaxed) == current_thread_id() && cs->RecursionCount != 0;
}

VINE_EXPORT ULONG RtlGetCriticalSectionRecursionCount(RTL_CRITICAL_SECTION* cs) {
    return owner(cs).load(std::memory_order_relaxed) == current_thread_id() ? cs->RecursionCount : 0;
}
