// Memory and string primitives of the C runtime (memcpy, strlen, wcslen, ...),
// written for the Microsoft-convention exports that use them: everything is
// inline or ms_abi, so an export built on them saves no xmm registers and
// never calls glibc (docs/architecture.md, "Hot paths"). Header-only so that
// msvcrt, a future ucrtbase and ntdll's own mem*/str* exports share it.
//
// SSE2 (the x86-64 baseline) throughout; large copies and fills use
// `rep movsb`/`rep stosb` when the CPU has fast strings (ERMS), detected
// once per module at load time. String scans read whole aligned 16-byte
// blocks, which never cross a page, and ignore the bytes outside the string;
// comparisons of two strings take unaligned blocks only where neither
// crosses a page.
#pragma once

#include <cpuid.h>
#include <emmintrin.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#define VINE_STRING_INLINE inline __attribute__((always_inline))
// The out-of-line bulk loops: ms_abi so the inline fronts call them freely.
#define VINE_STRING_BULK __attribute__((noinline, ms_abi))

namespace vine::crt {

struct StringCpu {
    bool fast_strings = false;  // ERMS: rep movsb/stosb beat vector loops on large sizes
};

inline StringCpu detect_string_cpu() {
    unsigned eax, ebx, ecx, edx;
    StringCpu cpu;
    if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) cpu.fast_strings = (ebx >> 9) & 1;
    return cpu;
}

// One copy per module (hidden visibility), set when the module is loaded.
inline const StringCpu string_cpu = detect_string_cpu();

// From this size on, rep movsb/stosb (with ERMS) is as fast as any loop.
constexpr size_t kFastStringThreshold = 2048;

