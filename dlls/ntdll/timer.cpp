// Waitable timers. The server creates, names, arms and expires them (see
// server/requests_timer.cpp); waiting on one is waiting on its sync slot
// like on an event. A completion routine runs as an APC in the thread that
// set the timer, when that thread waits alertably: the thread's alertable
// waits also sleep on the timer's expiry count and queue the routine when
// it moves. As on Windows, at most one call is owed per timer at a time.
#include "vine/locks.h"
#include "timer.h"

#include <time.h>

#include <atomic>
#include <mutex>
#include <vector>

#include "apc.h"
#include "ntdll_private.h"
#include "object.h"
#include "vine/server_client.h"
#include "vine/thread_control.h"

using vine::protocol::ObjectType;
using vine::protocol::SyncKind;
using vine::protocol::SyncSlot;

namespace {

struct Completion {
    HANDLE handle;
    uint32_t thread_id;
    uint32_t* expiries;  // the slot's expiry count
    uint32_t seen;
    PTIMER_APC_ROUTINE routine;
    PVOID context;
};

vine::Mutex g_lock;
std::vector<Completion> g_completions;
std::atomic<bool> g_any{false};  // keeps NtClose and waits lock-free without timers

struct Locked {
    vine::threads::NoInterrupt region;
    std::lock_guard<vine::Mutex> guard{g_lock};
};

void forget_locked(HANDLE handle) {
    std::erase_if(g_completions, [handle](const Completion& c) { return c.handle == handle; });
    g_any.store(!g_completions.empty());
}

// The current time as a FILETIME, which a completion routine receives.
int64_t system_time_now() {
    timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return now.tv_sec * 10000000LL + now.tv_nsec / 100 + 116444736000000000LL;
}

}  // namespace

namespace ntdll::timers {

size_t poll(Watch* out, size_t max) {
    if (!g_any.load()) return 0;
    uint32_t self = vine::client::current_thread_id();
    std::vector<Completion> due;
    size_t filled = 0;
    {
        Locked locked;
        for (Completion& c : g_completions) {
            if (c.thread_id != self) continue;
            uint32_t now = std::atomic_ref<uint32_t>(*c.expiries).load();
            if (now != c.seen) {
                c.seen = now;
                due.push_back(c);
            }
            if (filled < max) out[filled++] = Watch{c.expiries, now};
        }
    }
    for (const Completion& c : due) {
        int64_t when = system_time_now();  // the routine gets the time it fired at
        PTIMER_APC_ROUTINE routine = c.routine;
        PVOID context = c.context;
        apc::queue(self, [routine, context, when] {
            routine(context, static_cast<ULONG>(when), static_cast<LONG>(when >> 32));
        });
    }
    return filled;
}

void forget_handle(HANDLE handle) {
    if (!g_any.load()) return;
    Locked locked;
    forget_locked(handle);
}

void forget_thread(uint32_t thread_id) {
    if (!g_any.load()) return;
    Locked locked;
    std::erase_if(g_completions, [thread_id](const Completion& c) { return c.thread_id == thread_id; });
    g_any.store(!g_completions.empty());
}

}  // namespace ntdll::timers

VINE_EXPORT NTSTATUS NtCreateTimer(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                                   TIMER_TYPE type) {
    if (type != NotificationTimer && type != SynchronizationTimer) return STATUS_INVALID_PARAMETER;
    // A notification timer stays signaled (manual reset).
    return ntdll::create_sync_object(handle, SyncKind::timer, access, attributes, false, 0,
                                     type == NotificationTimer ? 1 : 0);
}

VINE_EXPORT NTSTATUS NtOpenTimer(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes) {
    return ntdll::create_sync_object(handle, SyncKind::timer, access, attributes, true, 0, 0);
}

VINE_EXPORT NTSTATUS NtSetTimer(HANDLE timer, const LARGE_INTEGER* due, PTIMER_APC_ROUTINE routine, PVOID context,
                                BOOLEAN resume, LONG period, BOOLEAN* previous_state) {
    (void)resume;  // waking a suspended machine
    if (!due || period < 0) return STATUS_INVALID_PARAMETER;
    SyncSlot* slot;
    if (NTSTATUS status = ntdll::sync_slot_of(timer, ObjectType::timer, 0, slot); status != STATUS_SUCCESS)
        return status;
    uint32_t* expiries = &slot->abandoned;
    uint32_t seen = std::atomic_ref<uint32_t>(*expiries).load();
    BOOLEAN was_signaled = std::atomic_ref<uint32_t>(slot->state).load() != 0;
    vine::protocol::set_timer_request request{reinterpret_cast<uintptr_t>(timer), due->QuadPart,
                                              static_cast<uint32_t>(period), 0};
    vine::protocol::set_timer_reply reply{};
    if (uint32_t error = vine::client::call(request, reply)) return ntdll::status_from_server(error);
    {
        // Setting replaces the previous completion routine, if any.
        Locked locked;
        forget_locked(timer);
        if (routine) {
            g_completions.push_back(
                Completion{timer, vine::client::current_thread_id(), expiries, seen, routine, context});
            g_any.store(true);
        }
    }
    if (previous_state) *previous_state = was_signaled;
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtCancelTimer(HANDLE timer, BOOLEAN* current_state) {
    vine::protocol::cancel_timer_request request{reinterpret_cast<uintptr_t>(timer)};
    vine::protocol::cancel_timer_reply reply{};
    if (uint32_t error = vine::client::call(request, reply)) return ntdll::status_from_server(error);
    ntdll::timers::forget_handle(timer);
    if (current_state) {
        SyncSlot* slot;
        *current_state = ntdll::sync_slot_of(timer, ObjectType::timer, 0, slot) == STATUS_SUCCESS &&
                         std::atomic_ref<uint32_t>(slot->state).load() != 0;
    }
    return STATUS_SUCCESS;
}
