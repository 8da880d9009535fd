/* Directory change notifications: FindFirstChangeNotificationW /
 * FindNextChangeNotification / FindCloseChangeNotification (the handle is
 * signaled by a change), and ReadDirectoryChangesW with its
 * FILE_NOTIFY_INFORMATION records, synchronous and overlapped: added,
 * removed, renamed (old and new name), modified, a subtree, changes kept
 * between calls, an overflowing buffer (ERROR_NOTIFY_ENUM_DIR, no bytes), and a pending
 * request ended by CancelIoEx or by closing the handle (STATUS_NOTIFY_CLEANUP). */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include "vinetest.h"

static WCHAR dir[MAX_PATH];

static void path_in(WCHAR *out, const WCHAR *name)
{
    swprintf(out, MAX_PATH, L"%ls\\%ls", dir, name);
}

static void touch(const WCHAR *name)
{
    WCHAR path[MAX_PATH];
    HANDLE h;
    path_in(path, name);
    h = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE, "create %ls", name);
    CloseHandle(h);
}

static void removef(const WCHAR *name)
{
    WCHAR path[MAX_PATH];
    path_in(path, name);
    ok(DeleteFileW(path), "delete %ls", name);
}

static HANDLE open_dir(DWORD flags)
{
    return CreateFileW(dir, FILE_LIST_DIRECTORY, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                       OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | flags, NULL);
}

/* The records as "action:name" joined by spaces. */
static const char *records(const void *buffer, DWORD bytes)
{
    static char text[2048];
    const FILE_NOTIFY_INFORMATION *record = buffer;
    text[0] = 0;
    if (!bytes) return "(none)";
    for (;;) {
        char one[300];
        snprintf(one, sizeof(one), "%s%lu:%.*ls", text[0] ? " " : "", record->Action,
                 (int)(record->FileNameLength / sizeof(WCHAR)), record->FileName);
        strncat(text, one, sizeof(text) - strlen(text) - 1);
        if (!record->NextEntryOffset) break;
        ok(record->NextEntryOffset % 4 == 0, "records are DWORD-aligned");
        record = (const FILE_NOTIFY_INFORMATION *)((const char *)record + record->NextEntryOffset);
    }
    return text;
}

static DWORD WINAPI touch_later(void *name)
{
    Sleep(150);
    touch(name);
    return 0;
}

static void test_find_notification(void)
{
    HANDLE h;
    WCHAR missing[MAX_PATH];

    h = FindFirstChangeNotificationW(dir, FALSE, FILE_NOTIFY_CHANGE_FILE_NAME);
    ok(h != INVALID_HANDLE_VALUE, "FindFirstChangeNotificationW (%lu)", GetLastError());
    ok(WaitForSingleObject(h, 0) == WAIT_TIMEOUT, "not signaled before a change");
    touch(L"a.txt");
    ok(WaitForSingleObject(h, 5000) == WAIT_OBJECT_0, "signaled by a new file");
    ok(WaitForSingleObject(h, 0) == WAIT_OBJECT_0, "and stays signaled");
    ok(FindNextChangeNotification(h), "FindNextChangeNotification");
    ok(WaitForSingleObject(h, 100) == WAIT_TIMEOUT, "not signaled again without a change");
    removef(L"a.txt");
    ok(WaitForSingleObject(h, 5000) == WAIT_OBJECT_0, "signaled by the delete");
    ok(FindCloseChangeNotification(h), "FindCloseChangeNotification");

    path_in(missing, L"no\\such");
    SetLastError(0xdeadbeef);
    h = FindFirstChangeNotificationW(missing, FALSE, FILE_NOTIFY_CHANGE_FILE_NAME);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PATH_NOT_FOUND,
       "a missing directory: ERROR_PATH_NOT_FOUND (%lu)", GetLastError());
}

