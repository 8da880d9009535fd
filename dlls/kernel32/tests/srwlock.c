/* Slim reader/writer locks: exact totals under exclusive contention, readers
 * holding the lock together, writers excluding readers and each other, the
 * Try* variants, and SRWLOCK_INIT being the released state. */
#include <windows.h>
#include "vinetest.h"
#include "sync_threads.h"

#define THREADS 4
#define ROUNDS 200000

static SRWLOCK lock = SRWLOCK_INIT;
static long long plain_counter;

static DWORD WINAPI exclusive_proc(void *arg)
{
    int i;
    for (i = 0; i < ROUNDS; i++) {
        AcquireSRWLockExclusive(&lock);
        plain_counter++;
        ReleaseSRWLockExclusive(&lock);
    }
    return 0;
}

static void test_exclusive_total(void)
{
    run_threads(THREADS, exclusive_proc, NULL, 0);
    ok_int(plain_counter, (long long)THREADS * ROUNDS);
    ok(lock.Ptr == NULL, "released lock reads as SRWLOCK_INIT: %p", lock.Ptr);
}

static volatile LONG readers_inside, readers_max_seen;

static DWORD WINAPI reader_proc(void *arg)
{
    LONG now;
    AcquireSRWLockShared(&lock);
    InterlockedIncrement(&readers_inside);
    /* Stay inside until the other reader is inside too. */
    wait_for_long(&readers_inside, 2);
    now = readers_inside;
    if (now > readers_max_seen) InterlockedExchange(&readers_max_seen, now);
    ReleaseSRWLockShared(&lock);
    return 0;
}

static void test_shared_together(void)
{
    readers_inside = readers_max_seen = 0;
    run_threads(2, reader_proc, NULL, 0);
    ok_int(readers_max_seen, 2);
    ok(lock.Ptr == NULL, "released after readers: %p", lock.Ptr);
}

static volatile LONG blocked_acquired;

static DWORD WINAPI blocked_reader_proc(void *arg)
{
    AcquireSRWLockShared(&lock);
    blocked_acquired = 1;
    ReleaseSRWLockShared(&lock);
    return 0;
}

static DWORD WINAPI blocked_writer_proc(void *arg)
{
    AcquireSRWLockExclusive(&lock);
    blocked_acquired = 1;
    ReleaseSRWLockExclusive(&lock);
    return 0;
}

static volatile LONG try_shared, try_exclusive;

static DWORD WINAPI try_proc(void *arg)
{
    try_shared = TryAcquireSRWLockShared(&lock);
    if (try_shared) ReleaseSRWLockShared(&lock);
    try_exclusive = TryAcquireSRWLockExclusive(&lock);
    if (try_exclusive) ReleaseSRWLockExclusive(&lock);
    return 0;
}

static void test_writer_excludes(void)
{
    HANDLE thread;

    AcquireSRWLockExclusive(&lock);
    join_thread(start_thread(try_proc, NULL));
    ok_int(try_shared, FALSE);
    ok_int(try_exclusive, FALSE);
    blocked_acquired = 0;
    thread = start_thread(blocked_reader_proc, NULL);
    Sleep(100);
    ok_int(blocked_acquired, 0); /* a reader waits for the writer */
    ReleaseSRWLockExclusive(&lock);
    join_thread(thread);
    ok_int(blocked_acquired, 1);

    AcquireSRWLockShared(&lock);
    join_thread(start_thread(try_proc, NULL));
    ok_int(try_shared, TRUE);   /* readers share */
    ok_int(try_exclusive, FALSE);
    blocked_acquired = 0;
    thread = start_thread(blocked_writer_proc, NULL);
    Sleep(100);
    ok_int(blocked_acquired, 0); /* a writer waits for the reader */
    ReleaseSRWLockShared(&lock);
    join_thread(thread);
    ok_int(blocked_acquired, 1);

    join_thread(start_thread(try_proc, NULL));
    ok_int(try_shared, TRUE);
    ok_int(try_exclusive, TRUE);
}

static void test_try_same_thread(void)
{
    SRWLOCK local;
    InitializeSRWLock(&local);
    ok(local.Ptr == NULL, "InitializeSRWLock gives SRWLOCK_INIT");
    ok(TryAcquireSRWLockExclusive(&local), "TryAcquireSRWLockExclusive on a free lock");
    ok(!TryAcquireSRWLockExclusive(&local), "not recursive");
    ok(!TryAcquireSRWLockShared(&local), "no shared entry while held exclusively");
    ReleaseSRWLockExclusive(&local);
    ok(TryAcquireSRWLockShared(&local), "TryAcquireSRWLockShared on a free lock");
    ok(TryAcquireSRWLockShared(&local), "a second shared hold");
    ReleaseSRWLockShared(&local);
    ReleaseSRWLockShared(&local);
    ok(local.Ptr == NULL, "released");
}

/* Writers keep two counters equal; readers must never see them differ. */
static volatile LONG pair_a, pair_b, torn_reads, reads_done;

static DWORD WINAPI pair_writer_proc(void *arg)
{
    int i;
    for (i = 0; i < 50000; i++) {
        AcquireSRWLockExclusive(&lock);
        pair_a++;
        YieldProcessor();
        pair_b++;
        ReleaseSRWLockExclusive(&lock);
    }
    return 0;
}

static DWORD WINAPI pair_reader_proc(void *arg)
{
    int i;
    for (i = 0; i < 50000; i++) {
        AcquireSRWLockShared(&lock);
        if (pair_a != pair_b) InterlockedIncrement(&torn_reads);
        ReleaseSRWLockShared(&lock);
    }
    InterlockedIncrement(&reads_done);
    return 0;
}

static DWORD WINAPI pair_proc(void *arg)
{
    return (*(int *)arg & 1) ? pair_reader_proc(arg) : pair_writer_proc(arg);
}

static void test_mixed(void)
{
    int roles[4] = {0, 1, 2, 3};
    run_threads(4, pair_proc, roles, sizeof(int));
    ok_int(pair_a, 100000);
    ok_int(pair_b, 100000);
    ok_int(torn_reads, 0);
    ok_int(reads_done, 2);
    ok(lock.Ptr == NULL, "released after mixed use");
}

int main(void)
{
    test_exclusive_total();
    test_shared_together();
    test_writer_excludes();
    test_try_same_thread();
    test_mixed();
    return vt_summary();
}
