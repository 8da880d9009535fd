/* Byte-range locks (LockFile, LockFileEx, UnlockFile, UnlockFileEx) as
 * Windows keeps them: mandatory (another handle's read or write into a
 * locked range fails with ERROR_LOCK_VIOLATION), shared or exclusive,
 * unlocked by their exact range, released when the handle closes or its
 * process ends, seen by other processes, and a lock that must wait
 * blocking (or pending, on an overlapped handle) until it is granted. */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include "vinetest.h"

static const char file_name[] = "k32lock.bin";
static char self[MAX_PATH];

static HANDLE open_shared(DWORD flags)
{
    return CreateFileA(file_name, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                       OPEN_EXISTING, flags, NULL);
}

static BOOL read_at(HANDLE h, DWORD offset, DWORD size)
{
    char buffer[64];
    DWORD got = 0;
    OVERLAPPED ov = {0};
    ov.Offset = offset;
    return ReadFile(h, buffer, size, &got, &ov);
}

static BOOL write_at(HANDLE h, DWORD offset, DWORD size)
{
    char buffer[64];
    DWORD put = 0;
    OVERLAPPED ov = {0};
    memset(buffer, 'w', sizeof(buffer));
    ov.Offset = offset;
    return WriteFile(h, buffer, size, &put, &ov);
}

static BOOL lock_ex(HANDLE h, DWORD flags, DWORD offset, DWORD length)
{
    OVERLAPPED ov = {0};
    ov.Offset = offset;
    return LockFileEx(h, flags, 0, length, 0, &ov);
}

static BOOL unlock_ex(HANDLE h, DWORD offset, DWORD length)
{
    OVERLAPPED ov = {0};
    ov.Offset = offset;
    return UnlockFileEx(h, 0, length, 0, &ov);
}