namespace detail {

template <typename T>
VINE_STRING_INLINE T load(const void* p) {
    T v;
    __builtin_memcpy(&v, p, sizeof(T));
    return v;
}

template <typename T>
VINE_STRING_INLINE void store(void* p, T v) {
    __builtin_memcpy(p, &v, sizeof(T));
}

VINE_STRING_INLINE __m128i loadu(const void* p) { return _mm_loadu_si128(static_cast<const __m128i*>(p)); }
VINE_STRING_INLINE void storeu(void* p, __m128i v) { _mm_storeu_si128(static_cast<__m128i*>(p), v); }

// Whether a 16-byte read at p stays in p's page.
VINE_STRING_INLINE bool block_in_page(const void* p) { return (reinterpret_cast<uintptr_t>(p) & 4095) <= 4096 - 16; }

// Copies n > 64 bytes, either direction safe.
VINE_STRING_BULK inline void move_large(unsigned char* d, const unsigned char* s, size_t n) {
    bool overlapping = d < s + n && s < d + n;
    if (!overlapping && n >= kFastStringThreshold && string_cpu.fast_strings) {
        __asm__ __volatile__("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
        return;
    }
    if (d <= s || d >= s + n) {
        __m128i tail = loadu(s + n - 16);
        size_t i = 0;
        for (; i + 64 <= n; i += 64) {
            __m128i a = loadu(s + i), b = loadu(s + i + 16), c = loadu(s + i + 32), e = loadu(s + i + 48);
            storeu(d + i, a);
            storeu(d + i + 16, b);
            storeu(d + i + 32, c);
            storeu(d + i + 48, e);
        }
        for (; i + 16 <= n; i += 16) storeu(d + i, loadu(s + i));
        storeu(d + n - 16, tail);
    } else {
        // The destination overlaps the source's end: copy from the top down.
        __m128i head = loadu(s);
        size_t i = n;
        for (; i >= 64 + 16; i -= 64) {
            __m128i a = loadu(s + i - 16), b = loadu(s + i - 32), c = loadu(s + i - 48), e = loadu(s + i - 64);
            storeu(d + i - 16, a);
            storeu(d + i - 32, b);
            storeu(d + i - 48, c);
            storeu(d + i - 64, e);
        }
        for (; i >= 16 + 16; i -= 16) storeu(d + i - 16, loadu(s + i - 16));
        // What is left, [0, i) with 16 < i < 32, is covered by the first
        // block (stored last) and the block ending at i.
        storeu(d + i - 16, loadu(s + i - 16));
        storeu(d, head);
    }
}

VINE_STRING_BULK inline void fill_large(unsigned char* d, unsigned char c, size_t n) {
    if (n >= kFastStringThreshold && string_cpu.fast_strings) {
        __asm__ __volatile__("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
        return;
    }
    __m128i v = _mm_set1_epi8(static_cast<char>(c));
    storeu(d + n - 16, v);
    for (size_t i = 0; i + 16 <= n; i += 16) storeu(d + i, v);
}

// The bit mask of bytes of the aligned block holding p that are at or
// after p.
VINE_STRING_INLINE unsigned from_offset(const void* p) { return 0xffffu << (reinterpret_cast<uintptr_t>(p) & 15); }

VINE_STRING_INLINE const unsigned char* align16(const void* p) {
    return reinterpret_cast<const unsigned char*>(reinterpret_cast<uintptr_t>(p) & ~uintptr_t{15});
}

}  // namespace detail

// memmove semantics for both, as msvcrt's memcpy tolerates overlap.
VINE_STRING_INLINE void* mem_move(void* dst, const void* src, size_t n) {
    using namespace detail;
    auto* d = static_cast<unsigned char*>(dst);
    auto* s = static_cast<const unsigned char*>(src);
    // Every small case loads all its bytes before storing any: overlap-safe.
    if (n <= 16) {
        if (n >= 8) {
            uint64_t a = load<uint64_t>(s), b = load<uint64_t>(s + n - 8);
            store(d, a);
            store(d + n - 8, b);
        } else if (n >= 4) {
            uint32_t a = load<uint32_t>(s), b = load<uint32_t>(s + n - 4);
            store(d, a);
            store(d + n - 4, b);
        } else if (n >= 2) {
            uint16_t a = load<uint16_t>(s), b = load<uint16_t>(s + n - 2);
            store(d, a);
            store(d + n - 2, b);
        } else if (n == 1) {
            *d = *s;
        }
    } else if (n <= 32) {
        __m128i a = loadu(s), b = loadu(s + n - 16);
        storeu(d, a);
        storeu(d + n - 16, b);
    } else if (n <= 64) {
        __m128i a = loadu(s), b = loadu(s + 16), c = loadu(s + n - 32), e = loadu(s + n - 16);
        storeu(d, a);
        storeu(d + 16, b);
        storeu(d + n - 32, c);
        storeu(d + n - 16, e);
    } else {
        move_large(d, s, n);
    }
    return dst;
}

VINE_STRING_INLINE void* mem_set(void* dst, int value, size_t n) {
    using namespace detail;
    auto* d = static_cast<unsigned char*>(dst);
    auto c = static_cast<unsigned char>(value);
    if (n <= 16) {
        uint64_t v = 0x0101010101010101ull * c;
        if (n >= 8) {
            store(d, v);
            store(d + n - 8, v);
        } else if (n >= 4) {
            store(d, static_cast<uint32_t>(v));
            store(d + n - 4, static_cast<uint32_t>(v));
        } else if (n >= 2) {
            store(d, static_cast<uint16_t>(v));
            store(d + n - 2, static_cast<uint16_t>(v));
        } else if (n == 1) {
            *d = c;
        }
    } else if (n <= 64) {
        __m128i v = _mm_set1_epi8(static_cast<char>(c));
        storeu(d, v);
        storeu(d + n - 16, v);
        if (n > 32) {
            storeu(d + 16, v);
            storeu(d + n - 32, v);
        }
    } else {
        fill_large(d, c, n);
    }
    return dst;
}

// -1, 0 or 1, as msvcrt returns.
VINE_STRING_INLINE int mem_compare(const void* a, const void* b, size_t n) {
    using namespace detail;
    auto* x = static_cast<const unsigned char*>(a);
    auto* y = static_cast<const unsigned char*>(b);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        unsigned equal = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(loadu(x + i), loadu(y + i))));
        if (equal != 0xffff) {
            size_t at = i + __builtin_ctz(~equal);
            return x[at] < y[at] ? -1 : 1;
        }
    }
    size_t rest = n - i;
    x += i;
    y += i;
    // Big-endian words compare like their bytes in order; the overlapping
    // second word's shared bytes are already known equal.
    if (rest >= 8) {
        uint64_t p = __builtin_bswap64(load<uint64_t>(x)), q = __builtin_bswap64(load<uint64_t>(y));
        if (p == q) {
            p = __builtin_bswap64(load<uint64_t>(x + rest - 8));
            q = __builtin_bswap64(load<uint64_t>(y + rest - 8));
        }
        return p == q ? 0 : p < q ? -1 : 1;
    }
    if (rest >= 4) {
        uint32_t p = __builtin_bswap32(load<uint32_t>(x)), q = __builtin_bswap32(load<uint32_t>(y));
        if (p == q) {
            p = __builtin_bswap32(load<uint32_t>(x + rest - 4));
            q = __builtin_bswap32(load<uint32_t>(y + rest - 4));
        }
        return p == q ? 0 : p < q ? -1 : 1;
    }
    for (size_t k = 0; k < rest; ++k)
        if (x[k] != y[k]) return x[k] < y[k] ? -1 : 1;
    return 0;
}

