// qsort as an engine the unit tests can drive with host comparators.
#pragma once

#include <cstddef>

namespace vine::msvcrt {

// Compares two elements; `context` carries the guest comparator.
using CompareFn = int (*)(void* context, const void* a, const void* b);

// An in-place quicksort (median of three, insertion sort for short runs,
// recursion on the smaller side only), not stable, like msvcrt's.
void sort(void* base, size_t count, size_t size, CompareFn compare, void* context);

}  // namespace vine::msvcrt
