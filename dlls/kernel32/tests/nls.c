/* Collation, string mapping, character types, locale information,
 * normalization and IDN (dlls/kernel32: collation.cpp, string_map.cpp,
 * locale.cpp, normalize.cpp). Expectations are Windows' for en-US.
 * Wine 8 agrees with all but de-DE's LOCALE_SSHORTDATE, where its locale
 * data (from CLDR) has "d.M.yyyy" for Windows' "dd.MM.yyyy", and
 * GetNumberFormatEx with the locale's grouping ("3;0": threes all the way,
 * 1,234,567.89), where Wine groups only the last three digits, and
 * FindNLSStringEx, where Wine neither clears the last error when nothing is
 * found nor refuses two find flags, both of which the documentation says. */
#include <windows.h>
#include <stdlib.h>
#include <string.h>

#include "vinetest.h"

#define EN L"en-US"

static int cmp(DWORD flags, const WCHAR *a, const WCHAR *b)
{
    return CompareStringEx(EN, flags, a, -1, b, -1, NULL, NULL, 0);
}

static void test_compare(void)
{
    ok(cmp(0, L"apple", L"banana") == CSTR_LESS_THAN, "apple < banana");
    ok(cmp(0, L"a", L"A") == CSTR_LESS_THAN, "lower case sorts before upper case");
    ok(cmp(0, L"A", L"b") == CSTR_LESS_THAN, "case is a tertiary difference: A < b");
    ok(cmp(NORM_IGNORECASE, L"Hello", L"hELLO") == CSTR_EQUAL, "NORM_IGNORECASE");
    ok(cmp(LINGUISTIC_IGNORECASE, L"Hello", L"hELLO") == CSTR_EQUAL, "LINGUISTIC_IGNORECASE");
    ok(cmp(0, L"resume", L"r\xe9sum\xe9") == CSTR_LESS_THAN, "accents count");
    ok(cmp(NORM_IGNORENONSPACE, L"resume", L"r\xe9sum\xe9") == CSTR_EQUAL, "NORM_IGNORENONSPACE");
    ok(cmp(NORM_IGNORENONSPACE, L"resume", L"R\xe9sum\xe9") != CSTR_EQUAL, "NORM_IGNORENONSPACE keeps case");
    ok(cmp(NORM_IGNORENONSPACE | NORM_IGNORECASE, L"resume", L"R\xc9SUM\xc9") == CSTR_EQUAL, "both");
    ok(cmp(NORM_IGNORESYMBOLS, L"a-b.c", L"abc") == CSTR_EQUAL, "NORM_IGNORESYMBOLS");
    ok(cmp(0, L"co-op", L"coop") == CSTR_GREATER_THAN, "word sort: co-op after coop");
    ok(cmp(0, L"co-op", L"coop2") == CSTR_LESS_THAN, "word sort: the hyphen is set aside");
    ok(cmp(SORT_STRINGSORT, L"co-op", L"coop") == CSTR_LESS_THAN, "SORT_STRINGSORT: the hyphen is a symbol");
    ok(cmp(0, L"file10", L"file9") == CSTR_LESS_THAN, "digits compare as characters");
    ok(cmp(SORT_DIGITSASNUMBERS, L"file10", L"file9") == CSTR_GREATER_THAN, "SORT_DIGITSASNUMBERS");
    ok(cmp(0, L"abc", L"abc") == CSTR_EQUAL, "equal strings");
    ok(cmp(0, L"ab", L"abc") == CSTR_LESS_THAN, "prefix first");
    ok(CompareStringEx(EN, 0, L"abcX", 3, L"abcY", 3, NULL, NULL, 0) == CSTR_EQUAL, "explicit lengths");
    ok(CompareStringW(LOCALE_USER_DEFAULT, NORM_IGNORECASE, L"TEST", -1, L"test", -1) == CSTR_EQUAL, "CompareStringW");
    ok(CompareStringA(LOCALE_USER_DEFAULT, 0, "abc", -1, "abd", -1) == CSTR_LESS_THAN, "CompareStringA");
    SetLastError(0xdeadbeef);
    ok(!CompareStringEx(EN, 0x80000000, L"a", -1, L"b", -1, NULL, NULL, 0) && GetLastError() == ERROR_INVALID_FLAGS,
       "invalid flags");
    SetLastError(0xdeadbeef);
    ok(!CompareStringEx(EN, 0, NULL, -1, L"b", -1, NULL, NULL, 0) && GetLastError() == ERROR_INVALID_PARAMETER,
       "null string");
    SetLastError(0xdeadbeef);
    ok(!CompareStringEx(L"xx-invalid", 0, L"a", -1, L"b", -1, NULL, NULL, 0) &&
           GetLastError() == ERROR_INVALID_PARAMETER, "unknown locale");

    ok(CompareStringOrdinal(L"abc", -1, L"ABC", -1, FALSE) == CSTR_GREATER_THAN, "ordinal: 'a' > 'A'");
    ok(CompareStringOrdinal(L"abc", -1, L"ABC", -1, TRUE) == CSTR_EQUAL, "ordinal ignoring case");
    ok(CompareStringOrdinal(L"\xe9", -1, L"\xc9", -1, TRUE) == CSTR_EQUAL, "ordinal ignoring case: e acute");
    ok(CompareStringOrdinal(L"a", 1, L"ab", 2, FALSE) == CSTR_LESS_THAN, "ordinal prefix");
    ok(CompareStringOrdinal(L"B", -1, L"a", -1, FALSE) == CSTR_LESS_THAN, "ordinal is code unit order");
}

