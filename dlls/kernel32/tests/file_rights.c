/* Regressions from issue 9 ("tried as a new user would"): rights enforced
 * per handle, positional reads on synchronous handles, append-only handles,
 * CopyFileW onto itself, NUL, FILE_FLAG_DELETE_ON_CLOSE and
 * FileDispositionInfo(Ex), FileRenameInfo. Expectations are Windows'. */
#include <windows.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

static WCHAR dir[MAX_PATH];

static const WCHAR *temp_name(const WCHAR *name)
{
    static WCHAR path[4][MAX_PATH];
    static int next;
    WCHAR *out = path[next++ % 4];
    wcscpy(out, dir);
    wcscat(out, name);
    return out;
}

static HANDLE create(const WCHAR *path, DWORD access, DWORD share, DWORD disposition, DWORD flags)
{
    return CreateFileW(path, access, share, NULL, disposition, flags, NULL);
}

static void write_text(const WCHAR *path, const char *text)
{
    DWORD written;
    HANDLE file = create(path, GENERIC_WRITE, 0, CREATE_ALWAYS, 0);
    ok(file != INVALID_HANDLE_VALUE, "create %ls", path);
    WriteFile(file, text, (DWORD)strlen(text), &written, NULL);
    CloseHandle(file);
}

static DWORD file_size(const WCHAR *path)
{
    WIN32_FILE_ATTRIBUTE_DATA data;
    if (!GetFileAttributesExW(path, GetFileExInfoStandard, &data)) return 0xffffffff;
    return data.nFileSizeLow;
}

static void test_rights(void)
{
    const WCHAR *path = temp_name(L"rights.txt");
    char buffer[16];
    DWORD count;
    HANDLE file;

    write_text(path, "0123456789");
    file = create(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING, 0);
    SetLastError(0xdeadbeef);
    ok(!WriteFile(file, "x", 1, &count, NULL), "a write through a read-only handle fails");
    ok_int(GetLastError(), ERROR_ACCESS_DENIED);
    ok_int(count, 0);
    ok(!SetEndOfFile(file) && GetLastError() == ERROR_ACCESS_DENIED, "SetEndOfFile needs write access (%lu)",
       GetLastError());
    CloseHandle(file);

    file = create(path, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING, 0);
    SetLastError(0xdeadbeef);
    ok(!ReadFile(file, buffer, sizeof(buffer), &count, NULL), "a read through a write-only handle fails");
    ok_int(GetLastError(), ERROR_ACCESS_DENIED);
    CloseHandle(file);

    /* FILE_READ_ATTRIBUTES alone: neither reads nor writes. */
    file = create(path, FILE_READ_ATTRIBUTES, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING, 0);
    ok(file != INVALID_HANDLE_VALUE, "an attributes-only open");
    SetLastError(0xdeadbeef);
    ok(!ReadFile(file, buffer, 1, &count, NULL) && GetLastError() == ERROR_ACCESS_DENIED,
       "no read without FILE_READ_DATA (%lu)", GetLastError());
    ok(GetFileSize(file, NULL) == 10, "the size is readable");
    CloseHandle(file);
    DeleteFileW(path);
}

