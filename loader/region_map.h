// Vine's map of the Windows address space: every allocation (its base,
// extent, allocation protection, type) and, inside it, runs of pages with one
// state (MEM_COMMIT or MEM_RESERVE) and one protection. VirtualQuery answers
// from it, page-exactly, the way Windows does. Pure bookkeeping: no system
// calls; the caller (virtual_memory.cpp) holds the lock and maps the pages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

namespace vine::vm {

constexpr uintptr_t kPageSize = 0x1000;
constexpr uintptr_t kGranularity = 0x10000;  // Windows' allocation granularity

struct Allocation {
    uintptr_t end;
    uint32_t protect;  // AllocationProtect
    uint32_t type;     // MEM_PRIVATE, MEM_MAPPED or MEM_IMAGE
    bool placeholder = false;
    bool write_watch = false;
    bool from_placeholder = false;  // MEM_REPLACE_PLACEHOLDER: may become one again
    bool physical = false;          // MEM_PHYSICAL: AWE pages are mapped here (physical_pages.cpp)
    bool image_view = false;        // MEM_IMAGE mapped from a SEC_IMAGE section (an unmappable view)
};

// A run of pages of one allocation with the same state and protection.
struct Run {
    uintptr_t end;
    uint32_t state;    // MEM_COMMIT or MEM_RESERVE
    uint32_t protect;  // with PAGE_GUARD etc.; 0 when reserved
};

// What VirtualQuery reports for one address.
struct RegionInfo {
    uintptr_t base, end;          // the run of like pages containing the address
    uintptr_t allocation_base;    // 0 when free
    uint32_t allocation_protect;  // 0 when free
    uint32_t state;               // MEM_COMMIT, MEM_RESERVE or MEM_FREE
    uint32_t protect;
    uint32_t type;                // 0 when free
};

class RegionMap {
public:
    // Records a new allocation [base, end), all pages in `state`/`protect`.
    // The range must be free (see is_free).
    void add(uintptr_t base, uintptr_t end, const Allocation& allocation, uint32_t state, uint32_t protect);
    // Forgets the allocation starting at `base` (and its runs).
    void remove(uintptr_t base);
    // Sets the state and protection of [start, end), inside one allocation.
    void set(uintptr_t start, uintptr_t end, uint32_t state, uint32_t protect);
    // Splits the allocation containing `at` into two allocations at `at`
    // (placeholders), or joins the allocations [first, end) into one.
    void split(uintptr_t at);
    void join(uintptr_t first, uintptr_t end);

    // The allocation containing `address`, with its base; null if none.
    Allocation* allocation_at(uintptr_t address, uintptr_t* base = nullptr);
    const Allocation* allocation_at(uintptr_t address, uintptr_t* base = nullptr) const;
    bool is_free(uintptr_t start, uintptr_t end) const;
    // Whether every page of [start, end) is committed.
    bool committed(uintptr_t start, uintptr_t end) const;
    // The runs overlapping [start, end), clipped to it, in address order.
    std::vector<std::pair<uintptr_t, Run>> runs(uintptr_t start, uintptr_t end) const;
    // The run containing `address` or, when free, the gap around it:
    // [end of the previous allocation, base of the next one).
    RegionInfo query(uintptr_t address) const;
    // The first allocation at or above `address` (its base), or UINTPTR_MAX.
    uintptr_t next_allocation(uintptr_t address) const;
    // The end of the last allocation below or at `address`, or 0.
    uintptr_t previous_end(uintptr_t address) const;

    size_t allocation_count() const { return allocations_.size(); }

private:
    void merge_around(uintptr_t start, uintptr_t end);
    // Makes `at` a run boundary (splitting the run that contains it).
    void cut(uintptr_t at);

    std::map<uintptr_t, Allocation> allocations_;  // by base
    std::map<uintptr_t, Run> runs_;                // by start; never across allocations
};

}  // namespace vine::vm
