// Threads: one pthread per Windows thread, with its own TEB and its own
// Windows stack, known to the server (which gives it its id and handle and
// signals it when it ends). Suspension, contexts and termination go through
// vine/thread_control.h.
#include <pthread.h>
#include <setjmp.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "fls.h"
#include "kernel32_private.h"
#include "nt_wait.h"
#include "vine/nt_process.h"
#include "vine/memory.h"
#include "vine/loader.h"
#include "vine/pe_format.h"
#include "vine/server_client.h"
#include "vine/thread_control.h"

using namespace kernel32;

extern "C" uint64_t vine_call_on_stack(void* function, void* argument, void* stack_top);  // the loader

namespace {

constexpr DWORD CREATE_SUSPENDED = 0x4;
constexpr DWORD STACK_SIZE_PARAM_IS_A_RESERVATION = 0x10000;
constexpr DWORD THREAD_ALL_ACCESS = 0x1fffff;
constexpr size_t kPage = 0x1000;
constexpr size_t kGranularity = 0x10000;  // Windows' allocation granularity
// The pthread's own stack runs only thread_main; Windows code (and the
// builtins it calls) run on the Windows stack.
constexpr size_t kHostStackSize = 256 * 1024;
// What glibc may use of the caller's stack while every signal is blocked.
constexpr size_t kBlockedSignalsStack = 16 * 1024;

using ThreadStart = DWORD(WINAPI*)(LPVOID);

struct StartInfo {
    ThreadStart start;
    LPVOID parameter;
    PEB* peb;
    uint32_t process_id;
    uint32_t thread_id;
    vine::threads::Control* control;
    uint8_t* stack_bottom;  // the Windows stack: reserved, committed from the top
    size_t stack_size;
    void* stack_limit;  // the bottom of its committed part
};

thread_local sigjmp_buf* exit_thread_target;

// Thread-local variables are touched only from these out-of-line functions
// with the host convention: GCC 12 does not preserve rsi/rdi around the TLS
// access of an ms_abi function in a shared object.
__attribute__((noinline)) void set_exit_target(sigjmp_buf* target) { exit_thread_target = target; }

// Leaves the calling thread once it has ended as far as Windows is
// concerned: back to thread_main for threads CreateThread made; the main
// thread (which has nowhere to return to) just stays asleep until the
// process ends.
__attribute__((noinline, noreturn)) void leave_thread() {
    if (exit_thread_target) siglongjmp(*exit_thread_target, 1);
    vine::threads::finish();
    for (;;) pause();
}

// The orderly end of a thread (ExitThread, or its start routine returned):
// FLS callbacks, DLL_THREAD_DETACH, the server. Windows ends the process
// with its last thread.
void end_windows_thread(DWORD code) {
    fls::thread_exit();
    vine::loader::thread_detach();
    if (__vine_report_thread_exit(code)) vine::loader::exit_process(code);
}

}  // namespace

namespace kernel32 {

// The stack sizes Windows would use for a thread or a fiber: the requests
// (0: the EXE header's defaults) rounded as Windows rounds them.
size_t stack_reservation(size_t reserve_request, size_t commit_request, size_t& commit_size) {
    size_t reserve = 1024 * 1024, commit = kPage;
    if (auto* base = static_cast<const uint8_t*>(current_teb()->ProcessEnvironmentBlock->ImageBaseAddress)) {
        auto* dos = reinterpret_cast<const IMAGE_DOS_HEADER*>(base);
        auto* nt = reinterpret_cast<const IMAGE_NT_HEADERS64*>(base + dos->e_lfanew);
        if (nt->OptionalHeader.SizeOfStackReserve) reserve = nt->OptionalHeader.SizeOfStackReserve;
        if (nt->OptionalHeader.SizeOfStackCommit) commit = nt->OptionalHeader.SizeOfStackCommit;
    }
    if (reserve_request) reserve = reserve_request;
    if (commit_request) commit = commit_request;
    // A commitment larger than the reservation grows it to whole megabytes.
    if (commit + kPage > reserve) reserve = (commit + kPage + 0xfffff) & ~size_t{0xfffff};
    reserve = std::max(reserve, 4 * kGranularity);
    commit_size = commit;
    return (reserve + kGranularity - 1) & ~(kGranularity - 1);
}

}  // namespace kernel32

