/* Virtual memory of another process: VirtualAllocEx, VirtualProtectEx,
 * VirtualQueryEx and VirtualFreeEx on a child, with WriteProcessMemory and
 * ReadProcessMemory. Expectations are Windows' documented behaviour: the
 * child sees what its parent allocated and wrote, VirtualQueryEx describes
 * the child's regions exactly as VirtualQuery does in the child, allocating
 * needs PROCESS_VM_OPERATION and querying PROCESS_QUERY_INFORMATION
 * (ERROR_ACCESS_DENIED), and a process that has ended has no address space
 * to change (ERROR_ACCESS_DENIED). */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#include "vinetest.h"

#define PAGE 0x1000

static const char message[] = "written by the parent";
static const char reply[] = "seen by the child";

struct shared {
    char *region;       /* the parent's allocation in the child */
    DWORD child_result; /* 0: everything the child checked held */
};

/* Checks, in the child, what the parent made in its address space. */
static int child(const char *mapping_name, const char *go_name, const char *done_name, const char *exit_name)
{
    HANDLE mapping = OpenFileMappingA(FILE_MAP_WRITE, FALSE, mapping_name);
    struct shared *shared = mapping ? MapViewOfFile(mapping, FILE_MAP_WRITE, 0, 0, 0) : NULL;
    HANDLE go = OpenEventA(SYNCHRONIZE, FALSE, go_name);
    HANDLE done = OpenEventA(EVENT_MODIFY_STATE, FALSE, done_name);
    HANDLE leave = OpenEventA(SYNCHRONIZE, FALSE, exit_name);
    MEMORY_BASIC_INFORMATION info;
    char *region;

    if (!shared || !go || !done || !leave) return 2;
    if (WaitForSingleObject(go, 10000)) return 3;
    region = shared->region;
    shared->child_result = 10;
    if (strcmp(region, message)) goto out;
    shared->child_result = 11;
    if (VirtualQuery(region + PAGE, &info, sizeof(info)) != sizeof(info) || info.BaseAddress != region + PAGE ||
        info.AllocationBase != region || info.AllocationProtect != PAGE_READWRITE || info.RegionSize != PAGE ||
        info.State != MEM_COMMIT || info.Protect != PAGE_READONLY || info.Type != MEM_PRIVATE)
        goto out;
    shared->child_result = 12;
    if (VirtualQuery(region + 3 * PAGE, &info, sizeof(info)) != sizeof(info) || info.State != MEM_RESERVE ||
        info.RegionSize != 0x20000 - 3 * PAGE)
        goto out;
    strcpy(region + 2 * PAGE, reply);
    shared->child_result = 0;
out:
    SetEvent(done);
    /* the parent goes on working in our address space meanwhile */
    if (WaitForSingleObject(leave, 10000)) return 4;
    return 0;
}

/* `failed` is evaluated first, then the error it left is read. */
static void expect_error(BOOL failed, DWORD expected, const char *what)
{
    DWORD error = GetLastError();
    ok(failed && error == expected, "%s: %s, error %lu (expected %lu)", what, failed ? "failed" : "succeeded", error,
       expected);
}

static void expect_region(HANDLE process, char *address, char *base, SIZE_T size, DWORD state, DWORD protect,
                          const char *what)
{
    MEMORY_BASIC_INFORMATION info;
    SIZE_T got;

    memset(&info, 0xcc, sizeof(info));
    got = VirtualQueryEx(process, address, &info, sizeof(info));
    ok(got == sizeof(info), "%s: VirtualQueryEx returned %lu (error %lu)", what, (unsigned long)got, GetLastError());
    ok(info.BaseAddress == address && info.AllocationBase == base && info.AllocationProtect == PAGE_READWRITE &&
       info.RegionSize == size && info.State == state && info.Protect == protect && info.Type == MEM_PRIVATE,
       "%s: base %p allocation %p/%#lx size %#llx state %#lx protect %#lx type %#lx", what, info.BaseAddress,
       info.AllocationBase, info.AllocationProtect, (unsigned long long)info.RegionSize, info.State, info.Protect,
       info.Type);
}

