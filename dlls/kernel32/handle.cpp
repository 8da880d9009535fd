// DuplicateHandle and handle flags; the server owns every handle table.
#include "kernel32_private.h"
#include "vine/server_client.h"

using namespace kernel32;

namespace {

constexpr DWORD DUPLICATE_CLOSE_SOURCE = 1, DUPLICATE_SAME_ACCESS = 2;
constexpr DWORD HANDLE_FLAG_INHERIT = 1, HANDLE_FLAG_PROTECT_FROM_CLOSE = 2;

uint64_t value_of(HANDLE handle) { return reinterpret_cast<uintptr_t>(handle); }
bool is_current_process(HANDLE process) { return process == reinterpret_cast<HANDLE>(-1); }

}  // namespace

VINE_EXPORT BOOL DuplicateHandle(HANDLE source_process, HANDLE source, HANDLE target_process, HANDLE* target,
                                 DWORD access, BOOL inherit, DWORD options) {
    vine::protocol::duplicate_handle_request request{};
    request.source_process = value_of(source_process);
    request.source_handle = value_of(source);
    request.target_process = value_of(target_process);
    request.access = access;
    request.inherit = inherit;
    request.options = options & (DUPLICATE_CLOSE_SOURCE | DUPLICATE_SAME_ACCESS);
    vine::protocol::duplicate_handle_reply reply{};
    DWORD error = vine::client::call(request, reply);
    // DUPLICATE_CLOSE_SOURCE closes the source even when duplication fails.
    bool own_source = is_current_process(source_process) || GetProcessId(source_process) == GetCurrentProcessId();
    if ((options & DUPLICATE_CLOSE_SOURCE) && own_source) vine::client::forget_handle(source);
    if (error) {
        set_error(error);
        return FALSE;
    }
    if (target) *target = reinterpret_cast<HANDLE>(reply.handle);
    return TRUE;
}

VINE_EXPORT BOOL GetHandleInformation(HANDLE handle, DWORD* flags) {
    vine::protocol::set_handle_flags_request request{value_of(handle), 0, 0};
    vine::protocol::set_handle_flags_reply reply{};
    if (DWORD error = vine::client::call(request, reply)) {
        set_error(error);
        return FALSE;
    }
    if (flags) *flags = reply.old_flags;
    return TRUE;
}

VINE_EXPORT BOOL SetHandleInformation(HANDLE handle, DWORD mask, DWORD flags) {
    vine::protocol::set_handle_flags_request request{value_of(handle),
                                                     mask & (HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE),
                                                     flags};
    vine::protocol::set_handle_flags_reply reply{};
    if (DWORD error = vine::client::call(request, reply)) {
        set_error(error);
        return FALSE;
    }
    return TRUE;
}
