/* errno, _doserrno and strtok's position are per thread (msvcrt keeps them
 * in per-thread data): a new thread starts with errno 0, and what each
 * thread sets stays its own, also for threads that run at the same time. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "vinetest.h"

#define THREADS 4
#define ROUNDS 100000

static volatile LONG mismatches, started_with;

static DWORD WINAPI worker(void *arg)
{
    int mine = (int)(INT_PTR)arg;
    int i;
    if (errno != 0) InterlockedIncrement(&started_with);
    for (i = 0; i < ROUNDS; i++) {
        errno = mine + i;
        _doserrno = (unsigned long)(mine * 2 + i);
        if (i % 64 == 0) Sleep(0);
        if (errno != mine + i || _doserrno != (unsigned long)(mine * 2 + i)) InterlockedIncrement(&mismatches);
    }
    return 0;
}

static char text[] = "a b c";
static char *second_token;

static DWORD WINAPI tokenizer(void *arg)
{
    static char other[] = "x y";
    (void)arg;
    strtok(other, " ");
    second_token = strtok(NULL, " ");
    return 0;
}

int main(void)
{
    HANDLE threads[THREADS];
    HANDLE thread;
    DWORD tls_index;
    int i;

    errno = 33;
    _doserrno = 44;
    /* A TLS slot the program allocates is its own, whatever msvcrt keeps. */
    tls_index = TlsAlloc();
    ok(tls_index != TLS_OUT_OF_INDEXES, "TlsAlloc");
    ok(TlsSetValue(tls_index, (void *)0x1234), "TlsSetValue");
    for (i = 0; i < THREADS; i++) threads[i] = CreateThread(NULL, 0, worker, (void *)(INT_PTR)(1000 * (i + 1)), 0, NULL);
    for (i = 0; i < THREADS; i++) {
        WaitForSingleObject(threads[i], INFINITE);
        CloseHandle(threads[i]);
    }
    ok_int(started_with, 0);
    ok_int(mismatches, 0);
    ok_int(errno, 33);
    ok_int(_doserrno, 44);
    ok(TlsGetValue(tls_index) == (void *)0x1234, "the program's TLS value survived: %p", TlsGetValue(tls_index));

    /* strtok continues where this thread left off, not another thread. */
    ok(strcmp(strtok(text, " "), "a") == 0, "first token");
    thread = CreateThread(NULL, 0, tokenizer, NULL, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    ok(second_token && strcmp(second_token, "y") == 0, "the other thread's second token: %s", second_token);
    ok(strcmp(strtok(NULL, " "), "b") == 0, "this thread's second token");
    TlsFree(tls_index);
    return vt_summary();
}
