// NtWaitForSingleObject, NtWaitForMultipleObjects,
// NtSignalAndWaitForSingleObject and NtDelayExecution. Waiting never asks
// the server: each object's state is a word of memory this process maps
// (protocol.h); the waiter takes the signal with an atomic operation or
// sleeps on the words with futex_waitv until one changes (every signaller
// wakes all waiters of the word it changed). Nothing here allocates, so a wait costs its futex
// calls and no more.
#include <linux/futex.h>
#include <sched.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <atomic>

#include "async_io.h"
#include "apc.h"
#include "futex.h"
#include "ntdll_private.h"
#include "object.h"
#include "sync_slot.h"
#include "timer.h"
#include "vine/server_client.h"

using vine::protocol::ObjectType;
using vine::protocol::SyncSlot;

namespace {

constexpr ULONG MAXIMUM_WAIT_OBJECTS = 64;
// Timers whose completion routines an alertable wait also watches
// (futex_waitv takes at most 128 words).
constexpr size_t kMaxTimerWatches = 32;

struct Waited {
    SyncSlot* slot;  // null: never signaled (the caller's own process or thread)
    ObjectType type;
    bool file = false;  // a file object's event (async_io.h), which counts its waiters
    uint32_t id = 0;    // the object's slot number: two handles to one object map it twice
};

NTSTATUS resolve(HANDLE handle, Waited& out) {
    if (handle == ntdll::kCurrentProcess || handle == ntdll::kCurrentThread) {
        // Waiting for oneself to end: it never happens while one waits.
        out = Waited{nullptr, handle == ntdll::kCurrentProcess ? ObjectType::process : ObjectType::thread};
        return STATUS_SUCCESS;
    }
    vine::client::HandleInfo info;
    if (!vine::client::handle_info(handle, info)) return STATUS_INVALID_HANDLE;
    if (info.type == ObjectType::file) {
        // A file: its file object's event (async_io.h), a notification event.
        if (!(info.access & ntdll::SYNCHRONIZE)) return STATUS_ACCESS_DENIED;
        out = Waited{ntdll::async::file_event_of(handle), ObjectType::event, true};
        return out.slot ? STATUS_SUCCESS : STATUS_INVALID_HANDLE;
    }
    if (!ntdll::sync::is_waitable(info.type)) return STATUS_INVALID_HANDLE;
    if (!(info.access & ntdll::SYNCHRONIZE)) return STATUS_ACCESS_DENIED;
    out = Waited{info.state, info.type, false, info.slot};
    return out.slot ? STATUS_SUCCESS : STATUS_INVALID_HANDLE;
}

bool passed(const timespec& deadline) {
    timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > deadline.tv_sec || (now.tv_sec == deadline.tv_sec && now.tv_nsec >= deadline.tv_nsec);
}

// One attempt to satisfy the wait; returns the status that ends it, or
// STATUS_TIMEOUT when it cannot be satisfied yet.
NTSTATUS try_satisfy(const Waited* objects, ULONG count, bool wait_all, uint32_t thread) {
    namespace sync = ntdll::sync;
    if (!wait_all) {
        for (ULONG i = 0; i < count; ++i) {
            if (!objects[i].slot) continue;
            switch (sync::try_acquire(*objects[i].slot, objects[i].type, thread)) {
            case sync::Acquired::yes: return STATUS_WAIT_0 + static_cast<NTSTATUS>(i);
            case sync::Acquired::abandoned: return STATUS_ABANDONED_WAIT_0 + static_cast<NTSTATUS>(i);
            case sync::Acquired::no: break;
            }
        }
        return STATUS_TIMEOUT;
    }
    for (ULONG i = 0; i < count; ++i)
        if (!objects[i].slot || !sync::is_ready(*objects[i].slot, objects[i].type, thread)) return STATUS_TIMEOUT;
    // All look ready: take them one by one, backing off if another thread
    // got in between.
    ULONG abandoned = count;  // the first abandoned mutant's index
    for (ULONG i = 0; i < count; ++i) {
        sync::Acquired got = sync::try_acquire(*objects[i].slot, objects[i].type, thread);
        if (got == sync::Acquired::no) {
            while (i-- > 0) sync::undo_acquire(*objects[i].slot, objects[i].type);
            return STATUS_TIMEOUT;
        }
        if (got == sync::Acquired::abandoned && abandoned == count) abandoned = i;
    }
    return abandoned < count ? STATUS_ABANDONED_WAIT_0 + static_cast<NTSTATUS>(abandoned) : STATUS_WAIT_0;
}

// Sleeps until one of the observed words changes, an APC arrives or the
// deadline passes. Spurious returns are fine: the caller loops.
void sleep_on(const Waited* objects, const uint32_t* observed, ULONG count, uint32_t* apc_word,
              const ntdll::timers::Watch* timers, size_t timer_count, const timespec* deadline) {
    struct futex_waitv waiters[MAXIMUM_WAIT_OBJECTS + 1 + kMaxTimerWatches] = {};
    unsigned used = 0;
    for (ULONG i = 0; i < count; ++i) {
        if (!objects[i].slot) continue;
        waiters[used].val = observed[i];
        waiters[used].uaddr = reinterpret_cast<uintptr_t>(&objects[i].slot->state);
        waiters[used].flags = FUTEX_32;  // shared: signallers may be other processes
        ++used;
    }
    if (apc_word) {
        waiters[used].val = 0;
        waiters[used].uaddr = reinterpret_cast<uintptr_t>(apc_word);
        waiters[used].flags = FUTEX_32 | FUTEX_PRIVATE_FLAG;
        ++used;
    }
    for (size_t i = 0; i < timer_count; ++i) {
        waiters[used].val = timers[i].value;
        waiters[used].uaddr = reinterpret_cast<uintptr_t>(timers[i].word);
        waiters[used].flags = FUTEX_32;  // shared: the server expires timers
        ++used;
    }
    if (used == 1 && !apc_word && !timer_count) {
        // The common single-object wait: plain FUTEX_WAIT_BITSET, absolute time.
        syscall(SYS_futex, waiters[0].uaddr, FUTEX_WAIT_BITSET, static_cast<uint32_t>(waiters[0].val), deadline,
                nullptr, FUTEX_BITSET_MATCH_ANY);
        return;
    }
    if (used == 0) {
        // Nothing can wake us but time.
        if (deadline)
            clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, deadline, nullptr);
        else
            pause();
        return;
    }
    syscall(__NR_futex_waitv, waiters, used, 0, deadline, CLOCK_MONOTONIC);
}

