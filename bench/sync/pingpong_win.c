/* Event ping-pong under vine (mingw-w64, kernel32 only but for printf).

     pingpong_win threads ROUNDS
         two threads of one process, two auto-reset events
     pingpong_win process NAME a|b ROUNDS
         two processes sharing the named auto-reset events NAME.ping and
         NAME.pong (the bench script starts both)

   Each round trip is SetEvent(ping) + WaitForSingleObject(pong) on one
   side, WaitForSingleObject(ping) + SetEvent(pong) on the other. After
   1000 untimed round trips (so the partner is up and warm), ROUNDS are
   timed; the side that pings prints "round trips/s: N". */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WARMUP 1000

static HANDLE ping, pong;
static long rounds;

static double now_seconds(void)
{
    LARGE_INTEGER count, frequency;
    QueryPerformanceCounter(&count);
    QueryPerformanceFrequency(&frequency);
    return (double)count.QuadPart / (double)frequency.QuadPart;
}

static int ponger(void)
{
    long i;
    for (i = 0; i < WARMUP + rounds; i++) {
        if (WaitForSingleObject(ping, INFINITE) != WAIT_OBJECT_0) return 1;
        SetEvent(pong);
    }
    return 0;
}

static DWORD WINAPI ponger_thread(void *arg)
{
    (void)arg;
    return ponger();
}

static int pinger(void)
{
    long i;
    double start = 0;
    for (i = 0; i < WARMUP + rounds; i++) {
        if (i == WARMUP) start = now_seconds();
        SetEvent(ping);
        if (WaitForSingleObject(pong, INFINITE) != WAIT_OBJECT_0) return 1;
    }
    printf("round trips/s: %.0f\n", rounds / (now_seconds() - start));
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "threads")) {
        HANDLE thread;
        rounds = atol(argv[2]);
        ping = CreateEventA(NULL, FALSE, FALSE, NULL);
        pong = CreateEventA(NULL, FALSE, FALSE, NULL);
        thread = CreateThread(NULL, 0, ponger_thread, NULL, 0, NULL);
        if (!ping || !pong || !thread || pinger()) return 1;
        WaitForSingleObject(thread, INFINITE);
        return 0;
    }
    if (argc == 5 && !strcmp(argv[1], "process")) {
        char name[200];
        rounds = atol(argv[4]);
        snprintf(name, sizeof(name), "%s.ping", argv[2]);
        ping = CreateEventA(NULL, FALSE, FALSE, name);
        snprintf(name, sizeof(name), "%s.pong", argv[2]);
        pong = CreateEventA(NULL, FALSE, FALSE, name);
        if (!ping || !pong) return 1;
        return !strcmp(argv[3], "a") ? pinger() : ponger();
    }
    fprintf(stderr, "usage: pingpong_win threads ROUNDS | process NAME a|b ROUNDS\n");
    return 2;
}
