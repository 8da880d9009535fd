/* psapi through psapi.dll's exports (PSAPI_VERSION 1, forwarded to
 * kernel32's K32* forms): the modules of this process, their names and
 * extents, its memory counters, EnumProcesses and
 * QueryFullProcessImageNameW. */
#define PSAPI_VERSION 1
#include <windows.h>
#include <psapi.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

static const WCHAR *base_of(const WCHAR *path)
{
    const WCHAR *slash = wcsrchr(path, L'\\');
    return slash ? slash + 1 : path;
}

static void test_modules(void)
{
    HMODULE modules[256], exe = GetModuleHandleW(NULL), k32 = GetModuleHandleW(L"kernel32.dll");
    HANDLE self = GetCurrentProcess();
    DWORD needed = 0, i, count;
    int found_k32 = 0;
    MODULEINFO info;
    WCHAR name[MAX_PATH], path[MAX_PATH], small[4];
    char name_a[MAX_PATH];
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)((BYTE *)exe + ((IMAGE_DOS_HEADER *)exe)->e_lfanew);

    ok(EnumProcessModules(self, modules, sizeof(modules), &needed), "EnumProcessModules");
    count = needed / sizeof(HMODULE);
    ok(needed % sizeof(HMODULE) == 0 && count >= 3 && count <= 256, "%lu modules", (unsigned long)count);
    ok(modules[0] == exe, "the EXE comes first");
    for (i = 0; i < count; i++) found_k32 |= modules[i] == k32;
    ok(found_k32, "kernel32 is among them");
    needed = 0;
    modules[1] = NULL;
    ok(EnumProcessModules(self, modules, sizeof(HMODULE), &needed), "a buffer for one module");
    ok(needed == count * sizeof(HMODULE), "still reports the size of all: %lu", (unsigned long)needed);
    ok(modules[1] == NULL, "and writes only one");
    ok(EnumProcessModulesEx(self, modules, sizeof(modules), &needed, LIST_MODULES_ALL)
       && needed == count * sizeof(HMODULE), "EnumProcessModulesEx(LIST_MODULES_ALL) lists the same");

    ok(GetModuleInformation(self, exe, &info, sizeof(info)), "GetModuleInformation(EXE)");
    ok(info.lpBaseOfDll == exe, "base of the EXE");
    ok(info.SizeOfImage == nt->OptionalHeader.SizeOfImage, "SizeOfImage %lu, headers say %lu",
       (unsigned long)info.SizeOfImage, (unsigned long)nt->OptionalHeader.SizeOfImage);
    ok(info.EntryPoint == (BYTE *)exe + nt->OptionalHeader.AddressOfEntryPoint, "entry point");
    ok(GetModuleInformation(self, k32, &info, sizeof(info)), "GetModuleInformation(kernel32)");
    {
        BYTE *proc = (BYTE *)GetProcAddress(k32, "GetProcAddress");
        ok(info.lpBaseOfDll == k32 && proc >= (BYTE *)k32 && proc < (BYTE *)k32 + info.SizeOfImage,
           "kernel32's GetProcAddress lies in its image");
    }
    SetLastError(0);
    ok(!GetModuleInformation(self, exe, &info, sizeof(info) - 1) && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
       "too small a MODULEINFO: %lu", GetLastError());
    ok(!GetModuleInformation(self, (HMODULE)0x10000, &info, sizeof(info)), "not a module");

    ok(GetModuleFileNameW(NULL, path, MAX_PATH) > 0, "GetModuleFileNameW");
    ok(GetModuleFileNameExW(self, NULL, name, MAX_PATH) == wcslen(path) && !wcscmp(name, path),
       "GetModuleFileNameExW(NULL) is the EXE's path: %ls", name);
    ok(GetModuleBaseNameW(self, NULL, name, MAX_PATH) == wcslen(base_of(path))
       && !wcscmp(name, base_of(path)), "GetModuleBaseNameW(NULL) is the EXE's name: %ls", name);
    ok(GetModuleBaseNameA(self, k32, name_a, MAX_PATH) == 12 && !_stricmp(name_a, "kernel32.dll"),
       "GetModuleBaseNameA(kernel32): %s", name_a);
    ok(GetModuleFileNameExW(self, k32, name, MAX_PATH) > 12 && !_wcsicmp(base_of(name), L"kernel32.dll"),
       "kernel32's path ends in kernel32.dll: %ls", name);
    memset(small, 0x55, sizeof(small));
    ok(GetModuleBaseNameW(self, k32, small, 4) == 4 && !_wcsnicmp(small, L"kern", 4),
       "a 4-character buffer gets 4 characters");
}

