/* Condition variables: producer/consumer through a bounded buffer guarded
 * by a critical section and by an SRW lock (exact item sums), sleeping in
 * shared mode, and timeouts (FALSE with ERROR_TIMEOUT, lock held again). */
#include <windows.h>
#include "vinetest.h"
#include "sync_threads.h"

#define PRODUCERS 2
#define CONSUMERS 2
#define ITEMS 20000 /* per producer: the values 1..ITEMS */
#define SLOTS 8

static CRITICAL_SECTION cs;
static SRWLOCK srw;
static int use_srw;
static CONDITION_VARIABLE not_empty, not_full;
static LONG buffer[SLOTS];
static int head, count;

static void lock(void) { if (use_srw) AcquireSRWLockExclusive(&srw); else EnterCriticalSection(&cs); }
static void unlock(void) { if (use_srw) ReleaseSRWLockExclusive(&srw); else LeaveCriticalSection(&cs); }

static void wait_on(CONDITION_VARIABLE *cv)
{
    if (use_srw) SleepConditionVariableSRW(cv, &srw, INFINITE, 0);
    else SleepConditionVariableCS(cv, &cs, INFINITE);
}

static void put(LONG value)
{
    lock();
    while (count == SLOTS) wait_on(&not_full);
    buffer[(head + count) % SLOTS] = value;
    count++;
    unlock();
    WakeConditionVariable(&not_empty);
}

static LONG get(void)
{
    LONG value;
    lock();
    while (count == 0) wait_on(&not_empty);
    value = buffer[head];
    head = (head + 1) % SLOTS;
    count--;
    unlock();
    WakeConditionVariable(&not_full);
    return value;
}

struct consumer { long long sum; LONG items; };

static DWORD WINAPI producer_proc(void *arg)
{
    LONG i;
    for (i = 1; i <= ITEMS; i++) put(i);
    return 0;
}

static DWORD WINAPI consumer_proc(void *arg)
{
    struct consumer *me = arg;
    LONG value;
    while ((value = get()) != 0) { /* 0 ends the stream */
        me->sum += value;
        me->items++;
    }
    return 0;
}

static void producer_consumer(const char *name)
{
    HANDLE producers[PRODUCERS], consumers[CONSUMERS];
    struct consumer results[CONSUMERS] = {{0}};
    long long sum = 0;
    LONG items = 0;
    int i;

    head = count = 0;
    InitializeConditionVariable(&not_empty);
    InitializeConditionVariable(&not_full);
    for (i = 0; i < CONSUMERS; i++) consumers[i] = start_thread(consumer_proc, &results[i]);
    for (i = 0; i < PRODUCERS; i++) producers[i] = start_thread(producer_proc, NULL);
    for (i = 0; i < PRODUCERS; i++) join_thread(producers[i]);
    for (i = 0; i < CONSUMERS; i++) put(0);
    for (i = 0; i < CONSUMERS; i++) join_thread(consumers[i]);
    for (i = 0; i < CONSUMERS; i++) {
        sum += results[i].sum;
        items += results[i].items;
    }
    ok(items == PRODUCERS * ITEMS, "%s: %ld items consumed", name, items);
    ok(sum == (long long)PRODUCERS * ITEMS * (ITEMS + 1) / 2, "%s: sum %lld", name, sum);
    ok(count == 0, "%s: buffer empty", name);
}

/* Readers sleep in shared mode until a writer sets the flag. */
static volatile LONG flag, readers_woken, readers_asleep;

static DWORD WINAPI shared_sleeper_proc(void *arg)
{
    AcquireSRWLockShared(&srw);
    InterlockedIncrement(&readers_asleep);
    while (!flag) SleepConditionVariableSRW(&not_empty, &srw, INFINITE, CONDITION_VARIABLE_LOCKMODE_SHARED);
    InterlockedIncrement(&readers_woken);
    ReleaseSRWLockShared(&srw);
    return 0;
}

static void test_shared_mode(void)
{
    HANDLE threads[3];
    int i;
    InitializeConditionVariable(&not_empty);
    for (i = 0; i < 3; i++) threads[i] = start_thread(shared_sleeper_proc, NULL);
    ok(wait_for_long(&readers_asleep, 3), "three readers in");
    Sleep(50);
    ok_int(readers_woken, 0);
    AcquireSRWLockExclusive(&srw);
    flag = 1;
    ReleaseSRWLockExclusive(&srw);
    WakeAllConditionVariable(&not_empty);
    for (i = 0; i < 3; i++) join_thread(threads[i]);
    ok_int(readers_woken, 3);
    ok(srw.Ptr == NULL, "lock released");
}

static void test_timeouts(void)
{
    CONDITION_VARIABLE cv = CONDITION_VARIABLE_INIT;
    ULONGLONG start, elapsed;
    BOOL ret;

    InitializeCriticalSection(&cs);
    EnterCriticalSection(&cs);
    SetLastError(0xdeadbeef);
    start = GetTickCount64();
    ret = SleepConditionVariableCS(&cv, &cs, 100);
    elapsed = GetTickCount64() - start;
    ok(!ret, "SleepConditionVariableCS timed out");
    ok_int(GetLastError(), ERROR_TIMEOUT);
    ok(elapsed >= 80, "waited %llu ms", elapsed);
    ok(cs.OwningThread == (HANDLE)(ULONG_PTR)GetCurrentThreadId() && cs.RecursionCount == 1,
       "the critical section is held again");
    SetLastError(0xdeadbeef);
    ret = SleepConditionVariableCS(&cv, &cs, 0);
    ok(!ret && GetLastError() == ERROR_TIMEOUT, "zero timeout: %d, error %lu", ret, GetLastError());
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);

    AcquireSRWLockExclusive(&srw);
    SetLastError(0xdeadbeef);
    ret = SleepConditionVariableSRW(&cv, &srw, 50, 0);
    ok(!ret, "SleepConditionVariableSRW timed out");
    ok_int(GetLastError(), ERROR_TIMEOUT);
    ok(!TryAcquireSRWLockShared(&srw), "the SRW lock is held exclusively again");
    ReleaseSRWLockExclusive(&srw);

    AcquireSRWLockShared(&srw);
    SetLastError(0xdeadbeef);
    ret = SleepConditionVariableSRW(&cv, &srw, 50, CONDITION_VARIABLE_LOCKMODE_SHARED);
    ok(!ret && GetLastError() == ERROR_TIMEOUT, "shared timeout: %d, error %lu", ret, GetLastError());
    ok(TryAcquireSRWLockShared(&srw) && !TryAcquireSRWLockExclusive(&srw), "held shared again");
    ReleaseSRWLockShared(&srw);
    ReleaseSRWLockShared(&srw);
    ok(srw.Ptr == NULL, "released");
}

int main(void)
{
    InitializeCriticalSection(&cs);
    InitializeSRWLock(&srw);
    use_srw = 0;
    producer_consumer("critical section");
    DeleteCriticalSection(&cs);
    use_srw = 1;
    producer_consumer("SRW lock");
    test_shared_mode();
    test_timeouts();
    return vt_summary();
}
