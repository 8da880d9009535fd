/* Wide printf family of msvcrt.dll (built with -D__USE_MINGW_ANSI_STDIO=0).
 * In msvcrt's wide functions %s takes a wide string and %S a narrow one;
 * %ls is always wide and %hs always narrow. */
#include <stdio.h>
#include <wchar.h>
#include <string.h>
#include "vinetest.h"

#define CHECK_WFMT(expected, ...)                                              \
    do {                                                                       \
        wchar_t buf_[256];                                                     \
        int n_ = _snwprintf(buf_, 256, __VA_ARGS__);                           \
        ok(n_ >= 0 && wcscmp(buf_, expected) == 0 &&                           \
           n_ == (int)wcslen(expected),                                        \
           "_snwprintf(%s) = \"%ls\" (%d), expected \"%ls\"", #__VA_ARGS__,    \
           n_ >= 0 ? buf_ : L"", n_, expected);                                \
    } while (0)

int main(void)
{
    wchar_t wbuf[32];
    int n;

    CHECK_WFMT(L"42", L"%d", 42);
    CHECK_WFMT(L"[  -7]", L"[%4d]", -7);
    CHECK_WFMT(L"ff", L"%x", 255);
    CHECK_WFMT(L"wide", L"%s", L"wide");
    CHECK_WFMT(L"narrow", L"%S", "narrow");
    CHECK_WFMT(L"wide", L"%ls", L"wide");
    CHECK_WFMT(L"narrow", L"%hs", "narrow");
    CHECK_WFMT(L"A", L"%c", L'A');
    CHECK_WFMT(L"B", L"%C", 'B');
    CHECK_WFMT(L"1.500000e+000", L"%e", 1.5);
    CHECK_WFMT(L"\x263a smile", L"%ls smile", L"\x263a");
    CHECK_WFMT(L"12345678901", L"%I64d", 12345678901LL);

    /* _snwprintf truncation: -1, buffer filled without terminator */
    wmemset(wbuf, L'X', 32);
    n = _snwprintf(wbuf, 4, L"%ls", L"abcdef");
    ok(n == -1 && wmemcmp(wbuf, L"abcd", 4) == 0 && wbuf[4] == L'X',
       "_snwprintf truncation returns -1 (%d)", n);

    /* swprintf (ISO form with a count) */
    n = swprintf(wbuf, 32, L"%d+%d", 2, 3);
    ok(n == 3 && wcscmp(wbuf, L"2+3") == 0, "swprintf returned %d \"%ls\"", n, wbuf);

    /* wprintf to stdout: characters written */
    n = wprintf(L"wprintf %ls line\n", L"output");
    ok(n == 20, "wprintf returned %d, expected 20", n);
    n = fputws(L"fputws line\n", stdout);
    ok(n >= 0, "fputws returned %d", n);
    n = _putws(L"_putws line");
    ok(n >= 0, "_putws returned %d", n);

    return vt_summary();
}
