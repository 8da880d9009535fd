/* The NT layer of handles and synchronization, called directly as Rust's
 * std, Go's runtime and parts of MSVC's CRT do: NtCreateEvent and friends,
 * NtWaitFor*, NtDelayExecution, NtQueueApcThread, NtDuplicateObject,
 * NtClose, with exact NTSTATUS results; and RtlNtStatusToDosError. The
 * prototypes are declared here, as programs that use them do. */
#include <windows.h>

#include "nt_types.h"
#include "vinetest.h"

/* Declared here rather than taken from winternl.h, which declares some of
 * these functions with other types. */
#define OBJECT_ATTRIBUTES NT_ATTRIBUTES
#define OBJ_OPENIF 0x80

typedef enum { NotificationEvent_, SynchronizationEvent_ } EVENT_TYPE_;
typedef enum { WaitAllObject_, WaitAnyObject_ } WAIT_TYPE_;
typedef void(WINAPI *APC_ROUTINE)(ULONG_PTR, ULONG_PTR, ULONG_PTR);
typedef struct {
    EVENT_TYPE_ EventType;
    LONG EventState;
} EVENT_BASIC_INFO;
typedef struct {
    LONG CurrentCount;
    BOOLEAN OwnedByCaller;
    BOOLEAN AbandonedState;
} MUTANT_BASIC_INFO;
typedef struct {
    LONG CurrentCount;
    LONG MaximumCount;
} SEMAPHORE_BASIC_INFO;

NTSTATUS WINAPI NtCreateEvent(HANDLE *, ACCESS_MASK, const OBJECT_ATTRIBUTES *, EVENT_TYPE_, BOOLEAN);
NTSTATUS WINAPI NtOpenEvent(HANDLE *, ACCESS_MASK, const OBJECT_ATTRIBUTES *);
NTSTATUS WINAPI NtSetEvent(HANDLE, LONG *);
NTSTATUS WINAPI NtResetEvent(HANDLE, LONG *);
NTSTATUS WINAPI NtClearEvent(HANDLE);
NTSTATUS WINAPI NtPulseEvent(HANDLE, LONG *);
NTSTATUS WINAPI NtQueryEvent(HANDLE, ULONG, void *, ULONG, ULONG *);
NTSTATUS WINAPI NtCreateMutant(HANDLE *, ACCESS_MASK, const OBJECT_ATTRIBUTES *, BOOLEAN);
NTSTATUS WINAPI NtOpenMutant(HANDLE *, ACCESS_MASK, const OBJECT_ATTRIBUTES *);
NTSTATUS WINAPI NtReleaseMutant(HANDLE, LONG *);
NTSTATUS WINAPI NtQueryMutant(HANDLE, ULONG, void *, ULONG, ULONG *);
NTSTATUS WINAPI NtCreateSemaphore(HANDLE *, ACCESS_MASK, const OBJECT_ATTRIBUTES *, LONG, LONG);
NTSTATUS WINAPI NtOpenSemaphore(HANDLE *, ACCESS_MASK, const OBJECT_ATTRIBUTES *);
NTSTATUS WINAPI NtReleaseSemaphore(HANDLE, ULONG, ULONG *);
NTSTATUS WINAPI NtQuerySemaphore(HANDLE, ULONG, void *, ULONG, ULONG *);
NTSTATUS WINAPI NtWaitForSingleObject(HANDLE, BOOLEAN, const LARGE_INTEGER *);
NTSTATUS WINAPI NtWaitForMultipleObjects(ULONG, const HANDLE *, WAIT_TYPE_, BOOLEAN, const LARGE_INTEGER *);
NTSTATUS WINAPI NtSignalAndWaitForSingleObject(HANDLE, HANDLE, BOOLEAN, const LARGE_INTEGER *);
NTSTATUS WINAPI NtDelayExecution(BOOLEAN, const LARGE_INTEGER *);
NTSTATUS WINAPI NtQueueApcThread(HANDLE, APC_ROUTINE, ULONG_PTR, ULONG_PTR, ULONG_PTR);
NTSTATUS WINAPI NtTestAlert(void);
NTSTATUS WINAPI NtDuplicateObject(HANDLE, HANDLE, HANDLE, HANDLE *, ACCESS_MASK, ULONG, ULONG);
NTSTATUS WINAPI NtClose(HANDLE);
NTSTATUS WINAPI ZwSetEvent(HANDLE, LONG *);
ULONG WINAPI RtlNtStatusToDosError(NTSTATUS);

