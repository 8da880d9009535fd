// Address Windowing Extensions (seed 003): the "physical" pages of each
// process are pages of one memfd the server keeps for it. The server maps
// every memfd into its own address space once, in a window reserved for the
// process's largest possible allocation, and locks the allocated pages
// there with mlock, so they stay in RAM whether or not the process has them
// mapped; the process maps the pages it asks for with MAP_SHARED | MAP_FIXED
// (loader/physical_pages.cpp). The server is the authority on which pages
// are allocated and where each one is mapped, so a page is never mapped at
// two addresses and a frame number that names no allocated page of the
// caller is refused.
//
// Freed pages go on a free list (lowest first, so the tail of the memfd
// empties first); their contents are punched out, and when the tail of the
// memfd is free the file is truncated.
#include <fcntl.h>
#include <linux/falloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "server.h"

namespace vine::server {

using namespace protocol;

namespace {

constexpr uint64_t kPageSize = 4096;
constexpr unsigned kLockMemoryPrivilege = 4;  // SeLockMemoryPrivilege's LUID
// The largest memfd of one process, in pages (256 GiB): the size of the
// server's window onto it, which reserves address space only.
constexpr uint64_t kWindowPages = uint64_t{1} << 26;

}  // namespace

struct PhysicalPages {
    int fd = -1;
    uint8_t* window = nullptr;  // kWindowPages pages of the memfd, MAP_SHARED
    uint64_t pages = 0;         // the memfd's size in pages
    std::set<uint64_t> free;    // indexes below `pages` not allocated
    std::unordered_map<uint64_t, uint64_t> address_of;  // index -> where the process maps it
    std::map<uint64_t, uint64_t> page_at;               // address -> index

    ~PhysicalPages() {
        if (window) munmap(window, kWindowPages * kPageSize);
        if (fd >= 0) close(fd);
    }
    bool allocated(uint64_t index) const { return index < pages && !free.count(index); }
    void unmap_address(uint64_t address) {
        auto it = page_at.find(address);
        if (it == page_at.end()) return;
        address_of.erase(it->second);
        page_at.erase(it);
    }
    // Zeroes the page and gives its memory back to the system.
    void punch(uint64_t index, uint64_t count = 1) {
        fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, static_cast<off_t>(index * kPageSize),
                  static_cast<off_t>(count * kPageSize));
    }
    // Makes pages [index, +count) present and, if the limit allows, locked.
    // False when the memory is not there at all.
    bool populate(uint64_t index, uint64_t count, bool& locked) {
        void* start = window + index * kPageSize;
        size_t length = count * kPageSize;
        if (mlock(start, length) == 0) return true;
        locked = false;
        return madvise(start, length, MADV_POPULATE_WRITE) == 0;
    }
};

namespace {

// The process's pages, made on first use; null when no memfd can be had.
PhysicalPages* pages_of(Process& process) {
    if (process.physical_pages) return process.physical_pages.get();
    auto pages = std::make_shared<PhysicalPages>();
    pages->fd = memfd_create("vine-awe", MFD_CLOEXEC);
    if (pages->fd < 0) return nullptr;
    void* window = mmap(nullptr, kWindowPages * kPageSize, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_NORESERVE,
                        pages->fd, 0);
    if (window == MAP_FAILED) return nullptr;
    pages->window = static_cast<uint8_t*>(window);
    process.physical_pages = std::move(pages);
    return process.physical_pages.get();
}

bool holds_lock_memory(const Process& caller) {
    return caller.token && (caller.token->enabled & (uint64_t{1} << kLockMemoryPrivilege));
}

// The most pages one process may hold: half the machine's memory, as
// Windows grants AWE pages only from physical memory that is there.
uint64_t page_limit() {
    long physical = sysconf(_SC_PHYS_PAGES);
    uint64_t half = physical > 0 ? static_cast<uint64_t>(physical) / 2 : kWindowPages;
    return std::min(half, kWindowPages);
}

std::shared_ptr<Process> target_process(Request& request, uint64_t handle, uint32_t& error) {
    uint32_t granted = 0;
    auto process = resolve_as<Process>(*request.client.process, handle, ObjectType::process, &granted);
    error = !process ? status::invalid_handle
            : !(granted & access::process_vm_operation) ? status::access_denied
            : process->ended ? status::access_denied
                             : status::success;
    return error ? nullptr : process;
}

// The frame numbers of a request's var, or false when its size is not a
// whole number of them.
bool pfns_of(const Request& request, std::vector<uint64_t>& pfns) {
    if (request.view.var_size % sizeof(uint64_t)) return false;
    pfns.resize(request.view.var_size / sizeof(uint64_t));
    if (!pfns.empty()) memcpy(pfns.data(), request.view.var, request.view.var_size);
    return true;
}

}  // namespace

