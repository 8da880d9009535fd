// Critical sections that stay in the process: an uncontended enter or leave
// is one atomic operation on LockCount; a contended one waits on a futex
// (the low 32 bits of LockSemaphore count wake-ups handed to waiters).
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>

#include "ntdll_private.h"

namespace {

HANDLE current_thread_id() { return current_teb()->ClientId.UniqueThread; }

std::atomic<int32_t>& lock_count(RTL_CRITICAL_SECTION* cs) {
    return *reinterpret_cast<std::atomic<int32_t>*>(&cs->LockCount);
}

// The futex word: the low half of LockSemaphore (little-endian).
std::atomic<int32_t>& wakeups(RTL_CRITICAL_SECTION* cs) {
    void* field = &cs->LockSemaphore;
    return *static_cast<std::atomic<int32_t>*>(field);
}

void wait_for_wakeup(RTL_CRITICAL_SECTION* cs) {
    auto& word = wakeups(cs);
    for (;;) {
        int32_t value = word.load(std::memory_order_acquire);
        if (value > 0) {
            if (word.compare_exchange_weak(value, value - 1, std::memory_order_acquire)) return;
            continue;
        }
        syscall(SYS_futex, reinterpret_cast<int32_t*>(&word), FUTEX_WAIT_PRIVATE, 0, nullptr, nullptr, 0);
    }
}

void hand_wakeup(RTL_CRITICAL_SECTION* cs) {
    wakeups(cs).fetch_add(1, std::memory_order_release);
    syscall(SYS_futex, reinterpret_cast<int32_t*>(&wakeups(cs)), FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
}

}  // namespace

VINE_EXPORT NTSTATUS RtlInitializeCriticalSectionAndSpinCount(RTL_CRITICAL_SECTION* cs, ULONG spin_count) {
    cs->DebugInfo = nullptr;
    cs->LockCount = -1;
    cs->RecursionCount = 0;
    cs->OwningThread = nullptr;
    cs->LockSemaphore = nullptr;
    cs->SpinCount = spin_count & 0xffffff;
    return 0;
}

VINE_EXPORT NTSTATUS RtlInitializeCriticalSection(RTL_CRITICAL_SECTION* cs) {
    return RtlInitializeCriticalSectionAndSpinCount(cs, 0);
}

VINE_EXPORT NTSTATUS RtlInitializeCriticalSectionEx(RTL_CRITICAL_SECTION* cs, ULONG spin_count, ULONG flags) {
    return RtlInitializeCriticalSectionAndSpinCount(cs, spin_count);
}

VINE_EXPORT NTSTATUS RtlDeleteCriticalSection(RTL_CRITICAL_SECTION* cs) {
    cs->LockCount = -1;
    cs->RecursionCount = 0;
    cs->OwningThread = nullptr;
    cs->LockSemaphore = nullptr;
    return 0;
}

VINE_EXPORT BOOL RtlTryEnterCriticalSection(RTL_CRITICAL_SECTION* cs) {
    HANDLE self = current_thread_id();
    int32_t expected = -1;
    if (lock_count(cs).compare_exchange_strong(expected, 0, std::memory_order_acquire)) {
        cs->OwningThread = self;
        cs->RecursionCount = 1;
        return TRUE;
    }
    if (cs->OwningThread == self) {
        lock_count(cs).fetch_add(1, std::memory_order_relaxed);
        ++cs->RecursionCount;
        return TRUE;
    }
    return FALSE;
}

VINE_EXPORT NTSTATUS RtlEnterCriticalSection(RTL_CRITICAL_SECTION* cs) {
    HANDLE self = current_thread_id();
    if (cs->OwningThread == self) {
        lock_count(cs).fetch_add(1, std::memory_order_relaxed);
        ++cs->RecursionCount;
        return 0;
    }
    for (ULONG_PTR spin = cs->SpinCount; spin; --spin) {
        int32_t expected = -1;
        if (lock_count(cs).load(std::memory_order_relaxed) == -1 &&
            lock_count(cs).compare_exchange_weak(expected, 0, std::memory_order_acquire))
            goto owned;
        __builtin_ia32_pause();
    }
    if (lock_count(cs).fetch_add(1, std::memory_order_acquire) != -1) wait_for_wakeup(cs);
owned:
    cs->OwningThread = self;
    cs->RecursionCount = 1;
    return 0;
}

VINE_EXPORT NTSTATUS RtlLeaveCriticalSection(RTL_CRITICAL_SECTION* cs) {
    if (--cs->RecursionCount > 0) {
        lock_count(cs).fetch_sub(1, std::memory_order_relaxed);
        return 0;
    }
    cs->OwningThread = nullptr;
    if (lock_count(cs).fetch_sub(1, std::memory_order_release) > 0) hand_wakeup(cs);
    return 0;
}