namespace {

// Runs on the thread's Windows stack (called by vine_call_on_stack).
WINAPI uint64_t run_thread(void* argument) {
    auto* info = static_cast<StartInfo*>(argument);
    auto* teb = static_cast<TEB*>(vine::loader::thread_attach(info->peb, info->stack_limit,
                                                                info->stack_bottom + info->stack_size,
                                                                info->process_id, info->thread_id));
    if (teb) teb->DeallocationStack = info->stack_bottom;
    vine::protocol::init_thread_request init{info->thread_id, static_cast<int32_t>(gettid())};
    vine::protocol::init_thread_reply init_reply{};
    vine::client::call(init, init_reply);
    DWORD code = info->start(info->parameter);
    end_windows_thread(code);
    return code;
}

void* thread_main(void* argument) {
    auto* info = static_cast<StartInfo*>(argument);
    // ExitThread and TerminateThread come back here (siglongjmp): Windows
    // frames are never unwound by the host.
    sigjmp_buf exit_buffer;
    if (sigsetjmp(exit_buffer, 0) == 0) {
        set_exit_target(&exit_buffer);
        // A thread created suspended waits in start() until ResumeThread.
        if (vine::threads::start(info->control)) {
            vine::threads::set_exit_target(&exit_buffer);
            vine_call_on_stack(reinterpret_cast<void*>(run_thread), info, info->stack_bottom + info->stack_size);
        }
    }
    // On the pthread's own stack again, so the Windows stack can go.
    vine::threads::finish();
    vine::loader::thread_release();
    set_exit_target(nullptr);
    VirtualFree(info->stack_bottom, 0, MEM_RELEASE);
    delete info;
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

// What GetThreadContext shows of a thread that has not run yet: about to
// call its start routine with its parameter.
CONTEXT initial_context(ThreadStart start, LPVOID parameter, uint8_t* stack_top) {
    CONTEXT context{};
    context.ContextFlags = CONTEXT_ALL;
    context.Rip = reinterpret_cast<DWORD64>(start);
    context.Rcx = reinterpret_cast<DWORD64>(start);
    context.Rdx = reinterpret_cast<DWORD64>(parameter);
    context.Rsp = reinterpret_cast<DWORD64>(stack_top) - 0x28;
    context.EFlags = 0x200;
    context.SegCs = 0x33;
    context.SegDs = context.SegEs = context.SegSs = context.SegGs = 0x2b;
    context.SegFs = 0x53;
    context.MxCsr = context.FltSave.MxCsr = 0x1f80;
    context.FltSave.ControlWord = 0x27f;
    return context;
}

}  // namespace

VINE_EXPORT HANDLE CreateThread(SECURITY_ATTRIBUTES* security, SIZE_T stack_size, ThreadStart start, LPVOID parameter,
                                DWORD flags, DWORD* thread_id) {
    size_t commit = 0;
    // dwStackSize is the commit size, or the reservation with
    // STACK_SIZE_PARAM_IS_A_RESERVATION.
    bool is_reservation = flags & STACK_SIZE_PARAM_IS_A_RESERVATION;
    size_t reserve = stack_reservation(is_reservation ? stack_size : 0, is_reservation ? 0 : stack_size, commit);
    // In the region map, so VirtualQuery describes it (vine/virtual_memory.h).
    auto* stack = static_cast<uint8_t*>(VirtualAlloc(nullptr, reserve, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE));
    if (!stack) {
        set_error(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    // Committed at the top, with the guard below: running off it raises
    // STATUS_STACK_OVERFLOW (loader/thread_stack.cpp).
    void* stack_limit = vine::loader::commit_thread_stack(stack, reserve, commit);

    vine::protocol::new_thread_request request{};
    request.access = THREAD_ALL_ACCESS;
    request.inherit = security && security->bInheritHandle;
    request.suspended = (flags & CREATE_SUSPENDED) ? 1 : 0;
    vine::protocol::new_thread_reply reply{};
    if (DWORD error = vine::client::call(request, reply)) {
        VirtualFree(stack, 0, MEM_RELEASE);
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

    auto* info = new StartInfo{start, parameter, current_teb()->ProcessEnvironmentBlock, GetCurrentProcessId(),
                               reply.thread_id, nullptr, stack, reserve, stack_limit};
    info->control = vine::threads::prepare(reply.thread_id, flags & CREATE_SUSPENDED,
                                           initial_context(start, parameter, stack + reserve));
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setstacksize(&attributes, kHostStackSize);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_t native;
    vine::loader::commit_stack_below(kBlockedSignalsStack);  // pthread_create blocks every signal around clone()
    int result = pthread_create(&native, &attributes, thread_main, info);
    pthread_attr_destroy(&attributes);
    if (result != 0) {
        // The server's thread object ends at once; the handle stays valid.
        vine::protocol::terminate_thread_request end{reply.handle, 0, 0};
        vine::protocol::terminate_thread_reply end_reply{};
        vine::client::call(end, end_reply);
        vine::threads::forget(reply.thread_id);
        VirtualFree(stack, 0, MEM_RELEASE);
        delete info;
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
    end_windows_thread(code);
    leave_thread();
}

VINE_EXPORT BOOL TerminateThread(HANDLE handle, DWORD code) {
    // A null handle is not the caller here, unlike NtTerminateThread's.
    if (!handle) {
        set_error(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return nt_bool(NtTerminateThread(handle, static_cast<NTSTATUS>(code)));
}

// The basic information of a thread handle; false with the last error set.
static bool basic_info(HANDLE thread, THREAD_BASIC_INFORMATION& info) {
    return nt_bool(NtQueryInformationThread(thread, ThreadBasicInformation, &info, sizeof(info), nullptr));
}

VINE_EXPORT BOOL GetExitCodeThread(HANDLE handle, DWORD* code) {
    THREAD_BASIC_INFORMATION info{};
    if (!basic_info(handle, info)) return FALSE;
    if (code) *code = static_cast<DWORD>(info.ExitStatus);
    return TRUE;
}

VINE_EXPORT DWORD GetThreadId(HANDLE handle) {
    if (handle == reinterpret_cast<HANDLE>(-2)) return GetCurrentThreadId();
    // The handle cache knows the id without a round trip.
    vine::client::HandleInfo info;
    if (vine::client::handle_info(handle, info) && info.type == vine::protocol::ObjectType::thread)
        return info.object_id;
    set_error(ERROR_INVALID_HANDLE);
    return 0;
}

VINE_EXPORT DWORD GetProcessIdOfThread(HANDLE handle) {
    THREAD_BASIC_INFORMATION info{};
    return basic_info(handle, info) ? static_cast<DWORD>(reinterpret_cast<uintptr_t>(info.ClientId.UniqueProcess))
                                    : 0;
}

VINE_EXPORT HANDLE OpenThread(DWORD access, BOOL inherit, DWORD thread_id) {
    OBJECT_ATTRIBUTES attributes{};
    attributes.Length = sizeof(attributes);
    attributes.Attributes = inherit ? OBJ_INHERIT : 0;
    CLIENT_ID id{nullptr, reinterpret_cast<HANDLE>(uintptr_t{thread_id})};
    HANDLE handle = nullptr;
    return nt_bool(NtOpenThread(&handle, access, &attributes, &id)) ? handle : nullptr;
}

VINE_EXPORT DWORD SuspendThread(HANDLE handle) {
    ULONG previous = 0;
    return nt_bool(NtSuspendThread(handle, &previous)) ? previous : 0xffffffff;
}

VINE_EXPORT DWORD ResumeThread(HANDLE handle) {
    ULONG previous = 0;
    return nt_bool(NtResumeThread(handle, &previous)) ? previous : 0xffffffff;
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
