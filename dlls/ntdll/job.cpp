// Job objects: the server keeps them (server/requests_job.cpp): which
// processes are in a job, its limit flags, and ending the members together
// (NtTerminateJobObject, JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE). Here are the
// NT calls, which check the information classes and the caller's buffers.
//
// Kept limits: JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE, _BREAKAWAY_OK and
// _SILENT_BREAKAWAY_OK, which the server acts on, and
// _DIE_ON_UNHANDLED_EXCEPTION, which asks for what Vine always does (no
// error box on a crash). Limits Vine does not enforce (times, working set,
// memory, active processes, affinity, priority and scheduling class) fail
// with STATUS_NOT_SUPPORTED rather than being accepted and ignored.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>

#include "ntdll_private.h"
#include "object.h"
#include "vine/nt_process.h"
#include "vine/ntstatus.h"
#include "vine/server_client.h"

namespace {

// What Windows' probe of a null buffer raises, returned.
constexpr NTSTATUS kAccessViolation = nt_status(0xc0000005);

constexpr DWORD kKeptLimits = JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION | JOB_OBJECT_LIMIT_BREAKAWAY_OK |
                              JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK | JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;

NTSTATUS create_or_open(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes, bool open_existing) {
    if (!handle) return kAccessViolation;
    *handle = nullptr;
    const WCHAR* name;
    uint32_t bytes;
    if (NTSTATUS status = ntdll::object_name(attributes, name, bytes); status != STATUS_SUCCESS) return status;
    if (open_existing && !name) return STATUS_OBJECT_PATH_SYNTAX_BAD;
    vine::protocol::create_job_request request{};
    request.access = access;
    auto [inherit, create_flags] = ntdll::create_fields(attributes, open_existing);
    request.inherit = inherit;
    request.flags = create_flags;
    vine::protocol::create_job_reply reply{};
    uint32_t error = vine::client::call(request, reply, name, bytes);
    if (error) return error == vine::protocol::status::invalid_handle ? STATUS_OBJECT_TYPE_MISMATCH
                                                                      : ntdll::status_from_server(error);
    *handle = reinterpret_cast<HANDLE>(reply.handle);
    return reply.existed && !open_existing ? STATUS_OBJECT_NAME_EXISTS : STATUS_SUCCESS;
}

NTSTATUS query_job(HANDLE job, uint32_t max_ids, vine::protocol::job_info_reply& reply, std::string* ids = nullptr) {
    vine::protocol::job_info_request request{ntdll::handle_value(job), max_ids, 0};
    uint32_t error = vine::client::call(request, reply, nullptr, 0, nullptr, 0, ids);
    return error ? ntdll::status_from_server(error) : STATUS_SUCCESS;
}

NTSTATUS set_limits(HANDLE job, const JOBOBJECT_BASIC_LIMIT_INFORMATION& limits, DWORD valid) {
    DWORD flags = limits.LimitFlags;
    if (flags & ~valid) return STATUS_INVALID_PARAMETER;
    if (flags & ~kKeptLimits) return STATUS_NOT_SUPPORTED;
    vine::protocol::set_job_limits_request request{ntdll::handle_value(job), flags, 0};
    vine::protocol::set_job_limits_reply reply{};
    if (uint32_t error = vine::client::call(request, reply)) return ntdll::status_from_server(error);
    return STATUS_SUCCESS;
}

}  // namespace

VINE_EXPORT NTSTATUS NtCreateJobObject(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes) {
    return create_or_open(handle, access, attributes, false);
}

VINE_EXPORT NTSTATUS NtOpenJobObject(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes) {
    return create_or_open(handle, access, attributes, true);
}

