/* malloc/realloc/calloc/free under load with contents checked, plus the
 * process heap API. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>
#include <windows.h>
#include "vinetest.h"

#define SLOTS 512

static unsigned int rng = 12345;
static unsigned int next_rand(void)
{
    rng = rng * 1103515245u + 12345u;
    return rng >> 8;
}

static void fill(unsigned char *p, size_t n, unsigned int seed)
{
    size_t i;
    for (i = 0; i < n; i++) p[i] = (unsigned char)(seed + i * 7);
}

static int check(const unsigned char *p, size_t n, unsigned int seed)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (p[i] != (unsigned char)(seed + i * 7)) return 0;
    return 1;
}

int main(void)
{
    static unsigned char *ptr[SLOTS];
    static size_t size[SLOTS];
    static unsigned int seed[SLOTS];
    int i, iter, bad_content = 0, bad_align = 0, alloc_fail = 0;
    unsigned char *p;
    HANDLE heap;

    for (iter = 0; iter < 20000; iter++) {
        int s = next_rand() % SLOTS;
        unsigned int op = next_rand() % 3;
        size_t sz = (next_rand() % 8 == 0) ? next_rand() % 200000 : next_rand() % 512;
        if (ptr[s] && !check(ptr[s], size[s], seed[s])) bad_content++;
        if (op == 0 || !ptr[s]) {
            free(ptr[s]);
            ptr[s] = malloc(sz + 1);
            if (!ptr[s]) { alloc_fail++; continue; }
            size[s] = sz + 1;
            seed[s] = next_rand();
            fill(ptr[s], size[s], seed[s]);
        } else if (op == 1) {
            /* realloc keeps the common prefix */
            size_t keep = size[s] < sz + 1 ? size[s] : sz + 1;
            p = realloc(ptr[s], sz + 1);
            if (!p) { alloc_fail++; continue; }
            if (!check(p, keep, seed[s])) bad_content++;
            ptr[s] = p;
            size[s] = sz + 1;
            fill(p, size[s], seed[s]);
        } else {
            free(ptr[s]);
            ptr[s] = NULL;
        }
        if (ptr[s] && ((size_t)ptr[s] & 15)) bad_align++;
    }
    for (i = 0; i < SLOTS; i++) {
        if (ptr[i] && !check(ptr[i], size[i], seed[i])) bad_content++;
        free(ptr[i]);
    }
    ok(alloc_fail == 0, "no allocation failed (%d)", alloc_fail);
    ok(bad_content == 0, "all blocks kept their contents (%d bad)", bad_content);
    ok(bad_align == 0, "all blocks 16-byte aligned (%d bad)", bad_align);

    p = calloc(1000, 4);
    ok(p != NULL, "calloc");
    for (i = 0; p && i < 4000 && p[i] == 0; i++);
    ok(i == 4000, "calloc memory is zeroed");
    ok(_msize(p) == 4000, "_msize of calloc(1000,4) = 4000 (%u)", (unsigned)_msize(p));
    free(p);

    p = realloc(NULL, 10);
    ok(p != NULL, "realloc(NULL, 10) allocates");
    free(p);
    free(NULL);
    ok(1, "free(NULL) is harmless");

    p = malloc(100);
    ok(p && _msize(p) == 100, "_msize(malloc(100)) = 100");
    free(p);

    p = _aligned_malloc(100, 256);
    ok(p && ((size_t)p & 255) == 0, "_aligned_malloc(100, 256) is aligned");
    _aligned_free(p);

    /* process heap and private heaps */
    heap = GetProcessHeap();
    ok(heap != NULL, "GetProcessHeap");
    p = HeapAlloc(heap, HEAP_ZERO_MEMORY, 333);
    ok(p != NULL && HeapSize(heap, 0, p) == 333, "HeapAlloc/HeapSize 333");
    for (i = 0; p && i < 333 && p[i] == 0; i++);
    ok(i == 333, "HEAP_ZERO_MEMORY zeroes");
    p = HeapReAlloc(heap, HEAP_ZERO_MEMORY, p, 5000);
    ok(p != NULL && HeapSize(heap, 0, p) == 5000, "HeapReAlloc grows to 5000");
    for (i = 333; p && i < 5000 && p[i] == 0; i++);
    ok(i == 5000, "HeapReAlloc HEAP_ZERO_MEMORY zeroes the new part");
    ok(HeapFree(heap, 0, p), "HeapFree");

    heap = HeapCreate(0, 0, 0);
    ok(heap != NULL, "HeapCreate growable");
    for (i = 0; i < 1000; i++) {
        p = HeapAlloc(heap, 0, 64 + i);
        if (!p) break;
        memset(p, i, 64 + i);
    }
    ok(i == 1000, "1000 allocations from a private heap");
    ok(HeapDestroy(heap), "HeapDestroy");

    p = VirtualAlloc(NULL, 65536, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    ok(p != NULL && ((size_t)p & 0xffff) == 0, "VirtualAlloc is 64K aligned");
    if (p) { p[0] = 1; p[65535] = 2; }
    ok(VirtualFree(p, 0, MEM_RELEASE), "VirtualFree");

    return vt_summary();
}
