/* GetFinalPathNameByHandleW/A: every VOLUME_NAME_* form and FILE_NAME_*
 * flag, the buffer-size rules, directories, and a file renamed while open
 * (the name follows the file). The NT form is the drive's device, as
 * QueryDosDeviceW names it, followed by the path within the volume. */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

#include "vinetest.h"

static WCHAR got[MAX_PATH * 2];

static DWORD final_path(HANDLE file, DWORD flags)
{
    got[0] = 0;
    return GetFinalPathNameByHandleW(file, got, MAX_PATH * 2, flags);
}

static int ends_with(const WCHAR *text, const WCHAR *tail)
{
    size_t a = wcslen(text), b = wcslen(tail);
    return a >= b && !wcscmp(text + a - b, tail);
}

/* The full DOS path of `name`, as "\\?\X:\..." */
static void expected_dos(const WCHAR *name, WCHAR *out)
{
    wcscpy(out, L"\\\\?\\");
    GetFullPathNameW(name, MAX_PATH, out + 4, NULL);
}

static void test_forms(void)
{
    WCHAR dos[MAX_PATH + 8], none[MAX_PATH], nt[MAX_PATH * 2], device[MAX_PATH], drive[3] = {0};
    HANDLE file;
    DWORD length, needed, error;

    CreateDirectoryW(L"fpath dir", NULL);
    file = CreateFileW(L"fpath dir\\Mixed Case.TXT", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "create the file");
    CloseHandle(file);
    /* opened by another spelling: the normalized name is the one on disk */
    file = CreateFileW(L"FPATH DIR\\mixed case.txt", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL,
                       OPEN_EXISTING, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "open it spelled differently");

    expected_dos(L"fpath dir\\Mixed Case.TXT", dos);
    length = final_path(file, VOLUME_NAME_DOS | FILE_NAME_NORMALIZED);
    ok(length == wcslen(dos) && !wcscmp(got, dos), "VOLUME_NAME_DOS: %ls (%lu), expected %ls", got, length, dos);
    ok(!_wcsicmp(got, dos), "VOLUME_NAME_DOS ignoring case");
    length = final_path(file, VOLUME_NAME_DOS | FILE_NAME_OPENED);
    ok(length == wcslen(dos) && !_wcsicmp(got, dos), "FILE_NAME_OPENED: %ls", got);

    length = final_path(file, VOLUME_NAME_NONE);
    ok(length == wcslen(dos) - 6 && !wcscmp(got, dos + 6), "VOLUME_NAME_NONE: %ls (%lu)", got, length);
    wcscpy(none, dos + 6);
    ok(none[0] == L'\\', "the path within the volume starts at its root");

    length = final_path(file, VOLUME_NAME_NT);
    wcscpy(nt, got);
    drive[0] = dos[4];
    drive[1] = L':';
    ok(QueryDosDeviceW(drive, device, MAX_PATH) != 0, "QueryDosDeviceW(%ls)", drive);
    ok(length == wcslen(nt) && !wcsncmp(nt, L"\\Device\\", 8), "VOLUME_NAME_NT: %ls", nt);
    ok(!wcsncmp(nt, device, wcslen(device)) && !wcscmp(nt + wcslen(device), none),
       "VOLUME_NAME_NT is the drive's device %ls and the path: %ls", device, nt);
    length = final_path(file, VOLUME_NAME_NT | FILE_NAME_OPENED);
    ok(!_wcsicmp(got, nt), "VOLUME_NAME_NT | FILE_NAME_OPENED: %ls", got);

    /* Windows names the volume by its GUID; Vine has none for its drives. */
    SetLastError(0xdeadbeef);
    length = final_path(file, VOLUME_NAME_GUID);
    error = GetLastError();
    if (length)
        ok(!wcsncmp(got, L"\\\\?\\Volume{", 11) && ends_with(got, none), "VOLUME_NAME_GUID: %ls", got);
    else
        ok_int(error, ERROR_NOT_SUPPORTED);

    /* too small: the size needed, terminator included; nothing written */
    length = wcslen(dos);
    wcscpy(got, L"untouched");
    needed = GetFinalPathNameByHandleW(file, got, length, VOLUME_NAME_DOS);
    ok_int(needed, length + 1);
    ok(!wcscmp(got, L"untouched"), "a short buffer stays as it was");
    ok_int(GetFinalPathNameByHandleW(file, NULL, 0, VOLUME_NAME_DOS), length + 1);
    ok_int(GetFinalPathNameByHandleW(file, got, length + 1, VOLUME_NAME_DOS), length);

    {
        char ansi[MAX_PATH + 8];
        length = GetFinalPathNameByHandleA(file, ansi, sizeof ansi, VOLUME_NAME_NONE);
        ok(length == wcslen(none), "GetFinalPathNameByHandleA: %s (%lu)", ansi, length);
        ok(strstr(ansi, "\\fpath dir\\Mixed Case.TXT") != NULL, "the A form spells it the same: %s", ansi);
    }

    SetLastError(0xdeadbeef);
    ok(!final_path(file, 0x10) && GetLastError() == ERROR_INVALID_PARAMETER, "an unknown flag: %lu", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!final_path(file, VOLUME_NAME_NT | VOLUME_NAME_NONE) && GetLastError() == ERROR_INVALID_PARAMETER,
       "two volume forms: %lu", GetLastError());

    /* renamed while open: the name follows the file (Wine 8 keeps the old one) */
    ok(MoveFileW(L"fpath dir\\Mixed Case.TXT", L"fpath dir\\renamed.txt"), "rename the open file (%lu)",
       GetLastError());
    length = final_path(file, VOLUME_NAME_NONE);
    ok(ends_with(got, L"\\fpath dir\\renamed.txt"), "after the rename: %ls", got);
    CloseHandle(file);
    DeleteFileW(L"fpath dir\\renamed.txt");

    /* a directory, opened as Windows opens one */
    file = CreateFileW(L"fpath dir", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                       OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
    ok(file != INVALID_HANDLE_VALUE, "open the directory");
    expected_dos(L"fpath dir", dos);
    length = final_path(file, VOLUME_NAME_DOS);
    ok(length == wcslen(dos) && !wcscmp(got, dos), "a directory: %ls, expected %ls", got, dos);
    CloseHandle(file);
    ok(RemoveDirectoryW(L"fpath dir"), "RemoveDirectoryW");

    SetLastError(0xdeadbeef);
    ok(!final_path(INVALID_HANDLE_VALUE, VOLUME_NAME_DOS) && GetLastError() == ERROR_INVALID_HANDLE,
       "an invalid handle: %lu", GetLastError());
}

int main(void)
{
    test_forms();
    return vt_summary();
}
