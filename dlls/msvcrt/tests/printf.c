/* printf family of msvcrt.dll itself: this file is built with
 * -D__USE_MINGW_ANSI_STDIO=0 so printf/sprintf are msvcrt.dll's, not
 * mingw-w64's replacements. Expectations are msvcrt.dll's behaviour. */
#include <stdio.h>
#include <string.h>
#include <limits.h>
#include "vinetest.h"

#define CHECK_FMT(expected, ...)                                               \
    do {                                                                       \
        char buf_[256];                                                        \
        int n_ = sprintf(buf_, __VA_ARGS__);                                   \
        ok(strcmp(buf_, expected) == 0 && n_ == (int)strlen(expected),         \
           "sprintf(%s) = \"%s\" (%d), expected \"%s\"", #__VA_ARGS__, buf_,   \
           n_, expected);                                                      \
    } while (0)

int main(void)
{
    char buf[64];
    int n;

    /* integers */
    CHECK_FMT("42", "%d", 42);
    CHECK_FMT("-42", "%i", -42);
    CHECK_FMT("   42|", "%5d|", 42);
    CHECK_FMT("42   |", "%-5d|", 42);
    CHECK_FMT("00042", "%05d", 42);
    CHECK_FMT("+42", "%+d", 42);
    CHECK_FMT(" 42", "% d", 42);
    CHECK_FMT("ff FF 377", "%x %X %o", 255, 255, 255);
    CHECK_FMT("0xff 0XFF 0377", "%#x %#X %#o", 255, 255, 255);
    CHECK_FMT("4294967295", "%u", 0xffffffffu);
    CHECK_FMT("-2147483648", "%d", INT_MIN);
    CHECK_FMT("  -0042", "%7.4d", -42);
    CHECK_FMT("", "%.0d", 0);
    /* 'l' is 32 bits (LLP64) */
    CHECK_FMT("-1", "%ld", -1L);
    CHECK_FMT("ffffffff", "%lx", 0xffffffffUL);
    /* 'h' truncates to short */
    CHECK_FMT("-1", "%hd", 65535);
    /* %I64 and %I32 */
    CHECK_FMT("-9223372036854775807", "%I64d", -9223372036854775807LL);
    CHECK_FMT("18446744073709551615", "%I64u", 18446744073709551615ULL);
    CHECK_FMT("123456789abcdef0", "%I64x", 0x123456789abcdef0ULL);
    CHECK_FMT("7", "%I32d", 7);
    /* %p: 16 upper-case hex digits on x64 */
    CHECK_FMT("0000000000ABCDEF", "%p", (void *)0xabcdef);

    /* strings and chars */
    CHECK_FMT("hello", "%s", "hello");
    CHECK_FMT("[   ab]", "[%5s]", "ab");
    CHECK_FMT("[ab   ]", "[%-5s]", "ab");
    CHECK_FMT("[hel]", "[%.3s]", "hello");
    CHECK_FMT("[  hel]", "[%*.*s]", 5, 3, "hello");
    CHECK_FMT("x%y", "%c%%%c", 'x', 'y');
    CHECK_FMT("wide", "%ls", L"wide");
    CHECK_FMT("wide", "%S", L"wide");
    {
        const char *volatile null_str = NULL;
        CHECK_FMT("(null)", "%s", null_str);
    }

    /* floating point: msvcrt.dll uses a 3-digit exponent */
    CHECK_FMT("1.000000e+000", "%e", 1.0);
    CHECK_FMT("1.234568E+004", "%E", 12345.678);
    CHECK_FMT("1.500000", "%f", 1.5);
    CHECK_FMT("-0.250", "%.3f", -0.25);
    CHECK_FMT("1e+006", "%g", 1e6);
    CHECK_FMT("123456", "%g", 123456.0);
    CHECK_FMT("1e-005", "%g", 0.00001);
    CHECK_FMT("0.0001", "%g", 0.0001);
    CHECK_FMT("0.10000000000000001", "%.17g", 0.1);
    CHECK_FMT("3.14", "%.3g", 3.14159);
    CHECK_FMT("   3.1", "%6.1f", 3.14159);
    CHECK_FMT("3.", "%#.0f", 3.0);
    CHECK_FMT("2.50000", "%#g", 2.5);
    CHECK_FMT("1.0e+010", "%.1e", 1e10);

    /* _snprintf: no terminator when the output fills the buffer exactly,
     * -1 when truncated */
    memset(buf, 'X', sizeof(buf));
    n = _snprintf(buf, 5, "%s", "abcde");
    ok(n == 5 && memcmp(buf, "abcde", 5) == 0 && buf[5] == 'X',
       "_snprintf exact fit returns 5 without terminator (%d)", n);
    memset(buf, 'X', sizeof(buf));
    n = _snprintf(buf, 3, "%s", "abcde");
    ok(n == -1 && memcmp(buf, "abc", 3) == 0 && buf[3] == 'X',
       "_snprintf truncation returns -1 (%d)", n);
    n = _snprintf(buf, sizeof(buf), "%d-%s", 7, "x");
    ok(n == 3 && strcmp(buf, "7-x") == 0, "_snprintf normal (%d, %s)", n, buf);

    /* printf to stdout returns the number of characters */
    n = printf("printf output line\n");
    ok(n == 19, "printf returned %d, expected 19", n);
    n = puts("puts output line");
    ok(n >= 0, "puts returned %d (non-negative)", n);
    n = fputs("fputs output line\n", stdout);
    ok(n >= 0, "fputs returned %d (non-negative)", n);
    n = fprintf(stdout, "%s %d\n", "fprintf", 1);
    ok(n == 10, "fprintf returned %d, expected 10", n);

    return vt_summary();
}