// The wait behind every NT wait call; count 0 with `alertable` is an
// alertable sleep.
NTSTATUS wait_objects(ULONG count, const HANDLE* handles, bool wait_all, bool alertable,
                      const LARGE_INTEGER* timeout) {
    if (count > MAXIMUM_WAIT_OBJECTS) return STATUS_INVALID_PARAMETER_1;
    Waited objects[MAXIMUM_WAIT_OBJECTS];
    for (ULONG i = 0; i < count; ++i)
        if (NTSTATUS status = resolve(handles[i], objects[i]); status != STATUS_SUCCESS) return status;
    if (wait_all) {
        // The same object twice cannot be waited for "all" at once.
        for (ULONG i = 0; i < count; ++i)
            for (ULONG j = i + 1; j < count; ++j)
                if (objects[i].slot && (objects[i].slot == objects[j].slot ||
                                        (objects[i].id && objects[i].id == objects[j].id)))
                    return STATUS_INVALID_PARAMETER_MIX;
    }
    // A file's event is set without a wake when nobody counts as waiting
    // (most requests have no waiter), so waiters count themselves first.
    struct FileWaiters {
        Waited* objects;
        ULONG count;
        FileWaiters(Waited* o, ULONG n) : objects(o), count(n) {
            for (ULONG i = 0; i < count; ++i)
                if (objects[i].file) ntdll::async::file_event_waiters(*objects[i].slot).fetch_add(1);
        }
        ~FileWaiters() {
            for (ULONG i = 0; i < count; ++i)
                if (objects[i].file) ntdll::async::file_event_waiters(*objects[i].slot).fetch_sub(1);
        }
    } file_waiters(objects, count);
    uint32_t thread = vine::client::current_thread_id();
    uint32_t* apc_word = alertable ? ntdll::apc::pending_word() : nullptr;
    bool poll_only = timeout && timeout->QuadPart == 0;
    // Fixed once, so spurious wake-ups do not stretch the wait.
    ntdll::Deadline deadline = poll_only ? ntdll::Deadline{} : ntdll::deadline_from_nt(timeout);
    uint32_t observed[MAXIMUM_WAIT_OBJECTS];
    ntdll::timers::Watch timers[kMaxTimerWatches];
    size_t timer_count = 0;
    for (;;) {
        // Timers this thread set with completion routines queue them here.
        if (apc_word) timer_count = ntdll::timers::poll(timers, kMaxTimerWatches);
        if (apc_word && std::atomic_ref<uint32_t>(*apc_word).load() && ntdll::apc::run_pending())
            return STATUS_USER_APC;
        for (ULONG i = 0; i < count; ++i) observed[i] = objects[i].slot ? ntdll::sync::state_of(*objects[i].slot) : 0;
        NTSTATUS result = try_satisfy(objects, count, wait_all, thread);
        if (result != STATUS_TIMEOUT) return result;
        if (poll_only || (!deadline.infinite && passed(deadline.at))) return STATUS_TIMEOUT;
        sleep_on(objects, observed, count, apc_word, timers, timer_count, deadline.infinite ? nullptr : &deadline.at);
    }
}

}  // namespace

