// Processes through their handles: NtOpenProcess, NtTerminateProcess and
// NtQueryInformationProcess. The server keeps every process's state (ids,
// exit status, times); CPU times and affinity are Linux's.
#include <sched.h>
#include <sys/random.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "file_private.h"
#include "ntdll_private.h"
#include "info_class.h"
#include "object.h"
#include "process_times.h"
#include "vine/loader.h"
#include "vine/nt_process.h"
#include "vine/paths.h"
#include "vine/server_client.h"
#include "vine/teb.h"

namespace {

constexpr NTSTATUS STILL_ACTIVE = 259;

NTSTATUS query(HANDLE process, vine::protocol::process_info_reply& info) {
    return ntdll::query_record<vine::protocol::process_info_request>(process, info);
}

// A UNICODE_STRING followed by its characters, as the image name classes
// return it; STATUS_INFO_LENGTH_MISMATCH with the size needed when it does
// not fit.
NTSTATUS put_string(const std::u16string& text, PVOID buffer, ULONG length, ULONG* result_length) {
    ULONG needed = static_cast<ULONG>(sizeof(UNICODE_STRING) + (text.size() + 1) * sizeof(WCHAR));
    if (result_length) *result_length = needed;
    if (length < needed) return STATUS_INFO_LENGTH_MISMATCH;
    auto* string = static_cast<UNICODE_STRING*>(buffer);
    auto* chars = reinterpret_cast<WCHAR*>(string + 1);
    std::memcpy(chars, text.c_str(), (text.size() + 1) * sizeof(WCHAR));
    string->Length = static_cast<USHORT>(text.size() * sizeof(WCHAR));
    string->MaximumLength = static_cast<USHORT>(string->Length + sizeof(WCHAR));
    string->Buffer = chars;
    return STATUS_SUCCESS;
}

bool is_self(const vine::protocol::process_info_reply& info) { return info.process_id == ntdll::current_process_id(); }


}  // namespace

VINE_EXPORT NTSTATUS NtOpenProcess(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                                   const CLIENT_ID* id) {
    if (!handle || !id) return STATUS_INVALID_PARAMETER;
    return ntdll::open_by_id<vine::protocol::open_process_request, vine::protocol::open_process_reply>(
        handle, access, attributes, id->UniqueProcess);
}

VINE_EXPORT NTSTATUS NtTerminateProcess(HANDLE process, NTSTATUS status) {
    // A null handle (the other threads of the caller, before an exit) is
    // not one the server knows.
    if (!process) return STATUS_INVALID_HANDLE;
    vine::protocol::terminate_process_request request{ntdll::handle_value(process), static_cast<uint32_t>(status), 0};
    vine::protocol::terminate_process_reply reply{};
    if (uint32_t error = vine::client::call(request, reply)) return ntdll::status_from_server(error);
    if (reply.self) {
        // Ourselves: no DLL notifications, as on Windows.
        fflush(nullptr);
        vine::client::report_exit(static_cast<uint32_t>(status));
        _exit(static_cast<int>(status & 0xff));
    }
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtQueryInformationProcess(HANDLE process, ULONG info_class, PVOID buffer, ULONG length,
                                               ULONG* result_length) {
    switch (info_class) {
    case ProcessBasicInformation:
    case ProcessTimes:
    case ProcessDebugPort:
    case ProcessSessionInformation:
    case ProcessWow64Information:
    case ProcessImageFileName:
    case ProcessBreakOnTermination:
    case ProcessDebugObjectHandle:
    case ProcessDebugFlags:
    case ProcessCookie:
    case ProcessImageFileNameWin32:
        break;
    default:
        return STATUS_INVALID_INFO_CLASS;
    }
    if (!buffer && length) return ntdll::kStatusAccessViolation;
    // Every class needs at least limited query rights, which the server checks.
    vine::protocol::process_info_reply info{};
    if (NTSTATUS status = query(process, info); status != STATUS_SUCCESS) return status;
    switch (info_class) {
    case ProcessBasicInformation: {
        PROCESS_BASIC_INFORMATION out{};
        out.ExitStatus = static_cast<NTSTATUS>(info.exit_code);
        // Another process's PEB is in its own address space, where nothing
        // here can read it.
        out.PebBaseAddress = is_self(info) ? current_teb()->ProcessEnvironmentBlock : nullptr;
        out.AffinityMask = ntdll::cpu_mask(0);
        out.BasePriority = 8;  // NORMAL_PRIORITY_CLASS's base
        out.UniqueProcessId = info.process_id;
        out.InheritedFromUniqueProcessId = info.parent_id;
        return ntdll::put_fixed(out, buffer, length, result_length);
    }
    case ProcessTimes: {
        KERNEL_USER_TIMES out{};
        out.CreateTime.QuadPart = info.create_time;
        out.ExitTime.QuadPart = info.exit_code == static_cast<uint32_t>(STILL_ACTIVE) ? 0 : info.exit_time;
        uint64_t user = 0, kernel = 0;
        if (info.unix_pid > 0) ntdll::cpu_times(info.unix_pid, 0, user, kernel);
        out.UserTime.QuadPart = static_cast<LONGLONG>(user);
        out.KernelTime.QuadPart = static_cast<LONGLONG>(kernel);
        return ntdll::put_fixed(out, buffer, length, result_length);
    }
    case ProcessDebugPort:
    case ProcessWow64Information:
        // No debugger attaches to Vine processes, and all are 64-bit.
        return ntdll::put_fixed(ULONG_PTR{0}, buffer, length, result_length);
    case ProcessDebugObjectHandle: {
        if (length != sizeof(HANDLE)) return STATUS_INFO_LENGTH_MISMATCH;
        *static_cast<HANDLE*>(buffer) = nullptr;
        if (result_length) *result_length = sizeof(HANDLE);
        return STATUS_PORT_NOT_SET;
    }
    case ProcessDebugFlags:
        return ntdll::put_fixed(ULONG{1}, buffer, length, result_length);  // 1: not being debugged
    case ProcessBreakOnTermination:
        return ntdll::put_fixed(ULONG{0}, buffer, length, result_length);
    case ProcessSessionInformation:
        // Programs run in the interactive user's session, 1 on Windows.
        return ntdll::put_fixed(PROCESS_SESSION_INFORMATION{1}, buffer, length, result_length);
    case ProcessCookie: {
        // Only for the caller itself, as on Windows.
        if (!is_self(info)) return STATUS_INVALID_PARAMETER;
        static const ULONG cookie = [] {
            ULONG value = 0;
            if (getrandom(&value, sizeof(value), 0) != sizeof(value)) value = static_cast<ULONG>(getpid()) * 2654435761u;
            return value;
        }();
        return ntdll::put_fixed(cookie, buffer, length, result_length);
    }
    case ProcessImageFileName:
    case ProcessImageFileNameWin32: {
        // The image's path is known for the caller only: another process's
        // is in its own PEB.
        if (!is_self(info)) return STATUS_ACCESS_DENIED;
        std::u16string path = vine::loader::module_path(nullptr);
        if (info_class == ProcessImageFileName) {
            if (path.size() < 2 || path[1] != u':') return STATUS_OBJECT_PATH_NOT_FOUND;
            path = vine::paths::volume_device_name(path[0]) + path.substr(2);
        }
        return put_string(path, buffer, length, result_length);
    }
    }
    return STATUS_INVALID_INFO_CLASS;
}