static void test_map(void)
{
    WCHAR buf[64];
    BYTE key1[64], key2[64];
    int n, n1, n2;
    n = LCMapStringEx(EN, LCMAP_UPPERCASE, L"hello \xe9\x3b1", -1, buf, 64, NULL, NULL, 0);
    ok(n == 9 && !wcscmp(buf, L"HELLO \xc9\x391"), "LCMAP_UPPERCASE (%d)", n);
    n = LCMapStringEx(EN, LCMAP_LOWERCASE, L"HELLO \xc9", -1, buf, 64, NULL, NULL, 0);
    ok(n == 8 && !wcscmp(buf, L"hello \xe9"), "LCMAP_LOWERCASE");
    n = LCMapStringEx(EN, LCMAP_UPPERCASE, L"stra\xdf" L"e", -1, buf, 64, NULL, NULL, 0);
    ok(n == 7 && !wcscmp(buf, L"STRA\xdf" L"E"), "LCMAP_UPPERCASE keeps the length (sharp s)");
    n = LCMapStringEx(EN, LCMAP_FULLWIDTH, L"A1 ", 3, buf, 64, NULL, NULL, 0);
    ok(n == 3 && buf[0] == 0xff21 && buf[1] == 0xff11 && buf[2] == 0x3000, "LCMAP_FULLWIDTH");
    n = LCMapStringEx(EN, LCMAP_KATAKANA, L"\x3042", 1, buf, 64, NULL, NULL, 0);
    ok(n == 1 && buf[0] == 0x30a2, "LCMAP_KATAKANA");
    SetLastError(0xdeadbeef);
    ok(!LCMapStringEx(EN, LCMAP_UPPERCASE, L"hello", -1, buf, 3, NULL, NULL, 0) &&
           GetLastError() == ERROR_INSUFFICIENT_BUFFER, "LCMapString ERROR_INSUFFICIENT_BUFFER");
    SetLastError(0xdeadbeef);
    ok(!LCMapStringEx(EN, LCMAP_HIRAGANA | LCMAP_KATAKANA, L"a", -1, buf, 64, NULL, NULL, 0) &&
           GetLastError() == ERROR_INVALID_FLAGS, "LCMAP_HIRAGANA with LCMAP_KATAKANA");
    n = LCMapStringW(LOCALE_USER_DEFAULT, LCMAP_UPPERCASE, L"abc", -1, NULL, 0);
    ok(n == 4, "LCMapStringW size query");
    /* Sort keys order as CompareString does. */
    n1 = LCMapStringEx(EN, LCMAP_SORTKEY, L"apple", -1, (WCHAR *)key1, sizeof(key1), NULL, NULL, 0);
    n2 = LCMapStringEx(EN, LCMAP_SORTKEY, L"Apple", -1, (WCHAR *)key2, sizeof(key2), NULL, NULL, 0);
    ok(n1 > 0 && n2 > 0 && key1[n1 - 1] == 0 && strcmp((char *)key1, (char *)key2) < 0, "sort keys: apple < Apple");
    n2 = LCMapStringEx(EN, LCMAP_SORTKEY | NORM_IGNORECASE, L"APPLE", -1, (WCHAR *)key2, sizeof(key2), NULL, NULL, 0);
    n1 = LCMapStringEx(EN, LCMAP_SORTKEY | NORM_IGNORECASE, L"apple", -1, (WCHAR *)key1, sizeof(key1), NULL, NULL, 0);
    ok(n1 == n2 && !memcmp(key1, key2, n1), "sort keys ignoring case are equal");
    n1 = LCMapStringEx(EN, LCMAP_SORTKEY, L"coop", -1, (WCHAR *)key1, sizeof(key1), NULL, NULL, 0);
    n2 = LCMapStringEx(EN, LCMAP_SORTKEY, L"co-op", -1, (WCHAR *)key2, sizeof(key2), NULL, NULL, 0);
    ok(n1 && n2 && strcmp((char *)key1, (char *)key2) < 0, "sort keys: coop < co-op");

    n = FoldStringW(MAP_FOLDDIGITS, L"\x0661\x0662" L"3", -1, buf, 64);
    ok(n == 4 && !wcscmp(buf, L"123"), "MAP_FOLDDIGITS");
    n = FoldStringW(MAP_PRECOMPOSED, L"e\x301", -1, buf, 64);
    ok(n == 2 && buf[0] == 0xe9, "MAP_PRECOMPOSED");
    n = FoldStringW(MAP_COMPOSITE, L"\xe9", -1, buf, 64);
    ok(n == 3 && buf[0] == 'e' && buf[1] == 0x301, "MAP_COMPOSITE");
    n = FoldStringW(MAP_FOLDCZONE, L"\xff21", -1, buf, 64);
    ok(n == 2 && buf[0] == 'A', "MAP_FOLDCZONE");
    n = FoldStringW(MAP_EXPAND_LIGATURES, L"\xfb01", -1, buf, 64);
    ok(n == 3 && !wcscmp(buf, L"fi"), "MAP_EXPAND_LIGATURES");
    SetLastError(0xdeadbeef);
    ok(!FoldStringW(MAP_PRECOMPOSED | MAP_COMPOSITE, L"a", -1, buf, 64) && GetLastError() == ERROR_INVALID_FLAGS,
       "MAP_PRECOMPOSED with MAP_COMPOSITE");
}

