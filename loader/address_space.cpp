#include "address_space.h"

#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <mutex>

#include "vine/memory.h"
#include "vine/virtual_memory.h"

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

bool take(uint64_t start, uint64_t end) {
    std::lock_guard guard(lock);
    return take_reserved(start, end);
}

uint64_t take_free(uint64_t size, uint64_t alignment, uint64_t lowest, uint64_t highest, bool top_down) {
    if (alignment < kGranularity) alignment = kGranularity;
    if (!highest) highest = ~uint64_t{0};
    std::lock_guard guard(lock);
    auto fits = [&](uint64_t chunk_start, uint64_t chunk_end, uint64_t& found) {
        uint64_t low = std::max(chunk_start, lowest);
        uint64_t high = std::min(chunk_end, highest == ~uint64_t{0} ? highest : highest + 1);
        if (high <= low || high - low < size) return false;
        found = top_down ? (high - size) & ~(alignment - 1) : align_up(low, alignment);
        return found >= low && found + size <= high && found + size > found;
    };
    uint64_t found = 0;
    if (top_down) {
        for (auto it = free_reserved.rbegin(); it != free_reserved.rend(); ++it)
            if (fits(it->first, it->second, found)) break;
    } else {
        for (auto& [chunk_start, chunk_end] : free_reserved)
            if (fits(chunk_start, chunk_end, found)) break;
    }
    if (!found || !take_reserved(found, found + size)) return 0;
    return found;
}

void give_back(uint64_t start, uint64_t end, bool anonymous) {
    std::lock_guard guard(lock);
    if (in_windows_ranges(start, end)) {
        if (anonymous) {
            // Private anonymous pages: dropped and made inaccessible in
            // place, which costs the kernel less than a new mapping.
            madvise(reinterpret_cast<void*>(start), end - start, MADV_DONTNEED);
            mprotect(reinterpret_cast<void*>(start), end - start, PROT_NONE);
        } else {
            // A fresh PROT_NONE mapping: the old contents go, the range stays ours.
            mmap(reinterpret_cast<void*>(start), end - start, PROT_NONE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
        }
        give_back_reserved(start, end);
    } else {
        munmap(reinterpret_cast<void*>(start), end - start);
    }
}

bool free_extent(uint64_t address, uint64_t& start, uint64_t& end) {
    std::lock_guard guard(lock);
    auto it = free_reserved.upper_bound(address);
    uint64_t previous_end = 0;
    if (it != free_reserved.begin()) {
        auto prev = std::prev(it);
        if (address < prev->second) {
            start = prev->first;
            end = prev->second;
            return true;
        }
        previous_end = prev->second;
    }
    start = previous_end;
    end = it == free_reserved.end() ? ~uint64_t{0} : it->first;
    return false;
}

void* map_fixed(uint64_t address, size_t size, int prot, int fd) {
    uint64_t end = address + align_up(size, 0x1000);
    if (end < address) return nullptr;
    bool reserved = take(address, end);
    int flags = (fd >= 0 ? MAP_SHARED : MAP_PRIVATE | MAP_ANONYMOUS) | (reserved ? MAP_FIXED : MAP_FIXED_NOREPLACE);
    void* p = mmap(reinterpret_cast<void*>(address), end - address, prot, flags, fd, 0);
    if (p == MAP_FAILED || reinterpret_cast<uint64_t>(p) != address) {
        if (p != MAP_FAILED) munmap(p, end - address);
        if (reserved) give_back(address, end, true);
        return nullptr;
    }
    vm::record(p, end - address, MEM_PRIVATE, windows_protection(prot), windows_protection(prot));
    return p;
}

void* map_anywhere(size_t size, int prot) {
    uint64_t length = align_up(size, 0x1000);
    void* p = nullptr;
    if (uint64_t found = take_free(length, kGranularity, 0, 0, false)) {
        if (mprotect(reinterpret_cast<void*>(found), length, prot) == 0) {
            p = reinterpret_cast<void*>(found);
        } else {
            give_back(found, found + length, true);
            return nullptr;
        }
    } else {
        p = mmap(nullptr, length, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) return nullptr;
    }
    vm::record(p, length, MEM_PRIVATE, windows_protection(prot), windows_protection(prot));
    return p;
}

uint32_t windows_protection(int prot) {
    bool r = prot & PROT_READ, w = prot & PROT_WRITE, x = prot & PROT_EXEC;
    if (x) return w ? PAGE_EXECUTE_READWRITE : r ? PAGE_EXECUTE_READ : PAGE_EXECUTE;
    return w ? PAGE_READWRITE : r ? PAGE_READONLY : PAGE_NOACCESS;
}

}  // namespace vine::address_space
