// Toolhelp32: CreateToolhelp32Snapshot and the Process32/Thread32/Module32
// walks over it. A snapshot is taken once, at creation, as Windows does;
// the walk reads that copy. The handle is a real kernel object (an unnamed
// event, where Windows uses a section), so CloseHandle, duplication checks
// and handle validation behave; the copy itself stays in this process,
// keyed by the handle, and CloseHandle drops it (forget_snapshot).
//
// Processes: the server cannot list a prefix's processes yet, so a process
// snapshot holds this process (see K32EnumProcesses). Threads: this
// process's threads. Modules: this process's, for th32ProcessID 0 or its
// own id; another process's modules fail with ERROR_NOT_SUPPORTED.
#include <atomic>
#include <cstring>
#include <map>
#include <mutex>
#include <vector>

#include "vine/locks.h"
#include "file_info_class.h"  // ERROR_BAD_LENGTH
#include "kernel32_private.h"
#include "nt_wait.h"
#include "vine/loader.h"
#include "vine/server_client.h"
#include "vine/thread_control.h"
#include "vine/toolhelp.h"

using namespace kernel32;

namespace {

struct Snapshot {
    std::vector<PROCESSENTRY32W> processes;
    std::vector<THREADENTRY32> threads;
    std::vector<MODULEENTRY32W> modules;
    // The next entry each walk returns; First resets it.
    size_t next_process = 0, next_thread = 0, next_module = 0;
};

vine::Mutex snapshots_lock;
std::map<HANDLE, Snapshot> snapshots;
// How many snapshots are open, so that CloseHandle of anything else costs
// no lock while there are none.
std::atomic<size_t> open_snapshots{0};

constexpr LONG THREAD_PRIORITY_NORMAL = 0;
constexpr LONG NORMAL_PRIORITY_BASE = 8;

template <size_t N>
void copy_text(WCHAR (&out)[N], std::u16string_view text) {
    size_t count = text.size() < N ? text.size() : N - 1;
    std::memcpy(out, text.data(), count * sizeof(WCHAR));
    out[count] = 0;
}

void visit_teb(TEB* teb, void* data) {
    static_cast<std::vector<DWORD>*>(data)->push_back(
        static_cast<DWORD>(reinterpret_cast<uintptr_t>(teb->ClientId.UniqueThread)));
}

std::vector<DWORD> current_threads() {
    std::vector<DWORD> ids;
    vine::threads::for_each_teb(visit_teb, &ids);
    return ids;
}

void take_processes(Snapshot& snapshot) {
    vine::protocol::process_info_request request{static_cast<uint64_t>(-1)};
    vine::protocol::process_info_reply info{};
    vine::client::call(request, info);  // on failure the parent stays 0
    auto modules = vine::loader::list_modules();
    PROCESSENTRY32W entry{};
    entry.dwSize = sizeof(entry);
    entry.th32ProcessID = GetCurrentProcessId();
    entry.cntThreads = static_cast<DWORD>(current_threads().size());
    entry.th32ParentProcessID = info.parent_id;
    entry.pcPriClassBase = NORMAL_PRIORITY_BASE;
    copy_text(entry.szExeFile, modules.empty() ? std::u16string_view() : modules.front().base_name);
    snapshot.processes.push_back(entry);
}

void take_threads(Snapshot& snapshot) {
    for (DWORD id : current_threads()) {
        THREADENTRY32 entry{};
        entry.dwSize = sizeof(entry);
        entry.th32ThreadID = id;
        entry.th32OwnerProcessID = GetCurrentProcessId();
        entry.tpBasePri = NORMAL_PRIORITY_BASE;
        entry.tpDeltaPri = THREAD_PRIORITY_NORMAL;
        snapshot.threads.push_back(entry);
    }
}

void take_modules(Snapshot& snapshot) {
    for (const auto& module : vine::loader::list_modules()) {
        MODULEENTRY32W entry{};
        entry.dwSize = sizeof(entry);
        entry.th32ModuleID = 1;  // documented as no longer used; always 1
        entry.th32ProcessID = GetCurrentProcessId();
        entry.GlblcntUsage = entry.ProccntUsage = 0xffff;
        entry.modBaseAddr = static_cast<BYTE*>(module.base);
        entry.modBaseSize = module.size;
        entry.hModule = module.base;
        copy_text(entry.szModule, module.base_name);
        copy_text(entry.szExePath, module.full_name);
        snapshot.modules.push_back(entry);
    }
}

// Runs `step` on the snapshot `handle` names; FALSE with
// ERROR_INVALID_HANDLE when it names none.
template <typename Step>
BOOL with_snapshot(HANDLE handle, Step step) {
    std::lock_guard guard(snapshots_lock);
    auto found = snapshots.find(handle);
    if (found == snapshots.end()) {
        set_error(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return step(found->second);
}

// One step of a walk: the entry at `next` into `out` (whose dwSize the
// caller set), or ERROR_NO_MORE_FILES at the end.
template <typename Entry>
BOOL walk(const std::vector<Entry>& entries, size_t& next, Entry* out) {
    if (!out || out->dwSize < sizeof(Entry)) {
        set_error(ERROR_BAD_LENGTH);
        return FALSE;
    }
    if (next >= entries.size()) {
        set_error(ERROR_NO_MORE_FILES);
        return FALSE;
    }
    DWORD size = out->dwSize;
    *out = entries[next++];
    out->dwSize = size;
    return TRUE;
}

template <typename Narrow, typename Wide>
void narrow_text(Narrow& out, const Wide& in) {
    std::string text = ansi_from_wide(in);
    size_t count = text.size() < sizeof(out) ? text.size() : sizeof(out) - 1;
    std::memcpy(out, text.data(), count);
    out[count] = 0;
}

}  // namespace

namespace kernel32 {

void forget_snapshot(HANDLE handle) {
    if (open_snapshots.load(std::memory_order_relaxed) == 0) return;
    std::lock_guard guard(snapshots_lock);
    snapshots.erase(handle);
    open_snapshots = snapshots.size();
}

}  // namespace kernel32

VINE_EXPORT HANDLE CreateToolhelp32Snapshot(DWORD flags, DWORD process_id) {
    bool want_modules = flags & (TH32CS_SNAPMODULE | TH32CS_SNAPMODULE32);
    if (want_modules && process_id != 0 && process_id != GetCurrentProcessId()) {
        set_error(ERROR_NOT_SUPPORTED);
        return INVALID_HANDLE_VALUE;
    }
    Snapshot snapshot;
    if (flags & TH32CS_SNAPPROCESS) take_processes(snapshot);
    if (flags & TH32CS_SNAPTHREAD) take_threads(snapshot);
    // A 64-bit process has no 32-bit modules to add for TH32CS_SNAPMODULE32.
    if (flags & TH32CS_SNAPMODULE) take_modules(snapshot);
    OBJECT_ATTRIBUTES attributes{};
    attributes.Length = sizeof(attributes);
    if (flags & TH32CS_INHERIT) attributes.Attributes = OBJ_INHERIT;
    HANDLE handle = nullptr;
    NTSTATUS status = NtCreateEvent(&handle, 0x1f0003 /* EVENT_ALL_ACCESS */, &attributes,
                                    NotificationEvent, FALSE);
    if (status < 0) {
        set_nt_error(status);
        return INVALID_HANDLE_VALUE;
    }
    std::lock_guard guard(snapshots_lock);
    snapshots[handle] = std::move(snapshot);
    open_snapshots = snapshots.size();
    return handle;
}

VINE_EXPORT BOOL Process32FirstW(HANDLE handle, PROCESSENTRY32W* entry) {
    return with_snapshot(handle, [&](Snapshot& s) {
        s.next_process = 0;
        return walk(s.processes, s.next_process, entry);
    });
}

VINE_EXPORT BOOL Process32NextW(HANDLE handle, PROCESSENTRY32W* entry) {
    return with_snapshot(handle, [&](Snapshot& s) { return walk(s.processes, s.next_process, entry); });
}

VINE_EXPORT BOOL Thread32First(HANDLE handle, THREADENTRY32* entry) {
    return with_snapshot(handle, [&](Snapshot& s) {
        s.next_thread = 0;
        return walk(s.threads, s.next_thread, entry);
    });
}

VINE_EXPORT BOOL Thread32Next(HANDLE handle, THREADENTRY32* entry) {
    return with_snapshot(handle, [&](Snapshot& s) { return walk(s.threads, s.next_thread, entry); });
}

VINE_EXPORT BOOL Module32FirstW(HANDLE handle, MODULEENTRY32W* entry) {
    return with_snapshot(handle, [&](Snapshot& s) {
        s.next_module = 0;
        return walk(s.modules, s.next_module, entry);
    });
}

VINE_EXPORT BOOL Module32NextW(HANDLE handle, MODULEENTRY32W* entry) {
    return with_snapshot(handle, [&](Snapshot& s) { return walk(s.modules, s.next_module, entry); });
}

namespace {

// The A forms walk the same entries and narrow the strings.
BOOL process_a(HANDLE handle, PROCESSENTRY32* entry, bool first) {
    if (!entry || entry->dwSize < sizeof(PROCESSENTRY32)) {
        set_error(ERROR_BAD_LENGTH);
        return FALSE;
    }
    PROCESSENTRY32W wide{};
    wide.dwSize = sizeof(wide);
    if (!(first ? Process32FirstW : Process32NextW)(handle, &wide)) return FALSE;
    DWORD size = entry->dwSize;
    std::memcpy(entry, &wide, offsetof(PROCESSENTRY32W, szExeFile));
    entry->dwSize = size;
    narrow_text(entry->szExeFile, wide.szExeFile);
    return TRUE;
}

BOOL module_a(HANDLE handle, MODULEENTRY32* entry, bool first) {
    if (!entry || entry->dwSize < sizeof(MODULEENTRY32)) {
        set_error(ERROR_BAD_LENGTH);
        return FALSE;
    }
    MODULEENTRY32W wide{};
    wide.dwSize = sizeof(wide);
    if (!(first ? Module32FirstW : Module32NextW)(handle, &wide)) return FALSE;
    DWORD size = entry->dwSize;
    std::memcpy(entry, &wide, offsetof(MODULEENTRY32W, szModule));
    entry->dwSize = size;
    narrow_text(entry->szModule, wide.szModule);
    narrow_text(entry->szExePath, wide.szExePath);
    return TRUE;
}

}  // namespace

VINE_EXPORT BOOL Process32First(HANDLE handle, PROCESSENTRY32* entry) { return process_a(handle, entry, true); }
VINE_EXPORT BOOL Process32Next(HANDLE handle, PROCESSENTRY32* entry) { return process_a(handle, entry, false); }
VINE_EXPORT BOOL Module32First(HANDLE handle, MODULEENTRY32* entry) { return module_a(handle, entry, true); }
VINE_EXPORT BOOL Module32Next(HANDLE handle, MODULEENTRY32* entry) { return module_a(handle, entry, false); }