static void test_string_type(void)
{
    WORD types[8];
    ok(GetStringTypeW(CT_CTYPE1, L"A a0 !\t\n", 8, types), "GetStringTypeW");
    ok(types[0] == (C1_UPPER | C1_XDIGIT | C1_ALPHA | C1_DEFINED), "'A': %#x", types[0]);
    ok(types[1] == (C1_SPACE | C1_BLANK | C1_DEFINED), "' ': %#x", types[1]);
    ok(types[2] == (C1_LOWER | C1_XDIGIT | C1_ALPHA | C1_DEFINED), "'a': %#x", types[2]);
    ok(types[3] == (C1_DIGIT | C1_XDIGIT | C1_DEFINED), "'0': %#x", types[3]);
    ok(types[5] == (C1_PUNCT | C1_DEFINED), "'!': %#x", types[5]);
    ok(types[6] == (C1_CNTRL | C1_SPACE | C1_BLANK | C1_DEFINED), "tab: %#x", types[6]);
    ok(types[7] == (C1_CNTRL | C1_SPACE | C1_DEFINED), "newline: %#x", types[7]);
    ok(GetStringTypeW(CT_CTYPE2, L"a1\x5d0 ", 4, types), "CT_CTYPE2");
    ok(types[0] == C2_LEFTTORIGHT && types[1] == C2_EUROPENUMBER && types[2] == C2_RIGHTTOLEFT &&
           types[3] == C2_WHITESPACE, "bidi classes %d %d %d %d", types[0], types[1], types[2], types[3]);
    ok(GetStringTypeW(CT_CTYPE3, L"\x301\x30a2\x3042\x4e00", 4, types), "CT_CTYPE3");
    ok(types[0] & C3_NONSPACING, "combining acute is nonspacing");
    ok((types[1] & C3_KATAKANA) && (types[2] & C3_HIRAGANA) && (types[3] & C3_IDEOGRAPH), "kana and ideographs");
    {
        /* GetStringTypeExW takes a locale and ignores it: the types are
           Unicode's, the same for every locale. */
        static const WCHAR text[] = L"A a0 !\t\n\xe9\x5d0\x301\x30a2";
        static const DWORD kinds[] = {CT_CTYPE1, CT_CTYPE2, CT_CTYPE3};
        static const LCID lcids[] = {0x409, 0x407, 0x411, LOCALE_USER_DEFAULT};
        WORD plain[16], ex[16];
        int k, l, same = 1;
        for (k = 0; k < 3; k++) {
            ok(GetStringTypeW(kinds[k], text, -1, plain), "GetStringTypeW(%lu)", kinds[k]);
            for (l = 0; l < 4; l++) {
                memset(ex, 0xcc, sizeof(ex));
                if (!GetStringTypeExW(lcids[l], kinds[k], text, -1, ex) ||
                    memcmp(plain, ex, sizeof(WORD) * (wcslen(text) + 1)))
                    same = 0;
            }
        }
        ok(same, "GetStringTypeExW gives GetStringTypeW's types in every locale");
        SetLastError(0xdeadbeef);
        ok(!GetStringTypeExW(0x409, CT_CTYPE1, NULL, 1, ex) && GetLastError() == ERROR_INVALID_PARAMETER,
           "GetStringTypeExW(NULL) fails with ERROR_INVALID_PARAMETER");
    }
}

static void check_info(const WCHAR *locale, LCTYPE type, const WCHAR *expected)
{
    WCHAR buf[128];
    int n = GetLocaleInfoEx(locale, type, buf, 128);
    ok(n == (int)wcslen(expected) + 1 && !wcscmp(buf, expected), "%ls %#lx: \"%ls\" (expected \"%ls\")", locale,
       type, n ? buf : L"(failed)", expected);
}

static void test_locale_info(void)
{
    WCHAR buf[128];
    DWORD number;
    int n;
    check_info(EN, LOCALE_SNAME, L"en-US");
    check_info(EN, LOCALE_SISO639LANGNAME, L"en");
    check_info(EN, LOCALE_SISO3166CTRYNAME, L"US");
    check_info(EN, LOCALE_IDEFAULTANSICODEPAGE, L"1252");
    check_info(EN, LOCALE_IDEFAULTCODEPAGE, L"437");
    check_info(EN, LOCALE_SDECIMAL, L".");
    check_info(EN, LOCALE_STHOUSAND, L",");
    check_info(EN, LOCALE_SSHORTDATE, L"M/d/yyyy");
    check_info(EN, LOCALE_SLONGDATE, L"dddd, MMMM d, yyyy");
    check_info(EN, LOCALE_STIMEFORMAT, L"h:mm:ss tt");
    check_info(EN, LOCALE_SCURRENCY, L"$");
    check_info(EN, LOCALE_SINTLSYMBOL, L"USD");
    check_info(EN, LOCALE_SDAYNAME1, L"Monday");
    check_info(EN, LOCALE_SMONTHNAME12, L"December");
    check_info(EN, LOCALE_SABBREVMONTHNAME1, L"Jan");
    check_info(EN, LOCALE_ILANGUAGE, L"0409");
    check_info(EN, LOCALE_SENGLISHLANGUAGENAME, L"English");
    check_info(EN, LOCALE_SENGLISHCOUNTRYNAME, L"United States");
    check_info(EN, LOCALE_IFIRSTDAYOFWEEK, L"6");
    check_info(EN, LOCALE_IMEASURE, L"1");
    check_info(L"de-DE", LOCALE_SDECIMAL, L",");
    check_info(L"de-DE", LOCALE_STHOUSAND, L".");
    check_info(L"de-DE", LOCALE_SSHORTDATE, L"dd.MM.yyyy");
    check_info(L"de-DE", LOCALE_IDEFAULTANSICODEPAGE, L"1252");
    check_info(L"de-DE", LOCALE_IDEFAULTCODEPAGE, L"850");
    check_info(L"ja-JP", LOCALE_IDEFAULTANSICODEPAGE, L"932");
    check_info(L"ru-RU", LOCALE_IDEFAULTANSICODEPAGE, L"1251");
    check_info(L"ru-RU", LOCALE_IDEFAULTCODEPAGE, L"866");
    check_info(LOCALE_NAME_INVARIANT, LOCALE_SSHORTDATE, L"MM/dd/yyyy");
    check_info(LOCALE_NAME_INVARIANT, LOCALE_SINTLSYMBOL, L"XDR");

    n = GetLocaleInfoEx(EN, LOCALE_IDEFAULTANSICODEPAGE | LOCALE_RETURN_NUMBER, (WCHAR *)&number, 2);
    ok(n == 2 && number == 1252, "LOCALE_RETURN_NUMBER: %d %lu", n, number);
    n = GetLocaleInfoW(0x409, LOCALE_SNAME, buf, 128);
    ok(n == 6 && !wcscmp(buf, L"en-US"), "GetLocaleInfoW(0x409)");
    ok(GetLocaleInfoEx(EN, LOCALE_SNAME, NULL, 0) == 6, "size query");
    SetLastError(0xdeadbeef);
    ok(!GetLocaleInfoEx(EN, LOCALE_SNAME, buf, 3) && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
       "ERROR_INSUFFICIENT_BUFFER");
    SetLastError(0xdeadbeef);
    ok(!GetLocaleInfoEx(EN, 0xffff, buf, 128) && GetLastError() == ERROR_INVALID_FLAGS, "unknown LCTYPE");
    {
        char a[16];
        ok(GetLocaleInfoA(0x409, LOCALE_SSHORTDATE, a, 16) == 9 && !strcmp(a, "M/d/yyyy"), "GetLocaleInfoA");
    }
}

