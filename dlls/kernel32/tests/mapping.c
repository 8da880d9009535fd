/* File mappings: pagefile-backed and file-backed sections, named and
 * unnamed, views with FILE_MAP_READ/WRITE/COPY, what VirtualQuery reports for
 * a view (MEM_MAPPED), the errors Windows documents (ERROR_ALREADY_EXISTS,
 * ERROR_MAPPED_ALIGNMENT, ERROR_FILE_INVALID, ERROR_ACCESS_DENIED), and a
 * section shared with a child process (the child writes, the parent reads).
 * Expectations are Windows' documented behaviour. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#include "vinetest.h"

static const char shared_name[] = "vine-mapping-test-shared";

/* VirtualQuery into a cleared structure, before the ok() that reads it (the
 * arguments of ok() are evaluated in no fixed order). */
static BOOL queried;
static BOOL query_view(const void *address, MEMORY_BASIC_INFORMATION *info)
{
    memset(info, 0, sizeof(*info));
    return VirtualQuery(address, info, sizeof(*info)) == sizeof(*info);
}

static void test_pagefile(void)
{
    HANDLE mapping, again;
    char *view, *second, *copy;
    MEMORY_BASIC_INFORMATION info;
    DWORD error;

    mapping = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x30000, "vine-mapping-test-a");
    error = GetLastError();
    ok(mapping != NULL && error == 0, "named pagefile mapping: error %lu", error);
    again = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x30000, "vine-mapping-test-a");
    error = GetLastError();
    ok(again != NULL && again != mapping && error == ERROR_ALREADY_EXISTS, "same name again: error %lu", error);

    view = MapViewOfFile(mapping, FILE_MAP_WRITE, 0, 0, 0);
    ok(view != NULL && ((ULONG_PTR)view & 0xffff) == 0, "view %p at 64 KiB granularity", view);
    ok(view[0] == 0 && view[0x2ffff] == 0, "a new section is zero");
    strcpy(view + 0x10000, "through the first view");
    second = MapViewOfFile(again, FILE_MAP_READ, 0, 0x10000, 0x1000);
    ok(second != NULL && !strcmp(second, "through the first view"), "second view at offset 64 KiB sees it");

    ok(VirtualQuery(view + 0x1000, &info, sizeof(info)) == sizeof(info), "VirtualQuery of the view");
    ok(info.AllocationBase == view && info.BaseAddress == view + 0x1000 && info.RegionSize == 0x2f000 &&
       info.State == MEM_COMMIT && info.Protect == PAGE_READWRITE && info.AllocationProtect == PAGE_READWRITE &&
       info.Type == MEM_MAPPED, "view: base %p size %#llx state %#lx protect %#lx type %#lx", info.AllocationBase,
       (unsigned long long)info.RegionSize, info.State, info.Protect, info.Type);
    queried = query_view(second, &info);
    ok(queried && info.Type == MEM_MAPPED &&
       info.Protect == PAGE_READONLY && info.RegionSize == 0x1000, "read-only view: protect %#lx size %#llx",
       info.Protect, (unsigned long long)info.RegionSize);

    /* a copy-on-write view keeps its writes to itself */
    copy = MapViewOfFile(mapping, FILE_MAP_COPY, 0, 0, 0x10000);
    ok(copy != NULL, "FILE_MAP_COPY view");
    if (copy) {
        queried = query_view(copy, &info);
        ok(queried && info.Protect == PAGE_WRITECOPY, "copy view protect %#lx",
           info.Protect);
        view[5] = 'v';
        copy[6] = 'c';
        ok(copy[5] == 'v' && view[6] == 0, "copy-on-write: shared %c, private write not seen (%d)", copy[5], view[6]);
        ok(UnmapViewOfFile(copy), "unmap copy view");
    }

    expect_fail(MapViewOfFile(mapping, FILE_MAP_READ, 0, 0x1000, 0x1000) != NULL, ERROR_MAPPED_ALIGNMENT,
                "offset not at 64 KiB");
    expect_fail(MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, 0x40000) != NULL, ERROR_ACCESS_DENIED,
                "view larger than the section");
    ok(UnmapViewOfFile(second), "unmap second view");
    ok(UnmapViewOfFile(view), "unmap first view");
    expect_fail(UnmapViewOfFile(view), ERROR_INVALID_ADDRESS, "unmap twice");
    queried = query_view(view, &info);
    ok(queried && info.State == MEM_FREE, "unmapped: free (state %#lx)", info.State);
    CloseHandle(again);

    /* the object outlives views only while a handle holds it */
    ok(CloseHandle(mapping), "close");
    mapping = OpenFileMappingA(FILE_MAP_READ, FALSE, "vine-mapping-test-a");
    error = GetLastError();
    ok(mapping == NULL && error == ERROR_FILE_NOT_FOUND, "gone with its last handle: error %lu", error);

    expect_fail(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0, NULL) != NULL,
                ERROR_INVALID_PARAMETER, "pagefile mapping of size 0");
    expect_fail(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_NOACCESS, 0, 0x1000, NULL) != NULL,
                ERROR_INVALID_PARAMETER, "PAGE_NOACCESS mapping");

    /* a read-only section refuses writable views */
    mapping = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READONLY, 0, 0x1000, NULL);
    ok(mapping != NULL, "unnamed read-only mapping");
    expect_fail(MapViewOfFile(mapping, FILE_MAP_WRITE, 0, 0, 0) != NULL, ERROR_ACCESS_DENIED, "write view of read-only");
    view = MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, 0);
    ok(view != NULL && view[0xfff] == 0, "read view of read-only");
    UnmapViewOfFile(view);
    CloseHandle(mapping);
}

