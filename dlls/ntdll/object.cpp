// Handles to sync objects, and creating or opening them by name: see
// object.h. Names are full object-manager paths; the server resolves them
// (server/requests_sync.cpp). The one directory handle Vine has is
// "\??"'s (symlink.cpp); a RootDirectory cannot name one here.
#include "object.h"

#include <unistd.h>

#include <vector>

#include "ntdll_private.h"
#include "vine/memory.h"
#include "vine/server_client.h"

namespace ntdll {

using vine::protocol::ObjectType;
using vine::protocol::SyncKind;
namespace server_status = vine::protocol::status;

NTSTATUS status_from_server(uint32_t error) {
    switch (error) {
    case server_status::success: return STATUS_SUCCESS;
    case server_status::file_not_found: return STATUS_OBJECT_NAME_NOT_FOUND;
    case server_status::path_not_found: return STATUS_OBJECT_PATH_NOT_FOUND;
    case server_status::access_denied: return STATUS_ACCESS_DENIED;
    case server_status::invalid_handle: return STATUS_INVALID_HANDLE;
    case server_status::not_enough_memory: return STATUS_NO_MEMORY;
    case server_status::invalid_parameter: return STATUS_INVALID_PARAMETER;
    case server_status::invalid_name: return STATUS_OBJECT_NAME_INVALID;
    case server_status::already_exists: return STATUS_OBJECT_NAME_COLLISION;
    case server_status::sharing_violation: return STATUS_SHARING_VIOLATION;
    case server_status::not_supported: return STATUS_NOT_SUPPORTED;
    case server_status::no_token: return STATUS_NO_TOKEN;
    case server_status::bad_token_type: return nt_status(0xc00000a8);  // STATUS_BAD_TOKEN_TYPE
    case server_status::privilege_not_held: return STATUS_PRIVILEGE_NOT_HELD;
    case server_status::no_system_resources: return STATUS_INSUFFICIENT_RESOURCES;
    case server_status::invalid_address: return STATUS_CONFLICTING_ADDRESSES;
    case server_status::user_mapped_file: return STATUS_USER_MAPPED_FILE;
    case server_status::section_not_extended: return STATUS_SECTION_NOT_EXTENDED;
    case server_status::disk_full: return STATUS_DISK_FULL;
    case server_status::signal_refused: return STATUS_SUSPEND_COUNT_EXCEEDED;
    default: return STATUS_UNSUCCESSFUL;
    }
}

NTSTATUS sync_slot_of(HANDLE handle, ObjectType type, ACCESS_MASK needed, vine::protocol::SyncSlot*& slot) {
    vine::client::HandleInfo info;
    if (!vine::client::handle_info(handle, info)) return STATUS_INVALID_HANDLE;
    if (info.type != type) return STATUS_OBJECT_TYPE_MISMATCH;
    if ((info.access & needed) != needed) return STATUS_ACCESS_DENIED;
    slot = info.state;
    return slot ? STATUS_SUCCESS : STATUS_INVALID_HANDLE;
}

NTSTATUS query_slot(HANDLE handle, ObjectType type, ULONG info_class, ULONG length, ULONG expected_length,
                    vine::protocol::SyncSlot*& slot) {
    // Each of these objects has one class, "basic information", numbered 0.
    if (info_class != 0) return STATUS_INVALID_INFO_CLASS;
    if (length != expected_length) return STATUS_INFO_LENGTH_MISMATCH;
    return sync_slot_of(handle, type, QUERY_STATE, slot);
}

// Checks the name in `attributes`: null/empty means an unnamed object.
NTSTATUS object_name(const OBJECT_ATTRIBUTES* attributes, const WCHAR*& name, uint32_t& bytes) {
    name = nullptr;
    bytes = 0;
    if (!attributes) return STATUS_SUCCESS;
    if (attributes->RootDirectory) {
        // Only directory handles can be roots, and Vine has none to give.
        vine::client::HandleInfo info;
        return vine::client::handle_info(attributes->RootDirectory, info) ? STATUS_OBJECT_TYPE_MISMATCH
                                                                          : STATUS_INVALID_HANDLE;
    }
    const UNICODE_STRING* string = attributes->ObjectName;
    if (!string || !string->Length) return STATUS_SUCCESS;
    if (string->Length % 2 || string->Length > string->MaximumLength || !string->Buffer)
        return STATUS_OBJECT_NAME_INVALID;
    // A name is a path from the root directory.
    if (string->Buffer[0] != u'\\') return STATUS_OBJECT_PATH_SYNTAX_BAD;
    name = string->Buffer;
    bytes = string->Length;
    return STATUS_SUCCESS;
}

NTSTATUS create_sync_object(HANDLE* handle, SyncKind kind, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                            bool open_existing, uint32_t initial, uint32_t maximum) {
    if (!handle) return STATUS_INVALID_PARAMETER;  // Windows faults: STATUS_ACCESS_VIOLATION
    *handle = nullptr;
    const WCHAR* name;
    uint32_t bytes;
    if (NTSTATUS status = object_name(attributes, name, bytes); status != STATUS_SUCCESS) return status;
    // Opening needs a name to find.
    if (open_existing && !name) return STATUS_OBJECT_PATH_SYNTAX_BAD;
    vine::protocol::create_sync_request request{};
    request.kind = static_cast<uint32_t>(kind);
    request.access = access;
    auto [inherit, create_flags] = ntdll::create_fields(attributes, open_existing);
    request.inherit = inherit;
    request.flags = create_flags;
    request.initial = initial;
    request.maximum = maximum;
    request.thread_id = vine::client::current_thread_id();
    vine::protocol::create_sync_reply reply{};
    std::vector<int> fds;
    uint32_t error = vine::client::call(request, reply, name, bytes, nullptr, 0, nullptr, &fds);
    int state_fd = fds.empty() ? -1 : fds[0];
    for (size_t i = 1; i < fds.size(); ++i) close(fds[i]);
    if (error) {
        if (state_fd >= 0) close(state_fd);
        // The request names no handle: an invalid one means the name is an
        // object of another type.
        return error == server_status::invalid_handle ? STATUS_OBJECT_TYPE_MISMATCH : status_from_server(error);
    }
    // The object's state comes with its handle (protocol.h): mapped here,
    // for this handle only.
    vine::client::HandleInfo info;
    info.type = vine::protocol::object_type_of(kind);
    info.access = access;
    info.slot = reply.slot;
    info.state = state_fd >= 0 && vine::protocol::is_sync_object_slot(reply.slot)
                     ? vine::client::map_sync_object(state_fd)
                     : nullptr;
    if (!info.state) {
        if (state_fd >= 0 && !vine::protocol::is_sync_object_slot(reply.slot)) close(state_fd);
        vine::client::close_handle(reinterpret_cast<HANDLE>(reply.handle));
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    *handle = reinterpret_cast<HANDLE>(reply.handle);
    vine::client::remember_handle(*handle, info);
    return reply.existed && !open_existing ? STATUS_OBJECT_NAME_EXISTS : STATUS_SUCCESS;
}

uint32_t current_process_id() {
    return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(current_teb()->ClientId.UniqueProcess));
}

}  // namespace ntdll