static void test_read_changes(void)
{
    DWORD buffer[512], bytes = 0;
    HANDLE h = open_dir(0), async = open_dir(FILE_FLAG_OVERLAPPED), thread;
    OVERLAPPED ov = {0};
    BOOL r;

    ok(h != INVALID_HANDLE_VALUE && async != INVALID_HANDLE_VALUE, "directory handles");

    /* synchronous: blocks until a change */
    thread = CreateThread(NULL, 0, touch_later, (void *)L"b.txt", 0, NULL);
    r = ReadDirectoryChangesW(h, buffer, sizeof(buffer), FALSE, FILE_NOTIFY_CHANGE_FILE_NAME, &bytes, NULL, NULL);
    ok(r && bytes > 0, "ReadDirectoryChangesW waits for the change (%d, %lu)", r, bytes);
    ok(!strcmp(records(buffer, bytes), "1:b.txt"), "FILE_ACTION_ADDED b.txt (%s)", records(buffer, bytes));
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);

    /* overlapped: a rename, old and new names */
    ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    r = ReadDirectoryChangesW(async, buffer, sizeof(buffer), FALSE, FILE_NOTIFY_CHANGE_FILE_NAME, NULL, &ov, NULL);
    ok(r, "an overlapped ReadDirectoryChangesW is queued (%lu)", GetLastError());
    ok(WaitForSingleObject(ov.hEvent, 100) == WAIT_TIMEOUT, "pending while nothing changes");
    {
        WCHAR from[MAX_PATH], to[MAX_PATH];
        path_in(from, L"b.txt");
        path_in(to, L"c.txt");
        ok(MoveFileW(from, to), "MoveFileW b.txt c.txt");
    }
    ok(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "the event is set");
    ok(GetOverlappedResult(async, &ov, &bytes, FALSE) && bytes > 0, "GetOverlappedResult (%lu)", bytes);
    ok(!strcmp(records(buffer, bytes), "4:b.txt 5:c.txt"), "renamed old and new names (%s)", records(buffer, bytes));

    /* a change between requests is kept for the next one */
    removef(L"c.txt");
    Sleep(50);
    ResetEvent(ov.hEvent);
    r = ReadDirectoryChangesW(async, buffer, sizeof(buffer), FALSE, FILE_NOTIFY_CHANGE_FILE_NAME, NULL, &ov, NULL);
    ok(r && WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "the kept change completes the request");
    ok(GetOverlappedResult(async, &ov, &bytes, FALSE), "GetOverlappedResult");
    ok(!strcmp(records(buffer, bytes), "2:c.txt"), "FILE_ACTION_REMOVED c.txt (%s)", records(buffer, bytes));

    /* a buffer too small for what is queued: success, nothing returned */
    touch(L"a_rather_long_file_name_for_a_small_buffer.txt");
    Sleep(50);
    bytes = 1234;
    SetLastError(0xdeadbeef);
    r = ReadDirectoryChangesW(h, buffer, 16, FALSE, FILE_NOTIFY_CHANGE_FILE_NAME, &bytes, NULL, NULL);
    ok(!r && bytes == 0 && GetLastError() == ERROR_NOTIFY_ENUM_DIR,
       "an overflow: ERROR_NOTIFY_ENUM_DIR, 0 bytes (%d, %lu, %lu)", r, bytes, GetLastError());
    removef(L"a_rather_long_file_name_for_a_small_buffer.txt");
    Sleep(50);
    r = ReadDirectoryChangesW(h, buffer, sizeof(buffer), FALSE, FILE_NOTIFY_CHANGE_FILE_NAME, &bytes, NULL, NULL);
    ok(r && !strcmp(records(buffer, bytes), "2:a_rather_long_file_name_for_a_small_buffer.txt"),
       "the next request has the next change (%s)", records(buffer, bytes));

    /* the overlapped handle kept those two changes too: take them */
    ResetEvent(ov.hEvent);
    r = ReadDirectoryChangesW(async, buffer, sizeof(buffer), FALSE, FILE_NOTIFY_CHANGE_FILE_NAME, NULL, &ov, NULL);
    ok(r && WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0 && GetOverlappedResult(async, &ov, &bytes, FALSE),
       "the other handle's request");
    ok(!strcmp(records(buffer, bytes), "1:a_rather_long_file_name_for_a_small_buffer.txt "
                                       "2:a_rather_long_file_name_for_a_small_buffer.txt"),
       "each handle keeps its own changes (%s)", records(buffer, bytes));

    /* CancelIoEx ends a pending request */
    ResetEvent(ov.hEvent);
    r = ReadDirectoryChangesW(async, buffer, sizeof(buffer), FALSE, FILE_NOTIFY_CHANGE_FILE_NAME, NULL, &ov, NULL);
    ok(r && WaitForSingleObject(ov.hEvent, 100) == WAIT_TIMEOUT, "a pending request");
    ok(CancelIoEx(async, &ov), "CancelIoEx (%lu)", GetLastError());
    ok(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "the cancelled request ends");
    SetLastError(0xdeadbeef);
    ok(!GetOverlappedResult(async, &ov, &bytes, FALSE) && GetLastError() == ERROR_OPERATION_ABORTED,
       "with ERROR_OPERATION_ABORTED (%lu)", GetLastError());

    /* closing the handle ends a pending request */
    ResetEvent(ov.hEvent);
    r = ReadDirectoryChangesW(async, buffer, sizeof(buffer), FALSE, FILE_NOTIFY_CHANGE_FILE_NAME, NULL, &ov, NULL);
    ok(r && WaitForSingleObject(ov.hEvent, 100) == WAIT_TIMEOUT, "a pending request");
    CloseHandle(async);
    ok(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "ends when its handle closes");
    ok(ov.Internal == 0x10b, "with STATUS_NOTIFY_CLEANUP (%#lx)", (unsigned long)ov.Internal);
    CloseHandle(ov.hEvent);
    CloseHandle(h);
}

