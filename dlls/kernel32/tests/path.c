/* Path names and directories: GetFullPathName, the current directory, the
 * temporary directory and file names, case-insensitive names, copying,
 * moving, attributes and their error codes. */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include "vinetest.h"

static void make_file(const WCHAR *name, const char *data)
{
    DWORD n;
    HANDLE h = CreateFileW(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    WriteFile(h, data, (DWORD)strlen(data), &n, NULL);
    CloseHandle(h);
}

static int file_is(const WCHAR *name, const char *data)
{
    char buf[64];
    DWORD n = 0;
    HANDLE h = CreateFileW(name, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) return 0;
    ReadFile(h, buf, sizeof(buf), &n, NULL);
    CloseHandle(h);
    return n == strlen(data) && !memcmp(buf, data, n);
}

/* The name on disk of a file, found through FindFirstFileW. */
static const WCHAR *disk_name(const WCHAR *pattern)
{
    static WIN32_FIND_DATAW fd;
    HANDLE find = FindFirstFileW(pattern, &fd);
    if (find == INVALID_HANDLE_VALUE) return L"";
    FindClose(find);
    return fd.cFileName;
}

int main(void)
{
    WCHAR cwd[MAX_PATH], dir[MAX_PATH], full[MAX_PATH], tmp[MAX_PATH], name[MAX_PATH], *part;
    char ansi[MAX_PATH], *ansi_part;
    DWORD n, attrs;
    UINT unique;
    WIN32_FILE_ATTRIBUTE_DATA data;

    /* GetFullPathName */
    n = GetFullPathNameW(L"C:\\a\\b\\..\\..\\..\\c", MAX_PATH, full, &part);
    ok(n == 4 && !wcscmp(full, L"C:\\c") && part == full + 3, "'..' stops at the root: %ls", full);
    n = GetFullPathNameW(L"C:/a/./b", MAX_PATH, full, &part);
    ok(n == 6 && !wcscmp(full, L"C:\\a\\b") && part && !wcscmp(part, L"b"), "forward slashes: %ls", full);
    n = GetFullPathNameW(L"C:\\a\\b\\", MAX_PATH, full, &part);
    ok(n == 7 && !wcscmp(full, L"C:\\a\\b\\") && part == NULL, "a trailing backslash stays, no file part: %ls", full);
    n = GetFullPathNameW(L"C:\\a\\name.txt. ", MAX_PATH, full, NULL);
    ok(!wcscmp(full, L"C:\\a\\name.txt"), "trailing dots and spaces go: '%ls'", full);
    n = GetFullPathNameW(L"c:\\x", MAX_PATH, full, NULL);
    ok(n == 4 && !wcscmp(full, L"c:\\x"), "the drive letter keeps its case: %ls", full);
    n = GetFullPathNameW(L"\\\\server\\share\\a\\..\\b", MAX_PATH, full, NULL);
    ok(!wcscmp(full, L"\\\\server\\share\\b"), "UNC paths keep their root: %ls", full);
    n = GetFullPathNameW(L"C:\\abcdef", 3, full, NULL);
    ok(n == 10, "too small a buffer: the size needed with the NUL (%lu)", n);
    GetCurrentDirectoryW(MAX_PATH, cwd);
    n = GetFullPathNameW(L"\\top", MAX_PATH, full, NULL);
    ok(n == 6 && full[0] == cwd[0] && !wcscmp(full + 1, L":\\top"), "root-relative: %ls", full);
    n = GetFullPathNameA("C:\\dir\\file.c", MAX_PATH, ansi, &ansi_part);
    ok(n == 13 && !strcmp(ansi, "C:\\dir\\file.c") && ansi_part == ansi + 7, "GetFullPathNameA: %s", ansi);

    /* the current directory */
    n = GetCurrentDirectoryW(0, NULL);
    ok(n == wcslen(cwd) + 1, "GetCurrentDirectoryW(0): the size needed (%lu)", n);
    ok(cwd[wcslen(cwd) - 1] != L'\\', "no trailing backslash: %ls", cwd);
    ok(CreateDirectoryW(L"PathDir", NULL), "CreateDirectoryW PathDir");
    ok(SetCurrentDirectoryW(L"pathdir"), "SetCurrentDirectoryW ignores case");
    GetCurrentDirectoryW(MAX_PATH, dir);
    ok(!_wcsnicmp(dir, cwd, wcslen(cwd)) && !_wcsicmp(dir + wcslen(cwd), L"\\pathdir"), "now in %ls", dir);
    make_file(L"inner.txt", "inner");
    ok(SetCurrentDirectoryW(L".."), "SetCurrentDirectoryW ..");
    GetCurrentDirectoryW(MAX_PATH, dir);
    ok(!wcscmp(dir, cwd), "back in %ls", dir);
    ok(file_is(L"PathDir\\inner.txt", "inner"), "relative names follow the current directory");
    SetLastError(0xdeadbeef);
    ok(!SetCurrentDirectoryW(L"no-such-dir") && GetLastError() == ERROR_FILE_NOT_FOUND,
       "SetCurrentDirectoryW to a missing directory: ERROR_FILE_NOT_FOUND (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!SetCurrentDirectoryW(L"PathDir\\inner.txt") && GetLastError() == ERROR_DIRECTORY,
       "SetCurrentDirectoryW to a file: ERROR_DIRECTORY (%lu)", GetLastError());
    n = GetCurrentDirectoryA(MAX_PATH, ansi);
    ok(n == strlen(ansi) && ansi[1] == ':', "GetCurrentDirectoryA: %s", ansi);

    /* case-insensitive names: existing directories are found, a new name keeps its case */
    make_file(L"PATHDIR\\New File.TXT", "new");
    ok(!wcscmp(disk_name(L"pathdir\\new file.txt"), L"New File.TXT"), "created as spelled: %ls",
       disk_name(L"pathdir\\new file.txt"));
    ok(file_is(L"pAtHdIr\\NEW FILE.txt", "new"), "opened in any case");
    attrs = GetFileAttributesW(L"PATHDIR");
    ok(attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY), "directory attributes in any case");

    /* attributes */
    attrs = GetFileAttributesW(L"PathDir\\inner.txt");
    ok(attrs != INVALID_FILE_ATTRIBUTES && !(attrs & (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_READONLY)),
       "a new file: 0x%lx", attrs);
    ok(GetFileAttributesExW(L"PathDir\\inner.txt", GetFileExInfoStandard, &data) && data.nFileSizeLow == 5 &&
       data.nFileSizeHigh == 0 && data.dwFileAttributes == attrs, "GetFileAttributesExW: size %lu",
       data.nFileSizeLow);
    SetLastError(0xdeadbeef);
    ok(GetFileAttributesW(L"PathDir\\missing") == INVALID_FILE_ATTRIBUTES && GetLastError() == ERROR_FILE_NOT_FOUND,
       "a missing file: ERROR_FILE_NOT_FOUND (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    ok(GetFileAttributesW(L"missing\\file") == INVALID_FILE_ATTRIBUTES && GetLastError() == ERROR_PATH_NOT_FOUND,
       "a missing directory: ERROR_PATH_NOT_FOUND (%lu)", GetLastError());
    ok(SetFileAttributesW(L"PathDir\\inner.txt", FILE_ATTRIBUTE_READONLY), "SetFileAttributesW READONLY");
    attrs = GetFileAttributesW(L"PathDir\\inner.txt");
    ok(attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_READONLY), "read-only: 0x%lx", attrs);
    SetLastError(0xdeadbeef);
    ok(!DeleteFileW(L"PathDir\\inner.txt") && GetLastError() == ERROR_ACCESS_DENIED,
       "DeleteFileW of a read-only file: ERROR_ACCESS_DENIED (%lu)", GetLastError());
    ok(SetFileAttributesW(L"PathDir\\inner.txt", FILE_ATTRIBUTE_NORMAL), "SetFileAttributesW NORMAL");
    attrs = GetFileAttributesW(L"PathDir\\inner.txt");
    ok(!(attrs & FILE_ATTRIBUTE_READONLY), "writable again: 0x%lx", attrs);

    /* copy and move */
    ok(CopyFileW(L"PathDir\\inner.txt", L"copy.txt", TRUE), "CopyFileW");
    ok(file_is(L"copy.txt", "inner"), "the copy has the contents");
    SetLastError(0xdeadbeef);
    ok(!CopyFileW(L"PathDir\\inner.txt", L"copy.txt", TRUE) && GetLastError() == ERROR_FILE_EXISTS,
       "CopyFileW onto an existing file: ERROR_FILE_EXISTS (%lu)", GetLastError());
    make_file(L"other.txt", "other");
    ok(CopyFileW(L"other.txt", L"copy.txt", FALSE) && file_is(L"copy.txt", "other"), "CopyFileW replaces");
    SetLastError(0xdeadbeef);
    ok(!CopyFileW(L"missing.txt", L"copy2.txt", FALSE) && GetLastError() == ERROR_FILE_NOT_FOUND,
       "CopyFileW of a missing file: ERROR_FILE_NOT_FOUND (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!MoveFileW(L"other.txt", L"copy.txt") && GetLastError() == ERROR_ALREADY_EXISTS,
       "MoveFileW onto an existing file: ERROR_ALREADY_EXISTS (%lu)", GetLastError());
    ok(MoveFileExW(L"other.txt", L"copy.txt", MOVEFILE_REPLACE_EXISTING), "MoveFileExW MOVEFILE_REPLACE_EXISTING");
    ok(GetFileAttributesW(L"other.txt") == INVALID_FILE_ATTRIBUTES, "the source is gone");
    SetLastError(0xdeadbeef);
    ok(!MoveFileW(L"other.txt", L"third.txt") && GetLastError() == ERROR_FILE_NOT_FOUND,
       "MoveFileW of a missing file: ERROR_FILE_NOT_FOUND (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!MoveFileW(L"copy.txt", L"missing\\third.txt") && GetLastError() == ERROR_PATH_NOT_FOUND,
       "MoveFileW into a missing directory: ERROR_PATH_NOT_FOUND (%lu)", GetLastError());
    ok(MoveFileW(L"copy.txt", L"COPY.TXT") && !wcscmp(disk_name(L"copy.txt"), L"COPY.TXT"),
       "MoveFileW to another case renames: %ls", disk_name(L"copy.txt"));
    ok(MoveFileA("COPY.TXT", "PathDir\\moved.txt") && file_is(L"pathdir\\moved.txt", "other"), "MoveFileA");

    /* directories */
    SetLastError(0xdeadbeef);
    ok(!CreateDirectoryW(L"missing\\sub", NULL) && GetLastError() == ERROR_PATH_NOT_FOUND,
       "CreateDirectoryW under a missing directory: ERROR_PATH_NOT_FOUND (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!DeleteFileW(L"PathDir") && GetLastError() == ERROR_ACCESS_DENIED,
       "DeleteFileW of a directory: ERROR_ACCESS_DENIED (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!RemoveDirectoryW(L"PathDir\\moved.txt") && GetLastError() == ERROR_DIRECTORY,
       "RemoveDirectoryW of a file: ERROR_DIRECTORY (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!RemoveDirectoryW(L"no-such-dir") && GetLastError() == ERROR_FILE_NOT_FOUND,
       "RemoveDirectoryW of a missing directory: ERROR_FILE_NOT_FOUND (%lu)", GetLastError());
    ok(DeleteFileW(L"PathDir\\moved.txt") && DeleteFileW(L"PathDir\\inner.txt") &&
       DeleteFileW(L"PathDir\\New File.TXT"), "DeleteFileW the files");
    ok(CreateDirectoryA("PathDir\\sub", NULL) && RemoveDirectoryA("PATHDIR\\SUB"), "CreateDirectoryA/RemoveDirectoryA");
    ok(RemoveDirectoryW(L"pathdir"), "RemoveDirectoryW in another case");

    /* the temporary directory and file names */
    n = GetTempPathW(MAX_PATH, tmp);
    ok(n > 0 && n == wcslen(tmp) && tmp[n - 1] == L'\\', "GetTempPathW: %ls", tmp);
    ok(GetTempPathW(0, NULL) == n + 1, "GetTempPathW(0): the size needed");
    attrs = GetFileAttributesW(tmp);
    ok(attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY), "the temporary directory exists");
    n = GetTempPathA(MAX_PATH, ansi);
    ok(n > 0 && ansi[n - 1] == '\\', "GetTempPathA: %s", ansi);
    unique = GetTempFileNameW(L".", L"vtest", 0, name);
    ok(unique != 0 && wcsstr(name, L"\\vte") && !wcsstr(name, L"vtes") && !_wcsicmp(name + wcslen(name) - 4, L".tmp"),
       "GetTempFileNameW: %ls", name);
    ok(GetFileAttributesW(name) != INVALID_FILE_ATTRIBUTES, "GetTempFileNameW(0) creates the file");
    ok(DeleteFileW(name), "DeleteFileW the temporary file");
    unique = GetTempFileNameW(L".", L"ab", 0x1234, name);
    ok(unique == 0x1234 && !_wcsicmp(name + wcslen(name) - 10, L"ab1234.tmp"), "GetTempFileNameW(0x1234): %ls", name);
    ok(GetFileAttributesW(name) == INVALID_FILE_ATTRIBUTES, "GetTempFileNameW(n) creates nothing");

    return vt_summary();
}
