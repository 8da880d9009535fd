// Memory and string primitives of the C runtime (memcpy, strlen, wcslen, ...),
// one implementation for msvcrt, ucrtbase, vcruntime140 and ntdll. Written
// for Microsoft-convention exports: everything is inline or ms_abi, so an
// export built on them saves no xmm registers and never calls glibc
// (docs/architecture.md, "Hot paths").
//
// Each algorithm is a template over a vector set, `Sse2` (the x86-64
// baseline, 16-byte blocks) or `Avx2` (32-byte blocks); VINE_CRT_VECTOR_EXPORT
// below instantiates an export for both and picks one per process when the
// DLL is relocated (a GNU ifunc), so the guest's import points straight at
// the variant: no test or indirect call on any call. Large copies and fills
// use `rep movsb`/`rep stosb` when the CPU has fast strings (ERMS). String
// scans read whole aligned blocks, which never cross a page, and ignore the
// bytes outside the string; unaligned reads are taken only where the block
// cannot cross a page.
#pragma once
// __m256i values pass between the AVX2 operations, which are inline.
#pragma GCC diagnostic ignored "-Wpsabi"

#include <cpuid.h>
#include <immintrin.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#define VINE_STRING_INLINE inline __attribute__((always_inline))
// The AVX2 operations are not always_inline: GCC checks an always_inline
// callee's target against every function it is inlined into on the way, and
// the generic templates between an AVX2 export and these operations are not
// AVX2 functions. The AVX2 exports and bulk loops are `flatten` instead,
// which inlines all of it into them, where the target matches.
#define VINE_AVX2_INLINE inline __attribute__((target("avx2")))
#define VINE_AVX2_FLATTEN __attribute__((flatten, target("avx2")))
// The out-of-line bulk loops: ms_abi so the inline fronts call them freely.
#define VINE_STRING_BULK __attribute__((noinline, ms_abi))

