// CloseHandle, DuplicateHandle and handle flags; the server owns every
// handle table.
#include "nt_wait.h"
#include "vine/server_client.h"

using namespace kernel32;

namespace {

constexpr DWORD HANDLE_FLAG_INHERIT = 1, HANDLE_FLAG_PROTECT_FROM_CLOSE = 2;

uint64_t value_of(HANDLE handle) { return reinterpret_cast<uintptr_t>(handle); }

}  // namespace

VINE_EXPORT BOOL DuplicateHandle(HANDLE source_process, HANDLE source, HANDLE target_process, HANDLE* target,
                                 DWORD access, BOOL inherit, DWORD options) {
    return nt_bool(NtDuplicateObject(source_process, source, target_process, target, access,
                                     inherit ? OBJ_INHERIT : 0, options));
}

VINE_EXPORT BOOL CloseHandle(HANDLE handle) {
    // Pseudo handles of the current process and thread close successfully.
    if (handle == reinterpret_cast<HANDLE>(-1) || handle == reinterpret_cast<HANDLE>(-2)) return TRUE;
    BOOL closed = nt_bool(NtClose(handle));
    if (closed) forget_snapshot(handle);
    return closed;
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
