/* Asynchronous I/O: overlapped reads and writes on files and named pipes
 * completing through events, GetOverlappedResult, completion ports (with
 * FILE_SKIP_COMPLETION_PORT_ON_SUCCESS and the hEvent low bit), APCs
 * (ReadFileEx), and cancellation (CancelIo, CancelIoEx, CancelSynchronousIo),
 * as Go's poller and Rust's runtimes use them. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vinetest.h"

#define STATUS_END_OF_FILE_VALUE 0xc0000011

static char pipe_name[64];
static int apc_calls;
static DWORD apc_error, apc_bytes;
static OVERLAPPED *apc_overlapped;

static void pipe_pair(HANDLE *server, HANDLE *client, DWORD type)
{
    static int counter;
    snprintf(pipe_name, sizeof(pipe_name), "\\\\.\\pipe\\vine_overlapped_%lu_%d", GetCurrentProcessId(), ++counter);
    *server = CreateNamedPipeA(pipe_name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, type, 1, 4096, 4096, 0, NULL);
    *client = CreateFileA(pipe_name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
}

/* Finishes a request that may have completed at once or be pending. */
static BOOL finished(BOOL ret, HANDLE file, OVERLAPPED *ov, DWORD *bytes)
{
    if (!ret && GetLastError() == ERROR_IO_PENDING) return GetOverlappedResult(file, ov, bytes, TRUE);
    if (ret) return GetOverlappedResult(file, ov, bytes, FALSE);
    return FALSE;
}

static void test_file(void)
{
    char path[MAX_PATH], data[8192], back[4096];
    HANDLE file, port, event = CreateEventA(NULL, TRUE, FALSE, NULL);
    OVERLAPPED ov, *got_ov;
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    BOOL ret;
    int i;

    GetTempPathA(sizeof(path), path);
    strcat(path, "vine_overlapped.bin");
    file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                       FILE_FLAG_OVERLAPPED | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    ok(file != INVALID_HANDLE_VALUE, "an overlapped file: %lu", GetLastError());
    for (i = 0; i < (int)sizeof(data); i++) data[i] = (char)(i * 7);

    memset(&ov, 0, sizeof(ov));
    ov.hEvent = event;
    ret = WriteFile(file, data, sizeof(data), NULL, &ov);
    ok(finished(ret, file, &ov, &bytes), "overlapped write: %lu", GetLastError());
    ok_int(bytes, sizeof(data));
    ok(WaitForSingleObject(event, 0) == WAIT_OBJECT_0, "the event is set");

    memset(&ov, 0, sizeof(ov));
    ov.Offset = 4096;
    ov.hEvent = event;
    ret = ReadFile(file, back, sizeof(back), NULL, &ov);
    ok(finished(ret, file, &ov, &bytes), "overlapped read at 4096");
    ok_int(bytes, 4096);
    ok(!memcmp(back, data + 4096, 4096), "the bytes at that offset");

    /* Past the end: ERROR_HANDLE_EOF, from ReadFile or GetOverlappedResult. */
    memset(&ov, 0, sizeof(ov));
    ov.Offset = 100000;
    ov.hEvent = event;
    SetLastError(0xdeadbeef);
    ret = ReadFile(file, back, sizeof(back), &bytes, &ov);
    ok(!ret, "a read past the end fails");
    if (GetLastError() == ERROR_IO_PENDING) {
        SetLastError(0xdeadbeef);
        ok(!GetOverlappedResult(file, &ov, &bytes, TRUE), "its result fails");
    }
    ok_int(GetLastError(), ERROR_HANDLE_EOF);
    ok(ov.Internal == STATUS_END_OF_FILE_VALUE, "Internal is STATUS_END_OF_FILE: %#lx", (unsigned long)ov.Internal);
    ok_int(bytes, 0);

    /* A completion port gets a packet per request. */
    port = CreateIoCompletionPort(file, NULL, 42, 0);
    ok(port != NULL, "CreateIoCompletionPort on a file: %lu", GetLastError());
    memset(&ov, 0, sizeof(ov));
    ret = ReadFile(file, back, 4096, NULL, &ov);
    ok(ret || GetLastError() == ERROR_IO_PENDING, "a read with a port");
    got_ov = NULL;
    ok(GetQueuedCompletionStatus(port, &bytes, &key, &got_ov, 2000), "its packet: %lu", GetLastError());
    ok_int(bytes, 4096);
    ok_int((int)key, 42);
    ok(got_ov == &ov, "the packet's OVERLAPPED");
    ok(!memcmp(back, data, 4096), "the bytes at 0");

    /* The low bit of hEvent: no packet. */
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = (HANDLE)((ULONG_PTR)event | 1);
    ret = ReadFile(file, back, 16, NULL, &ov);
    ok(finished(ret, file, &ov, &bytes) && bytes == 16, "a read without a packet");
    SetLastError(0xdeadbeef);
    ok(!GetQueuedCompletionStatus(port, &bytes, &key, &got_ov, 50), "no packet for it");
    ok_int(GetLastError(), WAIT_TIMEOUT);

    /* Skip on success: a request that completes at once queues nothing. */
    ok(SetFileCompletionNotificationModes(file, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS), "skip on success");
    memset(&ov, 0, sizeof(ov));
    ret = ReadFile(file, back, 16, &bytes, &ov);
    if (ret) {
        SetLastError(0xdeadbeef);
        ok(!GetQueuedCompletionStatus(port, &bytes, &key, &got_ov, 50), "no packet after a success at once");
        ok_int(GetLastError(), WAIT_TIMEOUT);
    } else {
        ok(GetLastError() == ERROR_IO_PENDING && GetQueuedCompletionStatus(port, &bytes, &key, &got_ov, 2000),
           "a pending request still completes to the port");
    }
    CloseHandle(file);
    CloseHandle(port);
    CloseHandle(event);
}

