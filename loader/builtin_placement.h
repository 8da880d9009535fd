// Where builtin DLLs (.dll.so) are mapped: just above the Windows ranges
// (0x1000000000-0x2000000000), not where ld.so would put them (near the top
// of user space, 0x7f...).
//
// Why: guest code calls every builtin export through its import address
// table, an indirect call. On the AMD EPYC this was measured on, an indirect
// call or jump whose target differs from the branch's own address in any
// bit from 37 up costs about 2.6 cycles more than one within the same
// 128 GiB-aligned block (bench/hot_calls; tests/structure/builtin_placement):
// `GetCurrentThreadId` took 2.16 ns from the EXE at 0x140000000 to a .so at
// 0x7f..., and 1.35 ns to the same bytes copied below 0x2000000000. Wine's
// builtins are PE files loaded at low addresses, so Wine never paid it.
//
// How: ld.so maps a shared object with one mmap(NULL) (it ignores a PIE
// process's preferred addresses), which the kernel places top-down, in the
// highest gap below mmap_base. While a BuiltinPlacement exists, every gap
// above 0x2000000000 (except the main stack's growth room) is filled with a
// PROT_NONE reservation, so that gap is the one below 0x2000000000; the
// fillers go again when the outermost scope ends. dlopen works the same if
// the space is not found (it then lands high, and is only slower). The
// fillers are mapped with MAP_FIXED_NOREPLACE and only they are unmapped, so
// nothing of anyone else's is replaced; but while they stand, another
// thread's mmap(NULL) lands below 0x2000000000 too, and its request for a
// fixed address above it (VirtualAlloc at such an address) fails as if the
// range were taken.
//
// Cost: one look at the address space (PROCMAP_QUERY, about 36 mappings at
// start-up) and an mmap and a munmap per gap (about 5); 150-200 us of a
// process's start-up measured at load 8 on 2 shared CPUs, mostly the
// kernel's page-table walks in munmap. So the process's first builtins
// (ntdll, kernel32, the EXE's imports) share one scope (process.cpp).
#pragma once

namespace vine::loader {

class BuiltinPlacement {
public:
    BuiltinPlacement();
    ~BuiltinPlacement();
    BuiltinPlacement(const BuiltinPlacement&) = delete;
    BuiltinPlacement& operator=(const BuiltinPlacement&) = delete;
};

}  // namespace vine::loader
