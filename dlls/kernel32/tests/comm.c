/* Serial ports: COM1 is the pseudo-terminal slave that comm_pty.py links
 * as the prefix's dosdevices/com1 and whose master it holds. The DCB
 * round-trips through SetCommState/GetCommState (and the driver checks the
 * tty's termios with stty), bytes written reach the master and bytes the
 * master writes are read, COMMTIMEOUTS shape the reads, WaitCommEvent
 * reports EV_RXCHAR, PurgeComm empties the input queue, and a COMn with no
 * dosdevices link is ERROR_FILE_NOT_FOUND; CancelSynchronousIo ends a
 * blocked synchronous ReadFile or WaitCommEvent. The driver answers lines the
 * program writes: "STATE" (check stty, answer "stty-ok" or "stty-bad"),
 * "BURST" (send "abc"), "FILL" (send "junk"), "BYE". */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <winioctl.h>
#include "vinetest.h"

static HANDLE port;

static void set_timeouts(DWORD interval, DWORD multiplier, DWORD constant)
{
    COMMTIMEOUTS t = {interval, multiplier, constant, 0, 5000};
    ok(SetCommTimeouts(port, &t), "SetCommTimeouts(%lu,%lu,%lu): %lu", interval, multiplier, constant, GetLastError());
}

static void send_line(const char *line)
{
    DWORD put = 0;
    BOOL written = WriteFile(port, line, (DWORD)strlen(line), &put, NULL);
    ok(written && put == strlen(line), "write %lu bytes: %d, %lu written", (DWORD)strlen(line), written, put);
}

/* A line from the master, up to 5 s: the first bytes as they come. */
static void read_line(char *line, size_t size)
{
    size_t n = 0;
    DWORD start = GetTickCount();
    set_timeouts(MAXDWORD, MAXDWORD, 1000);
    while (n + 1 < size && GetTickCount() - start < 5000) {
        DWORD got = 0;
        if (!ReadFile(port, line + n, 1, &got, NULL)) break;
        if (got && line[n] == '\n') break;
        n += got;
    }
    line[n] = 0;
}

static void test_missing_port(void)
{
    HANDLE h = CreateFileW(L"COM9", GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND, "COM9: %p error %lu", h, GetLastError());
    h = CreateFileW(L"\\\\.\\COM9", GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND, "\\\\.\\COM9: %p error %lu", h,
       GetLastError());
}

static void test_state(void)
{
    DCB dcb, back;
    char line[64];
    memset(&dcb, 0, sizeof dcb);
    dcb.DCBlength = sizeof dcb;
    ok(GetCommState(port, &dcb), "GetCommState: %lu", GetLastError());
    ok(dcb.fBinary, "fBinary is set");
    dcb.BaudRate = 19200;
    /* Linux's pseudo-terminals keep 8 data bits and no parity whatever is
     * set (pty_set_termios): those are tested with BuildCommDCB only. */
    dcb.ByteSize = 8;
    dcb.Parity = NOPARITY;
    dcb.StopBits = TWOSTOPBITS;
    dcb.fOutxCtsFlow = TRUE;
    dcb.fRtsControl = RTS_CONTROL_HANDSHAKE;
    dcb.fOutX = dcb.fInX = FALSE;
    dcb.XonChar = 0x11;
    dcb.XoffChar = 0x13;
    dcb.EvtChar = '!';
    ok(SetCommState(port, &dcb), "SetCommState: %lu", GetLastError());
    memset(&back, 0, sizeof back);
    ok(GetCommState(port, &back), "GetCommState again: %lu", GetLastError());
    ok_int(back.BaudRate, 19200);
    ok_int(back.ByteSize, 8);
    ok_int(back.Parity, NOPARITY);
    ok_int(back.StopBits, TWOSTOPBITS);
    ok_int(back.fOutxCtsFlow, 1);
    ok_int(back.fRtsControl, RTS_CONTROL_HANDSHAKE);
    ok_int(back.fOutX, 0);
    ok_int(back.EvtChar, '!');
    ok_int(back.XonChar, 0x11);
    /* The tty itself changed: the driver looks with stty. */
    send_line("STATE\n");
    read_line(line, sizeof line);
    ok(!strcmp(line, "stty-ok"), "termios after SetCommState: \"%s\"", line);

    /* Back to 9600 8N1 without flow control for the rest. */
    dcb.BaudRate = 9600;
    dcb.ByteSize = 8;
    dcb.Parity = NOPARITY;
    dcb.StopBits = ONESTOPBIT;
    dcb.fOutxCtsFlow = FALSE;
    dcb.fRtsControl = RTS_CONTROL_ENABLE;
    ok(SetCommState(port, &dcb), "SetCommState 9600 8N1: %lu", GetLastError());
    ok(GetCommState(port, &back) && back.BaudRate == 9600 && back.ByteSize == 8 && back.Parity == NOPARITY &&
           back.StopBits == ONESTOPBIT && !back.fOutxCtsFlow,
       "9600 8N1 read back: %lu %u %u %u", back.BaudRate, back.ByteSize, back.Parity, back.StopBits);
    dcb.ByteSize = 9;
    SetLastError(0);
    ok(!SetCommState(port, &dcb) && GetLastError() == ERROR_INVALID_PARAMETER, "nine data bits: error %lu",
       GetLastError());
}

