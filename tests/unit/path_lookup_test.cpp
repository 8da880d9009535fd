// vine::paths: case-insensitive lookup of Windows paths on a case-sensitive
// file system, in a temporary directory.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "vine/paths.h"

namespace fs = std::filesystem;
using vine::paths::dos_to_unix;
using vine::paths::lookup_ignoring_case;

namespace {

class PathLookup : public ::testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/vine-path-lookup-XXXXXX";
        ASSERT_NE(mkdtemp(tmpl), nullptr);
        root = tmpl;
        fs::create_directories(root + "/Program Files/MyApp");
        touch("/Program Files/MyApp/ReadMe.TXT");
        touch("/Program Files/MyApp/data.bin");
    }
    void TearDown() override { fs::remove_all(root); }
    void touch(const std::string& relative) { std::ofstream(root + relative) << "x"; }

    std::string root;
};

TEST_F(PathLookup, ExactSpellingIsKept) {
    std::string path = root + "/Program Files/MyApp/data.bin";
    EXPECT_EQ(lookup_ignoring_case(path), path);
}

TEST_F(PathLookup, EveryComponentIgnoresCase) {
    EXPECT_EQ(lookup_ignoring_case(root + "/PROGRAM FILES/myapp/readme.txt"), root + "/Program Files/MyApp/ReadMe.TXT");
    EXPECT_EQ(lookup_ignoring_case(root + "/program files/MYAPP"), root + "/Program Files/MyApp");
}

TEST_F(PathLookup, TrailingSlashIsKept) {
    EXPECT_EQ(lookup_ignoring_case(root + "/program files/myapp/"), root + "/Program Files/MyApp/");
}

TEST_F(PathLookup, ExactMatchWinsOverOtherSpellings) {
    touch("/Program Files/MyApp/DATA.BIN");
    EXPECT_EQ(lookup_ignoring_case(root + "/program files/myapp/DATA.BIN"), root + "/Program Files/MyApp/DATA.BIN");
    EXPECT_EQ(lookup_ignoring_case(root + "/program files/myapp/data.bin"), root + "/Program Files/MyApp/data.bin");
    // Neither spelling exactly: the smallest name, every time.
    EXPECT_EQ(lookup_ignoring_case(root + "/program files/myapp/Data.Bin"), root + "/Program Files/MyApp/DATA.BIN");
}

// The cached listing (loader/directory_cache.cpp) follows changes made
// behind its back: names created, deleted and renamed by plain Unix calls.
TEST_F(PathLookup, CachedListingFollowsChanges) {
    std::string dir = root + "/Program Files/MyApp";
    EXPECT_EQ(lookup_ignoring_case(dir + "/later.txt"), dir + "/later.txt");  // missing: listing cached
    touch("/Program Files/MyApp/Later.TXT");
    EXPECT_EQ(lookup_ignoring_case(dir + "/later.txt"), dir + "/Later.TXT");
    ASSERT_EQ(rename((dir + "/Later.TXT").c_str(), (dir + "/Renamed.txt").c_str()), 0);
    EXPECT_EQ(lookup_ignoring_case(dir + "/later.txt"), dir + "/later.txt");
    EXPECT_EQ(lookup_ignoring_case(dir + "/RENAMED.TXT"), dir + "/Renamed.txt");
    ASSERT_EQ(unlink((dir + "/Renamed.txt").c_str()), 0);
    EXPECT_EQ(lookup_ignoring_case(dir + "/RENAMED.TXT"), dir + "/RENAMED.TXT");
}

TEST_F(PathLookup, CachedListingFollowsItsDirectory) {
    std::string dir = root + "/Program Files/MyApp";
    EXPECT_EQ(lookup_ignoring_case(dir + "/README.txt"), dir + "/ReadMe.TXT");
    // Another directory now has the path: its entries, not the old ones.
    ASSERT_EQ(rename((root + "/Program Files").c_str(), (root + "/Old").c_str()), 0);
    fs::create_directories(dir);
    EXPECT_EQ(lookup_ignoring_case(dir + "/README.txt"), dir + "/README.txt");
    touch("/Program Files/MyApp/readme.TXT");
    EXPECT_EQ(lookup_ignoring_case(dir + "/README.txt"), dir + "/readme.TXT");
}

