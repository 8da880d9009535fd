// The Windows part of the address space. Before anything else is mapped,
// vine reserves (PROT_NONE) the ranges Windows programs expect to own, so
// that ld.so, glibc's heap and thread stacks cannot land at an EXE's or DLL's
// preferred base. Images and Windows allocations are carved out of them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace vine::address_space {

void reserve_windows_ranges();
// Maps `size` bytes at exactly `address` (taking them out of the reservation
// if needed): anonymous memory, or with `fd` >= 0 a shared mapping of that
// file. Null if any part is already in use.
void* map_fixed(uint64_t address, size_t size, int prot, int fd = -1);
// Maps `size` bytes at a free, 64 KiB-aligned address of the reserved ranges
// (or anywhere, once they are exhausted). Null when out of memory.
void* map_anywhere(size_t size, int prot);
// Unmaps, returning reserved addresses to the reservation.
void release(void* address, size_t size);

}  // namespace vine::address_space
