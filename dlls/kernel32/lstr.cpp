// The lstr* string functions: lengths, copies and concatenations of
// terminated strings, and comparisons through CompareString with the user's
// locale (a word sort, as Windows documents for lstrcmp). NULL strings are
// tolerated as Windows tolerates them: an empty length, a NULL comparing
// below any string.
#include "kernel32_private.h"
#include "locale_table.h"
#include "vine/winnls.h"

using namespace kernel32;
using winnls::NORM_IGNORECASE;

VINE_EXPORT int CompareStringW(LCID lcid, DWORD flags, LPCWSTR a, int a_len, LPCWSTR b, int b_len);  // collation.cpp
VINE_EXPORT int CompareStringA(LCID lcid, DWORD flags, LPCSTR a, int a_len, LPCSTR b, int b_len);

namespace {

template <typename Char>
int length_of(const Char* text) {
    if (!text) return 0;
    int n = 0;
    while (text[n]) ++n;
    return n;
}

template <typename Char>
Char* copy_bounded(Char* destination, const Char* source, int size) {
    if (!destination || !source) return nullptr;
    Char* out = destination;
    while (size > 1 && *source) {
        *out++ = *source++;
        --size;
    }
    if (size > 0) *out = 0;
    return destination;
}

template <typename Char>
Char* append(Char* destination, const Char* source) {
    if (!destination || !source) return nullptr;
    Char* end = destination + length_of(destination);
    while ((*end++ = *source++)) {
    }
    return destination;
}

// NULL sorts first; otherwise CompareString's result as -1, 0, 1.
template <typename Char, typename Compare>
int compare(const Char* a, const Char* b, Compare compare_string) {
    if (!a || !b) return a == b ? 0 : (a ? 1 : -1);
    return compare_string(a, b) - 2;
}

}  // namespace

VINE_EXPORT int lstrlenW(LPCWSTR text) { return length_of(text); }
VINE_EXPORT int lstrlenA(LPCSTR text) { return length_of(text); }

VINE_EXPORT LPWSTR lstrcpyW(LPWSTR destination, LPCWSTR source) { return copy_bounded(destination, source, INT32_MAX); }
VINE_EXPORT LPSTR lstrcpyA(LPSTR destination, LPCSTR source) { return copy_bounded(destination, source, INT32_MAX); }
VINE_EXPORT LPWSTR lstrcpynW(LPWSTR destination, LPCWSTR source, int size) {
    return copy_bounded(destination, source, size);
}
VINE_EXPORT LPSTR lstrcpynA(LPSTR destination, LPCSTR source, int size) {
    return copy_bounded(destination, source, size);
}

VINE_EXPORT LPWSTR lstrcatW(LPWSTR destination, LPCWSTR source) { return append(destination, source); }
VINE_EXPORT LPSTR lstrcatA(LPSTR destination, LPCSTR source) { return append(destination, source); }

VINE_EXPORT int lstrcmpW(LPCWSTR a, LPCWSTR b) {
    return compare(a, b, [](LPCWSTR x, LPCWSTR y) { return CompareStringW(LOCALE_USER_DEFAULT, 0, x, -1, y, -1); });
}
VINE_EXPORT int lstrcmpiW(LPCWSTR a, LPCWSTR b) {
    return compare(a, b, [](LPCWSTR x, LPCWSTR y) {
        return CompareStringW(LOCALE_USER_DEFAULT, NORM_IGNORECASE, x, -1, y, -1);
    });
}
VINE_EXPORT int lstrcmpA(LPCSTR a, LPCSTR b) {
    return compare(a, b, [](LPCSTR x, LPCSTR y) { return CompareStringA(LOCALE_USER_DEFAULT, 0, x, -1, y, -1); });
}
VINE_EXPORT int lstrcmpiA(LPCSTR a, LPCSTR b) {
    return compare(a, b, [](LPCSTR x, LPCSTR y) {
        return CompareStringA(LOCALE_USER_DEFAULT, NORM_IGNORECASE, x, -1, y, -1);
    });
}
