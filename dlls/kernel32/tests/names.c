/* Win32 names as Windows resolves them: forward slashes, trailing dots and
 * spaces, "\\?\" (literal), "\\.\" and "\??\" prefixes; short (8.3) and long
 * names; drives (GetLogicalDrives, GetDriveTypeW, QueryDosDeviceW). */
#include <windows.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

static WCHAR base[MAX_PATH];

static const WCHAR *at(const WCHAR *prefix, const WCHAR *name)
{
    static WCHAR buffer[4][MAX_PATH * 2];
    static int next;
    WCHAR *out = buffer[next++ % 4];
    wcscpy(out, prefix);
    wcscat(out, base);
    wcscat(out, name);
    return out;
}

static void touch(const WCHAR *path)
{
    HANDLE file = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "create %ls (%lu)", path, GetLastError());
    CloseHandle(file);
}

static void test_spellings(void)
{
    WCHAR slashes[MAX_PATH];
    size_t i;

    touch(at(L"", L"plain.txt"));
    wcscpy(slashes, at(L"", L"plain.txt"));
    for (i = 0; slashes[i]; i++)
        if (slashes[i] == L'\\') slashes[i] = L'/';
    ok(GetFileAttributesW(slashes) != INVALID_FILE_ATTRIBUTES, "forward slashes: %ls", slashes);
    ok(GetFileAttributesW(at(L"", L"PLAIN.TXT")) != INVALID_FILE_ATTRIBUTES, "another case");
    ok(GetFileAttributesW(at(L"", L"plain.txt. . ")) != INVALID_FILE_ATTRIBUTES, "trailing dots and spaces");
    ok(GetFileAttributesW(at(L"\\\\?\\", L"plain.txt")) != INVALID_FILE_ATTRIBUTES, "\\\\?\\ prefix");
    ok(GetFileAttributesW(at(L"\\\\.\\", L"plain.txt")) != INVALID_FILE_ATTRIBUTES, "\\\\.\\ prefix");
    ok(GetFileAttributesW(at(L"\\??\\", L"plain.txt")) != INVALID_FILE_ATTRIBUTES, "\\??\\ prefix");
    SetLastError(0xdeadbeef);
    ok(GetFileAttributesW(at(L"\\\\?\\", L"plain.txt.")) == INVALID_FILE_ATTRIBUTES &&
           GetLastError() == ERROR_FILE_NOT_FOUND,
       "\\\\?\\ names are literal: a trailing dot stays (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    ok(GetFileAttributesW(at(L"", L"pl*n.txt")) == INVALID_FILE_ATTRIBUTES && GetLastError() == ERROR_INVALID_NAME,
       "a wildcard in a name: ERROR_INVALID_NAME (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    ok(GetFileAttributesW(at(L"", L"nodir\\plain.txt")) == INVALID_FILE_ATTRIBUTES &&
           GetLastError() == ERROR_PATH_NOT_FOUND,
       "a missing directory: ERROR_PATH_NOT_FOUND (%lu)", GetLastError());
    ok(DeleteFileW(at(L"", L"plain.txt")), "DeleteFileW");
}

