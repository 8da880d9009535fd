/*
 * sync_client.c - a well-behaved (or doomed) vine client for the server
 * robustness tests (the scripts in tests/server). Modes:
 *
 *   pingpong NAME a|b SECONDS
 *       Two processes, roles a and b, ping-pong through named objects:
 *       auto-reset events NAME.ping / NAME.pong, a named mutex both take
 *       every round (recursively), a named semaphore a releases before each
 *       ping and b must find signalled. Role a plays for SECONDS, then sets
 *       the manual-reset event NAME.stop. Both print "rounds: N" (equal when
 *       all went well) and the usual check summary.
 *   block NAME [spin]
 *       Prints "waiting", then blocks in WaitForSingleObject(INFINITE) on
 *       the named event NAME (with "spin", a second thread burns CPU
 *       meanwhile). Exits 0 if the event is ever set.
 *   spin
 *       Prints "spinning" and computes forever without calling the server.
 *   victim NAME
 *       Forever: creates and closes named and unnamed objects, takes the
 *       shared mutex NAME (WAIT_ABANDONED is fine: victims get killed),
 *       starts a thread that waits on an event; meant to be kill -9'ed.
 *   isolated SECONDS
 *       Makes an unnamed auto-reset event, an unnamed mutex nobody owns and
 *       an unnamed semaphore of count 0, prints "waiting", then waits
 *       SECONDS for the event. No other process holds a handle to any of
 *       them, so on Windows nothing but this process can change them: the
 *       wait times out, the mutex is still free and the semaphore still 0.
 *
 * Expectations are those of Windows.
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vinetest.h"

static char name_buffer[8][128];
static const char *named(int slot, const char *base, const char *suffix)
{
    snprintf(name_buffer[slot], sizeof(name_buffer[slot]), "%s%s", base, suffix);
    return name_buffer[slot];
}

static int pingpong(const char *base, int role_a, unsigned seconds)
{
    HANDLE ping = CreateEventA(NULL, FALSE, FALSE, named(0, base, ".ping"));
    HANDLE pong = CreateEventA(NULL, FALSE, FALSE, named(1, base, ".pong"));
    HANDLE stop = CreateEventA(NULL, TRUE, FALSE, named(2, base, ".stop"));
    HANDLE mutex = CreateMutexA(NULL, FALSE, named(3, base, ".mutex"));
    HANDLE sem = CreateSemaphoreA(NULL, 0, 1000000, named(4, base, ".sem"));
    unsigned long rounds = 0, failures = 0;
    DWORD start = GetTickCount();
    ok(ping && pong && stop && mutex && sem, "named objects created or opened");
    if (!(ping && pong && stop && mutex && sem)) return vt_summary();

    for (;;) {
        DWORD got;
        if (WaitForSingleObject(mutex, 10000) != WAIT_OBJECT_0 || WaitForSingleObject(mutex, 0) != WAIT_OBJECT_0 ||
            !ReleaseMutex(mutex) || !ReleaseMutex(mutex)) {
            failures++;
            break;
        }
        if (role_a) {
            int last = GetTickCount() - start >= seconds * 1000;
            LONG previous = -1;
            if (last) SetEvent(stop);
            if (!ReleaseSemaphore(sem, 1, &previous) || previous != 0) failures++;
            SetEvent(ping);
            got = WaitForSingleObject(pong, 20000);
            if (got != WAIT_OBJECT_0) {
                printf("a: pong wait returned %lu after %lu rounds\n", got, rounds);
                failures++;
                break;
            }
            rounds++;
            if (last) break;
        } else {
            got = WaitForSingleObject(ping, 20000);
            if (got != WAIT_OBJECT_0) {
                printf("b: ping wait returned %lu after %lu rounds\n", got, rounds);
                failures++;
                break;
            }
            /* a released the semaphore before the ping: it must be there. */
            if (WaitForSingleObject(sem, 0) != WAIT_OBJECT_0) failures++;
            rounds++;
            int last = WaitForSingleObject(stop, 0) == WAIT_OBJECT_0;
            SetEvent(pong);
            if (last) break;
        }
    }
    printf("rounds: %lu\n", rounds);
    ok(failures == 0, "%lu rounds, %lu failures", rounds, failures);
    ok(WaitForSingleObject(sem, 0) == WAIT_TIMEOUT, "semaphore back to 0");
    ok(rounds > 0, "played at least one round");
    CloseHandle(ping);
    CloseHandle(pong);
    CloseHandle(stop);
    CloseHandle(mutex);
    CloseHandle(sem);
    return vt_summary();
}

