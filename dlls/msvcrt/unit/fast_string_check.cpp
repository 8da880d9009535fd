// Host check of vine/fast_string.h against glibc, for both vector sets (the
// AVX2 one where the CPU has it): every size 0..300 and 32 alignments,
// overlapping moves, strings ending at the end of a page followed by an
// inaccessible one.
#include "vine/fast_string.h"
#include <sys/mman.h>
#include <cstdio>
#include <cstring>
#include <initializer_list>
static int sgn(int v) { return v < 0 ? -1 : v > 0; }
int fails = 0;
#define CHECK(c) do { if (!(c)) { if (fails++ < 20) printf("FAIL %s line %d n=%zu a=%zu\n", Ops::kName, __LINE__, n, a); } } while (0)

// Each function of the header, instantiated for one vector set inside a
// function compiled for it (as the exports are).
#define VINE_CHECK_OPS(OPS, ISA, NAME, ATTR)                                                              \
    struct OPS {                                                                                        \
        static constexpr const char* kName = NAME;                                                      \
        ATTR static void* mem_move(void* d, const void* s, size_t n) { return vine::crt::mem_move<ISA>(d, s, n); } \
        ATTR static void* mem_set(void* d, int c, size_t n) { return vine::crt::mem_set<ISA>(d, c, n); } \
        ATTR static int mem_compare(const void* a, const void* b, size_t n) { return vine::crt::mem_compare<ISA>(a, b, n); } \
        ATTR static const void* mem_find(const void* s, int c, size_t n) { return vine::crt::mem_find<ISA>(s, c, n); } \
        template <typename C> ATTR static size_t length(const C* s) { return vine::crt::length<ISA>(s); } \
        template <typename C> ATTR static size_t length_bounded(const C* s, size_t n) { return vine::crt::length_bounded<ISA>(s, n); } \
        template <typename C> ATTR static C* find_char(const C* s, C c) { return vine::crt::find_char<ISA>(s, c); } \
        template <typename C> ATTR static C* find_last_char(const C* s, C c) { return vine::crt::find_last_char<ISA>(s, c); } \
        template <typename C> ATTR static int compare(const C* a, const C* b) { return vine::crt::compare<ISA>(a, b); } \
        template <typename C> ATTR static int compare_bounded(const C* a, const C* b, size_t n) { return vine::crt::compare_bounded<ISA>(a, b, n); } \
        template <typename C> ATTR static C* find_string(const C* h, const C* n) { return vine::crt::find_string<ISA>(h, n); } \
        template <typename C> ATTR static C* copy(C* d, const C* s) { return vine::crt::copy<ISA>(d, s); } \
        template <typename C> ATTR static C* append(C* d, const C* s) { return vine::crt::append<ISA>(d, s); } \
        template <typename C> ATTR static C* copy_padded(C* d, const C* s, size_t n) { return vine::crt::copy_padded<ISA>(d, s, n); } \
    };
VINE_CHECK_OPS(Sse2Ops, vine::crt::Sse2, "sse2", __attribute__((noinline)))
VINE_CHECK_OPS(Avx2Ops, vine::crt::Avx2, "avx2", __attribute__((noinline)) VINE_AVX2_FLATTEN)