static void test_timeouts(void)
{
    COMMTIMEOUTS t = {MAXDWORD, 0, 0, 7, 1234}, back;
    char buffer[16];
    DWORD got, start, elapsed;
    ok(SetCommTimeouts(port, &t), "SetCommTimeouts: %lu", GetLastError());
    memset(&back, 0xcc, sizeof back);
    ok(GetCommTimeouts(port, &back), "GetCommTimeouts: %lu", GetLastError());
    ok(!memcmp(&t, &back, sizeof t), "timeouts read back: %lu %lu %lu %lu %lu", back.ReadIntervalTimeout,
       back.ReadTotalTimeoutMultiplier, back.ReadTotalTimeoutConstant, back.WriteTotalTimeoutMultiplier,
       back.WriteTotalTimeoutConstant);

    /* MAXDWORD interval, no total: what is there, at once (nothing). */
    start = GetTickCount();
    got = 99;
    ok(ReadFile(port, buffer, sizeof buffer, &got, NULL), "read at once: %lu", GetLastError());
    elapsed = GetTickCount() - start;
    ok_int(got, 0);
    ok(elapsed < 200, "read at once took %lu ms", elapsed);

    /* A total timeout with nothing coming: success, no bytes, after it. */
    set_timeouts(0, 0, 300);
    start = GetTickCount();
    got = 99;
    ok(ReadFile(port, buffer, sizeof buffer, &got, NULL), "read with total timeout: %lu", GetLastError());
    elapsed = GetTickCount() - start;
    ok_int(got, 0);
    ok(elapsed >= 250 && elapsed < 2000, "total timeout of 300 ms took %lu ms", elapsed);

    /* The interval timeout ends a read once the bytes stop coming. */
    set_timeouts(MAXDWORD, 0, 0);
    send_line("BURST\n");
    set_timeouts(200, 0, 5000);
    start = GetTickCount();
    got = 0;
    ok(ReadFile(port, buffer, sizeof buffer, &got, NULL), "read with interval timeout: %lu", GetLastError());
    elapsed = GetTickCount() - start;
    ok(got == 3 && !memcmp(buffer, "abc", 3), "interval read got %lu bytes", got);
    ok(elapsed < 3000, "interval read took %lu ms (total limit 5000)", elapsed);
}

