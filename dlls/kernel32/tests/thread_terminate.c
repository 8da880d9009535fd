/* TerminateThread: the thread stops at once, its handle is signalled with
 * the exit code, and a mutex it owned is abandoned to the next waiter. */
#include <windows.h>
#include "vinetest.h"

static volatile LONG64 counter;
static HANDLE mutex, owned_event;

static DWORD WINAPI spin(void *arg)
{
    (void)arg;
    for (;;) counter++;
    return 0;
}

static DWORD WINAPI own_and_sleep(void *arg)
{
    (void)arg;
    WaitForSingleObject(mutex, INFINITE);
    SetEvent(owned_event);
    Sleep(INFINITE);
    return 0;
}

static DWORD WINAPI never_runs(void *arg)
{
    *(volatile LONG *)arg = 1;
    return 0;
}

static DWORD WINAPI terminate_self(void *arg)
{
    (void)arg;
    TerminateThread(GetCurrentThread(), 31);
    counter = -1; /* never reached */
    return 0;
}

int main(void)
{
    HANDLE thread;
    DWORD code = 0;
    LONG64 before;
    volatile LONG ran = 0;

    /* A busy thread stops running Windows code. */
    thread = CreateThread(NULL, 0, spin, NULL, 0, NULL);
    while (counter == 0) Sleep(1);
    ok(TerminateThread(thread, 0xdead), "TerminateThread");
    ok_int(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    ok(GetExitCodeThread(thread, &code), "GetExitCodeThread");
    ok(code == 0xdead, "exit code %lx", (unsigned long)code);
    before = counter;
    Sleep(50);
    ok(counter == before, "the thread no longer runs");
    CloseHandle(thread);

    /* A thread blocked in a wait, owning a mutex. */
    mutex = CreateMutexA(NULL, FALSE, NULL);
    owned_event = CreateEventA(NULL, TRUE, FALSE, NULL);
    thread = CreateThread(NULL, 0, own_and_sleep, NULL, 0, NULL);
    ok_int(WaitForSingleObject(owned_event, 5000), WAIT_OBJECT_0);
    ok_int(WaitForSingleObject(mutex, 0), WAIT_TIMEOUT);
    ok(TerminateThread(thread, 42), "TerminateThread of a sleeping thread");
    ok_int(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    ok(GetExitCodeThread(thread, &code), "GetExitCodeThread");
    ok(code == 42, "exit code %lu", (unsigned long)code);
    ok_int(WaitForSingleObject(mutex, 5000), WAIT_ABANDONED);
    ok(ReleaseMutex(mutex), "the next owner releases it");
    CloseHandle(thread);

    /* A thread terminated before it ever ran. */
    thread = CreateThread(NULL, 0, never_runs, (void *)&ran, CREATE_SUSPENDED, NULL);
    ok(TerminateThread(thread, 9), "TerminateThread of a suspended thread");
    ok_int(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    ok(GetExitCodeThread(thread, &code), "GetExitCodeThread");
    ok(code == 9, "exit code %lu", (unsigned long)code);
    Sleep(50);
    ok(!ran, "its start routine never ran");
    CloseHandle(thread);

    /* TerminateThread on oneself. */
    counter = 0;
    thread = CreateThread(NULL, 0, terminate_self, NULL, 0, NULL);
    ok_int(WaitForSingleObject(thread, 5000), WAIT_OBJECT_0);
    ok(GetExitCodeThread(thread, &code), "GetExitCodeThread");
    ok(code == 31, "exit code %lu", (unsigned long)code);
    ok(counter == 0, "nothing ran after it");
    CloseHandle(thread);

    return vt_summary();
}
