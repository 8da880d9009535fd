/* A file that a view maps cannot be cut: SetEndOfFile, SetFileInformationByHandle
 * (FileEndOfFileInfo, FileAllocationInfo), NtSetInformationFile and
 * CreateFile(CREATE_ALWAYS / TRUNCATE_EXISTING) fail with
 * ERROR_USER_MAPPED_FILE (STATUS_USER_MAPPED_FILE) while a view of a section
 * of it is mapped, in this process or another; growing it still works; once
 * the views are unmapped (or their process has ended) and the mapping is
 * closed, the cut succeeds. Expectations are Windows' documented behaviour
 * (SetEndOfFile's remarks; ERROR_USER_MAPPED_FILE is 1224). */
#include <windows.h>
#include <winternl.h>
#include <stdio.h>
#include <string.h>

#include "vinetest.h"

#define SHARE_ALL (FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)

typedef NTSTATUS (WINAPI *NtSetInformationFile_fn)(HANDLE, IO_STATUS_BLOCK *, void *, ULONG, ULONG);

static LONGLONG size_of(HANDLE file)
{
    LARGE_INTEGER size;
    size.QuadPart = -1;
    GetFileSizeEx(file, &size);
    return size.QuadPart;
}

static BOOL set_end(HANDLE file, LONGLONG at)
{
    LARGE_INTEGER position;
    position.QuadPart = at;
    return SetFilePointerEx(file, position, NULL, FILE_BEGIN) && SetEndOfFile(file);
}

/* A new file of `size` bytes, each byte its offset's low byte. */
static HANDLE make_file(const char *path, DWORD size)
{
    static char block[0x1000];
    HANDLE file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, SHARE_ALL, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD i, written;
    if (file == INVALID_HANDLE_VALUE) return file;
    for (i = 0; i < sizeof(block); i++) block[i] = (char)i;
    for (i = 0; i < size; i += sizeof(block)) WriteFile(file, block, sizeof(block), &written, NULL);
    return file;
}

static void temp_name(char *path, const char *name)
{
    GetTempPathA(MAX_PATH, path);
    sprintf(path + strlen(path), "vine-%s-%lu.bin", name, GetCurrentProcessId());
}