static void test_events_and_purge(void)
{
    DWORD mask = 0, events = 0, errors = 99, got = 99;
    COMSTAT stat;
    char buffer[16];
    ok(SetCommMask(port, EV_RXCHAR), "SetCommMask: %lu", GetLastError());
    ok(GetCommMask(port, &mask) && mask == EV_RXCHAR, "GetCommMask: %lx", mask);
    send_line("FILL\n");
    ok(WaitCommEvent(port, &events, NULL), "WaitCommEvent: %lu", GetLastError());
    ok_int(events, EV_RXCHAR);
    Sleep(300);
    memset(&stat, 0xcc, sizeof stat);
    ok(ClearCommError(port, &errors, &stat), "ClearCommError: %lu", GetLastError());
    ok_int(errors, 0);
    ok_int(stat.cbInQue, 4);
    ok(PurgeComm(port, PURGE_RXCLEAR | PURGE_TXCLEAR), "PurgeComm: %lu", GetLastError());
    ok(ClearCommError(port, &errors, &stat) && stat.cbInQue == 0, "input queue after PurgeComm: %lu", stat.cbInQue);
    set_timeouts(MAXDWORD, 0, 0);
    ok(ReadFile(port, buffer, sizeof buffer, &got, NULL) && got == 0, "read after PurgeComm: %lu bytes", got);
    ok(SetCommMask(port, 0), "SetCommMask(0): %lu", GetLastError());
}

static void test_misc(void)
{
    COMMPROP props;
    DWORD status = 0xdeadbeef;
    memset(&props, 0, sizeof props);
    ok(GetCommProperties(port, &props), "GetCommProperties: %lu", GetLastError());
    ok_int(props.dwServiceMask, SP_SERIALCOMM);
    ok(props.dwSettableBaud & BAUD_9600, "9600 baud settable: %lx", props.dwSettableBaud);
    ok(GetCommModemStatus(port, &status), "GetCommModemStatus: %lu", GetLastError());
    ok(!(status & ~(DWORD)(MS_CTS_ON | MS_DSR_ON | MS_RING_ON | MS_RLSD_ON)), "modem status bits %lx", status);
    ok(SetupComm(port, 1024, 1024), "SetupComm: %lu", GetLastError());
    ok(EscapeCommFunction(port, SETBREAK), "SETBREAK: %lu", GetLastError());
    ok(EscapeCommFunction(port, CLRBREAK), "CLRBREAK: %lu", GetLastError());
    SetLastError(0);
    ok(!EscapeCommFunction(port, 77) && GetLastError() == ERROR_INVALID_PARAMETER, "function 77: error %lu",
       GetLastError());
    ok(GetFileType(port) == FILE_TYPE_CHAR, "GetFileType: %lu", GetFileType(port));
}

static void test_build_dcb(void)
{
    DCB dcb;
    COMMTIMEOUTS t;
    memset(&dcb, 0, sizeof dcb);
    dcb.DCBlength = sizeof dcb;
    ok(BuildCommDCBW(L"baud=1200 parity=N data=8 stop=1", &dcb), "BuildCommDCBW: %lu", GetLastError());
    ok(dcb.BaudRate == 1200 && dcb.Parity == NOPARITY && dcb.ByteSize == 8 && dcb.StopBits == ONESTOPBIT,
       "new form: %lu %u %u %u", dcb.BaudRate, dcb.Parity, dcb.ByteSize, dcb.StopBits);
    ok(BuildCommDCBA("COM1:96,e,7,2", &dcb), "BuildCommDCBA: %lu", GetLastError());
    ok(dcb.BaudRate == 9600 && dcb.Parity == EVENPARITY && dcb.ByteSize == 7 && dcb.StopBits == TWOSTOPBITS,
       "old form: %lu %u %u %u", dcb.BaudRate, dcb.Parity, dcb.ByteSize, dcb.StopBits);
    ok(BuildCommDCBA("19200,n,8,1,x", &dcb) && dcb.BaudRate == 19200 && dcb.fOutX && dcb.fInX,
       "old form with xon/xoff: %lu %u", dcb.BaudRate, dcb.fOutX);
    memset(&t, 0xcc, sizeof t);
    ok(BuildCommDCBAndTimeoutsW(L"baud=4800 to=on", &dcb, &t) && dcb.BaudRate == 4800,
       "BuildCommDCBAndTimeoutsW: %lu", GetLastError());
    ok(t.WriteTotalTimeoutConstant != 0 && t.ReadIntervalTimeout == 0, "to=on timeouts: %lu %lu",
       t.WriteTotalTimeoutConstant, t.ReadIntervalTimeout);
    SetLastError(0);
    ok(!BuildCommDCBW(L"baud=fast", &dcb) && GetLastError() == ERROR_INVALID_PARAMETER, "bad definition: %lu",
       GetLastError());
}

