/* Events, mutexes and semaphores: creation, naming, open, signalling rules
 * and the errors Windows documents. Single-threaded checks; see
 * sync_threads.c for waits across threads. */
#include <windows.h>

#include "vinetest.h"

static void test_events(void)
{
    HANDLE manual, automatic;

    SetLastError(0xdeadbeef);
    manual = CreateEventW(NULL, TRUE, FALSE, NULL);
    ok(manual != NULL, "CreateEventW manual");
    ok_int(GetLastError(), 0);
    ok(((ULONG_PTR)manual % 4) == 0, "handle values are multiples of 4 (%p)", manual);
    ok_int(WaitForSingleObject(manual, 0), WAIT_TIMEOUT);
    ok(SetEvent(manual), "SetEvent");
    ok_int(WaitForSingleObject(manual, 0), WAIT_OBJECT_0);
    ok_int(WaitForSingleObject(manual, 0), WAIT_OBJECT_0); /* stays signaled */
    ok(ResetEvent(manual), "ResetEvent");
    ok_int(WaitForSingleObject(manual, 10), WAIT_TIMEOUT);

    automatic = CreateEventW(NULL, FALSE, TRUE, NULL);
    ok_int(WaitForSingleObject(automatic, 0), WAIT_OBJECT_0);
    ok_int(WaitForSingleObject(automatic, 0), WAIT_TIMEOUT); /* reset by the wait */
    ok(SetEvent(automatic) && SetEvent(automatic), "SetEvent twice");
    ok_int(WaitForSingleObject(automatic, 0), WAIT_OBJECT_0);
    ok_int(WaitForSingleObject(automatic, 0), WAIT_TIMEOUT); /* no counting */

    ok(CloseHandle(manual) && CloseHandle(automatic), "CloseHandle");
    SetLastError(0xdeadbeef);
    ok(!SetEvent(manual), "SetEvent on a closed handle fails");
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);
}

static void test_event_ex(void)
{
    HANDLE event = CreateEventExW(NULL, NULL, CREATE_EVENT_MANUAL_RESET | CREATE_EVENT_INITIAL_SET,
                                  EVENT_ALL_ACCESS);
    ok(event != NULL, "CreateEventExW");
    ok_int(WaitForSingleObject(event, 0), WAIT_OBJECT_0);
    ok_int(WaitForSingleObject(event, 0), WAIT_OBJECT_0);
    CloseHandle(event);
}

static void test_names(void)
{
    HANDLE first, second, other, opened;
    SetLastError(0xdeadbeef);
    first = CreateEventA(NULL, TRUE, FALSE, "vine-sync-test-event");
    ok(first != NULL, "named CreateEventA");
    ok_int(GetLastError(), 0);

    SetLastError(0xdeadbeef);
    second = CreateEventA(NULL, FALSE, TRUE, "vine-sync-test-event");
    ok(second != NULL && second != first, "second CreateEventA gives a new handle");
    ok_int(GetLastError(), ERROR_ALREADY_EXISTS);
    /* The existing object is kept as it was: manual reset, not signaled. */
    ok_int(WaitForSingleObject(second, 0), WAIT_TIMEOUT);
    SetEvent(first);
    ok_int(WaitForSingleObject(second, 0), WAIT_OBJECT_0);
    ok_int(WaitForSingleObject(second, 0), WAIT_OBJECT_0);

    opened = OpenEventA(EVENT_ALL_ACCESS, FALSE, "vine-sync-test-event");
    ok(opened != NULL, "OpenEventA of an existing event");
    ok(ResetEvent(opened), "ResetEvent through the opened handle");
    ok_int(WaitForSingleObject(first, 0), WAIT_TIMEOUT);

    /* "Local\" is the same namespace as no prefix; "Global\" is not. */
    other = OpenEventA(EVENT_ALL_ACCESS, FALSE, "Local\\vine-sync-test-event");
    ok(other != NULL, "Local\\ prefix names the same object");
    CloseHandle(other);
    SetLastError(0xdeadbeef);
    other = OpenEventA(EVENT_ALL_ACCESS, FALSE, "Global\\vine-sync-test-event");
    ok(other == NULL, "Global\\ is another namespace");
    ok_int(GetLastError(), ERROR_FILE_NOT_FOUND);

    /* Names are case-sensitive. */
    SetLastError(0xdeadbeef);
    other = OpenEventA(EVENT_ALL_ACCESS, FALSE, "VINE-SYNC-TEST-EVENT");
    ok(other == NULL, "names are case-sensitive");
    ok_int(GetLastError(), ERROR_FILE_NOT_FOUND);

    /* Another type with the same name. */
    SetLastError(0xdeadbeef);
    other = CreateMutexA(NULL, FALSE, "vine-sync-test-event");
    ok(other == NULL, "a mutex cannot take an event's name");
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);
    SetLastError(0xdeadbeef);
    other = OpenSemaphoreA(SEMAPHORE_ALL_ACCESS, FALSE, "vine-sync-test-event");
    ok(other == NULL, "OpenSemaphore of an event's name");
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);

    SetLastError(0xdeadbeef);
    other = OpenEventA(EVENT_ALL_ACCESS, FALSE, "vine-sync-test-missing");
    ok(other == NULL, "OpenEvent of a missing name");
    ok_int(GetLastError(), ERROR_FILE_NOT_FOUND);

    /* The name goes with the last handle. */
    CloseHandle(first);
    CloseHandle(second);
    CloseHandle(opened);
    SetLastError(0xdeadbeef);
    other = OpenEventA(EVENT_ALL_ACCESS, FALSE, "vine-sync-test-event");
    ok(other == NULL, "the name is gone with its last handle");
    ok_int(GetLastError(), ERROR_FILE_NOT_FOUND);

    /* Wide names and a backslash after the prefix. */
    first = CreateEventW(NULL, FALSE, FALSE, L"Global\\vine-wide-\x00e9v\x00e9nement");
    ok(first != NULL, "CreateEventW with a non-ASCII Global\\ name");
    second = OpenEventW(SYNCHRONIZE, FALSE, L"Global\\vine-wide-\x00e9v\x00e9nement");
    ok(second != NULL, "OpenEventW of it");
    CloseHandle(first);
    CloseHandle(second);
    SetLastError(0xdeadbeef);
    first = CreateEventA(NULL, FALSE, FALSE, "vine\\bad");
    ok(first == NULL, "a name with a backslash in a subdirectory that does not exist");
    ok_int(GetLastError(), ERROR_PATH_NOT_FOUND);
}

