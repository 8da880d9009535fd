// WaitForSingleObject(Ex), WaitForMultipleObjects(Ex), SignalObjectAndWait
// and sleeps: the Win32 faces of ntdll's waits (dlls/ntdll/wait.cpp), with
// milliseconds for timeouts and WAIT_* values and last errors for results.
#include "nt_wait.h"

using namespace kernel32;

namespace {

constexpr DWORD WAIT_IO_COMPLETION = 0xc0;

}  // namespace

VINE_EXPORT DWORD WaitForMultipleObjectsEx(DWORD count, const HANDLE* handles, BOOL wait_all, DWORD milliseconds,
                                           BOOL alertable) {
    LARGE_INTEGER timeout;
    return wait_result(NtWaitForMultipleObjects(count, handles, wait_all ? WaitAllObject : WaitAnyObject,
                                                alertable != 0, nt_timeout(milliseconds, timeout)));
}

VINE_EXPORT DWORD WaitForMultipleObjects(DWORD count, const HANDLE* handles, BOOL wait_all, DWORD milliseconds) {
    return WaitForMultipleObjectsEx(count, handles, wait_all, milliseconds, FALSE);
}

VINE_EXPORT DWORD WaitForSingleObjectEx(HANDLE handle, DWORD milliseconds, BOOL alertable) {
    LARGE_INTEGER timeout;
    return wait_result(NtWaitForSingleObject(handle, alertable != 0, nt_timeout(milliseconds, timeout)));
}

VINE_EXPORT DWORD WaitForSingleObject(HANDLE handle, DWORD milliseconds) {
    LARGE_INTEGER timeout;
    return wait_result(NtWaitForSingleObject(handle, FALSE, nt_timeout(milliseconds, timeout)));
}

VINE_EXPORT DWORD SleepEx(DWORD milliseconds, BOOL alertable) {
    LARGE_INTEGER timeout;
    NTSTATUS status = NtDelayExecution(alertable != 0, nt_timeout(milliseconds, timeout));
    return status == STATUS_USER_APC ? WAIT_IO_COMPLETION : 0;
}

VINE_EXPORT void Sleep(DWORD milliseconds) { SleepEx(milliseconds, FALSE); }

VINE_EXPORT DWORD SignalObjectAndWait(HANDLE to_signal, HANDLE to_wait, DWORD milliseconds, BOOL alertable) {
    LARGE_INTEGER timeout;
    return wait_result(
        NtSignalAndWaitForSingleObject(to_signal, to_wait, alertable != 0, nt_timeout(milliseconds, timeout)));
}
