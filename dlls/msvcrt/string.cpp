// Narrow strings and memory: mem*, str*, _str*.
#include <cstring>

#include "core/crt_shared.h"
#include "vine/fast_string.h"
#include "msvcrt_private.h"


// The hot ones are Vine's own (vine/fast_string.h): no glibc call, so no
// register saves (docs/architecture.md, "Hot paths"), in an SSE2 and an AVX2
// variant of which the CPU's picks one at load.
using namespace vine::crt;

VINE_CRT_VECTOR_EXPORT(void*, MSVCRT_memcpy, (void* d, const void* s, size_t n), mem_move<Isa>(d, s, n))
VINE_CRT_VECTOR_EXPORT(void*, MSVCRT_memmove, (void* d, const void* s, size_t n), mem_move<Isa>(d, s, n))
VINE_CRT_VECTOR_EXPORT(void*, MSVCRT_memset, (void* d, int c, size_t n), mem_set<Isa>(d, c, n))
VINE_CRT_VECTOR_EXPORT(int, MSVCRT_memcmp, (const void* a, const void* b, size_t n), mem_compare<Isa>(a, b, n))
VINE_CRT_VECTOR_EXPORT(void*, MSVCRT_memchr, (const void* s, int c, size_t n), mem_find<Isa>(s, c, n))
MSVCRT_API void* MSVCRT__memccpy(void* d, const void* s, int c, size_t n) { return ::memccpy(d, s, c, n); }
MSVCRT_API int MSVCRT__memicmp(const void* a, const void* b, size_t n) {
    return vine::msvcrt::compare_memory_ignoring_case(a, b, n);
}

VINE_CRT_VECTOR_EXPORT(size_t, MSVCRT_strlen, (const char* s), length<Isa>(s))
VINE_CRT_VECTOR_EXPORT(size_t, MSVCRT_strnlen, (const char* s, size_t n), length_bounded<Isa>(s, n))
VINE_CRT_VECTOR_EXPORT(char*, MSVCRT_strcpy, (char* d, const char* s), copy<Isa>(d, s))
VINE_CRT_VECTOR_EXPORT(char*, MSVCRT_strncpy, (char* d, const char* s, size_t n), copy_padded<Isa>(d, s, n))
VINE_CRT_VECTOR_EXPORT(char*, MSVCRT_strcat, (char* d, const char* s), append<Isa>(d, s))
MSVCRT_API char* MSVCRT_strncat(char* d, const char* s, size_t n) { return vine::msvcrt::append_bounded(d, s, n); }
VINE_CRT_VECTOR_EXPORT(int, MSVCRT_strcmp, (const char* a, const char* b), compare<Isa>(a, b))
VINE_CRT_VECTOR_EXPORT(int, MSVCRT_strncmp, (const char* a, const char* b, size_t n), compare_bounded<Isa>(a, b, n))
MSVCRT_API int MSVCRT_strcoll(const char* a, const char* b) { return MSVCRT_strcmp(a, b); }
MSVCRT_API int MSVCRT__strncoll(const char* a, const char* b, size_t n) { return MSVCRT_strncmp(a, b, n); }
VINE_CRT_VECTOR_EXPORT(char*, MSVCRT_strchr, (const char* s, int c), find_char<Isa>(s, static_cast<char>(c)))
VINE_CRT_VECTOR_EXPORT(char*, MSVCRT_strrchr, (const char* s, int c), find_last_char<Isa>(s, static_cast<char>(c)))
VINE_CRT_VECTOR_EXPORT(char*, MSVCRT_strstr, (const char* h, const char* n), find_string<Isa>(h, n))
MSVCRT_API size_t MSVCRT_strspn(const char* s, const char* set) { return vine::msvcrt::span(s, set); }
MSVCRT_API size_t MSVCRT_strcspn(const char* s, const char* set) { return vine::msvcrt::complement_span(s, set); }
MSVCRT_API char* MSVCRT_strpbrk(const char* s, const char* set) { return vine::msvcrt::find_any(s, set); }

MSVCRT_API size_t MSVCRT_strxfrm(char* d, const char* s, size_t n) {
    size_t len = std::strlen(s);
    if (d && n) {
        std::strncpy(d, s, n);
        if (len < n) d[len] = 0;
    }
    return len;
}

MSVCRT_API int MSVCRT__stricmp(const char* a, const char* b) { return vine::msvcrt::compare_ignoring_case(a, b); }
MSVCRT_API int MSVCRT__strnicmp(const char* a, const char* b, size_t n) {
    return vine::msvcrt::compare_ignoring_case(a, b, n);
}
MSVCRT_API int MSVCRT__stricoll(const char* a, const char* b) { return MSVCRT__stricmp(a, b); }
MSVCRT_API int MSVCRT__strnicoll(const char* a, const char* b, size_t n) { return MSVCRT__strnicmp(a, b, n); }

