/* FindFirstStreamW / FindNextStreamW / FindClose: the data streams of a
 * file. A file without alternate streams has one, "::$DATA", as large as
 * the file; a directory has none (ERROR_HANDLE_EOF); the handle runs out
 * with ERROR_HANDLE_EOF; a missing file, an unknown level and flags fail. */
#include <windows.h>
#include "vinetest.h"

int main(void)
{
    WCHAR dir[MAX_PATH], file[MAX_PATH], missing[MAX_PATH];
    WIN32_FIND_STREAM_DATA data;
    HANDLE handle, out;
    DWORD written;

    GetTempPathW(MAX_PATH, dir);
    lstrcatW(dir, L"vine_find_stream");
    CreateDirectoryW(dir, NULL);
    lstrcpyW(file, dir);
    lstrcatW(file, L"\\five bytes.txt");
    lstrcpyW(missing, dir);
    lstrcatW(missing, L"\\missing.txt");
    out = CreateFileW(file, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    WriteFile(out, "12345", 5, &written, NULL);
    CloseHandle(out);

    memset(&data, 0xcc, sizeof data);
    handle = FindFirstStreamW(file, FindStreamInfoStandard, &data, 0);
    ok(handle != INVALID_HANDLE_VALUE, "FindFirstStreamW of a file (%lu)", GetLastError());
    ok(!lstrcmpW(data.cStreamName, L"::$DATA"), "its unnamed data stream");
    ok(data.StreamSize.QuadPart == 5, "as large as the file (%lld)", data.StreamSize.QuadPart);
    SetLastError(0);
    ok(!FindNextStreamW(handle, &data), "no other stream");
    ok_int(GetLastError(), ERROR_HANDLE_EOF);
    ok(FindClose(handle), "FindClose closes a stream search");

    SetLastError(0);
    handle = FindFirstStreamW(dir, FindStreamInfoStandard, &data, 0);
    ok(handle == INVALID_HANDLE_VALUE, "a directory has no data stream");
    ok_int(GetLastError(), ERROR_HANDLE_EOF);

    SetLastError(0);
    ok(FindFirstStreamW(missing, FindStreamInfoStandard, &data, 0) == INVALID_HANDLE_VALUE, "a missing file");
    ok_int(GetLastError(), ERROR_FILE_NOT_FOUND);
    SetLastError(0);
    ok(FindFirstStreamW(file, FindStreamInfoMaxInfoLevel, &data, 0) == INVALID_HANDLE_VALUE, "an unknown level");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);
    ok(FindFirstStreamW(file, FindStreamInfoStandard, &data, 1) == INVALID_HANDLE_VALUE, "flags other than 0");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);

    ok(DeleteFileW(file), "DeleteFileW");
    ok(RemoveDirectoryW(dir), "RemoveDirectoryW");
    return vt_summary();
}
