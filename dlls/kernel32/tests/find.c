/* FindFirstFile/FindNextFile/FindClose: wildcards, "." and "..", the fields
 * of WIN32_FIND_DATA and the error codes. */
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

/* The names a search returns, as "|name|name|..." in the order given. */
static int list(const WCHAR *pattern, WCHAR *out, size_t size)
{
    WIN32_FIND_DATAW fd;
    int count = 0;
    HANDLE find = FindFirstFileW(pattern, &fd);
    out[0] = 0;
    if (find == INVALID_HANDLE_VALUE) return -1;
    do {
        wcsncat(out, L"|", size - wcslen(out) - 1);
        wcsncat(out, fd.cFileName, size - wcslen(out) - 1);
        count++;
    } while (FindNextFileW(find, &fd));
    ok(GetLastError() == ERROR_NO_MORE_FILES, "%ls: ends with ERROR_NO_MORE_FILES (%lu)", pattern, GetLastError());
    FindClose(find);
    wcsncat(out, L"|", size - wcslen(out) - 1);
    return count;
}

static int has(const WCHAR *names, const WCHAR *name)
{
    WCHAR needle[MAX_PATH + 2];
    swprintf(needle, MAX_PATH + 2, L"|%ls|", name);
    return wcsstr(names, needle) != NULL;
}