MSVCRT_API char* MSVCRT__strdup(const char* s) {
    if (!s) return nullptr;
    size_t n = std::strlen(s) + 1;
    char* copy = static_cast<char*>(MSVCRT_malloc(n));
    if (copy) std::memcpy(copy, s, n);
    return copy;
}

MSVCRT_API char* MSVCRT__strlwr(char* s) { return vine::msvcrt::lower_in_place(s); }
MSVCRT_API char* MSVCRT__strupr(char* s) { return vine::msvcrt::upper_in_place(s); }
MSVCRT_API char* MSVCRT__strrev(char* s) {
    size_t n = std::strlen(s);
    for (size_t i = 0; i < n / 2; ++i) {
        char t = s[i];
        s[i] = s[n - 1 - i];
        s[n - 1 - i] = t;
    }
    return s;
}
MSVCRT_API char* MSVCRT__strset(char* s, int c) {
    for (char* p = s; *p; ++p) *p = static_cast<char>(c);
    return s;
}
MSVCRT_API char* MSVCRT__strnset(char* s, int c, size_t n) {
    for (char* p = s; *p && n; ++p, --n) *p = static_cast<char>(c);
    return s;
}

MSVCRT_API char* MSVCRT_strtok(char* s, const char* delimiters) {
    char*& next = msvcrt_thread_data()->strtok_next;
    if (!s) s = next;
    if (!s) return nullptr;
    s += std::strspn(s, delimiters);
    if (!*s) {
        next = nullptr;
        return nullptr;
    }
    char* end = s + std::strcspn(s, delimiters);
    if (*end) *end++ = 0;
    next = end;
    return s;
}

MSVCRT_API char* MSVCRT_strtok_s(char* s, const char* delimiters, char** context) {
    if (!delimiters || !context || (!s && !*context)) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return nullptr;
    }
    if (!s) s = *context;
    s += std::strspn(s, delimiters);
    if (!*s) {
        *context = s;
        return nullptr;
    }
    char* end = s + std::strcspn(s, delimiters);
    if (*end) *end++ = 0;
    *context = end;
    return s;
}

// The secure variants return an errno value and empty the destination on error.
MSVCRT_API int MSVCRT_strcpy_s(char* d, size_t size, const char* s) {
    if (!d || !size) return MSVCRT_EINVAL;
    if (!s) {
        d[0] = 0;
        return MSVCRT_EINVAL;
    }
    size_t n = std::strlen(s);
    if (n >= size) {
        d[0] = 0;
        return MSVCRT_ERANGE;
    }
    std::memcpy(d, s, n + 1);
    return 0;
}
MSVCRT_API int MSVCRT_strcat_s(char* d, size_t size, const char* s) {
    if (!d || !size) return MSVCRT_EINVAL;
    if (!s) {
        d[0] = 0;
        return MSVCRT_EINVAL;
    }
    size_t used = ::strnlen(d, size);
    size_t n = std::strlen(s);
    if (used == size || used + n >= size) {
        d[0] = 0;
        return MSVCRT_ERANGE;
    }
    std::memcpy(d + used, s, n + 1);
    return 0;
}
MSVCRT_API int MSVCRT_strncpy_s(char* d, size_t size, const char* s, size_t count) {
    if (!count && !d && !size) return 0;
    if (!d || !size) return MSVCRT_EINVAL;
    if (!s) {
        d[0] = 0;
        return MSVCRT_EINVAL;
    }
    size_t n = ::strnlen(s, count == static_cast<size_t>(-1) ? size : count);
    if (n >= size) {
        if (count == static_cast<size_t>(-1)) {
            std::memcpy(d, s, size - 1);
            d[size - 1] = 0;
            return 80;  // STRUNCATE
        }
        d[0] = 0;
        return MSVCRT_ERANGE;
    }
    std::memcpy(d, s, n);
    d[n] = 0;
    return 0;
}
MSVCRT_API int MSVCRT_strncat_s(char* d, size_t size, const char* s, size_t count) {
    if (!d || !size) return MSVCRT_EINVAL;
    size_t used = ::strnlen(d, size);
    if (used == size || !s) {
        d[0] = 0;
        return MSVCRT_EINVAL;
    }
    size_t n = ::strnlen(s, count == static_cast<size_t>(-1) ? size : count);
    if (used + n >= size) {
        if (count == static_cast<size_t>(-1)) {
            std::memcpy(d + used, s, size - used - 1);
            d[size - 1] = 0;
            return 80;
        }
        d[0] = 0;
        return MSVCRT_ERANGE;
    }
    std::memcpy(d + used, s, n);
    d[used + n] = 0;
    return 0;
}

MSVCRT_API void MSVCRT__swab(char* src, char* dst, int n) {
    for (int i = 0; i + 1 < n; i += 2) {
        char a = src[i], b = src[i + 1];
        dst[i] = b;
        dst[i + 1] = a;
    }
}
