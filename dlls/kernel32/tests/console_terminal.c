/* The console on a terminal (console_pty.sh runs this under a pseudo-
 * terminal of 100x30 and types "typed line\n"), and on a pipe and a file:
 * modes with ENABLE_VIRTUAL_TERMINAL_PROCESSING, WriteConsoleW/A in UTF-16
 * and in the output code page, code pages, the screen buffer size,
 * ReadConsoleW. The driver checks the bytes that reach the terminal. */
#include <windows.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

#ifndef ENABLE_VIRTUAL_TERMINAL_PROCESSING
#define ENABLE_VIRTUAL_TERMINAL_PROCESSING 0x4
#endif

static void test_modes(HANDLE out, HANDLE in)
{
    DWORD mode = 0, original;
    ok(GetConsoleMode(out, &mode), "GetConsoleMode(stdout) on a terminal");
    ok(mode & ENABLE_PROCESSED_OUTPUT, "processed output by default: %#lx", mode);
    original = mode;
    ok(SetConsoleMode(out, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING), "enable VT processing");
    ok(GetConsoleMode(out, &mode) && (mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING), "it is on: %#lx", mode);
    SetLastError(0);
    ok(!SetConsoleMode(out, 0x1000) && GetLastError() == ERROR_INVALID_PARAMETER,
       "an unknown output flag: ERROR_INVALID_PARAMETER (%lu)", GetLastError());
    ok(SetConsoleMode(out, original) && GetConsoleMode(out, &mode) && mode == original, "restored");

    ok(GetConsoleMode(in, &mode) && (mode & ENABLE_LINE_INPUT) && (mode & ENABLE_ECHO_INPUT),
       "stdin: line input with echo: %#lx", mode);
    SetLastError(0);
    ok(!SetConsoleMode(in, ENABLE_ECHO_INPUT) && GetLastError() == ERROR_INVALID_PARAMETER,
       "echo without line input is refused");
}

static void test_not_console(void)
{
    HANDLE read_end, write_end, file;
    DWORD mode, written;
    CONSOLE_SCREEN_BUFFER_INFO info;

    ok(CreatePipe(&read_end, &write_end, NULL, 0), "a pipe");
    SetLastError(0);
    ok(!GetConsoleMode(write_end, &mode) && GetLastError() == ERROR_INVALID_HANDLE,
       "GetConsoleMode on a pipe: ERROR_INVALID_HANDLE (%lu)", GetLastError());
    SetLastError(0);
    ok(!SetConsoleMode(read_end, ENABLE_LINE_INPUT) && GetLastError() == ERROR_INVALID_HANDLE,
       "SetConsoleMode on a pipe");
    SetLastError(0);
    ok(!WriteConsoleW(write_end, L"x", 1, &written, NULL) && GetLastError() == ERROR_INVALID_HANDLE,
       "WriteConsoleW on a pipe");
    CloseHandle(read_end);
    CloseHandle(write_end);
    file = CreateFileW(L"console_test.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    SetLastError(0);
    ok(!GetConsoleScreenBufferInfo(file, &info) && GetLastError() == ERROR_INVALID_HANDLE,
       "GetConsoleScreenBufferInfo on a file");
    CloseHandle(file);
    DeleteFileW(L"console_test.txt");
}

static void test_output(HANDLE out)
{
    static const WCHAR wide[] = L"[w:h\x00e9llo \x4e16\xd83d\xde00]\r\n";
    static const char utf8[] = "[a:caf\xc3\xa9]\r\n";
    DWORD written = 0;
    CONSOLE_SCREEN_BUFFER_INFO info;
    CONSOLE_SCREEN_BUFFER_INFOEX ex;

    ok(WriteConsoleW(out, wide, (DWORD)wcslen(wide), &written, NULL), "WriteConsoleW");
    ok(written == (DWORD)wcslen(wide), "counts UTF-16 units: %lu", written);
    ok(GetConsoleOutputCP() == 437 && GetConsoleCP() == 437, "the OEM code page at start: %u %u",
       GetConsoleOutputCP(), GetConsoleCP());
    ok(SetConsoleOutputCP(CP_UTF8) && GetConsoleOutputCP() == CP_UTF8, "SetConsoleOutputCP(65001)");
    ok(WriteConsoleA(out, utf8, (DWORD)strlen(utf8), &written, NULL) && written == strlen(utf8),
       "WriteConsoleA of UTF-8 bytes");
    SetLastError(0);
    ok(!SetConsoleOutputCP(12345) && GetLastError() == ERROR_INVALID_PARAMETER, "a code page that does not exist");
    ok(GetConsoleOutputCP() == CP_UTF8, "leaves it unchanged");
    ok(SetConsoleCP(CP_UTF8) && GetConsoleCP() == CP_UTF8, "SetConsoleCP(65001)");

    ok(GetConsoleScreenBufferInfo(out, &info), "GetConsoleScreenBufferInfo");
    ok(info.dwSize.X == 100 && info.srWindow.Right - info.srWindow.Left + 1 == 100, "100 columns: %d",
       info.dwSize.X);
    ok(info.srWindow.Bottom - info.srWindow.Top + 1 == 30, "30 rows in the window: %d",
       info.srWindow.Bottom - info.srWindow.Top + 1);
    memset(&ex, 0, sizeof(ex));
    ex.cbSize = sizeof(ex);
    ok(GetConsoleScreenBufferInfoEx(out, &ex) && ex.dwSize.X == 100, "GetConsoleScreenBufferInfoEx");
    ex.cbSize = 0;
    ok(!GetConsoleScreenBufferInfoEx(out, &ex), "with cbSize 0 it fails");
}

static void test_input(HANDLE in)
{
    WCHAR line[64];
    DWORD got = 0;
    ok(ReadConsoleW(in, line, 64, &got, NULL), "ReadConsoleW");
    ok(got == 12 && !memcmp(line, L"typed line\r\n", 12 * sizeof(WCHAR)), "the line with \\r\\n: %lu characters", got);
}

int main(void)
{
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE), in = GetStdHandle(STD_INPUT_HANDLE);
    test_modes(out, in);
    test_not_console();
    test_output(out);
    test_input(in);
    return vt_summary();
}
