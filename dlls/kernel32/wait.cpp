// WaitForSingleObject(Ex), WaitForMultipleObjects(Ex), SignalObjectAndWait
// and alertable sleeps. Waiting never asks the server: each object's state
// is a word in the shared sync area; the waiter takes the signal with an
// atomic operation or sleeps on the words with futex_waitv until one
// changes (every signaller wakes all waiters of the word it changed).
#include <linux/futex.h>
#include <sched.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

#include "apc.h"
#include "kernel32_private.h"
#include "sync_slot.h"
#include "timer.h"
#include "vine/server_client.h"

using namespace kernel32;
using vine::protocol::ObjectType;
using vine::protocol::SyncSlot;

namespace {

constexpr DWORD WAIT_OBJECT_0 = 0, WAIT_ABANDONED_0 = 0x80, WAIT_IO_COMPLETION = 0xc0;
constexpr DWORD WAIT_TIMEOUT = 258, WAIT_FAILED = 0xffffffff, INFINITE = 0xffffffff;
constexpr DWORD MAXIMUM_WAIT_OBJECTS = 64;
// Timers whose completion routines an alertable wait also watches
// (futex_waitv takes at most 128 words).
constexpr size_t kMaxTimerWatches = 32;
constexpr DWORD SYNCHRONIZE = 0x00100000;

struct Waited {
    SyncSlot* slot;  // null: never signaled (the caller's own process or thread)
    ObjectType type;
};

// Resolves a handle for waiting; false with the last error set.
bool resolve(HANDLE handle, Waited& out) {
    if (handle == reinterpret_cast<HANDLE>(-1) || handle == reinterpret_cast<HANDLE>(-2)) {
        // Waiting for oneself to end: it never happens while one waits.
        out = Waited{nullptr, handle == reinterpret_cast<HANDLE>(-1) ? ObjectType::process : ObjectType::thread};
        return true;
    }
    vine::client::HandleInfo info;
    if (!vine::client::handle_info(handle, info) || !sync::is_waitable(info.type)) {
        set_error(ERROR_INVALID_HANDLE);
        return false;
    }
    if (!(info.access & SYNCHRONIZE)) {
        set_error(ERROR_ACCESS_DENIED);
        return false;
    }
    out = Waited{vine::client::sync_slot(info.slot), info.type};
    if (!out.slot) {
        set_error(ERROR_INVALID_HANDLE);
        return false;
    }
    return true;
}

timespec deadline_after(DWORD milliseconds) {
    timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    now.tv_sec += milliseconds / 1000;
    now.tv_nsec += static_cast<long>(milliseconds % 1000) * 1000000;
    if (now.tv_nsec >= 1000000000) {
        now.tv_nsec -= 1000000000;
        ++now.tv_sec;
    }
    return now;
}

bool passed(const timespec& deadline) {
    timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > deadline.tv_sec || (now.tv_sec == deadline.tv_sec && now.tv_nsec >= deadline.tv_nsec);
}

// One attempt to satisfy the wait; returns the WAIT_* result or WAIT_TIMEOUT
// when it cannot be satisfied yet.
DWORD try_satisfy(const Waited* objects, DWORD count, bool wait_all, uint32_t thread) {
    if (!wait_all) {
        for (DWORD i = 0; i < count; ++i) {
            if (!objects[i].slot) continue;
            switch (sync::try_acquire(*objects[i].slot, objects[i].type, thread)) {
            case sync::Acquired::yes: return WAIT_OBJECT_0 + i;
            case sync::Acquired::abandoned: return WAIT_ABANDONED_0 + i;
            case sync::Acquired::no: break;
            }
        }
        return WAIT_TIMEOUT;
    }
    for (DWORD i = 0; i < count; ++i)
        if (!objects[i].slot || !sync::is_ready(*objects[i].slot, objects[i].type, thread)) return WAIT_TIMEOUT;
    // All look ready: take them one by one, backing off if another thread
    // got in between.
    DWORD abandoned = count;
    for (DWORD i = 0; i < count; ++i) {
        sync::Acquired got = sync::try_acquire(*objects[i].slot, objects[i].type, thread);
        if (got == sync::Acquired::no) {
            while (i-- > 0) sync::undo_acquire(*objects[i].slot, objects[i].type);
            return WAIT_TIMEOUT;
        }
        if (got == sync::Acquired::abandoned && abandoned == count) abandoned = i;
    }
    return abandoned < count ? WAIT_ABANDONED_0 + abandoned : WAIT_OBJECT_0;
}

// Sleeps until one of the observed words changes, an APC arrives or the
// deadline passes. Spurious returns are fine: the caller loops.
void sleep_on(const Waited* objects, const uint32_t* observed, DWORD count, uint32_t* apc_word,
              const kernel32::timers::Watch* timers, size_t timer_count, const timespec* deadline) {
    struct futex_waitv waiters[MAXIMUM_WAIT_OBJECTS + 1 + kMaxTimerWatches] = {};
    unsigned used = 0;
    for (DWORD i = 0; i < count; ++i) {
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
        syscall(SYS_futex, waiters[0].uaddr, FUTEX_WAIT_BITSET, observed[0], deadline, nullptr,
                FUTEX_BITSET_MATCH_ANY);
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

}  // namespace

namespace kernel32 {

DWORD wait_for_objects(DWORD count, const HANDLE* handles, BOOL wait_all, DWORD milliseconds, BOOL alertable) {
    if (count > MAXIMUM_WAIT_OBJECTS || (count == 0 && !alertable && handles)) {
        set_error(ERROR_INVALID_PARAMETER);
        return WAIT_FAILED;
    }
    Waited objects[MAXIMUM_WAIT_OBJECTS];
    for (DWORD i = 0; i < count; ++i)
        if (!resolve(handles[i], objects[i])) return WAIT_FAILED;
    if (wait_all) {
        // The same object twice cannot be waited for "all" at once.
        for (DWORD i = 0; i < count; ++i)
            for (DWORD j = i + 1; j < count; ++j)
                if (objects[i].slot && objects[i].slot == objects[j].slot) {
                    set_error(ERROR_INVALID_PARAMETER);
                    return WAIT_FAILED;
                }
    }
    uint32_t thread = GetCurrentThreadId();
    uint32_t* apc_word = alertable ? apc::pending_word() : nullptr;
    timespec deadline{};
    if (milliseconds != INFINITE) deadline = deadline_after(milliseconds);
    uint32_t observed[MAXIMUM_WAIT_OBJECTS];
    kernel32::timers::Watch timers[kMaxTimerWatches];
    size_t timer_count = 0;
    for (;;) {
        // Timers this thread set with completion routines queue them here.
        if (apc_word) timer_count = kernel32::timers::poll(timers, kMaxTimerWatches);
        if (apc_word && std::atomic_ref<uint32_t>(*apc_word).load() && apc::run_pending()) return WAIT_IO_COMPLETION;
        for (DWORD i = 0; i < count; ++i) observed[i] = objects[i].slot ? sync::state_of(*objects[i].slot) : 0;
        DWORD result = try_satisfy(objects, count, wait_all, thread);
        if (result != WAIT_TIMEOUT) return result;
        if (milliseconds == 0 || (milliseconds != INFINITE && passed(deadline))) return WAIT_TIMEOUT;
        sleep_on(objects, observed, count, apc_word, timers, timer_count,
                 milliseconds == INFINITE ? nullptr : &deadline);
    }
}

}  // namespace kernel32

VINE_EXPORT DWORD WaitForMultipleObjectsEx(DWORD count, const HANDLE* handles, BOOL wait_all, DWORD milliseconds,
                                           BOOL alertable) {
    if (count == 0 || !handles) {
        set_error(ERROR_INVALID_PARAMETER);
        return WAIT_FAILED;
    }
    return wait_for_objects(count, handles, wait_all, milliseconds, alertable);
}

VINE_EXPORT DWORD WaitForMultipleObjects(DWORD count, const HANDLE* handles, BOOL wait_all, DWORD milliseconds) {
    return WaitForMultipleObjectsEx(count, handles, wait_all, milliseconds, FALSE);
}

VINE_EXPORT DWORD WaitForSingleObjectEx(HANDLE handle, DWORD milliseconds, BOOL alertable) {
    return wait_for_objects(1, &handle, FALSE, milliseconds, alertable);
}

VINE_EXPORT DWORD WaitForSingleObject(HANDLE handle, DWORD milliseconds) {
    return wait_for_objects(1, &handle, FALSE, milliseconds, FALSE);
}

VINE_EXPORT DWORD SleepEx(DWORD milliseconds, BOOL alertable) {
    if (!alertable) {
        if (milliseconds == 0) {
            sched_yield();
            return 0;
        }
        if (milliseconds == INFINITE) {
            for (;;) pause();
        }
        timespec delay{static_cast<time_t>(milliseconds / 1000), static_cast<long>(milliseconds % 1000) * 1000000};
        while (nanosleep(&delay, &delay) != 0 && errno == EINTR) {
        }
        return 0;
    }
    DWORD result = wait_for_objects(0, nullptr, FALSE, milliseconds, TRUE);
    return result == WAIT_IO_COMPLETION ? WAIT_IO_COMPLETION : 0;
}

VINE_EXPORT void Sleep(DWORD milliseconds) { SleepEx(milliseconds, FALSE); }


VINE_EXPORT DWORD SignalObjectAndWait(HANDLE to_signal, HANDLE to_wait, DWORD milliseconds, BOOL alertable) {
    vine::client::HandleInfo info;
    if (!vine::client::handle_info(to_signal, info)) {
        set_error(ERROR_INVALID_HANDLE);
        return WAIT_FAILED;
    }
    BOOL signaled;
    switch (info.type) {
    case ObjectType::event: signaled = SetEvent(to_signal); break;
    case ObjectType::mutex: signaled = ReleaseMutex(to_signal); break;
    case ObjectType::semaphore: signaled = ReleaseSemaphore(to_signal, 1, nullptr); break;
    default:
        set_error(ERROR_INVALID_HANDLE);
        return WAIT_FAILED;
    }
    if (!signaled) return WAIT_FAILED;
    return wait_for_objects(1, &to_wait, FALSE, milliseconds, alertable);
}