#define S_SUCCESS ((NTSTATUS)0)
#define S_ABANDONED_WAIT_0 ((NTSTATUS)0x80)
#define S_USER_APC ((NTSTATUS)0xc0)
#define S_TIMEOUT ((NTSTATUS)0x102)
#define S_OBJECT_NAME_EXISTS ((NTSTATUS)0x40000000)
#define S_INVALID_HANDLE ((NTSTATUS)0xc0000008)
#define S_INVALID_PARAMETER ((NTSTATUS)0xc000000d)
#define S_OBJECT_TYPE_MISMATCH ((NTSTATUS)0xc0000024)
#define S_INVALID_PARAMETER_MIX ((NTSTATUS)0xc0000030)
#define S_INVALID_PARAMETER_1 ((NTSTATUS)0xc00000ef)
#define S_OBJECT_NAME_NOT_FOUND ((NTSTATUS)0xc0000034)
#define S_OBJECT_NAME_COLLISION ((NTSTATUS)0xc0000035)
#define S_OBJECT_PATH_NOT_FOUND ((NTSTATUS)0xc000003a)
#define S_OBJECT_PATH_SYNTAX_BAD ((NTSTATUS)0xc000003b)
#define S_MUTANT_NOT_OWNED ((NTSTATUS)0xc0000046)
#define S_SEMAPHORE_LIMIT_EXCEEDED ((NTSTATUS)0xc0000047)
#define S_ACCESS_DENIED ((NTSTATUS)0xc0000022)

#define ok_status(got, expected) ok_int((unsigned)(got), (unsigned)(expected))

static LARGE_INTEGER relative_ms(LONGLONG ms)
{
    LARGE_INTEGER t;
    t.QuadPart = -ms * 10000;
    return t;
}

static void init_name(OBJECT_ATTRIBUTES *attributes, NT_STRING *string, const WCHAR *name, ULONG flags)
{
    string->Buffer = (WCHAR *)name;
    USHORT length = 0;
    while (name[length]) length++;
    string->Length = length * sizeof(WCHAR);
    string->MaximumLength = string->Length + sizeof(WCHAR);
    memset(attributes, 0, sizeof(*attributes));
    attributes->Length = sizeof(*attributes);
    attributes->ObjectName = string;
    attributes->Attributes = flags;
}

/* "\Sessions\N\BaseNamedObjects\" + name, for the caller's session N. */
static void session_path(WCHAR *out, const WCHAR *name)
{
    static const WCHAR sessions[] = L"\\Sessions\\", directory[] = L"\\BaseNamedObjects\\";
    BOOL(WINAPI * to_session)(DWORD, DWORD *) =
        (void *)GetProcAddress(GetModuleHandleA("kernel32.dll"), "ProcessIdToSessionId");
    DWORD session = 1;
    WCHAR digits[12];
    int count = 0, i;

    if (to_session) to_session(GetCurrentProcessId(), &session);
    do digits[count++] = L'0' + session % 10;
    while ((session /= 10) != 0);
    for (i = 0; sessions[i]; i++) *out++ = sessions[i];
    while (count) *out++ = digits[--count];
    for (i = 0; directory[i]; i++) *out++ = directory[i];
    for (i = 0; name[i]; i++) *out++ = name[i];
    *out = 0;
}

