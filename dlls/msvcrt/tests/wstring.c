/* Wide string functions of msvcrt.dll (wchar_t is 16 bits on Windows). */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>
#include <stdlib.h>
#include "vinetest.h"

int main(void)
{
    wchar_t buf[64];
    wchar_t *p;
    char nbuf[64];
    size_t n;

    ok(sizeof(wchar_t) == 2, "wchar_t is 2 bytes");
    ok(wcslen(L"") == 0 && wcslen(L"h\x00e9llo") == 5, "wcslen");
    ok(wcscpy(buf, L"wide") == buf && wcscmp(buf, L"wide") == 0, "wcscpy");
    wcscat(buf, L" string");
    ok(wcscmp(buf, L"wide string") == 0, "wcscat gives \"%ls\"", buf);
    wmemset(buf, L'Z', 64);
    wcsncpy(buf, L"ab", 4);
    ok(buf[0] == L'a' && buf[1] == L'b' && buf[2] == 0 && buf[3] == 0 && buf[4] == L'Z',
       "wcsncpy pads with NULs to n");

    ok(wcscmp(L"abc", L"abc") == 0, "wcscmp equal");
    ok(wcscmp(L"abc", L"abd") < 0, "wcscmp less");
    ok(wcscmp(L"\x4e00", L"a") > 0, "wcscmp compares as unsigned");
    ok(wcsncmp(L"abcdef", L"abcxyz", 3) == 0, "wcsncmp prefix");
    ok(_wcsicmp(L"HeLLo", L"hello") == 0, "_wcsicmp ignores case");
    ok(_wcsicmp(L"apple", L"BANANA") < 0, "_wcsicmp orders case-insensitively");
    ok(_wcsnicmp(L"ABCdef", L"abcXYZ", 3) == 0, "_wcsnicmp prefix");

    wcscpy(buf, L"C:\\dir\\file.txt");
    ok(wcschr(buf, L'\\') == buf + 2, "wcschr");
    ok(wcsrchr(buf, L'\\') == buf + 6, "wcsrchr");
    ok(wcschr(buf, L'?') == NULL, "wcschr missing");
    p = wcsstr(buf, L"file");
    ok(p == buf + 7, "wcsstr");
    ok(wcsspn(L"aaab", L"a") == 3 && wcscspn(L"abc.d", L".") == 3, "wcsspn/wcscspn");

    p = _wcsdup(L"dup\x00fc");
    ok(p && wcscmp(p, L"dup\x00fc") == 0, "_wcsdup");
    free(p);

    ok(towupper(L'a') == L'A' && towlower(L'Z') == L'z', "towupper/towlower ASCII");
    /* in the "C" locale towupper only converts a-z */
    ok(towupper(L'\x00e9') == L'\x00e9', "towupper(e acute) unchanged in the C locale (0x%04x)",
       towupper(L'\x00e9'));
    ok(iswdigit(L'5') && !iswdigit(L'x') && iswalpha(L'q') && iswspace(L' '), "iswctype");

    wcscpy(buf, L"MiXeD");
    ok(wcscmp(_wcslwr(buf), L"mixed") == 0, "_wcslwr");
    ok(wcscmp(_wcsupr(buf), L"MIXED") == 0, "_wcsupr");

    {
        int count = 0, good = 1;
        const wchar_t *expect[] = { L"a", L"bb", L"ccc" };
        wcscpy(buf, L"a bb  ccc");
        /* msvcrt.dll's wcstok takes two arguments */
        for (p = wcstok(buf, L" "); p; p = wcstok(NULL, L" "))
        {
            if (count >= 3 || wcscmp(p, expect[count])) good = 0;
            count++;
        }
        ok(good && count == 3, "wcstok gives 3 tokens (%d)", count);
    }

    /* conversions */
    n = wcstombs(nbuf, L"ascii", sizeof(nbuf));
    ok(n == 5 && strcmp(nbuf, "ascii") == 0, "wcstombs (%u)", (unsigned)n);
    n = mbstowcs(buf, "back", 64);
    ok(n == 4 && wcscmp(buf, L"back") == 0, "mbstowcs (%u)", (unsigned)n);
    ok(wcstol(L"  -123xyz", &p, 10) == -123 && *p == L'x', "wcstol");
    ok(_wtoi(L"77") == 77, "_wtoi");

    n = swprintf(buf, 64, L"%ls=%d", L"k", 5);
    ok(n == 3 && wcscmp(buf, L"k=5") == 0, "swprintf");
    _itow(-42, buf, 10);
    ok(wcscmp(buf, L"-42") == 0, "_itow \"%ls\"", buf);

    return vt_summary();
}