static BOOL CALLBACK count_locale(LPWSTR name, DWORD flags, LPARAM param)
{
    if (!wcscmp(name, L"en-US")) ++*(int *)param;
    return TRUE;
}

static void test_locale_names(void)
{
    WCHAR buf[LOCALE_NAME_MAX_LENGTH];
    int found = 0, n;
    LCID lcid;
    ok(LocaleNameToLCID(L"en-US", 0) == 0x409, "LocaleNameToLCID(en-US)");
    ok(LocaleNameToLCID(L"de-DE", 0) == 0x407, "LocaleNameToLCID(de-DE)");
    ok(LocaleNameToLCID(L"", 0) == LOCALE_INVARIANT, "LocaleNameToLCID(invariant)");
    n = LCIDToLocaleName(0x411, buf, LOCALE_NAME_MAX_LENGTH, 0);
    ok(n == 6 && !wcscmp(buf, L"ja-JP"), "LCIDToLocaleName(0x411)");
    ok(IsValidLocaleName(L"en-US") && IsValidLocaleName(L"EN-us") && !IsValidLocaleName(L"xx-YY"), "IsValidLocaleName");
    ok(IsValidLocale(0x409, LCID_SUPPORTED), "IsValidLocale(0x409)");
    n = ResolveLocaleName(L"en", buf, LOCALE_NAME_MAX_LENGTH);
    ok(n == 6 && !wcscmp(buf, L"en-US"), "ResolveLocaleName(en): %ls", n ? buf : L"(failed)");
    n = ResolveLocaleName(L"de", buf, LOCALE_NAME_MAX_LENGTH);
    ok(n == 6 && !wcscmp(buf, L"de-DE"), "ResolveLocaleName(de): %ls", n ? buf : L"(failed)");
    ok(EnumSystemLocalesEx(count_locale, 0, (LPARAM)&found, NULL) && found == 1, "EnumSystemLocalesEx lists en-US");
    /* The user's locale follows the host's; the test runs with LANG=en_US.UTF-8. */
    n = GetUserDefaultLocaleName(buf, LOCALE_NAME_MAX_LENGTH);
    ok(n == 6 && !wcscmp(buf, L"en-US"), "GetUserDefaultLocaleName: %ls", n ? buf : L"(failed)");
    lcid = GetUserDefaultLCID();
    ok(lcid == 0x409 && GetUserDefaultLangID() == 0x409 && GetUserDefaultUILanguage() == 0x409, "default LCID %#lx",
       lcid);
    n = GetSystemDefaultLocaleName(buf, LOCALE_NAME_MAX_LENGTH);
    ok(n == 6 && !wcscmp(buf, L"en-US"), "GetSystemDefaultLocaleName");
}

/* kernel32 exports these on Windows 7 and later; the SDK's import library
   for them is normaliz.lib, so they are looked up instead. */
static int (WINAPI *pNormalizeString)(NORM_FORM, LPCWSTR, int, LPWSTR, int);
static BOOL (WINAPI *pIsNormalizedString)(NORM_FORM, LPCWSTR, int);
static int (WINAPI *pIdnToAscii)(DWORD, LPCWSTR, int, LPWSTR, int);
static int (WINAPI *pIdnToUnicode)(DWORD, LPCWSTR, int, LPWSTR, int);
#define NormalizeString pNormalizeString
#define IsNormalizedString pIsNormalizedString
#define IdnToAscii pIdnToAscii
#define IdnToUnicode pIdnToUnicode