namespace vine::crt {

struct StringCpu {
    bool avx2 = false;          // AVX2, with the OS saving the ymm registers
    bool fast_strings = false;  // ERMS: rep movsb/stosb beat vector loops on large sizes
};

inline StringCpu detect_string_cpu() {
    unsigned eax, ebx, ecx, edx;
    StringCpu cpu;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return cpu;
    bool os_saves_ymm = false;
    if ((ecx & bit_OSXSAVE) && (ecx & bit_AVX)) {
        unsigned low, high;
        __asm__("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
        os_saves_ymm = (low & 6) == 6;  // xmm and ymm state
    }
    if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) {
        cpu.avx2 = os_saves_ymm && (ebx & bit_AVX2);
        cpu.fast_strings = (ebx >> 9) & 1;
    }
    return cpu;
}

// One copy per module (hidden visibility), set when the module is loaded.
inline const StringCpu string_cpu = detect_string_cpu();

// From this size on, rep movsb/stosb (with ERMS) is as fast as any loop.
constexpr size_t kFastStringThreshold = 2048;

// The vector sets. Masks are one bit per byte, in a uint32_t.
struct Sse2 {
    using Vec = __m128i;
    static constexpr size_t kWidth = 16;
    static VINE_STRING_INLINE Vec load(const void* p) { return _mm_load_si128(static_cast<const __m128i*>(p)); }
    static VINE_STRING_INLINE Vec loadu(const void* p) { return _mm_loadu_si128(static_cast<const __m128i*>(p)); }
    static VINE_STRING_INLINE void storeu(void* p, Vec v) { _mm_storeu_si128(static_cast<__m128i*>(p), v); }
    static VINE_STRING_INLINE Vec zero() { return _mm_setzero_si128(); }
    static VINE_STRING_INLINE Vec splat8(char c) { return _mm_set1_epi8(c); }
    static VINE_STRING_INLINE Vec splat16(short c) { return _mm_set1_epi16(c); }
    static VINE_STRING_INLINE Vec eq8(Vec a, Vec b) { return _mm_cmpeq_epi8(a, b); }
    static VINE_STRING_INLINE Vec eq16(Vec a, Vec b) { return _mm_cmpeq_epi16(a, b); }
    static VINE_STRING_INLINE Vec either(Vec a, Vec b) { return _mm_or_si128(a, b); }
    static VINE_STRING_INLINE Vec and_not(Vec a, Vec b) { return _mm_andnot_si128(a, b); }  // ~a & b
    static VINE_STRING_INLINE uint32_t mask(Vec v) { return static_cast<uint32_t>(_mm_movemask_epi8(v)); }
    static constexpr uint32_t kAll = 0xffff;
};

struct Avx2 {
    using Vec = __m256i;
    static constexpr size_t kWidth = 32;
    static VINE_AVX2_INLINE Vec load(const void* p) { return _mm256_load_si256(static_cast<const __m256i*>(p)); }
    static VINE_AVX2_INLINE Vec loadu(const void* p) { return _mm256_loadu_si256(static_cast<const __m256i*>(p)); }
    static VINE_AVX2_INLINE void storeu(void* p, Vec v) { _mm256_storeu_si256(static_cast<__m256i*>(p), v); }
    static VINE_AVX2_INLINE Vec zero() { return _mm256_setzero_si256(); }
    static VINE_AVX2_INLINE Vec splat8(char c) { return _mm256_set1_epi8(c); }
    static VINE_AVX2_INLINE Vec splat16(short c) { return _mm256_set1_epi16(c); }
    static VINE_AVX2_INLINE Vec eq8(Vec a, Vec b) { return _mm256_cmpeq_epi8(a, b); }
    static VINE_AVX2_INLINE Vec eq16(Vec a, Vec b) { return _mm256_cmpeq_epi16(a, b); }
    static VINE_AVX2_INLINE Vec either(Vec a, Vec b) { return _mm256_or_si256(a, b); }
    static VINE_AVX2_INLINE Vec and_not(Vec a, Vec b) { return _mm256_andnot_si256(a, b); }
    static VINE_AVX2_INLINE uint32_t mask(Vec v) { return static_cast<uint32_t>(_mm256_movemask_epi8(v)); }
    static constexpr uint32_t kAll = 0xffffffffu;
};

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

VINE_STRING_INLINE __m128i loadu16(const void* p) { return _mm_loadu_si128(static_cast<const __m128i*>(p)); }
VINE_STRING_INLINE void storeu16(void* p, __m128i v) { _mm_storeu_si128(static_cast<__m128i*>(p), v); }

// The index of the lowest set bit of a nonzero mask, as a size_t. GCC's
// `__builtin_ctz` is an int, which it widens with one more instruction
// (cltq) on every return of strlen; tzcnt of the 64-bit register gives the
// size_t directly. (tzcnt runs as bsf on CPUs without BMI1: the same result
// for a nonzero mask.)
VINE_STRING_INLINE size_t first_bit(uint32_t mask) {
    uint64_t index;
    __asm__("tzcnt %1, %0" : "=r"(index) : "r"(uint64_t{mask}) : "cc");
    return index;
}

// Whether a `width`-byte read at p stays in p's page.
VINE_STRING_INLINE bool block_in_page(const void* p, size_t width) {
    return (reinterpret_cast<uintptr_t>(p) & 4095) <= 4096 - width;
}

template <typename Isa>
VINE_STRING_INLINE const unsigned char* align_down(const void* p) {
    return reinterpret_cast<const unsigned char*>(reinterpret_cast<uintptr_t>(p) & ~uintptr_t{Isa::kWidth - 1});
}

// The bit mask of the bytes of p's aligned block that are at or after p.
template <typename Isa>
VINE_STRING_INLINE uint32_t from_offset(const void* p) {
    return Isa::kAll << (reinterpret_cast<uintptr_t>(p) & (Isa::kWidth - 1));
}

template <typename Isa, typename Char>
VINE_STRING_INLINE typename Isa::Vec equal(typename Isa::Vec a, typename Isa::Vec b) {
    if constexpr (sizeof(Char) == 1) return Isa::eq8(a, b);
    else return Isa::eq16(a, b);
}

template <typename Isa, typename Char>
VINE_STRING_INLINE typename Isa::Vec splat(Char c) {
    if constexpr (sizeof(Char) == 1) return Isa::splat8(static_cast<char>(c));
    else return Isa::splat16(static_cast<short>(c));
}

// Copies n > 64 bytes, either direction safe.
template <typename Isa>
VINE_STRING_INLINE void move_large_body(unsigned char* d, const unsigned char* s, size_t n) {
    constexpr size_t W = Isa::kWidth;
    bool overlapping = d < s + n && s < d + n;
    if (!overlapping && n >= kFastStringThreshold && string_cpu.fast_strings) {
        __asm__ __volatile__("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
        return;
    }
    if (d <= s || d >= s + n) {
        auto tail = Isa::loadu(s + n - W);
        size_t i = 0;
        for (; i + 4 * W <= n; i += 4 * W) {
            auto a = Isa::loadu(s + i), b = Isa::loadu(s + i + W), c = Isa::loadu(s + i + 2 * W),
                 e = Isa::loadu(s + i + 3 * W);
            Isa::storeu(d + i, a);
            Isa::storeu(d + i + W, b);
            Isa::storeu(d + i + 2 * W, c);
            Isa::storeu(d + i + 3 * W, e);
        }
        for (; i + W <= n; i += W) Isa::storeu(d + i, Isa::loadu(s + i));
        Isa::storeu(d + n - W, tail);
    } else {
        // The destination overlaps the source's end: copy from the top down.
        auto head = Isa::loadu(s);
        size_t i = n;
        for (; i >= 4 * W + W; i -= 4 * W) {
            auto a = Isa::loadu(s + i - W), b = Isa::loadu(s + i - 2 * W), c = Isa::loadu(s + i - 3 * W),
                 e = Isa::loadu(s + i - 4 * W);
            Isa::storeu(d + i - W, a);
            Isa::storeu(d + i - 2 * W, b);
            Isa::storeu(d + i - 3 * W, c);
            Isa::storeu(d + i - 4 * W, e);
        }
        for (; i >= 2 * W; i -= W) Isa::storeu(d + i - W, Isa::loadu(s + i - W));
        // What is left, [0, i) with W < i < 2W, is covered by the first
        // block (stored last) and the block ending at i.
        Isa::storeu(d + i - W, Isa::loadu(s + i - W));
        Isa::storeu(d, head);
    }
}

template <typename Isa>
VINE_STRING_INLINE void fill_large_body(unsigned char* d, unsigned char c, size_t n) {
    constexpr size_t W = Isa::kWidth;
    if (n >= kFastStringThreshold && string_cpu.fast_strings) {
        __asm__ __volatile__("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
        return;
    }
    auto v = Isa::splat8(static_cast<char>(c));
    Isa::storeu(d + n - W, v);
    size_t i = 0;
    for (; i + 4 * W <= n; i += 4 * W) {
        Isa::storeu(d + i, v);
        Isa::storeu(d + i + W, v);
        Isa::storeu(d + i + 2 * W, v);
        Isa::storeu(d + i + 3 * W, v);
    }
    for (; i + W <= n; i += W) Isa::storeu(d + i, v);
}

VINE_STRING_BULK inline void move_large(Sse2, unsigned char* d, const unsigned char* s, size_t n) {
    move_large_body<Sse2>(d, s, n);
}
__attribute__((noinline, ms_abi)) VINE_AVX2_FLATTEN inline void move_large(Avx2, unsigned char* d,
                                                                         const unsigned char* s, size_t n) {
    move_large_body<Avx2>(d, s, n);
}
VINE_STRING_BULK inline void fill_large(Sse2, unsigned char* d, unsigned char c, size_t n) {
    fill_large_body<Sse2>(d, c, n);
}
__attribute__((noinline, ms_abi)) VINE_AVX2_FLATTEN inline void fill_large(Avx2, unsigned char* d, unsigned char c,
                                                                         size_t n) {
    fill_large_body<Avx2>(d, c, n);
}

}  // namespace detail

// memmove semantics for both, as msvcrt's memcpy tolerates overlap.
template <typename Isa = Sse2>
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
        __m128i a = loadu16(s), b = loadu16(s + n - 16);
        storeu16(d, a);
        storeu16(d + n - 16, b);
    } else if (n <= 64) {
        if constexpr (Isa::kWidth == 32) {
            auto a = Isa::loadu(s), b = Isa::loadu(s + n - 32);
            Isa::storeu(d, a);
            Isa::storeu(d + n - 32, b);
        } else {
            __m128i a = loadu16(s), b = loadu16(s + 16), c = loadu16(s + n - 32), e = loadu16(s + n - 16);
            storeu16(d, a);
            storeu16(d + 16, b);
            storeu16(d + n - 32, c);
            storeu16(d + n - 16, e);
        }
    } else {
        move_large(Isa{}, d, s, n);
    }
    return dst;
}

