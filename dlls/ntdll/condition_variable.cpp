// Condition variables: one pointer. The low 32 bits are a wake sequence and
// the futex word; the high 32 bits count sleepers, so waking a condition
// variable nobody waits on costs no syscall. A sleeper reads the sequence
// before it releases the lock and sleeps only while the sequence is
// unchanged, so a wake between the two is never lost. Wake-ups may be
// spurious, as Windows documents; callers recheck their predicate.
#include <atomic>

#include "futex.h"
#include "ntdll_private.h"

using namespace ntdll;

namespace {

constexpr ULONG CONDITION_VARIABLE_LOCKMODE_SHARED = 1;

AliasedU32* halves(RTL_CONDITION_VARIABLE* cv) { return &low_u32(&cv->Ptr); }
std::atomic_ref<uint32_t> sequence(RTL_CONDITION_VARIABLE* cv) { return std::atomic_ref<uint32_t>(halves(cv)[0]); }
std::atomic_ref<uint32_t> sleepers(RTL_CONDITION_VARIABLE* cv) { return std::atomic_ref<uint32_t>(halves(cv)[1]); }

template <typename Release, typename Reacquire>
NTSTATUS sleep(RTL_CONDITION_VARIABLE* cv, const LARGE_INTEGER* timeout, Release release, Reacquire reacquire) {
    Deadline deadline = deadline_from_nt(timeout);
    // Both sequentially consistent, paired with wake(): either the waker
    // sees us counted or we see its new sequence.
    sleepers(cv).fetch_add(1, std::memory_order_seq_cst);
    uint32_t seen = sequence(cv).load(std::memory_order_seq_cst);
    release();
    bool woken = futex_wait(&halves(cv)[0], seen, deadline);
    sleepers(cv).fetch_sub(1, std::memory_order_relaxed);
    reacquire();
    return woken ? STATUS_SUCCESS : STATUS_TIMEOUT;
}

void wake(RTL_CONDITION_VARIABLE* cv, int count) {
    sequence(cv).fetch_add(1, std::memory_order_seq_cst);
    if (sleepers(cv).load(std::memory_order_seq_cst)) futex_wake(&halves(cv)[0], count);
}

}  // namespace

VINE_EXPORT void RtlInitializeConditionVariable(RTL_CONDITION_VARIABLE* cv) { cv->Ptr = nullptr; }

VINE_EXPORT void RtlWakeConditionVariable(RTL_CONDITION_VARIABLE* cv) { wake(cv, 1); }

VINE_EXPORT void RtlWakeAllConditionVariable(RTL_CONDITION_VARIABLE* cv) { wake(cv, 0x7fffffff); }

VINE_EXPORT NTSTATUS RtlSleepConditionVariableCS(RTL_CONDITION_VARIABLE* cv, RTL_CRITICAL_SECTION* cs,
                                                 const LARGE_INTEGER* timeout) {
    return sleep(cv, timeout, [cs] { RtlLeaveCriticalSection(cs); }, [cs] { RtlEnterCriticalSection(cs); });
}

VINE_EXPORT NTSTATUS RtlSleepConditionVariableSRW(RTL_CONDITION_VARIABLE* cv, RTL_SRWLOCK* lock,
                                                  const LARGE_INTEGER* timeout, ULONG flags) {
    if (flags & CONDITION_VARIABLE_LOCKMODE_SHARED)
        return sleep(cv, timeout, [lock] { RtlReleaseSRWLockShared(lock); },
                     [lock] { RtlAcquireSRWLockShared(lock); });
    return sleep(cv, timeout, [lock] { RtlReleaseSRWLockExclusive(lock); },
                 [lock] { RtlAcquireSRWLockExclusive(lock); });
}
