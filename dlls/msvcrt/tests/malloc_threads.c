/* malloc/free/calloc/realloc edge cases and from several threads at once:
 * blocks allocated in one thread and freed in another, threads that end
 * with blocks still cached, contents checked throughout. */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "vinetest.h"

#define THREADS 4
#define STEPS 200000
#define SHARED 256

static void *volatile shared[SHARED];
static volatile LONG bad_content, failures;

static unsigned int next_random(unsigned int *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

/* Each block starts with its size and is filled with a byte derived from
 * it, so whoever frees it can check it. */
static void *new_block(unsigned int *state)
{
    size_t size = 16 + next_random(state) % 2000;
    unsigned char *p = malloc(size);
    if (!p) return NULL;
    memcpy(p, &size, sizeof(size));
    memset(p + sizeof(size), (int)(size & 0xff), size - sizeof(size));
    return p;
}

static void check_and_free(unsigned char *p)
{
    size_t size, i;
    memcpy(&size, p, sizeof(size));
    if (_msize(p) != size) InterlockedIncrement(&bad_content);
    for (i = sizeof(size); i < size; i++)
        if (p[i] != (unsigned char)(size & 0xff)) {
            InterlockedIncrement(&bad_content);
            break;
        }
    free(p);
}

static DWORD WINAPI worker(void *arg)
{
    unsigned int state = (unsigned int)(uintptr_t)arg * 7919u + 1;
    void *mine[64] = {0};
    int i;
    for (i = 0; i < STEPS; i++) {
        unsigned int r = next_random(&state);
        if (r & 1) {
            /* Swap with the shared array: the block is freed by whichever
             * thread takes it out. */
            void *block = new_block(&state);
            void *old;
            if (!block) { InterlockedIncrement(&failures); continue; }
            old = InterlockedExchangePointer((void *volatile *)&shared[r % SHARED], block);
            if (old) check_and_free(old);
        } else {
            int slot = (r >> 1) % 64;
            if (mine[slot]) check_and_free(mine[slot]);
            mine[slot] = new_block(&state);
            if (!mine[slot]) InterlockedIncrement(&failures);
        }
    }
    /* Half the private blocks stay allocated until the main thread frees
     * them after this thread has ended. */
    for (i = 0; i < 64; i += 2)
        if (mine[i]) check_and_free(mine[i]);
    for (i = 1; i < 64; i += 2) {
        void *old = InterlockedExchangePointer((void *volatile *)&shared[(i * 37) % SHARED], mine[i]);
        if (old) check_and_free(old);
    }
    return 0;
}

static void test_edges(void)
{
    char *p, *q;
    int i, misaligned = 0;
    volatile size_t huge = (size_t)-1; /* volatile: the compiler would warn about the sizes */

    p = malloc(0);
    ok(p != NULL, "malloc(0) gives a block");
    free(p);
    errno = 0;
    ok(malloc(huge) == NULL && errno == ENOMEM, "malloc(SIZE_MAX): NULL, ENOMEM");
    errno = 0;
    ok(calloc(huge / 2, 4) == NULL && errno == ENOMEM, "calloc overflowing: NULL, ENOMEM");
    for (i = 1; i <= 300; i++) {
        p = malloc(i);
        if ((uintptr_t)p & 15) misaligned++;
        free(p);
    }
    ok(misaligned == 0, "malloc of 1..300 bytes is 16-byte aligned (%d not)", misaligned);

    p = malloc(200);
    memset(p, 'x', 200);
    q = realloc(p, 50);
    ok(q != NULL && _msize(q) == 50, "realloc shrinks: _msize 50");
    ok(q && q[0] == 'x' && q[49] == 'x', "keeping the data");
    p = realloc(q, 10000);
    ok(p != NULL && _msize(p) == 10000 && p[0] == 'x' && p[49] == 'x', "realloc grows to 10000");
    q = _expand(p, 100);
    ok(q == p && _msize(q) == 100, "_expand shrinks in place");
    ok(realloc(q, 0) == NULL, "realloc(p, 0) frees and returns NULL");

    p = calloc(77, 13);
    for (i = 0; p && i < 77 * 13 && p[i] == 0; i++);
    ok(p && i == 77 * 13, "calloc(77, 13) is zeroed");
    free(p);
}

int main(void)
{
    HANDLE threads[THREADS];
    int i, round;

    test_edges();
    for (round = 0; round < 3; round++) {
        for (i = 0; i < THREADS; i++) threads[i] = CreateThread(NULL, 0, worker, (void *)(uintptr_t)(round * THREADS + i), 0, NULL);
        WaitForMultipleObjects(THREADS, threads, TRUE, INFINITE);
        for (i = 0; i < THREADS; i++) CloseHandle(threads[i]);
    }
    for (i = 0; i < SHARED; i++)
        if (shared[i]) check_and_free(shared[i]);
    ok(failures == 0, "no allocation failed (%ld)", failures);
    ok(bad_content == 0, "every block kept its size and contents across threads (%ld bad)", bad_content);
    ok(HeapValidate(GetProcessHeap(), 0, NULL), "the process heap is valid afterwards");
    return vt_summary();
}