template <typename Ops>
void check(unsigned char* page) {
    // The large paths (rep movsb/stosb from 2048 bytes), both directions.
    {
        static unsigned char big[3 * 8192], want[3 * 8192];
        size_t a = 0;
        for (size_t n : {2047u, 2048u, 2049u, 4096u, 5001u, 8192u})
            for (size_t shift : {0u, 1u, 31u, 100u}) {
                for (size_t i = 0; i < sizeof big; ++i) big[i] = want[i] = (unsigned char)(i * 13 + 5);
                Ops::mem_move(big + shift, big + 8192, n); memmove(want + shift, want + 8192, n);
                CHECK(!memcmp(big, want, sizeof big));
                Ops::mem_move(big + 8192 + shift, big + 8192, n); memmove(want + 8192 + shift, want + 8192, n);
                CHECK(!memcmp(big, want, sizeof big));
                Ops::mem_move(big + 8192, big + 8192 + shift, n); memmove(want + 8192, want + 8192 + shift, n);
                CHECK(!memcmp(big, want, sizeof big));
                Ops::mem_set(big + shift, (int)n, n); memset(want + shift, (int)n, n);
                CHECK(!memcmp(big, want, sizeof big));
                CHECK(Ops::mem_compare(big, want, sizeof big) == 0);
                want[shift + n - 1] ^= 1;
                CHECK(Ops::mem_compare(big, want, sizeof big) == sgn(memcmp(big, want, sizeof big)));
                a = shift;
            }
    }

    static unsigned char src[1024], dst[1024], ref[1024];
    for (size_t n = 0; n <= 300; ++n)
        for (size_t a = 0; a < 32; ++a) {
            for (int i = 0; i < 1024; ++i) src[i] = (unsigned char)(i * 7 + 1), dst[i] = ref[i] = 0xee;
            Ops::mem_move(dst + a, src + (a * 3 % 17), n); memmove(ref + a, src + (a * 3 % 17), n);
            CHECK(!memcmp(dst, ref, 1024));
            memcpy(dst, src, 1024); memcpy(ref, src, 1024);  // overlapping both ways
            Ops::mem_move(dst + a, dst + 40, n); memmove(ref + a, ref + 40, n); CHECK(!memcmp(dst, ref, 1024));
            memcpy(dst, src, 1024); memcpy(ref, src, 1024);
            Ops::mem_move(dst + 40, dst + a, n); memmove(ref + 40, ref + a, n); CHECK(!memcmp(dst, ref, 1024));
            Ops::mem_set(dst + a, 0x5a, n); memset(ref + a, 0x5a, n); CHECK(!memcmp(dst, ref, 1024));
            // memcmp with a difference at every position
            memcpy(dst, src, 1024);
            CHECK(Ops::mem_compare(dst + a, src + a, n) == 0);
            for (size_t k = 0; k < n; k += (n > 40 ? 7 : 1)) {
                dst[a + k] ^= 0x80; CHECK(Ops::mem_compare(dst + a, src + a, n) == sgn(memcmp(dst + a, src + a, n))); dst[a + k] ^= 0x80;
            }
            // memory whose last byte is the page's last, source or destination
            unsigned char* tail = page + 4096 - n;
            Ops::mem_move(tail, src + a, n); CHECK(!memcmp(tail, src + a, n));
            CHECK(Ops::mem_compare(tail, src + a, n) == 0);
            if (n) { CHECK(Ops::mem_find(tail, tail[n - 1], n) == memchr(tail, tail[n - 1], n)); }
            Ops::mem_move(dst + a, tail, n); CHECK(!memcmp(dst + a, tail, n));
            Ops::mem_set(tail, 0x33, n);
            for (size_t i = 0; i < n; ++i) CHECK(tail[i] == 0x33);
            // strings at the page end
            unsigned char* s = page + 4096 - n - 1 - a % 2;
            for (size_t i = 0; i < n; ++i) s[i] = (unsigned char)('a' + (i * 5 + a) % 26 + (i % 37 == 36 ? 100 : 0));
            s[n] = 0;
            const char* cs = (const char*)s;
            CHECK(Ops::length(cs) == n);
            for (size_t lim = 0; lim <= n + 2; lim += (n > 30 ? 13 : 1)) CHECK(Ops::length_bounded(cs, lim) == strnlen(cs, lim));
            CHECK(Ops::length_bounded(cs, SIZE_MAX) == n);
            for (int c : {(int)'a', (int)'q', (int)'z', 0, 0xe0, 'a' + 100}) {
                CHECK(Ops::find_char(cs, (char)c) == strchr(cs, c));
                CHECK(Ops::find_last_char(cs, (char)c) == strrchr(cs, c));
                CHECK(Ops::mem_find(cs, c, n) == memchr(cs, c, n));
                if (memchr(cs, c, n + 1)) CHECK(Ops::mem_find(cs, c, SIZE_MAX) == memchr(cs, c, n + 1));
            }
            char copyb[400]; memcpy(copyb, cs, n + 1);
            CHECK(Ops::compare(cs, copyb) == 0);
            CHECK(Ops::compare(copyb, cs) == 0);
            for (size_t k = 0; k < n; k += (n > 40 ? 11 : 1)) {
                copyb[k] ^= 0x40; CHECK(Ops::compare(cs, copyb) == sgn(strcmp(cs, copyb)));
                CHECK(Ops::compare_bounded(copyb, cs, k) == sgn(strncmp(copyb, cs, k)));
                CHECK(Ops::compare_bounded(copyb, cs, k + 1) == sgn(strncmp(copyb, cs, k + 1)));
                copyb[k] ^= 0x40;
            }
            copyb[n / 2] = 0; CHECK(Ops::compare(cs, copyb) == sgn(strcmp(cs, copyb))); CHECK(Ops::compare(copyb, cs) == sgn(strcmp(copyb, cs)));
            if (n > 3) { const char* needle = cs + n - 3; CHECK(Ops::find_string(cs, needle) == strstr(cs, needle)); }
            CHECK(Ops::find_string(cs, "zzq") == strstr(cs, "zzq"));
            CHECK(Ops::find_string(cs, "") == cs);
            char d1[700], d2[700];
            memset(d1, 1, 700); memset(d2, 1, 700);
            Ops::copy(d1 + a, cs); strcpy(d2 + a, cs); CHECK(!memcmp(d1, d2, 700));
            Ops::append(d1 + a, cs); strcat(d2 + a, cs); CHECK(!memcmp(d1, d2, 700));
            Ops::copy_padded(d1 + a, cs, n / 2 + 5); strncpy(d2 + a, cs, n / 2 + 5); CHECK(!memcmp(d1, d2, 700));
            // wide at the page end (even and odd addresses)
            char16_t* w = (char16_t*)(page + 4096 - 2 * (n + 1) - (a % 2));
            for (size_t i = 0; i < n; ++i) { char16_t v = (char16_t)('A' + (i * 3 + a) % 40 + (i % 29 == 28 ? 0x4000 : 0)); memcpy(w + i, &v, 2); }
            char16_t zero = 0; memcpy(w + n, &zero, 2);
            if (a % 2 == 0) {  // aligned wide strings only for the reference loops below
                CHECK(Ops::length(w) == n);
                size_t ref_last = SIZE_MAX, ref_first = SIZE_MAX;
                for (size_t i = 0; i < n; ++i) if (w[i] == u'B') { ref_last = i; if (ref_first == SIZE_MAX) ref_first = i; }
                char16_t* f = Ops::find_char(w, u'B'); CHECK(f == (ref_first == SIZE_MAX ? nullptr : w + ref_first));
                char16_t* l = Ops::find_last_char(w, u'B'); CHECK(l == (ref_last == SIZE_MAX ? nullptr : w + ref_last));
                CHECK(Ops::find_char(w, (char16_t)0) == w + n);
                CHECK(Ops::length_bounded(w, n / 2) == n / 2);
                char16_t wc[400]; memcpy(wc, w, 2 * (n + 1));
                CHECK(Ops::compare(w, wc) == 0);
                if (n) { wc[n - 1] = 0x8000; CHECK(Ops::compare(w, wc) == -1); CHECK(Ops::compare(wc, w) == 1); }
            } else {
                CHECK(Ops::length(w) == n);
                CHECK(Ops::find_char(w, (char16_t)0) == w + n);
            }
        }
}

int main() {
    // two pages, the second inaccessible: strings end at the page end
    unsigned char* page = (unsigned char*)mmap(nullptr, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(page + 4096, 4096, PROT_NONE);
    check<Sse2Ops>(page);
    if (vine::crt::detect_string_cpu().avx2) check<Avx2Ops>(page);
    else printf("no AVX2 here: its variant is not checked\n");
    printf("%d failures\n", fails);
    return fails != 0;
}