static void test_normalize(void)
{
    WCHAR buf[64];
    int n;
    HMODULE kernel32 = GetModuleHandleA("kernel32.dll");
    pNormalizeString = (void *)GetProcAddress(kernel32, "NormalizeString");
    pIsNormalizedString = (void *)GetProcAddress(kernel32, "IsNormalizedString");
    pIdnToAscii = (void *)GetProcAddress(kernel32, "IdnToAscii");
    pIdnToUnicode = (void *)GetProcAddress(kernel32, "IdnToUnicode");
    if (!ok(pNormalizeString && pIsNormalizedString && pIdnToAscii && pIdnToUnicode, "kernel32 exports them")) return;
    n = NormalizeString(NormalizationC, L"e\x301", 2, buf, 64);
    ok(n == 1 && buf[0] == 0xe9, "NFC");
    n = NormalizeString(NormalizationD, L"\xe9", 1, buf, 64);
    ok(n == 2 && buf[0] == 'e' && buf[1] == 0x301, "NFD");
    n = NormalizeString(NormalizationKC, L"\xfb01", 1, buf, 64);
    ok(n == 2 && buf[0] == 'f' && buf[1] == 'i', "NFKC");
    ok(IsNormalizedString(NormalizationC, L"\xe9", 1), "IsNormalizedString NFC");
    ok(!IsNormalizedString(NormalizationC, L"e\x301", 2), "not NFC");
    SetLastError(0xdeadbeef);
    ok(NormalizeString(NormalizationC, L"\xd800", 1, buf, 64) <= 0 && GetLastError() == ERROR_NO_UNICODE_TRANSLATION,
       "unpaired surrogate");

    n = IdnToAscii(0, L"b\xfc" L"cher.example", -1, buf, 64);
    ok(n > 0 && !wcscmp(buf, L"xn--bcher-kva.example"), "IdnToAscii: %ls", n > 0 ? buf : L"(failed)");
    n = IdnToUnicode(0, L"xn--bcher-kva.example", -1, buf, 64);
    ok(n > 0 && !wcscmp(buf, L"b\xfc" L"cher.example"), "IdnToUnicode");
    n = IdnToAscii(0, L"example.com", -1, buf, 64);
    ok(n == 12 && !wcscmp(buf, L"example.com"), "IdnToAscii of ASCII");
}

static void check_number(const WCHAR *locale, const WCHAR *value, const WCHAR *expected)
{
    WCHAR buf[64];
    int n = GetNumberFormatEx(locale, 0, value, NULL, buf, 64);
    ok(n == (int)wcslen(expected) + 1 && !wcscmp(buf, expected), "%ls number %ls: \"%ls\" (expected \"%ls\")",
       locale, value, n ? buf : L"(failed)", expected);
}

static void test_formats(void)
{
    WCHAR buf[64];
    SYSTEMTIME t = { 2026, 12, 0, 2, 15, 4, 5, 0 }; /* Wednesday, December 2, 2026, 15:04:05 */
    NUMBERFMTW nf = { 3, 0, 32, (WCHAR *)L",", (WCHAR *)L" ", 0 };
    CURRENCYFMTW cf = { 2, 1, 3, (WCHAR *)L".", (WCHAR *)L",", 1, 0, (WCHAR *)L"$" };
    int n;
    check_number(EN, L"1234567.891", L"1,234,567.89");
    check_number(EN, L"-1234.5", L"-1,234.50");
    check_number(EN, L"0.999", L"1.00");
    check_number(EN, L".5", L"0.50");
    check_number(EN, L"12", L"12.00");
    check_number(L"de-DE", L"1234567.891", L"1.234.567,89");
    n = GetNumberFormatEx(EN, 0, L"-123456789.5", &nf, buf, 64);
    ok(n && !wcscmp(buf, L"(12 34 56 789,500)"), "NUMBERFMT grouping 32, order 0: %ls", n ? buf : L"(failed)");
    n = GetNumberFormatEx(EN, 0, L"0.25", &nf, buf, 64);
    ok(n && !wcscmp(buf, L",250"), "NUMBERFMT without a leading zero: %ls", n ? buf : L"(failed)");
    SetLastError(0xdeadbeef);
    ok(!GetNumberFormatEx(EN, 0, L"12a", NULL, buf, 64) && GetLastError() == ERROR_INVALID_PARAMETER, "not a number");
    n = GetCurrencyFormatEx(EN, 0, L"1234.5", NULL, buf, 64);
    ok(n && !wcscmp(buf, L"$1,234.50"), "en-US currency: %ls", n ? buf : L"(failed)");
    n = GetCurrencyFormatEx(EN, 0, L"-1234.5", &cf, buf, 64);
    ok(n && !wcscmp(buf, L"-$1,234.50"), "currency negative order 1: %ls", n ? buf : L"(failed)");
    n = GetCurrencyFormatEx(L"de-DE", 0, L"1234.5", NULL, buf, 64);
    ok(n && !wcscmp(buf, L"1.234,50 \x20ac"), "de-DE currency: %ls", n ? buf : L"(failed)");

    n = GetDateFormatEx(EN, DATE_SHORTDATE, &t, NULL, buf, 64, NULL);
    ok(n && !wcscmp(buf, L"12/2/2026"), "short date: %ls", n ? buf : L"(failed)");
    n = GetDateFormatEx(EN, DATE_LONGDATE, &t, NULL, buf, 64, NULL);
    ok(n && !wcscmp(buf, L"Wednesday, December 2, 2026"), "long date: %ls", n ? buf : L"(failed)");
    n = GetDateFormatEx(EN, 0, &t, L"ddd dd MMM yy 'quoted''s'", buf, 64, NULL);
    ok(n && !wcscmp(buf, L"Wed 02 Dec 26 quoted's"), "picture: %ls", n ? buf : L"(failed)");
    n = GetDateFormatEx(L"de-DE", DATE_LONGDATE, &t, NULL, buf, 64, NULL);
    ok(n && !wcscmp(buf, L"Mittwoch, 2. Dezember 2026"), "de-DE long date: %ls", n ? buf : L"(failed)");
    t.wMonth = 13;
    SetLastError(0xdeadbeef);
    ok(!GetDateFormatEx(EN, 0, &t, NULL, buf, 64, NULL) && GetLastError() == ERROR_INVALID_PARAMETER, "month 13");
    t.wMonth = 12;
    SetLastError(0xdeadbeef);
    ok(!GetDateFormatEx(EN, DATE_SHORTDATE, &t, L"d", buf, 64, NULL) && GetLastError() == ERROR_INVALID_FLAGS,
       "a picture with DATE_SHORTDATE");

    n = GetTimeFormatEx(EN, 0, &t, NULL, buf, 64);
    ok(n && !wcscmp(buf, L"3:04:05 PM"), "time: %ls", n ? buf : L"(failed)");
    n = GetTimeFormatEx(EN, TIME_NOSECONDS, &t, NULL, buf, 64);
    ok(n && !wcscmp(buf, L"3:04 PM"), "TIME_NOSECONDS: %ls", n ? buf : L"(failed)");
    n = GetTimeFormatEx(EN, TIME_FORCE24HOURFORMAT | TIME_NOTIMEMARKER, &t, NULL, buf, 64);
    ok(n && !wcscmp(buf, L"15:04:05"), "24 hours without marker: %ls", n ? buf : L"(failed)");
    n = GetTimeFormatEx(EN, 0, &t, L"HH'h'mm", buf, 64);
    ok(n && !wcscmp(buf, L"15h04"), "time picture: %ls", n ? buf : L"(failed)");
    n = GetTimeFormatEx(L"de-DE", 0, &t, NULL, buf, 64);
    ok(n && !wcscmp(buf, L"15:04:05"), "de-DE time: %ls", n ? buf : L"(failed)");
    ok(GetTimeFormatEx(EN, 0, &t, NULL, NULL, 0) == 11, "time size query");
}