static void test_events(void)
{
    HANDLE manual, automatic, bad;
    LONG previous = -1;
    EVENT_BASIC_INFO info;
    ULONG length = 0;
    LARGE_INTEGER zero = {{0}};

    ok_status(NtCreateEvent(&manual, EVENT_ALL_ACCESS, NULL, NotificationEvent_, FALSE), S_SUCCESS);
    ok_status(NtWaitForSingleObject(manual, FALSE, &zero), S_TIMEOUT);
    ok_status(NtSetEvent(manual, &previous), S_SUCCESS);
    ok_int(previous, 0);
    ok_status(NtSetEvent(manual, &previous), S_SUCCESS);
    ok_int(previous, 1);
    ok_status(NtWaitForSingleObject(manual, FALSE, &zero), S_SUCCESS);
    ok_status(NtWaitForSingleObject(manual, FALSE, &zero), S_SUCCESS); /* stays signaled */
    ok_status(NtQueryEvent(manual, 0, &info, sizeof(info), &length), S_SUCCESS);
    ok_int(info.EventType, NotificationEvent_);
    ok_int(info.EventState, 1);
    ok_int(length, sizeof(info));
    ok_status(NtResetEvent(manual, &previous), S_SUCCESS);
    ok_int(previous, 1);
    ok_status(NtResetEvent(manual, &previous), S_SUCCESS);
    ok_int(previous, 0);
    ok_status(ZwSetEvent(manual, NULL), S_SUCCESS); /* Zw* are the same functions */
    ok_status(NtClearEvent(manual), S_SUCCESS);
    ok_status(NtWaitForSingleObject(manual, FALSE, &zero), S_TIMEOUT);
    ok_status(NtPulseEvent(manual, &previous), S_SUCCESS);
    ok_int(previous, 0);
    ok_status(NtWaitForSingleObject(manual, FALSE, &zero), S_TIMEOUT); /* nobody was waiting */
    ok_status(NtQueryEvent(manual, 0, &info, sizeof(info) + 1, &length), (NTSTATUS)0xc0000004);

    ok_status(NtCreateEvent(&automatic, EVENT_ALL_ACCESS, NULL, SynchronizationEvent_, TRUE), S_SUCCESS);
    ok_status(NtQueryEvent(automatic, 0, &info, sizeof(info), NULL), S_SUCCESS);
    ok_int(info.EventType, SynchronizationEvent_);
    ok_status(NtWaitForSingleObject(automatic, FALSE, &zero), S_SUCCESS);
    ok_status(NtWaitForSingleObject(automatic, FALSE, &zero), S_TIMEOUT); /* reset by the wait */
    ok_status(NtCreateEvent(&bad, EVENT_ALL_ACCESS, NULL, 2, FALSE), S_INVALID_PARAMETER);

    /* Another type's call on an event. */
    ok_status(NtReleaseMutant(manual, NULL), S_OBJECT_TYPE_MISMATCH);
    ok_status(NtClose(manual), S_SUCCESS);
    ok_status(NtClose(automatic), S_SUCCESS);
    ok_status(NtSetEvent(manual, NULL), S_INVALID_HANDLE);
    ok_status(NtClose(manual), S_INVALID_HANDLE);
    ok_status(NtClose((HANDLE)(ULONG_PTR)0x7ffc), S_INVALID_HANDLE);
}

static DWORD WINAPI own_and_exit(void *mutant)
{
    LARGE_INTEGER zero = {{0}};
    return NtWaitForSingleObject(mutant, FALSE, &zero); /* ends owning it */
}

static void test_mutants(void)
{
    HANDLE mutant, thread;
    LONG previous = 99;
    MUTANT_BASIC_INFO info;
    LARGE_INTEGER zero = {{0}};

    ok_status(NtCreateMutant(&mutant, MUTANT_ALL_ACCESS, NULL, TRUE), S_SUCCESS);
    ok_status(NtWaitForSingleObject(mutant, FALSE, &zero), S_SUCCESS); /* recursion */
    ok_status(NtQueryMutant(mutant, 0, &info, sizeof(info), NULL), S_SUCCESS);
    ok_int(info.CurrentCount, -1);
    ok_int(info.OwnedByCaller, TRUE);
    ok_int(info.AbandonedState, FALSE);
    ok_status(NtReleaseMutant(mutant, &previous), S_SUCCESS);
    ok_int(previous, -1);
    ok_status(NtReleaseMutant(mutant, &previous), S_SUCCESS);
    ok_int(previous, 0);
    ok_status(NtQueryMutant(mutant, 0, &info, sizeof(info), NULL), S_SUCCESS);
    ok_int(info.CurrentCount, 1);
    ok_int(info.OwnedByCaller, FALSE);
    ok_status(NtReleaseMutant(mutant, &previous), S_MUTANT_NOT_OWNED);

    /* A thread that ends owning it abandons it. */
    thread = CreateThread(NULL, 0, own_and_exit, mutant, 0, NULL);
    ok_status(NtWaitForSingleObject(thread, FALSE, NULL), S_SUCCESS);
    CloseHandle(thread);
    ok_status(NtQueryMutant(mutant, 0, &info, sizeof(info), NULL), S_SUCCESS);
    ok_int(info.AbandonedState, TRUE);
    ok_status(NtWaitForSingleObject(mutant, FALSE, &zero), S_ABANDONED_WAIT_0);
    ok_status(NtWaitForSingleObject(mutant, FALSE, &zero), S_SUCCESS); /* ours now, no longer abandoned */
    ok_status(NtReleaseMutant(mutant, NULL), S_SUCCESS);
    ok_status(NtReleaseMutant(mutant, NULL), S_SUCCESS);
    ok_status(NtClose(mutant), S_SUCCESS);
}

