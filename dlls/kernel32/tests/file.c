/* kernel32 file API: CreateFileW/WriteFile/ReadFile/SetFilePointerEx/
 * GetFileSizeEx/FindFirstFileW/DeleteFileW/MoveFileW and their error codes.
 * Share modes are in file_share.c, searches in find.c, path names in path.c. */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include "vinetest.h"

int main(void)
{
    HANDLE h, find;
    DWORD n, attrs;
    char buf[64];
    LARGE_INTEGER size, pos;
    WIN32_FIND_DATAW fd;
    WCHAR cwd[MAX_PATH], full[MAX_PATH], *filepart;
    BY_HANDLE_FILE_INFORMATION info;

    h = CreateFileW(L"k32test.bin", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_NEW,
                    FILE_ATTRIBUTE_NORMAL, NULL);
    ok(h != INVALID_HANDLE_VALUE, "CreateFileW CREATE_NEW");
    ok(WriteFile(h, "hello\nworld", 11, &n, NULL) && n == 11, "WriteFile 11 bytes (no translation)");
    ok(GetFileSizeEx(h, &size) && size.QuadPart == 11, "GetFileSizeEx 11");
    ok(GetFileSize(h, NULL) == 11, "GetFileSize 11");
    pos.QuadPart = 6;
    ok(SetFilePointerEx(h, pos, NULL, FILE_BEGIN), "SetFilePointerEx to 6");
    ok(ReadFile(h, buf, sizeof(buf), &n, NULL) && n == 5 && !memcmp(buf, "world", 5), "ReadFile 5 bytes");
    ok(ReadFile(h, buf, sizeof(buf), &n, NULL) && n == 0, "ReadFile at EOF succeeds with 0 bytes");
    ok(SetFilePointer(h, 0, NULL, FILE_CURRENT) == 11, "SetFilePointer FILE_CURRENT = 11");
    ok(SetFilePointer(h, 100, NULL, FILE_BEGIN) == 100 && SetEndOfFile(h), "SetEndOfFile extends to 100");
    ok(GetFileSize(h, NULL) == 100, "size is 100");
    ok(GetFileType(h) == FILE_TYPE_DISK, "GetFileType disk");
    ok(GetFileInformationByHandle(h, &info) && info.nFileSizeLow == 100 && info.nNumberOfLinks == 1,
       "GetFileInformationByHandle");

    /* share modes are checked in file_share.c */
    ok(CloseHandle(h), "CloseHandle");

    SetLastError(0xdeadbeef);
    h = CreateFileW(L"k32test.bin", GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_EXISTS,
       "CREATE_NEW on an existing file: ERROR_FILE_EXISTS (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    h = CreateFileW(L"k32test.bin", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE && GetLastError() == ERROR_ALREADY_EXISTS,
       "CREATE_ALWAYS on an existing file succeeds with ERROR_ALREADY_EXISTS (%lu)", GetLastError());
    ok(GetFileSize(h, NULL) == 0, "CREATE_ALWAYS truncates");
    CloseHandle(h);
    SetLastError(0xdeadbeef);
    h = CreateFileW(L"missing-file.txt", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND,
       "OPEN_EXISTING of a missing file: ERROR_FILE_NOT_FOUND (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    h = CreateFileW(L"missing-dir\\file.txt", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PATH_NOT_FOUND,
       "missing directory: ERROR_PATH_NOT_FOUND (%lu)", GetLastError());

    /* names are case-insensitive */
    attrs = GetFileAttributesW(L"K32TEST.BIN");
    ok(attrs != INVALID_FILE_ATTRIBUTES && !(attrs & FILE_ATTRIBUTE_DIRECTORY),
       "GetFileAttributesW with another case finds the file (0x%lx)", attrs);

    ok(CreateDirectoryW(L"k32dir", NULL), "CreateDirectoryW");
    ok(!CreateDirectoryW(L"k32dir", NULL) && GetLastError() == ERROR_ALREADY_EXISTS,
       "CreateDirectoryW twice: ERROR_ALREADY_EXISTS");
    attrs = GetFileAttributesW(L"k32dir");
    ok(attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY), "directory attribute");
    ok(MoveFileW(L"k32test.bin", L"k32dir\\moved.bin"), "MoveFileW into the directory");

    find = FindFirstFileW(L"k32dir\\*.bin", &fd);
    ok(find != INVALID_HANDLE_VALUE && !wcscmp(fd.cFileName, L"moved.bin"), "FindFirstFileW finds moved.bin");
    SetLastError(0xdeadbeef);
    ok(!FindNextFileW(find, &fd) && GetLastError() == ERROR_NO_MORE_FILES, "FindNextFileW: ERROR_NO_MORE_FILES");
    FindClose(find);
    SetLastError(0xdeadbeef);
    find = FindFirstFileW(L"k32dir\\*.none", &fd);
    ok(find == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND,
       "FindFirstFileW without match: ERROR_FILE_NOT_FOUND (%lu)", GetLastError());

    SetLastError(0xdeadbeef);
    ok(!RemoveDirectoryW(L"k32dir") && GetLastError() == ERROR_DIR_NOT_EMPTY,
       "RemoveDirectoryW of a non-empty directory: ERROR_DIR_NOT_EMPTY (%lu)", GetLastError());
    ok(DeleteFileW(L"k32dir\\moved.bin"), "DeleteFileW");
    SetLastError(0xdeadbeef);
    ok(!DeleteFileW(L"k32dir\\moved.bin") && GetLastError() == ERROR_FILE_NOT_FOUND,
       "DeleteFileW twice: ERROR_FILE_NOT_FOUND (%lu)", GetLastError());
    ok(RemoveDirectoryW(L"k32dir"), "RemoveDirectoryW");

    /* paths */
    n = GetCurrentDirectoryW(MAX_PATH, cwd);
    ok(n > 0 && n == wcslen(cwd) && cwd[1] == L':', "GetCurrentDirectoryW: %ls", cwd);
    n = GetFullPathNameW(L"sub\\..\\name.txt", MAX_PATH, full, &filepart);
    ok(n > 0 && filepart && !wcscmp(filepart, L"name.txt") && !_wcsnicmp(full, cwd, wcslen(cwd)),
       "GetFullPathNameW: %ls", full);
    n = GetFullPathNameW(L"C:\\a\\.\\b\\..\\c", MAX_PATH, full, NULL);
    ok(!wcscmp(full, L"C:\\a\\c") && n == 6, "GetFullPathNameW normalises: %ls", full);
    n = GetTempPathW(MAX_PATH, full);
    ok(n > 0 && full[n - 1] == L'\\', "GetTempPathW ends with a backslash: %ls", full);

    return vt_summary();
}