static void test_positional_read(void)
{
    const WCHAR *path = temp_name(L"positional.txt");
    OVERLAPPED overlapped;
    char buffer[8];
    DWORD count;
    HANDLE file;

    write_text(path, "0123456789");
    file = create(path, GENERIC_READ, 0, OPEN_EXISTING, 0);
    memset(&overlapped, 0, sizeof(overlapped));
    overlapped.Offset = 6;
    memset(buffer, 0, sizeof(buffer));
    ok(ReadFile(file, buffer, 3, &count, &overlapped), "a read at offset 6 of a synchronous handle");
    ok_int(count, 3);
    ok(!memcmp(buffer, "678", 3), "the bytes at offset 6: %.3s", buffer);
    ok_int(overlapped.InternalHigh, 3);
    /* The file pointer follows the read, as on Windows. */
    ok_int(SetFilePointer(file, 0, NULL, FILE_CURRENT), 9);
    memset(&overlapped, 0, sizeof(overlapped));
    overlapped.Offset = 20;
    SetLastError(0xdeadbeef);
    ok(!ReadFile(file, buffer, 3, &count, &overlapped), "a read past the end through an OVERLAPPED");
    ok_int(GetLastError(), ERROR_HANDLE_EOF);
    ok_int(count, 0);
    /* Without an OVERLAPPED, the end of the file is a read of nothing. */
    SetFilePointer(file, 0, NULL, FILE_END);
    ok(ReadFile(file, buffer, 3, &count, NULL) && count == 0, "a read at the end succeeds with 0 bytes");
    CloseHandle(file);

    /* A positional write moves the pointer too. */
    file = create(path, GENERIC_WRITE, 0, OPEN_EXISTING, 0);
    memset(&overlapped, 0, sizeof(overlapped));
    overlapped.Offset = 2;
    ok(WriteFile(file, "ab", 2, &count, &overlapped) && count == 2, "a write at offset 2");
    ok_int(SetFilePointer(file, 0, NULL, FILE_CURRENT), 4);
    CloseHandle(file);
    file = create(path, GENERIC_READ, 0, OPEN_EXISTING, 0);
    memset(buffer, 0, sizeof(buffer));
    ReadFile(file, buffer, 6, &count, NULL);
    ok(!memcmp(buffer, "01ab45", 6), "the write landed at offset 2: %.6s", buffer);
    CloseHandle(file);
    DeleteFileW(path);
}

static void test_append(void)
{
    const WCHAR *path = temp_name(L"append.txt");
    char buffer[16];
    DWORD count;
    HANDLE file;

    write_text(path, "abc");
    file = create(path, FILE_APPEND_DATA, FILE_SHARE_READ, OPEN_EXISTING, 0);
    ok(file != INVALID_HANDLE_VALUE, "an append-only open");
    SetFilePointer(file, 0, NULL, FILE_BEGIN);
    ok(WriteFile(file, "de", 2, &count, NULL) && count == 2, "an append");
    CloseHandle(file);
    ok_int(file_size(path), 5);
    file = create(path, GENERIC_READ, 0, OPEN_EXISTING, 0);
    memset(buffer, 0, sizeof(buffer));
    ReadFile(file, buffer, sizeof(buffer), &count, NULL);
    ok(count == 5 && !memcmp(buffer, "abcde", 5), "the data went to the end: %.*s", (int)count, buffer);
    CloseHandle(file);

    /* Offset 0xffffffff'ffffffff appends on an ordinary handle. */
    file = create(path, GENERIC_WRITE, 0, OPEN_EXISTING, 0);
    {
        OVERLAPPED overlapped;
        memset(&overlapped, 0, sizeof(overlapped));
        overlapped.Offset = overlapped.OffsetHigh = 0xffffffff;
        ok(WriteFile(file, "f", 1, &count, &overlapped), "a write to the end of the file");
    }
    CloseHandle(file);
    ok_int(file_size(path), 6);
    DeleteFileW(path);
}

static void test_copy(void)
{
    const WCHAR *path = temp_name(L"copy_src.txt"), *copy = temp_name(L"copy_dst.txt");
    write_text(path, "some text to copy");
    SetLastError(0xdeadbeef);
    ok(!CopyFileW(path, path, FALSE), "a copy onto itself fails");
    ok_int(GetLastError(), ERROR_SHARING_VIOLATION);
    ok_int(file_size(path), 17);
    ok(CopyFileW(path, copy, TRUE), "CopyFileW");
    ok_int(file_size(copy), 17);
    SetLastError(0xdeadbeef);
    ok(!CopyFileW(path, copy, TRUE) && GetLastError() == ERROR_FILE_EXISTS, "fail_if_exists: ERROR_FILE_EXISTS (%lu)",
       GetLastError());
    DeleteFileW(copy);
    DeleteFileW(path);
}

