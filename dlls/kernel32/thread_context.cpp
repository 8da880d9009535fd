// GetThreadContext and SetThreadContext for the threads of this process.
// The stopping and the register copies are thread_control's (in the
// loader); this checks handles and rights.
#include "kernel32_private.h"
#include "vine/context.h"
#include "vine/server_client.h"
#include "vine/thread_control.h"

using namespace kernel32;

namespace {

constexpr DWORD THREAD_GET_CONTEXT = 0x0008, THREAD_SET_CONTEXT = 0x0010;

// The thread id behind a handle with `needed` access; 0 with the last
// error set otherwise.
uint32_t thread_of(HANDLE handle, DWORD needed) {
    if (handle == reinterpret_cast<HANDLE>(-2)) return GetCurrentThreadId();
    vine::client::HandleInfo info;
    if (!vine::client::handle_info(handle, info) || info.type != vine::protocol::ObjectType::thread) {
        set_error(ERROR_INVALID_HANDLE);
        return 0;
    }
    if (!(info.access & needed)) {
        set_error(ERROR_ACCESS_DENIED);
        return 0;
    }
    return info.object_id;
}

}  // namespace

VINE_EXPORT BOOL GetThreadContext(HANDLE thread, CONTEXT* context) {
    if (!context) {
        set_error(ERROR_NOACCESS);
        return FALSE;
    }
    uint32_t id = thread_of(thread, THREAD_GET_CONTEXT);
    if (!id) return FALSE;
    // Threads of other processes (debuggers) are not reachable from here,
    // nor are threads that have ended.
    if (!vine::threads::get_context(id, *context)) {
        set_error(ERROR_ACCESS_DENIED);
        return FALSE;
    }
    return TRUE;
}

VINE_EXPORT BOOL SetThreadContext(HANDLE thread, const CONTEXT* context) {
    if (!context) {
        set_error(ERROR_NOACCESS);
        return FALSE;
    }
    uint32_t id = thread_of(thread, THREAD_SET_CONTEXT);
    if (!id) return FALSE;
    if (!vine::threads::set_context(id, *context)) {
        set_error(ERROR_ACCESS_DENIED);
        return FALSE;
    }
    return TRUE;
}
