/* Code pages: every byte of the single-byte code pages (the ANSI and OEM
 * ones, US-ASCII, ISO 8859, Mac Roman and EBCDIC) and every defined
 * double-byte code of 932/936/949/950 against the published mappings
 * (codepage_expected.c, generated from Python's codecs), round trips,
 * UTF-8 and UTF-7, the flags, default characters and error codes, and the
 * code page queries.
 *
 * Under Wine 8 the checks of flags, lpDefaultChar and the same source and
 * destination that the documentation of MultiByteToWideChar and
 * WideCharToMultiByte states fail (Wine is lenient there), as do
 * WC_DISCARDNS, WC_SEPCHARS and WC_DEFAULTCHAR with WC_COMPOSITECHECK
 * (checked against the documentation's description), and
 * CPINFOEX.CodePageName differs (Wine has its own names). Wine 8 has no
 * code page 1140 (Windows has: 037 with the euro) and no 54936 (GB18030), does not report 65001
 * in EnumSystemCodePages and accepts unknown flags there, and fails
 * 20127's bytes 80-FF that map to '?' under MB_ERR_INVALID_CHARS. */
#include <windows.h>
#include <stdlib.h>
#include <string.h>

#include "codepage_expected.h"
#include "vinetest.h"

static void test_single_byte(void)
{
    int i, b;
    for (i = 0; i < expected_single_count; i++) {
        const struct expected_single *e = &expected_single[i];
        unsigned char bytes[256], back[256];
        WCHAR wide[256];
        int bad = -1, bad_back = -1, n;
        for (b = 0; b < 256; b++) bytes[b] = (unsigned char)b;
        n = MultiByteToWideChar(e->code_page, 0, (const char *)bytes, 256, wide, 256);
        for (b = 0; b < 256 && bad < 0; b++)
            if (wide[b] != e->chars[b]) bad = b;
        ok(n == 256 && bad < 0, "code page %u: all 256 bytes (n %d, first wrong byte %#x: %#x, expected %#x)",
           e->code_page, n, bad, bad >= 0 ? wide[bad] : 0, bad >= 0 ? e->chars[bad] : 0);
        /* Each byte on its own gives the same; with MB_ERR_INVALID_CHARS
           the bytes Microsoft's tables leave undefined (those Windows maps to
           private-use characters) fail. */
        for (b = 0, bad = -1; b < 256 && bad < 0; b++) {
            char c = (char)b;
            WCHAR w = 0;
            int private_use = e->chars[b] >= 0xe000 && e->chars[b] <= 0xf8ff;
            n = MultiByteToWideChar(e->code_page, MB_ERR_INVALID_CHARS, &c, 1, &w, 1);
            if (private_use ? n != 0 || GetLastError() != ERROR_NO_UNICODE_TRANSLATION : n != 1 || w != e->chars[b])
                bad = b;
            if (MultiByteToWideChar(e->code_page, 0, &c, 1, &w, 1) != 1 || w != e->chars[b]) bad = b;
        }
        ok(bad < 0, "code page %u: byte by byte with MB_ERR_INVALID_CHARS (first wrong %#x)", e->code_page, bad);
        /* Back to bytes: every character whose byte is the only one mapping to it. */
        n = WideCharToMultiByte(e->code_page, 0, wide, 256, (char *)back, 256, NULL, NULL);
        for (b = 0; b < 256 && bad_back < 0; b++) {
            int c, unique = 1;
            for (c = 0; c < 256; c++)
                if (c != b && e->chars[c] == e->chars[b]) unique = 0;
            if (unique && back[b] != b) bad_back = b;
        }
        ok(n == 256 && bad_back < 0, "code page %u: round trip (first wrong %#x -> %#x)", e->code_page, bad_back,
           bad_back >= 0 ? back[bad_back] : 0);
    }
}