static void test_access(void)
{
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, "vine-sync-access");
    HANDLE wait_only = OpenEventA(SYNCHRONIZE, FALSE, "vine-sync-access");
    HANDLE modify_only = OpenEventA(EVENT_MODIFY_STATE, FALSE, "vine-sync-access");
    ok(wait_only && modify_only, "OpenEvent with limited access");
    SetLastError(0xdeadbeef);
    ok(!SetEvent(wait_only), "SetEvent needs EVENT_MODIFY_STATE");
    ok_int(GetLastError(), ERROR_ACCESS_DENIED);
    ok(SetEvent(modify_only), "SetEvent with EVENT_MODIFY_STATE");
    SetLastError(0xdeadbeef);
    ok_int(WaitForSingleObject(modify_only, 0), WAIT_FAILED);
    ok_int(GetLastError(), ERROR_ACCESS_DENIED);
    ok_int(WaitForSingleObject(wait_only, 0), WAIT_OBJECT_0);
    CloseHandle(event);
    CloseHandle(wait_only);
    CloseHandle(modify_only);
}

static void test_mutex(void)
{
    HANDLE mutex = CreateMutexW(NULL, TRUE, NULL), again;
    ok(mutex != NULL, "CreateMutexW owned");
    /* Recursion: the owner acquires it again and must release as often. */
    ok_int(WaitForSingleObject(mutex, 0), WAIT_OBJECT_0);
    ok_int(WaitForSingleObject(mutex, 0), WAIT_OBJECT_0);
    ok(ReleaseMutex(mutex), "release 1");
    ok(ReleaseMutex(mutex), "release 2");
    ok(ReleaseMutex(mutex), "release 3");
    SetLastError(0xdeadbeef);
    ok(!ReleaseMutex(mutex), "one release too many");
    ok_int(GetLastError(), ERROR_NOT_OWNER);
    ok_int(WaitForSingleObject(mutex, 0), WAIT_OBJECT_0);
    ok(ReleaseMutex(mutex), "release after wait");

    /* An existing named mutex is not acquired by CreateMutex(TRUE). */
    again = CreateMutexA(NULL, FALSE, "vine-sync-mutex");
    SetLastError(0xdeadbeef);
    mutex = CreateMutexA(NULL, TRUE, "vine-sync-mutex");
    ok_int(GetLastError(), ERROR_ALREADY_EXISTS);
    SetLastError(0xdeadbeef);
    ok(!ReleaseMutex(mutex), "not owned although bInitialOwner");
    ok_int(GetLastError(), ERROR_NOT_OWNER);
    CloseHandle(mutex);
    CloseHandle(again);

    SetLastError(0xdeadbeef);
    ok(!ReleaseMutex(CreateEventW(NULL, FALSE, FALSE, NULL)), "ReleaseMutex of an event");
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);
}