static void test_pipe_event(void)
{
    HANDLE server, client, event = CreateEventA(NULL, TRUE, TRUE, NULL);
    OVERLAPPED ov;
    char buffer[32];
    DWORD bytes = 0;

    pipe_pair(&server, &client, PIPE_TYPE_BYTE);
    ok(server != INVALID_HANDLE_VALUE && client != INVALID_HANDLE_VALUE, "an overlapped pipe pair");
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = event;
    memset(buffer, 0, sizeof(buffer));
    SetLastError(0xdeadbeef);
    ok(!ReadFile(server, buffer, sizeof(buffer), NULL, &ov), "a read of an empty pipe does not complete");
    ok_int(GetLastError(), ERROR_IO_PENDING);
    ok(WaitForSingleObject(event, 0) == WAIT_TIMEOUT, "the request reset its event");
    SetLastError(0xdeadbeef);
    ok(!GetOverlappedResult(server, &ov, &bytes, FALSE), "not done yet");
    ok_int(GetLastError(), ERROR_IO_INCOMPLETE);
    ok(WriteFile(client, "hello", 5, &bytes, NULL) || GetLastError() == ERROR_IO_PENDING, "the client writes");
    ok(WaitForSingleObject(event, 2000) == WAIT_OBJECT_0, "the event is set when the data arrives");
    ok(GetOverlappedResult(server, &ov, &bytes, FALSE), "done");
    ok_int(bytes, 5);
    ok_str(buffer, "hello");

    /* A read of nothing waits for data without taking it (libuv's probe). */
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = event;
    SetLastError(0xdeadbeef);
    ok(!ReadFile(server, buffer, 0, NULL, &ov), "a zero-byte read of an empty pipe waits");
    ok_int(GetLastError(), ERROR_IO_PENDING);
    ok(WriteFile(client, "zz", 2, &bytes, NULL) || GetLastError() == ERROR_IO_PENDING, "data comes");
    ok(GetOverlappedResult(server, &ov, &bytes, TRUE), "the zero-byte read completes");
    ok_int(bytes, 0);
    memset(buffer, 0, sizeof(buffer));
    memset(&ov, 0, sizeof(ov));
    ok(ReadFile(server, buffer, sizeof(buffer), NULL, &ov) || GetLastError() == ERROR_IO_PENDING, "read");
    ok(GetOverlappedResult(server, &ov, &bytes, TRUE) && bytes == 2, "the data is still there");
    ok_str(buffer, "zz");

    /* GetOverlappedResult without an event waits for the request itself. */
    memset(&ov, 0, sizeof(ov));
    ok(!ReadFile(client, buffer, sizeof(buffer), NULL, &ov) && GetLastError() == ERROR_IO_PENDING, "pending again");
    ok(WriteFile(server, "xyz", 3, &bytes, NULL) || GetLastError() == ERROR_IO_PENDING, "the server writes");
    ok(GetOverlappedResult(client, &ov, &bytes, TRUE), "waited for");
    ok_int(bytes, 3);

    /* The other end goes: a pending read ends with ERROR_BROKEN_PIPE. */
    memset(&ov, 0, sizeof(ov));
    ok(!ReadFile(server, buffer, sizeof(buffer), NULL, &ov) && GetLastError() == ERROR_IO_PENDING, "pending");
    CloseHandle(client);
    SetLastError(0xdeadbeef);
    ok(!GetOverlappedResult(server, &ov, &bytes, TRUE), "ended by the close");
    ok_int(GetLastError(), ERROR_BROKEN_PIPE);
    CloseHandle(server);
    CloseHandle(event);
}