template <typename Isa = Sse2>
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
        storeu16(d, v);
        storeu16(d + n - 16, v);
        if (n > 32) {
            storeu16(d + 16, v);
            storeu16(d + n - 32, v);
        }
    } else {
        fill_large(Isa{}, d, c, n);
    }
    return dst;
}

// -1, 0 or 1, as msvcrt returns.
template <typename Isa = Sse2>
VINE_STRING_INLINE int mem_compare(const void* a, const void* b, size_t n) {
    using namespace detail;
    constexpr size_t W = Isa::kWidth;
    auto* x = static_cast<const unsigned char*>(a);
    auto* y = static_cast<const unsigned char*>(b);
    if (n >= W) {
        // Whole blocks, then the last block (overlapping the ones before,
        // which are known equal, so its first difference is the first).
        size_t i = 0;
        for (;;) {
            if (i + W > n) i = n - W;
            uint32_t same = Isa::mask(Isa::eq8(Isa::loadu(x + i), Isa::loadu(y + i)));
            if (same != Isa::kAll) {
                size_t at = i + first_bit(~same);
                return x[at] < y[at] ? -1 : 1;
            }
            if (i + W == n) return 0;
            i += W;
        }
    }
    if constexpr (W == 32) {
        // 16..31 bytes: the first and the last 16.
        if (n >= 16) {
            auto differs = [&](size_t at) {
                return ~static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(loadu16(x + at), loadu16(y + at)))) & 0xffff;
            };
            size_t base = 0;
            uint32_t diff = differs(0);
            if (!diff) diff = differs(base = n - 16);
            if (!diff) return 0;
            size_t at = base + first_bit(diff);
            return x[at] < y[at] ? -1 : 1;
        }
    }
    // Big-endian words compare like their bytes in order; the overlapping
    // second word's shared bytes are already known equal.
    if (n >= 8) {
        uint64_t p = __builtin_bswap64(load<uint64_t>(x)), q = __builtin_bswap64(load<uint64_t>(y));
        if (p == q) {
            p = __builtin_bswap64(load<uint64_t>(x + n - 8));
            q = __builtin_bswap64(load<uint64_t>(y + n - 8));
        }
        return p == q ? 0 : p < q ? -1 : 1;
    }
    if (n >= 4) {
        uint32_t p = __builtin_bswap32(load<uint32_t>(x)), q = __builtin_bswap32(load<uint32_t>(y));
        if (p == q) {
            p = __builtin_bswap32(load<uint32_t>(x + n - 4));
            q = __builtin_bswap32(load<uint32_t>(y + n - 4));
        }
        return p == q ? 0 : p < q ? -1 : 1;
    }
    for (size_t k = 0; k < n; ++k)
        if (x[k] != y[k]) return x[k] < y[k] ? -1 : 1;
    return 0;
}

