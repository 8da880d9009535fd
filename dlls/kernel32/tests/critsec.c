/* Critical sections and interlocked increments: exact totals under
 * contention, TryEnterCriticalSection across threads, recursion, and the
 * LockCount/RecursionCount/OwningThread fields as Windows documents them
 * (LockCount: bit 0 set when free, bit 1 set while no waiter has been woken,
 * the other bits the ones' complement of the number of waiters).
 * Debian's Wine still counts LockCount the NT 4 way (0 when owned, +1 per
 * entry and waiter), so the four LockCount checks of owned sections fail
 * under wine; the rest of this file passes there. */
#include <windows.h>
#include "vinetest.h"
#include "sync_threads.h"

#define THREADS 4
#define INTERLOCKED_ROUNDS 1000000
#define LOCKED_ROUNDS 200000

static volatile LONG interlocked_counter;
static CRITICAL_SECTION cs;
static long long plain_counter;

static DWORD WINAPI interlocked_proc(void *arg)
{
    int i;
    for (i = 0; i < INTERLOCKED_ROUNDS; i++) InterlockedIncrement(&interlocked_counter);
    return 0;
}

static DWORD WINAPI locked_proc(void *arg)
{
    int i;
    for (i = 0; i < LOCKED_ROUNDS; i++) {
        EnterCriticalSection(&cs);
        plain_counter++;
        LeaveCriticalSection(&cs);
    }
    return 0;
}

static void test_totals(void)
{
    run_threads(THREADS, interlocked_proc, NULL, 0);
    ok_int(interlocked_counter, THREADS * INTERLOCKED_ROUNDS);

    InitializeCriticalSection(&cs);
    run_threads(THREADS, locked_proc, NULL, 0);
    ok_int(plain_counter, (long long)THREADS * LOCKED_ROUNDS);
    ok_int(cs.LockCount, -1);
    ok_int(cs.RecursionCount, 0);
    DeleteCriticalSection(&cs);

    /* The same with spinning before sleeping. */
    plain_counter = 0;
    ok(InitializeCriticalSectionAndSpinCount(&cs, 4000), "InitializeCriticalSectionAndSpinCount");
    run_threads(THREADS, locked_proc, NULL, 0);
    ok_int(plain_counter, (long long)THREADS * LOCKED_ROUNDS);
    DeleteCriticalSection(&cs);
}

static volatile LONG try_result;

static DWORD WINAPI try_enter_proc(void *arg)
{
    try_result = TryEnterCriticalSection(&cs);
    if (try_result) LeaveCriticalSection(&cs);
    return 0;
}

static void test_try_enter(void)
{
    HANDLE thread;
    InitializeCriticalSection(&cs);
    EnterCriticalSection(&cs);
    try_result = -1;
    join_thread(start_thread(try_enter_proc, NULL));
    ok_int(try_result, FALSE);
    /* The owner itself may enter again. */
    ok(TryEnterCriticalSection(&cs), "TryEnterCriticalSection by the owner");
    ok_int(cs.RecursionCount, 2);
    LeaveCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    thread = start_thread(try_enter_proc, NULL);
    join_thread(thread);
    ok_int(try_result, TRUE);
    ok_int(cs.LockCount, -1);
    DeleteCriticalSection(&cs);
}

static void test_recursion(void)
{
    HANDLE self = (HANDLE)(ULONG_PTR)GetCurrentThreadId();
    InitializeCriticalSection(&cs);
    ok_int(cs.LockCount, -1);
    ok_int(cs.RecursionCount, 0);
    ok(cs.OwningThread == NULL, "no owner: %p", cs.OwningThread);

    EnterCriticalSection(&cs);
    ok_int(cs.LockCount, -2);
    ok_int(cs.RecursionCount, 1);
    ok(cs.OwningThread == self, "owner %p, expected %p", cs.OwningThread, self);
    EnterCriticalSection(&cs);
    EnterCriticalSection(&cs);
    ok_int(cs.RecursionCount, 3);
    ok_int(cs.LockCount, -2); /* recursion does not count in LockCount */
    LeaveCriticalSection(&cs);
    ok_int(cs.RecursionCount, 2);
    ok(cs.OwningThread == self, "still owned");
    LeaveCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    ok_int(cs.RecursionCount, 0);
    ok_int(cs.LockCount, -1);
    ok(cs.OwningThread == NULL, "owner cleared: %p", cs.OwningThread);
    DeleteCriticalSection(&cs);
}

static volatile LONG waiter_done;

static DWORD WINAPI waiter_proc(void *arg)
{
    EnterCriticalSection(&cs);
    waiter_done = 1;
    LeaveCriticalSection(&cs);
    return 0;
}

static void test_waiter_count(void)
{
    HANDLE thread;
    InitializeCriticalSection(&cs);
    EnterCriticalSection(&cs);
    waiter_done = 0;
    thread = start_thread(waiter_proc, NULL);
    /* Owned (bit 0 clear), nobody woken (bit 1 set), one waiter: -2 - 4. */
    ok(wait_for_long(&cs.LockCount, -6), "LockCount with one waiter: %ld", cs.LockCount);
    ok_int(waiter_done, 0);
    LeaveCriticalSection(&cs);
    join_thread(thread);
    ok_int(waiter_done, 1);
    ok_int(cs.LockCount, -1);
    ok(cs.OwningThread == NULL, "owner cleared after the waiter left");
    DeleteCriticalSection(&cs);
}

static volatile LONG waiters_done;

static DWORD WINAPI counting_waiter_proc(void *arg)
{
    EnterCriticalSection(&cs);
    InterlockedIncrement(&waiters_done);
    LeaveCriticalSection(&cs);
    return 0;
}

/* Two sleeping waiters: the owner's release wakes one; that one's release,
 * with the other still waiting, wakes the other. */
static void test_two_waiters(void)
{
    HANDLE first, second;
    InitializeCriticalSection(&cs);
    EnterCriticalSection(&cs);
    waiters_done = 0;
    first = start_thread(counting_waiter_proc, NULL);
    second = start_thread(counting_waiter_proc, NULL);
    /* Owned, nobody woken, two waiters: -2 - 2 * 4. */
    ok(wait_for_long(&cs.LockCount, -10), "LockCount with two waiters: %ld", cs.LockCount);
    ok_int(waiters_done, 0);
    LeaveCriticalSection(&cs);
    ok(WaitForSingleObject(first, 5000) == WAIT_OBJECT_0, "the first waiter finished");
    ok(WaitForSingleObject(second, 5000) == WAIT_OBJECT_0, "the second waiter finished");
    CloseHandle(first);
    CloseHandle(second);
    ok_int(waiters_done, 2);
    ok_int(cs.LockCount, -1);
    ok_int(cs.RecursionCount, 0);
    ok(cs.OwningThread == NULL, "owner cleared after both waiters left");
    DeleteCriticalSection(&cs);
}

static void test_spin_count(void)
{
    DWORD previous;
    ok(InitializeCriticalSectionEx(&cs, 1000, 0), "InitializeCriticalSectionEx returns TRUE");
    SetCriticalSectionSpinCount(&cs, 100);
    previous = SetCriticalSectionSpinCount(&cs, 0);
    /* Single-processor machines store 0. */
    ok(previous == 100 || previous == 0, "previous spin count %lu", previous);
    EnterCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);
}

int main(void)
{
    test_totals();
    test_try_enter();
    test_recursion();
    test_waiter_count();
    test_two_waiters();
    test_spin_count();
    return vt_summary();
}
