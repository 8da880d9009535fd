// WaitOnAddress / WakeByAddress{Single,All} within the process. Futexes only
// compare aligned 32-bit words, but Windows waits on 1, 2, 4 or 8 bytes at
// any alignment and wakes by address alone, so each waiter queues a node
// (on its own stack) in a bucket chosen by hashing the address, and sleeps
// on its node's own futex word. A wake takes exactly the waiters of that
// address out of the bucket: WakeByAddressSingle wakes one of them, never a
// neighbour's waiter. A wake with nobody in the bucket is a fence and a
// load: no lock, no syscall.
#include <atomic>
#include <cstring>
#include <mutex>

#include "vine/locks.h"
#include "futex.h"
#include "ntdll_private.h"

using namespace ntdll;

namespace {

struct Waiter {
    const volatile void* address;
    Waiter* next = nullptr;
    Waiter* prev = nullptr;
    uint32_t woken = 0;  // futex word: set to 1 when taken off the queue by a wake
};

struct alignas(64) Bucket {
    vine::Mutex lock;
    Waiter* head = nullptr;
    Waiter* tail = nullptr;
    std::atomic<uint32_t> waiters{0};
};

Bucket buckets[256];

Bucket& bucket_for(const volatile void* address) {
    auto key = reinterpret_cast<uintptr_t>(address);
    return buckets[((key >> 3) ^ (key >> 11)) % std::size(buckets)];
}

// With the bucket locked.
void unlink(Bucket& bucket, Waiter* waiter) {
    (waiter->prev ? waiter->prev->next : bucket.head) = waiter->next;
    (waiter->next ? waiter->next->prev : bucket.tail) = waiter->prev;
    bucket.waiters.fetch_sub(1, std::memory_order_relaxed);
}

bool still_equal(const volatile void* address, const void* compare, SIZE_T size) {
    switch (size) {
    case 1: { uint8_t v = *static_cast<const volatile uint8_t*>(address); return !memcmp(&v, compare, 1); }
    case 2: { uint16_t v = *static_cast<const volatile uint16_t*>(address); return !memcmp(&v, compare, 2); }
    case 4: { uint32_t v = *static_cast<const volatile uint32_t*>(address); return !memcmp(&v, compare, 4); }
    default: { uint64_t v = *static_cast<const volatile uint64_t*>(address); return !memcmp(&v, compare, 8); }
    }
}

void wake(const void* address, bool all) {
    Bucket& bucket = bucket_for(address);
    // Pairs with the waiter's count-then-compare: either we see it counted
    // or it sees the value the caller stored before waking.
    std::atomic_thread_fence(std::memory_order_seq_cst);
    if (bucket.waiters.load(std::memory_order_relaxed) == 0) return;
    std::lock_guard guard(bucket.lock);
    for (Waiter* waiter = bucket.head; waiter;) {
        Waiter* next = waiter->next;
        if (waiter->address == address) {
            unlink(bucket, waiter);
            // Under the lock: a waiter that timed out checks `woken` under
            // it too, so its node is still alive here.
            std::atomic_ref<uint32_t>(waiter->woken).store(1, std::memory_order_release);
            futex_wake(&waiter->woken, 1);
            if (!all) break;
        }
        waiter = next;
    }
}

}  // namespace

VINE_EXPORT NTSTATUS RtlWaitOnAddress(const volatile void* address, const void* compare, SIZE_T size,
                                      const LARGE_INTEGER* timeout) {
    if (size != 1 && size != 2 && size != 4 && size != 8) return STATUS_INVALID_PARAMETER;
    Bucket& bucket = bucket_for(address);
    Waiter self{address};
    {
        std::lock_guard guard(bucket.lock);
        self.prev = bucket.tail;
        (bucket.tail ? bucket.tail->next : bucket.head) = &self;
        bucket.tail = &self;
        bucket.waiters.fetch_add(1, std::memory_order_seq_cst);
    }
    std::atomic_ref<uint32_t> woken(self.woken);
    bool timed_out = false;
    if (still_equal(address, compare, size)) {
        Deadline deadline = deadline_from_nt(timeout);
        while (!woken.load(std::memory_order_acquire)) {
            if (!futex_wait(&self.woken, 0, deadline)) {
                timed_out = true;
                break;
            }
        }
    }
    if (woken.load(std::memory_order_acquire)) return STATUS_SUCCESS;
    // The value differed on entry, or the deadline passed: leave the queue,
    // unless a wake took us off it meanwhile.
    std::lock_guard guard(bucket.lock);
    if (woken.load(std::memory_order_acquire)) return STATUS_SUCCESS;
    unlink(bucket, &self);
    return timed_out ? STATUS_TIMEOUT : STATUS_SUCCESS;
}

VINE_EXPORT void RtlWakeAddressSingle(const void* address) { wake(address, false); }

VINE_EXPORT void RtlWakeAddressAll(const void* address) { wake(address, true); }