template <typename Isa = Sse2>
VINE_STRING_INLINE void* mem_find(const void* s, int value, size_t n) {
    using namespace detail;
    constexpr size_t W = Isa::kWidth;
    if (n == 0) return nullptr;
    auto* p = static_cast<const unsigned char*>(s);
    auto c = Isa::splat8(static_cast<char>(value));
    const unsigned char* block = align_down<Isa>(p);
    uint32_t mask = Isa::mask(Isa::eq8(Isa::load(block), c)) & from_offset<Isa>(p);
    // Bytes from the block's start to the end, saturating: memchr(s, c, -1)
    // is a common idiom.
    size_t offset = static_cast<size_t>(p - block);
    size_t remaining = n > SIZE_MAX - offset ? SIZE_MAX : n + offset;
    for (;;) {
        if (mask) {
            size_t at = first_bit(mask);
            return at < remaining ? const_cast<unsigned char*>(block + at) : nullptr;
        }
        if (remaining <= W) return nullptr;
        remaining -= W;
        block += W;
        mask = Isa::mask(Isa::eq8(Isa::load(block), c));
    }
}

// strlen/wcslen (Char is 1 or 2 bytes).
template <typename Isa = Sse2, typename Char>
VINE_STRING_INLINE size_t length(const Char* s) {
    using namespace detail;
    constexpr size_t W = Isa::kWidth;
    if constexpr (sizeof(Char) == 2) {
        // An odd address splits characters across aligned blocks: element
        // by element.
        if (__builtin_expect(reinterpret_cast<uintptr_t>(s) & 1, 0)) {
            size_t n = 0;
            while (s[n]) ++n;
            return n;
        }
    }
    auto* p = reinterpret_cast<const unsigned char*>(s);
    auto zero = Isa::zero();
    const unsigned char* block;
    uint32_t mask;
    if (__builtin_expect(block_in_page(p, W), 1)) {
        // Short strings end in the first, unaligned, block: that return is
        // the straight-line path (no taken branch before it).
        mask = Isa::mask(equal<Isa, Char>(Isa::loadu(p), zero));
        if (__builtin_expect(mask != 0, 1)) return first_bit(mask) / sizeof(Char);
        block = align_down<Isa>(p) + W;
    } else {
        block = align_down<Isa>(p);
        mask = Isa::mask(equal<Isa, Char>(Isa::load(block), zero)) & from_offset<Isa>(p);
        if (mask) return (static_cast<size_t>(block - p) + first_bit(mask)) / sizeof(Char);
        block += W;
    }
    for (;; block += W) {
        mask = Isa::mask(equal<Isa, Char>(Isa::load(block), zero));
        if (mask) return (static_cast<size_t>(block - p) + first_bit(mask)) / sizeof(Char);
    }
}

