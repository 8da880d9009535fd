// Threads: one pthread per Windows thread, with its own TEB, known to the
// server (which gives it its id and handle and signals it when it ends).
#include <linux/futex.h>
#include <pthread.h>
#include <setjmp.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <climits>
#include <cstdio>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "apc.h"
#include "kernel32_private.h"
#include "vine/loader.h"
#include "vine/server_client.h"

using namespace kernel32;

namespace {

constexpr DWORD STILL_ACTIVE = 259;
constexpr DWORD CREATE_SUSPENDED = 0x4;
constexpr DWORD STACK_SIZE_PARAM_IS_A_RESERVATION = 0x10000;
constexpr DWORD THREAD_ALL_ACCESS = 0x1fffff;

using ThreadStart = DWORD(WINAPI*)(LPVOID);

struct StartInfo {
    ThreadStart start;
    LPVOID parameter;
    PEB* peb;
    uint32_t process_id;
    uint32_t thread_id;
};

// Threads created suspended wait on their gate until ResumeThread opens it.
struct Gate {
    uint32_t open = 0;
};
std::mutex g_gates_lock;
std::unordered_map<uint32_t, std::shared_ptr<Gate>> g_gates;

std::shared_ptr<Gate> gate_of(uint32_t thread_id, bool create) {
    std::lock_guard guard(g_gates_lock);
    auto found = g_gates.find(thread_id);
    if (found != g_gates.end()) return found->second;
    if (!create) return nullptr;
    return g_gates[thread_id] = std::make_shared<Gate>();
}

void wait_at_gate(uint32_t thread_id) {
    auto gate = gate_of(thread_id, false);
    if (!gate) return;
    while (!std::atomic_ref<uint32_t>(gate->open).load())
        syscall(SYS_futex, &gate->open, FUTEX_WAIT_PRIVATE, 0, nullptr, nullptr, 0);
    std::lock_guard guard(g_gates_lock);
    g_gates.erase(thread_id);
}

thread_local sigjmp_buf* exit_thread_target;
thread_local DWORD exit_thread_code;

// Thread-local variables are touched only from these out-of-line functions
// with the host convention: GCC 12 does not preserve rsi/rdi around the TLS
// access of an ms_abi function in a shared object.
__attribute__((noinline)) void set_exit_target(sigjmp_buf* target) { exit_thread_target = target; }
__attribute__((noinline)) DWORD exit_code_requested() { return exit_thread_code; }

// Ends the calling thread created by CreateThread; false on other threads.
__attribute__((noinline)) bool exit_created_thread(DWORD code) {
    if (!exit_thread_target) return false;
    exit_thread_code = code;
    siglongjmp(*exit_thread_target, 1);
}

// Tells the server the calling thread has ended; true if it was the last.
bool report_thread_exit(DWORD code) {
    uint32_t id = vine::client::current_thread_id();
    apc::forget_thread(id);
    vine::protocol::thread_exit_request request{id, code};
    vine::protocol::thread_exit_reply reply{};
    return vine::client::call(request, reply) == 0 && reply.last_thread;
}

void* thread_main(void* argument) {
    StartInfo info = *static_cast<StartInfo*>(argument);
    delete static_cast<StartInfo*>(argument);

    pthread_attr_t attributes;
    void* stack_low = nullptr;
    size_t stack_size = 0;
    pthread_getattr_np(pthread_self(), &attributes);
    pthread_attr_getstack(&attributes, &stack_low, &stack_size);
    pthread_attr_destroy(&attributes);
    // A suspended thread has not run anything, not even DLL_THREAD_ATTACH.
    wait_at_gate(info.thread_id);
    vine::loader::thread_attach(info.peb, stack_low, static_cast<char*>(stack_low) + stack_size, info.process_id,
                                info.thread_id);
    vine::protocol::init_thread_request init{info.thread_id, static_cast<int32_t>(gettid())};
    vine::protocol::init_thread_reply init_reply{};
    vine::client::call(init, init_reply);

    // ExitThread jumps back here: no host unwinding through Windows frames.
    sigjmp_buf exit_buffer;
    DWORD code;
    if (sigsetjmp(exit_buffer, 0) == 0) {
        set_exit_target(&exit_buffer);
        code = info.start(info.parameter);
    } else {
        code = exit_code_requested();
    }
    vine::loader::thread_detach();
    // Windows ends the process when its last thread ends.
    if (report_thread_exit(code)) vine::loader::exit_process(code);
    return nullptr;
}

// thread_info for a handle; false with the last error set.
bool query(HANDLE thread, vine::protocol::thread_info_reply& info) {
    vine::protocol::thread_info_request request{reinterpret_cast<uintptr_t>(thread)};
    if (DWORD error = vine::client::call(request, info)) {
        set_error(error);
        return false;
    }
    return true;
}

}  // namespace

