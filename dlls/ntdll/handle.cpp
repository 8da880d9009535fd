// Closing and duplicating handles; the server owns every handle table, the
// process keeps a cache of what its handles name (loader/handle_cache.cpp).
#include "async_io.h"
#include "file_private.h"
#include "ntdll_private.h"
#include "io_completion.h"
#include "object.h"
#include "registry_cache.h"
#include "timer.h"
#include "vine/server_client.h"

namespace {

constexpr ULONG DUPLICATE_CLOSE_SOURCE = 1, DUPLICATE_SAME_ACCESS = 2;

// Whether `process` is the caller's own process (a handle to it, or the
// pseudo-handle).
bool is_own_process(HANDLE process) {
    if (process == ntdll::kCurrentProcess) return true;
    vine::client::HandleInfo info;
    return vine::client::handle_info(process, info) && info.type == vine::protocol::ObjectType::process &&
           info.object_id == ntdll::current_process_id();
}

// What ntdll keeps for a handle value the server has just closed, dropped
// before another thread can be given the value (vine::client::HandleClosing).
void forget_closed(HANDLE handle) {
    ntdll::timers::forget_handle(handle);  // a timer's completion routine
    ntdll::io_completion::forget_handle(handle);  // a completion port's queue
    ntdll::forget_listing(handle);  // a directory listing's mask
    ntdll::registry_cache::forget_handle(handle);  // a key's cached values
}

}  // namespace

VINE_EXPORT NTSTATUS NtClose(HANDLE handle) {
    // Its pending requests end (STATUS_CANCELLED) before its descriptor goes.
    ntdll::forget_watch(handle);  // first: its requests end with STATUS_NOTIFY_CLEANUP
    ntdll::async::forget_handle(handle);
    ntdll::release_locks(handle);
    if (uint32_t error = vine::client::close_handle(handle, forget_closed))
        return ntdll::status_from_server(error);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtDuplicateObject(HANDLE source_process, HANDLE source, HANDLE target_process, HANDLE* target,
                                       ACCESS_MASK access, ULONG attributes, ULONG options) {
    vine::protocol::duplicate_handle_request request{};
    request.source_process = ntdll::handle_value(source_process);
    request.source_handle = ntdll::handle_value(source);
    request.target_process = ntdll::handle_value(target_process);
    request.access = access;
    request.inherit = (attributes & OBJ_INHERIT) ? 1 : 0;
    request.options = options & (DUPLICATE_CLOSE_SOURCE | DUPLICATE_SAME_ACCESS);
    vine::protocol::duplicate_handle_reply reply{};
    // DUPLICATE_CLOSE_SOURCE closes the source even when duplication fails:
    // its requests end first, as in NtClose.
    bool closes_own = (options & DUPLICATE_CLOSE_SOURCE) && is_own_process(source_process);
    if (closes_own) {
        ntdll::forget_watch(source);
        ntdll::async::forget_handle(source);
        ntdll::release_locks(source);
    }
    uint32_t error;
    if (closes_own) {
        vine::client::HandleClosing closing;
        error = vine::client::call(request, reply);
        closing.forget(source);
        forget_closed(source);
    } else {
        error = vine::client::call(request, reply);
    }
    if (error) return ntdll::status_from_server(error);
    // A value new to us: whatever the cache held for it is stale (another
    // process may have closed our handle of that value behind our back).
    if (is_own_process(target_process)) vine::client::forget_handle(reinterpret_cast<HANDLE>(reply.handle));
    if (target) *target = reinterpret_cast<HANDLE>(reply.handle);
    return STATUS_SUCCESS;
}
