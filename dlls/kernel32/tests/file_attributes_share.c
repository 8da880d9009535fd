/* SetFileAttributesW, CreateDirectoryW and FindFirstFileW against opens by
 * another process: changing attributes needs no data access, so a file
 * another process holds without sharing still takes it, while a file whose
 * delete is pending refuses it (ERROR_ACCESS_DENIED). Also many listings and
 * attribute changes in a row, which must leave nothing open behind them.
 *   file_attributes_share              the test (starts the holders)
 *   file_attributes_share hold SHARE   opens the file with that share mode,
 *                                      signals, waits to be told to close */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "vinetest.h"

#define FILE_NAME L"attrshare.bin"
#define READY_NAME L"vine-attrshare-ready"
#define DONE_NAME L"vine-attrshare-done"

static int hold(DWORD share)
{
    HANDLE ready = OpenEventW(EVENT_MODIFY_STATE, FALSE, READY_NAME);
    HANDLE done = OpenEventW(SYNCHRONIZE, FALSE, DONE_NAME);
    HANDLE file = CreateFileW(FILE_NAME, GENERIC_READ | GENERIC_WRITE, share, NULL, OPEN_EXISTING, 0, NULL);
    if (!ready || !done || file == INVALID_HANDLE_VALUE) return 2;
    SetEvent(ready);
    WaitForSingleObject(done, 20000);
    CloseHandle(file);
    return 0;
}

/* Starts `hold SHARE` and waits until it has the file open. */
static HANDLE start_holder(DWORD share, HANDLE ready)
{
    WCHAR self[MAX_PATH], command[MAX_PATH + 32];
    STARTUPINFOW si = {sizeof si};
    PROCESS_INFORMATION pi;
    GetModuleFileNameW(NULL, self, MAX_PATH);
    swprintf(command, MAX_PATH + 32, L"\"%ls\" hold %lu", self, share);
    if (!CreateProcessW(NULL, command, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) return NULL;
    CloseHandle(pi.hThread);
    if (WaitForSingleObject(ready, 20000) != WAIT_OBJECT_0) {
        TerminateProcess(pi.hProcess, 1);
        CloseHandle(pi.hProcess);
        return NULL;
    }
    return pi.hProcess;
}

static void finish_holder(HANDLE process, HANDLE done)
{
    DWORD code = 99;
    SetEvent(done);
    ok_int(WaitForSingleObject(process, 20000), WAIT_OBJECT_0);
    GetExitCodeProcess(process, &code);
    ok_int(code, 0);
    CloseHandle(process);
    ResetEvent(done);
}

static void test_exclusive_holder(HANDLE ready, HANDLE done)
{
    WIN32_FIND_DATAW data;
    HANDLE process, find, file;
    DWORD attributes;

    process = start_holder(0, ready);
    ok(process != NULL, "a holder with share mode 0");
    if (!process) return;
    SetLastError(0xdeadbeef);
    file = CreateFileW(FILE_NAME, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                       OPEN_EXISTING, 0, NULL);
    ok(file == INVALID_HANDLE_VALUE && GetLastError() == ERROR_SHARING_VIOLATION,
       "reading a file another process holds unshared: ERROR_SHARING_VIOLATION (%lu)", GetLastError());
    /* no data access: share modes do not apply */
    ok(SetFileAttributesW(FILE_NAME, FILE_ATTRIBUTE_READONLY), "SetFileAttributesW read-only (%lu)", GetLastError());
    attributes = GetFileAttributesW(FILE_NAME);
    ok(attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_READONLY), "read-only now (%#lx)",
       attributes);
    ok(SetFileAttributesW(FILE_NAME, FILE_ATTRIBUTE_NORMAL), "SetFileAttributesW normal (%lu)", GetLastError());
    attributes = GetFileAttributesW(FILE_NAME);
    ok(attributes != INVALID_FILE_ATTRIBUTES && !(attributes & FILE_ATTRIBUTE_READONLY), "writable again (%#lx)",
       attributes);
    find = FindFirstFileW(FILE_NAME, &data);
    ok(find != INVALID_HANDLE_VALUE, "FindFirstFileW of the held file (%lu)", GetLastError());
    if (find != INVALID_HANDLE_VALUE) {
        ok(!wcscmp(data.cFileName, FILE_NAME), "its name");
        ok_int(data.nFileSizeLow, 5);
        FindClose(find);
    }
    finish_holder(process, done);
}

