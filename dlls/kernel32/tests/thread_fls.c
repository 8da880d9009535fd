/* Fiber-local storage callbacks at thread exit and at FlsFree, and TLS
 * slots (the 64 in the TEB and the expansion slots) in many threads. */
#include <windows.h>
#include "vinetest.h"

#define THREADS 8

static DWORD fls_a, fls_b, fls_plain;
static volatile LONG calls_a, calls_b, wrong_thread;
static volatile LONG seen_a[THREADS + 2], seen_b[THREADS + 2];
static DWORD thread_ids[THREADS];

static void WINAPI callback_a(void *value)
{
    ULONG_PTR i = (ULONG_PTR)value - 100;
    InterlockedIncrement(&calls_a);
    if (i < THREADS + 2) InterlockedIncrement(&seen_a[i]);
    if (i < THREADS && GetCurrentThreadId() != thread_ids[i]) InterlockedIncrement(&wrong_thread);
}

static void WINAPI callback_b(void *value)
{
    ULONG_PTR i = (ULONG_PTR)value - 200;
    InterlockedIncrement(&calls_b);
    if (i < THREADS + 2) InterlockedIncrement(&seen_b[i]);
}

static volatile LONG fls_errors;
static DWORD WINAPI fls_thread(void *arg)
{
    ULONG_PTR i = (ULONG_PTR)arg;
    if (FlsGetValue(fls_a) != NULL) InterlockedIncrement(&fls_errors);
    FlsSetValue(fls_a, (void *)(100 + i));
    FlsSetValue(fls_b, (void *)(200 + i));
    FlsSetValue(fls_plain, (void *)(300 + i));
    Sleep(10);
    if (FlsGetValue(fls_a) != (void *)(100 + i) || FlsGetValue(fls_b) != (void *)(200 + i)) InterlockedIncrement(&fls_errors);
    if (i % 2) ExitThread(0); /* ExitThread and returning both run the callbacks */
    return 0;
}

static HANDLE hold_event;
static DWORD WINAPI fls_holder(void *arg)
{
    (void)arg;
    FlsSetValue(fls_a, (void *)(100 + THREADS + 1));
    WaitForSingleObject(hold_event, INFINITE);
    return 0;
}

static void test_fls(void)
{
    HANDLE threads[THREADS], holder;
    ULONG_PTR i;
    LONG all_once = 1;

    fls_a = FlsAlloc(callback_a);
    fls_b = FlsAlloc(callback_b);
    fls_plain = FlsAlloc(NULL);
    ok(fls_a != FLS_OUT_OF_INDEXES && fls_b != FLS_OUT_OF_INDEXES && fls_plain != FLS_OUT_OF_INDEXES, "FlsAlloc");
    ok(fls_a != fls_b, "distinct indexes");

    for (i = 0; i < THREADS; i++) threads[i] = CreateThread(NULL, 0, fls_thread, (void *)i, CREATE_SUSPENDED, &thread_ids[i]);
    for (i = 0; i < THREADS; i++) ResumeThread(threads[i]);
    ok_int(WaitForMultipleObjects(THREADS, threads, TRUE, 10000), WAIT_OBJECT_0);
    for (i = 0; i < THREADS; i++) CloseHandle(threads[i]);
    ok_int(fls_errors, 0);
    ok_int(calls_a, THREADS);
    ok_int(calls_b, THREADS);
    for (i = 0; i < THREADS; i++)
        if (seen_a[i] != 1 || seen_b[i] != 1) all_once = 0;
    ok(all_once, "each thread's values reached the callbacks once");
    ok_int(wrong_thread, 0);

    /* FlsFree hands every thread's value to the callback. */
    hold_event = CreateEventA(NULL, TRUE, FALSE, NULL);
    holder = CreateThread(NULL, 0, fls_holder, NULL, 0, NULL);
    Sleep(50);
    ok(FlsSetValue(fls_a, (void *)(100 + THREADS)), "FlsSetValue in the main thread");
    ok(FlsGetValue(fls_a) == (void *)(100 + THREADS), "FlsGetValue");
    calls_a = 0;
    ok(FlsFree(fls_a), "FlsFree");
    ok_int(calls_a, 2);
    ok(seen_a[THREADS] == 1 && seen_a[THREADS + 1] == 1, "both threads' values went to the callback");
    SetLastError(0);
    ok(FlsGetValue(fls_a) == NULL && GetLastError() == ERROR_INVALID_PARAMETER, "a freed index is invalid");
    ok(!FlsSetValue(fls_a, (void *)1) && GetLastError() == ERROR_INVALID_PARAMETER, "FlsSetValue on it fails");
    ok(!FlsFree(fls_a) && GetLastError() == ERROR_INVALID_PARAMETER, "FlsFree twice fails");
    SetEvent(hold_event);
    ok_int(WaitForSingleObject(holder, 5000), WAIT_OBJECT_0);
    ok_int(calls_a, 2);
    CloseHandle(holder);
    CloseHandle(hold_event);

    /* A null value calls nothing. */
    calls_b = 0;
    FlsSetValue(fls_b, NULL);
    ok(FlsFree(fls_b), "FlsFree");
    ok_int(calls_b, 0);
    ok(FlsFree(fls_plain), "FlsFree of an index without callback");
}

