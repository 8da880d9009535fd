// One-time initialization (RTL_RUN_ONCE, kernel32's INIT_ONCE): one
// pointer whose low two bits are the state and whose other bits hold the
// context once initialization completed (hence INIT_ONCE_CTX_RESERVED_BITS):
//   0  not started          1  one thread initializing (others sleep)
//   2  done, context above  3  asynchronous attempts under way
// Threads wait for a synchronous initializer on the low 32 bits, which
// change from 1 when it completes or fails. Once done, BeginInitialize is a
// single load.
#include <atomic>

#include "futex.h"
#include "ntdll_private.h"

using namespace ntdll;

namespace {

constexpr ULONG RTL_RUN_ONCE_CHECK_ONLY = 1;
constexpr ULONG RTL_RUN_ONCE_ASYNC = 2;
constexpr ULONG RTL_RUN_ONCE_INIT_FAILED = 4;

constexpr uintptr_t kStateMask = 3;
constexpr uintptr_t kNotStarted = 0, kSyncInProgress = 1, kDone = 2, kAsyncInProgress = 3;

std::atomic_ref<uintptr_t> word(RTL_RUN_ONCE* once) {
    return std::atomic_ref<uintptr_t>(as_uptr(&once->Ptr));
}

void* context_of(uintptr_t value) { return reinterpret_cast<void*>(value & ~kStateMask); }

}  // namespace

VINE_EXPORT void RtlRunOnceInitialize(RTL_RUN_ONCE* once) { once->Ptr = nullptr; }

VINE_EXPORT NTSTATUS RtlRunOnceBeginInitialize(RTL_RUN_ONCE* once, ULONG flags, void** context) {
    if (flags & ~(RTL_RUN_ONCE_CHECK_ONLY | RTL_RUN_ONCE_ASYNC)) return STATUS_INVALID_PARAMETER;
    auto state = word(once);
    if (flags & RTL_RUN_ONCE_CHECK_ONLY) {
        if (flags & RTL_RUN_ONCE_ASYNC) return STATUS_INVALID_PARAMETER;
        uintptr_t value = state.load(std::memory_order_acquire);
        if ((value & kStateMask) != kDone) return STATUS_UNSUCCESSFUL;
        if (context) *context = context_of(value);
        return STATUS_SUCCESS;
    }
    uintptr_t value = state.load(std::memory_order_acquire);
    for (;;) {
        switch (value & kStateMask) {
        case kDone:
            if (context) *context = context_of(value);
            return STATUS_SUCCESS;
        case kNotStarted: {
            uintptr_t claim = (flags & RTL_RUN_ONCE_ASYNC) ? kAsyncInProgress : kSyncInProgress;
            if (state.compare_exchange_weak(value, claim, std::memory_order_acquire)) return STATUS_PENDING;
            continue;
        }
        case kAsyncInProgress:
            // Any number of asynchronous attempts may run side by side; a
            // synchronous caller cannot join them.
            if (flags & RTL_RUN_ONCE_ASYNC) return STATUS_PENDING;
            return STATUS_INVALID_PARAMETER;
        case kSyncInProgress:
            if (flags & RTL_RUN_ONCE_ASYNC) return STATUS_INVALID_PARAMETER;
            futex_wait(&once->Ptr, static_cast<uint32_t>(kSyncInProgress), Deadline{});
            value = state.load(std::memory_order_acquire);
            continue;
        }
    }
}

VINE_EXPORT NTSTATUS RtlRunOnceComplete(RTL_RUN_ONCE* once, ULONG flags, void* context) {
    if (flags & ~(RTL_RUN_ONCE_ASYNC | RTL_RUN_ONCE_INIT_FAILED)) return STATUS_INVALID_PARAMETER;
    if ((flags & RTL_RUN_ONCE_ASYNC) && (flags & RTL_RUN_ONCE_INIT_FAILED)) return STATUS_INVALID_PARAMETER;
    uintptr_t stored = reinterpret_cast<uintptr_t>(context);
    if (stored & kStateMask) return STATUS_INVALID_PARAMETER;
    auto state = word(once);
    if (flags & RTL_RUN_ONCE_INIT_FAILED) {
        stored = kNotStarted;  // let the next caller try again
        context = nullptr;
    } else {
        stored |= kDone;
    }
    if (flags & RTL_RUN_ONCE_ASYNC) {
        // The first asynchronous attempt to complete wins; the others learn
        // that they lost and fetch the winner's context.
        uintptr_t expected = kAsyncInProgress;
        if (state.compare_exchange_strong(expected, stored, std::memory_order_acq_rel)) return STATUS_SUCCESS;
        return (expected & kStateMask) == kDone ? STATUS_UNSUCCESSFUL : STATUS_INVALID_PARAMETER;
    }
    uintptr_t expected = kSyncInProgress;
    if (!state.compare_exchange_strong(expected, stored, std::memory_order_acq_rel)) return STATUS_UNSUCCESSFUL;
    futex_wake_all(&once->Ptr);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS RtlRunOnceExecuteOnce(RTL_RUN_ONCE* once, RTL_RUN_ONCE_INIT_FN function, void* parameter,
                                           void** context) {
    if (run_once_done(once, context)) return STATUS_SUCCESS;
    NTSTATUS status = RtlRunOnceBeginInitialize(once, 0, context);
    if (status != STATUS_PENDING) return status;
    void* made = nullptr;
    if (!function(once, parameter, &made)) {
        RtlRunOnceComplete(once, RTL_RUN_ONCE_INIT_FAILED, nullptr);
        return STATUS_UNSUCCESSFUL;
    }
    status = RtlRunOnceComplete(once, 0, made);
    if (status != STATUS_SUCCESS) {
        // A context with reserved bits set: fail rather than leave the
        // other callers asleep forever.
        RtlRunOnceComplete(once, RTL_RUN_ONCE_INIT_FAILED, nullptr);
        return status;
    }
    if (context) *context = made;
    return STATUS_SUCCESS;
}
