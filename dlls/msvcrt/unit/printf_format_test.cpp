#include "core/printf_format.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using vine::msvcrt::ms_va_list;

namespace {

__attribute__((ms_abi)) std::string fmt(const char* format, ...) {
    ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    std::string out;
    vine::msvcrt::format(out, format, ap);
    __builtin_ms_va_end(ap);
    return out;
}

__attribute__((ms_abi)) std::u16string wfmt(const char16_t* format, ...) {
    ms_va_list ap;
    __builtin_ms_va_start(ap, format);
    std::u16string out;
    vine::msvcrt::format(out, format, ap);
    __builtin_ms_va_end(ap);
    return out;
}

TEST(PrintfFormat, Integers) {
    EXPECT_EQ(fmt("%d", 42), "42");
    EXPECT_EQ(fmt("%5d|%-5d|%05d", 42, 42, 42), "   42|42   |00042");
    EXPECT_EQ(fmt("%+d % d", 42, 42), "+42  42");
    EXPECT_EQ(fmt("%x %X %o", 255, 255, 255), "ff FF 377");
    EXPECT_EQ(fmt("%#x %#X %#o", 255, 255, 255), "0xff 0XFF 0377");
    EXPECT_EQ(fmt("%#x", 0), "0");
    EXPECT_EQ(fmt("%7.4d", -42), "  -0042");
    EXPECT_EQ(fmt("%.0d", 0), "");
    EXPECT_EQ(fmt("%d", std::numeric_limits<int>::min()), "-2147483648");
    EXPECT_EQ(fmt("%u", 0xffffffffu), "4294967295");
}

TEST(PrintfFormat, SizeModifiers) {
    EXPECT_EQ(fmt("%ld", -1), "-1");            // 'l' is 32 bits
    EXPECT_EQ(fmt("%lx", 0xffffffffu), "ffffffff");
    EXPECT_EQ(fmt("%hd", 65535), "-1");
    EXPECT_EQ(fmt("%I64d", -9223372036854775807LL), "-9223372036854775807");
    EXPECT_EQ(fmt("%I64u", 18446744073709551615ULL), "18446744073709551615");
    EXPECT_EQ(fmt("%lld", -5LL), "-5");
    EXPECT_EQ(fmt("%I32d", 7), "7");
    EXPECT_EQ(fmt("%Ix", 0x123456789aULL), "123456789a");
    EXPECT_EQ(fmt("%zu", 5), "zu");  // msvcrt.dll does not know 'z'
}

TEST(PrintfFormat, Pointer) {
    EXPECT_EQ(fmt("%p", reinterpret_cast<void*>(0xabcdef)), "0000000000ABCDEF");
}

TEST(PrintfFormat, StringsAndChars) {
    EXPECT_EQ(fmt("[%5s][%-5s][%.3s]", "ab", "ab", "hello"), "[   ab][ab   ][hel]");
    EXPECT_EQ(fmt("[%*.*s]", 5, 3, "hello"), "[  hel]");
    EXPECT_EQ(fmt("[%-*d]", -4, 1), "[1   ]");
    EXPECT_EQ(fmt("%c%%%c", 'x', 'y'), "x%y");
    EXPECT_EQ(fmt("%s", static_cast<char*>(nullptr)), "(null)");
    EXPECT_EQ(fmt("%ls %S", u"wide", u"W"), "wide W");
    EXPECT_EQ(fmt("%C", u'Z'), "Z");
}

TEST(PrintfFormat, Wide) {
    EXPECT_EQ(wfmt(u"%s|%S|%hs|%ls", u"w", "n", "h", u"l"), u"w|n|h|l");
    EXPECT_EQ(wfmt(u"%c%C", u'\x263a', 'a'), u"\x263a" u"a");
    EXPECT_EQ(wfmt(u"%d", 17), u"17");
}

TEST(PrintfFormat, Count) {
    int n = 0;
    EXPECT_EQ(fmt("abc%n", &n), "abc");
    EXPECT_EQ(n, 3);
}

TEST(PrintfFormat, Floats) {
    EXPECT_EQ(fmt("%e", 1.0), "1.000000e+000");
    EXPECT_EQ(fmt("%E", 12345.678), "1.234568E+004");
    EXPECT_EQ(fmt("%f", 1.5), "1.500000");
    EXPECT_EQ(fmt("%.3f", -0.25), "-0.250");
    EXPECT_EQ(fmt("%g", 1e6), "1e+006");
    EXPECT_EQ(fmt("%g", 123456.0), "123456");
    EXPECT_EQ(fmt("%g", 0.00001), "1e-005");
    EXPECT_EQ(fmt("%g", 0.0001), "0.0001");
    EXPECT_EQ(fmt("%.17g", 0.1), "0.10000000000000001");
    EXPECT_EQ(fmt("%6.1f", 3.14159), "   3.1");
    EXPECT_EQ(fmt("%#.0f", 3.0), "3.");
    EXPECT_EQ(fmt("%#g", 2.5), "2.50000");
    EXPECT_EQ(fmt("%.1e", 1e10), "1.0e+010");
    EXPECT_EQ(fmt("%010.2f", -3.5), "-000003.50");
    EXPECT_EQ(fmt("%e", 1e300), "1.000000e+300");
    EXPECT_EQ(fmt("%.0f", 2.5), "2");  // exact round-half-even of 2.5
    EXPECT_EQ(fmt("%f", 1e20), "100000000000000000000.000000");
}

TEST(PrintfFormat, InfinityAndNan) {
    double inf = std::numeric_limits<double>::infinity();
    double qnan = std::numeric_limits<double>::quiet_NaN();
    EXPECT_EQ(fmt("%f", inf), "1.#INF00");
    EXPECT_EQ(fmt("%f", -inf), "-1.#INF00");
    EXPECT_EQ(fmt("%e", inf), "1.#INF00e+000");
    EXPECT_EQ(fmt("%g", inf), "1.#INF");
    EXPECT_EQ(fmt("%.2f", inf), "1.#J");
    EXPECT_EQ(fmt("%.3f", inf), "1.#IO");
    EXPECT_EQ(fmt("%.0f", inf), "1");
    EXPECT_EQ(fmt("%f", qnan), "1.#QNAN0");
    EXPECT_EQ(fmt("%f", -qnan), "-1.#IND00");
}

TEST(PrintfFormat, UnicodeStringStruct) {
    struct {
        uint16_t length, maximum;
        const void* buffer;
    } ansi{3, 4, "abcdef"};
    EXPECT_EQ(fmt("%Z", &ansi), "abc");
}

}  // namespace

