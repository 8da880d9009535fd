// Other processes through their handles: exit codes, termination, ids,
// times, OpenProcess. The server keeps every process's state.
#include <unistd.h>

#include <cstdio>

#include "kernel32_private.h"
#include "vine/loader.h"
#include "vine/server_client.h"

using namespace kernel32;

namespace {

constexpr DWORD STILL_ACTIVE = 259;

uint64_t value_of(HANDLE handle) { return reinterpret_cast<uintptr_t>(handle); }

// The server's view of a process handle; false with the last error set.
bool query(HANDLE process, vine::protocol::process_info_reply& info) {
    vine::protocol::process_info_request request{value_of(process)};
    if (DWORD error = vine::client::call(request, info)) {
        set_error(error);
        return false;
    }
    return true;
}

void to_filetime(int64_t value, FILETIME* out) {
    if (!out) return;
    out->dwLowDateTime = static_cast<DWORD>(value);
    out->dwHighDateTime = static_cast<DWORD>(static_cast<uint64_t>(value) >> 32);
}

}  // namespace

VINE_EXPORT BOOL TerminateProcess(HANDLE process, UINT code) {
    vine::protocol::terminate_process_request request{value_of(process), code, 0};
    vine::protocol::terminate_process_reply reply{};
    if (DWORD error = vine::client::call(request, reply)) {
        set_error(error);
        return FALSE;
    }
    if (reply.self) {
        // Ourselves: no DLL notifications, as on Windows.
        fflush(nullptr);
        vine::client::report_exit(code);
        _exit(static_cast<int>(code & 0xff));
    }
    return TRUE;
}

VINE_EXPORT BOOL GetExitCodeProcess(HANDLE process, DWORD* code) {
    vine::protocol::process_info_reply info{};
    if (!query(process, info)) return FALSE;
    if (code) *code = info.exit_code;
    return TRUE;
}

VINE_EXPORT DWORD GetProcessId(HANDLE process) {
    if (process == reinterpret_cast<HANDLE>(-1)) return GetCurrentProcessId();
    vine::protocol::process_info_reply info{};
    return query(process, info) ? info.process_id : 0;
}

VINE_EXPORT BOOL GetProcessTimes(HANDLE process, FILETIME* creation, FILETIME* exit, FILETIME* kernel,
                                 FILETIME* user) {
    vine::protocol::process_info_reply info{};
    if (!query(process, info)) return FALSE;
    to_filetime(info.create_time, creation);
    to_filetime(info.exit_code == STILL_ACTIVE ? 0 : info.exit_time, exit);
    // CPU times of another Linux process are in /proc; ours from the clock.
    int64_t kernel_time = 0, user_time = 0;
    if (info.unix_pid > 0) {
        char path[64];
        snprintf(path, sizeof(path), "/proc/%d/stat", info.unix_pid);
        if (FILE* stat = fopen(path, "r")) {
            unsigned long utime = 0, stime = 0;
            // Fields 14 and 15, after the parenthesized command name.
            if (fscanf(stat, "%*d (%*[^)]) %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) == 2) {
                long ticks = sysconf(_SC_CLK_TCK);
                user_time = static_cast<int64_t>(utime) * 10000000 / ticks;
                kernel_time = static_cast<int64_t>(stime) * 10000000 / ticks;
            }
            fclose(stat);
        }
    }
    to_filetime(kernel_time, kernel);
    to_filetime(user_time, user);
    return TRUE;
}

VINE_EXPORT HANDLE OpenProcess(DWORD access, BOOL inherit, DWORD process_id) {
    vine::protocol::open_process_request request{process_id, access, static_cast<uint32_t>(inherit), 0};
    vine::protocol::open_process_reply reply{};
    if (DWORD error = vine::client::call(request, reply)) {
        set_error(error);
        return nullptr;
    }
    return reinterpret_cast<HANDLE>(reply.handle);
}
