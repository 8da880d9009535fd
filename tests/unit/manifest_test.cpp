// loader/manifest.cpp: which Windows versions a manifest's text declares.
#include "manifest.h"

#include <gtest/gtest.h>

namespace {

using vine::manifest::supported_os;

constexpr const char* kWindows10Id = "{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}";
constexpr const char* kWindows81Id = "{1f676c76-80e1-4239-95bb-83d0f6d0da78}";
constexpr const char* kWindows7Id = "{35138b9a-5d96-4fbd-8e2d-a2440225f93a}";

std::string manifest_with(const std::string& elements) {
    return "<?xml version=\"1.0\"?><assembly xmlns=\"urn:schemas-microsoft-com:asm.v1\" manifestVersion=\"1.0\">"
           "<compatibility xmlns=\"urn:schemas-microsoft-com:compatibility.v1\"><application>" +
           elements + "</application></compatibility></assembly>";
}

TEST(Manifest, NoCompatibilitySection) {
    EXPECT_EQ(supported_os(""), 0u);
    EXPECT_EQ(supported_os("<assembly><trustInfo/></assembly>"), 0u);
}

TEST(Manifest, NewestDeclaredVersionWins) {
    EXPECT_EQ(supported_os(manifest_with(std::string("<supportedOS Id=\"") + kWindows7Id + "\"/>")),
              vine::loader::kWindows7);
    EXPECT_EQ(supported_os(manifest_with(std::string("<supportedOS Id=\"") + kWindows7Id + "\"/><supportedOS Id=\"" +
                                         kWindows81Id + "\"/>")),
              vine::loader::kWindows81);
    EXPECT_EQ(supported_os(manifest_with(std::string("<supportedOS Id=\"") + kWindows81Id + "\"/><supportedOS Id=\"" +
                                         kWindows10Id + "\"/>")),
              vine::loader::kWindows10);
}

TEST(Manifest, IdsCompareIgnoringCase) {
    EXPECT_EQ(supported_os(manifest_with("<SupportedOS Id=\"{8E0F7A12-BFB3-4FE8-B9A5-48FD50A15A9A}\"/>")),
              vine::loader::kWindows10);
}

TEST(Manifest, AnIdOutsideSupportedOsMeansNothing) {
    EXPECT_EQ(supported_os(std::string("<!-- ") + kWindows10Id + " -->"), 0u);
    EXPECT_EQ(supported_os(manifest_with(std::string("<maxversiontested Id=\"") + kWindows10Id + "\"/>")), 0u);
}

}  // namespace