/* ntddser.h's, which mingw-w64's header gives only with the DDK's types. */
#define IOCTL_SERIAL_GET_BAUD_RATE CTL_CODE(FILE_DEVICE_SERIAL_PORT, 20, METHOD_BUFFERED, FILE_ANY_ACCESS)
typedef struct { ULONG BaudRate; } SERIAL_BAUD_RATE;

/* DeviceIoControl reaches the serial controls; a disk file has none. */
static void test_device_io_control(void)
{
    SERIAL_BAUD_RATE baud = {0};
    DCB dcb;
    DWORD returned = 0;
    HANDLE file;
    ok(DeviceIoControl(port, IOCTL_SERIAL_GET_BAUD_RATE, NULL, 0, &baud, sizeof baud, &returned, NULL),
       "IOCTL_SERIAL_GET_BAUD_RATE: %lu", GetLastError());
    ok(baud.BaudRate == 9600 && returned == sizeof baud, "baud rate %lu, %lu bytes", baud.BaudRate, returned);
    SetLastError(0);
    ok(!DeviceIoControl(port, IOCTL_SERIAL_GET_BAUD_RATE, NULL, 0, &baud, 2, &returned, NULL) &&
           GetLastError() == ERROR_INSUFFICIENT_BUFFER,
       "short output buffer: error %lu", GetLastError());
    file = CreateFileA("comm_plain.txt", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                       FILE_FLAG_DELETE_ON_CLOSE, NULL);
    ok(file != INVALID_HANDLE_VALUE, "create a plain file: %lu", GetLastError());
    SetLastError(0);
    ok(!DeviceIoControl(file, IOCTL_SERIAL_GET_BAUD_RATE, NULL, 0, &baud, sizeof baud, &returned, NULL) &&
           GetLastError() == ERROR_INVALID_FUNCTION,
       "a serial control on a file: error %lu", GetLastError());
    ok(!GetCommState(file, &dcb), "GetCommState of a file fails");
    CloseHandle(file);
}

/* On a handle opened with FILE_FLAG_OVERLAPPED, WaitCommEvent pends
 * (ERROR_IO_PENDING) and ends through the OVERLAPPED's event. */
static void test_overlapped_wait(void)
{
    OVERLAPPED wait = {0}, write = {0};
    DWORD events = 0, done = 0;
    BOOL waited;
    HANDLE h = CreateFileW(L"\\\\.\\COM1", GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING,
                           FILE_FLAG_OVERLAPPED, NULL);
    ok(h != INVALID_HANDLE_VALUE, "open COM1 overlapped: %lu", GetLastError());
    if (h == INVALID_HANDLE_VALUE) return;
    wait.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    write.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    ok(PurgeComm(h, PURGE_RXCLEAR), "PurgeComm: %lu", GetLastError());
    ok(SetCommMask(h, EV_RXCHAR), "SetCommMask: %lu", GetLastError());
    waited = WaitCommEvent(h, &events, &wait);
    ok(!waited && GetLastError() == ERROR_IO_PENDING, "WaitCommEvent with nothing there: %d error %lu", waited,
       GetLastError());
    ok(WaitForSingleObject(wait.hEvent, 200) == WAIT_TIMEOUT, "the wait is still pending");
    if (!WriteFile(h, "FILL\n", 5, &done, &write)) ok(GetLastError() == ERROR_IO_PENDING, "write: %lu", GetLastError());
    ok(GetOverlappedResult(h, &write, &done, TRUE) && done == 5, "overlapped write: %lu bytes", done);
    ok(WaitForSingleObject(wait.hEvent, 5000) == WAIT_OBJECT_0, "the wait ended");
    ok(GetOverlappedResult(h, &wait, &done, FALSE), "GetOverlappedResult of the wait: %lu", GetLastError());
    ok_int(events, EV_RXCHAR);
    /* A new mask ends a pending wait with no events. */
    Sleep(300);
    ok(PurgeComm(h, PURGE_RXCLEAR), "PurgeComm: %lu", GetLastError());
    ResetEvent(wait.hEvent);
    events = 0xdead;
    waited = WaitCommEvent(h, &events, &wait);
    ok(!waited && GetLastError() == ERROR_IO_PENDING, "second WaitCommEvent: %d error %lu", waited, GetLastError());
    ok(SetCommMask(h, EV_RXCHAR | EV_TXEMPTY), "SetCommMask again: %lu", GetLastError());
    ok(WaitForSingleObject(wait.hEvent, 5000) == WAIT_OBJECT_0, "the wait ended with the new mask");
    ok(GetOverlappedResult(h, &wait, &done, FALSE), "GetOverlappedResult: %lu", GetLastError());
    ok_int(events, 0);
    CloseHandle(wait.hEvent);
    CloseHandle(write.hEvent);
    CloseHandle(h);
}