static void test_double_byte(void)
{
    int i, k;
    for (i = 0; i < expected_double_count; i++) {
        const struct expected_double *e = &expected_double[i];
        int bad = -1, bad_back = -1;
        CPINFO info;
        for (k = 0; k < e->count; k++) {
            char bytes[2] = { (char)(e->pairs[k].bytes >> 8), (char)e->pairs[k].bytes };
            WCHAR w = 0;
            char back[2] = { 0, 0 };
            WCHAR again = 0;
            int private_use = e->pairs[k].ch >= 0xe000 && e->pairs[k].ch <= 0xf8ff;
            int n = MultiByteToWideChar(e->code_page, private_use ? 0 : MB_ERR_INVALID_CHARS, bytes, 2, &w, 1);
            if (bad < 0 && (n != 1 || w != e->pairs[k].ch)) bad = k;
            /* Round trip to a sequence of the same character (duplicates
               come back as the one Windows prefers). */
            n = WideCharToMultiByte(e->code_page, 0, &w, 1, back, 2, NULL, NULL);
            if (bad_back < 0 && (n < 1 || MultiByteToWideChar(e->code_page, 0, back, n, &again, 1) != 1 || again != w))
                bad_back = k;
        }
        ok(bad < 0, "code page %u: all %d double-byte codes (first wrong %#x)", e->code_page, e->count,
           bad >= 0 ? e->pairs[bad].bytes : 0);
        ok(bad_back < 0, "code page %u: double-byte round trips (first wrong %#x)", e->code_page,
           bad_back >= 0 ? e->pairs[bad_back].bytes : 0);
        ok(GetCPInfo(e->code_page, &info) && info.MaxCharSize == 2 && info.DefaultChar[0] == '?',
           "GetCPInfo(%u): MaxCharSize %u", e->code_page, info.MaxCharSize);
        ok(IsDBCSLeadByteEx(e->code_page, 0x81) && !IsDBCSLeadByteEx(e->code_page, 'A'), "IsDBCSLeadByteEx(%u)",
           e->code_page);
    }
}

static void check_wide(UINT cp, DWORD flags, const char *src, int len, const WCHAR *expected, int expected_len,
                       const char *what)
{
    WCHAR buffer[64];
    int n = MultiByteToWideChar(cp, flags, src, len, buffer, 64);
    ok(n == expected_len && !memcmp(buffer, expected, n * sizeof(WCHAR)), "%s: %d units (expected %d), first %#x",
       what, n, expected_len, n > 0 ? buffer[0] : 0);
    ok(MultiByteToWideChar(cp, flags, src, len, NULL, 0) == expected_len, "%s: size query", what);
}

static void check_bytes(UINT cp, DWORD flags, const WCHAR *src, int len, const char *expected, int expected_len,
                        const char *what)
{
    char buffer[64];
    int n = WideCharToMultiByte(cp, flags, src, len, buffer, 64, NULL, NULL);
    ok(n == expected_len && !memcmp(buffer, expected, n), "%s: %d bytes (expected %d) \"%.*s\"", what, n,
       expected_len, n > 0 ? n : 0, buffer);
    ok(WideCharToMultiByte(cp, flags, src, len, NULL, 0, NULL, NULL) == expected_len, "%s: size query", what);
}

static void test_dbcs_details(void)
{
    WCHAR w[4];
    char b[4];
    BOOL used;
    CPINFO info;
    CPINFOEXW ex;
    check_wide(932, 0, "\x93\xfa\x96\x7b", 4, L"\x65e5\x672c", 2, "932: Japanese");
    check_wide(932, 0, "\xb1\xdf", 2, L"\xff71\xff9f", 2, "932: half-width katakana are single bytes");
    check_wide(936, 0, "\xc4\xe3\xba\xc3", 4, L"\x4f60\x597d", 2, "936: Chinese");
    check_wide(936, 0, "\x80", 1, L"\x20ac", 1, "936: 0x80 is the euro sign");
    check_wide(936, 0, "\xaa\xa1", 2, L"\xe000", 1, "936: EUDC AAA1 is U+E000");
    ok(MultiByteToWideChar(936, MB_ERR_INVALID_CHARS, "\xaa\xa1", 2, w, 4) == 1 && w[0] == 0xe000,
       "936: EUDC is valid with MB_ERR_INVALID_CHARS");
    check_wide(936, 0, "\xa2\xab", 2, L"\xe766", 1, "936: A2AB is U+E766");
    check_wide(949, 0, "\xc7\xd1", 2, L"\xd55c", 1, "949: Korean");
    check_wide(949, 0, "\xc9\xa1", 2, L"\xe000", 1, "949: EUDC C9A1 is U+E000");
    check_wide(950, 0, "\xa4\xa4", 2, L"\x4e2d", 1, "950: Chinese");
    check_wide(950, 0, "\xc6\xa1", 2, L"\xf6b1", 1, "950: C6A1 is EUDC (U+F6B1)");
    check_wide(950, 0, "\xfa\x40", 2, L"\xe000", 1, "950: FA40 is U+E000");
    check_bytes(932, 0, L"\x2170", 1, "\xfa\x40", 2, "932: U+2170 takes the IBM code, not NEC-selected EEEF");
    check_bytes(950, 0, L"\x2550", 1, "\xf9\xf9", 2, "950: U+2550 is F9F9");

    /* A lead byte without its trail byte. */
    SetLastError(0xdeadbeef);
    ok(!MultiByteToWideChar(932, MB_ERR_INVALID_CHARS, "a\x82", 2, w, 4) &&
           GetLastError() == ERROR_NO_UNICODE_TRANSLATION, "932: lone lead byte with MB_ERR_INVALID_CHARS");
    ok(MultiByteToWideChar(932, 0, "a\x82", 2, w, 4) == 2 && w[0] == 'a' && w[1] == 0x30fb,
       "932: lone lead byte becomes U+30FB (%#x)", w[1]);
    ok(MultiByteToWideChar(936, 0, "a\x82", 2, w, 4) == 2 && w[1] == '?', "936: lone lead byte becomes '?'");
    /* Unmappable to DBCS: the default character. */
    used = FALSE;
    ok(WideCharToMultiByte(932, 0, L"\x0100", 1, b, 4, NULL, &used) == 1 && b[0] == '?' && used,
       "932: U+0100 becomes '?' and says so");
    ok(WideCharToMultiByte(932, 0, L"\x3042", 1, b, 1, NULL, NULL) == 0 &&
           GetLastError() == ERROR_INSUFFICIENT_BUFFER, "932: a double-byte character does not fit in one byte");

    ok(GetCPInfo(932, &info) && info.LeadByte[0] == 0x81 && info.LeadByte[1] == 0x9f && info.LeadByte[2] == 0xe0 &&
           info.LeadByte[3] == 0xfc && info.LeadByte[4] == 0, "932 lead byte ranges");
    ok(GetCPInfoExW(932, 0, &ex) && ex.UnicodeDefaultChar == 0x30fb && ex.CodePage == 932 &&
           !wcscmp(ex.CodePageName, L"932   (ANSI/OEM - Japanese Shift-JIS)"), "GetCPInfoExW(932): %ls",
       ex.CodePageName);
}

