#include "builtin_placement.h"

#include <fcntl.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

namespace vine::loader {
namespace {

// Guest images load in the Windows ranges (address_space.cpp), all below
// 0x1000000000. Builtins go in the 64 GiB above them, so a guest's calls
// into them and their calls back agree with it in every address bit from
// 37 up (see the header).
constexpr uintptr_t kCeiling = 0x2000000000;
constexpr uintptr_t kUserTop = 0x800000000000;  // x86-64 user space (47 bits)
constexpr size_t kPage = 4096;

// Per thread, so that scopes need no lock (and so no lock order with the
// loader's): two threads' scopes at once each fill what is free when they
// start and unmap only their own fillers.
thread_local int depth = 0;
thread_local std::vector<std::pair<uintptr_t, size_t>> blocks;  // this thread's outermost scope's fillers

// The mappings of the process at and above kCeiling, in address order.
// Linux 6.11 and later answer PROCMAP_QUERY on /proc/self/maps: one ioctl a
// mapping, with no text made; older kernels are read as text, which is
// several times slower (the kernel formats every file mapping's path).
struct ProcmapQuery {  // struct procmap_query of <linux/fs.h>
    uint64_t size, query_flags, query_addr, vma_start, vma_end, vma_flags, vma_page_size, vma_offset, inode;
    uint32_t dev_major, dev_minor, vma_name_size, build_id_size;
    uint64_t vma_name_addr, build_id_addr;
};
static_assert(sizeof(ProcmapQuery) == 104);
constexpr unsigned long kProcmapQuery = 0xc0686611;  // _IOWR('f', 17, struct procmap_query)
constexpr uint64_t kCoveringOrNextVma = 0x10;

std::vector<std::pair<uintptr_t, uintptr_t>> mappings() {
    std::vector<std::pair<uintptr_t, uintptr_t>> result;
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return result;
    ProcmapQuery query{};
    query.size = sizeof query;
    query.query_flags = kCoveringOrNextVma;
    query.query_addr = kCeiling;
    bool queried = false;
    while (ioctl(fd, kProcmapQuery, &query) == 0 && query.vma_start < kUserTop) {
        queried = true;
        result.emplace_back(query.vma_start, query.vma_end);
        query.query_addr = query.vma_end;
    }
    if (!queried && errno != ENOENT) {  // no PROCMAP_QUERY: the text
        if (FILE* maps = fdopen(fd, "re")) {
            char line[512];
            while (fgets(line, sizeof line, maps)) {
                char* rest = nullptr;
                uintptr_t start = strtoull(line, &rest, 16);
                if (*rest != '-') continue;
                uintptr_t end = strtoull(rest + 1, nullptr, 16);
                if (end > kCeiling && start < kUserTop) result.emplace_back(start, end);
            }
            fclose(maps);
            return result;
        }
    }
    close(fd);
    return result;
}

// Fills every unmapped gap between kCeiling and the main thread's stack with
// PROT_NONE reservations, so that a top-down mmap(NULL) - which is how ld.so
// places a shared object - finds its space below kCeiling. The stack's own
// growth room stays free: a mapping there would stop the stack growing.
void block_high_gaps() {
    rlimit stack_limit{};
    if (getrlimit(RLIMIT_STACK, &stack_limit) != 0 || stack_limit.rlim_cur == RLIM_INFINITY) {
        return;  // the kernel then lays mmap out bottom-up; nothing to steer
    }
    auto mapped = mappings();
    // The main thread's stack: the mapping holding the program's name, which
    // the kernel puts at its top.
    auto on_stack = static_cast<uintptr_t>(getauxval(AT_EXECFN));
    uintptr_t stack_start = 0;
    for (const auto& [start, end] : mapped)
        if (start <= on_stack && on_stack < end) stack_start = start;
    if (mapped.empty() || !stack_start) return;
    // The stack's limit, the kernel's guard gap (1 MiB by default) and room.
    uintptr_t keep_free = static_cast<uintptr_t>(stack_limit.rlim_cur) + (64u << 20);
    uintptr_t top = stack_start > keep_free ? stack_start - keep_free : 0;
    uintptr_t cursor = kCeiling;
    auto fill = [&](uintptr_t from, uintptr_t to) {
        from = (from + kPage - 1) & ~(kPage - 1);
        to &= ~(kPage - 1);
        if (to > top) to = top;
        if (from >= to) return;
        void* p = mmap(reinterpret_cast<void*>(from), to - from, PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
        if (p == MAP_FAILED) return;
        if (reinterpret_cast<uintptr_t>(p) != from) {  // a kernel that took NOREPLACE as a hint
            munmap(p, to - from);
            return;
        }
        blocks.emplace_back(from, to - from);
    };
    for (const auto& [start, end] : mapped) {
        if (end <= cursor) continue;
        if (start > cursor) fill(cursor, start);
        cursor = end;
    }
    fill(cursor, top);
}

void unblock() {
    for (const auto& [start, size] : blocks) munmap(reinterpret_cast<void*>(start), size);
    blocks.clear();
}

}  // namespace

BuiltinPlacement::BuiltinPlacement() {
    if (depth++ == 0) block_high_gaps();
}

BuiltinPlacement::~BuiltinPlacement() {
    if (--depth == 0) unblock();
}

}  // namespace vine::loader
