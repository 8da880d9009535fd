#include "sort.h"

namespace vine::msvcrt {

void sort(void* base, size_t count, size_t size, CompareFn compare, void* context) {
    sort_with(base, count, size, [=](const void* a, const void* b) { return compare(context, a, b); });
}

}  // namespace vine::msvcrt
