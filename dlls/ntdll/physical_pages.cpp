// The AWE system calls: NtAllocateUserPhysicalPages(Ex) and
// NtFreeUserPhysicalPages ask the server, which keeps every process's pages
// (server/requests_physical_pages.cpp); NtMapUserPhysicalPages(Scatter)
// map them through the virtual memory manager (loader/physical_pages.cpp).
#include <algorithm>
#include <cstring>
#include <string>

#include "ntdll_private.h"
#include "object.h"
#include "vine/debug.h"
#include "vine/memory.h"
#include "vine/ntstatus.h"
#include "vine/server_client.h"
#include "vine/virtual_memory.h"

namespace {

using vine::protocol::kMaxPfnsPerRequest;

uint64_t handle_value(HANDLE process) { return reinterpret_cast<uintptr_t>(process); }

// Once per process: pages the server could not lock in RAM.
void warn_unlocked() {
    static bool warned = false;
    if (warned) return;
    warned = true;
    ERR_("virtual",
         "AWE pages are not locked in RAM: the server's RLIMIT_MEMLOCK is too small (raise it with ulimit -l "
         "before vineserver starts); Windows would have allocated fewer pages\n");
}

NTSTATUS allocate_pages(HANDLE process, ULONG_PTR* count, ULONG_PTR* pfns) {
    if (!count || !pfns) return STATUS_INVALID_PARAMETER;
    ULONG_PTR wanted = *count, granted = 0;
    if (!wanted) return STATUS_INVALID_PARAMETER_2;
    while (granted < wanted) {
        vine::protocol::allocate_physical_request request{handle_value(process),
                                                          std::min<uint64_t>(wanted - granted, kMaxPfnsPerRequest)};
        vine::protocol::allocate_physical_reply reply{};
        std::string frames;
        uint32_t error = vine::client::call(request, reply, nullptr, 0, nullptr, 0, &frames);
        if (error) {
            if (granted) break;  // fewer pages than asked for, as Windows may give
            return ntdll::status_from_server(error);
        }
        size_t got = std::min<size_t>(frames.size() / sizeof(uint64_t), wanted - granted);
        memcpy(pfns + granted, frames.data(), got * sizeof(uint64_t));
        granted += got;
        if (!reply.locked) warn_unlocked();
        if (got < request.count) break;
    }
    *count = granted;
    return STATUS_SUCCESS;
}

}  // namespace

VINE_EXPORT NTSTATUS NtAllocateUserPhysicalPages(HANDLE process, ULONG_PTR* count, ULONG_PTR* pfns) {
    return allocate_pages(process, count, pfns);
}

// The only extended parameter that means anything here is a NUMA node, and
// Vine has one.
VINE_EXPORT NTSTATUS NtAllocateUserPhysicalPagesEx(HANDLE process, ULONG_PTR* count, ULONG_PTR* pfns,
                                                   MEM_EXTENDED_PARAMETER* parameters, ULONG parameter_count) {
    if (parameter_count && !parameters) return STATUS_INVALID_PARAMETER;
    for (ULONG i = 0; i < parameter_count; ++i)
        if (parameters[i].Type != MemExtendedParameterNumaNode) return STATUS_INVALID_PARAMETER;
    return allocate_pages(process, count, pfns);
}

VINE_EXPORT NTSTATUS NtFreeUserPhysicalPages(HANDLE process, ULONG_PTR* count, ULONG_PTR* pfns) {
    if (!count || !pfns) return STATUS_INVALID_PARAMETER;
    ULONG_PTR total = *count, freed = 0;
    if (!total) return STATUS_INVALID_PARAMETER_2;
    NTSTATUS status = STATUS_SUCCESS;
    // All or nothing per request; a request holds up to kMaxPfnsPerRequest.
    while (freed < total) {
        uint64_t chunk = std::min<uint64_t>(total - freed, kMaxPfnsPerRequest);
        vine::protocol::free_physical_request request{handle_value(process)};
        vine::protocol::free_physical_reply reply{};
        std::string unmapped;
        uint32_t error = vine::client::call(request, reply, pfns + freed, static_cast<uint32_t>(chunk * 8), nullptr,
                                            0, &unmapped);
        if (error) {
            status = ntdll::status_from_server(error);
            break;
        }
        // Pages of ours that were mapped: they are not there any more.
        vine::vm::unmap_freed_physical_pages(reinterpret_cast<const uint64_t*>(unmapped.data()),
                                             unmapped.size() / sizeof(uint64_t));
        freed += chunk;
    }
    *count = freed;
    return status;
}

VINE_EXPORT NTSTATUS NtMapUserPhysicalPages(PVOID address, ULONG_PTR count, ULONG_PTR* pfns) {
    return vine::vm::map_physical_pages(address, count, pfns);
}

VINE_EXPORT NTSTATUS NtMapUserPhysicalPagesScatter(PVOID* addresses, ULONG_PTR count, ULONG_PTR* pfns) {
    return vine::vm::map_physical_pages_scatter(addresses, count, pfns);
}
