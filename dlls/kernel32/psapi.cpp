// Process status (psapi's K32* forms): the modules of a process, their names
// and extents, the process's memory counters and image name. psapi.dll
// forwards here, as on Windows 7 and later.
//
// Module lists come from the loader (the PEB's list, copied under the
// loader lock). Another process's modules would need its loader data read
// across processes, which Vine has no request for yet: those calls fail
// with ERROR_NOT_SUPPORTED rather than answer for the wrong process.
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "kernel32_private.h"
#include "vine/loader.h"
#include "vine/server_client.h"
#include "vine/toolhelp.h"
#include "vine/unicode.h"

using namespace kernel32;

namespace {

constexpr DWORD PROCESS_NAME_NATIVE = 0x1;

// True for a handle to the calling process; false with the last error set
// otherwise (ERROR_INVALID_HANDLE for a bad handle).
bool is_current_process(HANDLE process) {
    if (process == reinterpret_cast<HANDLE>(-1)) return true;
    DWORD id = GetProcessId(process);
    if (id == 0) return false;  // GetProcessId set the error
    if (id == GetCurrentProcessId()) return true;
    set_error(ERROR_NOT_SUPPORTED);
    return false;
}

// The module `module` names (null: the EXE) among `modules`, or null with
// ERROR_INVALID_HANDLE.
const vine::loader::ModuleSummary* find(const std::vector<vine::loader::ModuleSummary>& modules,
                                        HMODULE module) {
    if (!module && !modules.empty()) return &modules.front();
    for (const auto& entry : modules)
        if (entry.base == module) return &entry;
    set_error(ERROR_INVALID_HANDLE);
    return nullptr;
}

// psapi's string convention: copy at most `size` characters, terminate
// only when there is room, return the number copied.
DWORD copy_name(std::u16string_view name, WCHAR* buffer, DWORD size) {
    if (!buffer) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    size_t count = name.size() < size ? name.size() : size;
    std::memcpy(buffer, name.data(), count * sizeof(WCHAR));
    if (count < size) buffer[count] = 0;
    return static_cast<DWORD>(count);
}

DWORD copy_name_ansi(std::u16string_view name, char* buffer, DWORD size) {
    if (!buffer) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    std::u16string text(name);
    std::string ansi = ansi_from_wide(text.c_str());
    size_t count = ansi.size() < size ? ansi.size() : size;
    std::memcpy(buffer, ansi.data(), count);
    if (count < size) buffer[count] = 0;
    return static_cast<DWORD>(count);
}

// The Linux pid behind a process handle, from the server.
int unix_pid_of(HANDLE process) {
    if (process == reinterpret_cast<HANDLE>(-1)) return getpid();
    vine::protocol::process_info_request request{reinterpret_cast<uintptr_t>(process)};
    vine::protocol::process_info_reply reply{};
    if (DWORD error = vine::client::call(request, reply)) {
        set_error(error);
        return -1;
    }
    if (reply.unix_pid <= 0) set_error(ERROR_INVALID_HANDLE);
    return reply.unix_pid;
}

// One "Name:   N kB" line of /proc/PID/status, in bytes.
SIZE_T status_bytes(const char* text, const char* name) {
    const char* line = std::strstr(text, name);
    if (!line) return 0;
    unsigned long long kib = 0;
    std::sscanf(line + std::strlen(name), ": %llu", &kib);
    return static_cast<SIZE_T>(kib) * 1024;
}

bool read_text(const char* path, char* buffer, size_t size) {
    FILE* file = std::fopen(path, "r");
    if (!file) return false;
    size_t got = std::fread(buffer, 1, size - 1, file);
    buffer[got] = 0;
    std::fclose(file);
    return got > 0;
}

}  // namespace

VINE_EXPORT BOOL K32EnumProcessModulesEx(HANDLE process, HMODULE* modules, DWORD size, DWORD* needed,
                                         DWORD filter) {
    if (filter > LIST_MODULES_ALL) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!needed) {
        set_error(ERROR_NOACCESS);
        return FALSE;
    }
    if (!is_current_process(process)) return FALSE;
    // A 64-bit process has only 64-bit modules: LIST_MODULES_32BIT lists none.
    auto list = vine::loader::list_modules();
    if (filter == LIST_MODULES_32BIT) list.clear();
    *needed = static_cast<DWORD>(list.size() * sizeof(HMODULE));
    DWORD room = size / sizeof(HMODULE);
    for (DWORD i = 0; i < room && i < list.size(); ++i) modules[i] = list[i].base;
    return TRUE;
}

VINE_EXPORT BOOL K32EnumProcessModules(HANDLE process, HMODULE* modules, DWORD size, DWORD* needed) {
    return K32EnumProcessModulesEx(process, modules, size, needed, LIST_MODULES_DEFAULT);
}

