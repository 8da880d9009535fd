// Threads: one pthread per Windows thread, with its own TEB. Enough for
// programs that start a worker and wait for it; the server issue adds
// suspension, contexts, priorities and cross-process handles.
#include <pthread.h>
#include <setjmp.h>

#include "kernel32_private.h"
#include "vine/loader.h"

using namespace kernel32;

namespace {

constexpr DWORD STILL_ACTIVE = 259;
constexpr DWORD CREATE_SUSPENDED = 0x4;
constexpr DWORD STACK_SIZE_PARAM_IS_A_RESERVATION = 0x10000;

using ThreadStart = DWORD(WINAPI*)(LPVOID);

struct Thread : Waitable {
    DWORD id = 0;
    DWORD exit_code = STILL_ACTIVE;
    bool finished = false;
    bool try_acquire(DWORD) override { return finished; }
};

struct StartInfo {
    std::shared_ptr<Thread> thread;
    ThreadStart start;
    LPVOID parameter;
    PEB* peb;
    std::mutex lock;
    std::condition_variable started;
    bool ready = false;
};

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

void finish(Thread& thread, DWORD code) {
    std::lock_guard guard(thread.lock);
    thread.exit_code = code;
    thread.finished = true;
    thread.changed.notify_all();
}

void* thread_main(void* argument) {
    auto* info = static_cast<StartInfo*>(argument);
    std::shared_ptr<Thread> thread = info->thread;
    ThreadStart start = info->start;
    LPVOID parameter = info->parameter;

    pthread_attr_t attributes;
    void* stack_low = nullptr;
    size_t stack_size = 0;
    pthread_getattr_np(pthread_self(), &attributes);
    pthread_attr_getstack(&attributes, &stack_low, &stack_size);
    pthread_attr_destroy(&attributes);
    vine::loader::thread_attach(info->peb, stack_low, static_cast<char*>(stack_low) + stack_size);
    {
        std::lock_guard guard(info->lock);
        thread->id = GetCurrentThreadId();
        info->ready = true;
        info->started.notify_all();
    }

    // ExitThread jumps back here: no host unwinding through Windows frames.
    sigjmp_buf exit_buffer;
    DWORD code;
    if (sigsetjmp(exit_buffer, 0) == 0) {
        set_exit_target(&exit_buffer);
        code = start(parameter);
    } else {
        code = exit_code_requested();
    }
    vine::loader::thread_detach();
    finish(*thread, code);
    return nullptr;
}

}  // namespace

VINE_EXPORT HANDLE CreateThread(SECURITY_ATTRIBUTES*, SIZE_T stack_size, ThreadStart start, LPVOID parameter,
                                DWORD flags, DWORD* thread_id) {
    if (flags & CREATE_SUSPENDED) {
        // Suspension needs the server's thread control; refuse honestly.
        set_error(ERROR_NOT_SUPPORTED);
        return nullptr;
    }
    auto thread = std::make_shared<Thread>();
    StartInfo info;
    info.thread = thread;
    info.start = start;
    info.parameter = parameter;
    info.peb = current_teb()->ProcessEnvironmentBlock;

    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    size_t size = stack_size ? stack_size : 1024 * 1024;
    if (size < 64 * 1024) size = 64 * 1024;
    pthread_attr_setstacksize(&attributes, (size + 0xffff) & ~size_t{0xffff});
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_t native;
    int result = pthread_create(&native, &attributes, thread_main, &info);
    pthread_attr_destroy(&attributes);
    if (result != 0) {
        set_error(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    {
        std::unique_lock guard(info.lock);
        info.started.wait(guard, [&] { return info.ready; });
    }
    if (thread_id) *thread_id = thread->id;
    (void)STACK_SIZE_PARAM_IS_A_RESERVATION;
    return vine::handles::insert_object(thread);
}

VINE_EXPORT __attribute__((noreturn)) void ExitThread(DWORD code) {
    exit_created_thread(code);
    // The main thread: Windows ends the process when its last thread exits.
    vine::loader::exit_process(code);
}

VINE_EXPORT BOOL GetExitCodeThread(HANDLE handle, DWORD* code) {
    auto thread = lookup<Thread>(handle);
    if (!thread) {
        set_error(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    std::lock_guard guard(thread->lock);
    *code = thread->exit_code;
    return TRUE;
}

VINE_EXPORT DWORD GetThreadId(HANDLE handle) {
    if (handle == reinterpret_cast<HANDLE>(-2)) return GetCurrentThreadId();
    auto thread = lookup<Thread>(handle);
    if (!thread) {
        set_error(ERROR_INVALID_HANDLE);
        return 0;
    }
    return thread->id;
}