static void test_memory(void)
{
    PROCESS_MEMORY_COUNTERS_EX before, after;
    SIZE_T size = 32 << 20;
    BYTE *block;

    memset(&before, 0, sizeof(before));
    ok(GetProcessMemoryInfo(GetCurrentProcess(), (PROCESS_MEMORY_COUNTERS *)&before, sizeof(before)),
       "GetProcessMemoryInfo (the _EX form)");
    ok(before.cb == sizeof(before), "cb %lu", (unsigned long)before.cb);
    ok(before.WorkingSetSize > 0 && before.PeakWorkingSetSize >= before.WorkingSetSize,
       "working set %lu, peak %lu", (unsigned long)before.WorkingSetSize, (unsigned long)before.PeakWorkingSetSize);
    ok(before.PageFaultCount > 0, "page faults %lu", (unsigned long)before.PageFaultCount);
    ok(before.PagefileUsage > 0 && before.PrivateUsage > 0, "private bytes %lu", (unsigned long)before.PrivateUsage);

    /* 32 MiB committed and touched: both the commit charge and the working set grow. */
    block = VirtualAlloc(NULL, size, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    ok(block != NULL, "VirtualAlloc 32 MiB");
    if (block) memset(block, 1, size);
    ok(GetProcessMemoryInfo(GetCurrentProcess(), (PROCESS_MEMORY_COUNTERS *)&after, sizeof(after)), "again");
    ok(after.WorkingSetSize >= before.WorkingSetSize + size - (1 << 20), "working set grew by 32 MiB: %lu -> %lu",
       (unsigned long)before.WorkingSetSize, (unsigned long)after.WorkingSetSize);
    ok(after.PagefileUsage >= before.PagefileUsage + size - (1 << 20), "commit grew by 32 MiB: %lu -> %lu",
       (unsigned long)before.PagefileUsage, (unsigned long)after.PagefileUsage);
    ok(after.PeakWorkingSetSize >= after.WorkingSetSize, "the peak follows");
    if (block) VirtualFree(block, 0, MEM_RELEASE);

    SetLastError(0);
    ok(!GetProcessMemoryInfo(GetCurrentProcess(), (PROCESS_MEMORY_COUNTERS *)&after, 8)
       && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "8 bytes are too few: %lu", GetLastError());
}

static void test_processes(void)
{
    DWORD ids[4096], needed = 0, i;
    int found = 0;
    WCHAR path[MAX_PATH], image[MAX_PATH];
    DWORD size = MAX_PATH;

    ok(EnumProcesses(ids, sizeof(ids), &needed), "EnumProcesses");
    ok(needed >= sizeof(DWORD) && needed % sizeof(DWORD) == 0, "%lu bytes", (unsigned long)needed);
    for (i = 0; i < needed / sizeof(DWORD); i++) found |= ids[i] == GetCurrentProcessId();
    ok(found, "this process is listed");

    GetModuleFileNameW(NULL, path, MAX_PATH);
    ok(QueryFullProcessImageNameW(GetCurrentProcess(), 0, image, &size), "QueryFullProcessImageNameW");
    ok(!wcscmp(image, path) && size == wcslen(path), "it is the EXE's path, %lu characters: %ls",
       (unsigned long)size, image);
    size = 3;
    SetLastError(0);
    ok(!QueryFullProcessImageNameW(GetCurrentProcess(), 0, image, &size)
       && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "3 characters are too few: %lu", GetLastError());
}

int main(void)
{
    test_modules();
    test_memory();
    test_processes();
    return vt_summary();
}
