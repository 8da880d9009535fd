/* Helpers shared by the synchronization tests: start threads, wait for them,
 * and poll for a condition another thread makes true. */
#ifndef SYNC_THREADS_H
#define SYNC_THREADS_H

#include <windows.h>

#define MAX_TEST_THREADS 16

/* Runs `count` threads of `proc`, the i-th with args + i * arg_size (or
 * `args` itself when arg_size is 0), and waits for all of them. */
static inline void run_threads(int count, LPTHREAD_START_ROUTINE proc, void *args, size_t arg_size)
{
    HANDLE threads[MAX_TEST_THREADS];
    int i;
    for (i = 0; i < count; i++)
        threads[i] = CreateThread(NULL, 0, proc, (char *)args + i * arg_size, 0, NULL);
    for (i = 0; i < count; i++) {
        WaitForSingleObject(threads[i], INFINITE);
        CloseHandle(threads[i]);
    }
}

static inline HANDLE start_thread(LPTHREAD_START_ROUTINE proc, void *arg)
{
    return CreateThread(NULL, 0, proc, arg, 0, NULL);
}

static inline void join_thread(HANDLE thread)
{
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
}

/* Polls *value until it equals `expected` or about five seconds pass. */
static inline int wait_for_long(volatile LONG *value, LONG expected)
{
    int i;
    for (i = 0; i < 5000 && *value != expected; i++) Sleep(1);
    return *value == expected;
}

#endif
