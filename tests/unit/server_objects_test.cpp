// Units for vineserver's handle tables and sync area, the two structures
// every request touches.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>

#include "handle_table.h"
#include "objects.h"
#include "sync_area.h"

namespace vine::server {
namespace {

std::shared_ptr<Object> object() { return std::make_shared<FileObject>(); }

TEST(HandleTable, ValuesAreMultiplesOfFourFromFour) {
    HandleTable table;
    EXPECT_EQ(table.insert({object(), 1, false, false}), 4u);
    EXPECT_EQ(table.insert({object(), 1, false, false}), 8u);
    EXPECT_EQ(table.insert({object(), 1, false, false}), 12u);
    EXPECT_EQ(table.count(), 3u);
}

TEST(HandleTable, FindRejectsValuesThatAreNotHandles) {
    HandleTable table;
    table.insert({object(), 1, false, false});
    EXPECT_NE(table.find(4), nullptr);
    EXPECT_EQ(table.find(0), nullptr);
    EXPECT_EQ(table.find(5), nullptr);   // not a multiple of 4
    EXPECT_EQ(table.find(8), nullptr);   // past the end
    EXPECT_EQ(table.find(~uint64_t{0}), nullptr);
    EXPECT_EQ(table.find(uint64_t{1} << 40), nullptr);
}

TEST(HandleTable, RemovedValuesAreReusedLowestFirst) {
    HandleTable table;
    for (int i = 0; i < 4; ++i) table.insert({object(), 1, false, false});
    EXPECT_TRUE(table.remove(12).object);
    EXPECT_TRUE(table.remove(4).object);
    EXPECT_FALSE(table.remove(4).object);  // already gone
    EXPECT_EQ(table.insert({object(), 1, false, false}), 4u);
    EXPECT_EQ(table.insert({object(), 1, false, false}), 12u);
    EXPECT_EQ(table.insert({object(), 1, false, false}), 20u);
}

TEST(HandleTable, InsertAtKeepsInheritedValues) {
    HandleTable table;
    EXPECT_TRUE(table.insert_at(40, {object(), 1, true, false}));
    EXPECT_FALSE(table.insert_at(40, {object(), 1, true, false}));  // taken
    EXPECT_FALSE(table.insert_at(42, {object(), 1, true, false}));  // not a handle value
    EXPECT_FALSE(table.insert_at(0, {object(), 1, true, false}));
    EXPECT_NE(table.find(40), nullptr);
    // The free values below stay available.
    EXPECT_EQ(table.insert({object(), 1, false, false}), 4u);
}

TEST(HandleTable, ObjectsLiveWhileAHandleDoes) {
    HandleTable table;
    auto shared = object();
    std::weak_ptr<Object> watch = shared;
    table.insert({shared, 1, false, false});
    table.insert({shared, 1, false, false});
    shared.reset();
    table.remove(4);
    EXPECT_FALSE(watch.expired());
    table.clear();
    EXPECT_TRUE(watch.expired());
}

class SyncAreaTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(area.create()); }
    SyncArea area;
};

TEST_F(SyncAreaTest, SlotsStartAsAsked) {
    uint32_t slot = area.allocate(protocol::SyncKind::semaphore, 3, 10, 0);
    ASSERT_NE(slot, 0u);
    EXPECT_EQ(area.slot(slot).state, 3u);
    EXPECT_EQ(area.slot(slot).aux, 10u);
    EXPECT_EQ(area.slot(slot).kind, static_cast<uint32_t>(protocol::SyncKind::semaphore));
    EXPECT_EQ(area.in_use(), 1u);
    area.release(slot);
    EXPECT_EQ(area.in_use(), 0u);
    area.release(0);                         // never a slot
    area.release(protocol::kSyncSlotCount);  // out of range: ignored
}

TEST_F(SyncAreaTest, FreedSlotsAreReusedOldestFirst) {
    uint32_t a = area.allocate(protocol::SyncKind::event, 0, 0, 0);
    uint32_t b = area.allocate(protocol::SyncKind::event, 0, 0, 0);
    area.release(a);
    area.release(b);
    EXPECT_EQ(area.allocate(protocol::SyncKind::event, 0, 0, 0), a);
    EXPECT_EQ(area.allocate(protocol::SyncKind::event, 0, 0, 0), b);
}

TEST_F(SyncAreaTest, OneProcessHasAQuota) {
    constexpr uint32_t owner = 0x40, other = 0x44;
    std::vector<uint32_t> slots;
    for (uint32_t i = 0; i < protocol::kSyncSlotsPerProcess; ++i) {
        uint32_t slot = area.allocate(protocol::SyncKind::event, 0, 0, owner);
        ASSERT_NE(slot, 0u) << "slot " << i;
        slots.push_back(slot);
    }
    EXPECT_EQ(area.allocate(protocol::SyncKind::event, 0, 0, owner), 0u);
    EXPECT_NE(area.allocate(protocol::SyncKind::event, 0, 0, other), 0u);
    // Giving one back makes room for one more.
    area.release(slots.back());
    EXPECT_NE(area.allocate(protocol::SyncKind::event, 0, 0, owner), 0u);
}

TEST_F(SyncAreaTest, AbandonFreesOnlyTheDeadOwnersMutexes) {
    uint32_t mine = area.allocate(protocol::SyncKind::mutex, 0x24, 2, 0);
    uint32_t theirs = area.allocate(protocol::SyncKind::mutex, 0x28, 1, 0);
    uint32_t event = area.allocate(protocol::SyncKind::event, 0x24, 0, 0);  // same number, not a mutex
    area.abandon_mutexes(0x24);
    EXPECT_EQ(area.slot(mine).state, 0u);
    EXPECT_EQ(area.slot(mine).abandoned, 1u);
    EXPECT_EQ(area.slot(theirs).state, 0x28u);
    EXPECT_EQ(area.slot(theirs).abandoned, 0u);
    EXPECT_EQ(area.slot(event).state, 0x24u);
}

}  // namespace
}  // namespace vine::server
