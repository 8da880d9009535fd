#include "core/numparse.h"

#include <gtest/gtest.h>

#include <cmath>

using vine::msvcrt::parse_double;
using vine::msvcrt::parse_integer;

TEST(ParseDouble, Syntax) {
    auto r = parse_double("  -12.5e2xyz");
    EXPECT_EQ(r.value, -1250.0);
    EXPECT_EQ(r.consumed, 9u);
    EXPECT_EQ(parse_double("1.5D3").value, 1500.0);  // msvcrt accepts D exponents
    EXPECT_EQ(parse_double(".5").value, 0.5);
    EXPECT_EQ(parse_double("5.").consumed, 2u);
    EXPECT_EQ(parse_double("1e").consumed, 1u);
    EXPECT_EQ(parse_double("1e+").consumed, 1u);
    EXPECT_EQ(parse_double("inf").consumed, 0u);
    EXPECT_EQ(parse_double("nan").consumed, 0u);
    EXPECT_EQ(parse_double("0x10").consumed, 1u);  // no hex floats
    EXPECT_EQ(parse_double(".").consumed, 0u);
}

TEST(ParseDouble, CorrectlyRounded) {
    EXPECT_EQ(parse_double("0.1").value, 0.1);
    EXPECT_EQ(parse_double("2.2250738585072014e-308").value, 2.2250738585072014e-308);
    EXPECT_EQ(parse_double("9007199254740993").value, 9007199254740992.0);
    auto big = parse_double("1e999");
    EXPECT_TRUE(std::isinf(big.value));
    EXPECT_TRUE(big.range_error);
}

TEST(ParseDouble, Wide) {
    EXPECT_EQ(parse_double(u" 3.25").value, 3.25);
}

TEST(ParseInteger, Bases) {
    EXPECT_EQ(parse_integer("  -42z", 10, true, 32).value, static_cast<uint64_t>(-42));
    EXPECT_EQ(parse_integer("  -42z", 10, true, 32).consumed, 5u);
    EXPECT_EQ(parse_integer("0x1F", 0, true, 32).value, 31u);
    EXPECT_EQ(parse_integer("017", 0, true, 32).value, 15u);
    EXPECT_EQ(parse_integer("zz", 36, false, 32).value, 1295u);
    EXPECT_EQ(parse_integer("0x", 16, true, 32).consumed, 1u);
    EXPECT_EQ(parse_integer("abc", 10, true, 32).consumed, 0u);
}

TEST(ParseInteger, Range) {
    auto r = parse_integer("2147483648", 10, true, 32);
    EXPECT_TRUE(r.range_error);
    EXPECT_EQ(static_cast<int32_t>(r.value), 2147483647);
    r = parse_integer("-2147483649", 10, true, 32);
    EXPECT_TRUE(r.range_error);
    EXPECT_EQ(static_cast<int32_t>(r.value), -2147483647 - 1);
    r = parse_integer("-2147483648", 10, true, 32);
    EXPECT_FALSE(r.range_error);
    EXPECT_EQ(static_cast<int32_t>(r.value), -2147483647 - 1);
    r = parse_integer("-1", 10, false, 32);
    EXPECT_EQ(r.value, 0xffffffffu);
    r = parse_integer("4294967296", 10, false, 32);
    EXPECT_TRUE(r.range_error);
    EXPECT_EQ(r.value, 0xffffffffu);
    r = parse_integer("18446744073709551616", 10, false, 64);
    EXPECT_TRUE(r.range_error);
    EXPECT_EQ(r.value, UINT64_MAX);
}