static volatile unsigned long spin_sink;
static DWORD WINAPI spinner(void *arg)
{
    (void)arg;
    for (;;) spin_sink++;
    return 0;
}

static int block(const char *base, int with_spinner)
{
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, base);
    if (!event) return 2;
    if (with_spinner) CreateThread(NULL, 0, spinner, NULL, 0, NULL);
    printf("waiting\n");
    fflush(stdout);
    return WaitForSingleObject(event, INFINITE) == WAIT_OBJECT_0 ? 0 : 3;
}

static DWORD WINAPI victim_thread(void *arg)
{
    return WaitForSingleObject((HANDLE)arg, 50);
}

static int victim(const char *base)
{
    HANDLE shared = CreateMutexA(NULL, FALSE, base);
    unsigned long i;
    if (!shared) return 2;
    printf("victim\n");
    fflush(stdout);
    for (i = 0;; i++) {
        char name[160];
        HANDLE objects[4], thread;
        DWORD got;
        snprintf(name, sizeof(name), "%s.%lu.%lu", base, GetCurrentProcessId(), i % 8);
        objects[0] = CreateEventA(NULL, i & 1, FALSE, name);
        objects[1] = CreateMutexA(NULL, TRUE, NULL);
        objects[2] = CreateSemaphoreA(NULL, 1, 2, NULL);
        objects[3] = CreateEventA(NULL, TRUE, FALSE, NULL);
        got = WaitForSingleObject(shared, 1000);
        if (got != WAIT_OBJECT_0 && got != WAIT_ABANDONED && got != WAIT_TIMEOUT) return 4;
        thread = CreateThread(NULL, 0, victim_thread, objects[3], 0, NULL);
        WaitForMultipleObjects(3, objects, FALSE, 0);
        if (got != WAIT_TIMEOUT) ReleaseMutex(shared);
        if (thread) {
            WaitForSingleObject(thread, INFINITE);
            CloseHandle(thread);
        }
        for (int k = 0; k < 4; k++) CloseHandle(objects[k]);
    }
}

static int isolated(unsigned seconds)
{
    HANDLE event = CreateEventA(NULL, FALSE, FALSE, NULL);
    HANDLE mutex = CreateMutexA(NULL, FALSE, NULL);
    HANDLE semaphore = CreateSemaphoreA(NULL, 0, 100, NULL);
    LONG previous = -1;
    BOOL released;
    ok(event && mutex && semaphore, "unnamed objects created");
    if (!(event && mutex && semaphore)) return vt_summary();
    printf("waiting\n");
    fflush(stdout);
    ok(WaitForSingleObject(event, seconds * 1000) == WAIT_TIMEOUT, "nobody else set the unnamed event");
    ok(WaitForSingleObject(mutex, 0) == WAIT_OBJECT_0, "nobody else owns the unnamed mutex");
    ok(ReleaseMutex(mutex), "and it is ours to release");
    ok(WaitForSingleObject(semaphore, 0) == WAIT_TIMEOUT, "nobody else released the unnamed semaphore");
    released = ReleaseSemaphore(semaphore, 1, &previous);
    ok(released && previous == 0, "its count is still 0 (got %ld)", previous);
    return vt_summary();
}

int main(int argc, char **argv)
{
    if (argc >= 5 && !strcmp(argv[1], "pingpong"))
        return pingpong(argv[2], !strcmp(argv[3], "a"), (unsigned)atoi(argv[4]));
    if (argc >= 3 && !strcmp(argv[1], "block")) return block(argv[2], argc >= 4 && !strcmp(argv[3], "spin"));
    if (argc >= 2 && !strcmp(argv[1], "spin")) {
        printf("spinning\n");
        fflush(stdout);
        spinner(NULL);
    }
    if (argc >= 3 && !strcmp(argv[1], "victim")) return victim(argv[2]);
    if (argc >= 3 && !strcmp(argv[1], "isolated")) return isolated((unsigned)atoi(argv[2]));
    fprintf(stderr,
            "usage: sync_client pingpong NAME a|b SECONDS | block NAME [spin] | spin | victim NAME | isolated SECONDS\n");
    return 2;
}
