/* Console functions refuse handles that are not consoles: pipes and files. */
#include <windows.h>

#include "vinetest.h"

static void check_not_console(HANDLE handle, const char *what)
{
    DWORD mode = 0xdeadbeef;
    CONSOLE_SCREEN_BUFFER_INFO info;

    SetLastError(0xdeadbeef);
    ok(!GetConsoleMode(handle, &mode), "GetConsoleMode fails on %s", what);
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);
    SetLastError(0xdeadbeef);
    ok(!GetConsoleScreenBufferInfo(handle, &info), "GetConsoleScreenBufferInfo fails on %s", what);
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);
    SetLastError(0xdeadbeef);
    ok(!SetConsoleTextAttribute(handle, FOREGROUND_RED), "SetConsoleTextAttribute fails on %s", what);
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);
}

int main(void)
{
    HANDLE read_end, write_end, file;
    WCHAR dir[MAX_PATH], path[MAX_PATH];

    ok(CreatePipe(&read_end, &write_end, NULL, 0), "a pipe");
    check_not_console(read_end, "a pipe's read end");
    check_not_console(write_end, "a pipe's write end");
    CloseHandle(read_end);
    CloseHandle(write_end);

    GetTempPathW(MAX_PATH, dir);
    GetTempFileNameW(dir, L"con", 0, path);
    file = CreateFileW(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "a file");
    check_not_console(file, "a disk file");
    CloseHandle(file);
    DeleteFileW(path);
    return vt_summary();
}
