// Vine's UTF-8 <-> UTF-16 converter (loader/unicode.cpp), which the loader,
// the server, ntdll's Rtl functions and MultiByteToWideChar share.
#include <gtest/gtest.h>

#include "vine/unicode.h"

namespace {

std::u16string decode(std::string_view text, bool* invalid = nullptr) {
    auto count = vine::utf8_to_utf16(text, nullptr, 0);
    std::u16string out(count.length, u'\0');
    auto full = vine::utf8_to_utf16(text, out.data(), out.size());
    EXPECT_EQ(full.length, count.length);
    EXPECT_FALSE(full.overflow);
    if (invalid) *invalid = full.invalid;
    return out;
}

TEST(Unicode, DecodesEveryLength) {
    EXPECT_EQ(decode("a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"), u"a\u00e9\u20ac\U0001F600");
}

TEST(Unicode, AsciiFastPathBoundaries) {
    // Runs of ASCII around the eight-byte path, with a multi-byte character
    // at every offset.
    for (size_t prefix = 0; prefix < 20; ++prefix) {
        std::string text(prefix, 'x');
        text += "\xc3\xa9";
        text += std::string(9, 'y');
        std::u16string expected(prefix, u'x');
        expected += u'\u00e9';
        expected += std::u16string(9, u'y');
        EXPECT_EQ(decode(text), expected) << prefix;
    }
}

TEST(Unicode, OneReplacementPerMaximalSubpart) {
    bool invalid = false;
    EXPECT_EQ(decode("\xe1\x80" "A", &invalid), u"\ufffdA");  // a truncated sequence is one subpart
    EXPECT_TRUE(invalid);
    EXPECT_EQ(decode("\xc0\xaf"), u"\ufffd\ufffd");                    // C0 never starts a sequence
    EXPECT_EQ(decode("\xed\xa0\x80"), u"\ufffd\ufffd\ufffd");          // a surrogate's second byte is out of range
    EXPECT_EQ(decode("\xf4\x90\x80\x80"), u"\ufffd\ufffd\ufffd\ufffd");  // above U+10FFFF
    EXPECT_EQ(decode("\xf0\x9f\x98"), u"\ufffd");                       // truncated at the end
    EXPECT_EQ(decode("\x80"), u"\ufffd");
    decode("plain", &invalid);
    EXPECT_FALSE(invalid);
}

TEST(Unicode, StopsOnInvalidWhenAsked) {
    char16_t out[8];
    auto r = vine::utf8_to_utf16("ab\xff" "cd", out, 8, true);
    EXPECT_TRUE(r.invalid);
    EXPECT_EQ(r.length, 2u);
}

TEST(Unicode, OverflowWritesWhatFits) {
    char16_t out[3] = {0, 0, 0};
    auto r = vine::utf8_to_utf16("ab\xf0\x9f\x98\x80", out, 3);
    EXPECT_TRUE(r.overflow);
    EXPECT_EQ(r.length, 2u);  // the surrogate pair is not split
    char bytes[2];
    auto e = vine::utf16_to_utf8(u"a\u20ac", bytes, 2);
    EXPECT_TRUE(e.overflow);
    EXPECT_EQ(e.length, 1u);
}

TEST(Unicode, EncodesAndReplacesLoneSurrogates) {
    EXPECT_EQ(vine::utf16_to_utf8(u"a\u00e9\u20ac\U0001F600"), "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
    std::u16string lone = u"x";
    lone += char16_t(0xd800);
    lone += u"y";
    EXPECT_EQ(vine::utf16_to_utf8(lone), "x\xef\xbf\xbdy");
    auto strict = vine::utf16_to_utf8(lone, nullptr, 0, true);
    EXPECT_TRUE(strict.invalid);
}

// Unix text: every byte string survives unix_to_utf16 and utf16_to_unix.
TEST(Unicode, UnixTextRoundTripsEveryByte) {
    std::string all;
    for (int byte = 1; byte < 256; ++byte) all += static_cast<char>(byte);
    EXPECT_EQ(vine::utf16_to_unix(vine::unix_to_utf16(all)), all);
    // Truncated sequences, surrogates encoded in UTF-8 (ED A0 80), overlong
    // forms and valid text between them.
    for (std::string text : {std::string("caf\xc3"), std::string("\xed\xa0\x80z"), std::string("\xc0\xafx\xe2\x82\xac"),
                             std::string("\xf0\x9f\x98\x80\xff\xfe"), std::string("\xf4\x90\x80\x80")})
        EXPECT_EQ(vine::utf16_to_unix(vine::unix_to_utf16(text)), text);
}

TEST(Unicode, UnixTextEscapesOnlyInvalidBytes) {
    std::u16string expected = u"a\u00e9";
    expected += char16_t(0xdcff);
    expected += u"b";
    EXPECT_EQ(vine::unix_to_utf16("a\xc3\xa9\xff" "b"), expected);
    // A valid pair whose low half lies in U+DC80..U+DCFF stays a character.
    std::u16string pair = {char16_t(0xd83d), char16_t(0xdc80)};
    EXPECT_EQ(vine::utf16_to_unix(pair), vine::utf16_to_utf8(pair));
    // Lone surrogates outside the escape range are replaced.
    EXPECT_EQ(vine::utf16_to_unix(std::u16string(1, char16_t(0xd800))), "\xef\xbf\xbd");
}

TEST(Unicode, PrintableEscapesInvalidBytesAndControls) {
    EXPECT_EQ(vine::printable("KERNEL32.dll"), "KERNEL32.dll");
    EXPECT_EQ(vine::printable("caf\xc3\xa9 \xe2\x82\xac"), "caf\xc3\xa9 \xe2\x82\xac");
    EXPECT_EQ(vine::printable("A\xff" "B\xc3"), "A\\xffB\\xc3");
    EXPECT_EQ(vine::printable("line\nnext\x7f"), "line\\x0anext\\x7f");
    EXPECT_EQ(vine::printable("\xed\xa0\x80"), "\\xed\\xa0\\x80");
}

}  // namespace
