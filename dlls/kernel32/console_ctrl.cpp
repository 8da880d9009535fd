// Console control events. Ctrl+C at the terminal is SIGINT and Ctrl+Break
// is SIGQUIT (Ctrl+\), for the terminal's foreground process group, which
// plays the part of "the processes sharing a console";
// GenerateConsoleCtrlEvent sends the same signals to a process group (a
// child made with CREATE_NEW_PROCESS_GROUP leads its own Unix group).
//
// As on Windows, handlers run on a thread of their own, most recently added
// first, until one returns TRUE; if none does, the process ends with
// STATUS_CONTROL_C_EXIT. A signal handler cannot start a thread, so that
// thread is started when the first handler is added; without handlers the
// signal handler ends the process itself (without DLL notifications, which
// Windows' default handler would send through ExitProcess).
#include <signal.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <mutex>
#include <vector>

#include "vine/locks.h"
#include "kernel32_private.h"
#include "vine/loader.h"
#include "vine/ntstatus.h"
#include "vine/server_client.h"

using namespace kernel32;

namespace {

constexpr DWORD CTRL_C_EVENT = 0, CTRL_BREAK_EVENT = 1;
constexpr DWORD PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;

using HandlerRoutine = BOOL(WINAPI*)(DWORD);

vine::Mutex g_lock;
std::vector<HandlerRoutine> g_handlers;
int g_event_fd = -1;                   // signal handler -> dispatch thread
std::atomic<uint32_t> g_pending{0};    // bit per event type
std::atomic<bool> g_dispatching{false};  // the dispatch thread runs

void on_signal(int signal_number) {
    DWORD event = signal_number == SIGINT ? CTRL_C_EVENT : CTRL_BREAK_EVENT;
    if (g_dispatching.load()) {
        g_pending.fetch_or(1u << event);
        uint64_t one = 1;
        (void)!write(g_event_fd, &one, sizeof(one));
        return;
    }
    // No handler: the default one ends the process.
    vine::client::report_exit(static_cast<DWORD>(STATUS_CONTROL_C_EXIT));
    _exit(STATUS_CONTROL_C_EXIT & 0xff);
}

void install(int signal_number) {
    struct sigaction action {};
    action.sa_handler = on_signal;
    action.sa_flags = SA_RESTART | SA_ONSTACK;
    sigaction(signal_number, &action, nullptr);
}

// Runs one event through the handlers; true if one handled it.
bool dispatch(DWORD event) {
    std::vector<HandlerRoutine> handlers;
    {
        std::lock_guard guard(g_lock);
        handlers = g_handlers;
    }
    for (auto it = handlers.rbegin(); it != handlers.rend(); ++it)
        if ((*it)(event)) return true;
    return false;
}

DWORD WINAPI dispatch_thread(LPVOID) {
    for (;;) {
        uint64_t count;
        if (read(g_event_fd, &count, sizeof(count)) < 0 && errno != EINTR) return 0;
        uint32_t events = g_pending.exchange(0);
        for (DWORD event : {CTRL_C_EVENT, CTRL_BREAK_EVENT}) {
            if (!(events & (1u << event))) continue;
            if (!dispatch(event)) ExitProcess(static_cast<DWORD>(STATUS_CONTROL_C_EXIT));
        }
    }
}

// Called with g_lock held, when the first handler is added.
bool start_dispatching() {
    if (g_dispatching.load()) return true;
    g_event_fd = eventfd(0, EFD_CLOEXEC);
    if (g_event_fd < 0) return false;
    HANDLE thread = CreateThread(nullptr, 64 * 1024, dispatch_thread, nullptr, 0, nullptr);
    if (!thread) {
        close(g_event_fd);
        g_event_fd = -1;
        return false;
    }
    CloseHandle(thread);
    g_dispatching.store(true);
    return true;
}

}  // namespace

namespace kernel32 {

// At process attach: Ctrl+C stays ignored if our parent ignored it (the
// state is inherited, like SIG_IGN across exec) or made us the root of a
// new process group; Ctrl+Break cannot be ignored.
void init_console_ctrl() {
    struct sigaction current {};
    sigaction(SIGINT, nullptr, &current);
    if (current.sa_handler != SIG_IGN) install(SIGINT);
    install(SIGQUIT);
}

}  // namespace kernel32

VINE_EXPORT BOOL SetConsoleCtrlHandler(HandlerRoutine handler, BOOL add) {
    std::lock_guard guard(g_lock);
    if (!handler) {
        // The ignore flag is SIGINT's disposition itself (inherited by
        // children across exec, as Windows' flag is).
        if (add)
            signal(SIGINT, SIG_IGN);
        else
            install(SIGINT);
        return TRUE;
    }
    if (add) {
        if (!start_dispatching()) {
            set_error(ERROR_NOT_ENOUGH_MEMORY);
            return FALSE;
        }
        g_handlers.push_back(handler);
        return TRUE;
    }
    // The most recent registration of it goes.
    auto found = std::find(g_handlers.rbegin(), g_handlers.rend(), handler);
    if (found == g_handlers.rend()) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    g_handlers.erase(std::next(found).base());
    return TRUE;
}

VINE_EXPORT BOOL GenerateConsoleCtrlEvent(DWORD event, DWORD process_group) {
    if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    int signal_number = event == CTRL_C_EVENT ? SIGINT : SIGQUIT;
    if (process_group == 0) {
        // Every process sharing our console: our process group.
        if (kill(0, signal_number) != 0) return fail_errno();
        return TRUE;
    }
    // Windows documents that a group other than 0 never receives CTRL+C.
    if (event == CTRL_C_EVENT) return TRUE;
    HANDLE leader = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, process_group);
    if (!leader) return FALSE;
    vine::protocol::process_info_request request{reinterpret_cast<uintptr_t>(leader)};
    vine::protocol::process_info_reply info{};
    DWORD error = vine::client::call(request, info);
    CloseHandle(leader);
    if (error || info.unix_pid <= 0) {
        set_error(error ? error : ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    // The group is led by that process only if it was created with
    // CREATE_NEW_PROCESS_GROUP; otherwise there is no such group.
    if (getpgid(info.unix_pid) != info.unix_pid || kill(-info.unix_pid, signal_number) != 0) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return TRUE;
}
