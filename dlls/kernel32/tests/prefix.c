/* The prefix as a program sees it: drive C: holds a Windows tree, with a
 * file in system32 for each system DLL, and files written there land on
 * the drive. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

static BOOL is_directory(const WCHAR *path)
{
    DWORD attributes = GetFileAttributesW(path);
    return attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY);
}

static BOOL is_file(const WCHAR *path)
{
    DWORD attributes = GetFileAttributesW(path);
    return attributes != INVALID_FILE_ATTRIBUTES && !(attributes & FILE_ATTRIBUTE_DIRECTORY);
}

int main(void)
{
    static const WCHAR *directories[] = {
        L"C:\\", L"C:\\windows", L"C:\\windows\\system32", L"C:\\windows\\temp", L"C:\\Program Files",
        L"C:\\Program Files (x86)", L"C:\\ProgramData", L"C:\\users", L"C:\\users\\Public",
        L"c:\\WINDOWS\\System32", L"C:/windows/system32",
    };
    WCHAR system[MAX_PATH], path[MAX_PATH];
    char data[16] = {0};
    DWORD count = 0;
    HANDLE file;
    int i;

    for (i = 0; i < (int)(sizeof(directories) / sizeof(directories[0])); i++)
        ok(is_directory(directories[i]), "%ls is a directory", directories[i]);
    ok(is_file(L"C:\\windows\\system32\\kernel32.dll"), "system32 has kernel32.dll");
    ok(is_file(L"C:\\windows\\system32\\ntdll.dll"), "system32 has ntdll.dll");
    ok(is_file(L"C:\\Windows\\System32\\KERNEL32.DLL"), "found ignoring case");
    ok(!is_file(L"C:\\windows\\system32\\no-such.dll"), "but not a DLL that does not exist");
    ok(GetLastError() == ERROR_FILE_NOT_FOUND, "missing file: ERROR_FILE_NOT_FOUND (got %lu)", GetLastError());

    GetSystemDirectoryW(system, MAX_PATH);
    wcscpy(path, system);
    wcscat(path, L"\\kernel32.dll");
    ok(is_file(path), "GetSystemDirectory's directory holds kernel32.dll (%ls)", path);

    /* A file written on C: is there to read back. */
    file = CreateFileW(L"C:\\windows\\temp\\prefix-test.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "create a file in C:\\windows\\temp (error %lu)", GetLastError());
    ok(WriteFile(file, "drive c", 7, &count, NULL) && count == 7, "write it");
    CloseHandle(file);
    file = CreateFileW(L"C:\\windows\\temp\\prefix-test.txt", GENERIC_READ, 0, NULL, OPEN_EXISTING,
                       FILE_FLAG_DELETE_ON_CLOSE, NULL);
    ok(file != INVALID_HANDLE_VALUE, "open it again");
    ok(ReadFile(file, data, sizeof(data), &count, NULL) && count == 7 && !memcmp(data, "drive c", 7),
       "read back what was written");
    CloseHandle(file);
    DeleteFileW(L"C:\\windows\\temp\\prefix-test.txt");

    ok(GetFileAttributesW(L"Q:\\") == INVALID_FILE_ATTRIBUTES, "a drive the prefix does not have is absent");
    return vt_summary();
}
