/* One-time initialization: InitOnceExecuteOnce among racing threads (one
 * call, everyone gets its context), failure and retry, and the
 * InitOnceBeginInitialize/InitOnceComplete protocol with INIT_ONCE_CHECK_ONLY,
 * INIT_ONCE_ASYNC and INIT_ONCE_INIT_FAILED. */
#include <windows.h>
#include "vinetest.h"
#include "sync_threads.h"

#define RACERS 8
#define CONTEXT_VALUE ((void *)(ULONG_PTR)0x12340)
#define PARAMETER ((void *)(ULONG_PTR)0x5678)

static INIT_ONCE once = INIT_ONCE_STATIC_INIT;
static volatile LONG calls, start_gate, bad_parameter;

static BOOL CALLBACK init_proc(INIT_ONCE *o, void *parameter, void **context)
{
    InterlockedIncrement(&calls);
    if (o != &once || parameter != PARAMETER) InterlockedIncrement(&bad_parameter);
    Sleep(50); /* let the other threads pile up behind us */
    *context = CONTEXT_VALUE;
    return TRUE;
}

struct racer { BOOL ret; void *context; };

static DWORD WINAPI racer_proc(void *arg)
{
    struct racer *me = arg;
    while (!start_gate) YieldProcessor();
    me->ret = InitOnceExecuteOnce(&once, init_proc, PARAMETER, &me->context);
    return 0;
}

static void test_execute_once_race(void)
{
    HANDLE threads[RACERS];
    struct racer results[RACERS] = {{0}};
    int i, all_ok = 1;
    for (i = 0; i < RACERS; i++) threads[i] = start_thread(racer_proc, &results[i]);
    start_gate = 1;
    for (i = 0; i < RACERS; i++) join_thread(threads[i]);
    ok_int(calls, 1);
    ok_int(bad_parameter, 0);
    for (i = 0; i < RACERS; i++)
        if (!results[i].ret || results[i].context != CONTEXT_VALUE) all_ok = 0;
    ok(all_ok, "every racer succeeded and got the context");
    /* Later calls do not run the callback again. */
    {
        void *context = NULL;
        ok(InitOnceExecuteOnce(&once, init_proc, PARAMETER, &context), "later call");
        ok(context == CONTEXT_VALUE, "later call's context %p", context);
        ok_int(calls, 1);
    }
}

static LONG failing_calls;

static BOOL CALLBACK failing_proc(INIT_ONCE *o, void *parameter, void **context)
{
    failing_calls++;
    SetLastError(0x1234);
    return FALSE;
}

static BOOL CALLBACK null_context_proc(INIT_ONCE *o, void *parameter, void **context)
{
    return TRUE;
}

static void test_execute_once_failure(void)
{
    INIT_ONCE local;
    void *context = NULL;
    InitOnceInitialize(&local);
    ok(local.Ptr == NULL, "InitOnceInitialize clears the structure");
    SetLastError(0);
    ok(!InitOnceExecuteOnce(&local, failing_proc, NULL, NULL), "a failing callback fails the call");
    ok_int(GetLastError(), 0x1234);
    ok(!InitOnceExecuteOnce(&local, failing_proc, NULL, NULL), "and runs again next time");
    ok_int(failing_calls, 2);
    /* The callback stores no context: NULL is what callers get. */
    ok(InitOnceExecuteOnce(&local, null_context_proc, NULL, &context), "then succeeds");
    ok(context == NULL, "no context stored: %p", context);
    context = (void *)1;
    ok(InitOnceExecuteOnce(&local, null_context_proc, NULL, &context), "later call");
    ok(context == NULL, "later call's context %p", context);
}

static void test_begin_complete(void)
{
    INIT_ONCE local = INIT_ONCE_STATIC_INIT;
    BOOL pending = 7;
    void *context = NULL;

    SetLastError(0xdeadbeef);
    ok(!InitOnceBeginInitialize(&local, INIT_ONCE_CHECK_ONLY, &pending, &context), "check only, not done");
    ok_int(GetLastError(), ERROR_GEN_FAILURE);

    ok(InitOnceBeginInitialize(&local, 0, &pending, &context), "begin");
    ok_int(pending, TRUE);
    SetLastError(0xdeadbeef);
    ok(!InitOnceComplete(&local, 0, (void *)(ULONG_PTR)0x41), "context with reserved bits");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
    ok(InitOnceComplete(&local, 0, (void *)(ULONG_PTR)0x40), "complete");
    SetLastError(0xdeadbeef);
    ok(!InitOnceComplete(&local, 0, (void *)(ULONG_PTR)0x80), "second complete fails");
    ok_int(GetLastError(), ERROR_GEN_FAILURE);

    pending = 7;
    ok(InitOnceBeginInitialize(&local, INIT_ONCE_CHECK_ONLY, &pending, &context), "check only, done");
    ok_int(pending, FALSE);
    ok(context == (void *)(ULONG_PTR)0x40, "context %p", context);
    pending = 7;
    context = NULL;
    ok(InitOnceBeginInitialize(&local, 0, &pending, &context), "begin after completion");
    ok_int(pending, FALSE);
    ok(context == (void *)(ULONG_PTR)0x40, "context %p", context);

    /* A failed attempt lets the next caller try again. */
    InitOnceInitialize(&local);
    ok(InitOnceBeginInitialize(&local, 0, &pending, NULL) && pending, "begin");
    ok(InitOnceComplete(&local, INIT_ONCE_INIT_FAILED, NULL), "complete as failed");
    pending = 7;
    ok(InitOnceBeginInitialize(&local, 0, &pending, NULL) && pending == TRUE, "begin again: pending %d", pending);
    ok(InitOnceComplete(&local, 0, NULL), "complete");

    SetLastError(0xdeadbeef);
    ok(!InitOnceBeginInitialize(&local, INIT_ONCE_CHECK_ONLY | INIT_ONCE_ASYNC, &pending, NULL),
       "check only with async");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
}

static void test_async(void)
{
    INIT_ONCE local = INIT_ONCE_STATIC_INIT;
    BOOL pending = 7;
    void *context = NULL;

    ok(InitOnceBeginInitialize(&local, INIT_ONCE_ASYNC, &pending, NULL) && pending, "first async attempt");
    pending = 7;
    ok(InitOnceBeginInitialize(&local, INIT_ONCE_ASYNC, &pending, NULL) && pending == TRUE,
       "second async attempt runs in parallel");
    SetLastError(0xdeadbeef);
    ok(!InitOnceBeginInitialize(&local, 0, &pending, NULL), "a synchronous begin cannot join");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0xdeadbeef);
    ok(!InitOnceComplete(&local, INIT_ONCE_ASYNC | INIT_ONCE_INIT_FAILED, NULL), "async cannot fail");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);

    ok(InitOnceComplete(&local, INIT_ONCE_ASYNC, (void *)(ULONG_PTR)0x100), "first completion wins");
    SetLastError(0xdeadbeef);
    ok(!InitOnceComplete(&local, INIT_ONCE_ASYNC, (void *)(ULONG_PTR)0x200), "second completion loses");
    ok_int(GetLastError(), ERROR_GEN_FAILURE);
    ok(InitOnceBeginInitialize(&local, INIT_ONCE_CHECK_ONLY, &pending, &context), "the loser checks");
    ok(!pending && context == (void *)(ULONG_PTR)0x100, "pending %d, context %p", pending, context);
}

int main(void)
{
    test_execute_once_race();
    test_execute_once_failure();
    test_begin_complete();
    test_async();
    return vt_summary();
}
