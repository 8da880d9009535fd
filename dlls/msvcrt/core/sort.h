// qsort as an engine: a template over the comparison, so that msvcrt's qsort
// instantiates it with the guest's comparator and calls it directly (one
// indirect call per comparison, no adapter in between), while the unit tests
// drive it with host comparators.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace vine::msvcrt {

namespace sort_detail {

// Swaps two elements: 4- and 8-byte ones (ints, pointers) as one word,
// others 8 bytes at a time.
inline __attribute__((always_inline)) void swap_elements(char* a, char* b, size_t size) {
    if (size == 4) {
        uint32_t x, y;
        __builtin_memcpy(&x, a, 4), __builtin_memcpy(&y, b, 4);
        __builtin_memcpy(a, &y, 4), __builtin_memcpy(b, &x, 4);
        return;
    }
    for (; size >= 8; size -= 8, a += 8, b += 8) {
        uint64_t x, y;
        __builtin_memcpy(&x, a, 8), __builtin_memcpy(&y, b, 8);
        __builtin_memcpy(a, &y, 8), __builtin_memcpy(b, &x, 8);
    }
    for (; size; --size, ++a, ++b) {
        char t = *a;
        *a = *b;
        *b = t;
    }
}

}  // namespace sort_detail

// An in-place quicksort (median of three, insertion sort for short runs,
// recursion on the smaller side only), not stable, like msvcrt's.
// compare(a, b) returns <0, 0 or >0. A System V function calling the
// (ms_abi) comparator costs nothing per call; the ms_abi export pays its
// xmm saves once per sort. (An ms_abi engine, saving even those, made
// win.ntdll_callback_seh's later walk from a vectored handler fail: a bug in
// unwinding after an access violation in a comparator caught above qsort,
// seen on the unchanged tree too once the test's comparator walk is taken
// out; see the report of that change.)
template <typename Compare>
__attribute__((noinline)) void sort_with(void* base, size_t count, size_t size, Compare compare) {
    using sort_detail::swap_elements;
    if (count < 2 || size == 0) return;
    char* lo = static_cast<char*>(base);
    char* hi = lo + (count - 1) * size;
    for (;;) {
        size_t n = static_cast<size_t>(hi - lo) / size + 1;
        if (n <= 8) {
            for (char* i = lo + size; i <= hi; i += size)
                for (char* j = i; j > lo && compare(j - size, j) > 0; j -= size) swap_elements(j - size, j, size);
            return;
        }
        char* mid = lo + (n / 2) * size;
        if (compare(lo, mid) > 0) swap_elements(lo, mid, size);
        if (compare(lo, hi) > 0) swap_elements(lo, hi, size);
        if (compare(mid, hi) > 0) swap_elements(mid, hi, size);
        // The pivot moves to lo + size; lo and hi already bound the partition.
        if (mid != lo + size) swap_elements(mid, lo + size, size);
        char* pivot = lo + size;
        char* i = lo + size;
        char* j = hi;
        for (;;) {
            do i += size; while (compare(i, pivot) < 0);
            do j -= size; while (compare(j, pivot) > 0);
            if (i >= j) break;
            swap_elements(i, j, size);
        }
        if (pivot != j) swap_elements(pivot, j, size);
        // Recurse on the smaller side, loop on the larger.
        if (j - lo < hi - j) {
            if (j > lo) sort_with(lo, static_cast<size_t>(j - lo) / size, size, compare);
            lo = j + size;
        } else {
            if (hi > j) sort_with(j + size, static_cast<size_t>(hi - j) / size, size, compare);
            hi = j - size;
        }
        if (lo >= hi) return;
    }
}

// Compares two elements; `context` carries the caller's state.
using CompareFn = int (*)(void* context, const void* a, const void* b);

// sort_with for a C comparator (the unit tests' entry).
void sort(void* base, size_t count, size_t size, CompareFn compare, void* context);

}  // namespace vine::msvcrt