static void test_utf8(void)
{
    WCHAR w[16];
    char b[16];
    BOOL used;
    check_wide(CP_UTF8, 0, "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 10, L"a\xe9\x20ac\xd83d\xde00", 5, "UTF-8 decode");
    /* One U+FFFD per maximal subpart. */
    check_wide(CP_UTF8, 0, "\xe1\x80" "A", 3, L"\xfffd" L"A", 2, "UTF-8 truncated sequence");
    check_wide(CP_UTF8, 0, "\xc0\xaf", 2, L"\xfffd\xfffd", 2, "UTF-8 overlong");
    ok(!MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "\xed\xa0\x80", 3, w, 16) &&
           GetLastError() == ERROR_NO_UNICODE_TRANSLATION, "UTF-8 encoded surrogate is invalid");
    ok(!MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "\xf4\x90\x80\x80", 4, w, 16) &&
           GetLastError() == ERROR_NO_UNICODE_TRANSLATION, "UTF-8 above U+10FFFF is invalid");
    SetLastError(0xdeadbeef);
    ok(!MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "a\xff", 2, w, 16) &&
           GetLastError() == ERROR_NO_UNICODE_TRANSLATION, "UTF-8 MB_ERR_INVALID_CHARS");
    SetLastError(0xdeadbeef);
    ok(!MultiByteToWideChar(CP_UTF8, MB_PRECOMPOSED, "a", 1, w, 16) && GetLastError() == ERROR_INVALID_FLAGS,
       "UTF-8 with MB_PRECOMPOSED: ERROR_INVALID_FLAGS (%lu)", GetLastError());
    check_bytes(CP_UTF8, 0, L"a\xe9\x20ac\xd83d\xde00", 5, "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 10, "UTF-8 encode");
    check_bytes(CP_UTF8, 0, L"\xd800" L"a", 2, "\xef\xbf\xbd" "a", 4, "UTF-8 lone surrogate");
    SetLastError(0xdeadbeef);
    ok(!WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, L"\xdc00", 1, b, 16, NULL, NULL) &&
           GetLastError() == ERROR_NO_UNICODE_TRANSLATION, "UTF-8 WC_ERR_INVALID_CHARS");
    SetLastError(0xdeadbeef);
    ok(!WideCharToMultiByte(CP_UTF8, 0, L"a", 1, b, 16, "?", NULL) && GetLastError() == ERROR_INVALID_PARAMETER,
       "UTF-8 with lpDefaultChar: ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    ok(!WideCharToMultiByte(CP_UTF8, 0, L"a", 1, b, 16, NULL, &used) && GetLastError() == ERROR_INVALID_PARAMETER,
       "UTF-8 with lpUsedDefaultChar: ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    ok(!WideCharToMultiByte(CP_UTF8, WC_NO_BEST_FIT_CHARS, L"a", 1, b, 16, NULL, NULL) &&
           GetLastError() == ERROR_INVALID_FLAGS, "UTF-8 with WC_NO_BEST_FIT_CHARS: ERROR_INVALID_FLAGS");
    /* -1: the terminator is converted and counted. */
    ok(MultiByteToWideChar(CP_UTF8, 0, "ab", -1, w, 16) == 3 && w[2] == 0, "UTF-8 -1 length");
    ok(WideCharToMultiByte(CP_UTF8, 0, L"ab", -1, b, 16, NULL, NULL) == 3 && b[2] == 0, "UTF-8 -1 length back");
    SetLastError(0xdeadbeef);
    ok(!MultiByteToWideChar(CP_UTF8, 0, "abc", 3, w, 2) && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
       "UTF-8 ERROR_INSUFFICIENT_BUFFER");
    SetLastError(0xdeadbeef);
    ok(!WideCharToMultiByte(CP_UTF8, 0, L"\x20ac", 1, b, 2, NULL, NULL) && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
       "UTF-8 a three-byte character does not fit in two");
}