/* LCMAP_SORTKEY: for each flag set, strcmp of two strings' keys orders
 * them as CompareStringEx does (the documentation's contract: "the sort key
 * ... can be compared with memcmp"), checked on every pair of a list and by
 * sorting the list both ways. */
static const WCHAR *sort_words[] = {
    L"apple", L"Apple", L"APPLE", L"\xe1pple", L"\xc1pple", L"applesauce", L"apple pie", L"apple-pie", L"applepie",
    L"co-op", L"coop", L"co-op-", L"Co-op", L"co'op", L"cote", L"c\xf4te", L"cot\xe9", L"c\xf4t\xe9", L"file10",
    L"file9", L"file1", L"file01", L"a b", L"ab", L"a-b", L"a_b", L"a.b", L"\xff41\xff42", L"\x30a2", L"\x3042",
    L"", L"-", L"'", L"zebra", L"Zebra", L"\x00e6", L"ae", L"stra\xdf" L"e", L"strasse", L"\x4e00", L"1", L"10", L"2",
};
#define SORT_WORD_COUNT ((int)(sizeof(sort_words) / sizeof(sort_words[0])))
static BYTE sort_keys[SORT_WORD_COUNT][256];
static DWORD sort_flags;

/* failed: the call's result said so; then the last error it left. */
static void expect_error(int failed, DWORD error, const char *what)
{
    DWORD got = GetLastError();
    ok(failed && got == error, "%s: failed %d, error %lu (expected %lu)", what, failed, got, error);
}

static int sign(int v) { return v < 0 ? -1 : v > 0 ? 1 : 0; }
static int by_compare(const void *a, const void *b)
{
    int r = CompareStringEx(EN, sort_flags, sort_words[*(const int *)a], -1, sort_words[*(const int *)b], -1, NULL,
                            NULL, 0);
    return r - CSTR_EQUAL;
}
static int by_key(const void *a, const void *b)
{
    return strcmp((const char *)sort_keys[*(const int *)a], (const char *)sort_keys[*(const int *)b]);
}

