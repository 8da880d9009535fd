// Semaphores. The slot's state is the count, aux the maximum; releasing is a
// compare-exchange plus a futex wake, no server round trip.
#include <atomic>

#include "ntdll_private.h"
#include "object.h"
#include "sync_slot.h"

using vine::protocol::ObjectType;
using vine::protocol::SyncKind;
using vine::protocol::SyncSlot;

using ntdll::sync::word;

VINE_EXPORT NTSTATUS NtCreateSemaphore(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                                       LONG initial, LONG maximum) {
    if (maximum <= 0 || initial < 0 || initial > maximum) return STATUS_INVALID_PARAMETER;
    return ntdll::create_sync_object(handle, SyncKind::semaphore, access, attributes, false,
                                     static_cast<uint32_t>(initial), static_cast<uint32_t>(maximum));
}

VINE_EXPORT NTSTATUS NtOpenSemaphore(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes) {
    return ntdll::create_sync_object(handle, SyncKind::semaphore, access, attributes, true, 0, 0);
}

VINE_EXPORT NTSTATUS NtReleaseSemaphore(HANDLE handle, ULONG release, ULONG* previous_count) {
    SyncSlot* slot;
    if (NTSTATUS status = ntdll::sync_slot_of(handle, ObjectType::semaphore, ntdll::MODIFY_STATE, slot);
        status != STATUS_SUCCESS)
        return status;
    if (release == 0 || release > 0x7fffffff) return STATUS_INVALID_PARAMETER;
    uint32_t maximum = word(slot->aux).load();
    uint32_t count = word(slot->state).load();
    do {
        if (count > maximum || release > maximum - count) return STATUS_SEMAPHORE_LIMIT_EXCEEDED;
    } while (!word(slot->state).compare_exchange_weak(count, count + release));
    if (previous_count) *previous_count = count;
    ntdll::sync::wake_all(*slot);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtQuerySemaphore(HANDLE handle, ULONG info_class, PVOID buffer, ULONG length,
                                      ULONG* result_length) {
    SyncSlot* slot;
    if (NTSTATUS status = ntdll::query_slot(handle, ObjectType::semaphore, info_class, length, sizeof(SEMAPHORE_BASIC_INFORMATION), slot);
        status != STATUS_SUCCESS)
        return status;
    auto* info = static_cast<SEMAPHORE_BASIC_INFORMATION*>(buffer);
    info->CurrentCount = static_cast<LONG>(word(slot->state).load());
    info->MaximumCount = static_cast<LONG>(word(slot->aux).load());
    if (result_length) *result_length = sizeof(*info);
    return STATUS_SUCCESS;
}
