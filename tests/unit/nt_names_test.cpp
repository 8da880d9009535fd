// vine::paths NT names: parse_nt_name, parse_relative_nt_name,
// dos_device_name and dos_to_nt_name (loader/nt_names.cpp).
#include <gtest/gtest.h>

#include "vine/ntstatus.h"
#include "vine/paths.h"

using vine::paths::dos_device_name;
using vine::paths::dos_to_nt_name;
using vine::paths::NtName;
using vine::paths::parse_nt_name;
using vine::paths::parse_relative_nt_name;

namespace {

TEST(NtNames, DriveNames) {
    NtName name;
    ASSERT_EQ(parse_nt_name(u"\\??\\c:\\Windows\\System32\\kernel32.dll", name), 0u);
    EXPECT_EQ(name.kind, NtName::Kind::drive);
    EXPECT_EQ(name.drive, u'C');
    EXPECT_EQ(name.rest, u"Windows\\System32\\kernel32.dll");
    EXPECT_FALSE(name.trailing_separator);
    ASSERT_EQ(parse_nt_name(u"\\DosDevices\\Z:\\tmp\\", name), 0u);
    EXPECT_EQ(name.drive, u'Z');
    EXPECT_EQ(name.rest, u"tmp");
    EXPECT_TRUE(name.trailing_separator);
    ASSERT_EQ(parse_nt_name(u"\\GLOBAL??\\D:", name), 0u);
    EXPECT_EQ(name.drive, u'D');
    EXPECT_EQ(name.rest, u"");
}

TEST(NtNames, InvalidNames) {
    NtName name;
    EXPECT_EQ(parse_nt_name(u"", name), uint32_t(STATUS_OBJECT_PATH_SYNTAX_BAD));
    EXPECT_EQ(parse_nt_name(u"C:\\x", name), uint32_t(STATUS_OBJECT_PATH_SYNTAX_BAD));
    EXPECT_EQ(parse_nt_name(u"\\??\\C:\\a*b", name), uint32_t(STATUS_OBJECT_NAME_INVALID));
    EXPECT_EQ(parse_nt_name(u"\\??\\C:\\a?b", name), uint32_t(STATUS_OBJECT_NAME_INVALID));
    EXPECT_EQ(parse_nt_name(u"\\??\\C:\\a/b", name), uint32_t(STATUS_OBJECT_NAME_INVALID));
    EXPECT_EQ(parse_nt_name(u"\\??\\C:\\a\\\\b", name), uint32_t(STATUS_OBJECT_NAME_INVALID));
    EXPECT_EQ(parse_nt_name(u"\\??\\C:\\a\\..\\b", name), uint32_t(STATUS_OBJECT_NAME_INVALID));
    EXPECT_EQ(parse_nt_name(u"\\??\\C:\\a\x01", name), uint32_t(STATUS_OBJECT_NAME_INVALID));
    EXPECT_EQ(parse_nt_name(u"\\??\\C:x", name), uint32_t(STATUS_OBJECT_NAME_INVALID));
    EXPECT_EQ(parse_nt_name(u"\\BaseNamedObjects\\x", name), uint32_t(STATUS_OBJECT_PATH_NOT_FOUND));
    EXPECT_EQ(parse_nt_name(u"\\??\\nothing", name), uint32_t(STATUS_OBJECT_NAME_NOT_FOUND));
}

TEST(NtNames, Devices) {
    NtName name;
    ASSERT_EQ(parse_nt_name(u"\\??\\nul", name), 0u);
    EXPECT_EQ(name.kind, NtName::Kind::device);
    EXPECT_EQ(name.device, u"NUL");
    ASSERT_EQ(parse_nt_name(u"\\Device\\Null", name), 0u);
    EXPECT_EQ(name.device, u"NUL");
    ASSERT_EQ(parse_nt_name(u"\\??\\com3:", name), 0u);
    EXPECT_EQ(name.device, u"COM3");
    EXPECT_NE(parse_nt_name(u"\\??\\COM0", name), 0u);
}

TEST(NtNames, Unc) {
    NtName name;
    ASSERT_EQ(parse_nt_name(u"\\??\\UNC\\server\\share\\file", name), 0u);
    EXPECT_EQ(name.kind, NtName::Kind::unc);
    EXPECT_EQ(name.rest, u"server\\share\\file");
}

TEST(NtNames, Relative) {
    NtName name;
    ASSERT_EQ(parse_relative_nt_name(u"sub\\file.txt", name), 0u);
    EXPECT_EQ(name.rest, u"sub\\file.txt");
    ASSERT_EQ(parse_relative_nt_name(u"", name), 0u);
    EXPECT_EQ(name.rest, u"");
    EXPECT_EQ(parse_relative_nt_name(u"\\abs", name), uint32_t(STATUS_INVALID_PARAMETER));
    EXPECT_EQ(parse_relative_nt_name(u"a|b", name), uint32_t(STATUS_OBJECT_NAME_INVALID));
}

TEST(NtNames, DosDevices) {
    EXPECT_EQ(dos_device_name(u"NUL"), u"NUL");
    EXPECT_EQ(dos_device_name(u"nul.txt"), u"NUL");
    EXPECT_EQ(dos_device_name(u"C:\\dir\\Con.log"), u"CON");
    EXPECT_EQ(dos_device_name(u"COM1:"), u"COM1");
    EXPECT_EQ(dos_device_name(u"lpt9 . "), u"LPT9");
    EXPECT_EQ(dos_device_name(u"aux "), u"AUX");
    EXPECT_EQ(dos_device_name(u"C:\\dir\\nullish"), u"");
    EXPECT_EQ(dos_device_name(u"COM10"), u"");
    EXPECT_EQ(dos_device_name(u"C:\\prn\\file"), u"");
}

TEST(NtNames, DosToNt) {
    EXPECT_EQ(dos_to_nt_name(u"C:\\x\\y.txt"), u"\\??\\C:\\x\\y.txt");
    EXPECT_EQ(dos_to_nt_name(u"\\\\server\\share\\f"), u"\\??\\UNC\\server\\share\\f");
    EXPECT_EQ(dos_to_nt_name(u"\\\\?\\C:\\a.\\b "), u"\\??\\C:\\a.\\b ");
    EXPECT_EQ(dos_to_nt_name(u"\\\\.\\NUL"), u"\\??\\NUL");
    EXPECT_EQ(dos_to_nt_name(u"\\\\.\\COM2"), u"\\??\\COM2");
    EXPECT_EQ(dos_to_nt_name(u"C:\\work\\nul.txt"), u"\\??\\NUL");
}

}  // namespace

