/* The current directory lives in the process parameters as Windows keeps
 * it: a DOS path and an open handle to the directory (CURDIR at offset 0x38
 * of RTL_USER_PROCESS_PARAMETERS), set through ntdll's
 * RtlSetCurrentDirectory_U and read through RtlGetCurrentDirectory_U, which
 * SetCurrentDirectoryW and GetCurrentDirectoryW wrap. */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include <winternl.h>

#include "vinetest.h"

typedef NTSTATUS(WINAPI *set_fn)(UNICODE_STRING *);
typedef ULONG(WINAPI *get_fn)(ULONG, WCHAR *);

static UNICODE_STRING *dos_path(void)
{
    BYTE *params = (BYTE *)NtCurrentTeb()->ProcessEnvironmentBlock->ProcessParameters;
    return (UNICODE_STRING *)(params + 0x38);
}

static HANDLE directory_handle(void)
{
    BYTE *params = (BYTE *)NtCurrentTeb()->ProcessEnvironmentBlock->ProcessParameters;
    return *(HANDLE *)(params + 0x48);
}

static void init_string(UNICODE_STRING *s, const WCHAR *text)
{
    s->Length = s->MaximumLength = (USHORT)(wcslen(text) * sizeof(WCHAR));
    s->Buffer = (WCHAR *)text;
}

/* The handle names a directory whose final path ends in `tail`. */
static void check_handle(const WCHAR *tail, const char *what)
{
    WCHAR path[MAX_PATH] = {0};
    HANDLE handle = directory_handle();
    size_t n, t = wcslen(tail);
    ok(handle != NULL, "%s: the current directory has a handle", what);
    if (!handle) return;
    /* (opened for FILE_TRAVERSE only: its attributes may not be read) */
    ok(GetFileType(handle) == FILE_TYPE_DISK, "%s: the handle is a file system object's", what);
    n = GetFinalPathNameByHandleW(handle, path, MAX_PATH, 0);
    ok(n > t && !_wcsicmp(path + n - t, tail), "%s: the handle's directory is %ls, expected ...%ls", what, path, tail);
}

int main(void)
{
    HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    set_fn set = (set_fn)GetProcAddress(ntdll, "RtlSetCurrentDirectory_U");
    get_fn get = (get_fn)GetProcAddress(ntdll, "RtlGetCurrentDirectory_U");
    WCHAR start[MAX_PATH], dir[MAX_PATH], buffer[MAX_PATH], last[MAX_PATH];
    UNICODE_STRING name;
    ULONG bytes;
    DWORD n;
    const WCHAR *slash;

    ok(set != NULL && get != NULL, "ntdll exports RtlSetCurrentDirectory_U and RtlGetCurrentDirectory_U");
    if (!set || !get) return vt_summary();
    n = GetCurrentDirectoryW(MAX_PATH, start);
    ok(n > 2 && n == wcslen(start), "GetCurrentDirectoryW: %ls", start);
    ok(dos_path()->Length == (n + 1) * sizeof(WCHAR) && dos_path()->Buffer[n] == L'\\',
       "the PEB's path is the directory with a backslash");
    slash = wcsrchr(start, L'\\');
    wcscpy(last, slash && slash[1] ? slash : L"\\");
    /* the directory the process started in has its handle too */
    check_handle(last, "at start");

    ok(CreateDirectoryW(L"curdir sub", NULL), "CreateDirectoryW (%lu)", GetLastError());
    ok(SetCurrentDirectoryW(L"curdir sub"), "SetCurrentDirectoryW (%lu)", GetLastError());
    check_handle(L"\\curdir sub", "after SetCurrentDirectoryW");
    GetCurrentDirectoryW(MAX_PATH, dir);
    ok(wcslen(dir) == n + 11 && !_wcsicmp(dir + n, L"\\curdir sub"), "now in %ls", dir);

    /* ntdll's forms: a UNICODE_STRING in, bytes out */
    init_string(&name, L"..");
    ok(set(&name) == 0, "RtlSetCurrentDirectory_U(..)");
    check_handle(last, "after RtlSetCurrentDirectory_U");
    bytes = get(sizeof buffer, buffer);
    ok(bytes == n * sizeof(WCHAR) && !wcscmp(buffer, start), "RtlGetCurrentDirectory_U: %lu bytes, %ls", bytes,
       buffer);
    bytes = get(4, buffer);
    ok(bytes == (n + 1) * sizeof(WCHAR), "RtlGetCurrentDirectory_U, small buffer: %lu bytes needed", bytes);
    init_string(&name, L"curdir missing");
    ok(set(&name) == (NTSTATUS)0xc0000034, "RtlSetCurrentDirectory_U of a missing directory: STATUS_OBJECT_NAME_NOT_FOUND");
    ok(CloseHandle(CreateFileW(L"curdir file", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL)), "a file");
    init_string(&name, L"curdir file");
    ok(set(&name) == (NTSTATUS)0xc0000103, "RtlSetCurrentDirectory_U of a file: STATUS_NOT_A_DIRECTORY");
    SetLastError(0xdeadbeef);
    ok(!SetCurrentDirectoryW(L"curdir file") && GetLastError() == ERROR_DIRECTORY,
       "SetCurrentDirectoryW of a file: ERROR_DIRECTORY (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!SetCurrentDirectoryW(L"") && GetLastError() == ERROR_INVALID_NAME,
       "SetCurrentDirectoryW(\"\"): ERROR_INVALID_NAME (%lu)", GetLastError());
    GetCurrentDirectoryW(MAX_PATH, dir);
    ok(!wcscmp(dir, start), "failed changes leave it: %ls", dir);
    check_handle(last, "after failed changes");
    ok(DeleteFileW(L"curdir file"), "DeleteFileW");
    ok(RemoveDirectoryW(L"curdir sub"), "the directory left is removed (%lu)", GetLastError());
    return vt_summary();
}
