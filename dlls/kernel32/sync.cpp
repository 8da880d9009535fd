// Events, semaphores and mutexes inside one process, and waits on them.
// The server issue moves these objects into vineserver, where they can be
// named and shared between processes; until then they are unnamed and local.
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "kernel32_private.h"
#include "vine/handles.h"

using namespace kernel32;

namespace {

constexpr DWORD WAIT_OBJECT_0 = 0, WAIT_TIMEOUT = 258, WAIT_FAILED = 0xffffffff;
constexpr DWORD INFINITE = 0xffffffff;

struct Event : Waitable {
    bool manual_reset = false;
    bool signaled = false;
    bool try_acquire(DWORD) override {
        if (!signaled) return false;
        if (!manual_reset) signaled = false;
        return true;
    }
};

struct Semaphore : Waitable {
    LONG count = 0;
    LONG maximum = 0;
    bool try_acquire(DWORD) override {
        if (count <= 0) return false;
        --count;
        return true;
    }
};

struct Mutex : Waitable {
    DWORD owner = 0;
    DWORD recursion = 0;
    bool try_acquire(DWORD thread) override {
        if (owner && owner != thread) return false;
        owner = thread;
        ++recursion;
        return true;
    }
};

}  // namespace

VINE_EXPORT HANDLE CreateEventW(SECURITY_ATTRIBUTES*, BOOL manual_reset, BOOL initial_state, LPCWSTR name) {
    auto event = std::make_shared<Event>();
    event->manual_reset = manual_reset;
    event->signaled = initial_state;
    set_error(ERROR_SUCCESS);
    return vine::handles::insert_object(event);
}

VINE_EXPORT HANDLE CreateEventA(SECURITY_ATTRIBUTES* security, BOOL manual_reset, BOOL initial_state, LPCSTR name) {
    return CreateEventW(security, manual_reset, initial_state, nullptr);
}

VINE_EXPORT BOOL SetEvent(HANDLE handle) {
    auto event = lookup<Event>(handle);
    if (!event) {
        set_error(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    std::lock_guard guard(event->lock);
    event->signaled = true;
    event->changed.notify_all();
    return TRUE;
}

VINE_EXPORT BOOL ResetEvent(HANDLE handle) {
    auto event = lookup<Event>(handle);
    if (!event) {
        set_error(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    std::lock_guard guard(event->lock);
    event->signaled = false;
    return TRUE;
}

VINE_EXPORT HANDLE CreateSemaphoreW(SECURITY_ATTRIBUTES*, LONG initial, LONG maximum, LPCWSTR name) {
    if (maximum <= 0 || initial < 0 || initial > maximum) {
        set_error(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    auto semaphore = std::make_shared<Semaphore>();
    semaphore->count = initial;
    semaphore->maximum = maximum;
    set_error(ERROR_SUCCESS);
    return vine::handles::insert_object(semaphore);
}

VINE_EXPORT HANDLE CreateSemaphoreA(SECURITY_ATTRIBUTES* security, LONG initial, LONG maximum, LPCSTR name) {
    return CreateSemaphoreW(security, initial, maximum, nullptr);
}

VINE_EXPORT BOOL ReleaseSemaphore(HANDLE handle, LONG release, LONG* previous) {
    auto semaphore = lookup<Semaphore>(handle);
    if (!semaphore) {
        set_error(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    std::lock_guard guard(semaphore->lock);
    if (release <= 0 || semaphore->count > semaphore->maximum - release) {
        set_error(release <= 0 ? ERROR_INVALID_PARAMETER : ERROR_TOO_MANY_POSTS);
        return FALSE;
    }
    if (previous) *previous = semaphore->count;
    semaphore->count += release;
    semaphore->changed.notify_all();
    return TRUE;
}

VINE_EXPORT HANDLE CreateMutexW(SECURITY_ATTRIBUTES*, BOOL initial_owner, LPCWSTR name) {
    auto mutex = std::make_shared<Mutex>();
    if (initial_owner) {
        mutex->owner = GetCurrentThreadId();
        mutex->recursion = 1;
    }
    set_error(ERROR_SUCCESS);
    return vine::handles::insert_object(mutex);
}

VINE_EXPORT HANDLE CreateMutexA(SECURITY_ATTRIBUTES* security, BOOL initial_owner, LPCSTR name) {
    return CreateMutexW(security, initial_owner, nullptr);
}

VINE_EXPORT BOOL ReleaseMutex(HANDLE handle) {
    auto mutex = lookup<Mutex>(handle);
    if (!mutex) {
        set_error(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    std::lock_guard guard(mutex->lock);
    if (mutex->owner != GetCurrentThreadId()) {
        set_error(ERROR_NOT_OWNER);
        return FALSE;
    }
    if (--mutex->recursion == 0) {
        mutex->owner = 0;
        mutex->changed.notify_all();
    }
    return TRUE;
}

VINE_EXPORT DWORD WaitForSingleObjectEx(HANDLE handle, DWORD milliseconds, BOOL alertable) {
    auto object = lookup<Waitable>(handle);
    if (!object) {
        set_error(ERROR_INVALID_HANDLE);
        return WAIT_FAILED;
    }
    DWORD thread = GetCurrentThreadId();
    std::unique_lock guard(object->lock);
    auto ready = [&] { return object->try_acquire(thread); };
    if (milliseconds == INFINITE) {
        object->changed.wait(guard, ready);
        return WAIT_OBJECT_0;
    }
    return object->changed.wait_for(guard, std::chrono::milliseconds(milliseconds), ready) ? WAIT_OBJECT_0
                                                                                           : WAIT_TIMEOUT;
}

VINE_EXPORT DWORD WaitForSingleObject(HANDLE handle, DWORD milliseconds) {
    return WaitForSingleObjectEx(handle, milliseconds, FALSE);
}
