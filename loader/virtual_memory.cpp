// The virtual memory manager (see vine/virtual_memory.h): Windows' rules on
// top of the region map (region_map.h) and the reservation of the Windows
// ranges (address_space.h). Every operation takes the map's lock, checks the
// request against the map, applies it with mmap/mprotect/madvise and records
// it; nothing here reads /proc or talks to the server.
#include "vine/virtual_memory.h"

#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "address_space.h"
#include "region_map.h"
#include "virtual_memory_state.h"
#include "vine/context.h"
#include "vine/ntstatus.h"
#include "vine/teb.h"
#include "vine/thread_control.h"

namespace vine::vm {

RegionMap map;

namespace {

constexpr DWORD kGuardPageViolation = 0x80000001;  // STATUS_GUARD_PAGE_VIOLATION

// The highest user address of a 64-bit Windows process.
constexpr uintptr_t kUserLimit = 0x7ffffffeffff;

std::shared_mutex map_lock;
thread_local int map_guards_held = 0;  // initial-exec TLS: safe to read in the signal handler
// Pages written since the last reset, per MEM_WRITE_WATCH allocation (by
// base): one flag per page.
std::unordered_map<uintptr_t, std::vector<uint8_t>> dirty_pages;
// Pages locked with VirtualLock.
std::set<uintptr_t> locked_pages;


// A valid Windows protection: one base protection, optionally with
// PAGE_GUARD, PAGE_NOCACHE or PAGE_WRITECOMBINE (not two of the latter,
// and none of them on PAGE_NOACCESS).
bool valid_protection(ULONG protect) {
    ULONG base = protect & 0xff, modifiers = protect & ~0xffu;
    if (!base || (base & (base - 1))) return false;
    if (modifiers & ~(PAGE_GUARD | PAGE_NOCACHE | PAGE_WRITECOMBINE)) return false;
    int count = !!(modifiers & PAGE_GUARD) + !!(modifiers & PAGE_NOCACHE) + !!(modifiers & PAGE_WRITECOMBINE);
    if (count > 1) return false;
    return !(count && base == PAGE_NOACCESS);
}

bool is_writecopy(ULONG protect) { return protect & (PAGE_WRITECOPY | PAGE_EXECUTE_WRITECOPY); }
bool is_writable(ULONG protect) {
    return protect & (PAGE_READWRITE | PAGE_WRITECOPY | PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY);
}

int unix_protection(ULONG protect) {
    if (protect & PAGE_GUARD) return PROT_NONE;  // until the first touch
    switch (protect & 0xff) {
    case PAGE_READONLY: return PROT_READ;
    case PAGE_READWRITE:
    case PAGE_WRITECOPY: return PROT_READ | PROT_WRITE;
    case PAGE_EXECUTE: return PROT_EXEC;
    case PAGE_EXECUTE_READ: return PROT_READ | PROT_EXEC;
    case PAGE_EXECUTE_READWRITE:
    case PAGE_EXECUTE_WRITECOPY: return PROT_READ | PROT_WRITE | PROT_EXEC;
    default: return PROT_NONE;
    }
}

// Applies the map's view of [start, end) (one allocation) to the pages:
// committed pages get their protection, write-watched clean pages lose
// write access until their first write.
void apply(uintptr_t base, const Allocation& allocation, uintptr_t start, uintptr_t end) {
    const std::vector<uint8_t>* dirty = nullptr;
    if (allocation.write_watch) {
        auto it = dirty_pages.find(base);
        if (it != dirty_pages.end()) dirty = &it->second;
    }
    for (auto& [from, run] : map.runs(start, end)) {
        int prot = run.state == MEM_COMMIT ? unix_protection(run.protect) : PROT_NONE;
        if (!dirty || !(prot & PROT_WRITE)) {
            mprotect(reinterpret_cast<void*>(from), run.end - from, prot);
            continue;
        }
        for (uintptr_t page = from; page < run.end; page += kPageSize) {
            bool written = (*dirty)[(page - base) / kPageSize];
            mprotect(reinterpret_cast<void*>(page), kPageSize, written ? prot : prot & ~PROT_WRITE);
        }
    }
}

void unlock_range(uintptr_t start, uintptr_t end) {
    auto first = locked_pages.lower_bound(start);
    if (first == locked_pages.end() || *first >= end) return;
    munlock(reinterpret_cast<void*>(start), end - start);
    locked_pages.erase(first, locked_pages.lower_bound(end));
}

// Makes [start, end) of a private allocation reserved: the contents
// discarded, the pages inaccessible (in place: cheaper than a new mapping).
void decommit(uintptr_t start, uintptr_t end) {
    unlock_range(start, end);
    madvise(reinterpret_cast<void*>(start), end - start, MADV_DONTNEED);
    mprotect(reinterpret_cast<void*>(start), end - start, PROT_NONE);
    map.set(start, end, MEM_RESERVE, 0);
}

void release_allocation(uintptr_t base, const Allocation& allocation) {
    uintptr_t end = allocation.end;
    unlock_range(base, end);
    if (allocation.write_watch) dirty_pages.erase(base);
    bool anonymous = allocation.type == MEM_PRIVATE && !allocation.physical;  // AWE pages are memfd mappings
    if (allocation.physical) forget_physical_pages(base, end);
    map.remove(base);
    address_space::give_back(base, end, anonymous);
}

// Reserves a new range: at `wanted` (rounded down to 64 KiB) or anywhere the
// placement allows.
NTSTATUS reserve(uintptr_t wanted, SIZE_T size, ULONG type, const Placement& placement, uintptr_t& start,
                 uintptr_t& end) {
    if (wanted) {
        start = wanted & ~(kGranularity - 1);
        end = page_up(wanted + size);
        if (end <= start || end - 1 > kUserLimit) return STATUS_INVALID_PARAMETER;
        if (!map.is_free(start, end)) return STATUS_CONFLICTING_ADDRESSES;
        if (address_space::take(start, end)) return STATUS_SUCCESS;
        // Outside the Windows ranges: only if the host has nothing there.
        void* p = mmap(reinterpret_cast<void*>(start), end - start, PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
        if (p == MAP_FAILED) return STATUS_CONFLICTING_ADDRESSES;
        if (reinterpret_cast<uintptr_t>(p) != start) {
            munmap(p, end - start);
            return STATUS_CONFLICTING_ADDRESSES;
        }
        return STATUS_SUCCESS;
    }
    SIZE_T length = page_up(size);
    if (length < size) return STATUS_NO_MEMORY;
    uintptr_t highest = placement.highest ? std::min(placement.highest, kUserLimit) : 0;
    start = address_space::take_free(length, placement.alignment, placement.lowest, highest, type & MEM_TOP_DOWN);
    if (!start) {
        if (placement.lowest || placement.highest || placement.alignment > kGranularity) return STATUS_NO_MEMORY;
        // The Windows ranges are full: anywhere the host's mmap puts it,
        // 64 KiB-aligned.
        SIZE_T padded = length + kGranularity;
        void* p = mmap(nullptr, padded, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED) return STATUS_NO_MEMORY;
        auto raw = reinterpret_cast<uintptr_t>(p);
        start = (raw + kGranularity - 1) & ~(kGranularity - 1);
        if (start > raw) munmap(p, start - raw);
        if (raw + padded > start + length) munmap(reinterpret_cast<void*>(start + length), raw + padded - start - length);
    }
    end = start + length;
    return STATUS_SUCCESS;
}

NTSTATUS reset(uintptr_t start, uintptr_t end, bool undo) {
    uintptr_t base = 0;
    const Allocation* allocation = map.allocation_at(start, &base);
    if (!allocation || end > allocation->end) return STATUS_CONFLICTING_ADDRESSES;
    // MEM_RESET: the contents are no longer of interest, but the pages keep
    // their state (reserved pages may be reset too: nothing to do). MADV_FREE lets the kernel drop them lazily, and a write
    // before that (or MEM_RESET_UNDO's touch) keeps them, as on Windows.
    if (!undo) madvise(reinterpret_cast<void*>(start), end - start, MADV_FREE);
    return STATUS_SUCCESS;
}

// The current thread's stack grows in the fault handler
// (loader/thread_stack.cpp), which keeps the TEB's StackLimit, not the map,
// up to date: that stack is described from its TEB as Windows shows one
// (reserved below the guard page, the guard page, committed above).
void describe_own_stack(uintptr_t page, RegionInfo& region) {
    const TEB* teb = current_teb();
    if (!teb) return;
    auto bottom = reinterpret_cast<uintptr_t>(teb->DeallocationStack);
    auto top = reinterpret_cast<uintptr_t>(teb->Tib.StackBase);
    auto limit = reinterpret_cast<uintptr_t>(teb->Tib.StackLimit);
    if (!bottom || page < bottom || page >= top || limit <= bottom || limit > top) return;
    region.allocation_base = bottom;
    region.allocation_protect = PAGE_READWRITE;
    region.type = MEM_PRIVATE;
    bool guarded = limit - kPageSize > bottom;  // none after an overflow, until _resetstkoflw
    if (page >= limit) {
        region.base = limit, region.end = top, region.state = MEM_COMMIT, region.protect = PAGE_READWRITE;
    } else if (guarded && page >= limit - kPageSize) {
        region.base = limit - kPageSize, region.end = limit, region.state = MEM_COMMIT;
        region.protect = PAGE_READWRITE | PAGE_GUARD;
    } else {
        region.base = bottom, region.end = guarded ? limit - kPageSize : limit, region.state = MEM_RESERVE;
        region.protect = 0;
    }
}

}  // namespace

MapGuard::MapGuard(Mode mode) : mode_(mode) {
    // A thread suspended while holding the lock would stop every other
    // thread's allocations and faults: suspensions wait for the guard's end.
    threads::enter_no_interrupt();
    if (mode == exclusive) map_lock.lock();
    else map_lock.lock_shared();
    ++map_guards_held;
}

void MapGuard::unlock() {
    if (!locked_) return;
    locked_ = false;
    --map_guards_held;
    if (mode_ == exclusive) map_lock.unlock();
    else map_lock.unlock_shared();
    threads::leave_no_interrupt();
}

bool MapGuard::held_by_this_thread() { return map_guards_held > 0; }


NTSTATUS allocate(void** address, SIZE_T* size, ULONG type, ULONG protect, const Placement& placement) {
    constexpr ULONG kKnown = MEM_COMMIT | MEM_RESERVE | MEM_RESET | MEM_RESET_UNDO | MEM_TOP_DOWN | MEM_WRITE_WATCH |
                             MEM_PHYSICAL | MEM_LARGE_PAGES | MEM_REPLACE_PLACEHOLDER | MEM_RESERVE_PLACEHOLDER;
    if (!address || !size) return STATUS_INVALID_PARAMETER;
    auto wanted = reinterpret_cast<uintptr_t>(*address);
    SIZE_T length = *size;
    if (!length || (type & ~kKnown)) return STATUS_INVALID_PARAMETER;
    if (wanted > kUserLimit || length > kUserLimit - wanted + 1) return STATUS_INVALID_PARAMETER;

    if (type & (MEM_RESET | MEM_RESET_UNDO)) {
        // Alone, on committed pages; the protection is ignored.
        if ((type & ~(MEM_RESET | MEM_RESET_UNDO)) || (type & MEM_RESET && type & MEM_RESET_UNDO) || !wanted)
            return STATUS_INVALID_PARAMETER;
        uintptr_t start = page_down(wanted), end = page_up(wanted + length);
        MapGuard guard(MapGuard::shared);
        NTSTATUS status = reset(start, end, type & MEM_RESET_UNDO);
        guard.unlock();
        if (status == STATUS_SUCCESS) {
            *address = reinterpret_cast<void*>(start);
            *size = end - start;
        }
        return status;
    }
    if (!(type & (MEM_COMMIT | MEM_RESERVE))) return STATUS_INVALID_PARAMETER;
    if (!valid_protection(protect)) return STATUS_INVALID_PAGE_PROTECTION;
    if (is_writecopy(protect)) return STATUS_INVALID_PAGE_PROTECTION;  // only for views and images
    if (type & MEM_LARGE_PAGES) return STATUS_PRIVILEGE_NOT_HELD;     // SeLockMemoryPrivilege: never granted
    if (type & MEM_PHYSICAL) {
        // An AWE region: MEM_RESERVE alone beside it, read-write only.
        if ((type & ~MEM_TOP_DOWN) != (MEM_PHYSICAL | MEM_RESERVE)) return STATUS_INVALID_PARAMETER_5;
        if (protect != PAGE_READWRITE) return STATUS_INVALID_PARAMETER_6;
    }
    bool placeholder = type & MEM_RESERVE_PLACEHOLDER;
    if (placeholder && (!(type & MEM_RESERVE) || (type & (MEM_COMMIT | MEM_WRITE_WATCH | MEM_REPLACE_PLACEHOLDER)) ||
                        protect != PAGE_NOACCESS))
        return STATUS_INVALID_PARAMETER;
    if ((type & MEM_WRITE_WATCH) && !(type & MEM_RESERVE)) return STATUS_INVALID_PARAMETER;

    MapGuard guard;
    uintptr_t start, end;
    if (type & MEM_REPLACE_PLACEHOLDER) {
        // The range must be exactly one placeholder.
        if (!(type & MEM_RESERVE) || !wanted || (wanted & (kGranularity - 1))) return STATUS_INVALID_PARAMETER;
        start = wanted;
        end = page_up(wanted + length);
        uintptr_t base = 0;
        Allocation* allocation = map.allocation_at(start, &base);
        if (!allocation || !allocation->placeholder || base != start || allocation->end != end)
            return STATUS_CONFLICTING_ADDRESSES;
        Allocation replaced{end, protect, MEM_PRIVATE, false, (type & MEM_WRITE_WATCH) != 0, true};
        map.remove(start);
        map.add(start, end, replaced, (type & MEM_COMMIT) ? MEM_COMMIT : MEM_RESERVE, protect);
    } else if (type & MEM_RESERVE || !wanted) {
        if (NTSTATUS status = reserve(wanted, length, type, placement, start, end); status != STATUS_SUCCESS)
            return status;
        Allocation allocation{end, placeholder ? PAGE_NOACCESS : protect, MEM_PRIVATE, placeholder,
                              (type & MEM_WRITE_WATCH) != 0, false, (type & MEM_PHYSICAL) != 0};
        // Windows describes an AWE region as committed read-write memory
        // whether or not pages are mapped in it; its pages stay
        // inaccessible until MapUserPhysicalPages puts a page there.
        map.add(start, end, allocation, (type & (MEM_COMMIT | MEM_PHYSICAL)) ? MEM_COMMIT : MEM_RESERVE, protect);
    } else {
        // Committing pages of an earlier reservation.
        start = page_down(wanted);
        end = page_up(wanted + length);
        uintptr_t base = 0;
        Allocation* allocation = map.allocation_at(start, &base);
        if (!allocation || end > allocation->end || allocation->placeholder || allocation->type != MEM_PRIVATE ||
            allocation->physical)
            return STATUS_CONFLICTING_ADDRESSES;
        map.set(start, end, MEM_COMMIT, protect);
    }
    uintptr_t base = 0;
    Allocation* allocation = map.allocation_at(start, &base);
    if (allocation->write_watch) dirty_pages.try_emplace(base, (allocation->end - base) / kPageSize, 0);
    if (type & MEM_COMMIT) apply(base, *allocation, start, end);
    guard.unlock();
    *address = reinterpret_cast<void*>(start);
    *size = end - start;
    return STATUS_SUCCESS;
}

NTSTATUS free(void** address, SIZE_T* size, ULONG type) {
    if (!address || !size) return STATUS_INVALID_PARAMETER;
    auto wanted = reinterpret_cast<uintptr_t>(*address);
    SIZE_T length = *size;
    ULONG placeholder_flags = type & (MEM_COALESCE_PLACEHOLDERS | MEM_PRESERVE_PLACEHOLDER);
    ULONG kind = type & ~placeholder_flags;
    if (kind != MEM_RELEASE && kind != MEM_DECOMMIT) return STATUS_INVALID_PARAMETER;
    if (placeholder_flags && (kind != MEM_RELEASE || placeholder_flags == (MEM_COALESCE_PLACEHOLDERS | MEM_PRESERVE_PLACEHOLDER)))
        return STATUS_INVALID_PARAMETER;
    if (wanted > kUserLimit || length > kUserLimit - wanted + 1) return STATUS_INVALID_PARAMETER;

    MapGuard guard;
    uintptr_t base = 0;
    Allocation* allocation = map.allocation_at(wanted, &base);
    if (!allocation) return STATUS_MEMORY_NOT_ALLOCATED;
    if (allocation->type != MEM_PRIVATE) return STATUS_UNABLE_TO_FREE_VM;  // views and images are unmapped

    uintptr_t start = page_down(wanted);
    uintptr_t end = length ? page_up(wanted + length) : allocation->end;
    if (placeholder_flags == MEM_PRESERVE_PLACEHOLDER) {
        if (!length) return STATUS_INVALID_PARAMETER;
        if (end > allocation->end || (start & (kGranularity - 1)) || (end & (kGranularity - 1)))
            return STATUS_CONFLICTING_ADDRESSES;
        if (allocation->placeholder) {
            // Splitting a placeholder: [start, end) becomes a placeholder of its own.
            if (start == base && end == allocation->end) return STATUS_CONFLICTING_ADDRESSES;
            map.split(start);
            map.split(end);
        } else {
            // An allocation made from a placeholder goes back to being one.
            if (!allocation->from_placeholder || start != base || end != allocation->end)
                return STATUS_CONFLICTING_ADDRESSES;
            Allocation back{end, PAGE_NOACCESS, MEM_PRIVATE, true, false, false};
            unlock_range(start, end);
            dirty_pages.erase(base);
            mmap(reinterpret_cast<void*>(start), end - start, PROT_NONE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
            map.remove(base);
            map.add(start, end, back, MEM_RESERVE, 0);
        }
    } else if (placeholder_flags == MEM_COALESCE_PLACEHOLDERS) {
        // [start, end) must be exactly a run of adjacent placeholders.
        if (!length || start != base || !allocation->placeholder) return STATUS_CONFLICTING_ADDRESSES;
        for (uintptr_t at = base; at < end;) {
            uintptr_t next_base = 0;
            const Allocation* next = map.allocation_at(at, &next_base);
            if (!next || !next->placeholder || next_base != at || next->end > end) return STATUS_CONFLICTING_ADDRESSES;
            at = next->end;
        }
        map.join(base, end);
    } else if (kind == MEM_RELEASE) {
        if (length && end != allocation->end) return STATUS_UNABLE_TO_FREE_VM;
        if (start != base) return STATUS_FREE_VM_NOT_AT_BASE;
        release_allocation(base, *allocation);
        guard.unlock();
        *address = reinterpret_cast<void*>(base);
        *size = end - base;
        return STATUS_SUCCESS;
    } else {
        if (allocation->placeholder || allocation->physical) return STATUS_CONFLICTING_ADDRESSES;
        if (end > allocation->end) return STATUS_UNABLE_TO_FREE_VM;
        decommit(start, end);
    }
    guard.unlock();
    *address = reinterpret_cast<void*>(start);
    *size = end - start;
    return STATUS_SUCCESS;
}

NTSTATUS protect(void** address, SIZE_T* size, ULONG new_protect, ULONG* old_protect) {
    if (!address || !size || !old_protect) return STATUS_INVALID_PARAMETER;
    auto wanted = reinterpret_cast<uintptr_t>(*address);
    if (wanted > kUserLimit || *size > kUserLimit - wanted + 1) return STATUS_INVALID_PARAMETER;
    if (!valid_protection(new_protect)) return STATUS_INVALID_PAGE_PROTECTION;
    uintptr_t start = page_down(wanted), end = page_up(wanted + std::max<SIZE_T>(*size, 1));
    MapGuard guard;
    uintptr_t base = 0;
    Allocation* allocation = map.allocation_at(start, &base);
    if (!allocation || end > allocation->end || !map.committed(start, end)) return STATUS_NOT_COMMITTED;
    if (allocation->physical) return STATUS_CONFLICTING_ADDRESSES;  // AWE pages are always read-write
    // Copy-on-write exists only where pages can be shared: views and images.
    if (is_writecopy(new_protect) && allocation->type == MEM_PRIVATE) return STATUS_INVALID_PAGE_PROTECTION;
    ULONG previous = map.query(start).protect;
    map.set(start, end, MEM_COMMIT, new_protect);
    apply(base, *allocation, start, end);
    guard.unlock();
    *old_protect = previous;
    *address = reinterpret_cast<void*>(start);
    *size = end - start;
    return STATUS_SUCCESS;
}

NTSTATUS query(const void* address, MEMORY_BASIC_INFORMATION* info) {
    auto at = reinterpret_cast<uintptr_t>(address);
    if (at > kUserLimit) return STATUS_INVALID_PARAMETER;
    uintptr_t page = page_down(at);
    RegionInfo region;
    {
        MapGuard guard(MapGuard::shared);
        region = map.query(page);
    }
    if (region.state == MEM_FREE) {
        // Not Vine's: free where it is still in the reservation of the
        // Windows ranges, otherwise held by the host (libraries, its heap),
        // which Windows code must see as reserved, not as free space.
        uint64_t chunk_start, chunk_end;
        bool free = address_space::free_extent(page, chunk_start, chunk_end) || page < kGranularity;
        if (page < kGranularity) chunk_start = 0, chunk_end = kGranularity;
        region.base = std::max<uintptr_t>(region.base, chunk_start);
        region.end = std::min<uintptr_t>({region.end, chunk_end, kUserLimit + 1});
        if (free) {
            // Windows reports free space from the queried page on.
            region.base = page;
        } else {
            region.allocation_base = region.base;
            region.allocation_protect = PAGE_NOACCESS;
            region.state = MEM_RESERVE;
            region.protect = 0;
            region.type = MEM_PRIVATE;
        }
    }
    if (region.state != MEM_FREE) describe_own_stack(page, region);
    info->BaseAddress = reinterpret_cast<void*>(page);
    info->AllocationBase = reinterpret_cast<void*>(region.allocation_base);
    info->AllocationProtect = region.allocation_protect;
    info->PartitionId = 0;
    info->RegionSize = region.end - page;
    info->State = region.state;
    info->Protect = region.protect;
    info->Type = region.type;
    return STATUS_SUCCESS;
}

NTSTATUS lock(void** address, SIZE_T* size, bool lock) {
    if (!address || !size) return STATUS_INVALID_PARAMETER;
    auto wanted = reinterpret_cast<uintptr_t>(*address);
    if (wanted > kUserLimit || *size > kUserLimit - wanted + 1) return STATUS_INVALID_PARAMETER;
    uintptr_t start = page_down(wanted), end = page_up(wanted + std::max<SIZE_T>(*size, 1));
    MapGuard guard;
    const Allocation* allocation = map.allocation_at(start);
    if (!allocation || end > allocation->end || !map.committed(start, end)) return STATUS_NOT_COMMITTED;
    if (lock) {
        if (mlock(reinterpret_cast<void*>(start), end - start) != 0) return STATUS_WORKING_SET_QUOTA;
        for (uintptr_t page = start; page < end; page += kPageSize) locked_pages.insert(page);
    } else {
        for (uintptr_t page = start; page < end; page += kPageSize)
            if (!locked_pages.count(page)) return STATUS_NOT_LOCKED;
        unlock_range(start, end);
    }
    guard.unlock();
    *address = reinterpret_cast<void*>(start);
    *size = end - start;
    return STATUS_SUCCESS;
}

NTSTATUS get_write_watch(ULONG flags, void* base_address, SIZE_T size, void** addresses, ULONG_PTR* count,
                         ULONG* granularity) {
    if (flags & ~WRITE_WATCH_FLAG_RESET) return STATUS_INVALID_PARAMETER;
    if (!count || (*count && !addresses) || !size) return STATUS_INVALID_PARAMETER;
    auto start = reinterpret_cast<uintptr_t>(base_address);
    if (start > kUserLimit || size > kUserLimit - start + 1) return STATUS_INVALID_PARAMETER;
    uintptr_t end = start + size;
    MapGuard guard;
    uintptr_t base = 0;
    Allocation* allocation = map.allocation_at(start, &base);
    if (!allocation || !allocation->write_watch || end > allocation->end) return STATUS_INVALID_PARAMETER;
    auto& dirty = dirty_pages[base];
    // Collected first and written after the lock is dropped: the caller's
    // array may itself be write-watched (the fault handler takes the lock).
    std::vector<void*> found;
    uintptr_t last = 0;
    for (uintptr_t page = page_down(start); page < end && found.size() < *count; page += kPageSize) {
        uint8_t& flag = dirty[(page - base) / kPageSize];
        if (!flag) continue;
        found.push_back(reinterpret_cast<void*>(page));
        if (flags & WRITE_WATCH_FLAG_RESET) flag = 0;
        last = page + kPageSize;
    }
    if ((flags & WRITE_WATCH_FLAG_RESET) && last) apply(base, *allocation, page_down(start), last);
    guard.unlock();
    std::copy(found.begin(), found.end(), addresses);
    *count = found.size();
    if (granularity) *granularity = kPageSize;
    return STATUS_SUCCESS;
}

NTSTATUS reset_write_watch(void* base_address, SIZE_T size) {
    auto start = reinterpret_cast<uintptr_t>(base_address);
    if (!size || start > kUserLimit || size > kUserLimit - start + 1) return STATUS_INVALID_PARAMETER;
    uintptr_t end = page_up(start + size);
    MapGuard guard;
    uintptr_t base = 0;
    Allocation* allocation = map.allocation_at(start, &base);
    if (!allocation || !allocation->write_watch || end > allocation->end) return STATUS_INVALID_PARAMETER;
    auto& dirty = dirty_pages[base];
    for (uintptr_t page = page_down(start); page < end; page += kPageSize) dirty[(page - base) / kPageSize] = 0;
    apply(base, *allocation, page_down(start), end);
    return STATUS_SUCCESS;
}

NTSTATUS copy_memory(void* to, const void* from, SIZE_T size, SIZE_T* done) {
    // process_vm_readv on ourselves copies without faulting: an inaccessible
    // page ends the copy instead of raising an exception.
    iovec local{to, size}, remote{const_cast<void*>(from), size};
    SIZE_T copied = 0;
    while (copied < size) {
        local = {static_cast<uint8_t*>(to) + copied, size - copied};
        remote = {const_cast<uint8_t*>(static_cast<const uint8_t*>(from)) + copied, size - copied};
        ssize_t n = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
        if (n <= 0) break;
        copied += static_cast<SIZE_T>(n);
    }
    if (done) *done = copied;
    return copied == size ? STATUS_SUCCESS : STATUS_PARTIAL_COPY;
}

NTSTATUS map_view(int fd, uint64_t offset, SIZE_T size, ULONG protect, void** address, ULONG type,
                  const Placement& placement, bool image) {
    if (!address || !size || !valid_protection(protect) || (offset & (kPageSize - 1))) return STATUS_INVALID_PARAMETER;
    auto wanted = reinterpret_cast<uintptr_t>(*address);
    if (wanted & (kGranularity - 1)) return STATUS_INVALID_PARAMETER;
    bool replace = type & MEM_REPLACE_PLACEHOLDER;
    MapGuard guard;
    uintptr_t start, end;
    if (replace) {
        start = wanted;
        end = page_up(wanted + size);
        uintptr_t base = 0;
        const Allocation* placeholder = map.allocation_at(start, &base);
        if (!wanted || !placeholder || !placeholder->placeholder || base != start || placeholder->end != end)
            return STATUS_CONFLICTING_ADDRESSES;
    } else if (NTSTATUS status = reserve(wanted, size, type, placement, start, end); status != STATUS_SUCCESS) {
        return status;
    }
    int flags = (is_writecopy(protect) ? MAP_PRIVATE : MAP_SHARED) | MAP_FIXED;
    void* p = mmap(reinterpret_cast<void*>(start), end - start, unix_protection(protect), flags, fd,
                   static_cast<off_t>(offset));
    if (p == MAP_FAILED) {
        if (!replace) address_space::give_back(start, end, false);
        return errno == EACCES ? STATUS_ACCESS_DENIED : STATUS_NO_MEMORY;
    }
    if (replace) map.remove(start);
    map.add(start, end, Allocation{end, protect, image ? ULONG{MEM_IMAGE} : ULONG{MEM_MAPPED}, false, false, replace, false, image},
            MEM_COMMIT, protect);
    guard.unlock();  // the out-parameters are guest memory (see virtual_memory_state.h)
    *address = p;
    return STATUS_SUCCESS;
}

NTSTATUS unmap_view(void* address, bool preserve_placeholder) {
    MapGuard guard;
    uintptr_t base = 0;
    Allocation* allocation = map.allocation_at(reinterpret_cast<uintptr_t>(address), &base);
    if (!allocation || (allocation->type != MEM_MAPPED && !allocation->image_view)) return STATUS_NOT_MAPPED_VIEW;
    if (!preserve_placeholder) {
        release_allocation(base, *allocation);
        return STATUS_SUCCESS;
    }
    if (!allocation->from_placeholder) return STATUS_CONFLICTING_ADDRESSES;
    uintptr_t end = allocation->end;
    mmap(reinterpret_cast<void*>(base), end - base, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
         -1, 0);
    map.remove(base);
    map.add(base, end, Allocation{end, PAGE_NOACCESS, MEM_PRIVATE, true}, MEM_RESERVE, 0);
    return STATUS_SUCCESS;
}

NTSTATUS flush_view(void** address, SIZE_T* size) {
    if (!address || !size) return STATUS_INVALID_PARAMETER;
    uintptr_t start = page_down(reinterpret_cast<uintptr_t>(*address)), end;
    {
        MapGuard guard(MapGuard::shared);
        const Allocation* allocation = map.allocation_at(start);
        if (!allocation || allocation->type != MEM_MAPPED) return STATUS_NOT_MAPPED_VIEW;
        end = *size ? page_up(reinterpret_cast<uintptr_t>(*address) + *size) : allocation->end;
        if (end > allocation->end) return STATUS_INVALID_PARAMETER;
    }
    msync(reinterpret_cast<void*>(start), end - start, MS_SYNC);
    *address = reinterpret_cast<void*>(start);
    *size = end - start;
    return STATUS_SUCCESS;
}

void record(void* base, SIZE_T size, ULONG type, ULONG allocation_protect, ULONG protect) {
    auto start = reinterpret_cast<uintptr_t>(base);
    uintptr_t end = page_up(start + size);
    MapGuard guard;
    // Whatever the map still held there was unmapped behind its back.
    uintptr_t stale = 0;
    if (map.allocation_at(start, &stale)) map.remove(stale);
    while ((stale = map.next_allocation(start)) < end) map.remove(stale);
    map.add(start, end, Allocation{0, allocation_protect, type}, MEM_COMMIT, protect);
}

void forget(void* base) {
    MapGuard guard;
    map.remove(reinterpret_cast<uintptr_t>(base));
}

void set_pages(void* start_address, SIZE_T size, ULONG state, ULONG protect, bool apply_now) {
    auto start = page_down(reinterpret_cast<uintptr_t>(start_address));
    uintptr_t end = page_up(reinterpret_cast<uintptr_t>(start_address) + size);
    MapGuard guard;
    uintptr_t base = 0;
    Allocation* allocation = map.allocation_at(start, &base);
    if (!allocation || end > allocation->end) return;
    if (state == MEM_RESERVE) {
        if (apply_now) decommit(start, end);
        else map.set(start, end, MEM_RESERVE, 0);
        return;
    }
    map.set(start, end, MEM_COMMIT, protect);
    if (apply_now) apply(base, *allocation, start, end);
}

bool resolve_fault(EXCEPTION_RECORD& record) {
    if (record.ExceptionCode != STATUS_ACCESS_VIOLATION || record.NumberParameters < 2) return false;
    // This thread was interrupted holding the lock: waiting would never end
    // (see virtual_memory_state.h), so the fault stays what it is.
    if (MapGuard::held_by_this_thread()) return false;
    uintptr_t page = page_down(record.ExceptionInformation[1]);
    bool write = record.ExceptionInformation[0] == 1;
    MapGuard guard;
    uintptr_t base = 0;
    Allocation* allocation = map.allocation_at(page, &base);
    if (!allocation) return false;
    RegionInfo region = map.query(page);
    if (region.state != MEM_COMMIT || allocation->physical) return false;
    if (region.protect & PAGE_GUARD) {
        // One shot: the page keeps its protection without the guard.
        map.set(page, page + kPageSize, MEM_COMMIT, region.protect & ~PAGE_GUARD);
        apply(base, *allocation, page, page + kPageSize);
        record.ExceptionCode = kGuardPageViolation;
        return false;
    }
    if (write && allocation->write_watch && is_writable(region.protect)) {
        // find, not operator[]: the flags were made with the allocation, and
        // a signal handler must not allocate.
        auto dirty = dirty_pages.find(base);
        if (dirty == dirty_pages.end()) return false;
        uint8_t& flag = dirty->second[(page - base) / kPageSize];
        if (flag) return false;
        flag = 1;
        mprotect(reinterpret_cast<void*>(page), kPageSize, unix_protection(region.protect));
        return true;
    }
    return false;
}

}  // namespace vine::vm
