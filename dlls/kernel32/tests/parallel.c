/* Parallel ports: LPTn opens what the prefix's dosdevices/lptN names, as
 * COMn does. The driver (parallel_port.py) links LPT1 to a pseudo-terminal
 * whose master answers "PRINT <text>" with "ack <text>", LPT2 to a regular
 * file it checks afterwards (both stand in for a printer), and no LPT3:
 * that one is ERROR_FILE_NOT_FOUND, as Windows reports a missing port. */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <winioctl.h>
#include <ntddpar.h>
#include "vinetest.h"

static void test_missing_port(void)
{
    HANDLE h = CreateFileW(L"LPT3", GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND, "LPT3: %p error %lu", h, GetLastError());
    h = CreateFileW(L"\\\\.\\LPT3", GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND, "\\\\.\\LPT3: %p error %lu", h,
       GetLastError());
}

/* Bytes written reach the device, and what it answers is read. */
static void test_write_and_read(void)
{
    static const char line[] = "PRINT hello\n";
    char answer[32];
    DWORD done = 0, got = 0, n;
    DCB dcb;
    HANDLE h = CreateFileW(L"LPT1", GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE, "open LPT1: %lu", GetLastError());
    if (h == INVALID_HANDLE_VALUE) return;
    ok(GetFileType(h) == FILE_TYPE_CHAR, "GetFileType: %lu", GetFileType(h));
    ok(WriteFile(h, line, sizeof line - 1, &done, NULL) && done == sizeof line - 1, "write: %lu bytes, error %lu",
       done, GetLastError());
    memset(answer, 0, sizeof answer);
    while (got < 10 && ReadFile(h, answer + got, 10 - got, &n, NULL) && n) got += n;
    ok(got == 10 && !memcmp(answer, "ack hello\n", 10), "answer: %lu bytes \"%s\"", got, answer);
    /* A parallel port is no serial port, even on a terminal. */
    memset(&dcb, 0, sizeof dcb);
    dcb.DCBlength = sizeof dcb;
    SetLastError(0);
    ok(!GetCommState(h, &dcb), "GetCommState of LPT1 fails");
    CloseHandle(h);
}

/* IOCTL_PAR_QUERY_INFORMATION wants room for its status byte. */
static void test_controls(void)
{
    PAR_QUERY_INFORMATION info;
    DWORD returned = 99;
    HANDLE h = CreateFileW(L"\\\\.\\LPT1", GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE, "open \\\\.\\LPT1: %lu", GetLastError());
    if (h == INVALID_HANDLE_VALUE) return;
    SetLastError(0);
    ok(!DeviceIoControl(h, IOCTL_PAR_QUERY_INFORMATION, NULL, 0, NULL, 0, &returned, NULL) &&
           GetLastError() == ERROR_INSUFFICIENT_BUFFER,
       "no room for the status: error %lu", GetLastError());
    (void)info;
    CloseHandle(h);
}

/* Writes through \\.\LPT2 reach the file behind it, in order. */
static void test_write_through(void)
{
    DWORD done = 0;
    HANDLE h = CreateFileW(L"\\\\.\\LPT2", GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE, "open \\\\.\\LPT2: %lu", GetLastError());
    if (h == INVALID_HANDLE_VALUE) return;
    ok(WriteFile(h, "page one\r\n", 10, &done, NULL) && done == 10, "first page: %lu", GetLastError());
    ok(WriteFile(h, "page two\r\n", 10, &done, NULL) && done == 10, "second page: %lu", GetLastError());
    ok(FlushFileBuffers(h), "FlushFileBuffers: %lu", GetLastError());
    CloseHandle(h);
}

int main(void)
{
    test_missing_port();
    test_write_and_read();
    test_controls();
    test_write_through();
    return vt_summary();
}
