/* bench/virtual/virtual_alloc.c - the cost of reserving+committing and
 * releasing 64 KiB, built twice from this one source: with mingw-w64
 * (VirtualAlloc(MEM_RESERVE|MEM_COMMIT) + VirtualFree(MEM_RELEASE), run under
 * vine) and with gcc for Linux (mmap + munmap). Modes, one per run:
 *   alloc   allocate and free at once, 200000 times
 *   touch   the same, writing one byte of the block in between (a page
 *           fault on both sides)
 *   map     a view of a 1 MiB pagefile-backed section mapped and unmapped
 *           (MapViewOfFile + UnmapViewOfFile; Linux: mmap MAP_SHARED of a
 *           1 MiB memfd + munmap), one byte written in between
 * Prints nanoseconds per allocate+free pair, start-up and warm-up excluded. */
#ifndef _WIN32
#define _GNU_SOURCE  /* memfd_create */
#endif
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
static HANDLE section;
static int make_section(size_t size)
{
    section = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, (DWORD)size, NULL);
    return section ? 0 : -1;
}
static char *map_view(size_t size) { return MapViewOfFile(section, FILE_MAP_WRITE, 0, 0, size); }
static int unmap_view(char *p, size_t size) { (void)size; return UnmapViewOfFile(p) ? 0 : -1; }
#else
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
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
static int section = -1;
static int make_section(size_t size)
{
    section = memfd_create("bench", MFD_CLOEXEC);
    return section >= 0 && ftruncate(section, (off_t)size) == 0 ? 0 : -1;
}
static char *map_view(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, section, 0);
    return p == MAP_FAILED ? NULL : p;
}
static int unmap_view(char *p, size_t size) { return munmap(p, size); }
#endif

#define SIZE 0x10000
#define VIEW_SIZE 0x100000
#define STEPS 200000

int main(int argc, char **argv)
{
    int touch = argc > 1 && !strcmp(argv[1], "touch");
    double start;
    int i;
    if (argc > 1 && !strcmp(argv[1], "map")) {
        if (make_section(VIEW_SIZE)) {
            fprintf(stderr, "no section\n");
            return 1;
        }
        for (i = 0; i < 1000; i++) unmap_view(map_view(VIEW_SIZE), VIEW_SIZE);
        start = now_ns();
        for (i = 0; i < STEPS; i++) {
            char *p = map_view(VIEW_SIZE);
            *(volatile char *)p = 1;
            unmap_view(p, VIEW_SIZE);
        }
        printf("%.1f\n", (now_ns() - start) / STEPS);
        return 0;
    }
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