static void test_pending_delete(HANDLE ready, HANDLE done)
{
    HANDLE process;
    DWORD error;
    BOOL changed;

    process = start_holder(FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, ready);
    ok(process != NULL, "a holder sharing everything");
    if (!process) return;
    ok(DeleteFileW(FILE_NAME), "DeleteFileW while another process holds it (%lu)", GetLastError());
    /* The delete is pending until the holder closes: no more opens
     * (ERROR_ACCESS_DENIED; Windows 10's DeleteFileW, with POSIX semantics
     * where the file system has them, has removed the name already). Wine 8
     * lets the change through. (DeleteFile, Microsoft Learn: "Subsequent
     * calls to CreateFile to open the file fail with ERROR_ACCESS_DENIED".) */
    SetLastError(0xdeadbeef);
    changed = SetFileAttributesW(FILE_NAME, FILE_ATTRIBUTE_READONLY);
    error = GetLastError();
    ok(!changed && (error == ERROR_ACCESS_DENIED || error == ERROR_FILE_NOT_FOUND),
       "SetFileAttributesW of a file whose delete is pending fails: %d, error %lu", changed, error);
    SetLastError(0xdeadbeef);
    changed = SetFileAttributesW(FILE_NAME, FILE_ATTRIBUTE_NORMAL);
    error = GetLastError();
    ok(!changed && (error == ERROR_ACCESS_DENIED || error == ERROR_FILE_NOT_FOUND),
       "and to normal: %d, error %lu", changed, error);
    finish_holder(process, done);
    SetLastError(0xdeadbeef);
    ok(GetFileAttributesW(FILE_NAME) == INVALID_FILE_ATTRIBUTES && GetLastError() == ERROR_FILE_NOT_FOUND,
       "gone once the holder closed (%lu)", GetLastError());
}

static void test_directories(void)
{
    WIN32_FIND_DATAW data;
    HANDLE find, file;
    int i, found = 0;

    RemoveDirectoryW(L"attrdir\\sub");
    RemoveDirectoryW(L"attrdir");
    ok(CreateDirectoryW(L"attrdir", NULL), "CreateDirectoryW (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!CreateDirectoryW(L"attrdir", NULL) && GetLastError() == ERROR_ALREADY_EXISTS,
       "CreateDirectoryW again: ERROR_ALREADY_EXISTS (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!CreateDirectoryW(L"attrmissing\\sub", NULL) && GetLastError() == ERROR_PATH_NOT_FOUND,
       "CreateDirectoryW in a missing directory: ERROR_PATH_NOT_FOUND (%lu)", GetLastError());
    /* many in a row: each must close what it opened (21000 opens, more
     * descriptors than a process usually may hold) */
    for (i = 0; i < 7000; i++) {
        find = FindFirstFileW(L"attrdir\\*", &data);
        if (find == INVALID_HANDLE_VALUE) break;
        FindClose(find);
        if (!SetFileAttributesW(L"attrdir", FILE_ATTRIBUTE_DIRECTORY)) break;
        if (!CreateDirectoryW(L"attrdir\\sub", NULL) || !RemoveDirectoryW(L"attrdir\\sub")) break;
    }
    ok_int(i, 7000);
    file = CreateFileW(L"attrdir\\f.txt", GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "a file in the directory");
    CloseHandle(file);
    find = FindFirstFileW(L"attrdir\\*", &data);
    ok(find != INVALID_HANDLE_VALUE, "FindFirstFileW of the directory");
    if (find != INVALID_HANDLE_VALUE) {
        do found += !wcscmp(data.cFileName, L"f.txt");
        while (FindNextFileW(find, &data));
        FindClose(find);
    }
    ok_int(found, 1);
    SetLastError(0xdeadbeef);
    ok(FindFirstFileW(L"attrdir\\nothing*", &data) == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND,
       "FindFirstFileW of no match: ERROR_FILE_NOT_FOUND (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    ok(FindFirstFileW(L"attrmissing\\*", &data) == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PATH_NOT_FOUND,
       "FindFirstFileW in a missing directory: ERROR_PATH_NOT_FOUND (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!SetFileAttributesW(L"attrmissing", FILE_ATTRIBUTE_NORMAL) && GetLastError() == ERROR_FILE_NOT_FOUND,
       "SetFileAttributesW of a missing name: ERROR_FILE_NOT_FOUND (%lu)", GetLastError());
    ok(DeleteFileW(L"attrdir\\f.txt"), "DeleteFileW");
    ok(RemoveDirectoryW(L"attrdir"), "RemoveDirectoryW: nothing left open in it (%lu)", GetLastError());
}

int wmain(int argc, WCHAR **argv)
{
    HANDLE ready, done, file;
    DWORD written = 0;

    if (argc == 3 && !wcscmp(argv[1], L"hold")) return hold(wcstoul(argv[2], NULL, 10));
    ready = CreateEventW(NULL, FALSE, FALSE, READY_NAME);
    done = CreateEventW(NULL, TRUE, FALSE, DONE_NAME);
    ok(ready && done, "the events");
    SetFileAttributesW(FILE_NAME, FILE_ATTRIBUTE_NORMAL);
    file = CreateFileW(FILE_NAME, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "CreateFileW");
    WriteFile(file, "hello", 5, &written, NULL);
    CloseHandle(file);

    test_exclusive_holder(ready, done);
    test_pending_delete(ready, done);
    test_directories();
    DeleteFileW(FILE_NAME);
    return vt_summary();
}