VINE_EXPORT NTSTATUS NtWaitForMultipleObjects(ULONG count, const HANDLE* handles, WAIT_TYPE type, BOOLEAN alertable,
                                              const LARGE_INTEGER* timeout) {
    if (count == 0) return STATUS_INVALID_PARAMETER_1;
    if (!handles || (type != WaitAllObject && type != WaitAnyObject)) return STATUS_INVALID_PARAMETER;
    return wait_objects(count, handles, type == WaitAllObject, alertable, timeout);
}

VINE_EXPORT NTSTATUS NtWaitForSingleObject(HANDLE handle, BOOLEAN alertable, const LARGE_INTEGER* timeout) {
    return wait_objects(1, &handle, false, alertable, timeout);
}

VINE_EXPORT NTSTATUS NtSignalAndWaitForSingleObject(HANDLE to_signal, HANDLE to_wait, BOOLEAN alertable,
                                                    const LARGE_INTEGER* timeout) {
    vine::client::HandleInfo info;
    if (!vine::client::handle_info(to_signal, info)) return STATUS_INVALID_HANDLE;
    NTSTATUS status;
    switch (info.type) {
    case ObjectType::event: status = NtSetEvent(to_signal, nullptr); break;
    case ObjectType::mutex: status = NtReleaseMutant(to_signal, nullptr); break;
    case ObjectType::semaphore: status = NtReleaseSemaphore(to_signal, 1, nullptr); break;
    default: return STATUS_OBJECT_TYPE_MISMATCH;
    }
    if (status != STATUS_SUCCESS) return status;
    return wait_objects(1, &to_wait, false, alertable, timeout);
}

VINE_EXPORT NTSTATUS NtDelayExecution(BOOLEAN alertable, const LARGE_INTEGER* timeout) {
    if (alertable) {
        NTSTATUS status = wait_objects(0, nullptr, false, true, timeout);
        return status == STATUS_USER_APC ? status : STATUS_SUCCESS;
    }
    if (timeout && timeout->QuadPart == 0) {
        sched_yield();
        return STATUS_SUCCESS;
    }
    ntdll::Deadline deadline = ntdll::deadline_from_nt(timeout);
    if (deadline.infinite) {
        for (;;) pause();
    }
    // Absolute monotonic time: an interrupted sleep resumes where it was.
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline.at, nullptr) != 0) {
    }
    return STATUS_SUCCESS;
}
