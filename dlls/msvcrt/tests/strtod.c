/* strtod/atof/strtol/strtoul/atoi edge cases and printf of doubles with
 * exact digits (msvcrt.dll's printf: this file is plain C without
 * __USE_MINGW_ANSI_STDIO, so sprintf is msvcrt's). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <float.h>
#include "vinetest.h"

#define CHECK_D(str, expected, consumed)                                       \
    do {                                                                       \
        char *end_;                                                            \
        double d_ = strtod(str, &end_);                                        \
        ok(d_ == (expected) && end_ - (str) == (consumed),                     \
           "strtod(\"%s\") = %.17g, %d chars", str, d_, (int)(end_ - (str)));  \
    } while (0)

#define CHECK_L(str, base, expected, consumed, err)                            \
    do {                                                                       \
        char *end_;                                                            \
        long l_;                                                               \
        errno = 0;                                                             \
        l_ = strtol(str, &end_, base);                                         \
        ok(l_ == (expected) && end_ - (str) == (consumed) && errno == (err),    \
           "strtol(\"%s\", %d) = %ld, %d chars, errno %d", str, base, l_,      \
           (int)(end_ - (str)), errno);                                        \
    } while (0)

#define CHECK_FMT(expected, ...)                                               \
    do {                                                                       \
        char buf_[128];                                                        \
        sprintf(buf_, __VA_ARGS__);                                            \
        ok(strcmp(buf_, expected) == 0, "sprintf(%s) = \"%s\", expected \"%s\"", \
           #__VA_ARGS__, buf_, expected);                                      \
    } while (0)

int main(void)
{
    char *end;
    double d;
    unsigned long ul;
    const char *s;

    CHECK_D("0", 0.0, 1);
    CHECK_D("1.5", 1.5, 3);
    CHECK_D("  -2.25e2xyz", -225.0, 9);
    CHECK_D("+.5", 0.5, 3);
    CHECK_D("1e-3", 0.001, 4);
    CHECK_D("0.1", 0.1, 3);
    CHECK_D("123456789012345678", 123456789012345678.0, 18);
    CHECK_D("1.7976931348623157e308", DBL_MAX, 22);
    CHECK_D("4.9406564584124654e-324", 4.9406564584124654e-324, 23);
    CHECK_D("2.2250738585072014e-308", DBL_MIN, 23);
    CHECK_D("12e", 12.0, 2);
    CHECK_D("7.e+", 7.0, 2);
    s = "abc";
    d = strtod(s, &end);
    ok(d == 0.0 && end == s, "strtod of non-number consumes nothing");
    s = "   ";
    d = strtod(s, &end);
    ok(d == 0.0 && end == s, "strtod of blanks consumes nothing");
    errno = 0;
    d = strtod("1e400", &end);
    ok(d == HUGE_VAL && errno == ERANGE, "strtod overflow: HUGE_VAL, ERANGE (%g, %d)", d, errno);
    errno = 0;
    d = strtod("-1e400", &end);
    ok(d == -HUGE_VAL && errno == ERANGE, "strtod negative overflow: -HUGE_VAL, ERANGE");
    errno = 0;
    d = strtod("1e-400", &end);
    ok(d == 0.0 && errno == ERANGE, "strtod underflow: 0, ERANGE (%g, %d)", d, errno);
    d = strtod("-0", &end);
    ok(d == 0.0 && signbit(d), "strtod(\"-0\") is negative zero");

    ok(atof("3.75") == 3.75, "atof");
    ok(atof("  -1e2 trailing") == -100.0, "atof ignores trailing text");
    ok(atof("x") == 0.0, "atof of garbage is 0");

    CHECK_L("0", 10, 0L, 1, 0);
    CHECK_L("  +123abc", 10, 123L, 6, 0);
    CHECK_L("-2147483648", 10, LONG_MIN, 11, 0);
    CHECK_L("2147483647", 10, LONG_MAX, 10, 0);
    CHECK_L("2147483648", 10, LONG_MAX, 10, ERANGE);
    CHECK_L("-99999999999", 10, LONG_MIN, 12, ERANGE);
    CHECK_L("0x1F", 16, 31L, 4, 0);
    CHECK_L("0x1F", 0, 31L, 4, 0);
    CHECK_L("1f", 16, 31L, 2, 0);
    CHECK_L("077", 0, 63L, 3, 0);
    CHECK_L("089", 0, 0L, 1, 0);
    CHECK_L("zz", 36, 1295L, 2, 0);
    CHECK_L("101012", 2, 21L, 5, 0);
    s = "xyz";
    ok(strtol(s, &end, 10) == 0 && end == s, "strtol of non-number consumes nothing");

    errno = 0;
    ul = strtoul("4294967295", &end, 10);
    ok(ul == 4294967295UL && errno == 0, "strtoul ULONG_MAX");
    errno = 0;
    ul = strtoul("4294967296", &end, 10);
    ok(ul == ULONG_MAX && errno == ERANGE, "strtoul overflow: ULONG_MAX, ERANGE (%lu, %d)", ul, errno);
    errno = 0;
    ul = strtoul("-1", &end, 10);
    ok(ul == 4294967295UL && errno == 0 && *end == 0, "strtoul(\"-1\") = 4294967295 (%lu)", ul);
    ok(strtoul("0xffffffff", NULL, 16) == 0xffffffffUL, "strtoul hex");

    ok(atoi("  42abc") == 42 && atoi("-7") == -7 && atoi("") == 0, "atoi");
    ok(atol("123456") == 123456L, "atol");
    ok(_atoi64("-9223372036854775807") == -9223372036854775807LL, "_atoi64");
    ok(_strtoi64("0x7fffffffffffffff", NULL, 16) == 0x7fffffffffffffffLL, "_strtoi64");
    ok(_strtoui64("18446744073709551615", NULL, 10) == 18446744073709551615ULL, "_strtoui64");

    /* printf of doubles with exact digits */
    CHECK_FMT("0.10000000000000001", "%.17g", 0.1);
    CHECK_FMT("0.1", "%g", 0.1);
    CHECK_FMT("0.100000", "%f", 0.1);
    CHECK_FMT("1.000000e-001", "%e", 0.1);
    CHECK_FMT("0.30000000000000004", "%.17g", 0.1 + 0.2);
    CHECK_FMT("3.1415926535897931", "%.17g", 3.14159265358979323846);
    CHECK_FMT("3.141593", "%f", 3.14159265358979323846);
    CHECK_FMT("3.14159", "%g", 3.14159265358979323846);
    CHECK_FMT("3.141593e+000", "%e", 3.14159265358979323846);
    CHECK_FMT("1.7976931348623157e+308", "%.17g", DBL_MAX);
    CHECK_FMT("2.2250738585072014e-308", "%.17g", DBL_MIN);
    CHECK_FMT("1024.000000", "%f", 1024.0);
    CHECK_FMT("-0.000000", "%f", -0.0);
    CHECK_FMT("1e+100", "%g", 1e100);
    CHECK_FMT("123456789", "%.0f", 123456789.0);
    CHECK_FMT("0.000123", "%g", 0.000123);
    CHECK_FMT("1.23e-005", "%g", 0.0000123);
    CHECK_FMT("100000", "%g", 100000.0);
    CHECK_FMT("1e+006", "%g", 1000000.0);
    CHECK_FMT("0.5", "%.1f", 0.5);
    CHECK_FMT("9.9", "%.2g", 9.9);
    CHECK_FMT("1e+001", "%.0e", 9.9);
    CHECK_FMT("  1.50", "%6.2f", 1.5);
    CHECK_FMT("1.50  |", "%-6.2f|", 1.5);
    CHECK_FMT("+001.5", "%+06.1f", 1.5);

    return vt_summary();
}
