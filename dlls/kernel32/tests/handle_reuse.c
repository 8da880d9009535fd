/* Handle values are reused as soon as they are free, also while other
 * threads of the process create, wait on and close handles. Each waiter
 * here makes a fresh event, waits on it at once and must be woken by its
 * own signaller, while other threads close handles and make new ones as
 * fast as they can, so that values freed by one thread are handed to
 * another's new event within microseconds. A wait that watches another
 * object's state, or misses its own signal, shows as a wrong sequence
 * number or a timeout. */
#include <windows.h>

#include "vinetest.h"

#define PAIRS 3
#define CHURNERS 3
#define ROUNDS 1000

struct pair {
    HANDLE volatile event;   /* the waiter's current event, published for its signaller */
    LONG volatile round;     /* which round that event belongs to */
    LONG volatile signalled; /* the round the signaller signalled */
    LONG failures;
};

static struct pair pairs[PAIRS];
static LONG volatile stop;

static DWORD WINAPI waiter(void *arg)
{
    struct pair *p = arg;
    LONG round;
    for (round = 1; round <= ROUNDS; round++) {
        HANDLE event = CreateEventW(NULL, FALSE, FALSE, NULL);
        DWORD result;
        if (!event) {
            InterlockedIncrement(&p->failures);
            break;
        }
        p->round = round;
        InterlockedExchangePointer((void *volatile *)&p->event, event);
        result = WaitForSingleObject(event, 5000);
        if (result != WAIT_OBJECT_0 || p->signalled != round) {
            InterlockedIncrement(&p->failures);
            printf("round %ld: wait %lu, signalled round %ld\n", round, result, p->signalled);
        }
        CloseHandle(event);
        if (p->failures > 5) break;
    }
    InterlockedExchangePointer((void *volatile *)&p->event, INVALID_HANDLE_VALUE);
    return 0;
}

static DWORD WINAPI signaller(void *arg)
{
    struct pair *p = arg;
    for (;;) {
        HANDLE event = InterlockedExchangePointer((void *volatile *)&p->event, NULL);
        if (event == INVALID_HANDLE_VALUE) return 0;
        if (!event) {
            SwitchToThread();
            continue;
        }
        p->signalled = p->round;
        SetEvent(event);
    }
}

static DWORD WINAPI churner(void *arg)
{
    (void)arg;
    while (!stop) {
        HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL), thread = NULL;
        DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &thread, 0, FALSE,
                        DUPLICATE_SAME_ACCESS);
        CloseHandle(event);
        CloseHandle(thread);
        /* The other way of closing: DuplicateHandle with DUPLICATE_CLOSE_SOURCE. */
        event = CreateEventW(NULL, TRUE, FALSE, NULL);
        if (DuplicateHandle(GetCurrentProcess(), event, GetCurrentProcess(), &thread, 0, FALSE,
                            DUPLICATE_SAME_ACCESS | DUPLICATE_CLOSE_SOURCE))
            CloseHandle(thread);
    }
    return 0;
}

int main(void)
{
    HANDLE threads[2 * PAIRS], churners[CHURNERS];
    int i;
    for (i = 0; i < CHURNERS; i++) churners[i] = CreateThread(NULL, 0, churner, NULL, 0, NULL);
    for (i = 0; i < PAIRS; i++) {
        threads[2 * i] = CreateThread(NULL, 0, waiter, &pairs[i], 0, NULL);
        threads[2 * i + 1] = CreateThread(NULL, 0, signaller, &pairs[i], 0, NULL);
    }
    ok_int(WaitForMultipleObjects(2 * PAIRS, threads, TRUE, 120000), WAIT_OBJECT_0);
    stop = 1;
    ok_int(WaitForMultipleObjects(CHURNERS, churners, TRUE, 30000), WAIT_OBJECT_0);
    for (i = 0; i < PAIRS; i++) ok(pairs[i].failures == 0, "pair %d: %ld failed rounds", i, pairs[i].failures);
    return vt_summary();
}
