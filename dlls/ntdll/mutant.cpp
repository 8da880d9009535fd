// Mutants (Win32 mutexes). The slot's state is the owning thread's id, aux
// its recursion count, abandoned set by the server when an owner ended
// without releasing; the owner releases with atomics, no server round trip.
#include <atomic>

#include "ntdll_private.h"
#include "object.h"
#include "sync_slot.h"
#include "vine/server_client.h"

using vine::protocol::ObjectType;
using vine::protocol::SyncKind;
using vine::protocol::SyncSlot;

using ntdll::sync::word;

VINE_EXPORT NTSTATUS NtCreateMutant(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                                    BOOLEAN initial_owner) {
    return ntdll::create_sync_object(handle, SyncKind::mutex, access, attributes, false, initial_owner ? 1 : 0, 0);
}

VINE_EXPORT NTSTATUS NtOpenMutant(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes) {
    return ntdll::create_sync_object(handle, SyncKind::mutex, access, attributes, true, 0, 0);
}

// The previous count is the mutant's count before the release, in Windows'
// terms: 1 free, 0 owned once, -n owned n + 1 times.
VINE_EXPORT NTSTATUS NtReleaseMutant(HANDLE handle, LONG* previous_count) {
    SyncSlot* slot;
    if (NTSTATUS status = ntdll::sync_slot_of(handle, ObjectType::mutex, 0, slot); status != STATUS_SUCCESS)
        return status;
    if (word(slot->state).load() != vine::client::current_thread_id()) return STATUS_MUTANT_NOT_OWNED;
    uint32_t recursion = word(slot->aux).fetch_sub(1);
    if (recursion == 1) {
        word(slot->state).store(0);
        ntdll::sync::wake_all(*slot);
    }
    if (previous_count) *previous_count = 1 - static_cast<LONG>(recursion);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtQueryMutant(HANDLE handle, ULONG info_class, PVOID buffer, ULONG length,
                                   ULONG* result_length) {
    SyncSlot* slot;
    if (NTSTATUS status = ntdll::query_slot(handle, ObjectType::mutex, info_class, length, sizeof(MUTANT_BASIC_INFORMATION), slot);
        status != STATUS_SUCCESS)
        return status;
    auto* info = static_cast<MUTANT_BASIC_INFORMATION*>(buffer);
    uint32_t owner = word(slot->state).load();
    info->CurrentCount = owner ? 1 - static_cast<LONG>(word(slot->aux).load()) : 1;
    info->OwnedByCaller = owner && owner == vine::client::current_thread_id();
    info->AbandonedState = word(slot->abandoned).load() != 0;
    if (result_length) *result_length = sizeof(*info);
    return STATUS_SUCCESS;
}