/* Many outstanding reads on one port, taken in batches, as Go's poller does. */
static void test_pipe_port(void)
{
    enum { N = 8, SIZE = 16 };
    HANDLE server, client, port;
    OVERLAPPED ovs[N];
    OVERLAPPED_ENTRY entries[N];
    char buffers[N][SIZE], all[N * SIZE];
    DWORD bytes;
    ULONG removed, total = 0;
    int i, seen = 0, in_order = 1;

    pipe_pair(&server, &client, PIPE_TYPE_BYTE);
    port = CreateIoCompletionPort(server, NULL, 7, 0);
    ok(port != NULL, "the server end on a port");
    ok(CreateIoCompletionPort(client, port, 8, 0) == port, "the client end on the same port");
    for (i = 0; i < N; i++) {
        memset(&ovs[i], 0, sizeof(ovs[i]));
        if (ReadFile(server, buffers[i], SIZE, NULL, &ovs[i]) || GetLastError() != ERROR_IO_PENDING) break;
    }
    ok(i == N, "%d reads pending", i);
    for (i = 0; i < N * SIZE; i++) all[i] = (char)('a' + i % 26);
    {
        OVERLAPPED wov;
        memset(&wov, 0, sizeof(wov));
        if (!WriteFile(client, all, sizeof(all), NULL, &wov)) ok(GetLastError() == ERROR_IO_PENDING, "the write");
    }
    while (seen < N + 1) {
        if (!GetQueuedCompletionStatusEx(port, entries, N, &removed, 2000, FALSE)) break;
        for (i = 0; i < (int)removed; i++) {
            if (entries[i].lpCompletionKey == 8) { seen++; continue; } /* the write */
            total += entries[i].dwNumberOfBytesTransferred;
            seen++;
        }
    }
    ok_int(seen, N + 1);
    ok_int(total, N * SIZE);
    for (i = 0; i < N; i++)
        if (memcmp(buffers[i], all + i * SIZE, SIZE)) in_order = 0;
    ok(in_order, "the reads completed in the order they were made");
    ok(!GetQueuedCompletionStatus(port, &bytes, &(ULONG_PTR){0}, &(OVERLAPPED *){NULL}, 0), "nothing more");
    CloseHandle(client);
    CloseHandle(server);
    CloseHandle(port);
}

/* Many pipes with a read pending on each, one port, two threads taking
 * packets in batches: what a Go or Rust runtime's poller does. */
enum { PIPES = 16 };
static HANDLE many_port;
static LONG many_seen[PIPES];
static LONG many_total;

static DWORD WINAPI many_taker(void *arg)
{
    OVERLAPPED_ENTRY entries[4];
    ULONG removed, i;
    while (InterlockedCompareExchange(&many_total, 0, 0) < PIPES) {
        if (!GetQueuedCompletionStatusEx(many_port, entries, 4, &removed, 200, FALSE)) continue;
        for (i = 0; i < removed; i++) {
            ULONG_PTR key = entries[i].lpCompletionKey;
            if (key < PIPES && entries[i].dwNumberOfBytesTransferred == 6) InterlockedIncrement(&many_seen[key]);
            InterlockedIncrement(&many_total);
        }
    }
    return 0;
}