static void test_file(void)
{
    char path[MAX_PATH], *view;
    HANDLE file, mapping;
    DWORD written, error, size_high;
    char buffer[32];

    GetTempPathA(sizeof(path), path);
    strcat(path, "vine-mapping-test.bin");
    file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "create %s", path);

    expect_fail(CreateFileMappingA(file, NULL, PAGE_READWRITE, 0, 0, NULL) != NULL, ERROR_FILE_INVALID,
                "mapping an empty file");
    ok(WriteFile(file, "file contents", 13, &written, NULL) && written == 13, "write the file");
    mapping = CreateFileMappingA(file, NULL, PAGE_READWRITE, 0, 0, NULL);
    ok(mapping != NULL, "file mapping of its size: error %lu", GetLastError());
    view = MapViewOfFile(mapping, FILE_MAP_WRITE, 0, 0, 0);
    ok(view != NULL && !memcmp(view, "file contents", 13), "view shows the file");
    if (view) {
        memcpy(view, "FILE", 4);
        ok(FlushViewOfFile(view, 0), "FlushViewOfFile");
        SetFilePointer(file, 0, NULL, FILE_BEGIN);
        memset(buffer, 0, sizeof(buffer));
        ok(ReadFile(file, buffer, 13, &written, NULL) && !memcmp(buffer, "FILE contents", 13),
           "ReadFile sees the view's write: %s", buffer);
        UnmapViewOfFile(view);
    }
    CloseHandle(mapping);

    /* a writable mapping larger than the file extends it */
    mapping = CreateFileMappingA(file, NULL, PAGE_READWRITE, 0, 0x20000, NULL);
    ok(mapping != NULL, "mapping larger than the file");
    ok(GetFileSize(file, &size_high) == 0x20000 && size_high == 0, "file extended to %#lx", GetFileSize(file, NULL));
    view = MapViewOfFile(mapping, FILE_MAP_READ, 0, 0x10000, 0);
    ok(view != NULL && view[0] == 0, "view of the extension");
    UnmapViewOfFile(view);
    CloseHandle(mapping);
    CloseHandle(file);

    /* a read-only handle cannot back a writable mapping */
    file = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    SetLastError(0xdeadbeef);
    mapping = CreateFileMappingA(file, NULL, PAGE_READWRITE, 0, 0, NULL);
    error = GetLastError();
    ok(mapping == NULL && error == ERROR_ACCESS_DENIED, "PAGE_READWRITE on a read-only handle: error %lu", error);
    mapping = CreateFileMappingA(file, NULL, PAGE_READONLY, 0, 0, NULL);
    view = mapping ? MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, 0) : NULL;
    ok(view != NULL && !memcmp(view, "FILE contents", 13), "PAGE_READONLY on a read-only handle");
    UnmapViewOfFile(view);
    CloseHandle(mapping);
    CloseHandle(file);
    DeleteFileA(path);
}

typedef PVOID (WINAPI *VirtualAlloc2_fn)(HANDLE, PVOID, SIZE_T, ULONG, ULONG, MEM_EXTENDED_PARAMETER *, ULONG);
typedef PVOID (WINAPI *MapViewOfFile3_fn)(HANDLE, HANDLE, PVOID, ULONG64, SIZE_T, ULONG, ULONG,
                                          MEM_EXTENDED_PARAMETER *, ULONG);
typedef BOOL (WINAPI *UnmapViewOfFile2_fn)(HANDLE, PVOID, ULONG);

/* kernelbase's functions, or the API set that names them */
static FARPROC memory_function(const char *name)
{
    HMODULE module = GetModuleHandleA("kernelbase.dll");
    FARPROC function = module ? GetProcAddress(module, name) : NULL;
    if (!function && (module = LoadLibraryA("api-ms-win-core-memory-l1-1-6.dll")))
        function = GetProcAddress(module, name);
    return function;
}