static void test_semaphores(void)
{
    HANDLE semaphore;
    ULONG previous = 99;
    SEMAPHORE_BASIC_INFO info;
    LARGE_INTEGER zero = {{0}};

    ok_status(NtCreateSemaphore(&semaphore, SEMAPHORE_ALL_ACCESS, NULL, 3, 2), S_INVALID_PARAMETER);
    ok_status(NtCreateSemaphore(&semaphore, SEMAPHORE_ALL_ACCESS, NULL, 0, 0), S_INVALID_PARAMETER);
    ok_status(NtCreateSemaphore(&semaphore, SEMAPHORE_ALL_ACCESS, NULL, 1, 3), S_SUCCESS);
    ok_status(NtReleaseSemaphore(semaphore, 2, &previous), S_SUCCESS);
    ok_int(previous, 1);
    ok_status(NtReleaseSemaphore(semaphore, 1, &previous), S_SEMAPHORE_LIMIT_EXCEEDED);
    ok_status(NtQuerySemaphore(semaphore, 0, &info, sizeof(info), NULL), S_SUCCESS);
    ok_int(info.CurrentCount, 3);
    ok_int(info.MaximumCount, 3);
    ok_status(NtWaitForSingleObject(semaphore, FALSE, &zero), S_SUCCESS);
    ok_status(NtReleaseSemaphore(semaphore, 1, &previous), S_SUCCESS);
    ok_int(previous, 2);
    ok_status(NtClose(semaphore), S_SUCCESS);
}

static void test_timeouts(void)
{
    HANDLE event;
    LARGE_INTEGER timeout;
    FILETIME now;
    DWORD start, elapsed;

    NtCreateEvent(&event, EVENT_ALL_ACCESS, NULL, NotificationEvent_, FALSE);
    timeout = relative_ms(50);
    start = GetTickCount();
    ok_status(NtWaitForSingleObject(event, FALSE, &timeout), S_TIMEOUT);
    elapsed = GetTickCount() - start;
    ok(elapsed >= 40 && elapsed < 1000, "relative 50 ms timeout took %lu ms", elapsed);

    /* Positive: an absolute system time. */
    GetSystemTimeAsFileTime(&now);
    timeout.u.LowPart = now.dwLowDateTime;
    timeout.u.HighPart = (LONG)now.dwHighDateTime;
    timeout.QuadPart += 50 * 10000;
    start = GetTickCount();
    ok_status(NtWaitForSingleObject(event, FALSE, &timeout), S_TIMEOUT);
    elapsed = GetTickCount() - start;
    ok(elapsed >= 30 && elapsed < 1000, "absolute timeout 50 ms ahead took %lu ms", elapsed);
    /* An absolute time in the past is an immediate timeout. */
    timeout.QuadPart = 1;
    ok_status(NtWaitForSingleObject(event, FALSE, &timeout), S_TIMEOUT);

    timeout = relative_ms(20);
    start = GetTickCount();
    ok_status(NtDelayExecution(FALSE, &timeout), S_SUCCESS);
    elapsed = GetTickCount() - start;
    ok(elapsed >= 10 && elapsed < 1000, "NtDelayExecution 20 ms took %lu ms", elapsed);
    NtClose(event);
}