namespace {

TEST(NtNames, MaskMatching) {
    using vine::paths::nt_mask_matches;
    EXPECT_TRUE(nt_mask_matches(u"*", u"anything.txt", true));
    EXPECT_TRUE(nt_mask_matches(u"*.TXT", u"a.txt", true));
    EXPECT_FALSE(nt_mask_matches(u"*.TXT", u"a.txt", false));
    EXPECT_TRUE(nt_mask_matches(u"a?c", u"abc", true));
    EXPECT_FALSE(nt_mask_matches(u"a?c", u"ac", true));
    // DOS_QM: nothing at a dot or the end.
    EXPECT_TRUE(nt_mask_matches(u"a>>\".txt", u"a.txt", true) || nt_mask_matches(u"a>>.txt", u"a.txt", true));
    EXPECT_TRUE(nt_mask_matches(u"a>>.txt", u"a.txt", true));
    // DOS_STAR up to the last dot; DOS_DOT a dot or the end.
    EXPECT_TRUE(nt_mask_matches(u"<.txt", u"x.y.txt", true));
    EXPECT_TRUE(nt_mask_matches(u"<\"*", u"noext", true));
    EXPECT_TRUE(nt_mask_matches(u"*\"", u"noext", true));
    EXPECT_FALSE(nt_mask_matches(u"<\"", u"has.ext", true));
}

}  // namespace
