/* I/O completion ports used as queues between threads, as Go's network
 * poller and thread pools use them: posting and taking packets, timeouts,
 * alertable waits. */
#include <windows.h>

#include "vinetest.h"

static HANDLE port;
static int apc_calls;

static DWORD WINAPI late_poster(void *arg)
{
    Sleep(50);
    PostQueuedCompletionStatus(port, 99, 11, (OVERLAPPED *)arg);
    return 0;
}

static void CALLBACK apc(ULONG_PTR arg)
{
    apc_calls += (int)arg;
}

int main(void)
{
    DWORD bytes, start, elapsed;
    ULONG_PTR key;
    OVERLAPPED *ov;
    OVERLAPPED_ENTRY entries[4];
    ULONG removed;
    HANDLE thread, event;
    BOOL ret;

    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    ok(port != NULL, "a port");

    /* Empty: a poll times out. */
    ov = (OVERLAPPED *)1;
    SetLastError(0xdeadbeef);
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0);
    ok(!ret, "nothing to take");
    ok_int(GetLastError(), WAIT_TIMEOUT);
    ok(ov == NULL, "no OVERLAPPED");

    /* One packet, as posted. */
    ok(PostQueuedCompletionStatus(port, 5, 7, (OVERLAPPED *)0x1234), "posted");
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0);
    ok(ret, "taken");
    ok_int(bytes, 5);
    ok_int((int)key, 7);
    ok(ov == (OVERLAPPED *)0x1234, "its OVERLAPPED pointer");

    /* First in, first out; several at once with the Ex call. */
    PostQueuedCompletionStatus(port, 1, 101, NULL);
    PostQueuedCompletionStatus(port, 2, 102, NULL);
    PostQueuedCompletionStatus(port, 3, 103, (OVERLAPPED *)0x10);
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &ov, 0);
    ok(ret && key == 101 && bytes == 1, "the oldest packet first");
    memset(entries, 0xcc, sizeof(entries));
    removed = 99;
    ret = GetQueuedCompletionStatusEx(port, entries, 4, &removed, 0, FALSE);
    ok(ret, "GetQueuedCompletionStatusEx");
    ok_int(removed, 2);
    ok_int((int)entries[0].lpCompletionKey, 102);
    ok_int(entries[0].dwNumberOfBytesTransferred, 2);
    ok_int((int)entries[0].Internal, 0);
    ok_int((int)entries[1].lpCompletionKey, 103);
    ok(entries[1].lpOverlapped == (OVERLAPPED *)0x10, "the second entry's OVERLAPPED");
    /* Taking fewer than are queued leaves the rest. */
    PostQueuedCompletionStatus(port, 0, 201, NULL);
    PostQueuedCompletionStatus(port, 0, 202, NULL);
    ret = GetQueuedCompletionStatusEx(port, entries, 1, &removed, 0, FALSE);
    ok(ret && removed == 1 && entries[0].lpCompletionKey == 201, "one of two");
    ret = GetQueuedCompletionStatusEx(port, entries, 4, &removed, 0, FALSE);
    ok(ret && removed == 1 && entries[0].lpCompletionKey == 202, "then the other");

    /* A timeout. */
    start = GetTickCount();
    removed = 99;
    SetLastError(0xdeadbeef);
    ret = GetQueuedCompletionStatusEx(port, entries, 4, &removed, 60, FALSE);
    elapsed = GetTickCount() - start;
    ok(!ret, "the Ex call times out");
    ok_int(GetLastError(), WAIT_TIMEOUT);
    ok(elapsed >= 40 && elapsed < 1000, "after about 60 ms (%lu)", elapsed);

    /* A packet from another thread wakes a waiter. */
    thread = CreateThread(NULL, 0, late_poster, (void *)0x77, 0, NULL);
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &ov, 5000);
    ok(ret && key == 11 && bytes == 99 && ov == (OVERLAPPED *)0x77, "a packet posted while waiting");
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);

    /* An alertable wait runs the thread's APCs and returns. */
    QueueUserAPC(apc, GetCurrentThread(), 3);
    SetLastError(0xdeadbeef);
    ret = GetQueuedCompletionStatusEx(port, entries, 4, &removed, 5000, TRUE);
    ok(!ret, "an APC ends the alertable wait");
    ok_int(GetLastError(), WAIT_IO_COMPLETION);
    ok_int(apc_calls, 3);

    /* Not a port. */
    event = CreateEventW(NULL, FALSE, FALSE, NULL);
    SetLastError(0xdeadbeef);
    ok(!PostQueuedCompletionStatus(event, 0, 0, NULL), "posting to an event fails");
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);
    CloseHandle(event);

    ok(CloseHandle(port), "CloseHandle closes a port");
    SetLastError(0xdeadbeef);
    ok(!PostQueuedCompletionStatus(port, 0, 0, NULL), "posting to a closed port fails");
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);
    return vt_summary();
}
