// kernel32's character tables (dlls/kernel32/char_tables.h, made at build
// time by tools/nls/make_char_tables.cpp) give ICU's own answers for every
// UTF-16 unit: the two-stage lookup loses nothing.
#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include "char_tables.h"

namespace {

namespace tables = kernel32::char_tables;

TEST(CharTables, GeneralCategoryIsIcusForEveryUnit) {
    for (uint32_t c = 0; c <= 0xffff; ++c)
        ASSERT_EQ(tables::general_category(static_cast<char16_t>(c)), static_cast<int8_t>(u_charType(c)))
            << "U+" << std::hex << c;
}

TEST(CharTables, CaseMappingsAreIcusForEveryUnit) {
    for (uint32_t c = 0; c <= 0xffff; ++c) {
        ASSERT_EQ(tables::to_upper(static_cast<char16_t>(c)), static_cast<char16_t>(u_toupper(c))) << "U+" << std::hex << c;
        ASSERT_EQ(tables::to_lower(static_cast<char16_t>(c)), static_cast<char16_t>(u_tolower(c))) << "U+" << std::hex << c;
    }
}

TEST(CharTables, KnownAnswers) {
    EXPECT_EQ(tables::general_category(u'A'), U_UPPERCASE_LETTER);
    EXPECT_EQ(tables::general_category(u'\u20ac'), U_CURRENCY_SYMBOL);
    EXPECT_EQ(tables::general_category(u'\u0378'), U_UNASSIGNED);
    EXPECT_EQ(tables::to_upper(u'\u00e9'), u'\u00c9');
    EXPECT_EQ(tables::to_upper(u'\u00df'), u'\u00df');  // no one-unit capital: unchanged
    EXPECT_EQ(tables::to_lower(u'\u0130'), u'i');
    EXPECT_EQ(tables::to_upper(u'\u0131'), u'I');
}

}  // namespace
