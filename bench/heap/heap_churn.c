/* bench/heap/heap_churn.c - heap allocation cost, built twice from this one
 * source: with mingw-w64 (a Windows program run under vine) and with gcc for
 * Linux (glibc's malloc). Modes, one per run:
 *   churn   a working set of 4096 live blocks; each step frees a random one
 *           and allocates a random size of 16..4096 bytes in its place
 *           (Windows: HeapAlloc/HeapFree on the process heap; Linux:
 *           malloc/free)
 *   small   malloc + free of 32..95 bytes (Windows: msvcrt's malloc/free)
 * Prints nanoseconds per allocate+free pair, start-up and warm-up excluded.
 * The random sequence has a fixed seed, the same on both sides. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
#include <windows.h>
static double now_ns(void)
{
    static LARGE_INTEGER frequency;
    LARGE_INTEGER counter;
    if (!frequency.QuadPart) QueryPerformanceFrequency(&frequency);
    QueryPerformanceCounter(&counter);
    return (double)counter.QuadPart * 1e9 / (double)frequency.QuadPart;
}
static HANDLE heap;
#define CHURN_ALLOC(size) HeapAlloc(heap, 0, (size))
#define CHURN_FREE(block) HeapFree(heap, 0, (block))
#else
#include <time.h>
static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}
#define CHURN_ALLOC(size) malloc(size)
#define CHURN_FREE(block) free(block)
#endif

#define SLOTS 4096
#define CHURN_STEPS 10000000
#define SMALL_STEPS 20000000

static unsigned int state = 20261202u;
static inline unsigned int next_random(void)
{
    state = state * 1664525u + 1013904223u;
    return state >> 8;
}

static void *volatile sink;

static double churn(void)
{
    static void *slots[SLOTS];
    double start;
    int i;
#ifdef _WIN32
    heap = GetProcessHeap();
#endif
    for (i = 0; i < SLOTS; i++) {
        slots[i] = CHURN_ALLOC(16 + next_random() % 4081);
        *(char *)slots[i] = 1;
    }
    start = now_ns();
    for (i = 0; i < CHURN_STEPS; i++) {
        unsigned int r = next_random();
        unsigned int slot = r % SLOTS;
        CHURN_FREE(slots[slot]);
        slots[slot] = CHURN_ALLOC(16 + (r >> 12) % 4081);
        *(char *)slots[slot] = 1;
    }
    start = (now_ns() - start) / CHURN_STEPS;
    for (i = 0; i < SLOTS; i++) CHURN_FREE(slots[i]);
    return start;
}

static double small(void)
{
    double start;
    int i;
    for (i = 0; i < 100000; i++) free(malloc(32 + (i & 63)));
    start = now_ns();
    for (i = 0; i < SMALL_STEPS; i++) {
        void *block = malloc(32 + (next_random() & 63));
        sink = block;
        free(block);
    }
    return (now_ns() - start) / SMALL_STEPS;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "churn";
    double ns;
    if (!strcmp(mode, "churn")) ns = churn();
    else if (!strcmp(mode, "small")) ns = small();
    else {
        fprintf(stderr, "usage: heap_churn churn|small\n");
        return 2;
    }
    printf("%.2f\n", ns);
    return 0;
}
