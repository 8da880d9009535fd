// _beginthreadex/_endthreadex and _beginthread/_endthread over kernel32's
// threads. _beginthread's handle is the thread's own: it is closed when
// the thread ends, as Windows' CRT does.
#include "msvcrt_private.h"
#include "vine/kernel32_exports.h"

extern "C" {
WINAPI DWORD ResumeThread(HANDLE thread);
[[noreturn]] WINAPI void ExitThread(DWORD code);
}

namespace {

constexpr DWORD kCreateSuspended = 0x4;

using StartEx = unsigned(WINAPI*)(void*);
using Start = void(WINAPI*)(void*);

struct Launch {
    Start start;
    void* argument;
    HANDLE handle;
};

WINAPI DWORD run_thread(void* parameter) {
    Launch launch = *static_cast<Launch*>(parameter);
    MSVCRT_free(parameter);
    launch.start(launch.argument);
    CloseHandle(launch.handle);
    return 0;
}

}  // namespace

MSVCRT_API uintptr_t MSVCRT__beginthreadex(SECURITY_ATTRIBUTES* security, unsigned stack_size, StartEx start,
                                          void* argument, unsigned flags, unsigned* thread_id) {
    if (!start) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return 0;
    }
    DWORD id = 0;
    HANDLE thread = CreateThread(security, stack_size, reinterpret_cast<DWORD(WINAPI*)(LPVOID)>(start), argument,
                                 flags, &id);
    if (!thread) {
        msvcrt_set_errno_from_win32(GetLastError());
        return 0;
    }
    if (thread_id) *thread_id = id;
    return reinterpret_cast<uintptr_t>(thread);
}

MSVCRT_API void MSVCRT__endthreadex(unsigned code) { ExitThread(code); }

MSVCRT_API uintptr_t MSVCRT__beginthread(Start start, unsigned stack_size, void* argument) {
    if (!start) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return static_cast<uintptr_t>(-1);
    }
    auto* launch = static_cast<Launch*>(MSVCRT_malloc(sizeof(Launch)));
    if (!launch) {
        msvcrt_set_errno(MSVCRT_EAGAIN);
        return static_cast<uintptr_t>(-1);
    }
    launch->start = start;
    launch->argument = argument;
    HANDLE thread = CreateThread(nullptr, stack_size, run_thread, launch, kCreateSuspended, nullptr);
    if (!thread) {
        MSVCRT_free(launch);
        msvcrt_set_errno_from_win32(GetLastError());
        return static_cast<uintptr_t>(-1);
    }
    launch->handle = thread;
    ResumeThread(thread);
    return reinterpret_cast<uintptr_t>(thread);
}

// Ends a _beginthread thread early; its handle then stays open (Windows
// closes it here).
MSVCRT_API void MSVCRT__endthread() { ExitThread(0); }
