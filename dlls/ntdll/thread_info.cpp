// Threads through their handles: NtOpenThread, NtSuspendThread,
// NtResumeThread, NtGetContextThread, NtSetContextThread,
// NtQueryInformationThread and NtSetInformationThread. The server keeps the
// thread objects (ids, suspend counts, exit status, times, descriptions);
// stopping a thread of this process and its registers are thread_control's
// (in the loader).
#include <sched.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <mutex>
#include <set>
#include <string>

#include "file_private.h"
#include "ntdll_private.h"
#include "info_class.h"
#include "object.h"
#include "process_times.h"
#include "security_private.h"
#include "vine/locks.h"
#include "vine/nt_process.h"
#include "vine/server_client.h"
#include "vine/teb.h"
#include "vine/thread_control.h"
#include "vine/unicode.h"

namespace {

constexpr ACCESS_MASK THREAD_GET_CONTEXT = 0x0008, THREAD_SET_CONTEXT = 0x0010;
constexpr uint32_t STILL_ACTIVE = 259;

NTSTATUS query(HANDLE thread, vine::protocol::thread_info_reply& info) {
    return ntdll::query_record<vine::protocol::thread_info_request>(thread, info);
}

// Suspend and resume counts are the server's; for threads of this process
// thread_control mirrors them and does the stopping.
NTSTATUS change_suspend_count(HANDLE thread, int delta, ULONG* previous_count) {
    vine::protocol::resume_thread_request request{ntdll::handle_value(thread), delta, 0};
    vine::protocol::resume_thread_reply reply{};
    if (uint32_t error = vine::client::call(request, reply)) return ntdll::status_from_server(error);
    if (reply.in_caller) {
        if (delta > 0)
            vine::threads::suspend(reply.thread_id);
        else if (reply.previous_count > 0)
            vine::threads::resume(reply.thread_id);
    }
    if (previous_count) *previous_count = reply.previous_count;
    return STATUS_SUCCESS;
}

// The id of the thread behind a handle opened with `needed`.
NTSTATUS thread_of(HANDLE handle, ACCESS_MASK needed, uint32_t& id) {
    if (handle == ntdll::kCurrentThread) {
        id = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(current_teb()->ClientId.UniqueThread));
        return STATUS_SUCCESS;
    }
    vine::client::HandleInfo info;
    if (!vine::client::handle_info(handle, info)) return STATUS_INVALID_HANDLE;
    if (info.type != vine::protocol::ObjectType::thread) return STATUS_OBJECT_TYPE_MISMATCH;
    if ((info.access & needed) != needed) return STATUS_ACCESS_DENIED;
    id = info.object_id;
    return STATUS_SUCCESS;
}

// ThreadNameInformation: the description the server keeps, as a
// UNICODE_STRING followed by its characters.
NTSTATUS query_name(HANDLE thread, PVOID buffer, ULONG length, ULONG* result_length) {
    vine::protocol::get_thread_description_request request{ntdll::handle_value(thread)};
    vine::protocol::get_thread_description_reply reply{};
    std::string text;
    if (uint32_t error = vine::client::call(request, reply, nullptr, 0, nullptr, 0, &text))
        return ntdll::status_from_server(error);
    ULONG bytes = static_cast<ULONG>(text.size() & ~size_t{1});
    ULONG needed = sizeof(THREAD_NAME_INFORMATION) + bytes;
    if (result_length) *result_length = needed;
    if (length < needed) return length < sizeof(THREAD_NAME_INFORMATION) ? STATUS_INFO_LENGTH_MISMATCH
                                                                          : STATUS_BUFFER_TOO_SMALL;
    auto* info = static_cast<THREAD_NAME_INFORMATION*>(buffer);
    auto* chars = reinterpret_cast<WCHAR*>(info + 1);
    std::memcpy(chars, text.data(), bytes);
    info->ThreadName = UNICODE_STRING{static_cast<USHORT>(bytes), static_cast<USHORT>(bytes), chars};
    return STATUS_SUCCESS;
}