// strnlen/wcsnlen: the elements before the terminator, at most `limit`.
template <typename Isa = Sse2, typename Char>
VINE_STRING_INLINE size_t length_bounded(const Char* s, size_t limit) {
    using namespace detail;
    constexpr size_t W = Isa::kWidth;
    if (limit == 0) return 0;
    if constexpr (sizeof(Char) == 2) {
        if (reinterpret_cast<uintptr_t>(s) & 1) {
            size_t n = 0;
            while (n < limit && s[n]) ++n;
            return n;
        }
    }
    auto* p = reinterpret_cast<const unsigned char*>(s);
    const unsigned char* block = align_down<Isa>(p);
    auto zero = Isa::zero();
    uint32_t mask = Isa::mask(equal<Isa, Char>(Isa::load(block), zero)) & from_offset<Isa>(p);
    size_t offset = static_cast<size_t>(p - block);
    // Bytes from block to the limit, saturating (limit may be SIZE_MAX).
    size_t limit_bytes = limit > (SIZE_MAX - offset) / sizeof(Char) ? SIZE_MAX : limit * sizeof(Char) + offset;
    for (;;) {
        if (mask) {
            size_t at = first_bit(mask);
            size_t bytes = static_cast<size_t>(block - p) + at;
            return bytes / sizeof(Char) < limit ? bytes / sizeof(Char) : limit;
        }
        if (limit_bytes <= W) return limit;
        limit_bytes -= W;
        block += W;
        mask = Isa::mask(equal<Isa, Char>(Isa::load(block), zero));
    }
}

