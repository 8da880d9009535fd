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
    ok(VirtualQuery(second, &info, sizeof(info)) == sizeof(info) && info.Type == MEM_MAPPED &&
       info.Protect == PAGE_READONLY && info.RegionSize == 0x1000, "read-only view: protect %#lx size %#llx",
       info.Protect, (unsigned long long)info.RegionSize);

    /* a copy-on-write view keeps its writes to itself */
    copy = MapViewOfFile(mapping, FILE_MAP_COPY, 0, 0, 0x10000);
    ok(copy != NULL, "FILE_MAP_COPY view");
    if (copy) {
        ok(VirtualQuery(copy, &info, sizeof(info)) && info.Protect == PAGE_WRITECOPY, "copy view protect %#lx",
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
    ok(VirtualQuery(view, &info, sizeof(info)) && info.State == MEM_FREE, "unmapped: free (state %#lx)", info.State);
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
    test_child(argv[0]);
    return vt_summary();
}
