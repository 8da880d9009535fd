/* Address Windowing Extensions: MEM_PHYSICAL reservations, SeLockMemoryPrivilege,
 * AllocateUserPhysicalPages, MapUserPhysicalPages(Scatter), FreeUserPhysicalPages,
 * and pages allocated by a parent for its child. Expectations are Windows'
 * documented behaviour: the privilege must be enabled in the caller's token
 * (ERROR_PRIVILEGE_NOT_HELD), a page is mapped at one address at a time, its
 * contents survive being unmapped, freed pages are unmapped, bad frame
 * numbers and addresses outside an AWE region are ERROR_INVALID_PARAMETER,
 * and a failed map maps nothing. The account running the test must hold
 * "Lock pages in memory" (Vine's token does; see docs/architecture.md). */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#include "vinetest.h"

#define PAGE 0x1000

static const char pfn_mapping_name[] = "vine-awe-test-pfns";

static BOOL set_lock_memory_privilege(BOOL enable)
{
    HANDLE token;
    TOKEN_PRIVILEGES privileges = {1};
    BOOL done;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY, &token)) return FALSE;
    if (!LookupPrivilegeValueA(NULL, "SeLockMemoryPrivilege", &privileges.Privileges[0].Luid)) return FALSE;
    privileges.Privileges[0].Attributes = enable ? SE_PRIVILEGE_ENABLED : 0;
    done = AdjustTokenPrivileges(token, FALSE, &privileges, 0, NULL, NULL) && GetLastError() == ERROR_SUCCESS;
    CloseHandle(token);
    return done;
}

