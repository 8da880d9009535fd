/* Share modes of directories, as of files: an open whose access the opens
 * already there do not share (or which does not share theirs) fails with
 * ERROR_SHARING_VIOLATION, also across processes; opens for attributes
 * only never conflict; RemoveDirectoryW and MoveFileW of a directory open
 * without FILE_SHARE_DELETE fail, and so they do for the current directory
 * (whose handle shares reads and writes only).
 *   directory_share             the test
 *   directory_share child NAME  opens NAME sharing nothing, until told */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

#include "vinetest.h"

#define ALL (FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)

static const WCHAR dir[] = L"dshare dir", moved[] = L"dshare moved";

static HANDLE open_dir(const WCHAR *name, DWORD access, DWORD share)
{
    return CreateFileW(name, access, share, NULL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
}

static void expect_violation(const WCHAR *name, DWORD access, DWORD share, const char *what)
{
    HANDLE h;
    SetLastError(0xdeadbeef);
    h = open_dir(name, access, share);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_SHARING_VIOLATION, "%s: %p error %lu", what, h,
       GetLastError());
    if (h != INVALID_HANDLE_VALUE) CloseHandle(h);
}

static void test_opens(void)
{
    HANDLE a, b;
    a = open_dir(dir, GENERIC_READ, 0);
    ok(a != INVALID_HANDLE_VALUE, "open sharing nothing (%lu)", GetLastError());
    expect_violation(dir, GENERIC_READ, ALL, "a second reader of a directory shared with no one");
    expect_violation(dir, DELETE, ALL, "a deleting open of a directory shared with no one");
    b = open_dir(dir, FILE_READ_ATTRIBUTES, ALL);
    ok(b != INVALID_HANDLE_VALUE, "an open for attributes only (%lu)", GetLastError());
    CloseHandle(b);
    CloseHandle(a);

    a = open_dir(dir, FILE_LIST_DIRECTORY, FILE_SHARE_READ);
    ok(a != INVALID_HANDLE_VALUE, "open listing, sharing reads (%lu)", GetLastError());
    b = open_dir(dir, FILE_LIST_DIRECTORY, FILE_SHARE_READ | FILE_SHARE_WRITE);
    ok(b != INVALID_HANDLE_VALUE, "a second lister (%lu)", GetLastError());
    CloseHandle(b);
    expect_violation(dir, FILE_ADD_FILE, ALL, "FILE_ADD_FILE where writes are not shared");
    expect_violation(dir, FILE_LIST_DIRECTORY, FILE_SHARE_WRITE, "a lister not sharing the first one's reads");
    CloseHandle(a);
    a = open_dir(dir, FILE_ADD_FILE, ALL);
    ok(a != INVALID_HANDLE_VALUE, "FILE_ADD_FILE once the others closed (%lu)", GetLastError());
    CloseHandle(a);
}

static void test_remove_and_rename(void)
{
    WCHAR full[MAX_PATH];
    HANDLE a = open_dir(dir, FILE_LIST_DIRECTORY, FILE_SHARE_READ | FILE_SHARE_WRITE);
    ok(a != INVALID_HANDLE_VALUE, "open without FILE_SHARE_DELETE (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!RemoveDirectoryW(dir) && GetLastError() == ERROR_SHARING_VIOLATION, "RemoveDirectoryW: error %lu",
       GetLastError());
    SetLastError(0xdeadbeef);
    ok(!MoveFileW(dir, moved) && GetLastError() == ERROR_SHARING_VIOLATION, "MoveFileW: error %lu", GetLastError());
    ok(GetFileAttributesW(dir) != INVALID_FILE_ATTRIBUTES, "the directory is still there");
    CloseHandle(a);

    a = open_dir(dir, FILE_LIST_DIRECTORY, ALL);
    ok(a != INVALID_HANDLE_VALUE, "open sharing deletes (%lu)", GetLastError());
    ok(MoveFileW(dir, moved), "MoveFileW of a directory open sharing deletes (%lu)", GetLastError());
    ok(MoveFileW(moved, dir), "and back (%lu)", GetLastError());
    CloseHandle(a);

    /* the current directory */
    GetFullPathNameW(dir, MAX_PATH, full, NULL);
    ok(SetCurrentDirectoryW(dir), "SetCurrentDirectoryW (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!RemoveDirectoryW(full) && GetLastError() == ERROR_SHARING_VIOLATION,
       "RemoveDirectoryW of the current directory: error %lu", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!MoveFileW(full, moved) && GetLastError() == ERROR_SHARING_VIOLATION,
       "MoveFileW of the current directory: error %lu", GetLastError());
    ok(SetCurrentDirectoryW(L".."), "SetCurrentDirectoryW(..) (%lu)", GetLastError());
    ok(MoveFileW(dir, moved), "MoveFileW once it is no longer current (%lu)", GetLastError());
    ok(MoveFileW(moved, dir), "and back (%lu)", GetLastError());
}

static void test_other_process(const WCHAR *self)
{
    WCHAR line[MAX_PATH * 2];
    STARTUPINFOW si = {sizeof si};
    PROCESS_INFORMATION pi;
    DWORD code = 99;
    HANDLE ready = CreateEventW(NULL, TRUE, FALSE, L"dshare ready");
    HANDLE done = CreateEventW(NULL, TRUE, FALSE, L"dshare done");
    swprintf(line, MAX_PATH * 2, L"\"%ls\" child \"%ls\"", self, dir);
    ok(CreateProcessW(self, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcessW (%lu)",
       GetLastError());
    ok(WaitForSingleObject(ready, 20000) == WAIT_OBJECT_0, "the child opened the directory");
    expect_violation(dir, GENERIC_READ, ALL, "a reader while another process shares nothing");
    SetLastError(0xdeadbeef);
    ok(!RemoveDirectoryW(dir) && GetLastError() == ERROR_SHARING_VIOLATION,
       "RemoveDirectoryW while another process has it open: error %lu", GetLastError());
    SetEvent(done);
    WaitForSingleObject(pi.hProcess, 20000);
    GetExitCodeProcess(pi.hProcess, &code);
    ok_int(code, 0);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseHandle(ready);
    CloseHandle(done);
}

int wmain(int argc, WCHAR **argv)
{
    WCHAR self[MAX_PATH];
    if (argc == 3 && !wcscmp(argv[1], L"child")) {
        HANDLE ready = OpenEventW(EVENT_MODIFY_STATE, FALSE, L"dshare ready");
        HANDLE done = OpenEventW(SYNCHRONIZE, FALSE, L"dshare done");
        HANDLE h = open_dir(argv[2], GENERIC_READ, 0);
        if (!ready || !done || h == INVALID_HANDLE_VALUE) return 1;
        SetEvent(ready);
        WaitForSingleObject(done, 20000);
        CloseHandle(h);
        return 0;
    }
    GetModuleFileNameW(NULL, self, MAX_PATH);
    ok(CreateDirectoryW(dir, NULL), "CreateDirectoryW (%lu)", GetLastError());
    test_opens();
    test_remove_and_rename();
    test_other_process(self);
    ok(RemoveDirectoryW(dir), "RemoveDirectoryW once every open closed (%lu)", GetLastError());
    return vt_summary();
}
