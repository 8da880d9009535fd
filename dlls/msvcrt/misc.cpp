// Integer helpers, rand, searching and sorting.
#include "core/crt_shared.h"
#include "core/sort.h"
#include "msvcrt_private.h"

namespace {

using GuestCompare = int(WINAPI*)(const void*, const void*);
using GuestCompareS = int(WINAPI*)(void*, const void*, const void*);

}  // namespace

// After a stack overflow was handled: the thread's stack gets its guard
// back, so that the next overflow is an exception again (ntdll and the
// loader keep the stack's layout). Nonzero on success.
extern "C" __attribute__((ms_abi)) BOOLEAN __vine_reset_stack_guard();
MSVCRT_API int MSVCRT__resetstkoflw() { return __vine_reset_stack_guard() ? 1 : 0; }

MSVCRT_API int MSVCRT_abs(int v) { return v < 0 ? -v : v; }
MSVCRT_API int32_t MSVCRT_labs(int32_t v) { return v < 0 ? -v : v; }
MSVCRT_API int64_t MSVCRT__abs64(int64_t v) { return v < 0 ? -v : v; }
MSVCRT_API int64_t MSVCRT_llabs(int64_t v) { return v < 0 ? -v : v; }

// div_t and ldiv_t are 8-byte structs returned in RAX.
MSVCRT_API uint64_t MSVCRT_div(int n, int d) {
    int q = n / d, r = n % d;
    return static_cast<uint32_t>(q) | (static_cast<uint64_t>(static_cast<uint32_t>(r)) << 32);
}
MSVCRT_API uint64_t MSVCRT_ldiv(int32_t n, int32_t d) { return MSVCRT_div(n, d); }

MSVCRT_API void MSVCRT_srand(unsigned int seed) { msvcrt_thread_data()->rand_seed = seed; }
MSVCRT_API int MSVCRT_rand() {
    uint32_t& seed = msvcrt_thread_data()->rand_seed;
    seed = seed * 214013u + 2531011u;
    return static_cast<int>((seed >> 16) & 0x7fff);
}

MSVCRT_API unsigned int MSVCRT__rotl(unsigned int v, int s) {
    s &= 31;
    return s ? (v << s) | (v >> (32 - s)) : v;
}
MSVCRT_API unsigned int MSVCRT__rotr(unsigned int v, int s) {
    s &= 31;
    return s ? (v >> s) | (v << (32 - s)) : v;
}
MSVCRT_API uint32_t MSVCRT__lrotl(uint32_t v, int s) { return MSVCRT__rotl(v, s); }
MSVCRT_API uint32_t MSVCRT__lrotr(uint32_t v, int s) { return MSVCRT__rotr(v, s); }
MSVCRT_API uint64_t MSVCRT__rotl64(uint64_t v, int s) {
    s &= 63;
    return s ? (v << s) | (v >> (64 - s)) : v;
}
MSVCRT_API uint64_t MSVCRT__rotr64(uint64_t v, int s) {
    s &= 63;
    return s ? (v >> s) | (v << (64 - s)) : v;
}

MSVCRT_API void MSVCRT_qsort(void* base, size_t count, size_t size, GuestCompare compare) {
    if (!base && count) return;
    // The engine inlined here: each comparison calls the guest's comparator
    // straight from this ms_abi function.
    vine::msvcrt::sort_with(base, count, size, [=](const void* a, const void* b) __attribute__((always_inline)) { return compare(a, b); });
}

MSVCRT_API void MSVCRT_qsort_s(void* base, size_t count, size_t size, GuestCompareS compare, void* context) {
    vine::msvcrt::sort_with(base, count, size, [=](const void* a, const void* b) __attribute__((always_inline)) { return compare(context, a, b); });
}

MSVCRT_API void* MSVCRT_bsearch(const void* key, const void* base, size_t count, size_t size,
                                GuestCompare compare) {
    return vine::msvcrt::binary_search(key, base, count, size,
                                       [=](const void* a, const void* b) __attribute__((always_inline)) { return compare(a, b); });
}

MSVCRT_API void* MSVCRT__lfind(const void* key, const void* base, unsigned int* count, unsigned int size,
                               GuestCompare compare) {
    const char* p = static_cast<const char*>(base);
    for (unsigned int i = 0; i < *count; ++i, p += size)
        if (!compare(key, p)) return const_cast<char*>(p);
    return nullptr;
}

MSVCRT_API void* MSVCRT__lsearch(const void* key, void* base, unsigned int* count, unsigned int size,
                                 GuestCompare compare) {
    void* found = MSVCRT__lfind(key, base, count, size, compare);
    if (found) return found;
    char* slot = static_cast<char*>(base) + static_cast<size_t>(*count) * size;
    __builtin_memcpy(slot, key, size);
    ++*count;
    return slot;
}