static void test_modified_and_tree(void)
{
    DWORD buffer[512], bytes = 0, put;
    WCHAR sub[MAX_PATH], path[MAX_PATH];
    HANDLE h, file, thread;
    BOOL r;

    touch(L"m.txt");
    h = open_dir(0);
    path_in(path, L"m.txt");
    file = CreateFileW(path, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    /* the watch starts with the first request: one that finds nothing waits; write from a thread */
    thread = CreateThread(NULL, 0, touch_later, (void *)L"unrelated.txt", 0, NULL);
    r = ReadDirectoryChangesW(h, buffer, sizeof(buffer), FALSE, FILE_NOTIFY_CHANGE_LAST_WRITE, &bytes, NULL, NULL);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    /* a new empty file may count as written; what matters is the next write */
    WriteFile(file, "data", 4, &put, NULL);
    FlushFileBuffers(file);
    Sleep(50);
    r = ReadDirectoryChangesW(h, buffer, sizeof(buffer), FALSE, FILE_NOTIFY_CHANGE_LAST_WRITE, &bytes, NULL, NULL);
    ok(r && strstr(records(buffer, bytes), "3:m.txt") != NULL, "FILE_ACTION_MODIFIED m.txt (%s)",
       records(buffer, bytes));
    CloseHandle(file);
    CloseHandle(h);
    removef(L"m.txt");
    removef(L"unrelated.txt");

    /* a subtree: names below the directory, with their path */
    path_in(sub, L"sub");
    ok(CreateDirectoryW(sub, NULL), "CreateDirectoryW sub");
    h = open_dir(0);
    thread = CreateThread(NULL, 0, touch_later, (void *)L"sub\\x.txt", 0, NULL);
    r = ReadDirectoryChangesW(h, buffer, sizeof(buffer), TRUE, FILE_NOTIFY_CHANGE_FILE_NAME, &bytes, NULL, NULL);
    ok(r && !strcmp(records(buffer, bytes), "1:sub\\x.txt"), "a subtree's change (%s)", records(buffer, bytes));
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    CloseHandle(h);
    removef(L"sub\\x.txt");
    ok(RemoveDirectoryW(sub), "RemoveDirectoryW sub");
}

int main(void)
{
    WCHAR temp[MAX_PATH];
    GetTempPathW(MAX_PATH, temp);
    swprintf(dir, MAX_PATH, L"%lsvine_notify_%lu", temp, GetCurrentProcessId());
    ok(CreateDirectoryW(dir, NULL), "CreateDirectoryW %ls", dir);
    test_find_notification();
    test_read_changes();
    test_modified_and_tree();
    ok(RemoveDirectoryW(dir), "RemoveDirectoryW");
    return vt_summary();
}
