// Host check of core/fast_string.h against glibc: every size 0..300 and 32
// alignments, overlapping moves, strings ending at an inaccessible page.
#include "core/fast_string.h"
#include <sys/mman.h>
#include <cstdio>
#include <cstring>
#include <initializer_list>
using namespace vine::crt;
static int sgn(int v) { return v < 0 ? -1 : v > 0; }
int fails = 0;
#define CHECK(c) do { if (!(c)) { if (fails++ < 20) printf("FAIL line %d n=%zu a=%zu\n", __LINE__, n, a); } } while (0)
int main() {
    // two pages, the second inaccessible: strings end at the page end
    unsigned char* page = (unsigned char*)mmap(nullptr, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(page + 4096, 4096, PROT_NONE);
    static unsigned char src[1024], dst[1024], ref[1024];
    for (size_t n = 0; n <= 300; ++n)
        for (size_t a = 0; a < 32; ++a) {
            for (int i = 0; i < 1024; ++i) src[i] = (unsigned char)(i * 7 + 1), dst[i] = ref[i] = 0xee;
            mem_move(dst + a, src + (a * 3 % 17), n); memmove(ref + a, src + (a * 3 % 17), n);
            CHECK(!memcmp(dst, ref, 1024));
            memcpy(dst, src, 1024); memcpy(ref, src, 1024);  // overlapping both ways
            mem_move(dst + a, dst + 40, n); memmove(ref + a, ref + 40, n); CHECK(!memcmp(dst, ref, 1024));
            memcpy(dst, src, 1024); memcpy(ref, src, 1024);
            mem_move(dst + 40, dst + a, n); memmove(ref + 40, ref + a, n); CHECK(!memcmp(dst, ref, 1024));
            mem_set(dst + a, 0x5a, n); memset(ref + a, 0x5a, n); CHECK(!memcmp(dst, ref, 1024));
            // memcmp with a difference at every position
            memcpy(dst, src, 1024);
            CHECK(mem_compare(dst + a, src + a, n) == 0);
            for (size_t k = 0; k < n; k += (n > 40 ? 7 : 1)) {
                dst[a + k] ^= 0x80; CHECK(mem_compare(dst + a, src + a, n) == sgn(memcmp(dst + a, src + a, n))); dst[a + k] ^= 0x80;
            }
            // strings at the page end
            unsigned char* s = page + 4096 - n - 1 - a % 2;
            for (size_t i = 0; i < n; ++i) s[i] = (unsigned char)('a' + (i * 5 + a) % 26 + (i % 37 == 36 ? 100 : 0));
            s[n] = 0;
            const char* cs = (const char*)s;
            CHECK(length(cs) == n);
            for (size_t lim = 0; lim <= n + 2; lim += (n > 30 ? 13 : 1)) CHECK(length_bounded(cs, lim) == strnlen(cs, lim));
            CHECK(length_bounded(cs, SIZE_MAX) == n);
            for (int c : {(int)'a', (int)'q', (int)'z', 0, 0xe0, 'a' + 100}) {
                CHECK(find_char(cs, (char)c) == strchr(cs, c));
                CHECK(find_last_char(cs, (char)c) == strrchr(cs, c));
                CHECK(mem_find(cs, c, n) == memchr(cs, c, n));
                if (memchr(cs, c, n + 1)) CHECK(mem_find(cs, c, SIZE_MAX) == memchr(cs, c, n + 1));
            }
            char copyb[400]; memcpy(copyb, cs, n + 1);
            CHECK(compare(cs, copyb) == 0);
            CHECK(compare(copyb, cs) == 0);
            for (size_t k = 0; k < n; k += (n > 40 ? 11 : 1)) {
                copyb[k] ^= 0x40; CHECK(compare(cs, copyb) == sgn(strcmp(cs, copyb)));
                CHECK(compare_bounded(copyb, cs, k) == sgn(strncmp(copyb, cs, k)));
                CHECK(compare_bounded(copyb, cs, k + 1) == sgn(strncmp(copyb, cs, k + 1)));
                copyb[k] ^= 0x40;
            }
            copyb[n / 2] = 0; CHECK(compare(cs, copyb) == sgn(strcmp(cs, copyb))); CHECK(compare(copyb, cs) == sgn(strcmp(copyb, cs)));
            if (n > 3) { const char* needle = cs + n - 3; CHECK(find_string(cs, needle) == strstr(cs, needle)); }
            CHECK(find_string(cs, "zzq") == strstr(cs, "zzq"));
            CHECK(find_string(cs, "") == cs);
            char d1[700], d2[700];
            memset(d1, 1, 700); memset(d2, 1, 700);
            copy(d1 + a, cs); strcpy(d2 + a, cs); CHECK(!memcmp(d1, d2, 700));
            append(d1 + a, cs); strcat(d2 + a, cs); CHECK(!memcmp(d1, d2, 700));
            copy_padded(d1 + a, cs, n / 2 + 5); strncpy(d2 + a, cs, n / 2 + 5); CHECK(!memcmp(d1, d2, 700));
            // wide at the page end (even and odd addresses)
            char16_t* w = (char16_t*)(page + 4096 - 2 * (n + 1) - (a % 2));
            for (size_t i = 0; i < n; ++i) { char16_t v = (char16_t)('A' + (i * 3 + a) % 40 + (i % 29 == 28 ? 0x4000 : 0)); memcpy(w + i, &v, 2); }
            char16_t zero = 0; memcpy(w + n, &zero, 2);
            if (a % 2 == 0) {  // aligned wide strings only for the reference loops below
                CHECK(length(w) == n);
                size_t ref_last = SIZE_MAX, ref_first = SIZE_MAX;
                for (size_t i = 0; i < n; ++i) if (w[i] == u'B') { ref_last = i; if (ref_first == SIZE_MAX) ref_first = i; }
                char16_t* f = find_char(w, u'B'); CHECK(f == (ref_first == SIZE_MAX ? nullptr : w + ref_first));
                char16_t* l = find_last_char(w, u'B'); CHECK(l == (ref_last == SIZE_MAX ? nullptr : w + ref_last));
                CHECK(find_char(w, (char16_t)0) == w + n);
                CHECK(length_bounded(w, n / 2) == n / 2);
                char16_t wc[400]; memcpy(wc, w, 2 * (n + 1));
                CHECK(compare(w, wc) == 0);
                if (n) { wc[n - 1] = 0x8000; CHECK(compare(w, wc) == -1); CHECK(compare(wc, w) == 1); }
            } else {
                CHECK(length(w) == n);
                CHECK(find_char(w, (char16_t)0) == w + n);
            }
        }
    printf("%d failures\n", fails);
    return fails != 0;
}
