#include "address_space.h"

#include <sys/mman.h>

#include <cerrno>
#include <map>
#include <mutex>

namespace vine::address_space {
namespace {

constexpr uint64_t kGranularity = 0x10000;  // Windows' allocation granularity

struct Range {
    uint64_t start, end;
};
// Low 2 GiB (minus the first 64 KiB, never mapped on Windows either) and the
// region where 64-bit EXEs (0x140000000) and DLLs (0x180000000, mingw-w64's
// automatic bases) prefer to load.
constexpr Range kWindowsRanges[] = {
    {0x00010000, 0x7fff0000},
    {0x100000000, 0x1000000000},
};

std::mutex lock;
std::map<uint64_t, uint64_t> free_reserved;  // start -> end, still PROT_NONE

uint64_t align_up(uint64_t value, uint64_t alignment) { return (value + alignment - 1) & ~(alignment - 1); }

bool reserve(uint64_t start, uint64_t end) {
    void* p = mmap(reinterpret_cast<void*>(start), end - start, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
    if (p == MAP_FAILED) return false;
    if (reinterpret_cast<uint64_t>(p) != start) {  // kernels without NOREPLACE treat it as a hint
        munmap(p, end - start);
        return false;
    }
    free_reserved[start] = end;
    return true;
}

// Removes [start, end) from the free reserved ranges; true if it was wholly
// inside one of them.
bool take_reserved(uint64_t start, uint64_t end) {
    auto it = free_reserved.upper_bound(start);
    if (it == free_reserved.begin()) return false;
    --it;
    uint64_t range_start = it->first, range_end = it->second;
    if (end > range_end) return false;
    free_reserved.erase(it);
    if (range_start < start) free_reserved[range_start] = start;
    if (end < range_end) free_reserved[end] = range_end;
    return true;
}

void give_back_reserved(uint64_t start, uint64_t end) {
    auto next = free_reserved.lower_bound(start);
    if (next != free_reserved.end() && next->first == end) {
        end = next->second;
        free_reserved.erase(next);
    }
    auto prev = free_reserved.lower_bound(start);
    if (prev != free_reserved.begin()) {
        --prev;
        if (prev->second == start) {
            start = prev->first;
            free_reserved.erase(prev);
        }
    }
    free_reserved[start] = end;
}

bool in_windows_ranges(uint64_t start, uint64_t end) {
    for (const auto& range : kWindowsRanges)
        if (start >= range.start && end <= range.end) return true;
    return false;
}

}  // namespace

void reserve_windows_ranges() {
    std::lock_guard guard(lock);
    for (const auto& range : kWindowsRanges) {
        if (reserve(range.start, range.end)) continue;
        // Something is already there: reserve what is free, piece by piece.
        constexpr uint64_t kChunk = 0x1000000;
        for (uint64_t start = range.start; start < range.end; start += kChunk) reserve(start, start + kChunk);
    }
}

void* map_fixed(uint64_t address, size_t size, int prot, int fd) {
    std::lock_guard guard(lock);
    uint64_t end = address + align_up(size, 0x1000);
    if (end < address) return nullptr;
    bool reserved = take_reserved(address, end);
    int flags = (fd >= 0 ? MAP_SHARED : MAP_PRIVATE | MAP_ANONYMOUS) | (reserved ? MAP_FIXED : MAP_FIXED_NOREPLACE);
    void* p = mmap(reinterpret_cast<void*>(address), end - address, prot, flags, fd, 0);
    if (p == MAP_FAILED || reinterpret_cast<uint64_t>(p) != address) {
        if (p != MAP_FAILED) munmap(p, end - address);
        if (reserved) give_back_reserved(address, end);
        return nullptr;
    }
    return p;
}

void* map_anywhere(size_t size, int prot) {
    uint64_t length = align_up(size, kGranularity);
    {
        std::lock_guard guard(lock);
        for (auto& [start, end] : free_reserved) {
            uint64_t candidate = align_up(start, kGranularity);
            if (candidate + length > end || candidate + length < candidate) continue;
            uint64_t found = candidate;
            take_reserved(found, found + length);
            void* p = mmap(reinterpret_cast<void*>(found), length, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            if (p != MAP_FAILED) return p;
            give_back_reserved(found, found + length);
            return nullptr;
        }
    }
    void* p = mmap(nullptr, length, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? nullptr : p;
}

void release(void* address, size_t size) {
    uint64_t start = reinterpret_cast<uint64_t>(address);
    uint64_t end = start + align_up(size, 0x1000);
    std::lock_guard guard(lock);
    if (in_windows_ranges(start, end)) {
        mmap(address, end - start, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
        give_back_reserved(start, end);
    } else {
        munmap(address, end - start);
    }
}

}  // namespace vine::address_space
