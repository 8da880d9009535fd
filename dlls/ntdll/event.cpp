// Events. The server creates, names and opens them (so they can be shared
// between processes); their state lives in memory each process holding a
// handle maps (protocol.h), where setting and resetting are an atomic
// exchange plus a futex wake, with no server round trip.
#include <sched.h>

#include <atomic>

#include "ntdll_private.h"
#include "object.h"
#include "sync_slot.h"

using vine::protocol::ObjectType;
using vine::protocol::SyncKind;
using vine::protocol::SyncSlot;

using ntdll::sync::word;

namespace {

// The slot of an event handle that may be set and reset.
NTSTATUS modifiable(HANDLE handle, SyncSlot*& slot) {
    return ntdll::sync_slot_of(handle, ObjectType::event, ntdll::MODIFY_STATE, slot);
}

}  // namespace

VINE_EXPORT NTSTATUS NtCreateEvent(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                                   EVENT_TYPE type, BOOLEAN initial_state) {
    if (type != NotificationEvent && type != SynchronizationEvent) return STATUS_INVALID_PARAMETER;
    // A notification event stays signaled until reset (manual reset).
    return ntdll::create_sync_object(handle, SyncKind::event, access, attributes, false, initial_state ? 1 : 0,
                                     type == NotificationEvent ? 1 : 0);
}

VINE_EXPORT NTSTATUS NtOpenEvent(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes) {
    return ntdll::create_sync_object(handle, SyncKind::event, access, attributes, true, 0, 0);
}

VINE_EXPORT NTSTATUS NtSetEvent(HANDLE handle, LONG* previous_state) {
    SyncSlot* slot;
    if (NTSTATUS status = modifiable(handle, slot); status != STATUS_SUCCESS) return status;
    uint32_t previous = word(slot->state).exchange(1);
    if (previous == 0) ntdll::sync::wake_all(*slot);
    if (previous_state) *previous_state = static_cast<LONG>(previous);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtResetEvent(HANDLE handle, LONG* previous_state) {
    SyncSlot* slot;
    if (NTSTATUS status = modifiable(handle, slot); status != STATUS_SUCCESS) return status;
    uint32_t previous = word(slot->state).exchange(0);
    if (previous_state) *previous_state = static_cast<LONG>(previous);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtClearEvent(HANDLE handle) { return NtResetEvent(handle, nullptr); }

// Documented as unreliable on Windows too: waiters that are not asleep at
// the moment of the pulse miss it.
VINE_EXPORT NTSTATUS NtPulseEvent(HANDLE handle, LONG* previous_state) {
    SyncSlot* slot;
    if (NTSTATUS status = modifiable(handle, slot); status != STATUS_SUCCESS) return status;
    uint32_t previous = word(slot->state).exchange(1);
    ntdll::sync::wake_all(*slot);
    sched_yield();
    word(slot->state).store(0);
    if (previous_state) *previous_state = static_cast<LONG>(previous);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtQueryEvent(HANDLE handle, ULONG info_class, PVOID buffer, ULONG length, ULONG* result_length) {
    SyncSlot* slot;
    if (NTSTATUS status = ntdll::query_slot(handle, ObjectType::event, info_class, length, sizeof(EVENT_BASIC_INFORMATION), slot);
        status != STATUS_SUCCESS)
        return status;
    auto* info = static_cast<EVENT_BASIC_INFORMATION*>(buffer);
    info->EventType = word(slot->aux).load() ? NotificationEvent : SynchronizationEvent;
    info->EventState = static_cast<LONG>(word(slot->state).load());
    if (result_length) *result_length = sizeof(*info);
    return STATUS_SUCCESS;
}
