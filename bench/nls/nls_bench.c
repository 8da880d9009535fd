/* bench/nls/nls_bench.c - text conversion and collation, built twice from
 * this one source: with mingw-w64 (a Windows program run under vine:
 * MultiByteToWideChar, WideCharToMultiByte, CompareStringW) and with gcc
 * for Linux (iconv from glibc, ICU's ucol_strcoll). Modes, one per run:
 *   mb2wc    1 MiB of UTF-8 (mostly ASCII, with Latin-1, Greek, CJK and
 *            emoji) to UTF-16, 200 times
 *   wc2mb    the same text back from UTF-16 to UTF-8, 200 times
 *   compare  100,000 pairs of words (letters, some accented, some equal
 *            prefixes) compared in the en-US locale, 10 times
 * Prints microseconds per MiB (mb2wc, wc2mb) or nanoseconds per pair
 * (compare), the conversion checked once against the other direction.
 * The text and the words come from one fixed-seed generator, the same on
 * both sides. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
#include <windows.h>
static double now_ns(void)
{
    static LARGE_INTEGER frequency;
    LARGE_INTEGER counter;
    if (!frequency.QuadPart) QueryPerformanceFrequency(&frequency);
    QueryPerformanceCounter(&counter);
    return (double)counter.QuadPart * 1e9 / (double)frequency.QuadPart;
}
typedef WCHAR unit16;
#else
#include <iconv.h>
#include <time.h>
#include <unicode/ucol.h>
static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}
typedef unsigned short unit16;
#endif

#define TEXT_BYTES (1 << 20)
#define CONVERSIONS 200
#define PAIRS 100000
#define COMPARE_ROUNDS 10

static unsigned int state = 20261202u;
static unsigned int next_random(void)
{
    state = state * 1664525u + 1013904223u;
    return state >> 8;
}

/* Appends the UTF-8 of code point c. */
static size_t put_utf8(unsigned char *p, unsigned c)
{
    if (c < 0x80) { p[0] = c; return 1; }
    if (c < 0x800) { p[0] = 0xc0 | c >> 6; p[1] = 0x80 | (c & 0x3f); return 2; }
    if (c < 0x10000) { p[0] = 0xe0 | c >> 12; p[1] = 0x80 | (c >> 6 & 0x3f); p[2] = 0x80 | (c & 0x3f); return 3; }
    p[0] = 0xf0 | c >> 18; p[1] = 0x80 | (c >> 12 & 0x3f); p[2] = 0x80 | (c >> 6 & 0x3f); p[3] = 0x80 | (c & 0x3f);
    return 4;
}

static unsigned char *make_text(size_t *length)
{
    unsigned char *text = malloc(TEXT_BYTES + 8);
    size_t n = 0;
    while (n < TEXT_BYTES - 4) {
        unsigned r = next_random() % 100, c;
        if (r < 85) c = 0x20 + next_random() % 0x5f;         /* ASCII */
        else if (r < 93) c = 0xc0 + next_random() % 0x40;    /* Latin-1 letters */
        else if (r < 96) c = 0x3b1 + next_random() % 25;     /* Greek */
        else if (r < 99) c = 0x4e00 + next_random() % 0x5000; /* CJK */
        else c = 0x1f600 + next_random() % 0x40;             /* emoji */
        n += put_utf8(text + n, c);
    }
    *length = n;
    return text;
}

/* Words of 3..12 letters; one in four shares a prefix with the one before.
   They are laid out one after another in one block, so both sides see the
   same memory layout whatever their malloc does. */
static unit16 *words[2 * PAIRS];
static unit16 word_pool[2 * PAIRS * 13];
static void make_words(void)
{
    static const unit16 accented[] = { 0xe9, 0xe8, 0xe0, 0xfc, 0xf6, 0xe7, 0xf1 };
    int i, k;
    unit16 *next = word_pool;
    for (i = 0; i < 2 * PAIRS; i++) {
        int length = 3 + next_random() % 10, start = 0;
        unit16 *w = next;
        next += length + 1;
        if (i && next_random() % 4 == 0) {
            for (; start < length && words[i - 1][start] && start < 3; start++) w[start] = words[i - 1][start];
        }
        for (k = start; k < length; k++) {
            unsigned r = next_random() % 40;
            w[k] = r < 26 ? 'a' + r : r < 33 ? 'A' + (r - 26) : accented[r - 33];
        }
        w[length] = 0;
        words[i] = w;
    }
}

