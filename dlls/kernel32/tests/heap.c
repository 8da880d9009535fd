/* Heaps: HeapCreate (growable, fixed-size, HEAP_NO_SERIALIZE), HeapAlloc,
 * HeapReAlloc (HEAP_ZERO_MEMORY on growth, HEAP_REALLOC_IN_PLACE_ONLY,
 * HEAP_GENERATE_EXCEPTIONS), HeapFree, HeapSize, HeapValidate, HeapWalk,
 * HeapLock/HeapUnlock, HeapCompact, HeapSummary, GetProcessHeaps,
 * HeapQuery/SetInformation, HeapDestroy; 16-byte alignment; LocalAlloc and
 * GlobalAlloc with fixed and moveable blocks. Expectations are Windows'
 * documented behaviour. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#include "vinetest.h"

static int all_bytes(const void *p, size_t n, unsigned char value)
{
    const unsigned char *b = p;
    size_t i;
    for (i = 0; i < n; i++)
        if (b[i] != value) return 0;
    return 1;
}

static void test_growable(void)
{
    HANDLE heap = HeapCreate(0, 0, 0);
    int misaligned = 0, wrong_size = 0, failed = 0;
    void *blocks[600];
    size_t i;
    void *big, *zero;

    ok(heap != NULL, "HeapCreate growable");
    for (i = 0; i < 600; i++) {
        size_t size = i * 13;
        blocks[i] = HeapAlloc(heap, 0, size);
        if (!blocks[i]) { failed++; continue; }
        if ((ULONG_PTR)blocks[i] & 15) misaligned++;
        if (HeapSize(heap, 0, blocks[i]) != size) wrong_size++;
        memset(blocks[i], 0x5a, size);
    }
    ok(failed == 0, "600 blocks of 0..7787 bytes allocated (%d failed)", failed);
    ok(misaligned == 0, "every block 16-byte aligned (%d not)", misaligned);
    ok(wrong_size == 0, "HeapSize is the size asked for (%d wrong)", wrong_size);
    for (i = 0; i < 600; i++) HeapFree(heap, 0, blocks[i]);

    big = HeapAlloc(heap, 0, 8 << 20);
    ok(big != NULL && !((ULONG_PTR)big & 15), "an 8 MiB block, aligned");
    ok(HeapSize(heap, 0, big) == 8 << 20, "its size");
    memset(big, 1, 8 << 20);
    ok(HeapFree(heap, 0, big), "freed");

    zero = HeapAlloc(heap, 0, 0);
    ok(zero != NULL, "HeapAlloc of 0 bytes gives a block");
    ok(HeapSize(heap, 0, zero) == 0, "of size 0");
    ok(HeapFree(heap, 0, zero), "freed");
    ok(HeapFree(heap, 0, NULL), "HeapFree(NULL) succeeds");
    ok(HeapDestroy(heap), "HeapDestroy");
}

static void test_fixed(void)
{
    HANDLE heap = HeapCreate(0, 0, 0x100000);
    void *blocks[64];
    int count = 0, i;
    void *small;

    ok(heap != NULL, "HeapCreate fixed-size (1 MiB)");
    ok(HeapAlloc(heap, 0, 0x200000) == NULL, "a block beyond the maximum fails");
    ok(HeapAlloc(heap, 0, 0x100000) == NULL, "a 1 MiB block fails (the limit for fixed heaps)");
    for (i = 0; i < 64; i++) {
        blocks[i] = HeapAlloc(heap, 0, 0x10000);
        if (!blocks[i]) break;
        count++;
    }
    ok(count >= 8 && count < 16, "64 KiB blocks until the heap is full: %d (at most 15 fit)", count);
    ok(count < 64 && blocks[count] == NULL, "then HeapAlloc fails");
    for (i = 0; i < count; i++) HeapFree(heap, 0, blocks[i]);
    blocks[0] = HeapAlloc(heap, 0, 0x10000);
    ok(blocks[0] != NULL, "after freeing, the space is there again");
    small = HeapAlloc(heap, HEAP_ZERO_MEMORY, 100);
    ok(small != NULL && all_bytes(small, 100, 0), "and small blocks too");
    ok(HeapDestroy(heap), "HeapDestroy of a fixed heap");
}

static void test_zero_and_realloc(void)
{
    HANDLE heap = GetProcessHeap();
    unsigned char *p, *q;
    int i, dirty = 0;

    for (i = 0; i < 50; i++) {
        p = HeapAlloc(heap, 0, 256);
        memset(p, 0xaa, 256);
        HeapFree(heap, 0, p);
        p = HeapAlloc(heap, HEAP_ZERO_MEMORY, 256);
        if (!all_bytes(p, 256, 0)) dirty++;
        HeapFree(heap, 0, p);
    }
    ok(dirty == 0, "HEAP_ZERO_MEMORY blocks are zero even when reused (%d dirty)", dirty);

    p = HeapAlloc(heap, 0, 100);
    memset(p, 0xaa, 100);
    q = HeapReAlloc(heap, HEAP_ZERO_MEMORY, p, 5000);
    ok(q != NULL, "HeapReAlloc grows to 5000");
    ok(q && all_bytes(q, 100, 0xaa), "keeping the first 100 bytes");
    ok(q && all_bytes(q + 100, 4900, 0), "and zeroing the growth");
    ok(HeapSize(heap, 0, q) == 5000, "HeapSize 5000");

    p = HeapReAlloc(heap, 0, q, 10);
    ok(p != NULL && HeapSize(heap, 0, p) == 10, "shrinks to 10");
    memset(p, 0xbb, 10);
    q = HeapReAlloc(heap, HEAP_ZERO_MEMORY | HEAP_REALLOC_IN_PLACE_ONLY, p, 10);
    ok(q == p, "in place to the same size");
    q = HeapReAlloc(heap, HEAP_ZERO_MEMORY, p, 60);
    ok(q && all_bytes(q, 10, 0xbb) && all_bytes(q + 10, 50, 0), "growth beyond the current size is zeroed");

    p = HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, q, 8);
    ok(p == q, "HEAP_REALLOC_IN_PLACE_ONLY shrinks in place");
    ok(HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, p, 1 << 20) == NULL, "but cannot grow 8 bytes to 1 MiB");
    ok(HeapSize(heap, 0, p) == 8, "the block is unchanged");
    ok(HeapFree(heap, 0, p), "freed");

    /* Large blocks. */
    heap = HeapCreate(0, 0, 0);
    p = HeapAlloc(heap, 0, 100000);
    memset(p, 0xcc, 100000);
    q = HeapReAlloc(heap, HEAP_ZERO_MEMORY, p, 3000000);
    ok(q != NULL && !((ULONG_PTR)q & 15), "a 100000-byte block grows to 3 MB");
    ok(q && all_bytes(q, 100000, 0xcc) && all_bytes(q + 100000, 2900000, 0), "data kept, growth zeroed");
    p = HeapReAlloc(heap, 0, q, 50000);
    ok(p != NULL && HeapSize(heap, 0, p) == 50000 && all_bytes(p, 50000, 0xcc), "and shrinks to 50000");
    q = HeapReAlloc(heap, HEAP_ZERO_MEMORY, p, 200);
    ok(q != NULL && HeapSize(heap, 0, q) == 200 && all_bytes(q, 200, 0xcc), "and to 200");
    ok(HeapValidate(heap, 0, NULL), "the heap is valid");
    HeapDestroy(heap);
}