static void test_many_pipes(void)
{
    HANDLE servers[PIPES], clients[PIPES], threads[2];
    OVERLAPPED ovs[PIPES];
    char buffers[PIPES][16];
    DWORD put;
    int i, pending = 0, each_once = 1;

    many_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    for (i = 0; i < PIPES; i++) {
        pipe_pair(&servers[i], &clients[i], PIPE_TYPE_BYTE);
        CreateIoCompletionPort(servers[i], many_port, (ULONG_PTR)i, 0);
        memset(&ovs[i], 0, sizeof(ovs[i]));
        if (!ReadFile(servers[i], buffers[i], sizeof(buffers[i]), NULL, &ovs[i]) && GetLastError() == ERROR_IO_PENDING)
            pending++;
    }
    ok_int(pending, PIPES);
    threads[0] = CreateThread(NULL, 0, many_taker, NULL, 0, NULL);
    threads[1] = CreateThread(NULL, 0, many_taker, NULL, 0, NULL);
    for (i = PIPES - 1; i >= 0; i--) WriteFile(clients[i], "packet", 6, &put, NULL);
    ok(WaitForMultipleObjects(2, threads, TRUE, 5000) == WAIT_OBJECT_0, "the takers saw every packet");
    ok_int(many_total, PIPES);
    for (i = 0; i < PIPES; i++)
        if (many_seen[i] != 1) each_once = 0;
    ok(each_once, "one packet per pipe, with its key and size");
    for (i = 0; i < PIPES; i++) {
        CloseHandle(clients[i]);
        CloseHandle(servers[i]);
    }
    CloseHandle(threads[0]);
    CloseHandle(threads[1]);
    CloseHandle(many_port);
}

/* A write bigger than the pipe holds waits for the reader. */
static void test_pipe_big_write(void)
{
    enum { SIZE = 4 << 20 };
    HANDLE server, client, event = CreateEventA(NULL, TRUE, FALSE, NULL);
    OVERLAPPED ov, rov;
    char *data = malloc(SIZE), *back = malloc(SIZE);
    DWORD bytes = 0, got, total = 0;
    BOOL ret;
    int i;

    pipe_pair(&server, &client, PIPE_TYPE_BYTE);
    for (i = 0; i < SIZE; i++) data[i] = (char)(i * 13 + i / 4096);
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = event;
    ret = WriteFile(client, data, SIZE, NULL, &ov);
    ok(ret || GetLastError() == ERROR_IO_PENDING, "a 4 MiB write: %lu", GetLastError());
    while (total < SIZE) {
        memset(&rov, 0, sizeof(rov));
        ret = ReadFile(server, back + total, SIZE - total, NULL, &rov);
        if (!finished(ret, server, &rov, &got) || !got) break;
        total += got;
    }
    ok_int(total, SIZE);
    ok(!memcmp(back, data, SIZE), "the bytes, in order");
    ok(GetOverlappedResult(client, &ov, &bytes, TRUE), "the write completed");
    ok_int(bytes, SIZE);
    CloseHandle(client);
    CloseHandle(server);
    CloseHandle(event);
    free(data);
    free(back);
}

static void CALLBACK read_done(DWORD error, DWORD bytes, OVERLAPPED *ov)
{
    apc_calls++;
    apc_error = error;
    apc_bytes = bytes;
    apc_overlapped = ov;
}

static void test_read_file_ex(void)
{
    HANDLE server, client;
    OVERLAPPED ov;
    char buffer[32];
    DWORD bytes;

    pipe_pair(&server, &client, PIPE_TYPE_BYTE);
    memset(&ov, 0, sizeof(ov));
    ok(ReadFileEx(server, buffer, sizeof(buffer), &ov, read_done), "ReadFileEx: %lu", GetLastError());
    ok_int(SleepEx(0, TRUE), 0);
    ok_int(apc_calls, 0);
    ok(WriteFile(client, "apc!", 4, &bytes, NULL) || GetLastError() == ERROR_IO_PENDING, "write");
    ok_int(SleepEx(2000, TRUE), WAIT_IO_COMPLETION);
    ok_int(apc_calls, 1);
    ok_int(apc_error, 0);
    ok_int(apc_bytes, 4);
    ok(apc_overlapped == &ov, "the routine gets the OVERLAPPED");
    CloseHandle(client);
    CloseHandle(server);
}