static void test_own_view(void)
{
    char path[MAX_PATH];
    HANDLE file, other, mapping, again;
    FILE_END_OF_FILE_INFO end_info;
    FILE_ALLOCATION_INFO allocation;
    IO_STATUS_BLOCK io;
    NtSetInformationFile_fn pNtSetInformationFile =
        (NtSetInformationFile_fn)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtSetInformationFile");
    FILE_END_OF_FILE_INFORMATION nt_end;
    NTSTATUS status;
    unsigned char *view, *second;
    BOOL done;
    DWORD error;

    temp_name(path, "truncate");
    file = make_file(path, 0x20000);
    ok(file != INVALID_HANDLE_VALUE && size_of(file) == 0x20000, "a file of 128 KiB");
    mapping = CreateFileMappingA(file, NULL, PAGE_READWRITE, 0, 0, NULL);
    view = mapping ? MapViewOfFile(mapping, FILE_MAP_WRITE, 0, 0, 0) : NULL;
    ok(view != NULL && view[0x1fff] == 0xff, "a view of all of it");
    if (!view) return;

    expect_fail(set_end(file, 0x1000), ERROR_USER_MAPPED_FILE, "SetEndOfFile shrinking a mapped file");
    ok(size_of(file) == 0x20000, "its size unchanged: %#llx", size_of(file));
    ok(view[0x1ffff] == 0xff, "the view still reads its last page");
    expect_fail(set_end(file, 0), ERROR_USER_MAPPED_FILE, "SetEndOfFile to zero");

    ok(set_end(file, 0x30000), "SetEndOfFile growing a mapped file: error %lu", GetLastError());
    ok(size_of(file) == 0x30000, "grown to %#llx", size_of(file));
    ok(set_end(file, 0x30000), "SetEndOfFile at its own size");

    end_info.EndOfFile.QuadPart = 0x100;
    expect_fail(SetFileInformationByHandle(file, FileEndOfFileInfo, &end_info, sizeof(end_info)),
                ERROR_USER_MAPPED_FILE, "FileEndOfFileInfo below the size");
    allocation.AllocationSize.QuadPart = 0x100;
    expect_fail(SetFileInformationByHandle(file, FileAllocationInfo, &allocation, sizeof(allocation)),
                ERROR_USER_MAPPED_FILE, "FileAllocationInfo below the size");
    ok(size_of(file) == 0x30000, "still %#llx", size_of(file));
    if (pNtSetInformationFile) {
        nt_end.EndOfFile.QuadPart = 0x2000;
        status = pNtSetInformationFile(file, &io, &nt_end, sizeof(nt_end), FileEndOfFileInformation);
        ok(status == (NTSTATUS)0xc0000243, "NtSetInformationFile: status %#lx (STATUS_USER_MAPPED_FILE)",
           (unsigned long)status);
    }

    /* the file, not the handle the mapping was made from */
    other = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, SHARE_ALL, NULL, OPEN_EXISTING, 0, NULL);
    ok(other != INVALID_HANDLE_VALUE, "a second handle");
    expect_fail(set_end(other, 0x1000), ERROR_USER_MAPPED_FILE, "SetEndOfFile through the second handle");
    CloseHandle(other);
    SetLastError(0xdeadbeef);
    other = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, SHARE_ALL, NULL, CREATE_ALWAYS, 0, NULL);
    error = GetLastError();
    ok(other == INVALID_HANDLE_VALUE && error == ERROR_USER_MAPPED_FILE, "CREATE_ALWAYS on it: error %lu", error);
    if (other != INVALID_HANDLE_VALUE) CloseHandle(other);
    SetLastError(0xdeadbeef);
    other = CreateFileA(path, GENERIC_WRITE, SHARE_ALL, NULL, TRUNCATE_EXISTING, 0, NULL);
    error = GetLastError();
    ok(other == INVALID_HANDLE_VALUE && error == ERROR_USER_MAPPED_FILE, "TRUNCATE_EXISTING on it: error %lu",
       error);
    if (other != INVALID_HANDLE_VALUE) CloseHandle(other);
    ok(size_of(file) == 0x30000 && view[0x1fff] == 0xff, "file and view as they were");

    /* a second view, of a second mapping: the cut waits for both */
    again = CreateFileMappingA(file, NULL, PAGE_READONLY, 0, 0, NULL);
    second = again ? MapViewOfFile(again, FILE_MAP_READ, 0, 0x10000, 0x1000) : NULL;
    ok(second != NULL && second[0xfff] == 0xff, "a read-only view of another mapping");
    ok(UnmapViewOfFile(view), "unmap the first view");
    CloseHandle(mapping);
    expect_fail(set_end(file, 0x1000), ERROR_USER_MAPPED_FILE, "SetEndOfFile with the read-only view left");
    ok(UnmapViewOfFile(second), "unmap the second view");
    CloseHandle(again);
    ok(set_end(file, 0x1000), "SetEndOfFile once views and mappings are gone: error %lu", GetLastError());
    ok(size_of(file) == 0x1000, "cut to %#llx", size_of(file));

    /* a copy-on-write view maps the file too */
    ok(set_end(file, 0x20000), "grown again");
    mapping = CreateFileMappingA(file, NULL, PAGE_WRITECOPY, 0, 0, NULL);
    view = mapping ? MapViewOfFile(mapping, FILE_MAP_COPY, 0, 0, 0) : NULL;
    ok(view != NULL, "FILE_MAP_COPY view");
    if (view) view[0] = 'x';
    expect_fail(set_end(file, 0x1000), ERROR_USER_MAPPED_FILE, "SetEndOfFile under a copy-on-write view");
    UnmapViewOfFile(view);
    CloseHandle(mapping);
    ok(set_end(file, 0), "SetEndOfFile to zero after it: error %lu", GetLastError());

    /* a pagefile-backed mapping concerns no file */
    mapping = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x10000, NULL);
    view = mapping ? MapViewOfFile(mapping, FILE_MAP_WRITE, 0, 0, 0) : NULL;
    ok(view != NULL, "a pagefile-backed view");
    done = set_end(file, 0x2000) && set_end(file, 0x1000);
    ok(done && size_of(file) == 0x1000, "the file grows and shrinks beside it");
    UnmapViewOfFile(view);
    CloseHandle(mapping);

    /* a view unmapped, and another mapped (likely where it was): the new one counts */
    mapping = CreateFileMappingA(file, NULL, PAGE_READONLY, 0, 0, NULL);
    view = mapping ? MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, 0) : NULL;
    ok(view != NULL && UnmapViewOfFile(view), "map and unmap a view");
    second = mapping ? MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, 0) : NULL;
    ok(second != NULL, "map another (%p, the first was at %p)", second, view);
    expect_fail(set_end(file, 0x100), ERROR_USER_MAPPED_FILE, "SetEndOfFile under the newer view");
    ok(second && UnmapViewOfFile(second), "unmap it");
    CloseHandle(mapping);
    ok(set_end(file, 0x100), "SetEndOfFile once it is gone: error %lu", GetLastError());
    CloseHandle(file);
    ok(DeleteFileA(path), "delete the file");
}

/* The child: maps the file named on the command line, says so, waits to be
 * released, then unmaps its view ("unmap") or exits with it still mapped
 * ("keep"). */
