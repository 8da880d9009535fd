// The region map (loader/region_map.cpp): what VirtualQuery reports for
// allocations, runs of pages, placeholders and free space.
#include "region_map.h"

#include <gtest/gtest.h>

#include "vine/memory.h"

using namespace vine::vm;

namespace {

constexpr uintptr_t kBase = 0x10000000;

Allocation private_rw() { return Allocation{0, PAGE_READWRITE, MEM_PRIVATE}; }

TEST(RegionMap, FreeSpaceIsTheGapBetweenAllocations) {
    RegionMap map;
    map.add(kBase, kBase + 0x10000, private_rw(), MEM_COMMIT, PAGE_READWRITE);
    map.add(kBase + 0x40000, kBase + 0x50000, private_rw(), MEM_RESERVE, 0);
    RegionInfo gap = map.query(kBase + 0x20000);
    EXPECT_EQ(gap.state, MEM_FREE);
    EXPECT_EQ(gap.base, kBase + 0x10000);
    EXPECT_EQ(gap.end, kBase + 0x40000);
    EXPECT_EQ(gap.allocation_base, 0u);
    EXPECT_EQ(gap.type, 0u);
    EXPECT_EQ(map.query(kBase - 1).end, kBase);
    EXPECT_EQ(map.query(kBase + 0x60000).end, UINTPTR_MAX);
}

TEST(RegionMap, TouchingAllocationsStayApart) {
    RegionMap map;
    map.add(kBase, kBase + 0x10000, private_rw(), MEM_COMMIT, PAGE_READWRITE);
    map.add(kBase + 0x10000, kBase + 0x20000, private_rw(), MEM_COMMIT, PAGE_READWRITE);
    RegionInfo first = map.query(kBase + 0x1000);
    EXPECT_EQ(first.base, kBase);
    EXPECT_EQ(first.end, kBase + 0x10000);  // not merged with the neighbour
    RegionInfo second = map.query(kBase + 0x10000);
    EXPECT_EQ(second.allocation_base, kBase + 0x10000);
    EXPECT_EQ(second.end, kBase + 0x20000);
}

TEST(RegionMap, PartialCommitSplitsAndMergesRuns) {
    RegionMap map;
    map.add(kBase, kBase + 0x100000, Allocation{0, PAGE_NOACCESS, MEM_PRIVATE}, MEM_RESERVE, 0);
    map.set(kBase + 0x3000, kBase + 0x5000, MEM_COMMIT, PAGE_READWRITE);
    RegionInfo below = map.query(kBase);
    EXPECT_EQ(below.state, MEM_RESERVE);
    EXPECT_EQ(below.protect, 0u);
    EXPECT_EQ(below.end, kBase + 0x3000);
    RegionInfo middle = map.query(kBase + 0x4fff);
    EXPECT_EQ(middle.state, MEM_COMMIT);
    EXPECT_EQ(middle.protect, PAGE_READWRITE);
    EXPECT_EQ(middle.base, kBase + 0x3000);
    EXPECT_EQ(middle.end, kBase + 0x5000);
    EXPECT_EQ(middle.allocation_base, kBase);
    EXPECT_EQ(middle.allocation_protect, PAGE_NOACCESS);
    EXPECT_EQ(map.query(kBase + 0x5000).end, kBase + 0x100000);

    // Committing the neighbours alike joins the runs into one.
    map.set(kBase + 0x5000, kBase + 0x6000, MEM_COMMIT, PAGE_READWRITE);
    map.set(kBase + 0x2000, kBase + 0x3000, MEM_COMMIT, PAGE_READWRITE);
    RegionInfo joined = map.query(kBase + 0x2000);
    EXPECT_EQ(joined.base, kBase + 0x2000);
    EXPECT_EQ(joined.end, kBase + 0x6000);
    EXPECT_TRUE(map.committed(kBase + 0x2000, kBase + 0x6000));
    EXPECT_FALSE(map.committed(kBase + 0x1000, kBase + 0x6000));
    EXPECT_FALSE(map.committed(kBase + 0x2000, kBase + 0x7000));

    // A different protection in the middle makes three runs.
    map.set(kBase + 0x3000, kBase + 0x4000, MEM_COMMIT, PAGE_READONLY | PAGE_GUARD);
    EXPECT_EQ(map.query(kBase + 0x2000).end, kBase + 0x3000);
    EXPECT_EQ(map.query(kBase + 0x3000).protect, PAGE_READONLY | PAGE_GUARD);
    EXPECT_EQ(map.query(kBase + 0x4000).end, kBase + 0x6000);
    auto runs = map.runs(kBase + 0x2800, kBase + 0x4800);
    ASSERT_EQ(runs.size(), 3u);
    EXPECT_EQ(runs[0].first, kBase + 0x2800);
    EXPECT_EQ(runs[2].second.end, kBase + 0x4800);

    // Decommitting everything leaves one reserved run.
    map.set(kBase, kBase + 0x100000, MEM_RESERVE, 0);
    RegionInfo all = map.query(kBase + 0x50000);
    EXPECT_EQ(all.base, kBase);
    EXPECT_EQ(all.end, kBase + 0x100000);
}

TEST(RegionMap, RemoveFreesTheRange) {
    RegionMap map;
    map.add(kBase, kBase + 0x20000, private_rw(), MEM_COMMIT, PAGE_READWRITE);
    map.set(kBase + 0x1000, kBase + 0x2000, MEM_COMMIT, PAGE_NOACCESS);
    EXPECT_FALSE(map.is_free(kBase + 0x10000, kBase + 0x30000));
    map.remove(kBase);
    EXPECT_TRUE(map.is_free(kBase, kBase + 0x20000));
    EXPECT_EQ(map.query(kBase + 0x1000).state, MEM_FREE);
    EXPECT_EQ(map.allocation_count(), 0u);
    EXPECT_TRUE(map.runs(kBase, kBase + 0x20000).empty());
}

TEST(RegionMap, PlaceholdersSplitAndJoin) {
    RegionMap map;
    Allocation placeholder{0, PAGE_NOACCESS, MEM_PRIVATE, true};
    map.add(kBase, kBase + 0x40000, placeholder, MEM_RESERVE, 0);
    map.split(kBase + 0x10000);
    map.split(kBase + 0x20000);
    uintptr_t base = 0;
    ASSERT_NE(map.allocation_at(kBase + 0x18000, &base), nullptr);
    EXPECT_EQ(base, kBase + 0x10000);
    EXPECT_EQ(map.allocation_at(kBase + 0x18000)->end, kBase + 0x20000);
    EXPECT_EQ(map.query(kBase).end, kBase + 0x10000);
    EXPECT_EQ(map.query(kBase + 0x20000).allocation_base, kBase + 0x20000);
    EXPECT_EQ(map.allocation_count(), 3u);
    map.join(kBase, kBase + 0x40000);
    EXPECT_EQ(map.allocation_count(), 1u);
    RegionInfo joined = map.query(kBase + 0x30000);
    EXPECT_EQ(joined.allocation_base, kBase);
    EXPECT_EQ(joined.base, kBase);
    EXPECT_EQ(joined.end, kBase + 0x40000);
}

}  // namespace