static void test_reservation(void)
{
    MEMORY_BASIC_INFORMATION info;
    char *region = VirtualAlloc(NULL, 0x10000, MEM_PHYSICAL | MEM_RESERVE, PAGE_READWRITE);
    DWORD error;

    ok(region != NULL && ((ULONG_PTR)region & 0xffff) == 0, "MEM_PHYSICAL | MEM_RESERVE: %p", region);
    memset(&info, 0, sizeof(info));
    ok(VirtualQuery(region + PAGE, &info, sizeof(info)) == sizeof(info), "VirtualQuery of the AWE region");
    ok(info.BaseAddress == region + PAGE && info.AllocationBase == region && info.AllocationProtect == PAGE_READWRITE &&
       info.RegionSize == 0xf000 && info.State == MEM_COMMIT && info.Protect == PAGE_READWRITE &&
       info.Type == MEM_PRIVATE,
       "AWE region: base %p size %#llx state %#lx protect %#lx type %#lx", info.AllocationBase,
       (unsigned long long)info.RegionSize, info.State, info.Protect, info.Type);
    ok(IsBadReadPtr(region, 1), "no page mapped yet: inaccessible");
    ok(VirtualFree(region, 0, MEM_RELEASE), "release");

    SetLastError(0xdeadbeef);
    region = VirtualAlloc(NULL, 0x10000, MEM_PHYSICAL | MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    error = GetLastError();
    ok(!region && error == ERROR_INVALID_PARAMETER, "MEM_PHYSICAL with MEM_COMMIT: error %lu", error);
    SetLastError(0xdeadbeef);
    region = VirtualAlloc(NULL, 0x10000, MEM_PHYSICAL | MEM_RESERVE, PAGE_READONLY);
    error = GetLastError();
    ok(!region && error == ERROR_INVALID_PARAMETER, "MEM_PHYSICAL read-only: error %lu", error);
}

static void test_pages(void)
{
    ULONG_PTR pfns[4], count, one, bad;
    char *region = VirtualAlloc(NULL, 0x10000, MEM_PHYSICAL | MEM_RESERVE, PAGE_READWRITE);
    char *other = VirtualAlloc(NULL, 0x10000, MEM_PHYSICAL | MEM_RESERVE, PAGE_READWRITE);
    char *ordinary = VirtualAlloc(NULL, 0x10000, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    PVOID addresses[4];
    DWORD error;
    int i;

    /* the privilege: held, but disabled until enabled */
    count = 4;
    SetLastError(0xdeadbeef);
    ok(!AllocateUserPhysicalPages(GetCurrentProcess(), &count, pfns) && GetLastError() == ERROR_PRIVILEGE_NOT_HELD,
       "without SeLockMemoryPrivilege enabled: error %lu", GetLastError());
    ok(set_lock_memory_privilege(TRUE), "SeLockMemoryPrivilege enabled");

    count = 4;
    ok(AllocateUserPhysicalPages(GetCurrentProcess(), &count, pfns) && count == 4, "4 pages (%lu)",
       (unsigned long)count);
    ok(pfns[0] != pfns[1] && pfns[1] != pfns[2] && pfns[2] != pfns[3] && pfns[0] != pfns[3], "distinct frames");

    ok(MapUserPhysicalPages(region, 4, pfns), "map 4 pages");
    ok(region[0] == 0 && region[4 * PAGE - 1] == 0, "new pages are zero");
    for (i = 0; i < 4; i++) sprintf(region + i * PAGE, "page %d", i);
    ok(MapUserPhysicalPages(region, 4, NULL), "unmap them");
    ok(IsBadReadPtr(region, 1) && IsBadReadPtr(region + 3 * PAGE, 1), "unmapped: inaccessible");

    /* mapped again elsewhere, in reverse order: the contents stayed */
    for (i = 0; i < 4; i++) addresses[i] = other + (3 - i) * PAGE;
    ok(MapUserPhysicalPagesScatter(addresses, 4, pfns), "scatter map at another address");
    ok(!strcmp(other + 3 * PAGE, "page 0") && !strcmp(other, "page 3") && !strcmp(other + PAGE, "page 2"),
       "contents survive unmap and remap: \"%s\" \"%s\"", other + 3 * PAGE, other);

    /* a page is mapped at one address at a time */
    SetLastError(0xdeadbeef);
    ok(!MapUserPhysicalPages(region, 1, &pfns[0]) && GetLastError() == ERROR_INVALID_PARAMETER,
       "a page mapped elsewhere: error %lu", GetLastError());
    ok(IsBadReadPtr(region, 1), "the failed map mapped nothing");
    /* ...but moves when the same call unmaps it from where it was */
    addresses[0] = other + 3 * PAGE;
    addresses[1] = region;
    {
        ULONG_PTR move[2] = {0, pfns[0]};
        ok(MapUserPhysicalPagesScatter(addresses, 2, move), "unmap and map elsewhere in one call");
        ok(!strcmp(region, "page 0") && IsBadReadPtr(other + 3 * PAGE, 1), "page 0 moved: \"%s\"", region);
    }

    /* frames that are not ours */
    bad = pfns[3] + 0x100000;
    SetLastError(0xdeadbeef);
    ok(!MapUserPhysicalPages(region + PAGE, 1, &bad) && GetLastError() == ERROR_INVALID_PARAMETER,
       "an invalid frame number: error %lu", GetLastError());
    one = 1;
    SetLastError(0xdeadbeef);
    ok(!FreeUserPhysicalPages(GetCurrentProcess(), &one, &bad) && GetLastError() == ERROR_INVALID_PARAMETER,
       "freeing an invalid frame: error %lu", GetLastError());
    /* addresses outside an AWE region, or running past its end */
    SetLastError(0xdeadbeef);
    ok(!MapUserPhysicalPages(ordinary, 1, &pfns[1]) && GetLastError() == ERROR_INVALID_PARAMETER,
       "an ordinary allocation: error %lu", GetLastError());
    SetLastError(0xdeadbeef);
    error = MapUserPhysicalPages(region + 0xf000, 2, &pfns[1]) ? 0 : GetLastError();
    ok(error == ERROR_INVALID_PARAMETER, "past the end of the region: error %lu", error);
    ok(IsBadReadPtr(region + 0xf000, 1), "nothing mapped by the failed call");

    /* freeing a mapped page unmaps it; a freed frame is invalid */
    one = 1;
    ok(FreeUserPhysicalPages(GetCurrentProcess(), &one, &pfns[1]) && one == 1, "free page 1 (mapped)");
    ok(IsBadReadPtr(other + 2 * PAGE, 1), "the freed page is no longer mapped");
    SetLastError(0xdeadbeef);
    ok(!MapUserPhysicalPages(other + 2 * PAGE, 1, &pfns[1]) && GetLastError() == ERROR_INVALID_PARAMETER,
       "mapping a freed frame: error %lu", GetLastError());
    one = 1;
    SetLastError(0xdeadbeef);
    ok(!FreeUserPhysicalPages(GetCurrentProcess(), &one, &pfns[1]) && GetLastError() == ERROR_INVALID_PARAMETER,
       "freeing it twice: error %lu", GetLastError());

    /* a page allocated after a free comes zeroed */
    one = 1;
    ok(AllocateUserPhysicalPages(GetCurrentProcess(), &one, &pfns[1]) && one == 1, "one page again");
    ok(MapUserPhysicalPages(region + PAGE, 1, &pfns[1]) && region[PAGE] == 0 && region[2 * PAGE - 1] == 0,
       "a reallocated page is zero");

    /* releasing a region unmaps its pages, which stay allocated */
    ok(VirtualFree(other, 0, MEM_RELEASE), "release a region with pages mapped");
    ok(MapUserPhysicalPages(region + 2 * PAGE, 1, &pfns[2]) && !strcmp(region + 2 * PAGE, "page 2"),
       "its page maps elsewhere with its contents: \"%s\"", region + 2 * PAGE);

    count = 4;
    ok(FreeUserPhysicalPages(GetCurrentProcess(), &count, pfns) && count == 4, "free all four");
    ok(IsBadReadPtr(region, 1) && IsBadReadPtr(region + 2 * PAGE, 1), "all unmapped");
    VirtualFree(region, 0, MEM_RELEASE);
    VirtualFree(ordinary, 0, MEM_RELEASE);
}

/* The child maps pages its parent allocated for it. */
static int child(void)
{
    HANDLE mapping = OpenFileMappingA(FILE_MAP_READ, FALSE, pfn_mapping_name);
    ULONG_PTR *shared = mapping ? MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, 0) : NULL;
    HANDLE go = OpenEventA(SYNCHRONIZE, FALSE, "vine-awe-test-go");
    HANDLE done = OpenEventA(EVENT_MODIFY_STATE, FALSE, "vine-awe-test-done");
    HANDLE freed = OpenEventA(SYNCHRONIZE, FALSE, "vine-awe-test-freed");
    char *region = VirtualAlloc(NULL, 0x10000, MEM_PHYSICAL | MEM_RESERVE, PAGE_READWRITE);
    ULONG_PTR pfns[2];
    PVOID swapped[2];

    if (!shared || !go || !done || !freed || !region) return 2;
    if (WaitForSingleObject(go, 10000)) return 3;
    pfns[0] = shared[0];
    pfns[1] = shared[1];
    if (!MapUserPhysicalPages(region, 2, pfns)) return 10 + (int)GetLastError() % 100;
    if (region[0] || region[2 * PAGE - 1]) return 4;
    strcpy(region, "first");
    strcpy(region + PAGE, "second");
    swapped[0] = region + PAGE;
    swapped[1] = region;
    if (!MapUserPhysicalPagesScatter(swapped, 2, pfns)) return 5;
    if (strcmp(region, "second") || strcmp(region + PAGE, "first")) return 6;
    if (!MapUserPhysicalPages(region, 2, NULL)) return 7;
    SetEvent(done);
    if (WaitForSingleObject(freed, 10000)) return 8;
    /* the parent freed them: they are no frames of ours any more */
    if (MapUserPhysicalPages(region, 1, pfns) || GetLastError() != ERROR_INVALID_PARAMETER) return 9;
    return 0;
}

static void test_child(const char *self)
{
    HANDLE mapping = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x1000, pfn_mapping_name);
    ULONG_PTR *shared = MapViewOfFile(mapping, FILE_MAP_ALL_ACCESS, 0, 0, 0);
    HANDLE go = CreateEventA(NULL, TRUE, FALSE, "vine-awe-test-go");
    HANDLE done = CreateEventA(NULL, TRUE, FALSE, "vine-awe-test-done");
    HANDLE freed = CreateEventA(NULL, TRUE, FALSE, "vine-awe-test-freed");
    char *region = VirtualAlloc(NULL, 0x10000, MEM_PHYSICAL | MEM_RESERVE, PAGE_READWRITE);
    char command[MAX_PATH + 32];
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    ULONG_PTR pfns[2], count;
    HANDLE limited;
    DWORD code = 99;

    ok(shared && go && done && freed && region, "set up");
    snprintf(command, sizeof(command), "\"%s\" child", self);
    ok(CreateProcessA(NULL, command, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "start the child");

    /* PROCESS_VM_OPERATION is needed on the handle */
    limited = OpenProcess(PROCESS_QUERY_INFORMATION, FALSE, pi.dwProcessId);
    count = 2;
    SetLastError(0xdeadbeef);
    ok(limited && !AllocateUserPhysicalPages(limited, &count, pfns) && GetLastError() == ERROR_ACCESS_DENIED,
       "without PROCESS_VM_OPERATION: error %lu", GetLastError());
    CloseHandle(limited);

    count = 2;
    ok(AllocateUserPhysicalPages(pi.hProcess, &count, pfns) && count == 2, "2 pages for the child (%lu)",
       (unsigned long)count);
    SetLastError(0xdeadbeef);
    ok(!MapUserPhysicalPages(region, 1, pfns) && GetLastError() == ERROR_INVALID_PARAMETER,
       "the child's frames are not the parent's: error %lu", GetLastError());
    shared[0] = pfns[0];
    shared[1] = pfns[1];
    SetEvent(go);
    ok(WaitForSingleObject(done, 10000) == WAIT_OBJECT_0, "the child mapped and unmapped them");
    count = 2;
    ok(FreeUserPhysicalPages(pi.hProcess, &count, pfns) && count == 2, "the parent frees the child's pages");
    SetEvent(freed);
    ok(WaitForSingleObject(pi.hProcess, 10000) == WAIT_OBJECT_0, "the child ends");
    GetExitCodeProcess(pi.hProcess, &code);
    ok(code == 0, "child's exit code %lu", code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseHandle(go);
    CloseHandle(done);
    CloseHandle(freed);
    UnmapViewOfFile(shared);
    CloseHandle(mapping);
    VirtualFree(region, 0, MEM_RELEASE);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child")) return child();
    test_reservation();
    test_pages();
    test_child(argv[0]);
    return vt_summary();
}