static void test_multiple(void)
{
    HANDLE objects[3];
    LARGE_INTEGER zero = {{0}};

    NtCreateEvent(&objects[0], EVENT_ALL_ACCESS, NULL, SynchronizationEvent_, FALSE);
    NtCreateEvent(&objects[1], EVENT_ALL_ACCESS, NULL, SynchronizationEvent_, TRUE);
    NtCreateSemaphore(&objects[2], SEMAPHORE_ALL_ACCESS, NULL, 1, 1);

    ok_status(NtWaitForMultipleObjects(3, objects, WaitAnyObject_, FALSE, &zero), 1);
    ok_status(NtWaitForMultipleObjects(3, objects, WaitAnyObject_, FALSE, &zero), 2);
    ok_status(NtWaitForMultipleObjects(3, objects, WaitAnyObject_, FALSE, &zero), S_TIMEOUT);

    /* Wait-all takes nothing unless it can take everything. */
    NtSetEvent(objects[0], NULL);
    NtReleaseSemaphore(objects[2], 1, NULL);
    ok_status(NtWaitForMultipleObjects(3, objects, WaitAllObject_, FALSE, &zero), S_TIMEOUT);
    ok_status(NtWaitForSingleObject(objects[0], FALSE, &zero), S_SUCCESS);
    NtSetEvent(objects[0], NULL);
    NtSetEvent(objects[1], NULL);
    ok_status(NtWaitForMultipleObjects(3, objects, WaitAllObject_, FALSE, &zero), S_SUCCESS);
    ok_status(NtWaitForMultipleObjects(3, objects, WaitAnyObject_, FALSE, &zero), S_TIMEOUT);

    ok_status(NtWaitForMultipleObjects(0, objects, WaitAnyObject_, FALSE, &zero), S_INVALID_PARAMETER_1);
    /* Windows refuses the same object twice in a wait-all (Wine does not
     * check, and times out here). */
    objects[1] = objects[0];
    ok_status(NtWaitForMultipleObjects(2, objects, WaitAllObject_, FALSE, &zero), S_INVALID_PARAMETER_MIX);

    /* Signal one, wait for another, in one call. */
    NtSetEvent(objects[2], NULL); /* a semaphore: wrong type, nothing changes */
    ok_status(NtSignalAndWaitForSingleObject(objects[0], objects[0], FALSE, &zero), S_SUCCESS);
    NtClose(objects[0]);
    NtClose(objects[2]);
}

static int apc_calls;
static ULONG_PTR apc_args[3];

static void WINAPI apc(ULONG_PTR a, ULONG_PTR b, ULONG_PTR c)
{
    apc_calls++;
    apc_args[0] = a;
    apc_args[1] = b;
    apc_args[2] = c;
}

static void test_apcs(void)
{
    LARGE_INTEGER timeout = relative_ms(5000), zero = {{0}};
    HANDLE event;

    ok_status(NtQueueApcThread(GetCurrentThread(), apc, 1, 2, 3), S_SUCCESS);
    ok_int(apc_calls, 0); /* not before an alertable wait */
    ok_status(NtDelayExecution(FALSE, &zero), S_SUCCESS);
    ok_int(apc_calls, 0);
    ok_status(NtDelayExecution(TRUE, &timeout), S_USER_APC);
    ok_int(apc_calls, 1);
    ok(apc_args[0] == 1 && apc_args[1] == 2 && apc_args[2] == 3, "APC arguments");

    NtCreateEvent(&event, EVENT_ALL_ACCESS, NULL, NotificationEvent_, FALSE);
    ok_status(NtQueueApcThread(GetCurrentThread(), apc, 4, 5, 6), S_SUCCESS);
    ok_status(NtWaitForSingleObject(event, TRUE, &timeout), S_USER_APC);
    ok_int(apc_calls, 2);
    ok_status(NtQueueApcThread(GetCurrentThread(), apc, 7, 8, 9), S_SUCCESS);
    ok_status(NtTestAlert(), S_SUCCESS);
    ok_int(apc_calls, 3);
    ok_status(NtQueueApcThread(event, apc, 0, 0, 0), S_OBJECT_TYPE_MISMATCH);
    ok_status(NtQueueApcThread((HANDLE)(ULONG_PTR)0x7ffc, apc, 0, 0, 0), S_INVALID_HANDLE);
    NtClose(event);
}