/* An overlapped ConnectNamedPipe completes to the port like a read. */
static void test_connect_port(void)
{
    HANDLE server, client, port;
    OVERLAPPED ov, *got = NULL;
    DWORD bytes = 99;
    ULONG_PTR key = 0;
    char name[64];

    snprintf(name, sizeof(name), "\\\\.\\pipe\\vine_overlapped_connect_%lu", GetCurrentProcessId());
    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE, 1, 512, 512, 0, NULL);
    port = CreateIoCompletionPort(server, NULL, 21, 0);
    memset(&ov, 0, sizeof(ov));
    SetLastError(0xdeadbeef);
    ok(!ConnectNamedPipe(server, &ov), "an overlapped connect");
    ok_int(GetLastError(), ERROR_IO_PENDING);
    SetLastError(0xdeadbeef);
    ok(!GetQueuedCompletionStatus(port, &bytes, &key, &got, 20), "no packet before a client");
    ok_int(GetLastError(), WAIT_TIMEOUT);
    client = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(client != INVALID_HANDLE_VALUE, "a client");
    ok(GetQueuedCompletionStatus(port, &bytes, &key, &got, 2000), "the connect's packet");
    ok(got == &ov, "for the connect");
    ok_int((int)key, 21);
    ok_int(bytes, 0);
    CloseHandle(client);
    CloseHandle(server);
    CloseHandle(port);
}

static void CALLBACK user_apc(ULONG_PTR arg)
{
    apc_calls += (int)arg;
}

static void test_result_ex(void)
{
    HANDLE server, client;
    OVERLAPPED ov;
    char buffer[16];
    DWORD bytes;

    pipe_pair(&server, &client, PIPE_TYPE_BYTE);
    memset(&ov, 0, sizeof(ov));
    ok(!ReadFile(server, buffer, sizeof(buffer), NULL, &ov) && GetLastError() == ERROR_IO_PENDING, "pending");
    SetLastError(0xdeadbeef);
    ok(!GetOverlappedResultEx(server, &ov, &bytes, 50, FALSE), "GetOverlappedResultEx times out");
    ok_int(GetLastError(), WAIT_TIMEOUT);
    apc_calls = 0;
    QueueUserAPC(user_apc, GetCurrentThread(), 10);
    SetLastError(0xdeadbeef);
    ok(!GetOverlappedResultEx(server, &ov, &bytes, INFINITE, TRUE), "an alertable wait runs the APC");
    ok_int(GetLastError(), WAIT_IO_COMPLETION);
    ok_int(apc_calls, 10);
    ok(WriteFile(client, "abc", 3, &bytes, NULL), "write");
    ok(GetOverlappedResultEx(server, &ov, &bytes, 2000, TRUE), "then the result");
    ok_int(bytes, 3);
    CloseHandle(client);
    CloseHandle(server);
}

static void test_cancel(void)
{
    HANDLE server, client, port;
    OVERLAPPED ov, ov2, *got;
    char buffer[32];
    DWORD bytes;
    ULONG_PTR key;

    pipe_pair(&server, &client, PIPE_TYPE_BYTE);
    memset(&ov, 0, sizeof(ov));
    ok(!ReadFile(server, buffer, sizeof(buffer), NULL, &ov) && GetLastError() == ERROR_IO_PENDING, "pending");
    ok(CancelIoEx(server, &ov), "CancelIoEx of it: %lu", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!GetOverlappedResult(server, &ov, &bytes, TRUE), "cancelled");
    ok_int(GetLastError(), ERROR_OPERATION_ABORTED);
    SetLastError(0xdeadbeef);
    ok(!CancelIoEx(server, &ov), "nothing left to cancel");
    ok_int(GetLastError(), ERROR_NOT_FOUND);

    memset(&ov, 0, sizeof(ov));
    memset(&ov2, 0, sizeof(ov2));
    ok(!ReadFile(server, buffer, 4, NULL, &ov) && GetLastError() == ERROR_IO_PENDING, "pending 1");
    ok(!ReadFile(server, buffer + 4, 4, NULL, &ov2) && GetLastError() == ERROR_IO_PENDING, "pending 2");
    ok(CancelIo(server), "CancelIo");
    ok(!GetOverlappedResult(server, &ov, &bytes, TRUE) && GetLastError() == ERROR_OPERATION_ABORTED, "1 cancelled");
    ok(!GetOverlappedResult(server, &ov2, &bytes, TRUE) && GetLastError() == ERROR_OPERATION_ABORTED, "2 cancelled");

    /* A cancelled request on a port: its packet carries the error. */
    port = CreateIoCompletionPort(server, NULL, 3, 0);
    memset(&ov, 0, sizeof(ov));
    ok(!ReadFile(server, buffer, sizeof(buffer), NULL, &ov) && GetLastError() == ERROR_IO_PENDING, "pending");
    ok(CancelIoEx(server, NULL), "CancelIoEx of all");
    got = NULL;
    SetLastError(0xdeadbeef);
    ok(!GetQueuedCompletionStatus(port, &bytes, &key, &got, 2000), "a failed packet");
    ok_int(GetLastError(), ERROR_OPERATION_ABORTED);
    ok(got == &ov, "for that request");
    CloseHandle(client);
    CloseHandle(server);
    CloseHandle(port);
}