static void test_fls_exhaustion(void)
{
    static DWORD indexes[5000];
    int count = 0;
    DWORD index;

    while (count < 5000 && (index = FlsAlloc(NULL)) != FLS_OUT_OF_INDEXES) indexes[count++] = index;
    ok(count >= 100 && count < 5000, "FlsAlloc runs out (%d indexes)", count);
    while (count > 0) FlsFree(indexes[--count]);
    index = FlsAlloc(NULL);
    ok(index != FLS_OUT_OF_INDEXES, "and works again once they are freed");
    FlsFree(index);
}

#define TLS_COUNT 100
static DWORD tls_index[TLS_COUNT];
static volatile LONG tls_errors;

static DWORD WINAPI tls_thread(void *arg)
{
    ULONG_PTR t = (ULONG_PTR)arg;
    int i, round;
    for (i = 0; i < TLS_COUNT; i++)
        if (TlsGetValue(tls_index[i]) != NULL) InterlockedIncrement(&tls_errors);
    for (i = 0; i < TLS_COUNT; i++) TlsSetValue(tls_index[i], (void *)(t * 1000 + i + 1));
    for (round = 0; round < 20; round++) {
        Sleep(1);
        for (i = 0; i < TLS_COUNT; i++)
            if (TlsGetValue(tls_index[i]) != (void *)(t * 1000 + i + 1)) InterlockedIncrement(&tls_errors);
    }
    return 0;
}

static HANDLE tls_ready, tls_go;
static DWORD reused_slot;
static void *reused_value = (void *)1;
static DWORD WINAPI tls_reuse_thread(void *arg)
{
    (void)arg;
    TlsSetValue(reused_slot, (void *)0x99);
    SetEvent(tls_ready);
    WaitForSingleObject(tls_go, INFINITE);
    reused_value = TlsGetValue(reused_slot);
    return 0;
}

static void test_tls(void)
{
    HANDLE threads[THREADS], thread;
    ULONG_PTR t;
    int i, beyond = 0;
    DWORD index;

    for (i = 0; i < TLS_COUNT; i++) {
        tls_index[i] = TlsAlloc();
        if (tls_index[i] >= TLS_MINIMUM_AVAILABLE && tls_index[i] != TLS_OUT_OF_INDEXES) beyond++;
    }
    ok(tls_index[TLS_COUNT - 1] != TLS_OUT_OF_INDEXES, "TlsAlloc gives %d indexes", TLS_COUNT);
    ok(beyond > 0, "some of them are expansion slots (%d)", beyond);
    for (t = 0; t < THREADS; t++) threads[t] = CreateThread(NULL, 0, tls_thread, (void *)(t + 1), 0, NULL);
    tls_thread((void *)0);
    ok_int(WaitForMultipleObjects(THREADS, threads, TRUE, 10000), WAIT_OBJECT_0);
    for (t = 0; t < THREADS; t++) CloseHandle(threads[t]);
    ok_int(tls_errors, 0);
    for (i = 0; i < TLS_COUNT; i++) TlsFree(tls_index[i]);

    /* A freed and reallocated slot reads NULL in every thread. */
    tls_ready = CreateEventA(NULL, FALSE, FALSE, NULL);
    tls_go = CreateEventA(NULL, FALSE, FALSE, NULL);
    reused_slot = TlsAlloc();
    thread = CreateThread(NULL, 0, tls_reuse_thread, NULL, 0, NULL);
    WaitForSingleObject(tls_ready, 5000);
    TlsFree(reused_slot);
    index = TlsAlloc();
    ok_int(index, reused_slot);
    SetEvent(tls_go);
    WaitForSingleObject(thread, 5000);
    ok(reused_value == NULL, "the reused slot reads NULL in the other thread (%p)", reused_value);
    CloseHandle(thread);
    TlsFree(index);
}

int main(void)
{
    test_fls();
    test_fls_exhaustion();
    test_tls();
    return vt_summary();
}