static double convert(int to_wide, const unsigned char *text, size_t length)
{
    unit16 *wide = malloc((length + 1) * sizeof(unit16));
    unsigned char *back = malloc(length * 3 + 8);
    size_t units, bytes = 0;
    double start, elapsed = 0;
    int i;
#ifdef _WIN32
    units = MultiByteToWideChar(CP_UTF8, 0, (const char *)text, length, wide, length + 1);
#else
    iconv_t to16 = iconv_open("UTF-16LE", "UTF-8"), to8 = iconv_open("UTF-8", "UTF-16LE");
    {
        char *in = (char *)text, *out = (char *)wide;
        size_t in_left = length, out_left = (length + 1) * 2;
        iconv(to16, &in, &in_left, &out, &out_left);
        units = ((length + 1) * 2 - out_left) / 2;
    }
#endif
    for (i = 0; i < CONVERSIONS; i++) {
        start = now_ns();
#ifdef _WIN32
        if (to_wide) units = MultiByteToWideChar(CP_UTF8, 0, (const char *)text, length, wide, length + 1);
        else bytes = WideCharToMultiByte(CP_UTF8, 0, wide, units, (char *)back, length * 3 + 8, NULL, NULL);
#else
        char *in, *out;
        size_t in_left, out_left;
        if (to_wide) {
            in = (char *)text; in_left = length; out = (char *)wide; out_left = (length + 1) * 2;
            iconv(to16, &in, &in_left, &out, &out_left);
            units = ((length + 1) * 2 - out_left) / 2;
        } else {
            in = (char *)wide; in_left = units * 2; out = (char *)back; out_left = length * 3 + 8;
            iconv(to8, &in, &in_left, &out, &out_left);
            bytes = length * 3 + 8 - out_left;
        }
#endif
        elapsed += now_ns() - start;
    }
    if (!to_wide && (bytes != length || memcmp(back, text, length))) {
        fprintf(stderr, "round trip failed (%zu bytes of %zu)\n", bytes, length);
        exit(1);
    }
    free(wide);
    free(back);
    return elapsed / CONVERSIONS / 1000.0 * (double)(1 << 20) / (double)length;
}

static double compare(void)
{
    double start, elapsed;
    long sum = 0;
    int round, i;
#ifndef _WIN32
    UErrorCode status = U_ZERO_ERROR;
    UCollator *collator = ucol_open("en_US", &status);
#endif
    start = now_ns();
    for (round = 0; round < COMPARE_ROUNDS; round++)
        for (i = 0; i < PAIRS; i++) {
#ifdef _WIN32
            sum += CompareStringW(0x409, 0, words[2 * i], -1, words[2 * i + 1], -1);
#else
            sum += ucol_strcoll(collator, words[2 * i], -1, words[2 * i + 1], -1) + 2;
#endif
        }
    elapsed = now_ns() - start;
    if (sum < PAIRS * COMPARE_ROUNDS) {
        fprintf(stderr, "compare failed\n");
        exit(1);
    }
    return elapsed / ((double)PAIRS * COMPARE_ROUNDS);
}

int main(int argc, char **argv)
{
    size_t length;
    unsigned char *text = make_text(&length);
    const char *mode = argc > 1 ? argv[1] : "mb2wc";
    make_words();
    if (!strcmp(mode, "mb2wc")) printf("%.1f\n", convert(1, text, length));
    else if (!strcmp(mode, "wc2mb")) printf("%.1f\n", convert(0, text, length));
    else if (!strcmp(mode, "compare")) printf("%.1f\n", compare());
    else {
        fprintf(stderr, "usage: nls_bench mb2wc|wc2mb|compare\n");
        return 2;
    }
    return 0;
}
