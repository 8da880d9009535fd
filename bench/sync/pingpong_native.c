/* The native baseline of pingpong_win: the same ping-pong with auto-reset
   events made of a futex word each (set: exchange to 1, wake if it was 0;
   wait: take 1 -> 0 or sleep while 0), as a careful Linux program would.

     pingpong_native threads ROUNDS
         two pthreads, private futexes
     pingpong_native process FILE a|b ROUNDS
         two processes mapping FILE (e.g. in /dev/shm), shared futexes

   Prints "round trips/s: N" from the pinging side, after 1000 untimed
   round trips. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define WARMUP 1000

static _Atomic uint32_t *ping, *pong;
static long rounds;
static int futex_flags; /* FUTEX_PRIVATE_FLAG for threads */

static void event_set(_Atomic uint32_t *event)
{
    if (atomic_exchange(event, 1) == 0)
        syscall(SYS_futex, event, FUTEX_WAKE | futex_flags, 1, NULL, NULL, 0);
}

static void event_wait(_Atomic uint32_t *event)
{
    for (;;) {
        uint32_t expected = 1;
        if (atomic_compare_exchange_strong(event, &expected, 0)) return;
        syscall(SYS_futex, event, FUTEX_WAIT | futex_flags, 0, NULL, NULL, 0);
    }
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *ponger(void *arg)
{
    (void)arg;
    for (long i = 0; i < WARMUP + rounds; i++) {
        event_wait(ping);
        event_set(pong);
    }
    return NULL;
}

static void pinger(void)
{
    double start = 0;
    for (long i = 0; i < WARMUP + rounds; i++) {
        if (i == WARMUP) start = now_seconds();
        event_set(ping);
        event_wait(pong);
    }
    printf("round trips/s: %.0f\n", rounds / (now_seconds() - start));
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "threads")) {
        static _Atomic uint32_t words[2];
        pthread_t thread;
        rounds = atol(argv[2]);
        futex_flags = FUTEX_PRIVATE_FLAG;
        ping = &words[0];
        pong = &words[1];
        pthread_create(&thread, NULL, ponger, NULL);
        pinger();
        pthread_join(thread, NULL);
        return 0;
    }
    if (argc == 5 && !strcmp(argv[1], "process")) {
        int fd = open(argv[2], O_RDWR | O_CREAT, 0600);
        _Atomic uint32_t *words;
        rounds = atol(argv[4]);
        if (fd < 0 || ftruncate(fd, 4096) != 0) return 1;
        words = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (words == MAP_FAILED) return 1;
        ping = &words[0];
        pong = &words[16]; /* another cache line */
        if (!strcmp(argv[3], "a"))
            pinger();
        else
            ponger(NULL);
        return 0;
    }
    fprintf(stderr, "usage: pingpong_native threads ROUNDS | process FILE a|b ROUNDS\n");
    return 2;
}