NTSTATUS set_name(HANDLE thread, const void* buffer, ULONG length) {
    if (length != sizeof(THREAD_NAME_INFORMATION)) return STATUS_INFO_LENGTH_MISMATCH;
    const UNICODE_STRING& name = static_cast<const THREAD_NAME_INFORMATION*>(buffer)->ThreadName;
    if ((name.Length & 1) || (name.Length && !name.Buffer)) return STATUS_INVALID_PARAMETER;
    vine::protocol::set_thread_description_request request{ntdll::handle_value(thread)};
    vine::protocol::set_thread_description_reply reply{};
    if (uint32_t error = vine::client::call(request, reply, name.Buffer, name.Length))
        return ntdll::status_from_server(error);
    // Linux tools (ps, gdb, top) show the name too, cut to their 15 bytes.
    vine::protocol::thread_info_reply info{};
    if (thread == ntdll::kCurrentThread || (query(thread, info) == STATUS_SUCCESS && info.unix_tid > 0 &&
                                            info.exit_code == STILL_ACTIVE)) {
        std::u16string text(reinterpret_cast<const char16_t*>(name.Buffer), name.Length / sizeof(WCHAR));
        std::string comm = vine::utf16_to_utf8(text).substr(0, 15);
        char path[64];
        if (thread == ntdll::kCurrentThread)
            snprintf(path, sizeof(path), "/proc/thread-self/comm");
        else
            snprintf(path, sizeof(path), "/proc/self/task/%d/comm", info.unix_tid);
        if (FILE* file = fopen(path, "w")) {
            fputs(comm.c_str(), file);
            fclose(file);
        }
    }
    return STATUS_SUCCESS;
}

// Threads of this process hidden from debuggers (ThreadHideFromDebugger):
// nothing debugs Vine threads, but the flag reads back as Windows keeps it.
vine::Mutex hidden_lock;
std::set<uint32_t> hidden_threads;

bool is_hidden(uint32_t thread_id) {
    std::lock_guard guard(hidden_lock);
    return hidden_threads.count(thread_id) != 0;
}

}  // namespace

VINE_EXPORT NTSTATUS NtOpenThread(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                                  const CLIENT_ID* id) {
    if (!handle || !id) return STATUS_INVALID_PARAMETER;
    return ntdll::open_by_id<vine::protocol::open_thread_request, vine::protocol::open_thread_reply>(
        handle, access, attributes, id->UniqueThread);
}

VINE_EXPORT NTSTATUS NtSuspendThread(HANDLE thread, ULONG* previous_count) {
    return change_suspend_count(thread, 1, previous_count);
}

VINE_EXPORT NTSTATUS NtResumeThread(HANDLE thread, ULONG* previous_count) {
    return change_suspend_count(thread, -1, previous_count);
}

VINE_EXPORT NTSTATUS NtGetContextThread(HANDLE thread, CONTEXT* context) {
    if (!context) return ntdll::kStatusAccessViolation;
    uint32_t id;
    if (NTSTATUS status = thread_of(thread, THREAD_GET_CONTEXT, id); status != STATUS_SUCCESS) return status;
    // Threads of other processes (debuggers) are not reachable from here,
    // nor are threads that have ended.
    return vine::threads::get_context(id, *context) ? STATUS_SUCCESS : STATUS_ACCESS_DENIED;
}

VINE_EXPORT NTSTATUS NtSetContextThread(HANDLE thread, const CONTEXT* context) {
    if (!context) return ntdll::kStatusAccessViolation;
    uint32_t id;
    if (NTSTATUS status = thread_of(thread, THREAD_SET_CONTEXT, id); status != STATUS_SUCCESS) return status;
    return vine::threads::set_context(id, *context) ? STATUS_SUCCESS : STATUS_ACCESS_DENIED;
}