VINE_EXPORT NTSTATUS NtAssignProcessToJobObject(HANDLE job, HANDLE process) {
    vine::protocol::assign_job_request request{ntdll::handle_value(job), ntdll::handle_value(process)};
    vine::protocol::assign_job_reply reply{};
    if (uint32_t error = vine::client::call(request, reply)) return ntdll::status_from_server(error);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtIsProcessInJob(HANDLE process, HANDLE job) {
    vine::protocol::process_in_job_request request{ntdll::handle_value(process), ntdll::handle_value(job)};
    vine::protocol::process_in_job_reply reply{};
    if (uint32_t error = vine::client::call(request, reply)) return ntdll::status_from_server(error);
    return reply.in_job ? STATUS_PROCESS_IN_JOB : STATUS_PROCESS_NOT_IN_JOB;
}

VINE_EXPORT NTSTATUS NtTerminateJobObject(HANDLE job, NTSTATUS status) {
    vine::protocol::terminate_job_request request{ntdll::handle_value(job), static_cast<uint32_t>(status), 0};
    vine::protocol::terminate_job_reply reply{};
    if (uint32_t error = vine::client::call(request, reply)) return ntdll::status_from_server(error);
    // The caller is in the job: it ends too, as NtTerminateProcess of itself.
    if (reply.self) return NtTerminateProcess(ntdll::kCurrentProcess, status);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtSetInformationJobObject(HANDLE job, ULONG info_class, PVOID buffer, ULONG length) {
    switch (info_class) {
    case JobObjectBasicLimitInformation: {
        if (length != sizeof(JOBOBJECT_BASIC_LIMIT_INFORMATION)) return STATUS_INFO_LENGTH_MISMATCH;
        if (!buffer) return kAccessViolation;
        JOBOBJECT_BASIC_LIMIT_INFORMATION limits;
        memcpy(&limits, buffer, sizeof(limits));
        return set_limits(job, limits, JOB_OBJECT_BASIC_LIMIT_VALID_FLAGS);
    }
    case JobObjectExtendedLimitInformation: {
        if (length != sizeof(JOBOBJECT_EXTENDED_LIMIT_INFORMATION)) return STATUS_INFO_LENGTH_MISMATCH;
        if (!buffer) return kAccessViolation;
        JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits;
        memcpy(&limits, buffer, sizeof(limits));
        return set_limits(job, limits.BasicLimitInformation, JOB_OBJECT_EXTENDED_LIMIT_VALID_FLAGS);
    }
    case JobObjectAssociateCompletionPortInformation:
        // Job notifications through a completion port are not implemented.
        return STATUS_INVALID_PARAMETER;
    default:
        return STATUS_INVALID_INFO_CLASS;
    }
}

VINE_EXPORT NTSTATUS NtQueryInformationJobObject(HANDLE job, ULONG info_class, PVOID buffer, ULONG length,
                                                 ULONG* result_length) {
    vine::protocol::job_info_reply reply{};
    switch (info_class) {
    case JobObjectBasicAccountingInformation: {
        if (length != sizeof(JOBOBJECT_BASIC_ACCOUNTING_INFORMATION)) return STATUS_INFO_LENGTH_MISMATCH;
        if (!buffer) return kAccessViolation;
        if (NTSTATUS status = query_job(job, 0, reply)) return status;
        // The members' CPU times and page faults are not summed: 0.
        JOBOBJECT_BASIC_ACCOUNTING_INFORMATION info{};
        info.TotalProcesses = reply.total_processes;
        info.ActiveProcesses = reply.active_processes;
        info.TotalTerminatedProcesses = reply.terminated_processes;
        memcpy(buffer, &info, sizeof(info));
        if (result_length) *result_length = sizeof(info);
        return STATUS_SUCCESS;
    }
    case JobObjectBasicLimitInformation: {
        if (length != sizeof(JOBOBJECT_BASIC_LIMIT_INFORMATION)) return STATUS_INFO_LENGTH_MISMATCH;
        if (!buffer) return kAccessViolation;
        if (NTSTATUS status = query_job(job, 0, reply)) return status;
        // The limits other than the flags are never set (set_limits).
        JOBOBJECT_BASIC_LIMIT_INFORMATION info{};
        info.LimitFlags = reply.limit_flags;
        memcpy(buffer, &info, sizeof(info));
        if (result_length) *result_length = sizeof(info);
        return STATUS_SUCCESS;
    }
    case JobObjectExtendedLimitInformation: {
        if (length != sizeof(JOBOBJECT_EXTENDED_LIMIT_INFORMATION)) return STATUS_INFO_LENGTH_MISMATCH;
        if (!buffer) return kAccessViolation;
        if (NTSTATUS status = query_job(job, 0, reply)) return status;
        // I/O counts and peak memory use are not measured: 0.
        JOBOBJECT_EXTENDED_LIMIT_INFORMATION info{};
        info.BasicLimitInformation.LimitFlags = reply.limit_flags;
        memcpy(buffer, &info, sizeof(info));
        if (result_length) *result_length = sizeof(info);
        return STATUS_SUCCESS;
    }
    case JobObjectBasicProcessIdList: {
        constexpr ULONG header = offsetof(JOBOBJECT_BASIC_PROCESS_ID_LIST, ProcessIdList);
        if (length < sizeof(JOBOBJECT_BASIC_PROCESS_ID_LIST)) return STATUS_INFO_LENGTH_MISMATCH;
        if (!buffer) return kAccessViolation;
        uint32_t room = (length - header) / sizeof(ULONG_PTR);
        std::string ids;
        if (NTSTATUS status = query_job(job, room, reply, &ids)) return status;
        uint32_t count = std::min<uint32_t>(reply.id_count, static_cast<uint32_t>(ids.size() / sizeof(uint32_t)));
        auto* list = static_cast<JOBOBJECT_BASIC_PROCESS_ID_LIST*>(buffer);
        list->NumberOfAssignedProcesses = reply.active_processes;
        list->NumberOfProcessIdsInList = count;
        for (uint32_t i = 0; i < count; ++i) {
            uint32_t id;
            memcpy(&id, ids.data() + i * sizeof(id), sizeof(id));
            list->ProcessIdList[i] = id;
        }
        if (result_length) *result_length = header + count * sizeof(ULONG_PTR);
        // Not all fitted: the caller learns how many there are.
        return count < reply.active_processes ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
    }
    default:
        return STATUS_INVALID_INFO_CLASS;
    }
}
