// Units for vineserver's handle tables and sync area, the two structures
// every request touches.
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

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
    EXPECT_TRUE(protocol::is_sync_object_slot(slot));
    EXPECT_EQ(area.slot(slot)->state, 3u);
    EXPECT_EQ(area.slot(slot)->aux, 10u);
    EXPECT_EQ(area.slot(slot)->kind, static_cast<uint32_t>(protocol::SyncKind::semaphore));
    EXPECT_GE(area.object_fd(slot), 0);
    EXPECT_EQ(area.in_use(), 1u);
    area.release(slot);
    EXPECT_EQ(area.in_use(), 0u);
    EXPECT_EQ(area.slot(slot), nullptr);
    EXPECT_EQ(area.object_fd(slot), -1);
    area.release(0);                         // never a slot
    area.release(protocol::kSyncSlotCount - 1);  // never allocated: ignored
}

TEST_F(SyncAreaTest, ProcessesAndThreadsLiveInTheArea) {
    uint32_t thread = area.allocate(protocol::SyncKind::thread, 0, 0, 0);
    ASSERT_NE(thread, 0u);
    EXPECT_FALSE(protocol::is_sync_object_slot(thread));
    EXPECT_EQ(area.object_fd(thread), -1);
    area.signal(thread, 1);
    EXPECT_EQ(area.slot(thread)->state, 1u);
}

TEST_F(SyncAreaTest, FreedAreaSlotsAreReusedOldestFirst) {
    uint32_t a = area.allocate(protocol::SyncKind::thread, 0, 0, 0);
    uint32_t b = area.allocate(protocol::SyncKind::process, 0, 0, 0);
    area.release(a);
    area.release(b);
    EXPECT_EQ(area.allocate(protocol::SyncKind::thread, 0, 0, 0), a);
    EXPECT_EQ(area.allocate(protocol::SyncKind::thread, 0, 0, 0), b);
}

TEST_F(SyncAreaTest, ObjectNumbersAreNeverReused) {
    // A stale handle's number must never name a newer object.
    uint32_t a = area.allocate(protocol::SyncKind::event, 0, 0, 0);
    area.release(a);
    uint32_t b = area.allocate(protocol::SyncKind::event, 0, 0, 0);
    EXPECT_NE(a, b);
    EXPECT_EQ(area.slot(a), nullptr);
}

TEST_F(SyncAreaTest, ClientsCanOnlyReadTheArea) {
    void* writable = mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, area.fd(), 0);
    EXPECT_EQ(writable, MAP_FAILED);
    void* readable = mmap(nullptr, 4096, PROT_READ, MAP_SHARED, area.fd(), 0);
    ASSERT_NE(readable, MAP_FAILED);
    // Nor can a read-only mapping be made writable later.
    EXPECT_NE(mprotect(readable, 4096, PROT_READ | PROT_WRITE), 0);
    EXPECT_EQ(ftruncate(area.fd(), 0), -1);
    munmap(readable, 4096);
}

TEST_F(SyncAreaTest, AnObjectsHoldersShareItsState) {
    uint32_t event = area.allocate(protocol::SyncKind::event, 0, 1, 0);
    int fd = area.object_fd(event);
    ASSERT_GE(fd, 0);
    auto* mapped = static_cast<protocol::SyncSlot*>(
        mmap(nullptr, protocol::kSyncObjectSize, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
    ASSERT_NE(static_cast<void*>(mapped), MAP_FAILED);
    mapped->state = 1;  // a holder sets it
    EXPECT_EQ(area.slot(event)->state, 1u);
    // ...but cannot shrink what the server maps.
    EXPECT_EQ(ftruncate(fd, 0), -1);
    munmap(mapped, protocol::kSyncObjectSize);
}

TEST_F(SyncAreaTest, OneProcessHasAQuota) {
    constexpr uint32_t owner = 0x40, other = 0x44;
    std::vector<uint32_t> slots;
    for (uint32_t i = 0; i < protocol::kSyncObjectsPerProcess; ++i) {
        uint32_t slot = area.allocate(protocol::SyncKind::event, 0, 0, owner);
        ASSERT_NE(slot, 0u) << "object " << i;
        slots.push_back(slot);
    }
    EXPECT_EQ(area.allocate(protocol::SyncKind::event, 0, 0, owner), 0u);
    uint32_t others = area.allocate(protocol::SyncKind::event, 0, 0, other);
    EXPECT_NE(others, 0u);
    // Giving one back makes room for one more.
    area.release(slots.back());
    slots.back() = area.allocate(protocol::SyncKind::event, 0, 0, owner);
    EXPECT_NE(slots.back(), 0u);
    for (uint32_t slot : slots) area.release(slot);
    area.release(others);
    EXPECT_EQ(area.in_use(), 0u);
    // Threads count against a quota of their own.
    for (uint32_t i = 0; i < protocol::kSyncSlotsPerProcess; ++i)
        ASSERT_NE(area.allocate(protocol::SyncKind::thread, 0, 0, owner), 0u) << "thread " << i;
    EXPECT_EQ(area.allocate(protocol::SyncKind::thread, 0, 0, owner), 0u);
}

TEST_F(SyncAreaTest, AbandonFreesOnlyTheDeadOwnersMutexes) {
    uint32_t mine = area.allocate(protocol::SyncKind::mutex, 0x24, 2, 0);
    uint32_t theirs = area.allocate(protocol::SyncKind::mutex, 0x28, 1, 0);
    uint32_t event = area.allocate(protocol::SyncKind::event, 0x24, 0, 0);  // same number, not a mutex
    area.abandon_mutexes(0x24);
    EXPECT_EQ(area.slot(mine)->state, 0u);
    EXPECT_EQ(area.slot(mine)->abandoned, 1u);
    EXPECT_EQ(area.slot(theirs)->state, 0x28u);
    EXPECT_EQ(area.slot(theirs)->abandoned, 0u);
    EXPECT_EQ(area.slot(event)->state, 0x24u);
}

}  // namespace
}  // namespace vine::server