/* A thread's pending requests end with it (not so on a port's handles). */
static HANDLE exit_server;
static OVERLAPPED exit_ov;
static char exit_buffer[16];

static DWORD WINAPI reader_that_exits(void *arg)
{
    if (ReadFile(exit_server, exit_buffer, sizeof(exit_buffer), NULL, &exit_ov)) return 1;
    return GetLastError() == ERROR_IO_PENDING ? 0 : 2;
}

static void test_thread_exit(void)
{
    HANDLE client, thread, event = CreateEventA(NULL, TRUE, FALSE, NULL);
    DWORD code = 99, bytes;

    pipe_pair(&exit_server, &client, PIPE_TYPE_BYTE);
    memset(&exit_ov, 0, sizeof(exit_ov));
    exit_ov.hEvent = event;
    thread = CreateThread(NULL, 0, reader_that_exits, NULL, 0, NULL);
    ok(WaitForSingleObject(thread, 5000) == WAIT_OBJECT_0, "the reader ended");
    GetExitCodeThread(thread, &code);
    ok_int(code, 0);
    ok(WaitForSingleObject(event, 2000) == WAIT_OBJECT_0, "its request ended too");
    SetLastError(0xdeadbeef);
    ok(!GetOverlappedResult(exit_server, &exit_ov, &bytes, FALSE), "cancelled");
    ok_int(GetLastError(), ERROR_OPERATION_ABORTED);
    CloseHandle(thread);
    CloseHandle(client);
    CloseHandle(exit_server);
    CloseHandle(event);
}

static HANDLE sync_reader;
static DWORD sync_error;

static DWORD WINAPI blocked_reader(void *arg)
{
    char buffer[8];
    DWORD got;
    SetLastError(0);
    if (ReadFile(sync_reader, buffer, sizeof(buffer), &got, NULL)) return 1;
    sync_error = GetLastError();
    return 0;
}

static void test_cancel_synchronous(void)
{
    HANDLE writer, thread;
    DWORD code = 99;
    SetLastError(0xdeadbeef);
    ok(!CancelSynchronousIo(GetCurrentThread()), "nothing to cancel");
    ok_int(GetLastError(), ERROR_NOT_FOUND);
    ok(CreatePipe(&sync_reader, &writer, NULL, 0), "CreatePipe");
    thread = CreateThread(NULL, 0, blocked_reader, NULL, 0, NULL);
    Sleep(200);
    ok(CancelSynchronousIo(thread), "CancelSynchronousIo of a blocked read: %lu", GetLastError());
    ok(WaitForSingleObject(thread, 5000) == WAIT_OBJECT_0, "the read returned");
    GetExitCodeThread(thread, &code);
    ok_int(code, 0);
    ok_int(sync_error, ERROR_OPERATION_ABORTED);
    CloseHandle(thread);
    CloseHandle(writer);
    CloseHandle(sync_reader);
}

int main(void)
{
    test_file();
    test_pipe_event();
    test_pipe_port();
    test_pipe_big_write();
    test_many_pipes();
    test_read_file_ex();
    test_result_ex();
    test_connect_port();
    test_cancel();
    test_cancel_synchronous();
    test_thread_exit();
    return vt_summary();
}
