// WaitOnAddress: the millisecond, BOOL-returning face of ntdll's
// RtlWaitOnAddress (dlls/ntdll/wait_on_address.cpp). Windows exports it from
// kernelbase through api-ms-win-core-synch-l1-2-0; Vine resolves that API
// set to kernel32, so kernel32 exports it (and forwards the wakes to ntdll).
#include "nt_wait.h"

using namespace kernel32;

VINE_EXPORT BOOL WaitOnAddress(volatile void* address, void* compare, SIZE_T size, DWORD milliseconds) {
    LARGE_INTEGER timeout;
    NTSTATUS status = RtlWaitOnAddress(address, compare, size, nt_timeout(milliseconds, timeout));
    if (status == 0) return TRUE;
    set_nt_error(status);
    return FALSE;
}