static int child(const char *mode, const char *path, const char *ready_name, const char *release_name)
{
    HANDLE file = CreateFileA(path, GENERIC_READ, SHARE_ALL, NULL, OPEN_EXISTING, 0, NULL);
    HANDLE mapping = file != INVALID_HANDLE_VALUE ? CreateFileMappingA(file, NULL, PAGE_READONLY, 0, 0, NULL) : NULL;
    unsigned char *view = mapping ? MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, 0) : NULL;
    HANDLE ready = OpenEventA(EVENT_MODIFY_STATE, FALSE, ready_name);
    HANDLE release = OpenEventA(SYNCHRONIZE, FALSE, release_name);
    if (!view || !ready || !release) return 2;
    if (view[0x1fff] != 0xff) return 3;
    /* the handles go: the view alone holds the file */
    CloseHandle(mapping);
    CloseHandle(file);
    SetEvent(ready);
    if (WaitForSingleObject(release, 20000)) return 4;
    if (!strcmp(mode, "keep")) return 0;
    return UnmapViewOfFile(view) ? 0 : 5;
}

/* Runs the child in `mode` on `path`; the handle of its process, once it
 * has mapped its view (NULL if it did not). */
static HANDLE start_child(const char *self, const char *mode, const char *path, HANDLE ready,
                          const char *ready_name, const char *release_name)
{
    char command[3 * MAX_PATH];
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    snprintf(command, sizeof(command), "\"%s\" child %s \"%s\" %s %s", self, mode, path, ready_name, release_name);
    ResetEvent(ready);
    if (!CreateProcessA(NULL, command, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) return NULL;
    CloseHandle(pi.hThread);
    HANDLE both[2] = {ready, pi.hProcess};
    if (WaitForMultipleObjects(2, both, FALSE, 20000) != WAIT_OBJECT_0) {
        TerminateProcess(pi.hProcess, 1);
        CloseHandle(pi.hProcess);
        return NULL;
    }
    return pi.hProcess;
}

static void test_child_view(const char *self)
{
    char path[MAX_PATH], ready_name[64], release_name[64];
    HANDLE file, ready, release, process;
    DWORD code = 99;

    temp_name(path, "truncate-child");
    sprintf(ready_name, "vine-truncate-ready-%lu", GetCurrentProcessId());
    sprintf(release_name, "vine-truncate-release-%lu", GetCurrentProcessId());
    ready = CreateEventA(NULL, TRUE, FALSE, ready_name);
    release = CreateEventA(NULL, TRUE, FALSE, release_name);
    file = make_file(path, 0x20000);
    ok(file != INVALID_HANDLE_VALUE && ready && release, "file and events");

    /* a child's view blocks the cut until the child unmaps it */
    process = start_child(self, "unmap", path, ready, ready_name, release_name);
    ok(process != NULL, "the child mapped the file");
    if (process) {
        expect_fail(set_end(file, 0x1000), ERROR_USER_MAPPED_FILE, "SetEndOfFile under the child's view");
        ok(set_end(file, 0x30000), "growing it under the child's view: error %lu", GetLastError());
        SetEvent(release);
        ok(WaitForSingleObject(process, 20000) == WAIT_OBJECT_0, "the child ends");
        GetExitCodeProcess(process, &code);
        ok(code == 0, "child's exit code %lu", code);
        CloseHandle(process);
        ok(set_end(file, 0x20000), "SetEndOfFile once the child unmapped: error %lu", GetLastError());
    }

    /* the views of a process that ends, or is ended, go with it */
    ResetEvent(release);
    process = start_child(self, "keep", path, ready, ready_name, release_name);
    ok(process != NULL, "a second child mapped the file");
    if (process) {
        expect_fail(set_end(file, 0x1000), ERROR_USER_MAPPED_FILE, "SetEndOfFile under the second child's view");
        SetEvent(release);
        ok(WaitForSingleObject(process, 20000) == WAIT_OBJECT_0, "the child exits with its view mapped");
        GetExitCodeProcess(process, &code);
        ok(code == 0, "child's exit code %lu", code);
        CloseHandle(process);
        ok(set_end(file, 0x10000), "SetEndOfFile after its exit: error %lu", GetLastError());
    }
    ok(set_end(file, 0x20000), "grown again");
    ResetEvent(release);
    process = start_child(self, "keep", path, ready, ready_name, release_name);
    ok(process != NULL, "a third child mapped the file");
    if (process) {
        expect_fail(set_end(file, 0x1000), ERROR_USER_MAPPED_FILE, "SetEndOfFile under the third child's view");
        ok(TerminateProcess(process, 7), "TerminateProcess");
        ok(WaitForSingleObject(process, 20000) == WAIT_OBJECT_0, "the child is ended");
        CloseHandle(process);
        ok(set_end(file, 0x1000), "SetEndOfFile after it was ended: error %lu", GetLastError());
    }
    CloseHandle(file);
    CloseHandle(ready);
    CloseHandle(release);
    DeleteFileA(path);
}

int main(int argc, char **argv)
{
    if (argc > 5 && !strcmp(argv[1], "child")) return child(argv[2], argv[3], argv[4], argv[5]);
    test_own_view();
    test_child_view(argv[0]);
    return vt_summary();
}