static void test_utf7(void)
{
    check_bytes(CP_UTF7, 0, L"Hi Mom -\x263a-!", 11, "Hi Mom -+Jjo--+ACE-", 19, "UTF-7 encode");
    check_bytes(CP_UTF7, 0, L"1+1", 3, "1+-1", 4, "UTF-7 plus sign");
    check_wide(CP_UTF7, 0, "Hi Mom -+Jjo--+ACE-", 19, L"Hi Mom -\x263a-!", 11, "UTF-7 decode");
    check_wide(CP_UTF7, 0, "+ZeVnLIqe-", 10, L"\x65e5\x672c\x8a9e", 3, "UTF-7 decode three units");
    check_wide(CP_UTF7, 0, "1+-1", 4, L"1+1", 3, "UTF-7 decode plus sign");
    SetLastError(0xdeadbeef);
    ok(!MultiByteToWideChar(CP_UTF7, MB_ERR_INVALID_CHARS, "a", 1, NULL, 0) && GetLastError() == ERROR_INVALID_FLAGS,
       "UTF-7 takes no flags");
}

static void test_flags_and_errors(void)
{
    WCHAR w[8];
    char b[8];
    BOOL used;
    SetLastError(0xdeadbeef);
    ok(!MultiByteToWideChar(1252, 0, (const char *)w, 2, w, 8) && GetLastError() == ERROR_INVALID_PARAMETER,
       "source and destination the same");
    SetLastError(0xdeadbeef);
    ok(!MultiByteToWideChar(1252, 0, NULL, 1, w, 8) && GetLastError() == ERROR_INVALID_PARAMETER, "null source");
    SetLastError(0xdeadbeef);
    ok(!MultiByteToWideChar(1252, 0, "a", 0, w, 8) && GetLastError() == ERROR_INVALID_PARAMETER, "zero length");
    SetLastError(0xdeadbeef);
    ok(!MultiByteToWideChar(1252, 0, "a", 1, NULL, 8) && GetLastError() == ERROR_INVALID_PARAMETER,
       "null destination with a length");
    SetLastError(0xdeadbeef);
    ok(!MultiByteToWideChar(12345, 0, "a", 1, w, 8) && GetLastError() == ERROR_INVALID_PARAMETER,
       "unknown code page");
    SetLastError(0xdeadbeef);
    ok(!MultiByteToWideChar(1252, MB_PRECOMPOSED | MB_COMPOSITE, "a", 1, w, 8) &&
           GetLastError() == ERROR_INVALID_FLAGS, "MB_PRECOMPOSED with MB_COMPOSITE");
    SetLastError(0xdeadbeef);
    ok(!WideCharToMultiByte(1252, WC_ERR_INVALID_CHARS, L"a", 1, b, 8, NULL, NULL) &&
           GetLastError() == ERROR_INVALID_FLAGS, "WC_ERR_INVALID_CHARS is for UTF-8 only");
    /* MB_USEGLYPHCHARS: the OEM code pages' glyphs for the controls. */
    ok(MultiByteToWideChar(437, MB_USEGLYPHCHARS, "\x01\x7f" "A", 3, w, 8) == 3 && w[0] == 0x263a && w[1] == 0x2302 &&
           w[2] == 'A', "437 MB_USEGLYPHCHARS");
    ok(MultiByteToWideChar(437, 0, "\x01", 1, w, 8) == 1 && w[0] == 1, "437 without MB_USEGLYPHCHARS");
    /* Composition. */
    ok(MultiByteToWideChar(1252, MB_COMPOSITE, "\xe9", 1, w, 8) == 2 && w[0] == 'e' && w[1] == 0x301,
       "MB_COMPOSITE decomposes");
    ok(MultiByteToWideChar(1252, MB_COMPOSITE, "\xe9", 1, NULL, 0) == 2, "MB_COMPOSITE size query");
    ok(WideCharToMultiByte(1252, WC_COMPOSITECHECK, L"e\x301", 2, b, 8, NULL, NULL) == 1 && (unsigned char)b[0] == 0xe9,
       "WC_COMPOSITECHECK composes");
    ok(WideCharToMultiByte(1252, WC_COMPOSITECHECK | WC_DISCARDNS, L"q\x301", 2, b, 8, NULL, NULL) == 1 && b[0] == 'q',
       "WC_DISCARDNS drops a mark without a precomposed form");
    /* ... the mark taking its best fit, the acute accent (bestfit1252.txt). */
    ok(WideCharToMultiByte(1252, WC_COMPOSITECHECK | WC_SEPCHARS, L"q\x301", 2, b, 8, NULL, NULL) == 2 && b[0] == 'q' &&
           (unsigned char)b[1] == 0xb4, "WC_SEPCHARS converts them apart");
    ok(WideCharToMultiByte(1252, WC_COMPOSITECHECK | WC_DEFAULTCHAR, L"q\x301", 2, b, 8, NULL, NULL) == 1 &&
           b[0] == '?', "WC_DEFAULTCHAR makes one default character");
    /* Default characters. */
    used = FALSE;
    ok(WideCharToMultiByte(1252, 0, L"a\x4e00", 2, b, 8, "*", &used) == 2 && b[1] == '*' && used,
       "1252: lpDefaultChar and lpUsedDefaultChar");
    used = TRUE;
    ok(WideCharToMultiByte(1252, 0, L"a\xe9", 2, b, 8, NULL, &used) == 2 && (unsigned char)b[1] == 0xe9 && !used,
       "1252: lpUsedDefaultChar cleared");
    ok(WideCharToMultiByte(1252, WC_NO_BEST_FIT_CHARS, L"\x20ac", 1, b, 8, NULL, &used) == 1 &&
           (unsigned char)b[0] == 0x80 && !used, "1252 WC_NO_BEST_FIT_CHARS keeps exact mappings");
    ok(WideCharToMultiByte(1252, 0, L"\x4e00", 1, b, 8, NULL, NULL) == 1 && b[0] == '?', "1252 default is '?'");
}