VINE_EXPORT NTSTATUS NtQueryInformationThread(HANDLE thread, ULONG info_class, PVOID buffer, ULONG length,
                                              ULONG* result_length) {
    switch (info_class) {
    case ThreadBasicInformation:
    case ThreadTimes:
    case ThreadHideFromDebugger:
    case ThreadIsTerminated:
    case ThreadNameInformation:
        break;
    default:
        return STATUS_INVALID_INFO_CLASS;
    }
    if (!buffer && length) return ntdll::kStatusAccessViolation;
    if (info_class == ThreadNameInformation) return query_name(thread, buffer, length, result_length);
    vine::protocol::thread_info_reply info{};
    if (NTSTATUS status = query(thread, info); status != STATUS_SUCCESS) return status;
    bool running = info.exit_code == STILL_ACTIVE;
    switch (info_class) {
    case ThreadBasicInformation: {
        THREAD_BASIC_INFORMATION out{};
        out.ExitStatus = static_cast<NTSTATUS>(info.exit_code);
        // A TEB is an address in its own process: ours only.
        if (info.process_id == ntdll::current_process_id() && running)
            out.TebBaseAddress = thread == ntdll::kCurrentThread ? current_teb() : vine::threads::teb_of(info.thread_id);
        out.ClientId.UniqueProcess = reinterpret_cast<HANDLE>(uintptr_t{info.process_id});
        out.ClientId.UniqueThread = reinterpret_cast<HANDLE>(uintptr_t{info.thread_id});
        out.AffinityMask = ntdll::cpu_mask(info.unix_tid > 0 ? info.unix_tid : 0);
        out.BasePriority = 8 + info.priority;  // the normal class's base plus the thread's relative priority
        out.Priority = out.BasePriority;
        return ntdll::put_fixed(out, buffer, length, result_length);
    }
    case ThreadTimes: {
        KERNEL_USER_TIMES out{};
        out.CreateTime.QuadPart = info.create_time;
        out.ExitTime.QuadPart = running ? 0 : info.exit_time;
        uint64_t user = 0, kernel = 0;
        if (info.unix_tid > 0 && running) ntdll::cpu_times(getpid(), info.unix_tid, user, kernel);
        out.UserTime.QuadPart = static_cast<LONGLONG>(user);
        out.KernelTime.QuadPart = static_cast<LONGLONG>(kernel);
        return ntdll::put_fixed(out, buffer, length, result_length);
    }
    case ThreadHideFromDebugger:
        return ntdll::put_fixed(BOOLEAN{is_hidden(info.thread_id) ? BOOLEAN{1} : BOOLEAN{0}}, buffer, length, result_length);
    case ThreadIsTerminated:
        return ntdll::put_fixed(ULONG{running ? 0u : 1u}, buffer, length, result_length);
    }
    return STATUS_INVALID_INFO_CLASS;
}

VINE_EXPORT NTSTATUS NtSetInformationThread(HANDLE thread, ULONG info_class, void* buffer, ULONG length) {
    switch (info_class) {
    case ThreadHideFromDebugger: {
        // Takes no data; the handle must be a thread's with the right.
        if (length) return STATUS_INFO_LENGTH_MISMATCH;
        uint32_t id;
        if (NTSTATUS status = thread_of(thread, 0x0020 /* THREAD_SET_INFORMATION */, id); status != STATUS_SUCCESS)
            return status;
        std::lock_guard guard(hidden_lock);
        hidden_threads.insert(id);
        return STATUS_SUCCESS;
    }
    case ThreadImpersonationToken:
        return ntdll::set_thread_token(thread, buffer, length);
    case ThreadNameInformation:
        if (!buffer) return ntdll::kStatusAccessViolation;
        return set_name(thread, buffer, length);
    default:
        return STATUS_INVALID_INFO_CLASS;
    }
}

// The calling thread has ended as far as Windows is concerned: ntdll's
// per-thread state goes and the server learns it; true if it was the
// process's last thread (kernel32's ExitThread and NtTerminateThread).
VINE_EXPORT BOOL __vine_report_thread_exit(DWORD code) {
    uint32_t id = vine::client::current_thread_id();
    __vine_forget_thread(id);
    vine::protocol::thread_exit_request request{id, code};
    vine::protocol::thread_exit_reply reply{};
    return vine::client::call(request, reply) == 0 && reply.last_thread;
}

VINE_EXPORT NTSTATUS NtTerminateThread(HANDLE thread, NTSTATUS status) {
    // A null handle is the caller itself.
    if (!thread) thread = ntdll::kCurrentThread;
    vine::protocol::terminate_thread_request request{ntdll::handle_value(thread), static_cast<uint32_t>(status), 0};
    vine::protocol::terminate_thread_reply reply{};
    if (uint32_t error = vine::client::call(request, reply)) return ntdll::status_from_server(error);
    if (reply.self) {
        // No FLS callbacks and no DLL_THREAD_DETACH, as Windows documents;
        // a last thread ends the process the same abrupt way.
        if (__vine_report_thread_exit(static_cast<DWORD>(status))) {
            vine::client::report_exit(static_cast<uint32_t>(status));
            _exit(static_cast<int>(status & 0xff));
        }
        vine::threads::terminate_self();
    }
    // The server has ended the thread object (signalled, mutexes
    // abandoned); a thread of ours must also stop running.
    if (reply.unix_tid) vine::threads::terminate(reply.thread_id);
    __vine_forget_thread(reply.thread_id);
    return STATUS_SUCCESS;
}
