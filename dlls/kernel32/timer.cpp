// Waitable timers. The server creates, names, arms and expires them (see
// server/requests_timer.cpp); waiting on one is waiting on its sync slot
// like on an event. A completion routine runs as an APC in the thread that
// set the timer, when that thread waits alertably: the thread's alertable
// waits also sleep on the timer's expiry count and queue the routine when
// it moves. As on Windows, at most one call is owed per timer at a time.
#include "timer.h"

#include <atomic>
#include <mutex>
#include <vector>

#include "apc.h"
#include "kernel32_private.h"
#include "vine/server_client.h"
#include "vine/thread_control.h"
#include "vine/unicode.h"

using namespace kernel32;
using vine::protocol::ObjectType;
using vine::protocol::SyncKind;

namespace {

constexpr DWORD TIMER_MODIFY_STATE = 0x0002, TIMER_ALL_ACCESS = 0x1f0003;
constexpr DWORD CREATE_WAITABLE_TIMER_MANUAL_RESET = 0x1;

using TimerApcRoutine = void(WINAPI*)(LPVOID argument, DWORD low, DWORD high);

struct Completion {
    HANDLE handle;
    uint32_t thread_id;
    uint32_t* expiries;  // the slot's expiry count
    uint32_t seen;
    TimerApcRoutine routine;
    LPVOID argument;
};

std::mutex g_lock;
std::vector<Completion> g_completions;
std::atomic<bool> g_any{false};  // keeps CloseHandle and waits lock-free without timers

struct Locked {
    vine::threads::NoInterrupt region;
    std::lock_guard<std::mutex> guard{g_lock};
};

void forget_locked(HANDLE handle) {
    std::erase_if(g_completions, [handle](const Completion& c) { return c.handle == handle; });
    g_any.store(!g_completions.empty());
}

HANDLE create_timer(SECURITY_ATTRIBUTES* security, LPCWSTR name, bool manual_reset, DWORD access, bool open_only) {
    vine::protocol::create_sync_request request{};
    request.kind = static_cast<uint32_t>(SyncKind::timer);
    request.access = access;
    request.inherit = security && security->bInheritHandle;
    request.flags = open_only ? uint32_t{vine::protocol::create_open_existing} : 0u;
    request.maximum = manual_reset ? 1 : 0;
    size_t length = name ? vine::utf16_length(name) : 0;
    if (open_only && !length) {
        set_error(name ? ERROR_INVALID_NAME : ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    vine::protocol::create_sync_reply reply{};
    if (DWORD error = vine::client::call(request, reply, name, static_cast<uint32_t>(length * sizeof(WCHAR)))) {
        set_error(error);
        return nullptr;
    }
    HANDLE handle = reinterpret_cast<HANDLE>(reply.handle);
    vine::client::HandleInfo info;
    info.type = ObjectType::timer;
    info.access = access;
    info.slot = reply.slot;
    vine::client::remember_handle(handle, info);
    set_error(reply.existed ? ERROR_ALREADY_EXISTS : ERROR_SUCCESS);
    return handle;
}

std::u16string wide_name(LPCSTR name) { return name ? wide_from_ansi(name) : std::u16string(); }

}  // namespace

namespace kernel32::timers {

size_t poll(Watch* out, size_t max) {
    if (!g_any.load()) return 0;
    uint32_t self = GetCurrentThreadId();
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
        // The routine gets the time it fired at (UTC FILETIME).
        FILETIME when;
        GetSystemTimeAsFileTime(&when);
        TimerApcRoutine routine = c.routine;
        LPVOID argument = c.argument;
        apc::queue(self, [routine, argument, when] { routine(argument, when.dwLowDateTime, when.dwHighDateTime); });
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

}  // namespace kernel32::timers

VINE_EXPORT HANDLE CreateWaitableTimerExW(SECURITY_ATTRIBUTES* security, LPCWSTR name, DWORD flags, DWORD access) {
    return create_timer(security, name, flags & CREATE_WAITABLE_TIMER_MANUAL_RESET, access, false);
}

VINE_EXPORT HANDLE CreateWaitableTimerExA(SECURITY_ATTRIBUTES* security, LPCSTR name, DWORD flags, DWORD access) {
    std::u16string wide = wide_name(name);
    return CreateWaitableTimerExW(security, name ? wide.c_str() : nullptr, flags, access);
}

VINE_EXPORT HANDLE CreateWaitableTimerW(SECURITY_ATTRIBUTES* security, BOOL manual_reset, LPCWSTR name) {
    return create_timer(security, name, manual_reset, TIMER_ALL_ACCESS, false);
}

VINE_EXPORT HANDLE CreateWaitableTimerA(SECURITY_ATTRIBUTES* security, BOOL manual_reset, LPCSTR name) {
    std::u16string wide = wide_name(name);
    return CreateWaitableTimerW(security, manual_reset, name ? wide.c_str() : nullptr);
}

VINE_EXPORT HANDLE OpenWaitableTimerW(DWORD access, BOOL inherit, LPCWSTR name) {
    SECURITY_ATTRIBUTES attributes{sizeof(attributes), nullptr, inherit};
    return create_timer(&attributes, name, false, access, true);
}

VINE_EXPORT HANDLE OpenWaitableTimerA(DWORD access, BOOL inherit, LPCSTR name) {
    std::u16string wide = wide_name(name);
    return OpenWaitableTimerW(access, inherit, name ? wide.c_str() : nullptr);
}

VINE_EXPORT BOOL SetWaitableTimerEx(HANDLE timer, const LARGE_INTEGER* due, LONG period, TimerApcRoutine routine,
                                    LPVOID argument, void* wake_context, ULONG tolerable_delay) {
    (void)wake_context;     // power management: nothing to wake here
    (void)tolerable_delay;  // coalescing is an optimisation Vine leaves to Linux
    if (!due || period < 0) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    vine::client::HandleInfo info;
    if (!vine::client::handle_info(timer, info) || info.type != ObjectType::timer) {
        set_error(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    uint32_t* expiries = nullptr;
    uint32_t seen = 0;
    if (routine) {
        vine::protocol::SyncSlot* slot = vine::client::sync_slot(info.slot);
        if (!slot) {
            set_error(ERROR_INVALID_HANDLE);
            return FALSE;
        }
        expiries = &slot->abandoned;
        seen = std::atomic_ref<uint32_t>(*expiries).load();
    }
    vine::protocol::set_timer_request request{reinterpret_cast<uintptr_t>(timer), due->QuadPart,
                                              static_cast<uint32_t>(period), 0};
    vine::protocol::set_timer_reply reply{};
    if (DWORD error = vine::client::call(request, reply)) {
        set_error(error);
        return FALSE;
    }
    {
        // Setting replaces the previous completion routine, if any.
        Locked locked;
        forget_locked(timer);
        if (routine) {
            g_completions.push_back(Completion{timer, GetCurrentThreadId(), expiries, seen, routine, argument});
            g_any.store(true);
        }
    }
    set_error(ERROR_SUCCESS);
    return TRUE;
}

VINE_EXPORT BOOL SetWaitableTimer(HANDLE timer, const LARGE_INTEGER* due, LONG period, TimerApcRoutine routine,
                                  LPVOID argument, BOOL resume) {
    (void)resume;  // waking a suspended machine
    return SetWaitableTimerEx(timer, due, period, routine, argument, nullptr, 0);
}

VINE_EXPORT BOOL CancelWaitableTimer(HANDLE timer) {
    vine::protocol::cancel_timer_request request{reinterpret_cast<uintptr_t>(timer)};
    vine::protocol::cancel_timer_reply reply{};
    if (DWORD error = vine::client::call(request, reply)) {
        set_error(error);
        return FALSE;
    }
    kernel32::timers::forget_handle(timer);
    return TRUE;
}
