// RtlEncodePointer and RtlDecodePointer: a pointer kept in writable memory
// (a CRT's atexit table, a runtime's function pointers) is stored XORed with
// the process's secret cookie and rotated by the cookie's low six bits, as
// Windows does, so overwriting it without the cookie yields garbage rather
// than a chosen target. The cookie is random, drawn once per process.
#include <sys/random.h>

#include <atomic>

#include "vine/hot_path.h"
#include "vine/wintypes.h"

namespace {

std::atomic<ULONG> g_cookie{0};

// The first use: getrandom is a System V call, kept off the fast path. A
// zero draw is redrawn, so "zero" can mean "not drawn yet".
VINE_SLOW_PATH ULONG draw_cookie() {
    ULONG cookie = 0;
    while (cookie == 0)
        if (getrandom(&cookie, sizeof(cookie), 0) != static_cast<ssize_t>(sizeof(cookie))) cookie = 0;
    ULONG expected = 0;
    // Two threads drawing at once: the first stored wins for both.
    if (!g_cookie.compare_exchange_strong(expected, cookie)) return expected;
    return cookie;
}

VINE_HOT_INLINE ULONG process_cookie() {
    ULONG cookie = g_cookie.load(std::memory_order_relaxed);
    return cookie ? cookie : draw_cookie();
}

VINE_HOT_INLINE ULONG_PTR rotate_right(ULONG_PTR value, unsigned bits) {
    return bits ? (value >> bits) | (value << (64 - bits)) : value;
}
VINE_HOT_INLINE ULONG_PTR rotate_left(ULONG_PTR value, unsigned bits) {
    return bits ? (value << bits) | (value >> (64 - bits)) : value;
}

}  // namespace

VINE_EXPORT PVOID RtlEncodePointer(PVOID pointer) {
    ULONG cookie = process_cookie();
    return reinterpret_cast<PVOID>(rotate_right(reinterpret_cast<ULONG_PTR>(pointer) ^ cookie, cookie & 0x3f));
}

VINE_EXPORT PVOID RtlDecodePointer(PVOID pointer) {
    ULONG cookie = process_cookie();
    return reinterpret_cast<PVOID>(rotate_left(reinterpret_cast<ULONG_PTR>(pointer), cookie & 0x3f) ^ cookie);
}
