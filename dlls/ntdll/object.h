// What the NT object calls share: pseudo-handles, the sync slot behind a
// handle, the server's replies as NTSTATUS, and creating or opening a
// (possibly named) event, mutant, semaphore or timer from OBJECT_ATTRIBUTES.
#pragma once

#include <string>
#include <string_view>

#include <cstdint>

#include "vine/calling_convention.h"
#include "protocol.h"
#include "vine/ntdll_exports.h"

namespace ntdll {

inline const HANDLE kCurrentProcess = reinterpret_cast<HANDLE>(-1);
inline const HANDLE kCurrentThread = reinterpret_cast<HANDLE>(-2);

constexpr ACCESS_MASK SYNCHRONIZE = 0x00100000;
// EVENT_QUERY_STATE, MUTANT_QUERY_STATE, SEMAPHORE_QUERY_STATE, TIMER_QUERY_STATE.
constexpr ACCESS_MASK QUERY_STATE = 0x0001;
// EVENT_MODIFY_STATE, SEMAPHORE_MODIFY_STATE, TIMER_MODIFY_STATE.
constexpr ACCESS_MASK MODIFY_STATE = 0x0002;

// A handle as the server's requests carry it.
inline uint64_t handle_value(HANDLE handle) { return reinterpret_cast<uintptr_t>(handle); }

// The fields of a create_* request that OBJECT_ATTRIBUTES and the caller's
// choice (open only, or create) give: inheritance, and whether an existing
// object is opened (OBJ_OPENIF) or must exist.
struct CreateFields {
    uint32_t inherit;
    uint32_t flags;
};
inline CreateFields create_fields(const OBJECT_ATTRIBUTES* attributes, bool open_existing) {
    ULONG attrs = attributes ? attributes->Attributes : 0;
    uint32_t flags = open_existing          ? uint32_t{vine::protocol::create_open_existing}
                     : (attrs & OBJ_OPENIF) ? uint32_t{vine::protocol::create_open_if}
                                            : 0u;
    return CreateFields{(attrs & OBJ_INHERIT) ? 1u : 0u, flags};
}

// The server answers with Win32 codes; this is the NTSTATUS each stands
// for in the object calls.
VINE_CALL NTSTATUS status_from_server(uint32_t error);
// The most recent mapping of the "\??" link `name` ("Q:"), when there is
// such a link (DefineDosDevice's; symlink.cpp).
bool dos_link_target(std::u16string_view name, std::u16string& target);

// The sync slot of `handle`, which must name an object of `type` opened
// with the `needed` access.
VINE_CALL NTSTATUS sync_slot_of(HANDLE handle, vine::protocol::ObjectType type, ACCESS_MASK needed,
                      vine::protocol::SyncSlot*& slot);

// NtQueryEvent, NtQueryMutant, NtQuerySemaphore: checks the class and the
// buffer's length, then gets the slot as sync_slot_of does.
VINE_CALL NTSTATUS query_slot(HANDLE handle, vine::protocol::ObjectType type, ULONG info_class, ULONG length,
                    ULONG expected_length, vine::protocol::SyncSlot*& slot);

// NtCreate* (open_existing false: OBJ_OPENIF decides what an existing name
// does) and NtOpen* (true) of a sync object. `initial` and `maximum` are
// create_sync_request's.
VINE_CALL NTSTATUS create_sync_object(HANDLE* handle, vine::protocol::SyncKind kind, ACCESS_MASK access,
                            const OBJECT_ATTRIBUTES* attributes, bool open_existing, uint32_t initial,
                            uint32_t maximum);

VINE_CALL uint32_t current_process_id();

// The name in `attributes` for a create request: null/empty for an unnamed
// object; a path from the root directory otherwise.
VINE_CALL NTSTATUS object_name(const OBJECT_ATTRIBUTES* attributes, const WCHAR*& name, uint32_t& bytes);

}  // namespace ntdll