static void test_duplicate(void)
{
    HANDLE event, copy = NULL, copy2 = NULL;
    LARGE_INTEGER zero = {{0}};

    NtCreateEvent(&event, EVENT_ALL_ACCESS, NULL, NotificationEvent_, FALSE);
    ok_status(NtDuplicateObject(GetCurrentProcess(), event, GetCurrentProcess(), &copy, 0, 0, DUPLICATE_SAME_ACCESS),
              S_SUCCESS);
    ok(copy != NULL && copy != event, "a new handle");
    NtSetEvent(copy, NULL);
    ok_status(NtWaitForSingleObject(event, FALSE, &zero), S_SUCCESS);
    ok_status(NtDuplicateObject(GetCurrentProcess(), copy, GetCurrentProcess(), &copy2, 0, 0,
                                DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE),
              S_SUCCESS);
    ok_status(NtResetEvent(copy2, NULL), S_SUCCESS);
    ok_status(NtWaitForSingleObject(event, FALSE, &zero), S_TIMEOUT);
    /* The source is closed (its value may have been reused for the copy). */
    if (copy != copy2) ok_status(NtClose(copy), S_INVALID_HANDLE);
    ok_status(NtClose(copy2), S_SUCCESS);
    /* A handle duplicated with SYNCHRONIZE only cannot set the event. */
    ok_status(NtDuplicateObject(GetCurrentProcess(), event, GetCurrentProcess(), &copy, SYNCHRONIZE, 0, 0),
              S_SUCCESS);
    ok_status(NtSetEvent(copy, NULL), S_ACCESS_DENIED);
    ok_status(NtWaitForSingleObject(copy, FALSE, &zero), S_TIMEOUT);
    NtClose(copy);
    NtClose(event);
    ok_status(NtDuplicateObject(GetCurrentProcess(), event, GetCurrentProcess(), &copy, 0, 0, DUPLICATE_SAME_ACCESS),
              S_INVALID_HANDLE);
}

static void test_names(void)
{
    OBJECT_ATTRIBUTES attributes;
    NT_STRING string;
    HANDLE event, again, opened, mutant, local;
    LARGE_INTEGER zero = {{0}};
    WCHAR session_name[128];

    init_name(&attributes, &string, L"\\BaseNamedObjects\\vine-nt-sync-event", 0);
    ok_status(NtCreateEvent(&event, EVENT_ALL_ACCESS, &attributes, NotificationEvent_, FALSE), S_SUCCESS);
    /* The name exists: a collision without OBJ_OPENIF, the object with it. */
    again = (HANDLE)0xdead;
    ok_status(NtCreateEvent(&again, EVENT_ALL_ACCESS, &attributes, NotificationEvent_, FALSE),
              S_OBJECT_NAME_COLLISION);
    attributes.Attributes = OBJ_OPENIF;
    ok_status(NtCreateEvent(&again, EVENT_ALL_ACCESS, &attributes, SynchronizationEvent_, TRUE),
              S_OBJECT_NAME_EXISTS);
    ok(again != NULL && again != event, "OBJ_OPENIF gives a handle to the existing event");
    ok_status(NtWaitForSingleObject(event, FALSE, &zero), S_TIMEOUT); /* kept as it was */
    NtSetEvent(again, NULL);
    ok_status(NtWaitForSingleObject(event, FALSE, &zero), S_SUCCESS);
    attributes.Attributes = 0;
    ok_status(NtOpenEvent(&opened, EVENT_ALL_ACCESS, &attributes), S_SUCCESS);
    ok_status(NtResetEvent(opened, NULL), S_SUCCESS);
    ok_status(NtWaitForSingleObject(event, FALSE, &zero), S_TIMEOUT);
    /* Another type of the same name. */
    ok_status(NtCreateMutant(&mutant, MUTANT_ALL_ACCESS, &attributes, FALSE), S_OBJECT_NAME_COLLISION);
    attributes.Attributes = OBJ_OPENIF;
    ok_status(NtCreateMutant(&mutant, MUTANT_ALL_ACCESS, &attributes, FALSE), S_OBJECT_TYPE_MISMATCH);
    ok_status(NtOpenMutant(&mutant, MUTANT_ALL_ACCESS, &attributes), S_OBJECT_TYPE_MISMATCH);

    /* "Global" in a session's directory leads to \BaseNamedObjects. */
    session_path(session_name, L"Global\\vine-nt-sync-event");
    init_name(&attributes, &string, session_name, 0);
    ok_status(NtOpenEvent(&local, EVENT_ALL_ACCESS, &attributes), S_SUCCESS);
    NtSetEvent(local, NULL);
    ok_status(NtWaitForSingleObject(event, FALSE, &zero), S_SUCCESS);
    NtClose(local);
    /* The session's own directory is another place. */
    session_path(session_name, L"vine-nt-sync-event");
    init_name(&attributes, &string, session_name, 0);
    ok_status(NtOpenEvent(&local, EVENT_ALL_ACCESS, &attributes), S_OBJECT_NAME_NOT_FOUND);

    init_name(&attributes, &string, L"\\BaseNamedObjects\\no-such-dir\\x", 0);
    ok_status(NtCreateEvent(&local, EVENT_ALL_ACCESS, &attributes, NotificationEvent_, FALSE),
              S_OBJECT_PATH_NOT_FOUND);
    init_name(&attributes, &string, L"vine-nt-sync-event", 0);
    ok_status(NtOpenEvent(&local, EVENT_ALL_ACCESS, &attributes), S_OBJECT_PATH_SYNTAX_BAD);

    NtClose(again);
    NtClose(opened);
    NtClose(event);
    /* The last handle is gone, and so is the name. */
    init_name(&attributes, &string, L"\\BaseNamedObjects\\vine-nt-sync-event", 0);
    ok_status(NtOpenEvent(&event, EVENT_ALL_ACCESS, &attributes), S_OBJECT_NAME_NOT_FOUND);

    /* Named semaphores and mutants open the same way. */
    init_name(&attributes, &string, L"\\BaseNamedObjects\\vine-nt-sync-semaphore", 0);
    ok_status(NtCreateSemaphore(&event, SEMAPHORE_ALL_ACCESS, &attributes, 0, 5), S_SUCCESS);
    ok_status(NtOpenSemaphore(&opened, SEMAPHORE_ALL_ACCESS, &attributes), S_SUCCESS);
    ok_status(NtReleaseSemaphore(opened, 5, NULL), S_SUCCESS);
    ok_status(NtReleaseSemaphore(event, 1, NULL), S_SEMAPHORE_LIMIT_EXCEEDED);
    NtClose(opened);
    NtClose(event);
    init_name(&attributes, &string, L"\\BaseNamedObjects\\vine-nt-sync-mutant", 0);
    ok_status(NtCreateMutant(&mutant, MUTANT_ALL_ACCESS, &attributes, TRUE), S_SUCCESS);
    ok_status(NtOpenMutant(&opened, MUTANT_ALL_ACCESS, &attributes), S_SUCCESS);
    ok_status(NtReleaseMutant(opened, NULL), S_SUCCESS);
    NtClose(opened);
    NtClose(mutant);
}