#define ok_fails(call, error)                                                                         \
    do {                                                                                              \
        BOOL r_;                                                                                      \
        SetLastError(0xdeadbeef);                                                                     \
        r_ = (call);                                                                                  \
        ok(!r_ && GetLastError() == (error), #call ": fails with " #error " (%d, %lu)", r_, GetLastError()); \
    } while (0)

/* The child: another process sees the parent's lock of [0, 10), then waits
 * for it with a blocking lock, which the parent releases. */
static int child(void)
{
    HANDLE h = open_shared(0), ready;
    if (h == INVALID_HANDLE_VALUE) return 10;
    if (LockFile(h, 0, 0, 10, 0) || GetLastError() != ERROR_LOCK_VIOLATION) return 11;
    if (read_at(h, 2, 4) || GetLastError() != ERROR_LOCK_VIOLATION) return 12;
    if (!read_at(h, 20, 4)) return 13;
    ready = OpenEventA(EVENT_MODIFY_STATE, FALSE, "k32lock_ready");
    if (!ready) return 14;
    SetEvent(ready);
    if (!lock_ex(h, LOCKFILE_EXCLUSIVE_LOCK, 0, 10)) return 15; /* blocks until the parent unlocks */
    if (!read_at(h, 2, 4)) return 16;
    /* the process ends holding the lock: ending releases it */
    return 0;
}

static void test_one_process(void)
{
    HANDLE h1, h2;

    h1 = open_shared(0);
    h2 = open_shared(0);
    ok(h1 != INVALID_HANDLE_VALUE && h2 != INVALID_HANDLE_VALUE, "two handles of one file");

    /* exclusive */
    ok(LockFile(h1, 10, 0, 10, 0), "LockFile 10+10");
    ok_fails(LockFile(h2, 15, 0, 10, 0), ERROR_LOCK_VIOLATION);
    ok_fails(LockFile(h1, 15, 0, 10, 0), ERROR_LOCK_VIOLATION);
    ok_fails(lock_ex(h2, LOCKFILE_FAIL_IMMEDIATELY, 12, 2), ERROR_LOCK_VIOLATION);
    ok(LockFile(h2, 20, 0, 5, 0), "LockFile of the adjacent range through the other handle");
    ok(UnlockFile(h2, 20, 0, 5, 0), "UnlockFile of it");
    ok_fails(read_at(h2, 12, 4), ERROR_LOCK_VIOLATION);
    ok_fails(read_at(h2, 5, 10), ERROR_LOCK_VIOLATION);
    ok_fails(write_at(h2, 19, 4), ERROR_LOCK_VIOLATION);
    ok(read_at(h2, 0, 10), "a read before the range");
    ok(read_at(h2, 20, 10), "a read after the range");
    ok(read_at(h1, 12, 4), "the owner reads its exclusive range");
    ok(write_at(h1, 12, 4), "the owner writes its exclusive range");
    ok_fails(UnlockFile(h1, 10, 0, 5, 0), ERROR_NOT_LOCKED);
    ok_fails(UnlockFile(h2, 10, 0, 10, 0), ERROR_NOT_LOCKED);
    ok(UnlockFile(h1, 10, 0, 10, 0), "UnlockFile of the exact range");
    ok_fails(UnlockFile(h1, 10, 0, 10, 0), ERROR_NOT_LOCKED);
    ok(read_at(h2, 12, 4), "a read once unlocked");

    /* shared */
    ok(lock_ex(h1, LOCKFILE_FAIL_IMMEDIATELY, 30, 10), "a shared lock 30+10");
    ok(lock_ex(h2, LOCKFILE_FAIL_IMMEDIATELY, 35, 10), "an overlapping shared lock through the other handle");
    ok(lock_ex(h1, LOCKFILE_FAIL_IMMEDIATELY, 30, 10), "the same shared range again");
    ok_fails(lock_ex(h2, LOCKFILE_FAIL_IMMEDIATELY | LOCKFILE_EXCLUSIVE_LOCK, 30, 2), ERROR_LOCK_VIOLATION);
    ok_fails(lock_ex(h1, LOCKFILE_FAIL_IMMEDIATELY | LOCKFILE_EXCLUSIVE_LOCK, 31, 2), ERROR_LOCK_VIOLATION);
    ok(read_at(h2, 32, 4), "a read of a shared range");
    ok_fails(write_at(h2, 32, 4), ERROR_LOCK_VIOLATION);
    ok_fails(write_at(h1, 32, 4), ERROR_LOCK_VIOLATION); /* a shared lock makes the range read-only for all */
    ok(unlock_ex(h1, 30, 10), "UnlockFileEx of one of the two shared locks");
    ok_fails(write_at(h1, 32, 4), ERROR_LOCK_VIOLATION);
    ok(unlock_ex(h1, 30, 10), "UnlockFileEx of the other");
    ok(write_at(h1, 32, 2), "a write where no lock is left");
    ok_fails(write_at(h1, 36, 2), ERROR_LOCK_VIOLATION); /* h2's shared lock 35+10 */
    ok(unlock_ex(h2, 35, 10), "UnlockFileEx of the other handle's lock");
    ok(write_at(h1, 36, 2), "a write once every lock is gone");

    /* a lock past the end of the file, and a lock of nothing */
    ok(LockFile(h1, 1000, 0, 10, 0), "a lock past the end of the file");
    ok(LockFile(h2, 5, 0, 0, 0), "a lock of no bytes");
    ok(UnlockFile(h2, 5, 0, 0, 0), "its unlock");

    /* closing a handle releases its locks */
    ok(LockFile(h1, 50, 0, 10, 0), "LockFile 50+10");
    ok(CloseHandle(h1), "CloseHandle of the locking handle");
    ok(LockFile(h2, 50, 0, 10, 0), "the range is free once the owner is closed");
    ok(LockFile(h2, 1000, 0, 10, 0), "so is the one past the end");
    ok(UnlockFile(h2, 50, 0, 10, 0) && UnlockFile(h2, 1000, 0, 10, 0), "unlocks");
    CloseHandle(h2);
}

static void test_overlapped(void)
{
    HANDLE h = open_shared(0), async = open_shared(FILE_FLAG_OVERLAPPED);
    OVERLAPPED ov = {0};
    DWORD bytes = 1;
    BOOL r;

    ok(async != INVALID_HANDLE_VALUE, "an overlapped handle");
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    ov.Offset = 90;
    ok(LockFileEx(async, LOCKFILE_FAIL_IMMEDIATELY | LOCKFILE_EXCLUSIVE_LOCK, 0, 5, 0, &ov),
       "an overlapped lock granted at once");
    ok(WaitForSingleObject(ov.hEvent, 0) == WAIT_OBJECT_0, "its event is set");
    ok(unlock_ex(async, 90, 5), "its unlock");

    ok(LockFile(h, 70, 0, 10, 0), "another handle locks 70+10");
    ResetEvent(ov.hEvent);
    ov.Offset = 70;
    SetLastError(0xdeadbeef);
    ok_fails(LockFileEx(async, LOCKFILE_FAIL_IMMEDIATELY | LOCKFILE_EXCLUSIVE_LOCK, 0, 10, 0, &ov),
             ERROR_LOCK_VIOLATION);
    SetLastError(0xdeadbeef);
    r = LockFileEx(async, LOCKFILE_EXCLUSIVE_LOCK, 0, 10, 0, &ov);
    ok(!r && GetLastError() == ERROR_IO_PENDING, "a lock that must wait pends (%d, %lu)", r, GetLastError());
    ok(WaitForSingleObject(ov.hEvent, 200) == WAIT_TIMEOUT, "and is not granted while the range is held");
    ok(UnlockFile(h, 70, 0, 10, 0), "the other handle unlocks");
    ok(WaitForSingleObject(ov.hEvent, 5000) == WAIT_OBJECT_0, "the pending lock is granted");
    ok(GetOverlappedResult(async, &ov, &bytes, FALSE) && bytes == 0, "GetOverlappedResult: success, 0 bytes");
    ok_fails(read_at(h, 72, 2), ERROR_LOCK_VIOLATION);
    ok(unlock_ex(async, 70, 10), "UnlockFileEx of the granted lock");
    ok(read_at(h, 72, 2), "a read once it is unlocked");
    CloseHandle(ov.hEvent);
    CloseHandle(async);
    CloseHandle(h);
}

static void test_other_process(void)
{
    HANDLE h = open_shared(0), ready = CreateEventA(NULL, FALSE, FALSE, "k32lock_ready");
    char line[MAX_PATH + 32];
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    DWORD code = 99;

    ok(LockFile(h, 0, 0, 10, 0), "the parent locks 0+10");
    snprintf(line, sizeof(line), "\"%s\" child", self);
    ok(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "the child starts");
    ok(WaitForSingleObject(ready, 10000) == WAIT_OBJECT_0, "the child saw the lock");
    Sleep(200);
    ok(WaitForSingleObject(pi.hProcess, 0) == WAIT_TIMEOUT, "the child waits for the range");
    ok(UnlockFile(h, 0, 0, 10, 0), "the parent unlocks");
    ok(WaitForSingleObject(pi.hProcess, 10000) == WAIT_OBJECT_0, "the child ends");
    GetExitCodeProcess(pi.hProcess, &code);
    ok(code == 0, "the child's checks passed (exit code %lu)", code);
    ok(LockFile(h, 0, 0, 10, 0), "the child's end released its lock");
    UnlockFile(h, 0, 0, 10, 0);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseHandle(ready);
    CloseHandle(h);
}

int main(int argc, char **argv)
{
    HANDLE h;
    char data[100];
    DWORD put;

    GetModuleFileNameA(NULL, self, sizeof(self));
    if (argc >= 2 && !strcmp(argv[1], "child")) return child();

    h = CreateFileA(file_name, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    memset(data, 'x', sizeof(data));
    ok(h != INVALID_HANDLE_VALUE && WriteFile(h, data, sizeof(data), &put, NULL), "a 100-byte file");
    CloseHandle(h);

    test_one_process();
    test_overlapped();
    test_other_process();

    ok(DeleteFileA(file_name), "DeleteFile");
    return vt_summary();
}
