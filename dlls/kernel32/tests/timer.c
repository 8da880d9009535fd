/* Waitable timers: relative and absolute due times, manual-reset and
 * synchronization timers, periods, completion routines run as APCs in
 * alertable waits, cancelling, names. Timing bounds are loose on purpose. */
#include <windows.h>
#include "vinetest.h"

static LARGE_INTEGER relative_ms(LONGLONG ms)
{
    LARGE_INTEGER due;
    due.QuadPart = -ms * 10000;
    return due;
}

static void test_one_shot(void)
{
    HANDLE timer = CreateWaitableTimerW(NULL, TRUE, NULL);
    LARGE_INTEGER due = relative_ms(50);
    DWORD start, elapsed;

    ok(timer != NULL, "CreateWaitableTimerW");
    ok_int(WaitForSingleObject(timer, 0), WAIT_TIMEOUT);
    start = GetTickCount();
    ok(SetWaitableTimer(timer, &due, 0, NULL, NULL, FALSE), "SetWaitableTimer");
    ok_int(WaitForSingleObject(timer, 0), WAIT_TIMEOUT);
    ok_int(WaitForSingleObject(timer, 5000), WAIT_OBJECT_0);
    elapsed = GetTickCount() - start;
    ok(elapsed >= 30, "it fired after its due time (%lu ms)", (unsigned long)elapsed);
    ok_int(WaitForSingleObject(timer, 0), WAIT_OBJECT_0); /* manual reset: stays signaled */

    /* Setting it again makes it non-signaled. */
    due = relative_ms(3600 * 1000);
    ok(SetWaitableTimer(timer, &due, 0, NULL, NULL, FALSE), "SetWaitableTimer again");
    ok_int(WaitForSingleObject(timer, 0), WAIT_TIMEOUT);
    ok(CancelWaitableTimer(timer), "CancelWaitableTimer");
    CloseHandle(timer);
}

static void test_synchronization_timer(void)
{
    HANDLE timer = CreateWaitableTimerExW(NULL, NULL, 0, TIMER_ALL_ACCESS);
    LARGE_INTEGER due = relative_ms(20);

    ok(timer != NULL, "CreateWaitableTimerExW");
    ok(SetWaitableTimer(timer, &due, 0, NULL, NULL, FALSE), "SetWaitableTimer");
    ok_int(WaitForSingleObject(timer, 5000), WAIT_OBJECT_0);
    ok_int(WaitForSingleObject(timer, 100), WAIT_TIMEOUT); /* one waiter consumed it */
    CloseHandle(timer);
}

static void test_absolute(void)
{
    HANDLE timer = CreateWaitableTimerA(NULL, FALSE, NULL);
    FILETIME now;
    LARGE_INTEGER due;
    DWORD start = GetTickCount(), elapsed;

    GetSystemTimeAsFileTime(&now);
    due.LowPart = now.dwLowDateTime;
    due.HighPart = (LONG)now.dwHighDateTime;
    due.QuadPart += 100 * 10000; /* 100 ms from now, UTC */
    ok(SetWaitableTimer(timer, &due, 0, NULL, NULL, FALSE), "SetWaitableTimer (absolute)");
    ok_int(WaitForSingleObject(timer, 5000), WAIT_OBJECT_0);
    elapsed = GetTickCount() - start;
    ok(elapsed >= 60, "fired at its time (%lu ms)", (unsigned long)elapsed);

    /* A time in the past fires at once. */
    due.QuadPart -= 10000000LL * 3600;
    ok(SetWaitableTimer(timer, &due, 0, NULL, NULL, FALSE), "SetWaitableTimer (past)");
    ok_int(WaitForSingleObject(timer, 2000), WAIT_OBJECT_0);
    CloseHandle(timer);
}