int main(void)
{
    WCHAR names[4096], cwd[MAX_PATH], pattern[MAX_PATH];
    WIN32_FIND_DATAW fd;
    WIN32_FIND_DATAA fda;
    HANDLE find;
    int n;
    FILETIME now;
    ULONGLONG now64, written64;

    ok(CreateDirectoryW(L"fdir", NULL), "CreateDirectoryW fdir");
    ok(CreateDirectoryW(L"fdir\\Sub", NULL), "CreateDirectoryW fdir\\Sub");
    make_file(L"fdir\\alpha.txt", "hello");
    make_file(L"fdir\\Beta.TXT", "");
    make_file(L"fdir\\gamma", "g");
    make_file(L"fdir\\delta.tar.gz", "d");

    n = list(L"fdir\\*", names, 4096);
    ok(n == 7 && has(names, L".") && has(names, L"..") && has(names, L"alpha.txt") && has(names, L"Beta.TXT") &&
       has(names, L"gamma") && has(names, L"delta.tar.gz") && has(names, L"Sub"),
       "* lists everything, . and .. included: %d %ls", n, names);
    n = list(L"fdir\\*.*", names, 4096);
    ok(n == 7 && has(names, L"gamma") && has(names, L"Sub"), "*.* also matches names without a dot: %d %ls", n, names);
    n = list(L"fdir\\*.txt", names, 4096);
    ok(n == 2 && has(names, L"alpha.txt") && has(names, L"Beta.TXT"), "*.txt ignores case: %d %ls", n, names);
    n = list(L"fdir\\*.gz", names, 4096);
    ok(n == 1 && has(names, L"delta.tar.gz"), "*.gz matches the last extension: %d %ls", n, names);
    n = list(L"fdir\\*.tar", names, 4096);
    ok(n == -1 && GetLastError() == ERROR_FILE_NOT_FOUND, "*.tar does not match delta.tar.gz: %d %ls", n, names);
    n = list(L"fdir\\g?mma", names, 4096);
    ok(n == 1 && has(names, L"gamma"), "? matches one character: %d %ls", n, names);
    n = list(L"fdir\\*a*", names, 4096);
    ok(n == 4 && has(names, L"alpha.txt") && has(names, L"Beta.TXT") && has(names, L"gamma") &&
       has(names, L"delta.tar.gz"), "*a*: %d %ls", n, names);
    n = list(L"fdir\\*.", names, 4096);
    ok(n > 0 && has(names, L"gamma") && has(names, L"Sub") && !has(names, L"alpha.txt") &&
       !has(names, L"delta.tar.gz"), "*. matches names without an extension: %d %ls", n, names);
    n = list(L"FDIR\\ALPHA.TXT", names, 4096);
    ok(n == 1 && has(names, L"alpha.txt"), "an exact name in another case gives the name on disk: %ls", names);
    n = list(L"fdir/sub/*", names, 4096);
    ok(n == 2 && has(names, L".") && has(names, L".."), "an empty directory has . and .. (forward slashes): %d %ls",
       n, names);

    /* the fields */
    find = FindFirstFileW(L"fdir\\alpha.txt", &fd);
    ok(find != INVALID_HANDLE_VALUE, "FindFirstFileW of a plain name");
    ok(!(fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) && fd.nFileSizeLow == 5 && fd.nFileSizeHigh == 0,
       "file: attributes 0x%lx, size %lu", fd.dwFileAttributes, fd.nFileSizeLow);
    ok(fd.cAlternateFileName[0] == 0 || !wcscmp(fd.cAlternateFileName, L"ALPHA~1.TXT"),
       "no short name needed: '%ls'", fd.cAlternateFileName);
    GetSystemTimeAsFileTime(&now);
    now64 = ((ULONGLONG)now.dwHighDateTime << 32) | now.dwLowDateTime;
    written64 = ((ULONGLONG)fd.ftLastWriteTime.dwHighDateTime << 32) | fd.ftLastWriteTime.dwLowDateTime;
    ok(written64 <= now64 + 20000000 && now64 - written64 < 600000000ull,
       "last write time is a FILETIME from the last minute");
    SetLastError(0xdeadbeef);
    ok(!FindNextFileW(find, &fd) && GetLastError() == ERROR_NO_MORE_FILES, "one match: ERROR_NO_MORE_FILES");
    ok(FindClose(find), "FindClose");
    SetLastError(0xdeadbeef);
    ok(!FindClose(INVALID_HANDLE_VALUE) && GetLastError() == ERROR_INVALID_HANDLE,
       "FindClose(INVALID_HANDLE_VALUE): ERROR_INVALID_HANDLE (%lu)", GetLastError());

    find = FindFirstFileW(L"fdir\\sub", &fd);
    ok(find != INVALID_HANDLE_VALUE && (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) && !wcscmp(fd.cFileName, L"Sub"),
       "a directory by name: attributes 0x%lx, %ls", fd.dwFileAttributes, fd.cFileName);
    FindClose(find);

    /* errors */
    SetLastError(0xdeadbeef);
    find = FindFirstFileW(L"fdir\\*.none", &fd);
    ok(find == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND,
       "nothing matches: ERROR_FILE_NOT_FOUND (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    find = FindFirstFileW(L"nodir\\*", &fd);
    ok(find == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PATH_NOT_FOUND,
       "missing directory: ERROR_PATH_NOT_FOUND (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    find = FindFirstFileW(L"nodir\\deeper\\*", &fd);
    ok(find == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PATH_NOT_FOUND,
       "missing directories: ERROR_PATH_NOT_FOUND (%lu)", GetLastError());

    /* the root of a drive has no . or .. */
    GetCurrentDirectoryW(MAX_PATH, cwd);
    swprintf(pattern, MAX_PATH, L"%lc:\\*", cwd[0]);
    n = list(pattern, names, 4096);
    ok(n > 0 && !has(names, L".") && !has(names, L".."), "%ls: no . or ..", pattern);

    /* the A functions */
    find = FindFirstFileA("fdir\\b*", &fda);
    ok(find != INVALID_HANDLE_VALUE && !strcmp(fda.cFileName, "Beta.TXT") && fda.nFileSizeLow == 0,
       "FindFirstFileA: %s", fda.cFileName);
    SetLastError(0xdeadbeef);
    ok(!FindNextFileA(find, &fda) && GetLastError() == ERROR_NO_MORE_FILES, "FindNextFileA: ERROR_NO_MORE_FILES");
    FindClose(find);

    /* FindFirstFileEx */
    find = FindFirstFileExW(L"fdir\\s*", FindExInfoBasic, &fd, FindExSearchNameMatch, NULL, FIND_FIRST_EX_LARGE_FETCH);
    ok(find != INVALID_HANDLE_VALUE && !wcscmp(fd.cFileName, L"Sub") && fd.cAlternateFileName[0] == 0,
       "FindFirstFileExW FindExInfoBasic: %ls", fd.cFileName);
    FindClose(find);
    find = FindFirstFileExW(L"fdir\\*", FindExInfoStandard, &fd, FindExSearchLimitToDirectories, NULL, 0);
    ok(find != INVALID_HANDLE_VALUE, "FindExSearchLimitToDirectories (advisory) succeeds");
    FindClose(find);
    find = FindFirstFileExA("fdir\\G*", FindExInfoStandard, &fda, FindExSearchNameMatch, NULL, 0);
    ok(find != INVALID_HANDLE_VALUE && !strcmp(fda.cFileName, "gamma"), "FindFirstFileExA: %s", fda.cFileName);
    FindClose(find);
    SetLastError(0xdeadbeef);
    find = FindFirstFileExW(L"fdir\\*", FindExInfoMaxInfoLevel, &fd, FindExSearchNameMatch, NULL, 0);
    ok(find == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_PARAMETER,
       "bad info level: ERROR_INVALID_PARAMETER (%lu)", GetLastError());

    /* a file deleted after FindFirstFile does not break the search */
    find = FindFirstFileW(L"fdir\\*", &fd);
    DeleteFileW(L"fdir\\alpha.txt");
    DeleteFileW(L"fdir\\Beta.TXT");
    DeleteFileW(L"fdir\\gamma");
    DeleteFileW(L"fdir\\delta.tar.gz");
    while (FindNextFileW(find, &fd))
        ;
    ok(GetLastError() == ERROR_NO_MORE_FILES, "search over deleted files ends with ERROR_NO_MORE_FILES");
    FindClose(find);
    ok(RemoveDirectoryW(L"fdir\\Sub") && RemoveDirectoryW(L"fdir"), "clean up");

    return vt_summary();
}