static void test_nul(void)
{
    const WCHAR *names[] = {L"NUL", L"\\\\.\\NUL", L"nul.txt", temp_name(L"nul")};
    char buffer[4];
    DWORD count;
    int i;

    for (i = 0; i < 4; i++) {
        HANDLE file = create(names[i], GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING, 0);
        ok(file != INVALID_HANDLE_VALUE, "%ls opens (%lu)", names[i], GetLastError());
        if (file == INVALID_HANDLE_VALUE) continue;
        ok(WriteFile(file, "swallowed", 9, &count, NULL) && count == 9, "%ls swallows writes", names[i]);
        ok(ReadFile(file, buffer, sizeof(buffer), &count, NULL) && count == 0, "%ls reads nothing", names[i]);
        ok_int(GetFileType(file), FILE_TYPE_CHAR);
        CloseHandle(file);
    }
    /* CREATE_ALWAYS of NUL neither fails nor creates a file. */
    {
        HANDLE file = create(L"NUL", GENERIC_WRITE, 0, CREATE_ALWAYS, 0);
        ok(file != INVALID_HANDLE_VALUE, "NUL with CREATE_ALWAYS");
        CloseHandle(file);
    }
}

static void test_delete_on_close(void)
{
    const WCHAR *path = temp_name(L"delete_on_close.txt");
    FILE_DISPOSITION_INFO disposition;
    HANDLE file, second;
    DWORD count;

    file = create(path, GENERIC_WRITE | DELETE, FILE_SHARE_DELETE, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE);
    ok(file != INVALID_HANDLE_VALUE, "a delete-on-close file");
    WriteFile(file, "x", 1, &count, NULL);
    ok(GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES, "it exists while open");
    CloseHandle(file);
    ok(GetFileAttributesW(path) == INVALID_FILE_ATTRIBUTES && GetLastError() == ERROR_FILE_NOT_FOUND,
       "FILE_FLAG_DELETE_ON_CLOSE deleted it (%lu)", GetLastError());

    /* FileDispositionInfo: deleted once the last handle closes. */
    write_text(path, "x");
    file = create(path, DELETE, FILE_SHARE_READ | FILE_SHARE_DELETE, OPEN_EXISTING, 0);
    second = create(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, OPEN_EXISTING, 0);
    ok(second != INVALID_HANDLE_VALUE, "a second handle");
    disposition.DeleteFile = TRUE;
    ok(SetFileInformationByHandle(file, FileDispositionInfo, &disposition, sizeof(disposition)),
       "FileDispositionInfo (%lu)", GetLastError());
    {
        /* A file whose delete is pending opens no more. */
        HANDLE third = create(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, OPEN_EXISTING, 0);
        ok(third == INVALID_HANDLE_VALUE && GetLastError() == ERROR_ACCESS_DENIED,
           "an open while the delete is pending: ERROR_ACCESS_DENIED (%lu)", GetLastError());
        if (third != INVALID_HANDLE_VALUE) CloseHandle(third);
    }
    CloseHandle(file);
    ok(GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES, "still there while a handle is open");
    CloseHandle(second);
    ok(GetFileAttributesW(path) == INVALID_FILE_ATTRIBUTES, "FileDispositionInfo deleted it");

    /* DeleteFileW of a file another handle has open sharing delete: the
       delete is pending until that handle closes. */
    write_text(path, "x");
    file = create(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, OPEN_EXISTING, 0);
    ok(file != INVALID_HANDLE_VALUE, "open sharing delete");
    ok(DeleteFileW(path), "DeleteFileW of a file open sharing delete (%lu)", GetLastError());
    {
        HANDLE third = create(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, OPEN_EXISTING, 0);
        ok(third == INVALID_HANDLE_VALUE && GetLastError() == ERROR_ACCESS_DENIED,
           "an open after DeleteFileW while a handle is open: ERROR_ACCESS_DENIED (%lu)", GetLastError());
        if (third != INVALID_HANDLE_VALUE) CloseHandle(third);
    }
    ok(!DeleteFileW(path) && GetLastError() == ERROR_ACCESS_DENIED,
       "DeleteFileW again while the delete is pending: ERROR_ACCESS_DENIED (%lu)", GetLastError());
    CloseHandle(file);
    ok(GetFileAttributesW(path) == INVALID_FILE_ATTRIBUTES && GetLastError() == ERROR_FILE_NOT_FOUND,
       "deleted when the last handle closed (%lu)", GetLastError());
    ok(!DeleteFileW(path) && GetLastError() == ERROR_FILE_NOT_FOUND, "DeleteFileW of a missing file (%lu)",
       GetLastError());

    /* Without DELETE access: ERROR_ACCESS_DENIED. */
    write_text(path, "x");
    file = create(path, GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING, 0);
    SetLastError(0xdeadbeef);
    ok(!SetFileInformationByHandle(file, FileDispositionInfo, &disposition, sizeof(disposition)) &&
           GetLastError() == ERROR_ACCESS_DENIED,
       "FileDispositionInfo without DELETE: ERROR_ACCESS_DENIED (%lu)", GetLastError());
    CloseHandle(file);

    /* Set, then cleared: the file stays. */
    file = create(path, DELETE, 0, OPEN_EXISTING, 0);
    disposition.DeleteFile = TRUE;
    SetFileInformationByHandle(file, FileDispositionInfo, &disposition, sizeof(disposition));
    disposition.DeleteFile = FALSE;
    ok(SetFileInformationByHandle(file, FileDispositionInfo, &disposition, sizeof(disposition)), "cleared");
    CloseHandle(file);
    ok(GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES, "a cleared disposition keeps the file");

    /* FileDispositionInfoEx with POSIX semantics, as Rust's std uses it. */
    {
        typedef struct { DWORD Flags; } DISPOSITION_EX;
        DISPOSITION_EX ex = {0x1 | 0x2}; /* FILE_DISPOSITION_FLAG_DELETE | POSIX_SEMANTICS */
        file = create(path, DELETE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, OPEN_EXISTING, 0);
        second = create(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, OPEN_EXISTING, 0);
        ok(SetFileInformationByHandle(file, 21 /* FileDispositionInfoEx */, &ex, sizeof(ex)),
           "FileDispositionInfoEx (%lu)", GetLastError());
        CloseHandle(file);
        ok(GetFileAttributesW(path) == INVALID_FILE_ATTRIBUTES, "POSIX semantics: the name is gone at once");
        CloseHandle(second);
    }
}

