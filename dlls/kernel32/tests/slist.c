/* Interlocked singly linked lists: LIFO order, depth, flush, pushing a
 * chain, and pushes and pops from several threads at once with exact
 * totals. */
#include <windows.h>
#include "vinetest.h"
#include "sync_threads.h"

#define THREADS 4
#define PER_THREAD 10000 /* THREADS * PER_THREAD stays below the 16-bit depth */

struct item {
    SLIST_ENTRY entry; /* first, so an entry pointer is an item pointer */
    LONG value;
};

static SLIST_HEADER list;
static struct item items[THREADS][PER_THREAD];

static void test_single_thread(void)
{
    struct item a, b, c, d, e;
    PSLIST_ENTRY got;

    ok(((ULONG_PTR)&list & 15) == 0 && sizeof(SLIST_HEADER) == 16, "header is 16 bytes, 16-aligned");
    InitializeSListHead(&list);
    ok_int(QueryDepthSList(&list), 0);
    ok(InterlockedPopEntrySList(&list) == NULL, "pop from an empty list");
    ok(InterlockedPushEntrySList(&list, &a.entry) == NULL, "first push returns NULL");
    ok(InterlockedPushEntrySList(&list, &b.entry) == &a.entry, "push returns the previous first entry");
    ok(InterlockedPushEntrySList(&list, &c.entry) == &b.entry, "push returns the previous first entry");
    ok_int(QueryDepthSList(&list), 3);
    ok(InterlockedPopEntrySList(&list) == &c.entry, "LIFO");
    ok_int(QueryDepthSList(&list), 2);
    got = InterlockedFlushSList(&list);
    ok(got == &b.entry && got->Next == &a.entry && a.entry.Next == NULL, "flush returns the chain");
    ok_int(QueryDepthSList(&list), 0);
    ok(InterlockedFlushSList(&list) == NULL, "flush of an empty list");

    /* A ready-made chain e -> d -> c goes on in one step. */
    InterlockedPushEntrySList(&list, &a.entry);
    e.entry.Next = &d.entry;
    d.entry.Next = &c.entry;
    ok(InterlockedPushListSListEx(&list, &e.entry, &c.entry, 3) == &a.entry, "push a chain");
    ok_int(QueryDepthSList(&list), 4);
    ok(InterlockedPopEntrySList(&list) == &e.entry, "chain head first");
    ok(InterlockedPopEntrySList(&list) == &d.entry, "then the chain");
    ok(InterlockedPopEntrySList(&list) == &c.entry, "then the chain's end");
    ok(InterlockedPopEntrySList(&list) == &a.entry, "then the old list");
    ok_int(QueryDepthSList(&list), 0);
}

static DWORD WINAPI push_proc(void *arg)
{
    struct item *mine = arg;
    int i;
    for (i = 0; i < PER_THREAD; i++) InterlockedPushEntrySList(&list, &mine[i].entry);
    return 0;
}

/* Pop one, push it back: the list's contents never change. */
static DWORD WINAPI churn_proc(void *arg)
{
    int i;
    for (i = 0; i < 100000; i++) {
        PSLIST_ENTRY entry = InterlockedPopEntrySList(&list);
        if (entry) InterlockedPushEntrySList(&list, entry);
    }
    return 0;
}

struct drained { long long sum; LONG count; };

static DWORD WINAPI drain_proc(void *arg)
{
    struct drained *me = arg;
    PSLIST_ENTRY entry;
    while ((entry = InterlockedPopEntrySList(&list)) != NULL) {
        me->sum += ((struct item *)entry)->value;
        me->count++;
    }
    return 0;
}

static void test_threads(void)
{
    struct drained drained[THREADS] = {{0}};
    long long sum = 0, expected = 0;
    LONG count = 0;
    int t, i;

    for (t = 0; t < THREADS; t++)
        for (i = 0; i < PER_THREAD; i++) {
            items[t][i].value = t * PER_THREAD + i + 1;
            expected += items[t][i].value;
        }
    InitializeSListHead(&list);
    run_threads(THREADS, push_proc, items, sizeof(items[0]));
    ok_int(QueryDepthSList(&list), THREADS * PER_THREAD);
    run_threads(THREADS, churn_proc, NULL, 0);
    ok_int(QueryDepthSList(&list), THREADS * PER_THREAD);
    run_threads(THREADS, drain_proc, drained, sizeof(drained[0]));
    for (t = 0; t < THREADS; t++) {
        sum += drained[t].sum;
        count += drained[t].count;
    }
    ok_int(count, THREADS * PER_THREAD);
    ok_int(sum, expected);
    ok_int(QueryDepthSList(&list), 0);
}

int main(void)
{
    test_single_thread();
    test_threads();
    return vt_summary();
}
