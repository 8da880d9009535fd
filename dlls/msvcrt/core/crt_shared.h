// The C runtime functions that msvcrt.dll, ucrtbase.dll and ntdll.dll all
// export (ntdll's sprintf, _vsnprintf, _wcsicmp, wcstol, _ui64toa, bsearch
// ... are the same functions on Windows): one implementation, as templates
// over the character type and over what the DLL does with an error (msvcrt
// sets errno; ntdll has none). msvcrt's exports (printf.cpp, convert.cpp,
// string.cpp, wstring.cpp, misc.cpp) and ntdll's (dlls/ntdll/crt.cpp) are
// one-line wrappers over these.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "core/numparse.h"
#include "core/printf_format.h"

// The body of a variadic export that forwards its arguments to a va_list
// function: VA_CALL(last named parameter, call using ap).
#define VA_CALL(last, expr)          \
    ms_va_list ap;                   \
    __builtin_ms_va_start(ap, last); \
    int r = expr;                    \
    __builtin_ms_va_end(ap);         \
    return r

namespace vine::msvcrt {

// The errno values these functions set.
constexpr int kErrnoInvalid = 22;  // EINVAL
constexpr int kErrnoRange = 34;    // ERANGE

inline int sign_of(int v) { return v < 0 ? -1 : v > 0 ? 1 : 0; }
// The "C" locale's case mapping, ASCII only.
template <class C>
inline C ascii_lower(C c) {
    return c >= 'A' && c <= 'Z' ? static_cast<C>(c + 32) : c;
}

template <class C>
inline C ascii_upper(C c) {
    return c >= 'a' && c <= 'z' ? static_cast<C>(c - 32) : c;
}

// _strlwr / _wcslwr, _strupr / _wcsupr: in place, "C" locale.
template <class C>
C* lower_in_place(C* s) {
    using U = std::make_unsigned_t<C>;
    for (C* p = s; *p; ++p) *p = static_cast<C>(ascii_lower(static_cast<U>(*p)));
    return s;
}
template <class C>
C* upper_in_place(C* s) {
    using U = std::make_unsigned_t<C>;
    for (C* p = s; *p; ++p) *p = static_cast<C>(ascii_upper(static_cast<U>(*p)));
    return s;
}

// _memicmp.
inline int compare_memory_ignoring_case(const void* a, const void* b, size_t n) {
    auto* x = static_cast<const unsigned char*>(a);
    auto* y = static_cast<const unsigned char*>(b);
    for (size_t i = 0; i < n; ++i) {
        int d = ascii_lower(x[i]) - ascii_lower(y[i]);
        if (d) return sign_of(d);
    }
    return 0;
}

// strncpy / wcsncpy: at most n characters, the rest of the n zeroed.
template <class C>
C* copy_padded(C* d, const C* s, size_t n) {
    size_t i = 0;
    for (; i < n && s[i]; ++i) d[i] = s[i];
    for (; i < n; ++i) d[i] = 0;
    return d;
}
// strncat / wcsncat: at most n characters appended, always terminated.
template <class C>
C* append_bounded(C* d, const C* s, size_t n) {
    C* p = d;
    while (*p) ++p;
    size_t i = 0;
    for (; i < n && s[i]; ++i) p[i] = s[i];
    p[i] = 0;
    return d;
}

template <class C>
bool contains(const C* set, C c) {
    for (; *set; ++set)
        if (*set == c) return true;
    return false;
}
// strspn / wcsspn, strcspn / wcscspn, strpbrk / wcspbrk.
template <class C>
size_t span(const C* s, const C* set) {
    size_t i = 0;
    while (s[i] && contains(set, s[i])) ++i;
    return i;
}
template <class C>
size_t complement_span(const C* s, const C* set) {
    size_t i = 0;
    while (s[i] && !contains(set, s[i])) ++i;
    return i;
}
template <class C>
C* find_any(const C* s, const C* set) {
    for (; *s; ++s)
        if (contains(set, *s)) return const_cast<C*>(s);
    return nullptr;
}
// wcsstr (narrow strstr is vine/fast_string.h's).
template <class C>
C* find_substring(const C* h, const C* n) {
    size_t len = 0;
    while (n[len]) ++len;
    if (!len) return const_cast<C*>(h);
    for (; *h; ++h)
        if (*h == *n && !std::memcmp(h, n, len * sizeof(C))) return const_cast<C*>(h);
    return nullptr;
}

// _stricmp / _wcsicmp: -1, 0 or 1 from the first characters that differ
// after lowering.
template <class C>
int compare_ignoring_case(const C* a, const C* b) {
    using U = std::make_unsigned_t<C>;
    for (;; ++a, ++b) {
        int d = static_cast<int>(ascii_lower(static_cast<U>(*a))) - static_cast<int>(ascii_lower(static_cast<U>(*b)));
        if (d) return sign_of(d);
        if (!*a) return 0;
    }
}
// _strnicmp / _wcsnicmp: the same over at most n characters.
template <class C>
int compare_ignoring_case(const C* a, const C* b, size_t n) {
    using U = std::make_unsigned_t<C>;
    for (; n; --n, ++a, ++b) {
        int d = static_cast<int>(ascii_lower(static_cast<U>(*a))) - static_cast<int>(ascii_lower(static_cast<U>(*b)));
        if (d) return sign_of(d);
        if (!*a) return 0;
    }
    return 0;
}

// strtol and friends: `on_error(kErrnoRange)` when the value saturated.
template <class T, class C, class OnError>
T to_integer(const C* s, C** end, int base, bool is_signed, int bits, OnError on_error) {
    auto r = parse_integer(s, base, is_signed, bits);
    if (end) *end = const_cast<C*>(s + r.consumed);
    if (r.range_error) on_error(kErrnoRange);
    return static_cast<T>(r.value);
}

// _itoa and friends: digits of the magnitude in `radix`, '-' only for
// negative values in radix 10 (other radixes print the two's complement).
template <class C>
C* to_text(uint64_t value, bool negative, C* out, int radix) {
    if (!out) return out;
    if (radix < 2 || radix > 36) {
        out[0] = 0;
        return out;
    }
    char digits[72];
    int n = 0;
    do {
        int d = static_cast<int>(value % static_cast<unsigned>(radix));
        digits[n++] = static_cast<char>(d < 10 ? '0' + d : 'a' + d - 10);
        value /= static_cast<unsigned>(radix);
    } while (value);
    C* p = out;
    if (negative) *p++ = '-';
    while (n) *p++ = static_cast<C>(digits[--n]);
    *p = 0;
    return out;
}

template <class C, class S>
C* signed_to_text(S value, C* out, int radix, int bits) {
    if (radix == 10 && value < 0) return to_text(0 - static_cast<uint64_t>(static_cast<int64_t>(value)), true, out, 10);
    uint64_t v = static_cast<uint64_t>(static_cast<int64_t>(value));
    if (bits == 32) v &= 0xffffffffu;
    return to_text(v, false, out, radix);
}

// bsearch over a comparison callable.
template <class Compare>
void* binary_search(const void* key, const void* base, size_t count, size_t size, Compare compare) {
    const char* lo = static_cast<const char*>(base);
    while (count) {
        size_t half = count / 2;
        const char* mid = lo + half * size;
        int c = compare(key, mid);
        if (!c) return const_cast<char*>(mid);
        if (c > 0) {
            lo = mid + size;
            count -= half + 1;
        } else {
            count = half;
        }
    }
    return nullptr;
}

// ---- printf into a buffer -------------------------------------------------------

// _snprintf semantics: the whole output when it fits (terminated when there
// is room), else `count` characters, no terminator and -1.
template <class C, class OnError>
int print_bounded(C* buffer, size_t count, const C* fmt, ms_va_list ap, OnError on_error) {
    std::basic_string<C> text;
    if (!format(text, fmt, ap)) {
        on_error(kErrnoInvalid);
        return -1;
    }
    if (text.size() > count) {
        if (buffer) std::memcpy(buffer, text.data(), count * sizeof(C));
        return -1;
    }
    if (buffer) {
        std::memcpy(buffer, text.data(), text.size() * sizeof(C));
        if (text.size() < count) buffer[text.size()] = 0;
    }
    return static_cast<int>(text.size());
}

// sprintf: all of it, terminated.
template <class C, class OnError>
int print_unbounded(C* buffer, const C* fmt, ms_va_list ap, OnError on_error) {
    std::basic_string<C> text;
    if (!buffer || !format(text, fmt, ap)) {
        on_error(kErrnoInvalid);
        return -1;
    }
    std::memcpy(buffer, text.c_str(), (text.size() + 1) * sizeof(C));
    return static_cast<int>(text.size());
}

// _vscprintf: the length only.
template <class C, class OnError>
int print_length(const C* fmt, ms_va_list ap, OnError on_error) {
    std::basic_string<C> text;
    if (!format(text, fmt, ap)) {
        on_error(kErrnoInvalid);
        return -1;
    }
    return static_cast<int>(text.size());
}

// sprintf_s: -1 and an empty buffer when the output does not fit.
template <class C, class OnError>
int print_secure(C* buffer, size_t size, const C* fmt, ms_va_list ap, OnError on_error) {
    std::basic_string<C> text;
    if (!buffer || !size || !format(text, fmt, ap)) {
        on_error(kErrnoInvalid);
        return -1;
    }
    if (text.size() >= size) {
        buffer[0] = 0;
        on_error(kErrnoRange);
        return -1;
    }
    std::memcpy(buffer, text.c_str(), (text.size() + 1) * sizeof(C));
    return static_cast<int>(text.size());
}

// _vsnprintf_s: truncates with -1 when count is _TRUNCATE ((size_t)-1) or
// below the size.
template <class C, class OnError>
int print_secure_bounded(C* buffer, size_t size, size_t count, const C* fmt, ms_va_list ap, OnError on_error) {
    std::basic_string<C> text;
    if (!buffer || !size || !format(text, fmt, ap)) {
        on_error(kErrnoInvalid);
        return -1;
    }
    size_t limit = count < size ? count : size - 1;
    if (text.size() > limit) {
        if (count == static_cast<size_t>(-1) || count < size) {
            std::memcpy(buffer, text.data(), limit * sizeof(C));
            buffer[limit] = 0;
            return -1;
        }
        buffer[0] = 0;
        on_error(kErrnoRange);
        return -1;
    }
    std::memcpy(buffer, text.c_str(), (text.size() + 1) * sizeof(C));
    return static_cast<int>(text.size());
}

}  // namespace vine::msvcrt
