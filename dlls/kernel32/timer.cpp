// Waitable timers: the Win32 faces of ntdll's NtCreateTimer, NtSetTimer...
// (dlls/ntdll/timer.cpp, where completion routines are kept).
#include "nt_wait.h"
#include "object_name.h"

using namespace kernel32;

namespace {

constexpr DWORD TIMER_ALL_ACCESS = 0x1f0003;
constexpr DWORD CREATE_WAITABLE_TIMER_MANUAL_RESET = 0x1;

using TimerApcRoutine = void(WINAPI*)(LPVOID argument, DWORD low, DWORD high);

}  // namespace

VINE_EXPORT HANDLE CreateWaitableTimerExW(SECURITY_ATTRIBUTES* security, LPCWSTR name, DWORD flags, DWORD access) {
    ObjectName object(name, security && security->bInheritHandle, OBJ_OPENIF);
    if (!usable(object, name, false)) return nullptr;
    HANDLE handle = nullptr;
    TIMER_TYPE type = (flags & CREATE_WAITABLE_TIMER_MANUAL_RESET) ? NotificationTimer : SynchronizationTimer;
    NTSTATUS status = NtCreateTimer(&handle, access, object.get(), type);
    return create_result(status, handle);
}

VINE_EXPORT HANDLE CreateWaitableTimerExA(SECURITY_ATTRIBUTES* security, LPCSTR name, DWORD flags, DWORD access) {
    return CreateWaitableTimerExW(security, WideName(name).get(), flags, access);
}

VINE_EXPORT HANDLE CreateWaitableTimerW(SECURITY_ATTRIBUTES* security, BOOL manual_reset, LPCWSTR name) {
    return CreateWaitableTimerExW(security, name, manual_reset ? CREATE_WAITABLE_TIMER_MANUAL_RESET : 0,
                                  TIMER_ALL_ACCESS);
}

VINE_EXPORT HANDLE CreateWaitableTimerA(SECURITY_ATTRIBUTES* security, BOOL manual_reset, LPCSTR name) {
    return CreateWaitableTimerW(security, manual_reset, WideName(name).get());
}

VINE_EXPORT HANDLE OpenWaitableTimerW(DWORD access, BOOL inherit, LPCWSTR name) {
    return open_named_object(NtOpenTimer, access, inherit, name);
}

VINE_EXPORT HANDLE OpenWaitableTimerA(DWORD access, BOOL inherit, LPCSTR name) {
    return OpenWaitableTimerW(access, inherit, WideName(name).get());
}

VINE_EXPORT BOOL SetWaitableTimerEx(HANDLE timer, const LARGE_INTEGER* due, LONG period, TimerApcRoutine routine,
                                    LPVOID argument, void* wake_context, ULONG tolerable_delay) {
    (void)wake_context;     // power management: nothing to wake here
    (void)tolerable_delay;  // coalescing is an optimisation Vine leaves to Linux
    // The routine's (argument, low, high) are NT's (context, low, high).
    NTSTATUS status = NtSetTimer(timer, due, reinterpret_cast<PTIMER_APC_ROUTINE>(routine), argument, FALSE, period,
                                 nullptr);
    if (!nt_bool(status)) return FALSE;
    set_error(ERROR_SUCCESS);
    return TRUE;
}

VINE_EXPORT BOOL SetWaitableTimer(HANDLE timer, const LARGE_INTEGER* due, LONG period, TimerApcRoutine routine,
                                  LPVOID argument, BOOL resume) {
    (void)resume;  // waking a suspended machine
    return SetWaitableTimerEx(timer, due, period, routine, argument, nullptr, 0);
}

VINE_EXPORT BOOL CancelWaitableTimer(HANDLE timer) { return nt_bool(NtCancelTimer(timer, nullptr)); }
