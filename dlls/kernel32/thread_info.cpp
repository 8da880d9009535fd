// Thread attributes: descriptions, times, priority boost, affinity, ideal
// processor, stack limits. Descriptions, boost and ideal processors are
// kept by the server (they belong to the thread object and are readable
// from other processes); affinity is Linux's own, per task.
#include <dirent.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "kernel32_private.h"
#include "vine/loader.h"
#include "vine/server_client.h"
#include "vine/nt_process.h"
#include "vine/unicode.h"

#include <vector>

using namespace kernel32;

extern "C" WINAPI HANDLE LocalAlloc(UINT flags, SIZE_T size);  // memory.cpp

namespace {

constexpr DWORD MAXIMUM_PROCESSORS = 64;

HRESULT hresult_from_win32(DWORD error) {
    return error ? static_cast<HRESULT>((error & 0xffff) | 0x80070000u) : S_OK;
}

// thread_info for a handle; the Win32 error, or 0.
DWORD query(HANDLE thread, vine::protocol::thread_info_reply& info) {
    vine::protocol::thread_info_request request{reinterpret_cast<uintptr_t>(thread)};
    return vine::client::call(request, info);
}

// The Linux thread behind a handle, if it is ours: 0 = the caller, -1 = not
// reachable (another process, or ended).
int unix_tid_of(HANDLE thread) {
    if (thread == reinterpret_cast<HANDLE>(-2)) return 0;
    vine::protocol::thread_info_reply info{};
    if (query(thread, info) || info.exit_code != 259 || info.unix_tid <= 0) return -1;
    return info.unix_tid;
}

DWORD_PTR mask_of(const cpu_set_t& set) {
    DWORD_PTR mask = 0;
    for (unsigned cpu = 0; cpu < MAXIMUM_PROCESSORS; ++cpu)
        if (CPU_ISSET(cpu, &set)) mask |= DWORD_PTR{1} << cpu;
    return mask;
}

// The processors this process may use: what Linux allowed it when it
// started (the first time anyone asked), until SetProcessAffinityMask.
std::atomic<DWORD_PTR> process_affinity{0};

DWORD_PTR process_mask() {
    DWORD_PTR mask = process_affinity.load(std::memory_order_relaxed);
    if (mask) return mask;
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(getpid(), sizeof(set), &set) == 0) mask = mask_of(set);
    if (!mask) mask = 1;
    DWORD_PTR unset = 0;
    process_affinity.compare_exchange_strong(unset, mask, std::memory_order_relaxed);
    return process_affinity.load(std::memory_order_relaxed);
}

cpu_set_t set_of(DWORD_PTR mask) {
    cpu_set_t set;
    CPU_ZERO(&set);
    for (unsigned cpu = 0; cpu < MAXIMUM_PROCESSORS; ++cpu)
        if (mask & (DWORD_PTR{1} << cpu)) CPU_SET(cpu, &set);
    return set;
}

bool is_current_process(HANDLE process) {
    return process == reinterpret_cast<HANDLE>(-1) || GetProcessId(process) == GetCurrentProcessId();
}

DWORD_PTR system_mask() {
    long count = sysconf(_SC_NPROCESSORS_CONF);
    if (count <= 0) count = 1;
    return count >= 64 ? ~DWORD_PTR{0} : (DWORD_PTR{1} << count) - 1;
}

void to_filetime(uint64_t value, FILETIME* out) {
    if (!out) return;
    out->dwLowDateTime = static_cast<DWORD>(value);
    out->dwHighDateTime = static_cast<DWORD>(value >> 32);
}

BOOL set_info(HANDLE thread, uint32_t mask, uint32_t boost, uint32_t ideal, DWORD* previous_ideal) {
    vine::protocol::set_thread_info_request request{reinterpret_cast<uintptr_t>(thread), mask, boost, ideal, 0};
    vine::protocol::set_thread_info_reply reply{};
    if (DWORD error = vine::client::call(request, reply)) {
        set_error(error);
        return FALSE;
    }
    if (previous_ideal) *previous_ideal = reply.previous_ideal_processor;
    return TRUE;
}

}  // namespace

