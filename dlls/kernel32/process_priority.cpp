// Priority classes and priority boost of processes, kept by the server.
// For our own process, a lower class also lowers the Unix nice value, so
// background work yields to the rest of the system; raising priority needs
// privileges Linux does not give a normal user, and the class is only kept.
#include <sys/resource.h>

#include "kernel32_private.h"
#include "vine/server_client.h"

using namespace kernel32;

namespace {

constexpr DWORD IDLE_PRIORITY_CLASS = 0x40, BELOW_NORMAL_PRIORITY_CLASS = 0x4000;
constexpr DWORD PROCESS_MODE_BACKGROUND_BEGIN = 0x100000, PROCESS_MODE_BACKGROUND_END = 0x200000;

// Sends a process_priority request; false with the last error set.
bool exchange(HANDLE process, uint32_t set, DWORD priority_class, BOOL boost_disabled,
              vine::protocol::process_priority_reply& reply) {
    vine::protocol::process_priority_request request{reinterpret_cast<uintptr_t>(process), set, priority_class,
                                                     boost_disabled ? 1u : 0u, 0};
    if (DWORD error = vine::client::call(request, reply)) {
        set_error(error);
        return false;
    }
    return true;
}

bool is_current(HANDLE process) {
    return process == reinterpret_cast<HANDLE>(-1) || GetProcessId(process) == GetCurrentProcessId();
}

}  // namespace

VINE_EXPORT DWORD GetPriorityClass(HANDLE process) {
    vine::protocol::process_priority_reply reply{};
    return exchange(process, 0, 0, FALSE, reply) ? reply.priority_class : 0;
}

VINE_EXPORT BOOL SetPriorityClass(HANDLE process, DWORD priority_class) {
    // Background mode is a property of the calling process only.
    if (priority_class == PROCESS_MODE_BACKGROUND_BEGIN || priority_class == PROCESS_MODE_BACKGROUND_END) {
        if (!is_current(process)) {
            set_error(ERROR_INVALID_PARAMETER);
            return FALSE;
        }
        setpriority(PRIO_PROCESS, 0, priority_class == PROCESS_MODE_BACKGROUND_BEGIN ? 19 : 0);
        return TRUE;
    }
    vine::protocol::process_priority_reply reply{};
    if (!exchange(process, vine::protocol::process_priority_set_class, priority_class, FALSE, reply)) return FALSE;
    if (is_current(process)) {
        int nice = priority_class == IDLE_PRIORITY_CLASS ? 19 : priority_class == BELOW_NORMAL_PRIORITY_CLASS ? 10 : 0;
        setpriority(PRIO_PROCESS, 0, nice);  // fails harmlessly when lowering the value isn't allowed
    }
    return TRUE;
}

VINE_EXPORT BOOL GetProcessPriorityBoost(HANDLE process, BOOL* disabled) {
    vine::protocol::process_priority_reply reply{};
    if (!exchange(process, 0, 0, FALSE, reply)) return FALSE;
    if (disabled) *disabled = reply.boost_disabled;
    return TRUE;
}

VINE_EXPORT BOOL SetProcessPriorityBoost(HANDLE process, BOOL disable) {
    vine::protocol::process_priority_reply reply{};
    return exchange(process, vine::protocol::process_priority_set_boost, 0, disable, reply);
}
