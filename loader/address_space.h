// The Windows part of the address space. Before anything else is mapped,
// vine reserves (PROT_NONE) the ranges Windows programs expect to own, so
// that ld.so, glibc's heap and thread stacks cannot land at an EXE's or DLL's
// preferred base. Images and Windows allocations are carved out of them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace vine::address_space {

void reserve_windows_ranges();
// Takes [start, end) out of the free reservation (it stays PROT_NONE); false
// if it was not wholly free there.
bool take(uint64_t start, uint64_t end);
// Finds and takes `size` bytes of the free reservation at an `alignment`
// (at least 64 KiB) boundary within [lowest, highest], the lowest such
// address or with `top_down` the highest. 0 when there is none.
uint64_t take_free(uint64_t size, uint64_t alignment, uint64_t lowest, uint64_t highest, bool top_down);
// Returns [start, end) to the reservation as PROT_NONE pages without
// contents (or unmaps it when it lies outside the Windows ranges).
// `anonymous`: the range holds only private anonymous pages (no view of a
// file), which can be emptied in place.
void give_back(uint64_t start, uint64_t end, bool anonymous);
// True if `address` lies in the free reservation, with that free chunk in
// [start, end); otherwise [start, end) is the stretch between free chunks
// around it (held by something else: Vine's allocations or the host's).
bool free_extent(uint64_t address, uint64_t& start, uint64_t& end);
// The Windows protection closest to a Unix one.
uint32_t windows_protection(int prot);

// The three below also record what they map in the region map
// (vine/virtual_memory.h) as one committed allocation.
// Maps `size` bytes at exactly `address` (taking them out of the reservation
// if needed): anonymous memory, or with `fd` >= 0 a shared mapping of that
// file. Null if any part is already in use.
void* map_fixed(uint64_t address, size_t size, int prot, int fd = -1);
// Maps `size` bytes at a free, 64 KiB-aligned address of the reserved ranges
// (or anywhere, once they are exhausted). Null when out of memory.
void* map_anywhere(size_t size, int prot);

}  // namespace vine::address_space