static void test_sort_keys(void)
{
    static const DWORD flag_sets[] = {0, NORM_IGNORECASE, NORM_IGNORENONSPACE, NORM_IGNORECASE | NORM_IGNORENONSPACE,
                                      SORT_STRINGSORT, SORT_STRINGSORT | NORM_IGNORECASE, NORM_IGNORESYMBOLS,
                                      SORT_DIGITSASNUMBERS, NORM_IGNOREWIDTH | NORM_IGNOREKANATYPE,
                                      LINGUISTIC_IGNORECASE, LINGUISTIC_IGNOREDIACRITIC};
    int f, i, j;
    for (f = 0; f < (int)(sizeof(flag_sets) / sizeof(flag_sets[0])); f++) {
        int order_compare[SORT_WORD_COUNT], order_key[SORT_WORD_COUNT], bad_i = -1, bad_j = -1, failed = 0;
        sort_flags = flag_sets[f];
        for (i = 0; i < SORT_WORD_COUNT; i++) {
            int n = LCMapStringEx(EN, LCMAP_SORTKEY | sort_flags, sort_words[i], -1, (WCHAR *)sort_keys[i],
                                  sizeof(sort_keys[i]), NULL, NULL, 0);
            if (n <= 0 || sort_keys[i][n - 1] != 0 || (int)strlen((char *)sort_keys[i]) != n - 1) failed = 1;
            order_compare[i] = order_key[i] = i;
        }
        ok(!failed, "flags %#lx: every key made, ending in its only 0", sort_flags);
        for (i = 0; i < SORT_WORD_COUNT && bad_i < 0; i++)
            for (j = 0; j < SORT_WORD_COUNT && bad_i < 0; j++) {
                int c = CompareStringEx(EN, sort_flags, sort_words[i], -1, sort_words[j], -1, NULL, NULL, 0);
                if (!c || sign(c - CSTR_EQUAL) != sign(strcmp((char *)sort_keys[i], (char *)sort_keys[j]))) {
                    bad_i = i;
                    bad_j = j;
                }
            }
        ok(bad_i < 0, "flags %#lx: keys order every pair as CompareStringEx (first disagreement: \"%ls\" \"%ls\")",
           sort_flags, bad_i >= 0 ? sort_words[bad_i] : L"", bad_j >= 0 ? sort_words[bad_j] : L"");
        qsort(order_compare, SORT_WORD_COUNT, sizeof(int), by_compare);
        qsort(order_key, SORT_WORD_COUNT, sizeof(int), by_key);
        for (i = 0, failed = 0; i < SORT_WORD_COUNT; i++)
            if (by_compare(&order_compare[i], &order_key[i]) != 0) failed = 1;
        ok(!failed, "flags %#lx: sorting by CompareStringEx and by sort key give one order", sort_flags);
    }
    /* A few orders Windows documents or is known for. */
    sort_flags = 0;
    ok(cmp(0, L"coop", L"co-op") == CSTR_LESS_THAN && cmp(0, L"co-op", L"cooq") == CSTR_LESS_THAN,
       "word sort sets the hyphen aside");
    ok(cmp(SORT_STRINGSORT, L"co-op", L"coop") == CSTR_LESS_THAN, "string sort orders the hyphen as a symbol");
}

/* CompareStringW over many pairs of random words, as a loop sorting text
 * calls it (past the first few thousand calls its answers come from a
 * table of ICU's weights for Latin letters): each answer agrees with the
 * pair's sort keys and with CompareStringEx for the same locale, and
 * swapping the strings swaps the answer. The words mix letters, accented
 * and upper-case ones, digits, spaces, hyphens and apostrophes, and a few
 * characters that combine with their neighbours (l with a middle dot, a
 * combining acute) or expand (sharp s, ae). */
static unsigned int word_seed = 20261203u;
static unsigned int next_word_random(void)
{
    word_seed = word_seed * 1664525u + 1013904223u;
    return word_seed >> 8;
}

static void random_word(WCHAR *w, int max)
{
    static const WCHAR alphabet[] = L"abcdeeeilnorstzAEILZ\xe9\xe8\xe0\xfc\xf6\xe7\xf1\xc9\xdf\xe6\x152\x131\x17f"
                                    L"-'  019l\xb7\x301\xa0";
    int n = next_word_random() % max, i;
    for (i = 0; i < n; i++) w[i] = alphabet[next_word_random() % (sizeof(alphabet) / sizeof(WCHAR) - 1)];
    w[n] = 0;
}

static void test_compare_many(void)
{
    static const DWORD flag_sets[] = {0, SORT_STRINGSORT};
    static WCHAR a[16], b[16];
    static BYTE key_a[256], key_b[256];
    int f, i;
    for (f = 0; f < 2; f++) {
        DWORD flags = flag_sets[f];
        int bad_key = -1, bad_ex = -1, bad_swap = -1, bad_length = -1;
        for (i = 0; i < 20000; i++) {
            int r, r_ex, r_swap, r_length, la, lb;
            random_word(a, 12);
            random_word(b, 12);
            if (i % 3 == 0) memcpy(b, a, sizeof(WCHAR) * (next_word_random() % (wcslen(a) + 1)));
            r = CompareStringW(0x409, flags, a, -1, b, -1);
            r_ex = CompareStringEx(EN, flags, a, -1, b, -1, NULL, NULL, 0);
            r_swap = CompareStringW(0x409, flags, b, -1, a, -1);
            la = (int)wcslen(a);
            lb = (int)wcslen(b);
            r_length = CompareStringW(0x409, flags, a, la, b, lb);
            if (LCMapStringW(0x409, LCMAP_SORTKEY | flags, a, -1, (WCHAR *)key_a, sizeof(key_a)) <= 0 ||
                LCMapStringW(0x409, LCMAP_SORTKEY | flags, b, -1, (WCHAR *)key_b, sizeof(key_b)) <= 0 || !r ||
                sign(r - CSTR_EQUAL) != sign(strcmp((char *)key_a, (char *)key_b))) {
                if (bad_key < 0) bad_key = i;
            }
            if (r != r_ex && bad_ex < 0) bad_ex = i;
            if (r + r_swap != 2 * CSTR_EQUAL && bad_swap < 0) bad_swap = i;
            if (r != r_length && bad_length < 0) bad_length = i;
        }
        ok(bad_key < 0, "flags %#lx: CompareStringW orders 20000 pairs as their sort keys (first disagreement at %d)",
           flags, bad_key);
        ok(bad_ex < 0, "flags %#lx: CompareStringW agrees with CompareStringEx (first disagreement at %d)", flags,
           bad_ex);
        ok(bad_swap < 0, "flags %#lx: swapping the strings swaps the answer (first disagreement at %d)", flags,
           bad_swap);
        ok(bad_length < 0, "flags %#lx: lengths given or NUL-terminated alike (first disagreement at %d)", flags,
           bad_length);
    }
    /* Orders the table must keep: accents after case on the third level,
       l with a middle dot one letter (a contraction), the combining acute
       as the precomposed e acute. */
    ok(CompareStringW(0x409, 0, L"role", -1, L"r\xf4le", -1) == CSTR_LESS_THAN, "role < r\xf4le");
    ok(CompareStringW(0x409, 0, L"r\xf4le", -1, L"Role", -1) == CSTR_GREATER_THAN, "accent outweighs case");
    ok(CompareStringW(0x409, 0, L"cafe\x301", -1, L"caf\xe9", -1) == CSTR_EQUAL, "combining acute as e acute");
    ok(CompareStringW(0x409, 0, L"strasse", -1, L"stra\xdf" L"e", -1) == CSTR_LESS_THAN, "ss < sharp s");
}

