// Other processes through their handles: exit codes, termination, ids,
// times, OpenProcess, the session. Thin faces of ntdll's process calls
// (dlls/ntdll/process_info.cpp).
#include "nt_wait.h"
#include "vine/nt_process.h"

using namespace kernel32;

namespace {

// The basic information of a process handle; false with the last error set.
bool basic_info(HANDLE process, PROCESS_BASIC_INFORMATION& info) {
    return nt_bool(NtQueryInformationProcess(process, ProcessBasicInformation, &info, sizeof(info), nullptr));
}

void to_filetime(LARGE_INTEGER value, FILETIME* out) {
    if (!out) return;
    out->dwLowDateTime = static_cast<DWORD>(value.QuadPart);
    out->dwHighDateTime = static_cast<DWORD>(static_cast<uint64_t>(value.QuadPart) >> 32);
}

}  // namespace

VINE_EXPORT BOOL TerminateProcess(HANDLE process, UINT code) {
    return nt_bool(NtTerminateProcess(process, static_cast<NTSTATUS>(code)));
}

VINE_EXPORT BOOL GetExitCodeProcess(HANDLE process, DWORD* code) {
    PROCESS_BASIC_INFORMATION info{};
    if (!basic_info(process, info)) return FALSE;
    if (code) *code = static_cast<DWORD>(info.ExitStatus);
    return TRUE;
}

VINE_EXPORT DWORD GetProcessId(HANDLE process) {
    if (process == reinterpret_cast<HANDLE>(-1)) return GetCurrentProcessId();
    PROCESS_BASIC_INFORMATION info{};
    return basic_info(process, info) ? static_cast<DWORD>(info.UniqueProcessId) : 0;
}

VINE_EXPORT BOOL GetProcessTimes(HANDLE process, FILETIME* creation, FILETIME* exit, FILETIME* kernel,
                                 FILETIME* user) {
    KERNEL_USER_TIMES times{};
    if (!nt_bool(NtQueryInformationProcess(process, ProcessTimes, &times, sizeof(times), nullptr))) return FALSE;
    to_filetime(times.CreateTime, creation);
    to_filetime(times.ExitTime, exit);
    to_filetime(times.KernelTime, kernel);
    to_filetime(times.UserTime, user);
    return TRUE;
}

VINE_EXPORT HANDLE OpenProcess(DWORD access, BOOL inherit, DWORD process_id) {
    OBJECT_ATTRIBUTES attributes{};
    attributes.Length = sizeof(attributes);
    attributes.Attributes = inherit ? OBJ_INHERIT : 0;
    CLIENT_ID id{reinterpret_cast<HANDLE>(uintptr_t{process_id}), nullptr};
    HANDLE handle = nullptr;
    return nt_bool(NtOpenProcess(&handle, access, &attributes, &id)) ? handle : nullptr;
}

VINE_EXPORT BOOL ProcessIdToSessionId(DWORD process_id, DWORD* session) {
    if (!session) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    HANDLE process = OpenProcess(0x1000 /* PROCESS_QUERY_LIMITED_INFORMATION */, FALSE, process_id);
    if (!process) return FALSE;
    PROCESS_SESSION_INFORMATION info{};
    NTSTATUS status = NtQueryInformationProcess(process, ProcessSessionInformation, &info, sizeof(info), nullptr);
    NtClose(process);
    if (!nt_bool(status)) return FALSE;
    *session = info.SessionId;
    return TRUE;
}