static void test_semaphore(void)
{
    LONG previous = -1;
    HANDLE semaphore;

    SetLastError(0xdeadbeef);
    ok(CreateSemaphoreW(NULL, 3, 2, NULL) == NULL, "initial above maximum");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0xdeadbeef);
    ok(CreateSemaphoreW(NULL, 0, 0, NULL) == NULL, "maximum 0");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);

    semaphore = CreateSemaphoreW(NULL, 2, 3, NULL);
    ok_int(WaitForSingleObject(semaphore, 0), WAIT_OBJECT_0);
    ok_int(WaitForSingleObject(semaphore, 0), WAIT_OBJECT_0);
    ok_int(WaitForSingleObject(semaphore, 0), WAIT_TIMEOUT);
    ok(ReleaseSemaphore(semaphore, 3, &previous), "release 3");
    ok_int(previous, 0);
    SetLastError(0xdeadbeef);
    previous = -1;
    ok(!ReleaseSemaphore(semaphore, 1, &previous), "past the maximum");
    ok_int(GetLastError(), ERROR_TOO_MANY_POSTS);
    ok_int(previous, -1);
    SetLastError(0xdeadbeef);
    ok(!ReleaseSemaphore(semaphore, 0, NULL), "release 0");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
    ok_int(WaitForSingleObject(semaphore, 0), WAIT_OBJECT_0);
    ok(ReleaseSemaphore(semaphore, 1, &previous), "release 1");
    ok_int(previous, 2);
    CloseHandle(semaphore);
}

static void test_multiple(void)
{
    HANDLE events[3], many[65];
    int i;
    for (i = 0; i < 3; i++) events[i] = CreateEventW(NULL, FALSE, FALSE, NULL);

    ok_int(WaitForMultipleObjects(3, events, FALSE, 0), WAIT_TIMEOUT);
    SetEvent(events[2]);
    SetEvent(events[1]);
    /* Wait-any reports the lowest index that is signaled. */
    ok_int(WaitForMultipleObjects(3, events, FALSE, 0), WAIT_OBJECT_0 + 1);
    ok_int(WaitForMultipleObjects(3, events, FALSE, 0), WAIT_OBJECT_0 + 2);

    /* Wait-all takes nothing unless it can take everything. */
    SetEvent(events[0]);
    SetEvent(events[1]);
    ok_int(WaitForMultipleObjects(3, events, TRUE, 0), WAIT_TIMEOUT);
    ok_int(WaitForSingleObject(events[0], 0), WAIT_OBJECT_0);
    ok_int(WaitForSingleObject(events[1], 0), WAIT_OBJECT_0);
    SetEvent(events[0]);
    SetEvent(events[1]);
    SetEvent(events[2]);
    ok_int(WaitForMultipleObjects(3, events, TRUE, 0), WAIT_OBJECT_0);
    ok_int(WaitForMultipleObjects(3, events, FALSE, 0), WAIT_TIMEOUT);

    SetLastError(0xdeadbeef);
    ok_int(WaitForMultipleObjects(0, events, FALSE, 0), WAIT_FAILED);
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
    for (i = 0; i < 65; i++) many[i] = events[0];
    SetLastError(0xdeadbeef);
    ok_int(WaitForMultipleObjects(65, many, FALSE, 0), WAIT_FAILED);
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
    /* 64 is the limit, and it is allowed (wait-any accepts duplicates). */
    SetEvent(events[0]);
    ok_int(WaitForMultipleObjects(64, many, FALSE, 0), WAIT_OBJECT_0);

    many[0] = events[0];
    many[1] = (HANDLE)(ULONG_PTR)0x7ff0;
    SetLastError(0xdeadbeef);
    ok_int(WaitForMultipleObjects(2, many, FALSE, 0), WAIT_FAILED);
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);

    /* Timeouts: a 50 ms wait ends (no assertion on the exact time). */
    ok_int(WaitForMultipleObjects(3, events, TRUE, 50), WAIT_TIMEOUT);
    for (i = 0; i < 3; i++) CloseHandle(events[i]);
}

static void test_invalid(void)
{
    SetLastError(0xdeadbeef);
    ok(!CloseHandle((HANDLE)(ULONG_PTR)0x7ff0), "CloseHandle of a bad handle");
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);
    SetLastError(0xdeadbeef);
    ok(!CloseHandle(NULL), "CloseHandle(NULL)");
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);
    SetLastError(0xdeadbeef);
    ok_int(WaitForSingleObject((HANDLE)(ULONG_PTR)0x7ff0, 0), WAIT_FAILED);
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);
    /* Waiting for oneself times out: the process cannot end while it waits. */
    ok_int(WaitForSingleObject(GetCurrentProcess(), 0), WAIT_TIMEOUT);
    ok_int(WaitForSingleObject(GetCurrentThread(), 10), WAIT_TIMEOUT);
}

int main(void)
{
    test_events();
    test_event_ex();
    test_names();
    test_access();
    test_mutex();
    test_semaphore();
    test_multiple();
    test_invalid();
    return vt_summary();
}