VINE_STRING_INLINE void* mem_find(const void* s, int value, size_t n) {
    using namespace detail;
    if (n == 0) return nullptr;
    auto* p = static_cast<const unsigned char*>(s);
    __m128i c = _mm_set1_epi8(static_cast<char>(value));
    const unsigned char* block = align16(p);
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_load_si128(reinterpret_cast<const __m128i*>(block)), c))) & from_offset(p);
    // Bytes from the block's start to the end, saturating: memchr(s, c, -1)
    // is a common idiom.
    size_t offset = static_cast<size_t>(p - block);
    size_t remaining = n > SIZE_MAX - offset ? SIZE_MAX : n + offset;
    for (;;) {
        if (mask) {
            size_t at = __builtin_ctz(mask);
            return at < remaining ? const_cast<unsigned char*>(block + at) : nullptr;
        }
        if (remaining <= 16) return nullptr;
        remaining -= 16;
        block += 16;
        mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_load_si128(reinterpret_cast<const __m128i*>(block)), c)));
    }
}

// strnlen/wcsnlen: the elements before the terminator, at most `limit`
// (Char is 1 or 2 bytes).
template <typename Char>
VINE_STRING_INLINE size_t length_bounded(const Char* s, size_t limit) {
    using namespace detail;
    if (limit == 0) return 0;
    if constexpr (sizeof(Char) == 2) {
        // An odd address splits characters across blocks: element by element.
        if (reinterpret_cast<uintptr_t>(s) & 1) {
            size_t n = 0;
            while (n < limit && s[n]) ++n;
            return n;
        }
    }
    auto* p = reinterpret_cast<const unsigned char*>(s);
    const unsigned char* block = align16(p);
    __m128i zero = _mm_setzero_si128();
    auto zeros = [&](const unsigned char* at) {
        __m128i v = _mm_load_si128(reinterpret_cast<const __m128i*>(at));
        return static_cast<unsigned>(_mm_movemask_epi8(sizeof(Char) == 1 ? _mm_cmpeq_epi8(v, zero) : _mm_cmpeq_epi16(v, zero)));
    };
    unsigned mask = zeros(block) & from_offset(p);
    size_t offset = static_cast<size_t>(p - block);
    // Bytes from block to the limit, saturating (limit may be SIZE_MAX).
    size_t limit_bytes = limit > (SIZE_MAX - offset) / sizeof(Char) ? SIZE_MAX : limit * sizeof(Char) + offset;
    for (;;) {
        if (mask) {
            size_t at = __builtin_ctz(mask);
            size_t bytes = static_cast<size_t>(block - p) + at;
            return bytes / sizeof(Char) < limit ? bytes / sizeof(Char) : limit;
        }
        if (limit_bytes <= 16) return limit;
        limit_bytes -= 16;
        block += 16;
        mask = zeros(block);
    }
}

template <typename Char>
VINE_STRING_INLINE size_t length(const Char* s) {
    return length_bounded(s, SIZE_MAX);
}

// The first c in s (c may be the terminator), or null.
template <typename Char>
VINE_STRING_INLINE Char* find_char(const Char* s, Char c) {
    using namespace detail;
    if constexpr (sizeof(Char) == 2) {
        if (reinterpret_cast<uintptr_t>(s) & 1) {
            for (;; ++s) {
                if (*s == c) return const_cast<Char*>(s);
                if (!*s) return nullptr;
            }
        }
    }
    auto* p = reinterpret_cast<const unsigned char*>(s);
    const unsigned char* block = align16(p);
    __m128i zero = _mm_setzero_si128();
    __m128i wanted = sizeof(Char) == 1 ? _mm_set1_epi8(static_cast<char>(c)) : _mm_set1_epi16(static_cast<short>(c));
    unsigned keep = from_offset(p);
    for (;;) {
        __m128i v = _mm_load_si128(reinterpret_cast<const __m128i*>(block));
        __m128i hit = sizeof(Char) == 1 ? _mm_or_si128(_mm_cmpeq_epi8(v, zero), _mm_cmpeq_epi8(v, wanted))
                                         : _mm_or_si128(_mm_cmpeq_epi16(v, zero), _mm_cmpeq_epi16(v, wanted));
        unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit)) & keep;
        if (mask) {
            auto* at = reinterpret_cast<const Char*>(block + __builtin_ctz(mask));
            return *at == c ? const_cast<Char*>(at) : nullptr;
        }
        keep = 0xffff;
        block += 16;
    }
}

