// The registry's text format (server/hive_file.cpp): what it writes reads
// back the same, Wine's files read as Wine writes them, and damaged input
// gives errors with line numbers while the readable part still loads.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "hive_file.h"

namespace hive = vine::server::hive;

namespace {

std::string utf16_bytes(std::u16string_view text) {
    std::string bytes;
    for (char16_t c : text) {
        bytes += static_cast<char>(c & 0xff);
        bytes += static_cast<char>(c >> 8);
    }
    return bytes + std::string(2, '\0');
}

hive::Value value(std::u16string name, uint32_t type, std::string data) { return hive::Value{std::move(name), type, std::move(data)}; }

}  // namespace

TEST(HiveFile, RoundTripsEveryType) {
    uint32_t number = 0xdeadbeef;
    std::vector<hive::Key> keys{
        {u"Software\\Test", 132000000000000000LL,
         {value(u"", 1, utf16_bytes(u"default")),
          value(u"Text", 1, utf16_bytes(u"a \"quoted\" back\\slash\nnew line é ☃ 😀")),
          value(u"Expand", 2, utf16_bytes(u"%SystemRoot%\\x")),
          value(u"Dword", 4, std::string(reinterpret_cast<const char*>(&number), 4)),
          value(u"Binary", 3, std::string("\x00\x01\xff", 3)),
          value(u"Multi", 7, std::string("a\0\0\0b\0\0\0\0\0", 10)),
          value(u"Odd type", 0x12345, std::string(100, '\x5a')),
          value(u"Empty", 3, ""),
          value(u"Name \"with\" [marks]", 1, utf16_bytes(u""))}},
        {u"Software\\Test\\Sub key [x]", 132000000000000001LL, {}},
    };
    std::string text = hive::format("\\\\Machine", keys);
    EXPECT_EQ(text.rfind("WINE REGISTRY Version 2\n;; All keys relative to \\\\Machine\n", 0), 0u);
    EXPECT_NE(text.find("[Software\\\\Test] "), std::string::npos);
    EXPECT_NE(text.find("\"Dword\"=dword:deadbeef\n"), std::string::npos);
    EXPECT_NE(text.find("\"Expand\"=str(2):\"%SystemRoot%\\\\x\"\n"), std::string::npos);
    hive::Parsed parsed = hive::parse(text);
    ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0];
    ASSERT_EQ(parsed.keys.size(), keys.size());
    for (size_t k = 0; k < keys.size(); ++k) {
        EXPECT_EQ(parsed.keys[k].path, keys[k].path);
        EXPECT_EQ(parsed.keys[k].modified, keys[k].modified);
        ASSERT_EQ(parsed.keys[k].values.size(), keys[k].values.size());
        for (size_t v = 0; v < keys[k].values.size(); ++v) {
            EXPECT_EQ(parsed.keys[k].values[v].name, keys[k].values[v].name) << v;
            EXPECT_EQ(parsed.keys[k].values[v].type, keys[k].values[v].type) << v;
            EXPECT_EQ(parsed.keys[k].values[v].data, keys[k].values[v].data) << v;
        }
    }
}

TEST(HiveFile, ReadsWineWrittenText) {
    hive::Parsed parsed = hive::parse(
        "WINE REGISTRY Version 2\n;; All keys relative to \\\\Machine\n\n#arch=win64\n\n"
        "[Software\\\\Wine] 1700000000\n#time=1d9f0e3c1a2b3c4\n\"Version\"=\"wine-8.0\"\n"
        "\"Big\"=hex:00,01,02,\\\n  03,04\n@=dword:00000010\n");
    ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0];
    ASSERT_EQ(parsed.keys.size(), 1u);
    EXPECT_EQ(parsed.keys[0].path, u"Software\\Wine");
    EXPECT_EQ(parsed.keys[0].modified, 0x1d9f0e3c1a2b3c4LL);
    ASSERT_EQ(parsed.keys[0].values.size(), 3u);
    EXPECT_EQ(parsed.keys[0].values[0].data, utf16_bytes(u"wine-8.0"));
    EXPECT_EQ(parsed.keys[0].values[1].data, std::string("\x00\x01\x02\x03\x04", 5));
    EXPECT_EQ(parsed.keys[0].values[2].name, u"");
    EXPECT_EQ(parsed.keys[0].values[2].type, 4u);
}

TEST(HiveFile, DamageIsReportedAndTheRestLoads) {
    hive::Parsed parsed = hive::parse(
        "WINE REGISTRY Version 2\n[A] 1\n\"good\"=dword:00000001\n\"bad\"=dword:12\nnonsense\n"
        "\"unterminated=\"x\"\n[B] 2\n\"also good\"=hex:01\n\"cut\"=hex:01,\\");
    EXPECT_EQ(parsed.errors.size(), 4u);
    ASSERT_EQ(parsed.keys.size(), 2u);
    ASSERT_EQ(parsed.keys[0].values.size(), 1u);
    EXPECT_EQ(parsed.keys[0].values[0].name, u"good");
    ASSERT_EQ(parsed.keys[1].values.size(), 1u);
    bool names_line_4 = false;
    for (const auto& error : parsed.errors) names_line_4 |= error.rfind("line 4:", 0) == 0;
    EXPECT_TRUE(names_line_4) << "the bad dword's line is named";
}

TEST(HiveFile, KeepsLinkKeys) {
    std::vector<hive::Key> keys(2);
    keys[0].path = u"Software\\Link";
    keys[0].is_link = true;
    keys[0].values.push_back(hive::Value{u"SymbolicLinkValue", 6, utf16_bytes(u"\\Registry\\Machine\\Software\\X").substr(0, 58)});
    keys[1].path = u"Software\\Plain";
    std::string text = hive::format("\\\\Machine", keys);
    EXPECT_NE(text.find("\n#link\n"), std::string::npos) << "written as Wine marks links";
    hive::Parsed parsed = hive::parse(text);
    ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0];
    ASSERT_EQ(parsed.keys.size(), 2u);
    EXPECT_TRUE(parsed.keys[0].is_link);
    EXPECT_FALSE(parsed.keys[1].is_link);
    EXPECT_EQ(parsed.keys[0].values[0].type, 6u);
}

TEST(HiveFile, KeepsSecurityDescriptors) {
    std::vector<hive::Key> keys(1);
    keys[0].path = u"Software\\Guarded";
    keys[0].security = std::string("\x01\x00\x04\x80\x00\xff", 6);
    hive::Parsed parsed = hive::parse(hive::format("\\\\Machine", keys));
    ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0];
    ASSERT_EQ(parsed.keys.size(), 1u);
    EXPECT_EQ(parsed.keys[0].security, keys[0].security);
    hive::Parsed bad = hive::parse("WINE REGISTRY Version 2\n[A] 1\n#security=0g\n");
    EXPECT_EQ(bad.errors.size(), 1u) << "a descriptor that is not hex is damage";
}

TEST(HiveFile, RefusesOtherFiles) {
    EXPECT_FALSE(hive::parse("").errors.empty());
    EXPECT_FALSE(hive::parse("REGEDIT4\n[HKEY_CURRENT_USER\\x]\n").errors.empty());
    EXPECT_TRUE(hive::parse("WINE REGISTRY Version 2\n").errors.empty());
}
