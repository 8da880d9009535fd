// Giving up the rest of the time slice (SwitchToThread, Sleep(0)).
#include <sched.h>

#include "futex.h"
#include "ntdll_private.h"

// Linux does not say whether another thread ran, so report that one did:
// callers use STATUS_NO_YIELD_PERFORMED to decide to sleep instead, and a
// spinning caller is better served yielding again.
VINE_EXPORT NTSTATUS NtYieldExecution() {
    sched_yield();
    return STATUS_SUCCESS;
}