/* CancelIo and CancelIoEx end a pending overlapped WaitCommEvent and
 * ReadFile with ERROR_OPERATION_ABORTED; an overlapped ReadFile pends and
 * then completes as its COMMTIMEOUTS say, instead of blocking the caller. */
static void test_overlapped_cancel_and_timeouts(void)
{
    OVERLAPPED wait = {0}, read = {0};
    COMMTIMEOUTS t = {0};
    DWORD events = 0, done = 0, start, elapsed;
    char buffer[16];
    BOOL result;
    HANDLE h = CreateFileW(L"\\\\.\\COM1", GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING,
                           FILE_FLAG_OVERLAPPED, NULL);
    ok(h != INVALID_HANDLE_VALUE, "open COM1 overlapped: %lu", GetLastError());
    if (h == INVALID_HANDLE_VALUE) return;
    wait.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    read.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    ok(PurgeComm(h, PURGE_RXCLEAR), "PurgeComm: %lu", GetLastError());

    /* CancelIo by the thread that started the wait. */
    ok(SetCommMask(h, EV_RXCHAR | EV_CTS), "SetCommMask: %lu", GetLastError());
    result = WaitCommEvent(h, &events, &wait);
    ok(!result && GetLastError() == ERROR_IO_PENDING, "WaitCommEvent: %d error %lu", result, GetLastError());
    ok(WaitForSingleObject(wait.hEvent, 100) == WAIT_TIMEOUT, "the wait pends");
    ok(CancelIo(h), "CancelIo: %lu", GetLastError());
    ok(WaitForSingleObject(wait.hEvent, 2000) == WAIT_OBJECT_0, "CancelIo ended the wait");
    SetLastError(0);
    result = GetOverlappedResult(h, &wait, &done, FALSE);
    ok(!result && GetLastError() == ERROR_OPERATION_ABORTED, "cancelled wait: %d error %lu", result,
       GetLastError());

    /* CancelIoEx of that one OVERLAPPED; another is not found. */
    ResetEvent(wait.hEvent);
    result = WaitCommEvent(h, &events, &wait);
    ok(!result && GetLastError() == ERROR_IO_PENDING, "WaitCommEvent again: %d error %lu", result, GetLastError());
    SetLastError(0);
    ok(!CancelIoEx(h, &read) && GetLastError() == ERROR_NOT_FOUND, "CancelIoEx of no request: %lu",
       GetLastError());
    ok(CancelIoEx(h, &wait), "CancelIoEx: %lu", GetLastError());
    SetLastError(0);
    result = GetOverlappedResult(h, &wait, &done, TRUE);
    ok(!result && GetLastError() == ERROR_OPERATION_ABORTED, "CancelIoEx'd wait: %d error %lu", result,
       GetLastError());
    ok(SetCommMask(h, 0), "SetCommMask(0): %lu", GetLastError());

    /* A total timeout: the call returns at once, the read ends after it with no bytes. */
    t.ReadTotalTimeoutConstant = 300;
    ok(SetCommTimeouts(h, &t), "SetCommTimeouts: %lu", GetLastError());
    start = GetTickCount();
    result = ReadFile(h, buffer, sizeof buffer, NULL, &read);
    elapsed = GetTickCount() - start;
    ok(!result && GetLastError() == ERROR_IO_PENDING, "overlapped read with a timeout: %d error %lu", result,
       GetLastError());
    ok(elapsed < 150, "the overlapped read returned after %lu ms", elapsed);
    ok(WaitForSingleObject(read.hEvent, 100) == WAIT_TIMEOUT, "the read pends before its timeout");
    done = 99;
    ok(GetOverlappedResult(h, &read, &done, TRUE), "timed-out read: %lu", GetLastError());
    elapsed = GetTickCount() - start;
    ok_int(done, 0);
    ok(elapsed >= 250 && elapsed < 2000, "a 300 ms total timeout ended after %lu ms", elapsed);

    /* The first bytes to come end a MAXDWORD/MAXDWORD/constant read. */
    t.ReadIntervalTimeout = MAXDWORD;
    t.ReadTotalTimeoutMultiplier = MAXDWORD;
    t.ReadTotalTimeoutConstant = 5000;
    ok(SetCommTimeouts(h, &t), "SetCommTimeouts: %lu", GetLastError());
    ResetEvent(read.hEvent);
    memset(buffer, 0, sizeof buffer);
    result = ReadFile(h, buffer, sizeof buffer, NULL, &read);
    ok(!result && GetLastError() == ERROR_IO_PENDING, "overlapped read of the first bytes: %d error %lu", result,
       GetLastError());
    {
        OVERLAPPED write = {0};
        write.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
        if (!WriteFile(h, "BURST\n", 6, &done, &write))
            ok(GetLastError() == ERROR_IO_PENDING, "write: %lu", GetLastError());
        ok(GetOverlappedResult(h, &write, &done, TRUE) && done == 6, "overlapped write: %lu bytes", done);
        CloseHandle(write.hEvent);
    }
    ok(GetOverlappedResult(h, &read, &done, TRUE), "read of the first bytes: %lu", GetLastError());
    ok(done >= 1 && done <= 3 && !memcmp(buffer, "abc", done), "first bytes: %lu \"%s\"", done, buffer);
    Sleep(300);
    ok(PurgeComm(h, PURGE_RXCLEAR), "PurgeComm: %lu", GetLastError());

    /* No timeouts: the read waits for all its bytes, until cancelled. */
    memset(&t, 0, sizeof t);
    ok(SetCommTimeouts(h, &t), "SetCommTimeouts: %lu", GetLastError());
    ResetEvent(read.hEvent);
    result = ReadFile(h, buffer, sizeof buffer, NULL, &read);
    ok(!result && GetLastError() == ERROR_IO_PENDING, "overlapped read with no timeouts: %d error %lu", result,
       GetLastError());
    ok(WaitForSingleObject(read.hEvent, 300) == WAIT_TIMEOUT, "the read pends");
    ok(CancelIoEx(h, NULL), "CancelIoEx(NULL): %lu", GetLastError());
    SetLastError(0);
    result = GetOverlappedResult(h, &read, &done, TRUE);
    ok(!result && GetLastError() == ERROR_OPERATION_ABORTED, "cancelled read: %d error %lu", result, GetLastError());

    /* MAXDWORD/0/0: what is there, at once, also when overlapped. */
    t.ReadIntervalTimeout = MAXDWORD;
    ok(SetCommTimeouts(h, &t), "SetCommTimeouts: %lu", GetLastError());
    ResetEvent(read.hEvent);
    done = 99;
    result = ReadFile(h, buffer, sizeof buffer, &done, &read);
    ok(result && done == 0, "overlapped read at once: %d, %lu bytes, error %lu", result, done, GetLastError());
    CloseHandle(wait.hEvent);
    CloseHandle(read.hEvent);
    CloseHandle(h);
}

