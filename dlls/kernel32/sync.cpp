// Events, mutexes and semaphores. The server creates, names and opens them
// (so they can be shared between processes); their state lives in the
// shared sync area, where setting, resetting and releasing are atomic
// operations plus a futex wake, with no server round trip.
#include <sched.h>

#include <atomic>

#include "kernel32_private.h"
#include "sync_slot.h"
#include "vine/server_client.h"
#include "vine/unicode.h"

using namespace kernel32;
using vine::protocol::ObjectType;
using vine::protocol::SyncKind;
using vine::protocol::SyncSlot;

namespace {

constexpr DWORD EVENT_MODIFY_STATE = 0x0002, EVENT_ALL_ACCESS = 0x1f0003;
constexpr DWORD MUTEX_ALL_ACCESS = 0x1f0001;
constexpr DWORD SEMAPHORE_MODIFY_STATE = 0x0002, SEMAPHORE_ALL_ACCESS = 0x1f0003;
constexpr DWORD CREATE_EVENT_MANUAL_RESET = 1, CREATE_EVENT_INITIAL_SET = 2;
constexpr DWORD CREATE_MUTEX_INITIAL_OWNER = 1;

std::atomic_ref<uint32_t> word(uint32_t& value) { return std::atomic_ref<uint32_t>(value); }

ObjectType type_of(SyncKind kind) {
    switch (kind) {
    case SyncKind::event: return ObjectType::event;
    case SyncKind::mutex: return ObjectType::mutex;
    case SyncKind::semaphore: return ObjectType::semaphore;
    default: return ObjectType::timer;
    }
}

// Create* and Open* in one: asks the server, caches the handle.
HANDLE create_or_open(SyncKind kind, LPCWSTR name, SECURITY_ATTRIBUTES* security, DWORD access, bool open_only,
                      uint32_t initial, uint32_t maximum) {
    vine::protocol::create_sync_request request{};
    request.kind = static_cast<uint32_t>(kind);
    request.access = access;
    request.inherit = security && security->bInheritHandle;
    request.flags = open_only ? uint32_t{vine::protocol::create_open_existing} : 0u;
    request.initial = initial;
    request.maximum = maximum;
    request.thread_id = GetCurrentThreadId();
    size_t length = name ? vine::utf16_length(name) : 0;
    if (open_only && !length) {
        // Open* needs a name; Windows reports an invalid parameter.
        set_error(name ? ERROR_INVALID_NAME : ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    vine::protocol::create_sync_reply reply{};
    DWORD error = vine::client::call(request, reply, name, static_cast<uint32_t>(length * sizeof(WCHAR)));
    if (error) {
        set_error(error);
        return nullptr;
    }
    HANDLE handle = reinterpret_cast<HANDLE>(reply.handle);
    vine::client::HandleInfo info;
    info.type = type_of(kind);
    info.access = access;
    info.slot = reply.slot;
    vine::client::remember_handle(handle, info);
    set_error(reply.existed ? ERROR_ALREADY_EXISTS : ERROR_SUCCESS);
    return handle;
}

// The slot of a handle of `type`, checking `needed` access; null with the
// last error set otherwise.
SyncSlot* slot_of(HANDLE handle, ObjectType type, DWORD needed) {
    vine::client::HandleInfo info;
    if (!vine::client::handle_info(handle, info) || info.type != type) {
        set_error(ERROR_INVALID_HANDLE);
        return nullptr;
    }
    if ((info.access & needed) != needed) {
        set_error(ERROR_ACCESS_DENIED);
        return nullptr;
    }
    SyncSlot* slot = vine::client::sync_slot(info.slot);
    if (!slot) set_error(ERROR_INVALID_HANDLE);
    return slot;
}

std::u16string wide_name(LPCSTR name) { return name ? wide_from_ansi(name) : std::u16string(); }
LPCWSTR or_null(const std::u16string& text, LPCSTR original) { return original ? text.c_str() : nullptr; }

}  // namespace

// ---- events ----

VINE_EXPORT HANDLE CreateEventExW(SECURITY_ATTRIBUTES* security, LPCWSTR name, DWORD flags, DWORD access) {
    return create_or_open(SyncKind::event, name, security, access, false, (flags & CREATE_EVENT_INITIAL_SET) ? 1 : 0,
                          (flags & CREATE_EVENT_MANUAL_RESET) ? 1 : 0);
}

VINE_EXPORT HANDLE CreateEventExA(SECURITY_ATTRIBUTES* security, LPCSTR name, DWORD flags, DWORD access) {
    std::u16string wide = wide_name(name);
    return CreateEventExW(security, or_null(wide, name), flags, access);
}

VINE_EXPORT HANDLE CreateEventW(SECURITY_ATTRIBUTES* security, BOOL manual_reset, BOOL initial_state, LPCWSTR name) {
    DWORD flags = (manual_reset ? CREATE_EVENT_MANUAL_RESET : 0) | (initial_state ? CREATE_EVENT_INITIAL_SET : 0);
    return CreateEventExW(security, name, flags, EVENT_ALL_ACCESS);
}

VINE_EXPORT HANDLE CreateEventA(SECURITY_ATTRIBUTES* security, BOOL manual_reset, BOOL initial_state, LPCSTR name) {
    std::u16string wide = wide_name(name);
    return CreateEventW(security, manual_reset, initial_state, or_null(wide, name));
}

VINE_EXPORT HANDLE OpenEventW(DWORD access, BOOL inherit, LPCWSTR name) {
    SECURITY_ATTRIBUTES attributes{sizeof(attributes), nullptr, inherit};
    return create_or_open(SyncKind::event, name, &attributes, access, true, 0, 0);
}

VINE_EXPORT HANDLE OpenEventA(DWORD access, BOOL inherit, LPCSTR name) {
    std::u16string wide = wide_name(name);
    return OpenEventW(access, inherit, or_null(wide, name));
}

VINE_EXPORT BOOL SetEvent(HANDLE handle) {
    SyncSlot* slot = slot_of(handle, ObjectType::event, EVENT_MODIFY_STATE);
    if (!slot) return FALSE;
    if (word(slot->state).exchange(1) == 0) sync::wake_all(*slot);
    return TRUE;
}

VINE_EXPORT BOOL ResetEvent(HANDLE handle) {
    SyncSlot* slot = slot_of(handle, ObjectType::event, EVENT_MODIFY_STATE);
    if (!slot) return FALSE;
    word(slot->state).store(0);
    return TRUE;
}

// Documented as unreliable on Windows too: waiters that are not asleep at
// the moment of the pulse miss it.
VINE_EXPORT BOOL PulseEvent(HANDLE handle) {
    SyncSlot* slot = slot_of(handle, ObjectType::event, EVENT_MODIFY_STATE);
    if (!slot) return FALSE;
    word(slot->state).store(1);
    sync::wake_all(*slot);
    sched_yield();
    word(slot->state).store(0);
    return TRUE;
}

// ---- mutexes ----

VINE_EXPORT HANDLE CreateMutexExW(SECURITY_ATTRIBUTES* security, LPCWSTR name, DWORD flags, DWORD access) {
    return create_or_open(SyncKind::mutex, name, security, access, false,
                          (flags & CREATE_MUTEX_INITIAL_OWNER) ? 1 : 0, 0);
}

VINE_EXPORT HANDLE CreateMutexExA(SECURITY_ATTRIBUTES* security, LPCSTR name, DWORD flags, DWORD access) {
    std::u16string wide = wide_name(name);
    return CreateMutexExW(security, or_null(wide, name), flags, access);
}

VINE_EXPORT HANDLE CreateMutexW(SECURITY_ATTRIBUTES* security, BOOL initial_owner, LPCWSTR name) {
    return CreateMutexExW(security, name, initial_owner ? CREATE_MUTEX_INITIAL_OWNER : 0, MUTEX_ALL_ACCESS);
}

VINE_EXPORT HANDLE CreateMutexA(SECURITY_ATTRIBUTES* security, BOOL initial_owner, LPCSTR name) {
    std::u16string wide = wide_name(name);
    return CreateMutexW(security, initial_owner, or_null(wide, name));
}

VINE_EXPORT HANDLE OpenMutexW(DWORD access, BOOL inherit, LPCWSTR name) {
    SECURITY_ATTRIBUTES attributes{sizeof(attributes), nullptr, inherit};
    return create_or_open(SyncKind::mutex, name, &attributes, access, true, 0, 0);
}

VINE_EXPORT HANDLE OpenMutexA(DWORD access, BOOL inherit, LPCSTR name) {
    std::u16string wide = wide_name(name);
    return OpenMutexW(access, inherit, or_null(wide, name));
}

VINE_EXPORT BOOL ReleaseMutex(HANDLE handle) {
    SyncSlot* slot = slot_of(handle, ObjectType::mutex, 0);
    if (!slot) return FALSE;
    if (word(slot->state).load() != GetCurrentThreadId()) {
        set_error(ERROR_NOT_OWNER);
        return FALSE;
    }
    if (word(slot->aux).fetch_sub(1) == 1) {
        word(slot->state).store(0);
        sync::wake_all(*slot);
    }
    return TRUE;
}

// ---- semaphores ----

VINE_EXPORT HANDLE CreateSemaphoreExW(SECURITY_ATTRIBUTES* security, LONG initial, LONG maximum, LPCWSTR name,
                                      DWORD flags, DWORD access) {
    if (maximum <= 0 || initial < 0 || initial > maximum) {
        set_error(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    return create_or_open(SyncKind::semaphore, name, security, access, false, static_cast<uint32_t>(initial),
                          static_cast<uint32_t>(maximum));
}

VINE_EXPORT HANDLE CreateSemaphoreExA(SECURITY_ATTRIBUTES* security, LONG initial, LONG maximum, LPCSTR name,
                                      DWORD flags, DWORD access) {
    std::u16string wide = wide_name(name);
    return CreateSemaphoreExW(security, initial, maximum, or_null(wide, name), flags, access);
}

VINE_EXPORT HANDLE CreateSemaphoreW(SECURITY_ATTRIBUTES* security, LONG initial, LONG maximum, LPCWSTR name) {
    return CreateSemaphoreExW(security, initial, maximum, name, 0, SEMAPHORE_ALL_ACCESS);
}

VINE_EXPORT HANDLE CreateSemaphoreA(SECURITY_ATTRIBUTES* security, LONG initial, LONG maximum, LPCSTR name) {
    std::u16string wide = wide_name(name);
    return CreateSemaphoreW(security, initial, maximum, or_null(wide, name));
}

VINE_EXPORT HANDLE OpenSemaphoreW(DWORD access, BOOL inherit, LPCWSTR name) {
    SECURITY_ATTRIBUTES attributes{sizeof(attributes), nullptr, inherit};
    return create_or_open(SyncKind::semaphore, name, &attributes, access, true, 0, 0);
}

VINE_EXPORT HANDLE OpenSemaphoreA(DWORD access, BOOL inherit, LPCSTR name) {
    std::u16string wide = wide_name(name);
    return OpenSemaphoreW(access, inherit, or_null(wide, name));
}

VINE_EXPORT BOOL ReleaseSemaphore(HANDLE handle, LONG release, LONG* previous) {
    SyncSlot* slot = slot_of(handle, ObjectType::semaphore, SEMAPHORE_MODIFY_STATE);
    if (!slot) return FALSE;
    if (release <= 0) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    uint32_t maximum = word(slot->aux).load();
    uint32_t count = word(slot->state).load();
    do {
        if (count > maximum || static_cast<uint32_t>(release) > maximum - count) {
            set_error(ERROR_TOO_MANY_POSTS);
            return FALSE;
        }
    } while (!word(slot->state).compare_exchange_weak(count, count + release));
    if (previous) *previous = static_cast<LONG>(count);
    sync::wake_all(*slot);
    return TRUE;
}