// The last c in s (c may be the terminator), or null.
template <typename Char>
VINE_STRING_INLINE Char* find_last_char(const Char* s, Char c) {
    using namespace detail;
    if (c == 0) return const_cast<Char*>(s + length(s));
    if constexpr (sizeof(Char) == 2) {
        if (reinterpret_cast<uintptr_t>(s) & 1) {
            const Char* last = nullptr;
            for (; *s; ++s)
                if (*s == c) last = s;
            return const_cast<Char*>(last);
        }
    }
    auto* p = reinterpret_cast<const unsigned char*>(s);
    const unsigned char* block = align16(p);
    __m128i zero = _mm_setzero_si128();
    __m128i wanted = sizeof(Char) == 1 ? _mm_set1_epi8(static_cast<char>(c)) : _mm_set1_epi16(static_cast<short>(c));
    unsigned keep = from_offset(p);
    const unsigned char* last = nullptr;
    for (;;) {
        __m128i v = _mm_load_si128(reinterpret_cast<const __m128i*>(block));
        unsigned zeros = static_cast<unsigned>(_mm_movemask_epi8(sizeof(Char) == 1 ? _mm_cmpeq_epi8(v, zero) : _mm_cmpeq_epi16(v, zero))) & keep;
        unsigned hits = static_cast<unsigned>(_mm_movemask_epi8(sizeof(Char) == 1 ? _mm_cmpeq_epi8(v, wanted) : _mm_cmpeq_epi16(v, wanted))) & keep;
        if (zeros) {
            hits &= (zeros & -zeros) - 1;  // only hits before the terminator
            if (hits) last = block + (31 - __builtin_clz(hits)) - (sizeof(Char) - 1);
            return reinterpret_cast<Char*>(const_cast<unsigned char*>(last));
        }
        if (hits) last = block + (31 - __builtin_clz(hits)) - (sizeof(Char) - 1);
        keep = 0xffff;
        block += 16;
    }
}

// -1, 0 or 1 comparing elements as unsigned, at most `limit` of them.
template <typename Char>
VINE_STRING_INLINE int compare_bounded(const Char* a, const Char* b, size_t limit) {
    using namespace detail;
    using Unsigned = std::conditional_t<sizeof(Char) == 1, unsigned char, uint16_t>;
    constexpr size_t kPerBlock = 16 / sizeof(Char);
    size_t i = 0;
    while (i < limit) {
        const Char* x = a + i;
        const Char* y = b + i;
        if (limit - i >= kPerBlock && block_in_page(x) && block_in_page(y)) {
            __m128i u = loadu(x), v = loadu(y);
            __m128i same = sizeof(Char) == 1 ? _mm_cmpeq_epi8(u, v) : _mm_cmpeq_epi16(u, v);
            __m128i end = sizeof(Char) == 1 ? _mm_cmpeq_epi8(u, _mm_setzero_si128())
                                            : _mm_cmpeq_epi16(u, _mm_setzero_si128());
            unsigned go_on = static_cast<unsigned>(_mm_movemask_epi8(_mm_andnot_si128(end, same)));
            if (go_on == 0xffff) {
                i += kPerBlock;
                continue;
            }
            size_t at = __builtin_ctz(~go_on) / sizeof(Char);
            auto p = static_cast<Unsigned>(x[at]), q = static_cast<Unsigned>(y[at]);
            return p == q ? 0 : p < q ? -1 : 1;
        }
        // Near a page end or the limit: one element at a time.
        auto p = static_cast<Unsigned>(*x), q = static_cast<Unsigned>(*y);
        if (p != q) return p < q ? -1 : 1;
        if (!p) return 0;
        ++i;
    }
    return 0;
}

template <typename Char>
VINE_STRING_INLINE int compare(const Char* a, const Char* b) {
    return compare_bounded(a, b, SIZE_MAX);
}

template <typename Char>
VINE_STRING_INLINE Char* copy(Char* d, const Char* s) {
    mem_move(d, s, (length(s) + 1) * sizeof(Char));
    return d;
}

template <typename Char>
VINE_STRING_INLINE Char* append(Char* d, const Char* s) {
    copy(d + length(d), s);
    return d;
}

// strncpy: at most n elements, the rest of the n filled with terminators.
template <typename Char>
VINE_STRING_INLINE Char* copy_padded(Char* d, const Char* s, size_t n) {
    size_t used = length_bounded(s, n);
    mem_move(d, s, used * sizeof(Char));
    mem_set(d + used, 0, (n - used) * sizeof(Char));
    return d;
}

// The first occurrence of needle in haystack: candidates from find_char,
// each checked with compare_bounded.
template <typename Char>
VINE_STRING_INLINE Char* find_string(const Char* haystack, const Char* needle) {
    if (!needle[0]) return const_cast<Char*>(haystack);
    size_t rest = length(needle + 1);
    for (const Char* at = haystack; (at = find_char(at, needle[0])); ++at) {
        if (compare_bounded(at + 1, needle + 1, rest) == 0) return const_cast<Char*>(at);
    }
    return nullptr;
}

}  // namespace vine::crt