/* Best fit: characters a code page lacks become the ones Microsoft's
 * WindowsBestFit tables give (bestfit1252.txt, bestfit932.txt), which do not
 * count as the default character; WC_NO_BEST_FIT_CHARS takes only what
 * converts back to the same character. */
static void test_best_fit(void)
{
    static const struct { UINT cp; WCHAR ch; const char *bytes; } fits[] = {
        {1252, 0x0100, "A"},  {1252, 0x0131, "i"},    {1252, 0x221e, "8"},    {1252, 0x2032, "'"},
        {1252, 0x2212, "-"},  {1252, 0x3000, " "},    {1252, 0xff21, "A"},    {1252, 0xff5e, "~"},
        {1252, 0x2264, "="},  {1252, 0x03bc, "\xb5"}, {1252, 0x2205, "\xd8"}, {1252, 0x0301, "\xb4"},
        {932, 0x00a5, "\\"}, {932, 0x00a2, "\x81\x91"}, {932, 0x00c0, "A"},
    };
    char b[8];
    BOOL used;
    int i, n;
    for (i = 0; i < (int)(sizeof(fits) / sizeof(fits[0])); i++) {
        int len = (int)strlen(fits[i].bytes);
        memset(b, 0, sizeof(b));
        used = TRUE;
        n = WideCharToMultiByte(fits[i].cp, 0, &fits[i].ch, 1, b, sizeof(b), NULL, &used);
        ok(n == len && !memcmp(b, fits[i].bytes, len) && !used, "%u: U+%04X best fit (n %d, %02x %02x, used %d)",
           fits[i].cp, fits[i].ch, n, (unsigned char)b[0], (unsigned char)b[1], used);
        used = FALSE;
        n = WideCharToMultiByte(fits[i].cp, WC_NO_BEST_FIT_CHARS, &fits[i].ch, 1, b, sizeof(b), "*", &used);
        ok(n == 1 && b[0] == '*' && used, "%u: U+%04X with WC_NO_BEST_FIT_CHARS (n %d, %02x, used %d)", fits[i].cp,
           fits[i].ch, n, (unsigned char)b[0], used);
        n = WideCharToMultiByte(fits[i].cp, WC_NO_BEST_FIT_CHARS, &fits[i].ch, 1, b, sizeof(b), NULL, NULL);
        ok(n == 1 && b[0] == '?', "%u: U+%04X with WC_NO_BEST_FIT_CHARS and the code page's default", fits[i].cp,
           fits[i].ch);
    }
    /* A string mixing exact, best-fit and unmapped characters. */
    used = FALSE;
    n = WideCharToMultiByte(1252, 0, L"\xe9\x0100\x4e00", 3, b, sizeof(b), NULL, &used);
    ok(n == 3 && !memcmp(b, "\xe9" "A?", 3) && used, "1252: exact, best fit, default (used %d)", used);
    used = TRUE;
    n = WideCharToMultiByte(1252, WC_NO_BEST_FIT_CHARS, L"\xe9\x20ac", 2, b, sizeof(b), NULL, &used);
    ok(n == 2 && !memcmp(b, "\xe9\x80", 2) && !used, "1252 WC_NO_BEST_FIT_CHARS: exact mappings only (used %d)", used);
    /* Size queries count the best-fit bytes. */
    ok(WideCharToMultiByte(932, 0, L"\x00a2\x00a5", 2, NULL, 0, NULL, NULL) == 3, "932: best fit size query");
}