// The first c in s (c may be the terminator), or null.
template <typename Isa = Sse2, typename Char>
VINE_STRING_INLINE Char* find_char(const Char* s, Char c) {
    using namespace detail;
    constexpr size_t W = Isa::kWidth;
    if constexpr (sizeof(Char) == 2) {
        if (reinterpret_cast<uintptr_t>(s) & 1) {
            for (;; ++s) {
                if (*s == c) return const_cast<Char*>(s);
                if (!*s) return nullptr;
            }
        }
    }
    auto* p = reinterpret_cast<const unsigned char*>(s);
    const unsigned char* block = align_down<Isa>(p);
    auto zero = Isa::zero();
    auto wanted = splat<Isa>(c);
    uint32_t keep = from_offset<Isa>(p);
    for (;;) {
        auto v = Isa::load(block);
        uint32_t mask = Isa::mask(Isa::either(equal<Isa, Char>(v, zero), equal<Isa, Char>(v, wanted))) & keep;
        if (mask) {
            auto* at = reinterpret_cast<const Char*>(block + first_bit(mask));
            return *at == c ? const_cast<Char*>(at) : nullptr;
        }
        keep = Isa::kAll;
        block += W;
    }
}

// The last c in s (c may be the terminator), or null.
template <typename Isa = Sse2, typename Char>
VINE_STRING_INLINE Char* find_last_char(const Char* s, Char c) {
    using namespace detail;
    constexpr size_t W = Isa::kWidth;
    if (c == 0) return const_cast<Char*>(s + length<Isa>(s));
    if constexpr (sizeof(Char) == 2) {
        if (reinterpret_cast<uintptr_t>(s) & 1) {
            const Char* last = nullptr;
            for (; *s; ++s)
                if (*s == c) last = s;
            return const_cast<Char*>(last);
        }
    }
    auto* p = reinterpret_cast<const unsigned char*>(s);
    const unsigned char* block = align_down<Isa>(p);
    auto zero = Isa::zero();
    auto wanted = splat<Isa>(c);
    uint32_t keep = from_offset<Isa>(p);
    const unsigned char* last = nullptr;
    for (;;) {
        auto v = Isa::load(block);
        uint32_t zeros = Isa::mask(equal<Isa, Char>(v, zero)) & keep;
        uint32_t hits = Isa::mask(equal<Isa, Char>(v, wanted)) & keep;
        if (zeros) {
            hits &= (zeros & -zeros) - 1;  // only hits before the terminator
            if (hits) last = block + (31 - __builtin_clz(hits)) - (sizeof(Char) - 1);
            return reinterpret_cast<Char*>(const_cast<unsigned char*>(last));
        }
        if (hits) last = block + (31 - __builtin_clz(hits)) - (sizeof(Char) - 1);
        keep = Isa::kAll;
        block += W;
    }
}

