#include "region_map.h"

#include <cstdint>

#include "vine/memory.h"

namespace vine::vm {

void RegionMap::add(uintptr_t base, uintptr_t end, const Allocation& allocation, uint32_t state, uint32_t protect) {
    Allocation entry = allocation;
    entry.end = end;
    allocations_[base] = entry;
    runs_[base] = Run{end, state, state == MEM_COMMIT ? protect : 0};
}

void RegionMap::remove(uintptr_t base) {
    auto it = allocations_.find(base);
    if (it == allocations_.end()) return;
    runs_.erase(runs_.lower_bound(base), runs_.lower_bound(it->second.end));
    allocations_.erase(it);
}

void RegionMap::cut(uintptr_t at) {
    auto it = runs_.upper_bound(at);
    if (it == runs_.begin()) return;
    --it;
    if (it->first == at || it->second.end <= at) return;
    Run tail = it->second;
    it->second.end = at;
    runs_[at] = tail;
}

void RegionMap::merge_around(uintptr_t start, uintptr_t end) {
    uintptr_t allocation_base = 0;
    const Allocation* allocation = allocation_at(start, &allocation_base);
    if (!allocation) return;
    auto it = runs_.upper_bound(start);
    if (it != runs_.begin()) --it;
    if (it != runs_.begin() && it->first > allocation_base) --it;  // the run before, if in the allocation
    while (it != runs_.end() && it->first < end) {
        auto next = std::next(it);
        if (next == runs_.end() || next->first != it->second.end || next->first >= allocation->end) break;
        if (next->second.state == it->second.state && next->second.protect == it->second.protect) {
            it->second.end = next->second.end;
            runs_.erase(next);
        } else {
            it = next;
        }
    }
}

void RegionMap::set(uintptr_t start, uintptr_t end, uint32_t state, uint32_t protect) {
    if (start >= end) return;
    cut(start);
    cut(end);
    for (auto it = runs_.lower_bound(start); it != runs_.end() && it->first < end; ++it) {
        it->second.state = state;
        it->second.protect = state == MEM_COMMIT ? protect : 0;
    }
    merge_around(start, end);
}

void RegionMap::split(uintptr_t at) {
    uintptr_t base = 0;
    Allocation* allocation = allocation_at(at, &base);
    if (!allocation || base == at) return;
    Allocation upper = *allocation;
    allocation->end = at;
    allocations_[at] = upper;
    cut(at);
}

void RegionMap::join(uintptr_t first, uintptr_t end) {
    auto it = allocations_.find(first);
    if (it == allocations_.end()) return;
    auto next = std::next(it);
    while (next != allocations_.end() && next->first < end) {
        it->second.end = next->second.end;
        next = allocations_.erase(next);
    }
    merge_around(first, end);
}

Allocation* RegionMap::allocation_at(uintptr_t address, uintptr_t* base) {
    auto it = allocations_.upper_bound(address);
    if (it == allocations_.begin()) return nullptr;
    --it;
    if (address >= it->second.end) return nullptr;
    if (base) *base = it->first;
    return &it->second;
}

const Allocation* RegionMap::allocation_at(uintptr_t address, uintptr_t* base) const {
    return const_cast<RegionMap*>(this)->allocation_at(address, base);
}

bool RegionMap::is_free(uintptr_t start, uintptr_t end) const {
    if (allocation_at(start)) return false;
    auto it = allocations_.lower_bound(start);
    return it == allocations_.end() || it->first >= end;
}

bool RegionMap::committed(uintptr_t start, uintptr_t end) const {
    uintptr_t at = start;
    auto it = runs_.upper_bound(start);
    if (it == runs_.begin()) return false;
    --it;
    for (; it != runs_.end() && at < end; ++it) {
        if (it->first > at || it->second.state != MEM_COMMIT) return false;
        at = it->second.end;
    }
    return at >= end;
}

std::vector<std::pair<uintptr_t, Run>> RegionMap::runs(uintptr_t start, uintptr_t end) const {
    std::vector<std::pair<uintptr_t, Run>> out;
    auto it = runs_.upper_bound(start);
    if (it != runs_.begin()) --it;
    for (; it != runs_.end() && it->first < end; ++it) {
        if (it->second.end <= start) continue;
        Run run = it->second;
        uintptr_t from = std::max(it->first, start);
        run.end = std::min(run.end, end);
        out.emplace_back(from, run);
    }
    return out;
}

uintptr_t RegionMap::next_allocation(uintptr_t address) const {
    auto it = allocations_.lower_bound(address);
    return it == allocations_.end() ? UINTPTR_MAX : it->first;
}

uintptr_t RegionMap::previous_end(uintptr_t address) const {
    auto it = allocations_.upper_bound(address);
    if (it == allocations_.begin()) return 0;
    --it;
    return it->second.end <= address ? it->second.end : address;
}

RegionInfo RegionMap::query(uintptr_t address) const {
    RegionInfo info{};
    uintptr_t base = 0;
    const Allocation* allocation = allocation_at(address, &base);
    if (!allocation) {
        info.base = previous_end(address);
        info.end = next_allocation(address);
        info.state = MEM_FREE;
        info.protect = PAGE_NOACCESS;
        return info;
    }
    auto it = std::prev(runs_.upper_bound(address));
    info.base = it->first;
    info.end = it->second.end;
    info.allocation_base = base;
    info.allocation_protect = allocation->protect;
    info.state = it->second.state;
    info.protect = it->second.protect;
    info.type = allocation->type;
    return info;
}

}  // namespace vine::vm