// Generated 8.3 names: stable, numbered in name order per stem, and
// accepted by the lookup.
TEST_F(PathLookup, ShortNames) {
    touch("/Program Files/MyApp/Long Name One.text");
    touch("/Program Files/MyApp/Long Name Two.text");
    auto names = vine::paths::short_names_in(root + "/Program Files/MyApp");
    std::map<std::string, std::u16string> by_name(names.begin(), names.end());
    EXPECT_EQ(by_name["data.bin"], u"data.bin");
    EXPECT_EQ(by_name["Long Name One.text"], u"LONGNA~1.TEX");
    EXPECT_EQ(by_name["Long Name Two.text"], u"LONGNA~2.TEX");
    EXPECT_EQ(vine::paths::short_names_in(root + "/Program Files/MyApp"), names);
    EXPECT_EQ(lookup_ignoring_case(root + "/PROGRA~1/MyApp/longna~2.tex"),
              root + "/Program Files/MyApp/Long Name Two.text");
    EXPECT_TRUE(vine::paths::is_short_name(u"README.TXT"));
    EXPECT_FALSE(vine::paths::is_short_name(u"readme.text"));
    EXPECT_FALSE(vine::paths::is_short_name(u"a b.txt"));
}

TEST_F(PathLookup, NewFinalComponentKeepsTheCallersCase) {
    EXPECT_EQ(lookup_ignoring_case(root + "/PROGRAM FILES/MyAPP/New File.Txt"),
              root + "/Program Files/MyApp/New File.Txt");
}

TEST_F(PathLookup, MissingDirectoryKeepsTheRestAsSpelled) {
    std::string path = lookup_ignoring_case(root + "/program files/Missing/ReadMe.txt");
    EXPECT_EQ(path, root + "/Program Files/Missing/ReadMe.txt");
    struct stat st {};
    EXPECT_NE(stat(path.c_str(), &st), 0);  // still fails, as a missing path must
}

TEST_F(PathLookup, RelativePathsUseTheCurrentDirectory) {
    char saved[4096];
    ASSERT_NE(getcwd(saved, sizeof saved), nullptr);
    ASSERT_EQ(chdir((root + "/Program Files").c_str()), 0);
    EXPECT_EQ(lookup_ignoring_case("MYAPP/README.txt"), "MyApp/ReadMe.TXT");
    EXPECT_EQ(lookup_ignoring_case("myapp"), "MyApp");
    EXPECT_EQ(chdir(saved), 0);
}

TEST_F(PathLookup, NonAsciiNamesFoldCase) {
    touch("/Program Files/MyApp/\xc3\x89t\xc3\xa9.txt");           // "Été.txt"
    touch("/Program Files/MyApp/\xd0\x9f\xd1\x80\xd0\xb8.txt");    // "При.txt"
    EXPECT_EQ(lookup_ignoring_case(root + "/Program Files/MyApp/\xc3\xa9t\xc3\x89.TXT"),
              root + "/Program Files/MyApp/\xc3\x89t\xc3\xa9.txt");
    EXPECT_EQ(lookup_ignoring_case(root + "/Program Files/MyApp/\xd0\xbf\xd0\xa0\xd0\x98.txt"),
              root + "/Program Files/MyApp/\xd0\x9f\xd1\x80\xd0\xb8.txt");
}

TEST(PathCase, FoldCase) {
    using vine::paths::names_equal_ignoring_case;
    EXPECT_TRUE(names_equal_ignoring_case(u"Kernel32.DLL", u"kernel32.dll"));
    EXPECT_TRUE(names_equal_ignoring_case(u"\u0100\u0139\u0178", u"\u0101\u013a\u00ff"));
    EXPECT_FALSE(names_equal_ignoring_case(u"a.txt", u"a.txt "));
    EXPECT_FALSE(names_equal_ignoring_case(u"\u00d7", u"\u00f7"));  // x and divide signs are not a pair
}

TEST(PathTranslation, DosToUnix) {
    EXPECT_EQ(dos_to_unix(u"Z:\\tmp\\x.txt"), "/tmp/x.txt");
    EXPECT_EQ(dos_to_unix(u"z:"), "/");
    EXPECT_EQ(dos_to_unix(u"\\\\?\\Z:\\tmp"), "/tmp");
    EXPECT_EQ(dos_to_unix(u"dir\\file"), "dir/file");
    EXPECT_EQ(dos_to_unix(u"Q:\\x"), std::nullopt);
}

}  // namespace
