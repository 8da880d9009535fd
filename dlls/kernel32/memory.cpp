// Virtual memory (VirtualAlloc/Protect/Query). The heaps are in heap.cpp
// and local_global.cpp.
#include <sys/mman.h>

#include <cstdio>
#include <cstring>

#include "kernel32_private.h"
#include "vine/loader.h"

using namespace kernel32;

namespace {

constexpr DWORD MEM_COMMIT = 0x1000, MEM_RESERVE = 0x2000, MEM_RELEASE = 0x8000, MEM_DECOMMIT = 0x4000;
constexpr DWORD MEM_FREE = 0x10000, MEM_PRIVATE = 0x20000, MEM_IMAGE = 0x1000000;
constexpr DWORD PAGE_NOACCESS = 0x01, PAGE_READONLY = 0x02, PAGE_READWRITE = 0x04, PAGE_WRITECOPY = 0x08;
constexpr DWORD PAGE_EXECUTE = 0x10, PAGE_EXECUTE_READ = 0x20, PAGE_EXECUTE_READWRITE = 0x40,
                PAGE_EXECUTE_WRITECOPY = 0x80;
constexpr DWORD PAGE_GUARD = 0x100;

struct MEMORY_BASIC_INFORMATION {
    PVOID BaseAddress;
    PVOID AllocationBase;
    DWORD AllocationProtect;
    WORD PartitionId;
    SIZE_T RegionSize;
    DWORD State;
    DWORD Protect;
    DWORD Type;
};
static_assert(sizeof(MEMORY_BASIC_INFORMATION) == 48);

int unix_protection(DWORD protect) {
    switch (protect & 0xff) {
    case PAGE_NOACCESS: return PROT_NONE;
    case PAGE_READONLY: return PROT_READ;
    case PAGE_READWRITE:
    case PAGE_WRITECOPY: return PROT_READ | PROT_WRITE;
    case PAGE_EXECUTE: return PROT_EXEC;
    case PAGE_EXECUTE_READ: return PROT_READ | PROT_EXEC;
    case PAGE_EXECUTE_READWRITE:
    case PAGE_EXECUTE_WRITECOPY: return PROT_READ | PROT_WRITE | PROT_EXEC;
    default: return -1;
    }
}

DWORD windows_protection(bool r, bool w, bool x) {
    if (x) return w ? PAGE_EXECUTE_READWRITE : r ? PAGE_EXECUTE_READ : PAGE_EXECUTE;
    return w ? PAGE_READWRITE : r ? PAGE_READONLY : PAGE_NOACCESS;
}

constexpr uintptr_t kPage = 0x1000;

// The mapping containing `address`, from /proc/self/maps: protection and
// extent. Windows regions are runs of pages with the same attributes.
bool query_mapping(uintptr_t address, uintptr_t& start, uintptr_t& end, DWORD& protect) {
    FILE* maps = fopen("/proc/self/maps", "re");
    if (!maps) return false;
    char line[512];
    bool found = false;
    while (fgets(line, sizeof(line), maps)) {
        unsigned long low, high;
        char perms[5];
        if (sscanf(line, "%lx-%lx %4s", &low, &high, perms) != 3) continue;
        if (address < low || address >= high) continue;
        start = low;
        end = high;
        protect = windows_protection(perms[0] == 'r', perms[1] == 'w', perms[2] == 'x');
        found = true;
        break;
    }
    fclose(maps);
    return found;
}

}  // namespace

