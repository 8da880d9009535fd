// Job objects: the Win32 faces of ntdll's NtCreateJobObject and co.
// (dlls/ntdll/job.cpp; the server keeps the jobs). Names go through
// ObjectName as for events: CreateJobObject opens an existing job of the
// name (ERROR_ALREADY_EXISTS).
#include "nt_wait.h"
#include "object_name.h"
#include "vine/nt_process.h"

using namespace kernel32;

VINE_EXPORT HANDLE CreateJobObjectW(SECURITY_ATTRIBUTES* security, LPCWSTR name) {
    ObjectName object(name, security && security->bInheritHandle, OBJ_OPENIF);
    if (!usable(object, name, false)) return nullptr;
    HANDLE handle = nullptr;
    NTSTATUS status = NtCreateJobObject(&handle, JOB_OBJECT_ALL_ACCESS, object.get());
    return create_result(status, handle);
}

VINE_EXPORT HANDLE CreateJobObjectA(SECURITY_ATTRIBUTES* security, LPCSTR name) {
    return CreateJobObjectW(security, WideName(name).get());
}

VINE_EXPORT HANDLE OpenJobObjectW(DWORD access, BOOL inherit, LPCWSTR name) {
    return open_named_object(NtOpenJobObject, access, inherit, name);
}

VINE_EXPORT HANDLE OpenJobObjectA(DWORD access, BOOL inherit, LPCSTR name) {
    return OpenJobObjectW(access, inherit, WideName(name).get());
}

VINE_EXPORT BOOL AssignProcessToJobObject(HANDLE job, HANDLE process) {
    return nt_bool(NtAssignProcessToJobObject(job, process));
}

VINE_EXPORT BOOL TerminateJobObject(HANDLE job, UINT exit_code) {
    return nt_bool(NtTerminateJobObject(job, static_cast<NTSTATUS>(exit_code)));
}

VINE_EXPORT BOOL IsProcessInJob(HANDLE process, HANDLE job, BOOL* result) {
    NTSTATUS status = NtIsProcessInJob(process, job);
    if (status == STATUS_PROCESS_IN_JOB || status == STATUS_PROCESS_NOT_IN_JOB) {
        *result = status == STATUS_PROCESS_IN_JOB;
        return TRUE;
    }
    return nt_bool(status);
}

VINE_EXPORT BOOL SetInformationJobObject(HANDLE job, DWORD info_class, LPVOID buffer, DWORD length) {
    return nt_bool(NtSetInformationJobObject(job, info_class, buffer, length));
}

VINE_EXPORT BOOL QueryInformationJobObject(HANDLE job, DWORD info_class, LPVOID buffer, DWORD length,
                                           DWORD* result_length) {
    ULONG written = 0;
    NTSTATUS status = NtQueryInformationJobObject(job, info_class, buffer, length, &written);
    if (result_length) *result_length = written;
    return nt_bool(status);
}
