// 16-bit wide strings: wcs*, _wcs*. Never the host's wcs* (32-bit wchar_t).
#include <cstring>

#include "core/crt_shared.h"
#include "vine/fast_string.h"
#include "msvcrt_private.h"


// The hot ones are Vine's own vector code (vine/fast_string.h), SSE2 or AVX2
// as the CPU allows.
VINE_CRT_VECTOR_EXPORT(size_t, MSVCRT_wcslen, (const WCHAR* s), vine::crt::length<Isa>(s))
VINE_CRT_VECTOR_EXPORT(size_t, MSVCRT_wcsnlen, (const WCHAR* s, size_t n), vine::crt::length_bounded<Isa>(s, n))
VINE_CRT_VECTOR_EXPORT(WCHAR*, MSVCRT_wcscpy, (WCHAR* d, const WCHAR* s), vine::crt::copy<Isa>(d, s))
MSVCRT_API WCHAR* MSVCRT_wcsncpy(WCHAR* d, const WCHAR* s, size_t n) { return vine::msvcrt::copy_padded(d, s, n); }
VINE_CRT_VECTOR_EXPORT(WCHAR*, MSVCRT_wcscat, (WCHAR* d, const WCHAR* s), vine::crt::append<Isa>(d, s))
MSVCRT_API WCHAR* MSVCRT_wcsncat(WCHAR* d, const WCHAR* s, size_t n) { return vine::msvcrt::append_bounded(d, s, n); }
VINE_CRT_VECTOR_EXPORT(int, MSVCRT_wcscmp, (const WCHAR* a, const WCHAR* b), vine::crt::compare<Isa>(a, b))
VINE_CRT_VECTOR_EXPORT(int, MSVCRT_wcsncmp, (const WCHAR* a, const WCHAR* b, size_t n), vine::crt::compare_bounded<Isa>(a, b, n))
MSVCRT_API int MSVCRT__wcsicmp(const WCHAR* a, const WCHAR* b) { return vine::msvcrt::compare_ignoring_case(a, b); }
MSVCRT_API int MSVCRT__wcsnicmp(const WCHAR* a, const WCHAR* b, size_t n) {
    return vine::msvcrt::compare_ignoring_case(a, b, n);
}
MSVCRT_API int MSVCRT_wcscoll(const WCHAR* a, const WCHAR* b) { return MSVCRT_wcscmp(a, b); }
MSVCRT_API int MSVCRT__wcsncoll(const WCHAR* a, const WCHAR* b, size_t n) { return MSVCRT_wcsncmp(a, b, n); }
MSVCRT_API int MSVCRT__wcsicoll(const WCHAR* a, const WCHAR* b) { return MSVCRT__wcsicmp(a, b); }
MSVCRT_API int MSVCRT__wcsnicoll(const WCHAR* a, const WCHAR* b, size_t n) { return MSVCRT__wcsnicmp(a, b, n); }
MSVCRT_API size_t MSVCRT_wcsxfrm(WCHAR* d, const WCHAR* s, size_t n) {
    size_t len = msvcrt_wcslen(s);
    if (d && n) {
        MSVCRT_wcsncpy(d, s, n);
        if (len < n) d[len] = 0;
    }
    return len;
}
VINE_CRT_VECTOR_EXPORT(WCHAR*, MSVCRT_wcschr, (const WCHAR* s, WCHAR c), vine::crt::find_char<Isa>(s, c))
VINE_CRT_VECTOR_EXPORT(WCHAR*, MSVCRT_wcsrchr, (const WCHAR* s, WCHAR c), vine::crt::find_last_char<Isa>(s, c))
MSVCRT_API WCHAR* MSVCRT_wcsstr(const WCHAR* h, const WCHAR* n) { return vine::msvcrt::find_substring(h, n); }
MSVCRT_API size_t MSVCRT_wcsspn(const WCHAR* s, const WCHAR* set) { return vine::msvcrt::span(s, set); }
MSVCRT_API size_t MSVCRT_wcscspn(const WCHAR* s, const WCHAR* set) { return vine::msvcrt::complement_span(s, set); }
MSVCRT_API WCHAR* MSVCRT_wcspbrk(const WCHAR* s, const WCHAR* set) { return vine::msvcrt::find_any(s, set); }
MSVCRT_API WCHAR* MSVCRT_wcstok(WCHAR* s, const WCHAR* delimiters) {
    WCHAR*& next = msvcrt_thread_data()->wcstok_next;
    if (!s) s = next;
    if (!s) return nullptr;
    s += MSVCRT_wcsspn(s, delimiters);
    if (!*s) {
        next = nullptr;
        return nullptr;
    }
    WCHAR* end = s + MSVCRT_wcscspn(s, delimiters);
    if (*end) *end++ = 0;
    next = end;
    return s;
}
MSVCRT_API WCHAR* MSVCRT__wcsdup(const WCHAR* s) {
    if (!s) return nullptr;
    size_t bytes = (msvcrt_wcslen(s) + 1) * sizeof(WCHAR);
    auto* copy = static_cast<WCHAR*>(MSVCRT_malloc(bytes));
    if (copy) std::memcpy(copy, s, bytes);
    return copy;
}
MSVCRT_API WCHAR* MSVCRT__wcslwr(WCHAR* s) { return vine::msvcrt::lower_in_place(s); }
MSVCRT_API WCHAR* MSVCRT__wcsupr(WCHAR* s) { return vine::msvcrt::upper_in_place(s); }
MSVCRT_API WCHAR* MSVCRT__wcsrev(WCHAR* s) {
    size_t n = msvcrt_wcslen(s);
    for (size_t i = 0; i < n / 2; ++i) {
        WCHAR t = s[i];
        s[i] = s[n - 1 - i];
        s[n - 1 - i] = t;
    }
    return s;
}
MSVCRT_API WCHAR* MSVCRT__wcsset(WCHAR* s, WCHAR c) {
    for (WCHAR* p = s; *p; ++p) *p = c;
    return s;
}
MSVCRT_API WCHAR* MSVCRT__wcsnset(WCHAR* s, WCHAR c, size_t n) {
    for (WCHAR* p = s; *p && n; ++p, --n) *p = c;
    return s;
}
MSVCRT_API int MSVCRT_wcscpy_s(WCHAR* d, size_t size, const WCHAR* s) {
    if (!d || !size) return MSVCRT_EINVAL;
    if (!s) {
        d[0] = 0;
        return MSVCRT_EINVAL;
    }
    size_t n = msvcrt_wcslen(s);
    if (n >= size) {
        d[0] = 0;
        return MSVCRT_ERANGE;
    }
    std::memcpy(d, s, (n + 1) * sizeof(WCHAR));
    return 0;
}
MSVCRT_API int MSVCRT_wcscat_s(WCHAR* d, size_t size, const WCHAR* s) {
    if (!d || !size) return MSVCRT_EINVAL;
    size_t used = MSVCRT_wcsnlen(d, size);
    if (!s || used == size) {
        d[0] = 0;
        return MSVCRT_EINVAL;
    }
    return MSVCRT_wcscpy_s(d + used, size - used, s) ? (d[0] = 0, MSVCRT_ERANGE) : 0;
}