// Descriptions are ntdll's ThreadNameInformation; the HRESULT carries the
// Win32 error of a failure.
VINE_EXPORT HRESULT SetThreadDescription(HANDLE thread, LPCWSTR description) {
    if (!description) return hresult_from_win32(ERROR_INVALID_PARAMETER);
    size_t length = vine::utf16_length(description);
    if (length * sizeof(WCHAR) > 0xfffe) return hresult_from_win32(ERROR_INVALID_PARAMETER);
    THREAD_NAME_INFORMATION info{};
    info.ThreadName = UNICODE_STRING{static_cast<USHORT>(length * sizeof(WCHAR)),
                                     static_cast<USHORT>(length * sizeof(WCHAR)), const_cast<LPWSTR>(description)};
    NTSTATUS status = NtSetInformationThread(thread, ThreadNameInformation, &info, sizeof(info));
    return NT_SUCCESS(status) ? S_OK : hresult_from_win32(RtlNtStatusToDosError(status));
}

VINE_EXPORT HRESULT GetThreadDescription(HANDLE thread, LPWSTR* description) {
    if (!description) return hresult_from_win32(ERROR_INVALID_PARAMETER);
    *description = nullptr;
    // Most descriptions fit the first buffer: one server request.
    std::vector<unsigned char> buffer(512);
    ULONG needed = 0;
    NTSTATUS status = NtQueryInformationThread(thread, ThreadNameInformation, buffer.data(),
                                               static_cast<ULONG>(buffer.size()), &needed);
    if (status == STATUS_BUFFER_TOO_SMALL) {
        buffer.resize(needed);
        status = NtQueryInformationThread(thread, ThreadNameInformation, buffer.data(), needed, &needed);
    }
    if (!NT_SUCCESS(status)) return hresult_from_win32(RtlNtStatusToDosError(status));
    const UNICODE_STRING& name = reinterpret_cast<const THREAD_NAME_INFORMATION*>(buffer.data())->ThreadName;
    // The caller frees the copy with LocalFree.
    auto* copy = static_cast<WCHAR*>(LocalAlloc(0x40 /* LMEM_ZEROINIT */, name.Length + sizeof(WCHAR)));
    if (!copy) return hresult_from_win32(ERROR_NOT_ENOUGH_MEMORY);
    memcpy(copy, name.Buffer, name.Length);
    *description = copy;
    return S_OK;
}

VINE_EXPORT BOOL GetThreadTimes(HANDLE thread, FILETIME* creation, FILETIME* exit, FILETIME* kernel, FILETIME* user) {
    KERNEL_USER_TIMES times{};
    NTSTATUS status = NtQueryInformationThread(thread, ThreadTimes, &times, sizeof(times), nullptr);
    if (!NT_SUCCESS(status)) {
        set_error(RtlNtStatusToDosError(status));
        return FALSE;
    }
    to_filetime(static_cast<uint64_t>(times.CreateTime.QuadPart), creation);
    to_filetime(static_cast<uint64_t>(times.ExitTime.QuadPart), exit);
    to_filetime(static_cast<uint64_t>(times.KernelTime.QuadPart), kernel);
    to_filetime(static_cast<uint64_t>(times.UserTime.QuadPart), user);
    return TRUE;
}

VINE_EXPORT BOOL SetThreadPriorityBoost(HANDLE thread, BOOL disable) {
    return set_info(thread, vine::protocol::thread_set_boost, disable ? 1 : 0, 0, nullptr);
}

VINE_EXPORT BOOL GetThreadPriorityBoost(HANDLE thread, BOOL* disabled) {
    vine::protocol::thread_info_reply info{};
    if (DWORD error = query(thread, info)) {
        set_error(error);
        return FALSE;
    }
    if (disabled) *disabled = info.priority_boost_disabled ? TRUE : FALSE;
    return TRUE;
}