static void test_rename(void)
{
    const WCHAR *from = temp_name(L"rename_from.txt"), *to = temp_name(L"rename_to.txt");
    BYTE storage[sizeof(FILE_RENAME_INFO) + MAX_PATH * sizeof(WCHAR)];
    FILE_RENAME_INFO *info = (FILE_RENAME_INFO *)storage;
    HANDLE file;

    write_text(from, "abc");
    write_text(to, "other");
    file = create(from, DELETE, 0, OPEN_EXISTING, 0);
    memset(storage, 0, sizeof(storage));
    info->ReplaceIfExists = FALSE;
    info->FileNameLength = (DWORD)(wcslen(to) * sizeof(WCHAR));
    wcscpy(info->FileName, to);
    SetLastError(0xdeadbeef);
    ok(!SetFileInformationByHandle(file, FileRenameInfo, info, sizeof(storage)) &&
           GetLastError() == ERROR_ALREADY_EXISTS,
       "a rename onto an existing file without ReplaceIfExists (%lu)", GetLastError());
    info->ReplaceIfExists = TRUE;
    ok(SetFileInformationByHandle(file, FileRenameInfo, info, sizeof(storage)), "FileRenameInfo (%lu)",
       GetLastError());
    CloseHandle(file);
    ok(GetFileAttributesW(from) == INVALID_FILE_ATTRIBUTES, "the old name is gone");
    ok_int(file_size(to), 3);
    DeleteFileW(to);
}

int main(void)
{
    GetTempPathW(MAX_PATH, dir);
    test_rights();
    test_positional_read();
    test_append();
    test_copy();
    test_nul();
    test_delete_on_close();
    test_rename();
    return vt_summary();
}
