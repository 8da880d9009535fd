/* System information: GetSystemInfo, processor counts, memory status, the
 * Windows and system directories (and loading a DLL from the system
 * directory by path), priority classes, error-reporting flags. */
#include <windows.h>
#include <string.h>

#include "vinetest.h"

/* From werapi.h, which needs more of the SDK than this test: kernel32
   exports both. */
#define WER_FAULT_REPORTING_NO_UI 0x20
HRESULT WINAPI WerGetFlags(HANDLE process, PDWORD flags);
HRESULT WINAPI WerSetFlags(DWORD flags);

static void test_system_info(void)
{
    SYSTEM_INFO info, native;
    MEMORYSTATUSEX memory;
    GetSystemInfo(&info);
    GetNativeSystemInfo(&native);
    ok_int(info.wProcessorArchitecture, PROCESSOR_ARCHITECTURE_AMD64);
    ok_int(info.dwPageSize, 4096);
    ok_int(info.dwAllocationGranularity, 65536);
    ok(info.lpMinimumApplicationAddress == (void *)0x10000, "lpMinimumApplicationAddress");
    ok(info.dwNumberOfProcessors >= 1, "at least one processor");
    ok_int(info.dwNumberOfProcessors, GetActiveProcessorCount(ALL_PROCESSOR_GROUPS));
    ok_int(info.dwActiveProcessorMask, info.dwNumberOfProcessors >= 64
                                           ? ~(DWORD_PTR)0 : ((DWORD_PTR)1 << info.dwNumberOfProcessors) - 1);
    ok(!memcmp(&info, &native, sizeof(info)), "GetNativeSystemInfo of a 64-bit process is the same");

    memset(&memory, 0, sizeof(memory));
    memory.dwLength = sizeof(memory);
    ok(GlobalMemoryStatusEx(&memory), "GlobalMemoryStatusEx");
    ok(memory.ullTotalPhys > 0 && memory.ullAvailPhys <= memory.ullTotalPhys, "physical memory");
    ok(memory.dwMemoryLoad <= 100, "memory load is a percentage");
    memory.dwLength = 12;
    ok(!GlobalMemoryStatusEx(&memory), "GlobalMemoryStatusEx with a wrong dwLength");
}

static void test_directories(void)
{
    WCHAR wide[MAX_PATH];
    char ansi[MAX_PATH], small[4];
    HMODULE by_path;
    ok_int(GetSystemDirectoryW(wide, MAX_PATH), 19);
    ok(!wcscmp(wide, L"C:\\windows\\system32"), "GetSystemDirectoryW");
    ok_int(GetWindowsDirectoryA(ansi, sizeof(ansi)), 10);
    ok_str(ansi, "C:\\windows");
    ok_int(GetSystemWindowsDirectoryW(wide, MAX_PATH), 10);
    /* Too small: the size needed, terminator included. */
    ok_int(GetSystemDirectoryA(small, sizeof(small)), 20);
    ok_int(GetSystemDirectoryA(NULL, 0), 20);

    /* The system DLLs are where GetSystemDirectory says. */
    by_path = LoadLibraryW(L"C:\\Windows\\System32\\KERNEL32.dll");
    ok(by_path == GetModuleHandleW(L"kernel32.dll"), "kernel32 loaded by its system path");
    GetModuleFileNameA(GetModuleHandleA("kernel32.dll"), ansi, sizeof(ansi));
    ok(!_stricmp(ansi, "C:\\windows\\system32\\kernel32.dll"), "kernel32's file name (%s)", ansi);
}

static void test_priority(void)
{
    BOOL disabled = -1;
    ok_int(GetPriorityClass(GetCurrentProcess()), NORMAL_PRIORITY_CLASS);
    ok(SetPriorityClass(GetCurrentProcess(), BELOW_NORMAL_PRIORITY_CLASS), "SetPriorityClass below normal");
    ok_int(GetPriorityClass(GetCurrentProcess()), BELOW_NORMAL_PRIORITY_CLASS);
    SetLastError(0xdeadbeef);
    ok(!SetPriorityClass(GetCurrentProcess(), 0x12345), "an unknown priority class");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
    ok(SetPriorityClass(GetCurrentProcess(), NORMAL_PRIORITY_CLASS), "back to normal");
    ok_int(GetPriorityClass(GetCurrentProcess()), NORMAL_PRIORITY_CLASS);

    ok(GetProcessPriorityBoost(GetCurrentProcess(), &disabled), "GetProcessPriorityBoost");
    ok_int(disabled, FALSE);
    ok(SetProcessPriorityBoost(GetCurrentProcess(), TRUE), "SetProcessPriorityBoost");
    ok(GetProcessPriorityBoost(GetCurrentProcess(), &disabled), "GetProcessPriorityBoost again");
    ok_int(disabled, TRUE);
    SetLastError(0xdeadbeef);
    ok(!SetProcessPriorityBoost((HANDLE)(ULONG_PTR)0x7ff0, TRUE), "a bad handle");
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);
}

static void test_error_reporting(void)
{
    DWORD flags = 0xdeadbeef;
    ok_int(WerGetFlags(GetCurrentProcess(), &flags), S_OK);
    ok_int(flags, 0);
    ok_int(WerSetFlags(WER_FAULT_REPORTING_NO_UI), S_OK);
    ok_int(WerGetFlags(GetCurrentProcess(), &flags), S_OK);
    ok_int(flags, WER_FAULT_REPORTING_NO_UI);
}

int main(void)
{
    test_system_info();
    test_directories();
    test_priority();
    test_error_reporting();
    return vt_summary();
}