/* 54936, GB18030: one byte for ASCII, two for GBK's characters, four for
 * the rest of Unicode (GB 18030's linear four-byte ranges). */
static void test_gb18030(void)
{
    static const struct { const WCHAR *text; int units; const char *bytes; int length; } cases[] = {
        {L"A", 1, "A", 1},
        {L"\x4e2d", 1, "\xd6\xd0", 2},              /* the hanzi zhong, as in GBK */
        {L"\x20ac", 1, "\xa2\xe3", 2},              /* the euro sign */
        {L"\x0080", 1, "\x81\x30\x81\x30", 4},      /* the first four-byte code */
        {L"\x00e9", 1, "\xa8\xa6", 2},              /* e-acute */
        {L"\xd800\xdc00", 2, "\x90\x30\x81\x30", 4}, /* U+10000 */
    };
    CPINFOEXW ex;
    WCHAR w[8];
    char b[8];
    BOOL used = TRUE;
    int i, n;
    if (!ok(IsValidCodePage(54936), "IsValidCodePage(54936)")) return;
    ok(GetCPInfoExW(54936, 0, &ex) && ex.MaxCharSize == 4 && ex.CodePage == 54936 && !ex.LeadByte[0],
       "GetCPInfoExW(54936): max %u", ex.MaxCharSize);
    for (i = 0; i < (int)(sizeof(cases) / sizeof(cases[0])); i++) {
        memset(b, 0, sizeof(b));
        n = WideCharToMultiByte(54936, 0, cases[i].text, cases[i].units, b, sizeof(b), NULL, NULL);
        ok(n == cases[i].length && !memcmp(b, cases[i].bytes, n), "54936: U+%04X to %d bytes (%d: %02x %02x)",
           cases[i].text[0], cases[i].length, n, (unsigned char)b[0], (unsigned char)b[1]);
        n = MultiByteToWideChar(54936, MB_ERR_INVALID_CHARS, cases[i].bytes, cases[i].length, w, 8);
        ok(n == cases[i].units && !memcmp(w, cases[i].text, n * sizeof(WCHAR)), "54936: %d bytes back (%d)",
           cases[i].length, n);
        ok(WideCharToMultiByte(54936, 0, cases[i].text, cases[i].units, NULL, 0, NULL, NULL) == cases[i].length,
           "54936: size query");
    }
    /* Every byte below 0x80 is ASCII; 0x80 and 0xFF are never valid alone. */
    for (i = 0, n = 1; i < 0x80; i++) {
        char c = (char)i;
        if (MultiByteToWideChar(54936, MB_ERR_INVALID_CHARS, &c, 1, w, 8) != 1 || w[0] != i) n = 0;
    }
    ok(n, "54936: bytes 00-7F are ASCII");
    SetLastError(0xdeadbeef);
    n = MultiByteToWideChar(54936, MB_ERR_INVALID_CHARS, "\xff", 1, w, 8);
    ok(!n && GetLastError() == ERROR_NO_UNICODE_TRANSLATION, "54936: FF alone is invalid");
    SetLastError(0xdeadbeef);
    n = MultiByteToWideChar(54936, MB_USEGLYPHCHARS, "A", 1, w, 8);
    ok(!n && GetLastError() == ERROR_INVALID_FLAGS, "54936: flags other than MB_ERR_INVALID_CHARS");
    SetLastError(0xdeadbeef);
    n = WideCharToMultiByte(54936, WC_ERR_INVALID_CHARS, L"\xd800", 1, b, 8, NULL, NULL);
    ok(!n && GetLastError() == ERROR_NO_UNICODE_TRANSLATION, "54936 WC_ERR_INVALID_CHARS: a lone surrogate");
    n = WideCharToMultiByte(54936, 0, L"a\xd800", 2, b, 8, NULL, &used);
    ok(n == 2 && b[0] == 'a' && b[1] == '?' && used, "54936: a lone surrogate becomes '?' (%d, used %d)", n, used);
    SetLastError(0xdeadbeef);
    n = WideCharToMultiByte(54936, 0, L"\x4e2d\x4e2d", 2, b, 3, NULL, NULL);
    ok(!n && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "54936: ERROR_INSUFFICIENT_BUFFER");
    ok(!IsDBCSLeadByteEx(54936, 0x81), "54936 reports no lead bytes");
}