// ucrtbase's conventions: two-digit exponents, correctly rounded digits,
// inf / nan spelled out.
TEST(PrintfFormat, UcrtFloatStyle) {
    vine::msvcrt::set_float_style(vine::msvcrt::FloatStyle::Ucrt);
    double inf = std::numeric_limits<double>::infinity();
    double qnan = std::numeric_limits<double>::quiet_NaN();
    EXPECT_EQ(fmt("%e", 1.0), "1.000000e+00");
    EXPECT_EQ(fmt("%g", 1e6), "1e+06");
    EXPECT_EQ(fmt("%E", 12345.678), "1.234568E+04");
    EXPECT_EQ(fmt("%e", 1e300), "1.000000e+300");
    EXPECT_EQ(fmt("%.0f", 0.5), "0");
    EXPECT_EQ(fmt("%.0f", 1.5), "2");
    EXPECT_EQ(fmt("%.2f", 2.675), "2.67");  // 2.675 is below the halfway point in binary
    EXPECT_EQ(fmt("%f", inf), "inf");
    EXPECT_EQ(fmt("%E", -inf), "-INF");
    EXPECT_EQ(fmt("%f", qnan), "nan");
    EXPECT_EQ(fmt("%f", -qnan), "-nan(ind)");
    EXPECT_EQ(fmt("%8.3e", inf), "     inf");
    vine::msvcrt::set_float_style(vine::msvcrt::FloatStyle::Msvcrt);
    EXPECT_EQ(fmt("%e", 1.0), "1.000000e+000");
}