VINE_EXPORT BOOL K32GetModuleInformation(HANDLE process, HMODULE module, MODULEINFO* info, DWORD size) {
    if (size < sizeof(MODULEINFO)) {
        set_error(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    if (!is_current_process(process)) return FALSE;
    auto list = vine::loader::list_modules();
    const auto* entry = find(list, module);
    if (!entry) return FALSE;
    info->lpBaseOfDll = entry->base;
    info->SizeOfImage = entry->size;
    info->EntryPoint = entry->entry;
    return TRUE;
}

VINE_EXPORT DWORD K32GetModuleBaseNameW(HANDLE process, HMODULE module, WCHAR* name, DWORD size) {
    if (!is_current_process(process)) return 0;
    auto list = vine::loader::list_modules();
    const auto* entry = find(list, module);
    return entry ? copy_name(entry->base_name, name, size) : 0;
}

VINE_EXPORT DWORD K32GetModuleBaseNameA(HANDLE process, HMODULE module, char* name, DWORD size) {
    if (!is_current_process(process)) return 0;
    auto list = vine::loader::list_modules();
    const auto* entry = find(list, module);
    return entry ? copy_name_ansi(entry->base_name, name, size) : 0;
}

VINE_EXPORT DWORD K32GetModuleFileNameExW(HANDLE process, HMODULE module, WCHAR* name, DWORD size) {
    if (!is_current_process(process)) return 0;
    auto list = vine::loader::list_modules();
    const auto* entry = find(list, module);
    return entry ? copy_name(entry->full_name, name, size) : 0;
}

VINE_EXPORT DWORD K32GetModuleFileNameExA(HANDLE process, HMODULE module, char* name, DWORD size) {
    if (!is_current_process(process)) return 0;
    auto list = vine::loader::list_modules();
    const auto* entry = find(list, module);
    return entry ? copy_name_ansi(entry->full_name, name, size) : 0;
}

// Linux's accounting of the process, in Windows' terms: the working set is
// the resident set, its peak VmHWM; the commit charge ("pagefile usage",
// private bytes) is the private writable memory, VmData + VmStk. Linux
// keeps no peak of that, so the peak reported is the current value. There
// are no kernel pools charged to a process.
VINE_EXPORT BOOL K32GetProcessMemoryInfo(HANDLE process, PROCESS_MEMORY_COUNTERS_EX* counters, DWORD size) {
    if (size < PROCESS_MEMORY_COUNTERS_SIZE) {
        set_error(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    int pid = unix_pid_of(process);
    if (pid <= 0) return FALSE;
    char path[64], status[4096], stat[1024];
    std::snprintf(path, sizeof(path), "/proc/%d/status", pid);
    if (!read_text(path, status, sizeof(status))) {
        set_error(ERROR_ACCESS_DENIED);
        return FALSE;
    }
    std::snprintf(path, sizeof(path), "/proc/%d/stat", pid);
    unsigned long minor = 0, major = 0;
    if (read_text(path, stat, sizeof(stat))) {
        // Fields 10 and 12, after the parenthesized command name.
        if (const char* after = std::strrchr(stat, ')'))
            std::sscanf(after + 1, " %*c %*d %*d %*d %*d %*d %*u %lu %*u %lu", &minor, &major);
    }
    PROCESS_MEMORY_COUNTERS_EX out{};
    out.cb = size >= sizeof(PROCESS_MEMORY_COUNTERS_EX) ? sizeof(PROCESS_MEMORY_COUNTERS_EX)
                                                         : PROCESS_MEMORY_COUNTERS_SIZE;
    out.PageFaultCount = static_cast<DWORD>(minor + major);
    out.WorkingSetSize = status_bytes(status, "VmRSS");
    out.PeakWorkingSetSize = status_bytes(status, "VmHWM");
    if (out.PeakWorkingSetSize < out.WorkingSetSize) out.PeakWorkingSetSize = out.WorkingSetSize;
    out.PagefileUsage = status_bytes(status, "VmData") + status_bytes(status, "VmStk");
    out.PeakPagefileUsage = out.PagefileUsage;
    out.PrivateUsage = out.PagefileUsage;
    std::memcpy(counters, &out, out.cb);
    return TRUE;
}

VINE_EXPORT BOOL K32EnumProcesses(DWORD* ids, DWORD size, DWORD* needed) {
    // The server has no request listing a prefix's processes yet, so the
    // list is the one process whose existence is certain: this one.
    if (!needed || (size >= sizeof(DWORD) && !ids)) {
        set_error(ERROR_NOACCESS);
        return FALSE;
    }
    *needed = 0;
    if (size >= sizeof(DWORD)) {
        ids[0] = GetCurrentProcessId();
        *needed = sizeof(DWORD);
    }
    return TRUE;
}

VINE_EXPORT BOOL QueryFullProcessImageNameW(HANDLE process, DWORD flags, WCHAR* name, DWORD* size) {
    if (!size || !name || (flags & ~PROCESS_NAME_NATIVE)) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    // The NT form (\Device\HarddiskVolumeN\...) needs the device names of
    // Vine's drives, which nothing defines yet.
    if (flags & PROCESS_NAME_NATIVE) {
        set_error(ERROR_NOT_SUPPORTED);
        return FALSE;
    }
    if (!is_current_process(process)) return FALSE;
    std::u16string path = vine::loader::module_path(nullptr);
    if (path.size() >= *size) {
        set_error(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    std::memcpy(name, path.c_str(), (path.size() + 1) * sizeof(WCHAR));
    *size = static_cast<DWORD>(path.size());
    return TRUE;
}

VINE_EXPORT BOOL QueryFullProcessImageNameA(HANDLE process, DWORD flags, char* name, DWORD* size) {
    if (!size || !name) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WCHAR wide[32768];
    DWORD wide_size = 32768;
    if (!QueryFullProcessImageNameW(process, flags, wide, &wide_size)) return FALSE;
    std::string ansi = ansi_from_wide(wide);
    if (ansi.size() >= *size) {
        set_error(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    std::memcpy(name, ansi.c_str(), ansi.size() + 1);
    *size = static_cast<DWORD>(ansi.size());
    return TRUE;
}