/* A thread blocked in a synchronous ReadFile (no timeouts: it waits for
 * all its bytes) or WaitCommEvent: CancelSynchronousIo from another thread
 * ends the call with ERROR_OPERATION_ABORTED. */
struct blocked_call {
    BOOL wait_event;
    BOOL result;
    DWORD error, got;
};

static DWORD WINAPI blocked_thread(void *arg)
{
    struct blocked_call *call = arg;
    char buffer[16];
    DWORD events = 0;
    SetLastError(0);
    call->got = 99;
    call->result = call->wait_event ? WaitCommEvent(port, &events, NULL)
                                    : ReadFile(port, buffer, sizeof buffer, &call->got, NULL);
    call->error = GetLastError();
    return 0;
}

static void cancel_blocked(BOOL wait_event)
{
    struct blocked_call call = {wait_event, TRUE, 0, 0};
    const char *what = wait_event ? "WaitCommEvent" : "ReadFile";
    BOOL cancelled = FALSE;
    DWORD start = GetTickCount();
    HANDLE thread = CreateThread(NULL, 0, blocked_thread, &call, 0, NULL);
    ok(thread != NULL, "CreateThread: %lu", GetLastError());
    if (!thread) return;
    /* Until the thread is in its call there is nothing to cancel. */
    while (!cancelled && GetTickCount() - start < 5000) {
        ok(WaitForSingleObject(thread, 20) == WAIT_TIMEOUT, "%s blocks", what);
        cancelled = CancelSynchronousIo(thread);
        if (!cancelled) ok(GetLastError() == ERROR_NOT_FOUND, "CancelSynchronousIo before the call: %lu", GetLastError());
    }
    ok(cancelled, "CancelSynchronousIo of a blocked %s", what);
    ok(WaitForSingleObject(thread, 5000) == WAIT_OBJECT_0, "the cancelled %s returned", what);
    ok(!call.result && call.error == ERROR_OPERATION_ABORTED, "cancelled %s: %d error %lu", what, call.result,
       call.error);
    if (!wait_event) ok_int(call.got, 0);
    CloseHandle(thread);
    /* Nothing is left to cancel. */
    SetLastError(0);
    ok(!CancelSynchronousIo(GetCurrentThread()) && GetLastError() == ERROR_NOT_FOUND, "nothing to cancel: %lu",
       GetLastError());
}