static void test_nls_version(void)
{
    NLSVERSIONINFOEX ex, again;
    NLSVERSIONINFO old;
    BOOL r;
    memset(&ex, 0, sizeof(ex));
    ex.dwNLSVersionInfoSize = sizeof(ex);
    r = GetNLSVersionEx(COMPARE_STRING, EN, &ex);
    ok(r && ex.dwNLSVersion && ex.dwEffectiveId == 0x409, "GetNLSVersionEx(en-US): %#lx, effective %#lx",
       ex.dwNLSVersion, ex.dwEffectiveId);
    memset(&again, 0, sizeof(again));
    again.dwNLSVersionInfoSize = sizeof(again);
    r = GetNLSVersionEx(COMPARE_STRING, NULL, &again);
    ok(r && again.dwNLSVersionInfoSize == sizeof(again) && again.dwNLSVersion, "GetNLSVersionEx of the user's locale");
    old.dwNLSVersionInfoSize = sizeof(old);
    r = GetNLSVersion(COMPARE_STRING, 0x409, &old);
    ok(r && old.dwNLSVersion == ex.dwNLSVersion, "GetNLSVersion(0x409): %#lx", old.dwNLSVersion);
    SetLastError(0xdeadbeef);
    ex.dwNLSVersionInfoSize = 8;
    r = GetNLSVersionEx(COMPARE_STRING, EN, &ex);
    expect_error(!r, ERROR_INSUFFICIENT_BUFFER, "GetNLSVersionEx with a small size");
    ex.dwNLSVersionInfoSize = sizeof(ex);
    SetLastError(0xdeadbeef);
    r = GetNLSVersionEx(COMPARE_STRING, L"xx-bogus", &ex);
    expect_error(!r, ERROR_INVALID_PARAMETER, "GetNLSVersionEx of an unknown locale");
}

static void test_find(void)
{
    int found = -1, r;
    r = FindNLSStringEx(EN, FIND_FROMSTART, L"The Apple and the apple", -1, L"apple", -1, &found, NULL, NULL, 0);
    ok(r == 18 && found == 5, "FIND_FROMSTART is case-sensitive: %d %d", r, found);
    r = FindNLSStringEx(EN, FIND_FROMSTART | NORM_IGNORECASE, L"The Apple and the apple", -1, L"apple", -1, &found,
                        NULL, NULL, 0);
    ok(r == 4 && found == 5, "FIND_FROMSTART | NORM_IGNORECASE: %d %d", r, found);
    r = FindNLSStringEx(EN, FIND_FROMEND | NORM_IGNORECASE, L"The Apple and the apple", -1, L"APPLE", 5, &found, NULL,
                        NULL, 0);
    ok(r == 18 && found == 5, "FIND_FROMEND: %d %d", r, found);
    r = FindNLSStringEx(EN, FIND_STARTSWITH | NORM_IGNORECASE, L"The Apple", -1, L"the", -1, &found, NULL, NULL, 0);
    ok(r == 0 && found == 3, "FIND_STARTSWITH: %d %d", r, found);
    r = FindNLSStringEx(EN, FIND_ENDSWITH, L"The Apple", -1, L"Apple", -1, &found, NULL, NULL, 0);
    ok(r == 4 && found == 5, "FIND_ENDSWITH: %d %d", r, found);
    r = FindNLSStringEx(EN, FIND_FROMSTART | NORM_IGNORENONSPACE, L"caf\xe9 noir", -1, L"cafe", -1, &found, NULL, NULL,
                        0);
    ok(r == 0 && found == 4, "NORM_IGNORENONSPACE finds cafe in caf\xe9: %d %d", r, found);
    SetLastError(0xdeadbeef);
    r = FindNLSStringEx(EN, FIND_STARTSWITH, L"The Apple", -1, L"Apple", -1, &found, NULL, NULL, 0);
    expect_error(r == -1, ERROR_SUCCESS, "FindNLSStringEx not finding");
    SetLastError(0xdeadbeef);
    r = FindNLSStringEx(EN, FIND_STARTSWITH | FIND_ENDSWITH, L"a", -1, L"a", -1, &found, NULL, NULL, 0);
    expect_error(r == -1, ERROR_INVALID_FLAGS, "FindNLSStringEx with two find flags");
    SetLastError(0xdeadbeef);
    r = FindNLSStringEx(EN, 0, L"a", 0, L"a", -1, &found, NULL, NULL, 0);
    expect_error(r == -1, ERROR_INVALID_PARAMETER, "FindNLSStringEx of an empty source");
    r = FindNLSString(0x409, FIND_FROMSTART, L"xyz", -1, L"y", -1, &found);
    ok(r == 1 && found == 1, "FindNLSString: %d %d", r, found);
}

int main(void)
{
    test_sort_keys();
    test_compare_many();
    test_nls_version();
    test_find();
    test_formats();
    test_compare();
    test_map();
    test_string_type();
    test_locale_info();
    test_locale_names();
    test_normalize();
    return vt_summary();
}
