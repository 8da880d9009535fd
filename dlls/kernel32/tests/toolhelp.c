/* Toolhelp32 snapshots: this process among the processes, its threads
 * (a second thread included), its modules (the EXE first), the A forms,
 * the end of a walk and a closed snapshot. */
#include <windows.h>
#include <tlhelp32.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

static HANDLE stop;

static DWORD WINAPI waiter(void *arg)
{
    WaitForSingleObject(stop, INFINITE);
    return 0;
}

static const WCHAR *base_of(const WCHAR *path)
{
    const WCHAR *slash = wcsrchr(path, L'\\');
    return slash ? slash + 1 : path;
}

static void test_processes(const WCHAR *exe_path)
{
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    PROCESSENTRY32W entry;
    PROCESSENTRY32 entry_a;
    int found = 0, more;
    char exe_a[MAX_PATH];

    ok(snap != INVALID_HANDLE_VALUE, "process snapshot: %lu", GetLastError());
    if (snap == INVALID_HANDLE_VALUE) return;
    entry.dwSize = sizeof(entry);
    for (more = Process32FirstW(snap, &entry); more; more = Process32NextW(snap, &entry)) {
        if (entry.th32ProcessID != GetCurrentProcessId()) continue;
        found = 1;
        ok(!_wcsicmp(entry.szExeFile, base_of(exe_path)), "szExeFile %ls", entry.szExeFile);
        ok(entry.cntThreads >= 2, "%lu threads", (unsigned long)entry.cntThreads);
    }
    ok(found, "this process is in the snapshot");
    ok(GetLastError() == ERROR_NO_MORE_FILES, "the walk ends with ERROR_NO_MORE_FILES: %lu", GetLastError());

    WideCharToMultiByte(CP_ACP, 0, base_of(exe_path), -1, exe_a, sizeof(exe_a), NULL, NULL);
    found = 0;
    entry_a.dwSize = sizeof(entry_a);
    for (more = Process32First(snap, &entry_a); more; more = Process32Next(snap, &entry_a))
        if (entry_a.th32ProcessID == GetCurrentProcessId())
            found = !_stricmp(entry_a.szExeFile, exe_a);
    ok(found, "the A form walks again from the start, with the narrow name");
    ok(CloseHandle(snap), "CloseHandle");
    ok(!Process32FirstW(snap, &entry), "a closed snapshot cannot be walked");
}

static void test_threads(DWORD other)
{
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
    THREADENTRY32 entry;
    int mine = 0, theirs = 0, more;

    ok(snap != INVALID_HANDLE_VALUE, "thread snapshot");
    if (snap == INVALID_HANDLE_VALUE) return;
    entry.dwSize = sizeof(entry);
    for (more = Thread32First(snap, &entry); more; more = Thread32Next(snap, &entry)) {
        if (entry.th32OwnerProcessID != GetCurrentProcessId()) continue;
        mine |= entry.th32ThreadID == GetCurrentThreadId();
        theirs |= entry.th32ThreadID == other;
    }
    ok(mine, "the calling thread is listed");
    ok(theirs, "the second thread is listed");
    CloseHandle(snap);
}

static void test_modules(const WCHAR *exe_path)
{
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPMODULE, 0);
    HMODULE k32 = GetModuleHandleW(L"kernel32.dll");
    MODULEENTRY32W entry;
    MODULEENTRY32 entry_a;
    int found_k32 = 0, more, count = 0;

    ok(snap != INVALID_HANDLE_VALUE, "module snapshot of this process");
    if (snap == INVALID_HANDLE_VALUE) return;
    entry.dwSize = sizeof(entry);
    ok(Module32FirstW(snap, &entry), "Module32FirstW");
    ok(entry.hModule == GetModuleHandleW(NULL) && entry.modBaseAddr == (BYTE *)entry.hModule,
       "the EXE comes first");
    ok(!wcscmp(entry.szExePath, exe_path), "its path: %ls", entry.szExePath);
    ok(!_wcsicmp(entry.szModule, base_of(exe_path)), "its name: %ls", entry.szModule);
    ok(entry.th32ProcessID == GetCurrentProcessId(), "owned by this process");
    for (more = 1; more; more = Module32NextW(snap, &entry)) {
        count++;
        if (entry.hModule == k32) {
            found_k32 = 1;
            ok(!_wcsicmp(entry.szModule, L"kernel32.dll"), "kernel32's name: %ls", entry.szModule);
            ok(entry.modBaseSize > 0, "kernel32's size");
        }
    }
    ok(found_k32 && count >= 3, "kernel32 among %d modules", count);
    entry_a.dwSize = sizeof(entry_a);
    ok(Module32First(snap, &entry_a) && entry_a.hModule == GetModuleHandleW(NULL), "Module32First");
    CloseHandle(snap);
}

int main(void)
{
    WCHAR exe_path[MAX_PATH];
    DWORD other;
    HANDLE thread;

    GetModuleFileNameW(NULL, exe_path, MAX_PATH);
    stop = CreateEventW(NULL, TRUE, FALSE, NULL);
    thread = CreateThread(NULL, 0, waiter, NULL, 0, &other);
    ok(thread != NULL, "a second thread");
    Sleep(50);
    test_processes(exe_path);
    test_threads(other);
    test_modules(exe_path);
    SetEvent(stop);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    return vt_summary();
}