static void test_cancel_synchronous(void)
{
    COMMTIMEOUTS t = {0};
    ok(PurgeComm(port, PURGE_RXCLEAR), "PurgeComm: %lu", GetLastError());
    ok(SetCommTimeouts(port, &t), "SetCommTimeouts: %lu", GetLastError());
    cancel_blocked(FALSE);
    ok(SetCommMask(port, EV_RXCHAR), "SetCommMask: %lu", GetLastError());
    cancel_blocked(TRUE);
    ok(SetCommMask(port, 0), "SetCommMask(0): %lu", GetLastError());
}

int main(void)
{
    test_missing_port();
    port = CreateFileW(L"\\\\.\\COM1", GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(port != INVALID_HANDLE_VALUE, "open \\\\.\\COM1: %lu", GetLastError());
    if (port == INVALID_HANDLE_VALUE) return vt_summary();
    test_state();
    test_timeouts();
    test_events_and_purge();
    test_misc();
    test_build_dcb();
    test_device_io_control();
    test_cancel_synchronous();
    CloseHandle(port);
    test_overlapped_wait();
    test_overlapped_cancel_and_timeouts();
    port = CreateFileW(L"\\\\.\\COM1", GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    if (port != INVALID_HANDLE_VALUE) {
        send_line("BYE\n");
        CloseHandle(port);
    }
    return vt_summary();
}