// -1, 0 or 1 comparing elements as unsigned, at most `limit` of them.
template <typename Isa = Sse2, typename Char>
VINE_STRING_INLINE int compare_bounded(const Char* a, const Char* b, size_t limit) {
    using namespace detail;
    using Unsigned = std::conditional_t<sizeof(Char) == 1, unsigned char, uint16_t>;
    constexpr size_t W = Isa::kWidth;
    constexpr size_t kPerBlock = W / sizeof(Char);
    size_t i = 0;
    while (i < limit) {
        const Char* x = a + i;
        const Char* y = b + i;
        if (limit - i >= kPerBlock && block_in_page(x, W) && block_in_page(y, W)) {
            auto u = Isa::loadu(x), v = Isa::loadu(y);
            auto same = equal<Isa, Char>(u, v);
            auto end = equal<Isa, Char>(u, Isa::zero());
            uint32_t go_on = Isa::mask(Isa::and_not(end, same));
            if (go_on == Isa::kAll) {
                i += kPerBlock;
                continue;
            }
            size_t at = first_bit(~go_on) / sizeof(Char);
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

template <typename Isa = Sse2, typename Char>
VINE_STRING_INLINE int compare(const Char* a, const Char* b) {
    return compare_bounded<Isa>(a, b, SIZE_MAX);
}

template <typename Isa = Sse2, typename Char>
VINE_STRING_INLINE Char* copy(Char* d, const Char* s) {
    mem_move<Isa>(d, s, (length<Isa>(s) + 1) * sizeof(Char));
    return d;
}

template <typename Isa = Sse2, typename Char>
VINE_STRING_INLINE Char* append(Char* d, const Char* s) {
    copy<Isa>(d + length<Isa>(d), s);
    return d;
}

// strncpy: at most n elements, the rest of the n filled with terminators.
template <typename Isa = Sse2, typename Char>
VINE_STRING_INLINE Char* copy_padded(Char* d, const Char* s, size_t n) {
    size_t used = length_bounded<Isa>(s, n);
    mem_move<Isa>(d, s, used * sizeof(Char));
    mem_set<Isa>(d + used, 0, (n - used) * sizeof(Char));
    return d;
}

// The first occurrence of needle in haystack: candidates from find_char,
// each checked with compare_bounded.
template <typename Isa = Sse2, typename Char>
VINE_STRING_INLINE Char* find_string(const Char* haystack, const Char* needle) {
    if (!needle[0]) return const_cast<Char*>(haystack);
    size_t rest = length<Isa>(needle + 1);
    for (const Char* at = haystack; (at = find_char<Isa>(at, needle[0])); ++at) {
        if (compare_bounded<Isa>(at + 1, needle + 1, rest) == 0) return const_cast<Char*>(at);
    }
    return nullptr;
}

}  // namespace vine::crt

// Defines the exported ms_abi function NAME(PARAMS) returning the expression
// given last, in which `Isa` names the vector set: one instantiation for SSE2
// (NAME_sse2) and one for AVX2 (NAME_avx2), and NAME a GNU ifunc whose
// resolver picks one while the dynamic linker relocates the DLL (before any
// constructor: it asks the CPU itself). The loader's export table then holds
// the chosen variant's address, so a guest's call goes straight to it.
#define VINE_CRT_VECTOR_EXPORT(RET, NAME, PARAMS, ...)                                                      \
    extern "C" {                                                                                            \
    static __attribute__((ms_abi, used)) RET NAME##_sse2 PARAMS {                                           \
        using Isa [[maybe_unused]] = ::vine::crt::Sse2;                                                     \
        return __VA_ARGS__;                                                                                 \
    }                                                                                                       \
    static __attribute__((ms_abi, used)) VINE_AVX2_FLATTEN RET NAME##_avx2 PARAMS {                           \
        using Isa [[maybe_unused]] = ::vine::crt::Avx2;                                                     \
        return __VA_ARGS__;                                                                                 \
    }                                                                                                       \
    static decltype(&NAME##_sse2) NAME##_resolve() {                                                                         \
        return ::vine::crt::detect_string_cpu().avx2 ? &NAME##_avx2 : &NAME##_sse2;                         \
    }                                                                                                       \
    }                                                                                                       \
    extern "C" __attribute__((ms_abi, visibility("default"), ifunc(#NAME "_resolve"))) RET NAME PARAMS;
