#include "sort.h"

#include <cstring>

namespace vine::msvcrt {
namespace {

void swap_bytes(char* a, char* b, size_t size) {
    if (a == b) return;
    while (size--) {
        char t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

void insertion_sort(char* lo, char* hi, size_t size, CompareFn compare, void* context) {
    for (char* i = lo + size; i <= hi; i += size) {
        for (char* j = i; j > lo && compare(context, j - size, j) > 0; j -= size) swap_bytes(j - size, j, size);
    }
}

}  // namespace

void sort(void* base, size_t count, size_t size, CompareFn compare, void* context) {
    if (count < 2 || size == 0) return;
    char* lo = static_cast<char*>(base);
    char* hi = lo + (count - 1) * size;
    for (;;) {
        size_t n = static_cast<size_t>(hi - lo) / size + 1;
        if (n <= 8) {
            insertion_sort(lo, hi, size, compare, context);
            return;
        }
        char* mid = lo + (n / 2) * size;
        if (compare(context, lo, mid) > 0) swap_bytes(lo, mid, size);
        if (compare(context, lo, hi) > 0) swap_bytes(lo, hi, size);
        if (compare(context, mid, hi) > 0) swap_bytes(mid, hi, size);
        // The pivot moves to lo + size; lo and hi already bound the partition.
        swap_bytes(mid, lo + size, size);
        char* pivot = lo + size;
        char* i = lo + size;
        char* j = hi;
        for (;;) {
            do i += size; while (compare(context, i, pivot) < 0);
            do j -= size; while (compare(context, j, pivot) > 0);
            if (i >= j) break;
            swap_bytes(i, j, size);
        }
        swap_bytes(pivot, j, size);
        // Recurse on the smaller side, loop on the larger.
        if (j - lo < hi - j) {
            if (j > lo) sort(lo, static_cast<size_t>(j - lo) / size, size, compare, context);
            lo = j + size;
        } else {
            if (hi > j) sort(j + size, static_cast<size_t>(hi - j) / size, size, compare, context);
            hi = j - size;
        }
        if (lo >= hi) return;
    }
}

}  // namespace vine::msvcrt