static int enum_count, enum_saw_1252, enum_saw_65001, enum_saw_28605, enum_bad;
static BOOL WINAPI enum_code_page(LPWSTR text)
{
    UINT cp = (UINT)wcstoul(text, NULL, 10);
    enum_count++;
    if (cp == 1252) enum_saw_1252 = 1;
    if (cp == 65001) enum_saw_65001 = 1;
    if (cp == 28605) enum_saw_28605 = 1;
    if (!IsValidCodePage(cp)) enum_bad++;
    return TRUE;
}
static int enum_a_count;
static BOOL WINAPI enum_code_page_a(LPSTR text)
{
    enum_a_count += IsValidCodePage((UINT)strtoul(text, NULL, 10)) ? 1 : 1000;
    return enum_a_count < 3; /* stops early */
}

static void test_more_code_pages(void)
{
    static const UINT pages[] = {20127, 28591, 28592, 28593, 28594, 28595, 28596, 28597, 28598, 28599, 28603, 28605,
                                 10000, 37, 500, 1140};
    CPINFO info;
    CPINFOEXW ex;
    char b[8];
    WCHAR w[4];
    int i;
    for (i = 0; i < (int)(sizeof(pages) / sizeof(pages[0])); i++) {
        ok(IsValidCodePage(pages[i]), "IsValidCodePage(%u)", pages[i]);
        ok(GetCPInfo(pages[i], &info) && info.MaxCharSize == 1 && !info.LeadByte[0], "GetCPInfo(%u)", pages[i]);
        ok(GetCPInfoExW(pages[i], 0, &ex) && ex.CodePage == pages[i] && ex.UnicodeDefaultChar == '?' &&
               wcstoul(ex.CodePageName, NULL, 10) == pages[i], "GetCPInfoExW(%u): %ls", pages[i], ex.CodePageName);
    }
    /* EBCDIC's question mark is 0x6F. */
    ok(GetCPInfo(37, &info) && info.DefaultChar[0] == 0x6f, "GetCPInfo(37) default %#x", info.DefaultChar[0]);
    ok(WideCharToMultiByte(37, 0, L"A\x4e00", 2, b, 8, NULL, NULL) == 2 && (unsigned char)b[0] == 0xc1 &&
           (unsigned char)b[1] == 0x6f, "37: A and the default character");
    ok(MultiByteToWideChar(1140, 0, "\x9f", 1, w, 4) == 1 && w[0] == 0x20ac, "1140: the euro at 9F");
    ok(MultiByteToWideChar(500, 0, "\x4f", 1, w, 4) == 1 && w[0] == '!', "500: ! at 4F");
    ok(MultiByteToWideChar(CP_MACCP, 0, "\xa5", 1, w, 4) == 1 && w[0] == 0x2022, "CP_MACCP is 10000: bullet at A5");
    /* Enumeration. */
    SetLastError(0xdeadbeef);
    ok(!EnumSystemCodePagesW(enum_code_page, 0x100) && GetLastError() == ERROR_INVALID_FLAGS,
       "EnumSystemCodePagesW with unknown flags");
    ok(EnumSystemCodePagesW(enum_code_page, CP_INSTALLED), "EnumSystemCodePagesW(CP_INSTALLED)");
    ok(enum_count > 30 && enum_saw_1252 && enum_saw_65001 && enum_saw_28605 && !enum_bad,
       "EnumSystemCodePagesW saw %d code pages, all valid (%d bad)", enum_count, enum_bad);
    ok(EnumSystemCodePagesA(enum_code_page_a, CP_SUPPORTED) && enum_a_count == 3,
       "EnumSystemCodePagesA stops when the callback returns FALSE (%d)", enum_a_count);
}

