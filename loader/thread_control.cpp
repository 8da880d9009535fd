// Suspending, inspecting, redirecting and terminating this process's threads
// with one real-time signal (see include/vine/thread_control.h).
//
// Each thread has a Control record. `requested` counts the suspensions in
// force; `state` says where the thread is. A suspender increments
// `requested`, signals the thread and waits for `state` to say "stopped";
// the handler saves the registers into `context`, says "stopped" and sleeps
// on `requested` until it is 0, then writes back what SetThreadContext
// changed and returns into it. Both words are futexes, and the handler only
// makes system calls, so it is safe wherever the thread was interrupted
// (except inside a "no interrupt" region, where it defers to the region's
// end).
#include "vine/thread_control.h"

#include <linux/futex.h>
#include <signal.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <ctime>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "context_convert.h"

namespace vine::threads {

namespace {
enum : uint32_t { kNotStarted, kRunning, kStopped, kGone };
}  // namespace

struct Control {
    uint32_t thread_id = 0;
    std::atomic<int> tid{0};
    std::atomic<uint32_t> requested{0};  // futex: suspensions in force
    std::atomic<uint32_t> state{kNotStarted};  // futex
    std::atomic<uint32_t> terminating{0};
    std::atomic<uint32_t> self_set{0};  // SetThreadContext on oneself
    TEB* teb = nullptr;
    sigjmp_buf* exit_target = nullptr;
    // Valid while the thread is stopped or not started; only threads that
    // hold a suspension read or write it.
    CONTEXT context{};
    DWORD dirty = 0;  // parts SetThreadContext changed
};

namespace {

std::mutex g_lock;
std::unordered_map<uint32_t, std::shared_ptr<Control>> g_controls;

// Read by the signal handler: static TLS of the executable, no allocation.
thread_local Control* t_control __attribute__((tls_model("initial-exec")));
thread_local int t_no_interrupt __attribute__((tls_model("initial-exec")));
thread_local volatile sig_atomic_t t_deferred __attribute__((tls_model("initial-exec")));

int control_signal() { return SIGRTMIN + 2; }

uint32_t* word(std::atomic<uint32_t>& value) { return reinterpret_cast<uint32_t*>(&value); }

void futex_wait(std::atomic<uint32_t>& value, uint32_t expected, const timespec* timeout = nullptr) {
    syscall(SYS_futex, word(value), FUTEX_WAIT_PRIVATE, expected, timeout, nullptr, 0);
}

void futex_wake(std::atomic<uint32_t>& value) {
    syscall(SYS_futex, word(value), FUTEX_WAKE_PRIVATE, INT_MAX, nullptr, nullptr, 0);
}

void send(const Control& control) {
    if (int tid = control.tid.load()) syscall(SYS_tgkill, getpid(), tid, control_signal());
}

std::shared_ptr<Control> find(uint32_t thread_id) {
    NoInterrupt region;
    std::lock_guard guard(g_lock);
    auto found = g_controls.find(thread_id);
    return found == g_controls.end() ? nullptr : found->second;
}

[[noreturn]] void die(Control* control) {
    control->state.store(kGone);
    futex_wake(control->state);
    if (control->exit_target) siglongjmp(*control->exit_target, 2);
    // The main thread has nowhere to go: it stays stopped until the process ends.
    for (;;) pause();
}

void on_control_signal(int, siginfo_t*, void* raw) {
    Control* control = t_control;
    if (!control) return;
    if (t_no_interrupt) {
        t_deferred = 1;
        return;
    }
    int saved_errno = errno;
    auto* uc = static_cast<ucontext_t*>(raw);
    if (control->terminating.load()) die(control);
    if (control->self_set.exchange(0)) {
        context_to_ucontext(control->context, control->dirty, *uc);
        control->dirty = 0;
    } else if (control->requested.load() != 0 && control->state.load() == kRunning) {
        context_from_ucontext(*uc, control->context);
        control->dirty = 0;
        for (;;) {
            control->state.store(kStopped);
            futex_wake(control->state);
            for (uint32_t n; (n = control->requested.load()) != 0 && !control->terminating.load();)
                futex_wait(control->requested, n);
            if (control->terminating.load()) die(control);
            // Back to running, then look again: a suspender that saw
            // "stopped" just before must find us still stopped.
            control->state.store(kRunning);
            if (control->requested.load() == 0) break;
        }
        if (control->dirty) context_to_ucontext(control->context, control->dirty, *uc);
        control->dirty = 0;
    }
    errno = saved_errno;
}

// Until the thread is stopped (or cannot run Windows code anyway), or the
// suspension was withdrawn meanwhile.
void wait_stopped(Control& control) {
    for (;;) {
        uint32_t state = control.state.load();
        if (state != kRunning || control.requested.load() == 0) return;
        timespec slice{0, 20 * 1000 * 1000};
        futex_wait(control.state, state, &slice);
    }
}

void add_suspension(Control& control) {
    if (control.requested.fetch_add(1) == 0) send(control);
    wait_stopped(control);
}

void remove_suspension(Control& control) {
    uint32_t count = control.requested.load();
    while (count && !control.requested.compare_exchange_weak(count, count - 1)) {
    }
    if (count == 1) {
        futex_wake(control.requested);
        futex_wake(control.state);
    }
}

}  // namespace

void install() {
    struct sigaction action {};
    action.sa_sigaction = on_control_signal;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigaction(control_signal(), &action, nullptr);
}

Control* prepare(uint32_t thread_id, bool suspended, const CONTEXT& initial) {
    auto control = std::make_shared<Control>();
    control->thread_id = thread_id;
    control->requested.store(suspended ? 1 : 0);
    control->context = initial;
    NoInterrupt region;
    std::lock_guard guard(g_lock);
    g_controls[thread_id] = control;
    return control.get();
}

void forget(uint32_t thread_id) {
    NoInterrupt region;
    std::lock_guard guard(g_lock);
    g_controls.erase(thread_id);
}

bool start(Control* control) {
    t_control = control;
    control->tid.store(static_cast<int>(gettid()));
    for (;;) {
        for (uint32_t n; (n = control->requested.load()) != 0 && !control->terminating.load();)
            futex_wait(control->requested, n);
        if (control->terminating.load()) {
            control->state.store(kGone);
            futex_wake(control->state);
            return false;
        }
        control->state.store(kRunning);
        if (control->requested.load() == 0) return true;
        // Suspended again before it ran: still counts as not started.
        control->state.store(kNotStarted);
        futex_wake(control->state);
    }
}

void set_teb(TEB* teb) {
    if (t_control) t_control->teb = teb;
}

void set_exit_target(sigjmp_buf* target) {
    if (t_control) t_control->exit_target = target;
}

void finish() {
    Control* control = t_control;
    if (!control) return;
    enter_no_interrupt();
    {
        std::lock_guard guard(g_lock);
        control->state.store(kGone);
        futex_wake(control->state);
        t_control = nullptr;
        auto found = g_controls.find(control->thread_id);
        if (found != g_controls.end() && found->second.get() == control) g_controls.erase(found);
    }
    leave_no_interrupt();
}

void suspend(uint32_t thread_id) {
    auto control = find(thread_id);
    if (!control) return;
    if (control.get() == t_control) {
        // The handler runs before tgkill returns and sleeps until resumed.
        control->requested.fetch_add(1);
        send(*control);
        return;
    }
    add_suspension(*control);
}

void resume(uint32_t thread_id) {
    if (auto control = find(thread_id)) remove_suspension(*control);
}

bool get_context(uint32_t thread_id, CONTEXT& out) {
    auto control = find(thread_id);
    if (!control) return false;
    DWORD flags = out.ContextFlags;
    if (control.get() == t_control) {
        // The caller's own registers, as of this call.
        ucontext_t here;
        getcontext(&here);
        CONTEXT full{};
        context_from_ucontext(here, full);
        copy_context_parts(full, flags, out);
        return true;
    }
    add_suspension(*control);
    bool alive = control->state.load() != kGone;
    if (alive) copy_context_parts(control->context, flags, out);
    remove_suspension(*control);
    return alive;
}

TEB* teb_of(uint32_t thread_id) {
    auto control = find(thread_id);
    return control && control->state.load() != kGone ? control->teb : nullptr;
}

bool set_context(uint32_t thread_id, const CONTEXT& in) {
    auto control = find(thread_id);
    if (!control) return false;
    if (control.get() == t_control) {
        // The handler replaces the registers this call returns through.
        copy_context_parts(in, in.ContextFlags, control->context);
        control->dirty = in.ContextFlags;
        control->self_set.store(1);
        send(*control);
        return true;
    }
    add_suspension(*control);
    bool alive = control->state.load() != kGone;
    if (alive) {
        copy_context_parts(in, in.ContextFlags, control->context);
        control->dirty |= in.ContextFlags;
    }
    remove_suspension(*control);
    return alive;
}

bool terminate(uint32_t thread_id) {
    auto control = find(thread_id);
    if (!control) return false;
    control->terminating.store(1);
    futex_wake(control->requested);  // a stopped or not yet started thread
    send(*control);
    // Unless it has signals blocked for long, it is gone in microseconds.
    for (int slice = 0; slice < 250 && control->state.load() != kGone; ++slice) {
        timespec wait{0, 20 * 1000 * 1000};
        uint32_t state = control->state.load();
        if (state != kGone) futex_wait(control->state, state, &wait);
    }
    return true;
}

void terminate_self() {
    if (Control* control = t_control) {
        control->terminating.store(1);
        send(*control);
    }
    for (;;) pause();
}

void enter_no_interrupt() {
    ++t_no_interrupt;
    std::atomic_signal_fence(std::memory_order_seq_cst);
}

void leave_no_interrupt() {
    std::atomic_signal_fence(std::memory_order_seq_cst);
    if (--t_no_interrupt == 0 && t_deferred) {
        t_deferred = 0;
        if (t_control) send(*t_control);
    }
}

void for_each_teb(void (*visit)(TEB* teb, void* data), void* data) {
    NoInterrupt region;
    std::lock_guard guard(g_lock);
    for (auto& [id, control] : g_controls)
        if (control->teb && control->state.load() != kGone) visit(control->teb, data);
}

}  // namespace vine::threads