VINE_EXPORT LPVOID VirtualAlloc(LPVOID address, SIZE_T size, DWORD type, DWORD protect) {
    int prot = unix_protection(protect);
    if (!size || prot < 0 || !(type & (MEM_COMMIT | MEM_RESERVE))) {
        set_error(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    if (!(type & MEM_COMMIT)) prot = PROT_NONE;  // reserved only
    if (address && (type & MEM_COMMIT) && !(type & MEM_RESERVE)) {
        // Committing inside an earlier reservation.
        uintptr_t start = reinterpret_cast<uintptr_t>(address) & ~(kPage - 1);
        uintptr_t end = (reinterpret_cast<uintptr_t>(address) + size + kPage - 1) & ~(kPage - 1);
        if (mprotect(reinterpret_cast<void*>(start), end - start, prot) != 0) {
            set_error(ERROR_INVALID_PARAMETER);
            return nullptr;
        }
        return reinterpret_cast<void*>(start);
    }
    void* result;
    if (address) {
        uintptr_t start = reinterpret_cast<uintptr_t>(address) & ~uintptr_t{0xffff};
        result = mmap(reinterpret_cast<void*>(start), size + (reinterpret_cast<uintptr_t>(address) - start), prot,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    } else {
        // 64 KiB alignment, as Windows' allocation granularity promises.
        size_t padded = size + 0x10000;
        auto* raw = static_cast<uint8_t*>(mmap(nullptr, padded, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
        if (raw == MAP_FAILED) {
            result = MAP_FAILED;
        } else {
            auto aligned = (reinterpret_cast<uintptr_t>(raw) + 0xffff) & ~uintptr_t{0xffff};
            if (aligned > reinterpret_cast<uintptr_t>(raw)) munmap(raw, aligned - reinterpret_cast<uintptr_t>(raw));
            uintptr_t tail = aligned + ((size + kPage - 1) & ~(kPage - 1));
            uintptr_t raw_end = reinterpret_cast<uintptr_t>(raw) + padded;
            if (raw_end > tail) munmap(reinterpret_cast<void*>(tail), raw_end - tail);
            result = reinterpret_cast<void*>(aligned);
        }
    }
    if (result == MAP_FAILED) {
        set_error(address ? 487 /* ERROR_INVALID_ADDRESS */ : ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    return result;
}

VINE_EXPORT BOOL VirtualFree(LPVOID address, SIZE_T size, DWORD type) {
    if (type == MEM_RELEASE) {
        if (size) {
            set_error(ERROR_INVALID_PARAMETER);
            return FALSE;
        }
        uintptr_t start, end;
        DWORD protect;
        if (!query_mapping(reinterpret_cast<uintptr_t>(address), start, end, protect)) {
            set_error(487);
            return FALSE;
        }
        munmap(address, end - reinterpret_cast<uintptr_t>(address));
        return TRUE;
    }
    if (type == MEM_DECOMMIT) {
        madvise(address, size, MADV_DONTNEED);
        mprotect(address, size, PROT_NONE);
        return TRUE;
    }
    set_error(ERROR_INVALID_PARAMETER);
    return FALSE;
}

VINE_EXPORT BOOL VirtualProtect(LPVOID address, SIZE_T size, DWORD protect, DWORD* old_protect) {
    int prot = unix_protection(protect);
    if (prot < 0 || !old_protect) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    uintptr_t start = reinterpret_cast<uintptr_t>(address) & ~(kPage - 1);
    uintptr_t end = (reinterpret_cast<uintptr_t>(address) + size + kPage - 1) & ~(kPage - 1);
    uintptr_t map_start, map_end;
    DWORD previous = PAGE_NOACCESS;
    if (!query_mapping(start, map_start, map_end, previous)) {
        set_error(487);
        return FALSE;
    }
    if (mprotect(reinterpret_cast<void*>(start), end - start, prot) != 0) return fail_errno();
    *old_protect = previous;
    return TRUE;
}

VINE_EXPORT SIZE_T VirtualQuery(LPCVOID address, MEMORY_BASIC_INFORMATION* info, SIZE_T size) {
    if (size < sizeof(*info)) {
        set_error(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    uintptr_t page = reinterpret_cast<uintptr_t>(address) & ~(kPage - 1);
    uintptr_t start, end;
    DWORD protect;
    memset(info, 0, sizeof(*info));
    info->BaseAddress = reinterpret_cast<void*>(page);
    if (!query_mapping(page, start, end, protect)) {
        info->State = MEM_FREE;
        info->Protect = PAGE_NOACCESS;
        info->RegionSize = kPage;
        return sizeof(*info);
    }
    HMODULE module = vine::loader::module_from_address(address);
    info->AllocationBase = module ? module : reinterpret_cast<void*>(start);
    info->AllocationProtect = module ? PAGE_EXECUTE_WRITECOPY : protect;
    info->RegionSize = end - page;
    info->State = protect == PAGE_NOACCESS && !module ? MEM_RESERVE : MEM_COMMIT;
    info->Protect = info->State == MEM_RESERVE ? 0 : protect;
    info->Type = module ? MEM_IMAGE : MEM_PRIVATE;
    return sizeof(*info);
}