VINE_EXPORT DWORD SetThreadIdealProcessor(HANDLE thread, DWORD processor) {
    DWORD previous = 0;
    if (processor == MAXIMUM_PROCESSORS) {
        // Only asks for the current one.
        vine::protocol::thread_info_reply info{};
        if (DWORD error = query(thread, info)) {
            set_error(error);
            return 0xffffffff;
        }
        return info.ideal_processor;
    }
    if (processor >= MAXIMUM_PROCESSORS || !(system_mask() & (DWORD_PTR{1} << processor))) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0xffffffff;
    }
    if (!set_info(thread, vine::protocol::thread_set_ideal_processor, 0, processor, &previous)) return 0xffffffff;
    return previous;
}

VINE_EXPORT DWORD_PTR SetThreadAffinityMask(HANDLE thread, DWORD_PTR mask) {
    if (!mask || (mask & ~process_mask())) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    int tid = unix_tid_of(thread);
    if (tid < 0) {
        // Another process's thread, or one that has ended.
        set_error(thread == nullptr ? ERROR_INVALID_HANDLE : ERROR_ACCESS_DENIED);
        return 0;
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(tid, sizeof(set), &set) != 0) return fail_errno();
    DWORD_PTR previous = mask_of(set);
    set = set_of(mask);
    if (sched_setaffinity(tid, sizeof(set), &set) != 0) return fail_errno();
    return previous ? previous : process_mask();
}

VINE_EXPORT BOOL GetProcessAffinityMask(HANDLE process, DWORD_PTR* process_affinity_out, DWORD_PTR* system_affinity) {
    if (!process_affinity_out || !system_affinity) {
        set_error(ERROR_NOACCESS);
        return FALSE;
    }
    // Another process: the mask Linux gave vine, which every Vine process
    // starts with (a change made there is not seen from here).
    *process_affinity_out = process_mask();
    *system_affinity = system_mask();
    return TRUE;
}

// The current process only: every one of its threads gets the new mask, as
// on Windows, and threads created later inherit it from their creator.
// Another process's threads are out of this process's reach (Linux
// affinity is per task): ERROR_ACCESS_DENIED.
VINE_EXPORT BOOL SetProcessAffinityMask(HANDLE process, DWORD_PTR mask) {
    if (!mask || (mask & ~system_mask())) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!is_current_process(process)) {
        set_error(ERROR_ACCESS_DENIED);
        return FALSE;
    }
    cpu_set_t set = set_of(mask);
    DIR* tasks = opendir("/proc/self/task");
    if (!tasks) return fail_errno();
    while (dirent* entry = readdir(tasks)) {
        int tid = atoi(entry->d_name);
        // A thread that ended meanwhile is no error.
        if (tid > 0 && sched_setaffinity(tid, sizeof(set), &set) != 0 && errno != ESRCH) {
            int error = errno;
            closedir(tasks);
            errno = error;
            return fail_errno();
        }
    }
    closedir(tasks);
    process_affinity.store(mask, std::memory_order_relaxed);
    return TRUE;
}

VINE_EXPORT void GetCurrentThreadStackLimits(ULONG_PTR* low, ULONG_PTR* high) {
    // The whole reservation, guard page included, as Windows reports it.
    TEB* teb = current_teb();
    *low = reinterpret_cast<ULONG_PTR>(teb->DeallocationStack);
    *high = reinterpret_cast<ULONG_PTR>(teb->Tib.StackBase);
}

// The room kept below the stack for a stack overflow's handlers: it only
// grows; the previous guarantee comes back in *size. 64-bit Windows keeps at
// least two pages, and refuses a guarantee as large as the whole stack.
VINE_EXPORT BOOL SetThreadStackGuarantee(ULONG* size) {
    TEB* teb = current_teb();
    ULONG previous = teb->GuaranteedStackBytes;
    ULONG wanted = (*size + 0xfff) & ~ULONG{0xfff};
    if (wanted && wanted < 0x2000) wanted = 0x2000;
    *size = previous;
    auto stack = reinterpret_cast<ULONG_PTR>(teb->Tib.StackBase) - reinterpret_cast<ULONG_PTR>(teb->DeallocationStack);
    if (wanted >= stack) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (wanted > previous) {
        teb->GuaranteedStackBytes = wanted;
        // The reserve is larger now: a stack already committed into it gets
        // its guard back higher up, where the new reserve begins.
        vine::loader::reset_stack_guard();
    }
    return TRUE;
}