static void test_child(const char *self)
{
    char mapping_name[64], go_name[64], done_name[64], exit_name[64], command[MAX_PATH + 256], buffer[64];
    HANDLE mapping, go, done, leave, limited;
    struct shared *shared;
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    MEMORY_BASIC_INFORMATION info;
    DWORD old = 0, code = 99;
    SIZE_T done_bytes = 0;
    char *region, *committed, *elsewhere;

    snprintf(mapping_name, sizeof(mapping_name), "vine-vm-remote-%lu", GetCurrentProcessId());
    snprintf(go_name, sizeof(go_name), "vine-vm-remote-go-%lu", GetCurrentProcessId());
    snprintf(done_name, sizeof(done_name), "vine-vm-remote-done-%lu", GetCurrentProcessId());
    snprintf(exit_name, sizeof(exit_name), "vine-vm-remote-exit-%lu", GetCurrentProcessId());
    mapping = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x1000, mapping_name);
    shared = mapping ? MapViewOfFile(mapping, FILE_MAP_ALL_ACCESS, 0, 0, 0) : NULL;
    go = CreateEventA(NULL, TRUE, FALSE, go_name);
    done = CreateEventA(NULL, TRUE, FALSE, done_name);
    leave = CreateEventA(NULL, TRUE, FALSE, exit_name);
    ok(shared && go && done && leave, "set up");
    snprintf(command, sizeof(command), "\"%s\" child %s %s %s %s", self, mapping_name, go_name, done_name, exit_name);
    ok(CreateProcessA(NULL, command, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "start the child");

    /* reserve, then commit part of it */
    region = VirtualAllocEx(pi.hProcess, NULL, 0x20000, MEM_RESERVE, PAGE_READWRITE);
    ok(region != NULL && ((ULONG_PTR)region & 0xffff) == 0, "reserve in the child: %p (error %lu)", region,
       GetLastError());
    committed = VirtualAllocEx(pi.hProcess, region, 3 * PAGE, MEM_COMMIT, PAGE_READWRITE);
    ok(committed == region, "commit in the child: %p", committed);
    expect_region(pi.hProcess, region, region, 3 * PAGE, MEM_COMMIT, PAGE_READWRITE, "committed part");
    expect_region(pi.hProcess, region + 3 * PAGE, region, 0x20000 - 3 * PAGE, MEM_RESERVE, 0, "reserved part");
    /* the address need not be a region's start */
    expect_region(pi.hProcess, region + PAGE, region, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE, "inside");

    ok(WriteProcessMemory(pi.hProcess, region, message, sizeof(message), &done_bytes) &&
           done_bytes == sizeof(message),
       "WriteProcessMemory into the allocation (%lu bytes)", (unsigned long)done_bytes);
    ok(VirtualProtectEx(pi.hProcess, region + PAGE, PAGE, PAGE_READONLY, &old) && old == PAGE_READWRITE,
       "VirtualProtectEx: old protection %#lx", old);
    expect_region(pi.hProcess, region, region, PAGE, MEM_COMMIT, PAGE_READWRITE, "before the read-only page");
    expect_region(pi.hProcess, region + PAGE, region, PAGE, MEM_COMMIT, PAGE_READONLY, "read-only page");

    /* the child looks */
    shared->region = region;
    shared->child_result = 99;
    SetEvent(go);
    ok(WaitForSingleObject(done, 10000) == WAIT_OBJECT_0, "the child looked");
    ok(shared->child_result == 0, "the child saw the allocation as the parent made it (%lu)", shared->child_result);
    memset(buffer, 0, sizeof(buffer));
    ok(ReadProcessMemory(pi.hProcess, region + 2 * PAGE, buffer, sizeof(reply), NULL) && !strcmp(buffer, reply),
       "what the child wrote: \"%s\"", buffer);

    /* Windows' rules apply, as in the child itself */
    SetLastError(0xdeadbeef);
    expect_error(!VirtualFreeEx(pi.hProcess, region + PAGE, 0, MEM_RELEASE), ERROR_INVALID_ADDRESS, "MEM_RELEASE not at the allocation base");
    SetLastError(0xdeadbeef);
    expect_error(!VirtualAllocEx(pi.hProcess, region, PAGE, MEM_RESERVE, PAGE_READWRITE), ERROR_INVALID_ADDRESS, "reserving over the allocation");
    ok(VirtualFreeEx(pi.hProcess, region, PAGE, MEM_DECOMMIT), "decommit a page");
    expect_region(pi.hProcess, region, region, PAGE, MEM_RESERVE, 0, "decommitted page");

    /* the rights the handle needs */
    limited = OpenProcess(PROCESS_QUERY_INFORMATION | PROCESS_VM_READ, FALSE, pi.dwProcessId);
    ok(limited != NULL, "OpenProcess without PROCESS_VM_OPERATION");
    SetLastError(0xdeadbeef);
    expect_error(!VirtualAllocEx(limited, NULL, PAGE, MEM_COMMIT, PAGE_READWRITE), ERROR_ACCESS_DENIED, "VirtualAllocEx without PROCESS_VM_OPERATION");
    SetLastError(0xdeadbeef);
    expect_error(!VirtualFreeEx(limited, region, 0, MEM_RELEASE), ERROR_ACCESS_DENIED, "VirtualFreeEx without PROCESS_VM_OPERATION");
    SetLastError(0xdeadbeef);
    expect_error(!VirtualProtectEx(limited, region + PAGE, PAGE, PAGE_READWRITE, &old), ERROR_ACCESS_DENIED, "VirtualProtectEx without PROCESS_VM_OPERATION");
    expect_region(limited, region + PAGE, region, PAGE, MEM_COMMIT, PAGE_READONLY, "queried with query rights");
    CloseHandle(limited);
    limited = OpenProcess(PROCESS_VM_OPERATION, FALSE, pi.dwProcessId);
    ok(limited != NULL, "OpenProcess with PROCESS_VM_OPERATION alone");
    SetLastError(0xdeadbeef);
    expect_error(!VirtualQueryEx(limited, region, &info, sizeof(info)), ERROR_ACCESS_DENIED, "VirtualQueryEx without PROCESS_QUERY_INFORMATION");
    elsewhere = VirtualAllocEx(limited, NULL, PAGE, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    ok(elsewhere != NULL && elsewhere != region, "VirtualAllocEx with PROCESS_VM_OPERATION alone: %p", elsewhere);
    ok(VirtualFreeEx(limited, elsewhere, 0, MEM_RELEASE), "and VirtualFreeEx");
    CloseHandle(limited);

    ok(VirtualFreeEx(pi.hProcess, region, 0, MEM_RELEASE), "release the allocation");
    memset(&info, 0, sizeof(info));
    ok(VirtualQueryEx(pi.hProcess, region, &info, sizeof(info)) == sizeof(info) && info.State == MEM_FREE,
       "released: state %#lx", info.State);

    SetEvent(leave);
    ok(WaitForSingleObject(pi.hProcess, 10000) == WAIT_OBJECT_0, "the child ends");
    GetExitCodeProcess(pi.hProcess, &code);
    ok(code == 0, "child's exit code %lu", code);
    /* an ended process has no address space left to change */
    SetLastError(0xdeadbeef);
    expect_error(!VirtualAllocEx(pi.hProcess, NULL, PAGE, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE), ERROR_ACCESS_DENIED, "VirtualAllocEx in an ended process");
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseHandle(go);
    CloseHandle(done);
    CloseHandle(leave);
    UnmapViewOfFile(shared);
    CloseHandle(mapping);
}

/* A child created suspended has an address space before it runs. */
static void test_suspended_child(const char *self)
{
    char command[MAX_PATH + 32], buffer[sizeof(message)];
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    MEMORY_BASIC_INFORMATION info;
    char *region;

    snprintf(command, sizeof(command), "\"%s\" idle", self);
    ok(CreateProcessA(NULL, command, NULL, NULL, FALSE, CREATE_SUSPENDED, NULL, NULL, &si, &pi),
       "start a suspended child");
    region = VirtualAllocEx(pi.hProcess, NULL, 0x10000, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    ok(region != NULL, "allocate in the suspended child: %p (error %lu)", region, GetLastError());
    ok(WriteProcessMemory(pi.hProcess, region, message, sizeof(message), NULL), "write there");
    memset(buffer, 0, sizeof(buffer));
    ok(ReadProcessMemory(pi.hProcess, region, buffer, sizeof(buffer), NULL) && !strcmp(buffer, message),
       "read it back: \"%s\"", buffer);
    memset(&info, 0, sizeof(info));
    ok(VirtualQueryEx(pi.hProcess, region, &info, sizeof(info)) == sizeof(info) && info.AllocationBase == region &&
           info.RegionSize == 0x10000 && info.State == MEM_COMMIT && info.Protect == PAGE_READWRITE,
       "query it: %p %#llx %#lx %#lx", info.AllocationBase, (unsigned long long)info.RegionSize, info.State,
       info.Protect);
    ok(TerminateProcess(pi.hProcess, 7), "end the child");
    WaitForSingleObject(pi.hProcess, 10000);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

/* A real handle to this process acts here, as the pseudo-handle does. */
static void test_own_handle(void)
{
    HANDLE self = OpenProcess(PROCESS_VM_OPERATION | PROCESS_QUERY_INFORMATION, FALSE, GetCurrentProcessId());
    MEMORY_BASIC_INFORMATION info;
    char *region;

    ok(self != NULL, "OpenProcess of this process");
    region = VirtualAllocEx(self, NULL, 0x10000, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    ok(region != NULL, "VirtualAllocEx through it: %p", region);
    region[0] = 1;
    ok(VirtualQueryEx(self, region, &info, sizeof(info)) == sizeof(info) && info.AllocationBase == region &&
           info.State == MEM_COMMIT,
       "VirtualQueryEx through it");
    ok(VirtualFreeEx(self, region, 0, MEM_RELEASE), "VirtualFreeEx through it");
    CloseHandle(self);
}

int main(int argc, char **argv)
{
    if (argc > 5 && !strcmp(argv[1], "child")) return child(argv[2], argv[3], argv[4], argv[5]);
    if (argc > 1 && !strcmp(argv[1], "idle")) return 0;
    test_own_handle();
    test_child(argv[0]);
    test_suspended_child(argv[0]);
    return vt_summary();
}