/* a view into a placeholder, and back (what V8 and .NET do) */
static void test_placeholder_view(void)
{
    VirtualAlloc2_fn alloc2 = (VirtualAlloc2_fn)memory_function("VirtualAlloc2");
    MapViewOfFile3_fn map3 = (MapViewOfFile3_fn)memory_function("MapViewOfFile3");
    UnmapViewOfFile2_fn unmap2 = (UnmapViewOfFile2_fn)memory_function("UnmapViewOfFile2");
    HANDLE mapping = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x10000, NULL);
    MEMORY_BASIC_INFORMATION info;
    char *p, *view;

    ok(alloc2 && map3 && unmap2, "VirtualAlloc2, MapViewOfFile3, UnmapViewOfFile2 found");
    if (!alloc2 || !map3 || !unmap2) return;
    p = alloc2(NULL, NULL, 0x20000, MEM_RESERVE | 0x40000 /* MEM_RESERVE_PLACEHOLDER */, PAGE_NOACCESS, NULL, 0);
    ok(p != NULL, "placeholder: error %lu", GetLastError());
    if (!p) return;
    ok(VirtualFree(p, 0x10000, MEM_RELEASE | 0x2 /* MEM_PRESERVE_PLACEHOLDER */), "split");
    view = map3(mapping, GetCurrentProcess(), p, 0, 0x10000, 0x4000 /* MEM_REPLACE_PLACEHOLDER */, PAGE_READWRITE,
                NULL, 0);
    ok(view == p, "view replaces the placeholder: %p, error %lu", view, GetLastError());
    if (view != p) return;
    strcpy(view, "in the view");
    queried = query_view(p, &info);
    ok(queried && info.Type == MEM_MAPPED && info.AllocationBase == p &&
       info.RegionSize == 0x10000 && info.State == MEM_COMMIT, "a view: type %#lx size %#llx", info.Type,
       (unsigned long long)info.RegionSize);
    ok(unmap2(GetCurrentProcess(), p, 0x2 /* MEM_PRESERVE_PLACEHOLDER */), "unmapped back to a placeholder: error %lu",
       GetLastError());
    queried = query_view(p, &info);
    ok(queried && info.Type == MEM_PRIVATE && info.State == MEM_RESERVE &&
       info.RegionSize == 0x10000, "a placeholder again: type %#lx state %#lx", info.Type, info.State);
    view = MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, 0);
    ok(view && !strcmp(view, "in the view"), "the section kept the data");
    UnmapViewOfFile(view);
    ok(VirtualFree(p, 0x20000, MEM_RELEASE | 0x1 /* MEM_COALESCE_PLACEHOLDERS */), "coalesced");
    ok(VirtualFree(p, 0, MEM_RELEASE), "released");
    CloseHandle(mapping);
}

static char child_buffer[64] = "the child's own memory";

static int child(void)
{
    HANDLE mapping = OpenFileMappingA(FILE_MAP_WRITE, FALSE, shared_name);
    char *view = mapping ? MapViewOfFile(mapping, FILE_MAP_WRITE, 0, 0, 0) : NULL;
    HANDLE done = OpenEventA(SYNCHRONIZE, FALSE, "vine-mapping-test-done");
    if (!view || !done) return 2;
    if (strcmp(view, "from the parent")) return 3;
    /* where the parent may read and write this process's memory */
    memcpy(view + 0x100, &(char *){child_buffer}, sizeof(char *));
    strcpy(view + 0x8000, "written by the child");
    if (WaitForSingleObject(done, 10000)) return 4;
    if (strcmp(child_buffer, "WriteProcessMemory was here")) return 5;
    UnmapViewOfFile(view);
    CloseHandle(mapping);
    return 0;
}

static void test_child(const char *self)
{
    HANDLE mapping = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x10000, shared_name);
    char *view = MapViewOfFile(mapping, FILE_MAP_ALL_ACCESS, 0, 0, 0);
    char command[MAX_PATH + 32];
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    DWORD code = 99;

    ok(view != NULL, "parent's view");
    if (!view) return;
    strcpy(view, "from the parent");
    snprintf(command, sizeof(command), "\"%s\" child", self);
    HANDLE done = CreateEventA(NULL, TRUE, FALSE, "vine-mapping-test-done");
    char buffer[64];
    char *remote = NULL;
    SIZE_T copied = 0;
    int i;
    ok(CreateProcessA(NULL, command, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "start the child");
    for (i = 0; i < 1000 && !view[0x8000]; i++) Sleep(10);
    memcpy(&remote, view + 0x100, sizeof(remote));
    ok(remote != NULL && ReadProcessMemory(pi.hProcess, remote, buffer, 23, &copied) && copied == 23 &&
       !strcmp(buffer, "the child's own memory"), "ReadProcessMemory of the child (%lu bytes)", (unsigned long)copied);
    ok(WriteProcessMemory(pi.hProcess, remote, "WriteProcessMemory was here", 28, &copied) && copied == 28,
       "WriteProcessMemory into the child");
    SetEvent(done);
    WaitForSingleObject(pi.hProcess, 10000);
    CloseHandle(done);
    GetExitCodeProcess(pi.hProcess, &code);
    ok(code == 0, "child's exit code %lu", code);
    ok(!strcmp(view + 0x8000, "written by the child"), "the parent reads what the child wrote: \"%s\"", view + 0x8000);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    UnmapViewOfFile(view);
    CloseHandle(mapping);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child")) return child();
    test_pagefile();
    test_file();
    test_placeholder_view();
    test_child(argv[0]);
    return vt_summary();
}
