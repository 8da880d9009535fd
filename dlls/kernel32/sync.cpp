// Events, mutexes and semaphores: the Win32 faces of ntdll's NtCreateEvent,
// NtSetEvent, NtReleaseMutant... (dlls/ntdll/event.cpp, mutant.cpp,
// semaphore.cpp). Names go through ObjectName; Create* opens an existing
// object of the name (OBJ_OPENIF) and says so with ERROR_ALREADY_EXISTS.
#include "nt_wait.h"
#include "object_name.h"

using namespace kernel32;

namespace {

constexpr DWORD EVENT_ALL_ACCESS = 0x1f0003;
constexpr DWORD MUTEX_ALL_ACCESS = 0x1f0001;
constexpr DWORD SEMAPHORE_ALL_ACCESS = 0x1f0003;
constexpr DWORD CREATE_EVENT_MANUAL_RESET = 1, CREATE_EVENT_INITIAL_SET = 2;
constexpr DWORD CREATE_MUTEX_INITIAL_OWNER = 1;

bool inherits(const SECURITY_ATTRIBUTES* security) { return security && security->bInheritHandle; }

}  // namespace

// ---- events ----

VINE_EXPORT HANDLE CreateEventExW(SECURITY_ATTRIBUTES* security, LPCWSTR name, DWORD flags, DWORD access) {
    ObjectName object(name, inherits(security), OBJ_OPENIF);
    if (!usable(object, name, false)) return nullptr;
    HANDLE handle = nullptr;
    NTSTATUS status = NtCreateEvent(&handle, access, object.get(),
                                    (flags & CREATE_EVENT_MANUAL_RESET) ? NotificationEvent : SynchronizationEvent,
                                    (flags & CREATE_EVENT_INITIAL_SET) != 0);
    return create_result(status, handle);
}

VINE_EXPORT HANDLE CreateEventExA(SECURITY_ATTRIBUTES* security, LPCSTR name, DWORD flags, DWORD access) {
    return CreateEventExW(security, WideName(name).get(), flags, access);
}

VINE_EXPORT HANDLE CreateEventW(SECURITY_ATTRIBUTES* security, BOOL manual_reset, BOOL initial_state, LPCWSTR name) {
    DWORD flags = (manual_reset ? CREATE_EVENT_MANUAL_RESET : 0) | (initial_state ? CREATE_EVENT_INITIAL_SET : 0);
    return CreateEventExW(security, name, flags, EVENT_ALL_ACCESS);
}

VINE_EXPORT HANDLE CreateEventA(SECURITY_ATTRIBUTES* security, BOOL manual_reset, BOOL initial_state, LPCSTR name) {
    return CreateEventW(security, manual_reset, initial_state, WideName(name).get());
}

VINE_EXPORT HANDLE OpenEventW(DWORD access, BOOL inherit, LPCWSTR name) {
    return open_named_object(NtOpenEvent, access, inherit, name);
}

VINE_EXPORT HANDLE OpenEventA(DWORD access, BOOL inherit, LPCSTR name) {
    return OpenEventW(access, inherit, WideName(name).get());
}

VINE_EXPORT BOOL SetEvent(HANDLE handle) { return nt_bool(NtSetEvent(handle, nullptr)); }

VINE_EXPORT BOOL ResetEvent(HANDLE handle) { return nt_bool(NtResetEvent(handle, nullptr)); }

VINE_EXPORT BOOL PulseEvent(HANDLE handle) { return nt_bool(NtPulseEvent(handle, nullptr)); }

// ---- mutexes ----

VINE_EXPORT HANDLE CreateMutexExW(SECURITY_ATTRIBUTES* security, LPCWSTR name, DWORD flags, DWORD access) {
    ObjectName object(name, inherits(security), OBJ_OPENIF);
    if (!usable(object, name, false)) return nullptr;
    HANDLE handle = nullptr;
    NTSTATUS status = NtCreateMutant(&handle, access, object.get(), (flags & CREATE_MUTEX_INITIAL_OWNER) != 0);
    return create_result(status, handle);
}

VINE_EXPORT HANDLE CreateMutexExA(SECURITY_ATTRIBUTES* security, LPCSTR name, DWORD flags, DWORD access) {
    return CreateMutexExW(security, WideName(name).get(), flags, access);
}

VINE_EXPORT HANDLE CreateMutexW(SECURITY_ATTRIBUTES* security, BOOL initial_owner, LPCWSTR name) {
    return CreateMutexExW(security, name, initial_owner ? CREATE_MUTEX_INITIAL_OWNER : 0, MUTEX_ALL_ACCESS);
}

VINE_EXPORT HANDLE CreateMutexA(SECURITY_ATTRIBUTES* security, BOOL initial_owner, LPCSTR name) {
    return CreateMutexW(security, initial_owner, WideName(name).get());
}

VINE_EXPORT HANDLE OpenMutexW(DWORD access, BOOL inherit, LPCWSTR name) {
    return open_named_object(NtOpenMutant, access, inherit, name);
}

VINE_EXPORT HANDLE OpenMutexA(DWORD access, BOOL inherit, LPCSTR name) {
    return OpenMutexW(access, inherit, WideName(name).get());
}

VINE_EXPORT BOOL ReleaseMutex(HANDLE handle) { return nt_bool(NtReleaseMutant(handle, nullptr)); }

// ---- semaphores ----

VINE_EXPORT HANDLE CreateSemaphoreExW(SECURITY_ATTRIBUTES* security, LONG initial, LONG maximum, LPCWSTR name,
                                      DWORD flags, DWORD access) {
    (void)flags;  // reserved
    ObjectName object(name, inherits(security), OBJ_OPENIF);
    if (!usable(object, name, false)) return nullptr;
    HANDLE handle = nullptr;
    NTSTATUS status = NtCreateSemaphore(&handle, access, object.get(), initial, maximum);
    return create_result(status, handle);
}

VINE_EXPORT HANDLE CreateSemaphoreExA(SECURITY_ATTRIBUTES* security, LONG initial, LONG maximum, LPCSTR name,
                                      DWORD flags, DWORD access) {
    return CreateSemaphoreExW(security, initial, maximum, WideName(name).get(), flags, access);
}

VINE_EXPORT HANDLE CreateSemaphoreW(SECURITY_ATTRIBUTES* security, LONG initial, LONG maximum, LPCWSTR name) {
    return CreateSemaphoreExW(security, initial, maximum, name, 0, SEMAPHORE_ALL_ACCESS);
}

VINE_EXPORT HANDLE CreateSemaphoreA(SECURITY_ATTRIBUTES* security, LONG initial, LONG maximum, LPCSTR name) {
    return CreateSemaphoreW(security, initial, maximum, WideName(name).get());
}

VINE_EXPORT HANDLE OpenSemaphoreW(DWORD access, BOOL inherit, LPCWSTR name) {
    return open_named_object(NtOpenSemaphore, access, inherit, name);
}

VINE_EXPORT HANDLE OpenSemaphoreA(DWORD access, BOOL inherit, LPCSTR name) {
    return OpenSemaphoreW(access, inherit, WideName(name).get());
}

VINE_EXPORT BOOL ReleaseSemaphore(HANDLE handle, LONG release, LONG* previous) {
    ULONG count = 0;
    // A count of zero or less is refused by ntdll as an invalid parameter.
    if (!nt_bool(NtReleaseSemaphore(handle, release <= 0 ? 0 : static_cast<ULONG>(release), &count))) return FALSE;
    if (previous) *previous = static_cast<LONG>(count);
    return TRUE;
}