static void test_short_names(void)
{
    WCHAR short_path[MAX_PATH], again[MAX_PATH], long_path[MAX_PATH], dir[MAX_PATH], file[MAX_PATH];
    DWORD n;

    wcscpy(dir, at(L"", L"Long Directory Name"));
    wcscpy(file, at(L"", L"Long Directory Name\\a long file name.text"));
    ok(CreateDirectoryW(dir, NULL), "a directory with a long name");
    touch(file);
    touch(at(L"", L"Long Directory Name\\SHORT.TXT"));
    n = GetShortPathNameW(file, short_path, MAX_PATH);
    ok(n > 0 && n == wcslen(short_path), "GetShortPathNameW: %ls (%lu)", short_path, GetLastError());
    ok(wcsstr(short_path, L"\\LONGDI~1\\ALONGF~1.TEX") != NULL, "8.3 components: %ls", short_path);
    ok(GetFileAttributesW(short_path) != INVALID_FILE_ATTRIBUTES, "the short path opens");
    GetShortPathNameW(file, again, MAX_PATH);
    ok(!wcscmp(short_path, again), "the same short name twice");
    n = GetLongPathNameW(short_path, long_path, MAX_PATH);
    ok(n > 0 && !_wcsicmp(long_path, file), "GetLongPathNameW: %ls", long_path);
    n = GetShortPathNameW(at(L"", L"Long Directory Name\\SHORT.TXT"), again, MAX_PATH);
    ok(n > 0 && !wcscmp(again + wcslen(again) - 10, L"\\SHORT.TXT"), "an 8.3 name is its own: %ls", again);
    /* Too small: the size needed, with its terminator. */
    n = GetShortPathNameW(file, again, 3);
    ok_int(n, wcslen(short_path) + 1);
    SetLastError(0xdeadbeef);
    ok(!GetShortPathNameW(at(L"", L"Long Directory Name\\missing file name"), again, MAX_PATH) &&
           GetLastError() == ERROR_FILE_NOT_FOUND,
       "a missing file: ERROR_FILE_NOT_FOUND (%lu)", GetLastError());
    DeleteFileW(at(L"", L"Long Directory Name\\SHORT.TXT"));
    DeleteFileW(file);
    ok(RemoveDirectoryW(dir), "RemoveDirectoryW");
}

static void test_drives(void)
{
    DWORD drives = GetLogicalDrives(), n;
    WCHAR buffer[1024], root[4] = L"?:\\";
    int missing = -1, i;

    ok(drives & (1 << 2), "drive C exists: %lx", drives);
    ok_int(GetDriveTypeW(L"C:\\"), DRIVE_FIXED);
    for (i = 25; i >= 3; i--)
        if (!(drives & (1u << i))) {
            missing = i;
            break;
        }
    if (missing >= 0) {
        root[0] = (WCHAR)(L'A' + missing);
        ok_int(GetDriveTypeW(root), DRIVE_NO_ROOT_DIR);
    }
    n = GetLogicalDriveStringsW(1024, buffer);
    ok(n >= 4 && n % 4 == 0, "GetLogicalDriveStringsW: %lu", n);
    n = QueryDosDeviceW(L"C:", buffer, 1024);
    ok(n > 0 && !wcsncmp(buffer, L"\\Device\\", 8), "QueryDosDeviceW(C:): %ls", buffer);
    n = QueryDosDeviceW(L"NUL", buffer, 1024);
    ok(n > 0 && !wcscmp(buffer, L"\\Device\\Null"), "QueryDosDeviceW(NUL): %ls", buffer);
    SetLastError(0xdeadbeef);
    ok(!QueryDosDeviceW(L"NOSUCHDEVICE", buffer, 1024) && GetLastError() == ERROR_FILE_NOT_FOUND,
       "an unknown device: ERROR_FILE_NOT_FOUND (%lu)", GetLastError());
    n = QueryDosDeviceW(NULL, buffer, 1024);
    {
        WCHAR *p;
        int found = 0;
        for (p = buffer; p < buffer + n && *p; p += wcslen(p) + 1)
            if (!_wcsicmp(p, L"C:")) found = 1;
        ok(found, "QueryDosDeviceW(NULL) lists C:");
    }
}

int main(void)
{
    WCHAR unique[64];
    GetTempPathW(MAX_PATH, base);
    _snwprintf(unique, 64, L"names%lu\\", GetCurrentProcessId());
    wcscat(base, unique);
    CreateDirectoryW(base, NULL);
    test_spellings();
    test_short_names();
    test_drives();
    base[wcslen(base) - 1] = 0;
    ok(RemoveDirectoryW(base), "cleaned up (%lu)", GetLastError());
    return vt_summary();
}
