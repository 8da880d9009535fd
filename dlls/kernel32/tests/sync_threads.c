/* Waits across threads: thread handles, abandoned mutexes, wait-all,
 * SignalObjectAndWait, alertable waits and user APCs, suspended threads. */
#include <windows.h>

#include "vinetest.h"

static HANDLE mutex, ready, go;

static DWORD WINAPI take_mutex_and_exit(void *arg)
{
    (void)arg;
    WaitForSingleObject(mutex, INFINITE);
    SetEvent(ready);
    return 7; /* ends owning the mutex */
}

static void test_abandoned(void)
{
    DWORD code = 0;
    HANDLE thread;
    mutex = CreateMutexW(NULL, FALSE, NULL);
    ready = CreateEventW(NULL, FALSE, FALSE, NULL);
    thread = CreateThread(NULL, 0, take_mutex_and_exit, NULL, 0, NULL);
    ok(thread != NULL, "CreateThread");
    ok_int(WaitForSingleObject(ready, 5000), WAIT_OBJECT_0);
    ok_int(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    ok(GetExitCodeThread(thread, &code), "GetExitCodeThread");
    ok_int(code, 7);
    /* The owner died: the next waiter gets it, told it was abandoned. */
    ok_int(WaitForSingleObject(mutex, 5000), WAIT_ABANDONED);
    ok_int(WaitForSingleObject(mutex, 0), WAIT_OBJECT_0); /* ours now, recursively */
    ok(ReleaseMutex(mutex) && ReleaseMutex(mutex), "released twice");
    ok_int(WaitForSingleObject(mutex, 0), WAIT_OBJECT_0); /* no longer abandoned */
    ReleaseMutex(mutex);
    CloseHandle(thread);
    CloseHandle(mutex);
    CloseHandle(ready);
}

static LONG counter;

static DWORD WINAPI wait_for_go(void *arg)
{
    WaitForSingleObject(go, INFINITE);
    InterlockedIncrement(&counter);
    return (DWORD)(ULONG_PTR)arg;
}

static void test_thread_handles(void)
{
    HANDLE threads[4];
    DWORD code, id = 0;
    int i;
    go = CreateEventW(NULL, TRUE, FALSE, NULL);
    for (i = 0; i < 4; i++) threads[i] = CreateThread(NULL, 0, wait_for_go, (void *)(ULONG_PTR)(100 + i), 0,
                                                      i == 0 ? &id : NULL);
    ok(id != 0 && id % 4 == 0, "thread ids are nonzero multiples of 4 (%lu)", id);
    ok_int(GetThreadId(threads[0]), id);
    ok_int(WaitForMultipleObjects(4, threads, FALSE, 20), WAIT_TIMEOUT);
    ok(GetExitCodeThread(threads[1], &code), "GetExitCodeThread while running");
    ok_int(code, STILL_ACTIVE);
    SetEvent(go); /* manual reset: releases all four */
    ok_int(WaitForMultipleObjects(4, threads, TRUE, 5000), WAIT_OBJECT_0);
    ok_int(counter, 4);
    for (i = 0; i < 4; i++) {
        ok(GetExitCodeThread(threads[i], &code), "GetExitCodeThread");
        ok_int(code, 100 + i);
        CloseHandle(threads[i]);
    }
    CloseHandle(go);
}

static HANDLE ping, pong;

static DWORD WINAPI ponger(void *arg)
{
    int i;
    (void)arg;
    for (i = 0; i < 1000; i++) {
        WaitForSingleObject(ping, INFINITE);
        SetEvent(pong);
    }
    return 0;
}

static void test_ping_pong(void)
{
    HANDLE thread;
    int i, done = 0;
    ping = CreateEventW(NULL, FALSE, FALSE, NULL);
    pong = CreateEventW(NULL, FALSE, FALSE, NULL);
    thread = CreateThread(NULL, 0, ponger, NULL, 0, NULL);
    for (i = 0; i < 1000; i++) {
        /* SignalObjectAndWait: set ping, wait for pong. */
        if (SignalObjectAndWait(ping, pong, 5000, FALSE) == WAIT_OBJECT_0) done++;
    }
    ok_int(done, 1000);
    ok_int(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    CloseHandle(thread);
    CloseHandle(ping);
    CloseHandle(pong);
}

static HANDLE semaphore;
static LONG consumed;

static DWORD WINAPI consumer(void *arg)
{
    (void)arg;
    while (WaitForSingleObject(semaphore, 200) == WAIT_OBJECT_0) InterlockedIncrement(&consumed);
    return 0;
}

static void test_semaphore_threads(void)
{
    HANDLE threads[3];
    int i;
    semaphore = CreateSemaphoreW(NULL, 0, 1000, NULL);
    for (i = 0; i < 3; i++) threads[i] = CreateThread(NULL, 0, consumer, NULL, 0, NULL);
    for (i = 0; i < 100; i++) ReleaseSemaphore(semaphore, 3, NULL);
    ok_int(WaitForMultipleObjects(3, threads, TRUE, 10000), WAIT_OBJECT_0);
    ok_int(consumed, 300);
    for (i = 0; i < 3; i++) CloseHandle(threads[i]);
    CloseHandle(semaphore);
}

static int apc_calls;
static ULONG_PTR apc_last;

static void CALLBACK apc(ULONG_PTR data)
{
    apc_calls++;
    apc_last = data;
}

static HANDLE main_thread;

static DWORD WINAPI queue_later(void *arg)
{
    (void)arg;
    Sleep(50);
    QueueUserAPC(apc, main_thread, 99);
    return 0;
}

static void test_apc(void)
{
    HANDLE event = CreateEventW(NULL, FALSE, FALSE, NULL), thread;
    ok(QueueUserAPC(apc, GetCurrentThread(), 1), "QueueUserAPC to ourselves");
    ok(QueueUserAPC(apc, GetCurrentThread(), 2), "a second one");
    Sleep(1); /* not alertable: nothing runs */
    ok_int(apc_calls, 0);
    ok_int(WaitForSingleObjectEx(event, 0, FALSE), WAIT_TIMEOUT);
    ok_int(apc_calls, 0);
    ok_int(SleepEx(0, TRUE), WAIT_IO_COMPLETION);
    ok_int(apc_calls, 2);
    ok_int(apc_last, 2);
    ok_int(SleepEx(0, TRUE), 0);

    /* An APC queued by another thread interrupts an alertable wait. */
    DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &main_thread, 0, FALSE,
                    DUPLICATE_SAME_ACCESS);
    thread = CreateThread(NULL, 0, queue_later, NULL, 0, NULL);
    ok_int(WaitForSingleObjectEx(event, 10000, TRUE), WAIT_IO_COMPLETION);
    ok_int(apc_calls, 3);
    ok_int(apc_last, 99);
    /* An APC already queued wins over a signaled object. */
    SetEvent(event);
    QueueUserAPC(apc, GetCurrentThread(), 5);
    ok_int(WaitForSingleObjectEx(event, 0, TRUE), WAIT_IO_COMPLETION);
    ok_int(WaitForSingleObjectEx(event, 0, TRUE), WAIT_OBJECT_0);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    CloseHandle(main_thread);
    CloseHandle(event);
}

static volatile LONG started;

static DWORD WINAPI mark_started(void *arg)
{
    (void)arg;
    started = 1;
    return 3;
}

static void test_suspended(void)
{
    DWORD code = 0;
    HANDLE thread = CreateThread(NULL, 0, mark_started, NULL, CREATE_SUSPENDED, NULL);
    ok(thread != NULL, "CreateThread suspended");
    Sleep(50);
    ok_int(started, 0);
    ok_int(WaitForSingleObject(thread, 0), WAIT_TIMEOUT);
    ok_int(ResumeThread(thread), 1);
    ok_int(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    ok_int(started, 1);
    GetExitCodeThread(thread, &code);
    ok_int(code, 3);
    CloseHandle(thread);
}

int main(void)
{
    test_abandoned();
    test_thread_handles();
    test_ping_pong();
    test_semaphore_threads();
    test_apc();
    test_suspended();
    return vt_summary();
}
