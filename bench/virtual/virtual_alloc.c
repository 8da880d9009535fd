/* bench/virtual/virtual_alloc.c - the cost of reserving+committing and
 * releasing 64 KiB, built twice from this one source: with mingw-w64
 * (VirtualAlloc(MEM_RESERVE|MEM_COMMIT) + VirtualFree(MEM_RELEASE), run under
 * vine) and with gcc for Linux (mmap + munmap). Modes, one per run:
 *   alloc   allocate and free at once, 1 million times
 *   touch   the same, writing one byte of the block in between (a page
 *           fault on both sides)
 * Prints nanoseconds per allocate+free pair, start-up and warm-up excluded. */
#include <stdio.h>
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
static char *allocate(size_t size) { return VirtualAlloc(NULL, size, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE); }
static int release(char *p, size_t size) { (void)size; return VirtualFree(p, 0, MEM_RELEASE) ? 0 : -1; }
#else
#include <sys/mman.h>
#include <time.h>
static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}
static char *allocate(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}
static int release(char *p, size_t size) { return munmap(p, size); }
#endif

#define SIZE 0x10000
#define STEPS 1000000

int main(int argc, char **argv)
{
    int touch = argc > 1 && !strcmp(argv[1], "touch");
    double start;
    int i;
    for (i = 0; i < 1000; i++) {  /* warm-up */
        char *p = allocate(SIZE);
        if (!p || release(p, SIZE)) {
            fprintf(stderr, "allocation failed\n");
            return 1;
        }
    }
    start = now_ns();
    for (i = 0; i < STEPS; i++) {
        char *p = allocate(SIZE);
        if (touch) *(volatile char *)p = 1;
        release(p, SIZE);
    }
    printf("%.1f\n", (now_ns() - start) / STEPS);
    return 0;
}