static volatile DWORD raised_code, exception_thread;

static LONG CALLBACK record_and_exit(EXCEPTION_POINTERS *pointers)
{
    if (GetCurrentThreadId() != exception_thread) return EXCEPTION_CONTINUE_SEARCH;
    raised_code = pointers->ExceptionRecord->ExceptionCode;
    ExitThread(0);
}

static DWORD WINAPI allocate_too_much(void *heap)
{
    exception_thread = GetCurrentThreadId();
    HeapAlloc(heap, 0, 0x200000);
    return 1;  /* no exception */
}

static DWORD WINAPI allocate_too_much_flag(void *heap)
{
    exception_thread = GetCurrentThreadId();
    HeapAlloc(heap, HEAP_GENERATE_EXCEPTIONS, 0x200000);
    return 1;
}

static void test_generate_exceptions(void)
{
    HANDLE heap = HeapCreate(HEAP_GENERATE_EXCEPTIONS, 0, 0x10000);
    HANDLE plain = HeapCreate(0, 0, 0x10000);
    void *handler = AddVectoredExceptionHandler(1, record_and_exit);
    HANDLE thread;
    DWORD code = 99;

    raised_code = 0;
    thread = CreateThread(NULL, 0, allocate_too_much, heap, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    GetExitCodeThread(thread, &code);
    CloseHandle(thread);
    ok(raised_code == STATUS_NO_MEMORY && code == 0,
       "a HEAP_GENERATE_EXCEPTIONS heap raises STATUS_NO_MEMORY (%#lx, exit %lu)", raised_code, code);

    raised_code = 0;
    thread = CreateThread(NULL, 0, allocate_too_much_flag, plain, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    GetExitCodeThread(thread, &code);
    CloseHandle(thread);
    ok(raised_code == STATUS_NO_MEMORY && code == 0, "so does HeapAlloc with the flag (%#lx)", raised_code);

    ok(HeapAlloc(plain, 0, 0x200000) == NULL, "without it, HeapAlloc returns NULL");
    RemoveVectoredExceptionHandler(handler);
    HeapDestroy(heap);
    HeapDestroy(plain);
}

static void test_walk(void)
{
    HANDLE heap = HeapCreate(0, 0, 0);
    PROCESS_HEAP_ENTRY entry;
    void *a = HeapAlloc(heap, 0, 100), *b = HeapAlloc(heap, 0, 200), *c = HeapAlloc(heap, 0, 300);
    void *freed = HeapAlloc(heap, 0, 400);
    void *large = HeapAlloc(heap, 0, 200000), *freed_large = HeapAlloc(heap, 0, 300000);
    int seen_large = 0, seen_freed_large = 0;
    int seen_a = 0, seen_b = 0, seen_c = 0, seen_freed_busy = 0, regions = 0, entries = 0, first_is_region = -1;
    int wrong_sizes = 0, outside = 0;
    char *region_first = NULL, *region_last = NULL;

    HeapFree(heap, 0, freed);
    HeapFree(heap, 0, freed_large);
    memset(&entry, 0, sizeof(entry));
    while (HeapWalk(heap, &entry)) {
        if (first_is_region < 0) first_is_region = (entry.wFlags & PROCESS_HEAP_REGION) != 0;
        entries++;
        if (entry.wFlags & PROCESS_HEAP_REGION) {
            regions++;
            region_first = entry.Region.lpFirstBlock;
            region_last = entry.Region.lpLastBlock;
        } else if (entry.wFlags & PROCESS_HEAP_ENTRY_BUSY) {
            if (entry.cbData < 100000 &&
                ((char *)entry.lpData < region_first || (char *)entry.lpData >= region_last))
                outside++;
            if (HeapSize(heap, 0, entry.lpData) != entry.cbData) wrong_sizes++;
            if (entry.lpData == a) seen_a += entry.cbData == 100;
            if (entry.lpData == b) seen_b += entry.cbData == 200;
            if (entry.lpData == c) seen_c += entry.cbData == 300;
            if (entry.lpData == freed) seen_freed_busy++;
            if (entry.lpData == large) seen_large += entry.cbData == 200000;
            if (entry.lpData == freed_large) seen_freed_large++;
        }
        if (entries > 100000) break;
    }
    ok(GetLastError() == ERROR_NO_MORE_ITEMS, "HeapWalk ends with ERROR_NO_MORE_ITEMS (%lu)", GetLastError());
    ok(first_is_region == 1, "the first entry is a region");
    ok(regions >= 1, "%d region(s)", regions);
    ok(seen_a == 1 && seen_b == 1 && seen_c == 1, "each busy block once, with its size (%d %d %d)", seen_a, seen_b,
       seen_c);
    ok(seen_freed_busy == 0, "a freed block is not busy");
    ok(seen_large == 1, "a 200000-byte block is busy, with its size");
    ok(seen_freed_large == 0, "a freed 300000-byte block is not busy");
    ok(wrong_sizes == 0, "busy entries' cbData is HeapSize (%d wrong)", wrong_sizes);
    ok(outside == 0, "small busy blocks lie inside their region (%d outside)", outside);
    HeapDestroy(heap);
}

static volatile LONG allocated_while_locked;

static DWORD WINAPI allocate_on(void *heap)
{
    void *p = HeapAlloc(heap, 0, 64);
    InterlockedExchange(&allocated_while_locked, 1);
    HeapFree(heap, 0, p);
    return 0;
}

static void test_lock(void)
{
    HANDLE heap = HeapCreate(0, 0, 0);
    HANDLE thread;
    void *p;

    ok(HeapLock(heap), "HeapLock");
    ok(HeapLock(heap), "HeapLock again from the owner");
    p = HeapAlloc(heap, 0, 32);
    ok(p != NULL, "the owner allocates while holding the lock");
    allocated_while_locked = 0;
    thread = CreateThread(NULL, 0, allocate_on, heap, 0, NULL);
    ok(WaitForSingleObject(thread, 200) == WAIT_TIMEOUT, "another thread's HeapAlloc waits for the lock");
    ok(allocated_while_locked == 0, "and has not allocated");
    ok(HeapUnlock(heap), "HeapUnlock");
    ok(WaitForSingleObject(thread, 200) == WAIT_TIMEOUT, "still locked once");
    ok(HeapUnlock(heap), "HeapUnlock again");
    ok(WaitForSingleObject(thread, INFINITE) == WAIT_OBJECT_0 && allocated_while_locked == 1,
       "then the other thread allocates");
    CloseHandle(thread);
    HeapFree(heap, 0, p);
    HeapDestroy(heap);
}

static void test_validate_compact_summary(void)
{
    HANDLE heap = HeapCreate(0, 0, 0);
    char *p = HeapAlloc(heap, 0, 100), *q = HeapAlloc(heap, 0, 100);
    HEAP_SUMMARY summary;
    SIZE_T largest;

    ok(HeapValidate(heap, 0, p), "HeapValidate of a block");
    ok(HeapValidate(heap, 0, NULL), "HeapValidate of the whole heap");
    ok(!HeapValidate(heap, 0, p + 16), "not of a pointer inside a block");
    HeapFree(heap, 0, q);
    ok(!HeapValidate(heap, 0, q), "not of a freed block");
    ok(HeapValidate(GetProcessHeap(), 0, NULL), "the process heap is valid");

    largest = HeapCompact(heap, 0);
    ok(largest >= 100, "HeapCompact: the largest free block holds the freed one (%lu)", (unsigned long)largest);

    memset(&summary, 0, sizeof(summary));
    summary.cb = sizeof(summary);
    ok(HeapSummary(heap, 0, &summary), "HeapSummary");
    ok(summary.cbAllocated >= 100, "allocated %lu", (unsigned long)summary.cbAllocated);
    ok(summary.cbCommitted >= summary.cbAllocated, "committed %lu", (unsigned long)summary.cbCommitted);
    ok(summary.cbReserved >= summary.cbCommitted, "reserved %lu", (unsigned long)summary.cbReserved);
    ok(summary.cbMaxReserve >= summary.cbReserved, "max reserve %lu", (unsigned long)summary.cbMaxReserve);
    summary.cb = 4;
    SetLastError(0);
    ok(!HeapSummary(heap, 0, &summary) && GetLastError() == ERROR_INVALID_PARAMETER,
       "HeapSummary with a wrong cb fails with ERROR_INVALID_PARAMETER");
    HeapDestroy(heap);
}

static void test_process_heaps(void)
{
    HANDLE list[256], extra;
    DWORD before = GetProcessHeaps(0, NULL), count, i;
    int found = 0;

    ok(before >= 1, "GetProcessHeaps counts %lu heaps", before);
    extra = HeapCreate(0, 0, 0);
    count = GetProcessHeaps(256, list);
    ok(count == before + 1, "one more after HeapCreate (%lu)", count);
    ok(list[0] == GetProcessHeap(), "the process heap first");
    for (i = 0; i < count && i < 256; i++) found += list[i] == extra;
    ok(found == 1, "the new heap listed once");
    list[0] = list[1] = (HANDLE)0x1234;
    ok(GetProcessHeaps(1, list) == count, "a short buffer still gets the count");
    ok(list[0] == GetProcessHeap() && list[1] == (HANDLE)0x1234, "and as many handles as fit");
    ok(HeapDestroy(extra), "HeapDestroy");
    ok(GetProcessHeaps(0, NULL) == before, "the heap is gone from the list");
}

static void test_information(void)
{
    ULONG info = 0;
    SIZE_T length = 0;
    HANDLE heap = HeapCreate(0, 0, 0), fixed, no_serialize;

    ok(HeapQueryInformation(GetProcessHeap(), HeapCompatibilityInformation, &info, sizeof(info), &length),
       "HeapQueryInformation");
    ok(info == 2, "the process heap is a low-fragmentation heap (%lu)", info);
    ok(length == sizeof(ULONG), "return length %lu", (unsigned long)length);
    SetLastError(0);
    ok(!HeapQueryInformation(GetProcessHeap(), HeapCompatibilityInformation, &info, 2, &length) &&
           GetLastError() == ERROR_INSUFFICIENT_BUFFER,
       "a 2-byte buffer: ERROR_INSUFFICIENT_BUFFER (%lu)", GetLastError());
    info = 2;
    ok(HeapSetInformation(heap, HeapCompatibilityInformation, &info, sizeof(info)), "enabling the LFH");
    info = 0;
    ok(HeapQueryInformation(heap, HeapCompatibilityInformation, &info, sizeof(info), NULL) && info == 2,
       "which it then reports");
    fixed = HeapCreate(0, 0, 0x100000);
    info = 2;
    ok(!HeapSetInformation(fixed, HeapCompatibilityInformation, &info, sizeof(info)),
       "a fixed-size heap cannot have the LFH");
    ok(HeapQueryInformation(fixed, HeapCompatibilityInformation, &info, sizeof(info), NULL) && info == 0,
       "and reports a standard heap (%lu)", info);
    HeapDestroy(fixed);
    no_serialize = HeapCreate(HEAP_NO_SERIALIZE, 0, 0);
    info = 2;
    ok(!HeapSetInformation(no_serialize, HeapCompatibilityInformation, &info, sizeof(info)),
       "nor a HEAP_NO_SERIALIZE heap");
    HeapDestroy(no_serialize);
    ok(HeapSetInformation(NULL, HeapEnableTerminationOnCorruption, NULL, 0),
       "HeapEnableTerminationOnCorruption accepted");
    HeapDestroy(heap);
}

static void test_no_serialize_and_destroy(void)
{
    HANDLE heap = HeapCreate(HEAP_NO_SERIALIZE, 0x10000, 0);
    void *blocks[2000];
    int i, failed = 0;

    ok(heap != NULL, "HeapCreate(HEAP_NO_SERIALIZE)");
    for (i = 0; i < 2000; i++) {
        blocks[i] = HeapAlloc(heap, 0, 16 + (i % 50) * 40);
        if (!blocks[i]) failed++;
    }
    ok(failed == 0, "2000 blocks (%d failed)", failed);
    for (i = 0; i < 2000; i += 2) HeapFree(heap, 0, blocks[i]);
    ok(HeapValidate(heap, 0, NULL), "valid after freeing half");
    /* HeapDestroy frees everything still allocated. */
    ok(HeapDestroy(heap), "HeapDestroy with live blocks");
}

static volatile LONG shared_heap_errors;

static DWORD WINAPI churn_shared_heap(void *heap)
{
    unsigned char *blocks[32] = {0};
    unsigned int state = GetCurrentThreadId();
    int i;
    for (i = 0; i < 50000; i++) {
        int slot;
        size_t size;
        state = state * 1664525u + 1013904223u;
        slot = (state >> 8) % 32;
        size = 1 + (state >> 16) % 3000;
        if (blocks[slot]) {
            if (blocks[slot][0] != (unsigned char)slot || !HeapFree(heap, 0, blocks[slot]))
                InterlockedIncrement(&shared_heap_errors);
        }
        blocks[slot] = HeapAlloc(heap, 0, size);
        if (!blocks[slot]) { InterlockedIncrement(&shared_heap_errors); continue; }
        memset(blocks[slot], slot, size);
    }
    for (i = 0; i < 32; i++) HeapFree(heap, 0, blocks[i]);
    return 0;
}

static void test_threads(void)
{
    HANDLE heap = HeapCreate(0, 0, 0), threads[4];
    int i;

    shared_heap_errors = 0;
    for (i = 0; i < 4; i++) threads[i] = CreateThread(NULL, 0, churn_shared_heap, heap, 0, NULL);
    WaitForMultipleObjects(4, threads, TRUE, INFINITE);
    for (i = 0; i < 4; i++) CloseHandle(threads[i]);
    ok(shared_heap_errors == 0, "four threads share a private heap (%ld errors)", shared_heap_errors);
    ok(HeapValidate(heap, 0, NULL), "which is valid afterwards");
    ok(HeapDestroy(heap), "and destroyed");
}

static void test_executable(void)
{
    HANDLE heap = HeapCreate(HEAP_CREATE_ENABLE_EXECUTE, 0, 0);
    unsigned char *code = HeapAlloc(heap, 0, 16);
    int (*function)(void) = (int (*)(void))code;

    ok(code != NULL, "a block of a HEAP_CREATE_ENABLE_EXECUTE heap");
    code[0] = 0xb8; /* mov eax, 42; ret */
    code[1] = 42;
    code[2] = code[3] = code[4] = 0;
    code[5] = 0xc3;
    ok(function() == 42, "runs code written into it");
    HeapDestroy(heap);
}

static void test_global_fixed(void)
{
    char *p = GlobalAlloc(GMEM_FIXED, 100), *q;

    ok(p != NULL && !((ULONG_PTR)p & 15), "GlobalAlloc(GMEM_FIXED) gives an aligned pointer");
    ok(GlobalSize(p) == 100, "GlobalSize");
    ok(GlobalFlags(p) == 0, "GlobalFlags 0");
    ok(GlobalLock(p) == p, "GlobalLock of a fixed block is the block");
    ok(GlobalHandle(p) == p, "GlobalHandle of a fixed block is the block");
    ok(GlobalUnlock(p), "GlobalUnlock of a fixed block returns TRUE");
    memset(p, 0x11, 100);
    q = GlobalReAlloc(p, 50, 0);
    ok(q == p && GlobalSize(q) == 50, "GlobalReAlloc shrinks in place");
    ok(GlobalReAlloc(q, 1 << 20, 0) == NULL, "a fixed block does not move without GMEM_MOVEABLE");
    p = GlobalReAlloc(q, 1 << 20, GMEM_MOVEABLE | GMEM_ZEROINIT);
    ok(p != NULL && GlobalSize(p) == 1 << 20, "with GMEM_MOVEABLE it grows");
    ok(p && all_bytes(p, 50, 0x11) && all_bytes(p + 50, (1 << 20) - 50, 0), "keeping the data, zeroing the rest");
    ok(GlobalFree(p) == NULL, "GlobalFree");
    p = GlobalAlloc(GPTR, 300);
    ok(p && all_bytes(p, 300, 0), "GPTR is zeroed");
    GlobalFree(p);
}

/* How many busy entries of the process heap are moveable blocks with
 * handle `h`. */
static int walk_finds_moveable(HGLOBAL h)
{
    PROCESS_HEAP_ENTRY entry;
    int found = 0, steps = 0;
    memset(&entry, 0, sizeof(entry));
    HeapLock(GetProcessHeap());
    while (HeapWalk(GetProcessHeap(), &entry) && steps++ < 1000000)
        if ((entry.wFlags & PROCESS_HEAP_ENTRY_BUSY) && (entry.wFlags & PROCESS_HEAP_ENTRY_MOVEABLE) &&
            entry.Block.hMem == h)
            found++;
    HeapUnlock(GetProcessHeap());
    return found;
}

static void test_global_moveable(void)
{
    HGLOBAL h = GlobalAlloc(GMEM_MOVEABLE, 100), h0;
    char *p, *p2;

    ok(h != NULL, "GlobalAlloc(GMEM_MOVEABLE)");
    ok(GlobalFlags(h) == 0, "unlocked: GlobalFlags 0");
    ok(walk_finds_moveable(h) == 1, "HeapWalk of the process heap shows it as moveable, with its handle");
    p = GlobalLock(h);
    ok(p != NULL && (void *)p != (void *)h, "GlobalLock gives the data, not the handle");
    ok(p && !((ULONG_PTR)p & 7), "aligned data");
    ok(GlobalFlags(h) == 1, "lock count 1");
    p2 = GlobalLock(h);
    ok(p2 == p && (GlobalFlags(h) & GMEM_LOCKCOUNT) == 2, "lock count 2");
    ok(GlobalHandle(p) == h, "GlobalHandle of the data is the handle");
    ok(GlobalSize(h) == 100, "GlobalSize %lu", (unsigned long)GlobalSize(h));
    memset(p, 0x33, 100);
    ok(GlobalReAlloc(h, 1 << 20, 0) == NULL, "a locked block does not move without GMEM_MOVEABLE");
    ok(GlobalLock(h) == p && GlobalSize(h) == 100 && all_bytes(p, 100, 0x33), "and is unchanged");
    GlobalUnlock(h);
    ok(GlobalUnlock(h), "GlobalUnlock: still locked");
    SetLastError(0xdead);
    ok(!GlobalUnlock(h) && GetLastError() == NO_ERROR, "GlobalUnlock: unlocked, NO_ERROR (%lu)", GetLastError());
    SetLastError(0xdead);
    ok(!GlobalUnlock(h) && GetLastError() == ERROR_NOT_LOCKED, "GlobalUnlock again: ERROR_NOT_LOCKED (%lu)",
       GetLastError());

    ok(GlobalReAlloc(h, 5000, GMEM_MOVEABLE | GMEM_ZEROINIT) == h, "GlobalReAlloc keeps the handle");
    p = GlobalLock(h);
    ok(p && GlobalSize(h) == 5000, "5000 bytes");
    ok(p && all_bytes(p, 100, 0x33) && all_bytes(p + 100, 4900, 0), "data kept, growth zeroed");
    GlobalUnlock(h);

    ok(GlobalReAlloc(h, 0, GMEM_MODIFY | GMEM_MOVEABLE | GMEM_DISCARDABLE) == h, "GMEM_MODIFY");
    ok(GlobalFlags(h) == GMEM_DISCARDABLE, "the block is discardable (%#x)", GlobalFlags(h));
    ok(GlobalReAlloc(h, 0, GMEM_MOVEABLE) == h, "GlobalReAlloc to 0 discards");
    ok(GlobalFlags(h) & GMEM_DISCARDED, "GMEM_DISCARDED (%#x)", GlobalFlags(h));
    ok(GlobalSize(h) == 0, "a discarded block has size 0");
    ok(GlobalLock(h) == NULL, "and cannot be locked");
    ok(GlobalReAlloc(h, 64, GMEM_MOVEABLE) == h && GlobalSize(h) == 64, "reallocating brings it back");
    ok(!(GlobalFlags(h) & GMEM_DISCARDED), "no longer discarded");
    ok(GlobalFree(h) == NULL, "GlobalFree");
    SetLastError(0);
    ok(GlobalFlags(h) == GMEM_INVALID_HANDLE && GetLastError() == ERROR_INVALID_HANDLE,
       "a freed handle: GMEM_INVALID_HANDLE, ERROR_INVALID_HANDLE");

    h0 = GlobalAlloc(GMEM_MOVEABLE, 0);
    ok(h0 != NULL && (GlobalFlags(h0) & GMEM_DISCARDED), "a moveable block of 0 bytes is discarded");
    ok(GlobalFree(h0) == NULL, "freed");

    h = GlobalAlloc(GHND, 256);
    p = GlobalLock(h);
    ok(p && all_bytes(p, 256, 0), "GHND is zeroed");
    GlobalUnlock(h);
    GlobalFree(h);
}

static void test_local(void)
{
    HLOCAL h = LocalAlloc(LHND, 128), fixed;
    char *p;

    ok(h != NULL, "LocalAlloc(LHND)");
    p = LocalLock(h);
    ok(p && all_bytes(p, 128, 0), "LocalLock: zeroed data");
    ok(LocalFlags(h) == 1, "lock count 1");
    ok(LocalHandle(p) == h, "LocalHandle");
    ok(LocalSize(h) == 128, "LocalSize");
    SetLastError(0xdead);
    ok(!LocalUnlock(h) && GetLastError() == NO_ERROR, "LocalUnlock: unlocked");
    ok(LocalReAlloc(h, 1000, LMEM_MOVEABLE | LMEM_ZEROINIT) == h && LocalSize(h) == 1000, "LocalReAlloc");
    ok(LocalReAlloc(h, 0, LMEM_MODIFY | LMEM_MOVEABLE | LMEM_DISCARDABLE) == h, "LMEM_MODIFY");
    ok(LocalFlags(h) == LMEM_DISCARDABLE, "discardable (%#x)", LocalFlags(h));
    ok(LocalFree(h) == NULL, "LocalFree");

    fixed = LocalAlloc(LPTR, 40);
    ok(fixed && all_bytes(fixed, 40, 0), "LocalAlloc(LPTR) zeroed");
    ok(LocalFlags(fixed) == 0 && LocalSize(fixed) == 40, "fixed: flags 0, size 40");
    ok(LocalLock(fixed) == fixed && LocalHandle(fixed) == fixed, "fixed: lock and handle are the pointer");
    ok(LocalFree(fixed) == NULL, "LocalFree");
}

int main(void)
{
    test_growable();
    test_fixed();
    test_zero_and_realloc();
    test_generate_exceptions();
    test_walk();
    test_lock();
    test_validate_compact_summary();
    test_process_heaps();
    test_information();
    test_no_serialize_and_destroy();
    test_executable();
    test_threads();
    test_global_fixed();
    test_global_moveable();
    test_local();
    return vt_summary();
}