static void test_status_to_error(void)
{
    static const struct {
        ULONG status, error;
    } cases[] = {
        {0, ERROR_SUCCESS},
        {0x80, 128}, /* STATUS_ABANDONED_WAIT_0: ERROR_WAIT_NO_CHILDREN */
        {0xc0, 737}, /* STATUS_USER_APC: ERROR_USER_APC */
        {0x102, ERROR_TIMEOUT},
        {0x103, ERROR_IO_PENDING},
        {0x40000000, 698}, /* STATUS_OBJECT_NAME_EXISTS: ERROR_OBJECT_NAME_EXISTS */
        {0xc0000001, ERROR_GEN_FAILURE},
        {0xc0000008, ERROR_INVALID_HANDLE},
        {0xc000000d, ERROR_INVALID_PARAMETER},
        {0xc0000017, ERROR_NOT_ENOUGH_MEMORY},
        {0xc0000022, ERROR_ACCESS_DENIED},
        {0xc0000024, ERROR_INVALID_HANDLE},
        {0xc0000030, ERROR_INVALID_PARAMETER},
        {0xc0000033, ERROR_INVALID_NAME},
        {0xc0000034, ERROR_FILE_NOT_FOUND},
        {0xc0000035, ERROR_ALREADY_EXISTS},
        {0xc000003a, ERROR_PATH_NOT_FOUND},
        {0xc000003b, ERROR_BAD_PATHNAME},
        {0xc0000046, ERROR_NOT_OWNER},
        {0xc0000047, ERROR_TOO_MANY_POSTS},
        {0xc000009a, ERROR_NO_SYSTEM_RESOURCES},
        {0xc00000bb, ERROR_NOT_SUPPORTED},
        {0x80070005, ERROR_ACCESS_DENIED}, /* a Win32 error wrapped as a status */
        {0xe0001234, 0xe0001234},          /* customer codes stay as they are */
        {0xc0001234, 317},                 /* unknown: ERROR_MR_MID_NOT_FOUND */
    };
    size_t i;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        ok(RtlNtStatusToDosError((NTSTATUS)cases[i].status) == cases[i].error, "RtlNtStatusToDosError(%#lx) = %lu",
           cases[i].status, RtlNtStatusToDosError((NTSTATUS)cases[i].status));
}

int main(void)
{
    test_events();
    test_mutants();
    test_semaphores();
    test_timeouts();
    test_multiple();
    test_apcs();
    test_duplicate();
    test_names();
    test_status_to_error();
    return vt_summary();
}
