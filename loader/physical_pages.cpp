// Mapping AWE pages (MapUserPhysicalPages and its scatter form) into the
// MEM_PHYSICAL regions of this process. The pages are the process's memfd,
// kept by the server (server/requests_physical_pages.cpp), which checks
// every frame number and records where each page is mapped; this side
// checks the addresses against the region map and maps the memfd's pages
// there with MAP_SHARED | MAP_FIXED, so a page's contents survive being
// unmapped and mapped again elsewhere. Unmapped AWE pages are fresh
// PROT_NONE anonymous pages, as the rest of the reservation.
#include <sys/mman.h>
#include <unistd.h>

#include <utility>
#include <vector>

#include "virtual_memory_state.h"
#include "vine/memory.h"
#include "vine/ntstatus.h"
#include "vine/server_client.h"
#include "vine/virtual_memory.h"

namespace vine::vm {
namespace {

int memfd = -1;  // the process's AWE memfd, from the server's first map_physical reply

// (address, frame number or 0 for "unmap").
using Entries = std::vector<std::pair<uint64_t, uint64_t>>;

bool in_physical_region(uintptr_t start, uintptr_t end) {
    const Allocation* allocation = map.allocation_at(start);
    return allocation && allocation->physical && end <= allocation->end;
}

NTSTATUS status_of(uint32_t error) {
    switch (error) {
    case protocol::status::success: return STATUS_SUCCESS;
    case protocol::status::invalid_parameter: return STATUS_INVALID_PARAMETER;
    case protocol::status::no_system_resources: return STATUS_INSUFFICIENT_RESOURCES;
    default: return STATUS_NO_MEMORY;
    }
}

void make_inaccessible(uint64_t start, uint64_t length) {
    mmap(reinterpret_cast<void*>(start), length, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
         -1, 0);
}

// Applies checked entries: runs of consecutive addresses holding
// consecutive pages (or all unmapped) are one mmap each.
NTSTATUS apply_entries(const Entries& entries) {
    size_t i = 0;
    while (i < entries.size()) {
        size_t j = i + 1;
        uint64_t pfn = entries[i].second;
        while (j < entries.size() && entries[j].first == entries[j - 1].first + kPageSize &&
               (pfn ? entries[j].second == entries[j - 1].second + 1 : !entries[j].second))
            ++j;
        uint64_t start = entries[i].first, length = (j - i) * kPageSize;
        if (!pfn) {
            make_inaccessible(start, length);
        } else {
            off_t offset = static_cast<off_t>(protocol::pfn_index(pfn) * kPageSize);
            if (mmap(reinterpret_cast<void*>(start), length, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, memfd,
                     offset) == MAP_FAILED)
                return STATUS_INSUFFICIENT_RESOURCES;
        }
        i = j;
    }
    return STATUS_SUCCESS;
}

NTSTATUS map_entries(Entries& entries) {
    MapGuard guard;
    for (auto& [address, pfn] : entries)
        if ((address & (kPageSize - 1)) || !in_physical_region(address, address + kPageSize))
            return STATUS_INVALID_PARAMETER_1;
    protocol::map_physical_request request{};
    request.want_fd = memfd < 0;
    protocol::map_physical_reply reply{};
    std::vector<int> fds;
    uint32_t error = client::call(request, reply, entries.data(), static_cast<uint32_t>(entries.size() * 16), nullptr,
                                  0, nullptr, &fds);
    if (error) return status_of(error);
    size_t taken = 0;
    if (memfd < 0) {
        if (fds.empty()) return STATUS_INSUFFICIENT_RESOURCES;
        memfd = fds[0];
        taken = 1;
    }
    for (size_t k = taken; k < fds.size(); ++k) close(fds[k]);
    return apply_entries(entries);
}

}  // namespace

NTSTATUS map_physical_pages(void* base, ULONG_PTR count, const ULONG_PTR* pfns) {
    auto start = reinterpret_cast<uintptr_t>(base);
    if (!count) return STATUS_SUCCESS;
    if (count > protocol::kMaxPfnsPerRequest / 2 || (start & (kPageSize - 1))) return STATUS_INVALID_PARAMETER_1;
    // The guest's array is read before the lock is taken (see virtual_memory_state.h).
    Entries entries(count);
    for (ULONG_PTR i = 0; i < count; ++i) entries[i] = {start + i * kPageSize, pfns ? pfns[i] : 0};
    return map_entries(entries);
}

NTSTATUS map_physical_pages_scatter(void* const* addresses, ULONG_PTR count, const ULONG_PTR* pfns) {
    if (!count) return STATUS_SUCCESS;
    if (!addresses || count > protocol::kMaxPfnsPerRequest / 2) return STATUS_INVALID_PARAMETER_1;
    Entries entries(count);
    for (ULONG_PTR i = 0; i < count; ++i) entries[i] = {reinterpret_cast<uintptr_t>(addresses[i]), pfns ? pfns[i] : 0};
    return map_entries(entries);
}

void unmap_freed_physical_pages(const uint64_t* addresses, size_t count) {
    MapGuard guard;
    for (size_t i = 0; i < count; ++i)
        if (in_physical_region(addresses[i], addresses[i] + kPageSize)) make_inaccessible(addresses[i], kPageSize);
}

void forget_physical_pages(uintptr_t start, uintptr_t end) {
    protocol::map_physical_request request{};
    request.clear_start = start;
    request.clear_end = end;
    protocol::map_physical_reply reply{};
    client::call(request, reply);
}

}  // namespace vine::vm