static void test_queries(void)
{
    CPINFO info;
    CPINFOEXW ex;
    CPINFOEXA exa;
    UINT acp = GetACP(), oem = GetOEMCP();
    ok(IsValidCodePage(acp) && IsValidCodePage(oem), "GetACP %u and GetOEMCP %u are valid", acp, oem);
    ok(IsValidCodePage(1252) && IsValidCodePage(437) && IsValidCodePage(65001) && IsValidCodePage(65000) &&
           IsValidCodePage(932), "IsValidCodePage of known code pages");
    ok(!IsValidCodePage(0) && !IsValidCodePage(1) && !IsValidCodePage(12345), "IsValidCodePage of others");
    ok(GetCPInfo(1252, &info) && info.MaxCharSize == 1 && info.DefaultChar[0] == '?' && !info.LeadByte[0],
       "GetCPInfo(1252)");
    ok(GetCPInfo(CP_UTF8, &info) && info.MaxCharSize == 4, "GetCPInfo(CP_UTF8): %u", info.MaxCharSize);
    ok(GetCPInfo(CP_UTF7, &info) && info.MaxCharSize == 5, "GetCPInfo(CP_UTF7): %u", info.MaxCharSize);
    SetLastError(0xdeadbeef);
    ok(!GetCPInfo(12345, &info) && GetLastError() == ERROR_INVALID_PARAMETER, "GetCPInfo of an unknown code page");
    ok(GetCPInfoExW(1252, 0, &ex) && ex.CodePage == 1252 && ex.UnicodeDefaultChar == '?' &&
           !wcscmp(ex.CodePageName, L"1252  (ANSI - Latin I)"), "GetCPInfoExW(1252): %ls", ex.CodePageName);
    ok(GetCPInfoExW(CP_UTF8, 0, &ex) && ex.CodePage == CP_UTF8 && !wcscmp(ex.CodePageName, L"65001 (UTF-8)"),
       "GetCPInfoExW(CP_UTF8): %ls", ex.CodePageName);
    ok(GetCPInfoExW(CP_ACP, 0, &ex) && ex.CodePage == acp, "GetCPInfoExW(CP_ACP) is the ANSI code page");
    ok(GetCPInfoExA(437, 0, &exa) && !strcmp(exa.CodePageName, "437   (OEM - United States)"),
       "GetCPInfoExA(437): %s", exa.CodePageName);
    ok(!IsDBCSLeadByteEx(1252, 0x81), "1252 has no lead bytes");
}

/* ntdll's forms, which kernel32's sit beside. */
typedef LONG (WINAPI *rtl_convert)(void *dst, ULONG dst_bytes, ULONG *written, const void *src, ULONG src_bytes);
static void test_rtl(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    rtl_convert utf8_to_unicode = (rtl_convert)GetProcAddress(ntdll, "RtlUTF8ToUnicodeN");
    rtl_convert unicode_to_utf8 = (rtl_convert)GetProcAddress(ntdll, "RtlUnicodeToUTF8N");
    rtl_convert mb_to_unicode = (rtl_convert)GetProcAddress(ntdll, "RtlMultiByteToUnicodeN");
    rtl_convert unicode_to_mb = (rtl_convert)GetProcAddress(ntdll, "RtlUnicodeToMultiByteN");
    WCHAR w[8];
    char b[8];
    ULONG written = 0;
    if (!ok(utf8_to_unicode && unicode_to_utf8 && mb_to_unicode && unicode_to_mb, "ntdll exports them")) return;
    ok(utf8_to_unicode(w, sizeof(w), &written, "a\xc3\xa9", 3) == 0 && written == 4 && w[1] == 0xe9,
       "RtlUTF8ToUnicodeN (%lu bytes)", written);
    ok(utf8_to_unicode(NULL, 0, &written, "a\xc3\xa9", 3) == 0 && written == 4, "RtlUTF8ToUnicodeN size");
    ok(utf8_to_unicode(w, sizeof(w), &written, "a\xff", 2) == 0x107 /* STATUS_SOME_NOT_MAPPED */ && written == 4 &&
           w[1] == 0xfffd, "RtlUTF8ToUnicodeN replaces invalid input");
    ok(utf8_to_unicode(w, 2, &written, "ab", 2) == (LONG)0xc0000023 /* STATUS_BUFFER_TOO_SMALL */ && written == 2,
       "RtlUTF8ToUnicodeN STATUS_BUFFER_TOO_SMALL");
    ok(unicode_to_utf8(b, sizeof(b), &written, L"\x20ac", 2) == 0 && written == 3 && !memcmp(b, "\xe2\x82\xac", 3),
       "RtlUnicodeToUTF8N");
    ok(unicode_to_utf8(b, sizeof(b), &written, L"\xd800", 2) == 0x107 && written == 3, "RtlUnicodeToUTF8N surrogate");
    if (GetACP() == 1252) {
        ok(mb_to_unicode(w, sizeof(w), &written, "\x80" "a", 2) == 0 && written == 4 && w[0] == 0x20ac,
           "RtlMultiByteToUnicodeN in 1252");
        ok(unicode_to_mb(b, sizeof(b), &written, L"\x20ac", 2) == 0 && written == 1 && (unsigned char)b[0] == 0x80,
           "RtlUnicodeToMultiByteN in 1252");
        /* They convert what fits. */
        ok(mb_to_unicode(w, 2, &written, "abc", 3) == 0 && written == 2, "RtlMultiByteToUnicodeN truncates");
    }
}

int main(void)
{
    test_rtl();
    test_single_byte();
    test_double_byte();
    test_dbcs_details();
    test_utf8();
    test_utf7();
    test_flags_and_errors();
    test_queries();
    test_best_fit();
    test_more_code_pages();
    test_gb18030();
    return vt_summary();
}
