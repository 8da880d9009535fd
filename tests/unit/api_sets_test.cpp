// loader/api_sets.cpp: Windows' matching rules for API set names.
#include <gtest/gtest.h>

#include "api_sets.h"

using vine::loader::api_set_present;
using vine::loader::resolve_api_set;

namespace {
std::u16string host(std::u16string_view name) {
    auto resolved = resolve_api_set(name);
    return resolved ? resolved->host : u"(not a contract)";
}
}  // namespace

TEST(ApiSets, TableIsSortedForTheBinarySearch) { EXPECT_TRUE(vine::loader::api_set_schema_is_sorted()); }

TEST(ApiSets, ContractsResolveToTheirHost) {
    EXPECT_EQ(host(u"api-ms-win-crt-runtime-l1-1-0.dll"), u"ucrtbase.dll");
    EXPECT_EQ(host(u"api-ms-win-crt-stdio-l1-1-0.dll"), u"ucrtbase.dll");
    EXPECT_EQ(host(u"api-ms-win-core-rtlsupport-l1-1-0.dll"), u"ntdll.dll");
    EXPECT_EQ(host(u"api-ms-win-core-kernel32-legacy-l1-1-0.dll"), u"kernel32.dll");
    // kernelbase's contracts are served by Vine's kernel32.
    EXPECT_EQ(host(u"api-ms-win-core-synch-l1-2-0.dll"), u"kernel32.dll");
    EXPECT_EQ(host(u"api-ms-win-core-registry-l2-1-0.dll"), u"advapi32.dll");
    EXPECT_EQ(host(u"ext-ms-win-ntuser-window-l1-1-0.dll"), u"user32.dll");
}

TEST(ApiSets, OnlyTheLastVersionNumberIsIgnored) {
    EXPECT_EQ(host(u"api-ms-win-core-synch-l1-2-1.dll"), u"kernel32.dll");
    EXPECT_EQ(host(u"api-ms-win-core-synch-l1-2-0"), u"kernel32.dll");
    EXPECT_EQ(host(u"API-MS-WIN-CORE-SYNCH-L1-2-0.DLL"), u"kernel32.dll");
    EXPECT_EQ(host(u"api-ms-win-core-synch-l1-2.dll"), u"(not a contract)");
    EXPECT_EQ(host(u"api-ms-win-core-synch-l1-9-0.dll"), u"(not a contract)");
}

TEST(ApiSets, NamesOutsideTheNamespaceAreOrdinaryFiles) {
    EXPECT_FALSE(resolve_api_set(u"kernel32.dll"));
    EXPECT_FALSE(resolve_api_set(u"apiset.dll"));
    EXPECT_FALSE(resolve_api_set(u"api-"));
    EXPECT_FALSE(resolve_api_set(u""));
}

TEST(ApiSets, PresenceNeedsAHost) {
    EXPECT_TRUE(api_set_present(u"api-ms-win-crt-math-l1-1-0"));
    EXPECT_TRUE(api_set_present(u"api-ms-win-core-processthreads-l1-1-3.dll"));
    EXPECT_FALSE(api_set_present(u"ext-ms-win-vine-absent-l1-1-0"));
    EXPECT_FALSE(api_set_present(u"api-ms-win-core-vine-nonexistent-l1-1-0"));
    EXPECT_FALSE(api_set_present(u"user32.dll"));
}