VINE_EXPORT HANDLE CreateThread(SECURITY_ATTRIBUTES* security, SIZE_T stack_size, ThreadStart start, LPVOID parameter,
                                DWORD flags, DWORD* thread_id) {
    vine::protocol::new_thread_request request{};
    request.access = THREAD_ALL_ACCESS;
    request.inherit = security && security->bInheritHandle;
    request.suspended = (flags & CREATE_SUSPENDED) ? 1 : 0;
    vine::protocol::new_thread_reply reply{};
    if (DWORD error = vine::client::call(request, reply)) {
        set_error(error);
        return nullptr;
    }
    HANDLE handle = reinterpret_cast<HANDLE>(reply.handle);
    vine::client::HandleInfo cached;
    cached.type = vine::protocol::ObjectType::thread;
    cached.access = THREAD_ALL_ACCESS;
    cached.slot = reply.slot;
    cached.object_id = reply.thread_id;
    vine::client::remember_handle(handle, cached);
    if (flags & CREATE_SUSPENDED) gate_of(reply.thread_id, true);

    auto* info = new StartInfo{start, parameter, current_teb()->ProcessEnvironmentBlock, GetCurrentProcessId(),
                               reply.thread_id};
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    size_t size = stack_size ? stack_size : 1024 * 1024;
    if (size < 64 * 1024) size = 64 * 1024;
    (void)STACK_SIZE_PARAM_IS_A_RESERVATION;  // commit and reserve are the same to us
    pthread_attr_setstacksize(&attributes, (size + 0xffff) & ~size_t{0xffff});
    pthread_attr_setguardsize(&attributes, 0x1000);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_t native;
    int result = pthread_create(&native, &attributes, thread_main, info);
    pthread_attr_destroy(&attributes);
    if (result != 0) {
        delete info;
        // The server's thread object ends at once; the handle stays valid.
        vine::protocol::terminate_thread_request end{reply.handle, 0, 0};
        vine::protocol::terminate_thread_reply end_reply{};
        vine::client::call(end, end_reply);
        CloseHandle(handle);
        set_error(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    if (thread_id) *thread_id = reply.thread_id;
    return handle;
}

VINE_EXPORT HANDLE CreateRemoteThread(HANDLE process, SECURITY_ATTRIBUTES* security, SIZE_T stack_size,
                                      ThreadStart start, LPVOID parameter, DWORD flags, DWORD* thread_id) {
    if (process == reinterpret_cast<HANDLE>(-1) || GetProcessId(process) == GetCurrentProcessId())
        return CreateThread(security, stack_size, start, parameter, flags, thread_id);
    set_error(ERROR_NOT_SUPPORTED);  // code injection into another process
    return nullptr;
}

VINE_EXPORT __attribute__((noreturn)) void ExitThread(DWORD code) {
    exit_created_thread(code);
    // The main thread: the process goes on while other threads run.
    vine::loader::thread_detach();
    if (report_thread_exit(code)) vine::loader::exit_process(code);
    for (;;) pause();
}

VINE_EXPORT BOOL GetExitCodeThread(HANDLE handle, DWORD* code) {
    vine::protocol::thread_info_reply info{};
    if (!query(handle, info)) return FALSE;
    if (code) *code = info.exit_code;
    return TRUE;
}

VINE_EXPORT DWORD GetThreadId(HANDLE handle) {
    if (handle == reinterpret_cast<HANDLE>(-2)) return GetCurrentThreadId();
    vine::client::HandleInfo info;
    if (vine::client::handle_info(handle, info) && info.type == vine::protocol::ObjectType::thread)
        return info.object_id;
    set_error(ERROR_INVALID_HANDLE);
    return 0;
}

VINE_EXPORT DWORD GetProcessIdOfThread(HANDLE handle) {
    vine::protocol::thread_info_reply info{};
    return query(handle, info) ? info.process_id : 0;
}

VINE_EXPORT HANDLE OpenThread(DWORD access, BOOL inherit, DWORD thread_id) {
    vine::protocol::open_thread_request request{thread_id, access, static_cast<uint32_t>(inherit), 0};
    vine::protocol::open_thread_reply reply{};
    if (DWORD error = vine::client::call(request, reply)) {
        set_error(error);
        return nullptr;
    }
    return reinterpret_cast<HANDLE>(reply.handle);
}

VINE_EXPORT DWORD ResumeThread(HANDLE handle) {
    vine::protocol::resume_thread_request request{reinterpret_cast<uintptr_t>(handle), -1, 0};
    vine::protocol::resume_thread_reply reply{};
    if (DWORD error = vine::client::call(request, reply)) {
        set_error(error);
        return 0xffffffff;
    }
    if (reply.previous_count == 1 && reply.in_caller) {
        if (auto gate = gate_of(reply.thread_id, false)) {
            std::atomic_ref<uint32_t>(gate->open).store(1);
            syscall(SYS_futex, &gate->open, FUTEX_WAKE_PRIVATE, INT_MAX, nullptr, nullptr, 0);
        }
    }
    return reply.previous_count;
}

VINE_EXPORT BOOL SetThreadPriority(HANDLE handle, int priority) {
    // THREAD_PRIORITY_IDLE (-15) .. TIME_CRITICAL (15); -2..2 in between.
    if (priority != -15 && priority != 15 && (priority < -2 || priority > 2)) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    vine::protocol::set_thread_priority_request request{reinterpret_cast<uintptr_t>(handle), priority, 0};
    vine::protocol::set_thread_priority_reply reply{};
    if (DWORD error = vine::client::call(request, reply)) {
        set_error(error);
        return FALSE;
    }
    return TRUE;
}

VINE_EXPORT int GetThreadPriority(HANDLE handle) {
    vine::protocol::thread_info_reply info{};
    if (!query(handle, info)) return 0x7fffffff;  // THREAD_PRIORITY_ERROR_RETURN
    return info.priority;
}
