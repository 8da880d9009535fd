// shlwapi's string helpers: searches and comparisons (case-insensitive ones
// through Vine's case pairs), StrCmpLogicalW's "natural" order, duplication
// on the local heap, StrToInt. W and A forms share one template.
#include <cstring>

#include "shlwapi_private.h"
#include "vine/kernel32_exports.h"

using shlwapi::folded;
using shlwapi::is_digit;
using shlwapi::length;

namespace {

constexpr UINT LMEM_FIXED = 0;

template <typename Char>
int compare(const Char* a, const Char* b, bool ignore_case, size_t limit = static_cast<size_t>(-1)) {
    for (size_t i = 0; i < limit; ++i) {
        char16_t x = ignore_case ? folded(a[i]) : static_cast<char16_t>(static_cast<std::make_unsigned_t<Char>>(a[i]));
        char16_t y = ignore_case ? folded(b[i]) : static_cast<char16_t>(static_cast<std::make_unsigned_t<Char>>(b[i]));
        if (x != y) return x < y ? -1 : 1;
        if (!a[i]) return 0;
    }
    return 0;
}

template <typename Char>
Char* find_substring(const Char* haystack, const Char* needle, bool ignore_case) {
    if (!haystack || !needle || !*needle) return nullptr;
    const size_t n = length(needle);
    for (const Char* p = haystack; *p; ++p)
        if (compare(p, needle, ignore_case, n) == 0) return const_cast<Char*>(p);
    return nullptr;
}

template <typename Char>
Char* find_char(const Char* text, WORD c, bool ignore_case) {
    if (!text) return nullptr;
    for (const Char* p = text; *p; ++p) {
        WORD x = static_cast<std::make_unsigned_t<Char>>(*p);
        if (x == c || (ignore_case && folded(static_cast<char16_t>(x)) == folded(static_cast<char16_t>(c))))
            return const_cast<Char*>(p);
    }
    return nullptr;
}

template <typename Char>
Char* find_last_char(const Char* text, const Char* end, WORD c) {
    if (!text) return nullptr;
    if (!end) end = text + length(text);
    const Char* found = nullptr;
    for (const Char* p = text; p < end && *p; ++p)
        if (static_cast<std::make_unsigned_t<Char>>(*p) == c) found = p;
    return const_cast<Char*>(found);
}

// Digits only, after an optional '-' (no blanks, no '+', no hex).
template <typename Char>
int to_int(const Char* text) {
    if (!text) return 0;
    bool negative = *text == '-';
    if (negative) ++text;
    unsigned value = 0;
    while (is_digit(*text)) value = value * 10 + static_cast<unsigned>(*text++ - '0');
    return static_cast<int>(negative ? 0u - value : value);
}

template <typename Char>
Char* duplicate(const Char* text) {
    size_t n = text ? length(text) : 0;
    auto* copy = static_cast<Char*>(LocalAlloc(LMEM_FIXED, (n + 1) * sizeof(Char)));
    if (!copy) return nullptr;
    if (n) std::memcpy(copy, text, n * sizeof(Char));
    copy[n] = 0;
    return copy;
}

}  // namespace

VINE_EXPORT int StrCmpW(LPCWSTR a, LPCWSTR b) { return compare(a, b, false); }
VINE_EXPORT int StrCmpIW(LPCWSTR a, LPCWSTR b) { return compare(a, b, true); }
VINE_EXPORT int StrCmpNW(LPCWSTR a, LPCWSTR b, int n) { return n <= 0 ? 0 : compare(a, b, false, n); }
VINE_EXPORT int StrCmpNIW(LPCWSTR a, LPCWSTR b, int n) { return n <= 0 ? 0 : compare(a, b, true, n); }
VINE_EXPORT int StrCmpNA(LPCSTR a, LPCSTR b, int n) { return n <= 0 ? 0 : compare(a, b, false, n); }
VINE_EXPORT int StrCmpNIA(LPCSTR a, LPCSTR b, int n) { return n <= 0 ? 0 : compare(a, b, true, n); }

VINE_EXPORT LPWSTR StrStrW(LPCWSTR haystack, LPCWSTR needle) { return find_substring(haystack, needle, false); }
VINE_EXPORT LPWSTR StrStrIW(LPCWSTR haystack, LPCWSTR needle) { return find_substring(haystack, needle, true); }
VINE_EXPORT LPSTR StrStrA(LPCSTR haystack, LPCSTR needle) { return find_substring(haystack, needle, false); }
VINE_EXPORT LPSTR StrStrIA(LPCSTR haystack, LPCSTR needle) { return find_substring(haystack, needle, true); }

VINE_EXPORT LPWSTR StrChrW(LPCWSTR text, WCHAR c) { return find_char(text, c, false); }
VINE_EXPORT LPWSTR StrChrIW(LPCWSTR text, WCHAR c) { return find_char(text, c, true); }
VINE_EXPORT LPSTR StrChrA(LPCSTR text, WORD c) { return find_char(text, c, false); }
VINE_EXPORT LPSTR StrChrIA(LPCSTR text, WORD c) { return find_char(text, c, true); }
VINE_EXPORT LPWSTR StrRChrW(LPCWSTR text, LPCWSTR end, WCHAR c) { return find_last_char(text, end, c); }
VINE_EXPORT LPSTR StrRChrA(LPCSTR text, LPCSTR end, WORD c) { return find_last_char(text, end, c); }

VINE_EXPORT LPWSTR StrDupW(LPCWSTR text) { return duplicate(text); }
VINE_EXPORT LPSTR StrDupA(LPCSTR text) { return duplicate(text); }
VINE_EXPORT int StrToIntW(LPCWSTR text) { return to_int(text); }
VINE_EXPORT int StrToIntA(LPCSTR text) { return to_int(text); }

// Explorer's order: runs of digits compare as numbers, everything else
// character by character ignoring case; a digit sorts before a non-digit.
VINE_EXPORT int StrCmpLogicalW(LPCWSTR a, LPCWSTR b) {
    if (!a || !b) return a == b ? 0 : (a ? 1 : -1);
    while (*a) {
        if (!*b) return 1;
        if (is_digit(*a)) {
            if (!is_digit(*b)) return -1;
            // Compare the numbers' values: skip leading zeros, then the longer
            // run of digits is larger, then the first differing digit decides.
            while (*a == u'0' && is_digit(a[1])) ++a;
            while (*b == u'0' && is_digit(b[1])) ++b;
            size_t na = 0, nb = 0;
            while (is_digit(a[na])) ++na;
            while (is_digit(b[nb])) ++nb;
            if (na != nb) return na < nb ? -1 : 1;
            for (size_t i = 0; i < na; ++i)
                if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
            a += na;
            b += nb;
            continue;
        }
        if (is_digit(*b)) return 1;
        char16_t x = folded(*a), y = folded(*b);
        if (x != y) return x < y ? -1 : 1;
        ++a;
        ++b;
    }
    return *b ? -1 : 0;
}