static void test_periodic(void)
{
    HANDLE timer = CreateWaitableTimerW(NULL, FALSE, NULL);
    LARGE_INTEGER due = relative_ms(20);
    DWORD start = GetTickCount();
    int ticks = 0;

    ok(SetWaitableTimer(timer, &due, 20, NULL, NULL, FALSE), "SetWaitableTimer (20 ms period)");
    while (GetTickCount() - start < 400)
        if (WaitForSingleObject(timer, 200) == WAIT_OBJECT_0) ticks++;
    ok(ticks >= 5 && ticks <= 30, "about 20 ticks in 400 ms (%d)", ticks);
    ok(CancelWaitableTimer(timer), "CancelWaitableTimer");
    WaitForSingleObject(timer, 0); /* one may have fired in between */
    ok_int(WaitForSingleObject(timer, 200), WAIT_TIMEOUT);
    CloseHandle(timer);
}

static int apc_calls;
static void *apc_argument;
static DWORD apc_thread, apc_high;

static void CALLBACK on_timer(void *argument, DWORD low, DWORD high)
{
    (void)low;
    apc_calls++;
    apc_argument = argument;
    apc_thread = GetCurrentThreadId();
    apc_high = high;
}

static void test_completion_routine(void)
{
    HANDLE timer = CreateWaitableTimerW(NULL, FALSE, NULL);
    LARGE_INTEGER due = relative_ms(30);
    int marker;

    ok(SetWaitableTimer(timer, &due, 0, on_timer, &marker, FALSE), "SetWaitableTimer with a routine");
    ok_int(SleepEx(5000, TRUE), WAIT_IO_COMPLETION);
    ok_int(apc_calls, 1);
    ok(apc_argument == &marker, "the routine gets its argument");
    ok(apc_thread == GetCurrentThreadId(), "in the thread that set the timer");
    ok(apc_high != 0, "and the time it fired");
    ok_int(WaitForSingleObject(timer, 0), WAIT_OBJECT_0); /* the timer itself is signaled too */

    /* Not run by a wait that is not alertable. */
    apc_calls = 0;
    due = relative_ms(20);
    ok(SetWaitableTimer(timer, &due, 0, on_timer, &marker, FALSE), "SetWaitableTimer with a routine");
    Sleep(150);
    ok_int(apc_calls, 0);
    ok_int(SleepEx(0, TRUE), WAIT_IO_COMPLETION);
    ok_int(apc_calls, 1);

    /* Cancelled before it fires: nothing runs, nothing signals. */
    apc_calls = 0;
    due = relative_ms(100);
    ok(SetWaitableTimer(timer, &due, 0, on_timer, &marker, FALSE), "SetWaitableTimer");
    ok(CancelWaitableTimer(timer), "CancelWaitableTimer");
    ok_int(SleepEx(300, TRUE), 0);
    ok_int(apc_calls, 0);
    ok_int(WaitForSingleObject(timer, 0), WAIT_TIMEOUT);
    CloseHandle(timer);
}

static void test_named(void)
{
    HANDLE timer = CreateWaitableTimerW(NULL, TRUE, L"vine-test-timer"), opened;
    LARGE_INTEGER due = relative_ms(20);

    ok(timer != NULL, "a named timer");
    opened = OpenWaitableTimerW(TIMER_ALL_ACCESS, FALSE, L"vine-test-timer");
    ok(opened != NULL, "OpenWaitableTimerW");
    ok(SetWaitableTimer(opened, &due, 0, NULL, NULL, FALSE), "set through one handle");
    ok_int(WaitForSingleObject(timer, 5000), WAIT_OBJECT_0);
    CloseHandle(opened);
    CloseHandle(timer);
    SetLastError(0);
    ok(OpenWaitableTimerW(TIMER_ALL_ACCESS, FALSE, L"vine-test-no-such-timer") == NULL &&
       GetLastError() == ERROR_FILE_NOT_FOUND, "opening a missing timer fails");
    ok(!SetWaitableTimer(NULL, &due, 0, NULL, NULL, FALSE) && GetLastError() == ERROR_INVALID_HANDLE,
       "a null handle is refused");
}

int main(void)
{
    test_one_shot();
    test_synchronization_timer();
    test_absolute();
    test_periodic();
    test_completion_routine();
    test_named();
    return vt_summary();
}
