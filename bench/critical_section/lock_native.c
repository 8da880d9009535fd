/* The native baseline: uncontended pthread_mutex_lock/unlock pairs (gcc -O2,
 * glibc, a default mutex). Prints nanoseconds per pair.
 *
 * glibc skips the atomic instructions of a default mutex while the process
 * has only ever had one thread, whereas critical sections (on Windows as
 * under vine) are atomic whatever the thread count, so by default this
 * program starts (and joins) a thread first; with the argument "single" it
 * does not, showing glibc's single-threaded shortcut. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define PAIRS 20000000

static void *nothing(void *arg) { return arg; }

int main(int argc, char **argv)
{
    pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
    struct timespec start, end;
    long i;

    if (!(argc > 1 && !strcmp(argv[1], "single"))) {
        pthread_t thread;
        pthread_create(&thread, NULL, nothing, NULL);
        pthread_join(thread, NULL);
    }
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (i = 0; i < PAIRS; i++) {
        pthread_mutex_lock(&mutex);
        pthread_mutex_unlock(&mutex);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("%.3f\n", ((end.tv_sec - start.tv_sec) * 1e9 + (end.tv_nsec - start.tv_nsec)) / PAIRS);
    return 0;
}