void handle_allocate_physical(Request& request, Reply& reply) {
    auto req = request.get<allocate_physical_request>();
    if (!holds_lock_memory(*request.client.process)) return reply.fail(status::privilege_not_held);
    uint32_t error;
    auto process = target_process(request, req.process, error);
    if (!process) return reply.fail(error);
    if (!req.count) return reply.fail(status::invalid_parameter);
    PhysicalPages* pages = pages_of(*process);
    if (!pages) return reply.fail(status::no_system_resources);

    uint64_t wanted = std::min(req.count, kMaxPfnsPerRequest);
    uint64_t held = pages->pages - pages->free.size();
    uint64_t limit = page_limit();
    wanted = std::min(wanted, held < limit ? limit - held : 0);
    std::vector<uint64_t> granted;
    bool locked = true;
    // Reused pages first, lowest first; each is punched again so that it
    // comes back zeroed even if a stale mapping wrote to it after its free.
    while (granted.size() < wanted && !pages->free.empty()) {
        uint64_t index = *pages->free.begin();
        pages->punch(index);
        if (!pages->populate(index, 1, locked)) break;
        pages->free.erase(pages->free.begin());
        granted.push_back(index);
    }
    uint64_t grow = wanted - granted.size();
    if (grow) {
        uint64_t first = pages->pages;
        grow = std::min(grow, kWindowPages - first);
        if (grow && ftruncate(pages->fd, static_cast<off_t>((first + grow) * kPageSize)) == 0) {
            if (pages->populate(first, grow, locked)) {
                pages->pages = first + grow;
                for (uint64_t i = 0; i < grow; ++i) granted.push_back(first + i);
            } else {
                ftruncate(pages->fd, static_cast<off_t>(first * kPageSize));
            }
        }
    }
    if (granted.empty()) return reply.fail(status::no_system_resources);
    for (uint64_t& index : granted) index = pfn_of(process->id, index);
    reply.var.assign(reinterpret_cast<const char*>(granted.data()), granted.size() * sizeof(uint64_t));
    reply.set(allocate_physical_reply{granted.size(), locked ? 1u : 0u, 0});
}

void handle_free_physical(Request& request, Reply& reply) {
    auto req = request.get<free_physical_request>();
    uint32_t error;
    auto process = target_process(request, req.process, error);
    if (!process) return reply.fail(error);
    std::vector<uint64_t> pfns;
    if (!pfns_of(request, pfns) || pfns.empty()) return reply.fail(status::invalid_parameter);
    PhysicalPages* pages = process->physical_pages.get();
    if (!pages) return reply.fail(status::invalid_parameter);
    bool own = process == request.client.process;
    // Everything is checked before anything is freed.
    std::unordered_set<uint64_t> seen;
    for (uint64_t pfn : pfns) {
        uint64_t index = pfn_index(pfn);
        if (pfn_process(pfn) != process->id || !pages->allocated(index) || !seen.insert(index).second)
            return reply.fail(status::invalid_parameter);
        if (!own && pages->address_of.count(index)) return reply.fail(status::invalid_address);
    }
    std::vector<uint64_t> unmapped;
    for (uint64_t pfn : pfns) {
        uint64_t index = pfn_index(pfn);
        auto mapped = pages->address_of.find(index);
        if (mapped != pages->address_of.end()) {
            unmapped.push_back(mapped->second);
            pages->unmap_address(mapped->second);
        }
        pages->punch(index);
        munlock(pages->window + index * kPageSize, kPageSize);  // fails harmlessly if never locked
        pages->free.insert(index);
    }
    // An empty tail gives its pages back by truncation.
    uint64_t end = pages->pages;
    while (end && pages->free.count(end - 1)) pages->free.erase(--end);
    if (end != pages->pages) {
        ftruncate(pages->fd, static_cast<off_t>(end * kPageSize));
        pages->pages = end;
    }
    reply.var.assign(reinterpret_cast<const char*>(unmapped.data()), unmapped.size() * sizeof(uint64_t));
    reply.set(free_physical_reply{pfns.size()});
}

void handle_map_physical(Request& request, Reply& reply) {
    auto req = request.get<map_physical_request>();
    Process& process = *request.client.process;
    if (request.view.var_size % (2 * sizeof(uint64_t)) || req.clear_end < req.clear_start)
        return reply.fail(status::invalid_parameter);
    size_t count = request.view.var_size / (2 * sizeof(uint64_t));
    struct Entry {
        uint64_t address, pfn;
    };
    std::vector<Entry> entries(count);
    if (count) memcpy(entries.data(), request.view.var, request.view.var_size);
    PhysicalPages* pages = pages_of(process);
    if (!pages) return reply.fail(status::no_system_resources);

    std::unordered_set<uint64_t> addresses, indexes;
    for (auto& [address, pfn] : entries)
        if ((address & (kPageSize - 1)) || !addresses.insert(address).second)
            return reply.fail(status::invalid_parameter);
    for (auto& [address, pfn] : entries) {
        if (!pfn) continue;
        uint64_t index = pfn_index(pfn);
        if (pfn_process(pfn) != process.id || !pages->allocated(index) || !indexes.insert(index).second)
            return reply.fail(status::invalid_parameter);
        // Mapped elsewhere, at an address this request does not remap.
        auto mapped = pages->address_of.find(index);
        if (mapped != pages->address_of.end() && !addresses.count(mapped->second) &&
            !(mapped->second >= req.clear_start && mapped->second < req.clear_end))
            return reply.fail(status::invalid_parameter);
    }
    for (auto it = pages->page_at.lower_bound(req.clear_start);
         it != pages->page_at.end() && it->first < req.clear_end;) {
        pages->address_of.erase(it->second);
        it = pages->page_at.erase(it);
    }
    for (auto& [address, pfn] : entries) pages->unmap_address(address);
    for (auto& [address, pfn] : entries) {
        if (!pfn) continue;
        pages->address_of[pfn_index(pfn)] = address;
        pages->page_at[address] = pfn_index(pfn);
    }
    if (req.want_fd) {
        int fd = fcntl_dup(pages->fd);
        if (fd < 0) return reply.fail(status::too_many_open_files);
        reply.fds.push_back(fd);
    }
    reply.set(map_physical_reply{});
}

}  // namespace vine::server
