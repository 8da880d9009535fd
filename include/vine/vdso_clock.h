// clock_gettime for hot exports, callable from ms_abi code without the
// xmm6-xmm15 saves a call to glibc's clock_gettime would force
// (docs/architecture.md, "Hot paths"). The loader finds the vDSO's
// __vdso_clock_gettime at start-up (loader/vdso_clock.cpp); it is called
// here through inline assembly that tells the compiler exactly what it
// clobbers: the System V caller-saved general registers and no vector
// register. That is true of the vDSO because the kernel builds it, like the
// rest of the kernel, with -mno-sse -mno-mmx -mno-avx, and its fallback is a
// `syscall`, which preserves the vector registers. Without a vDSO the same
// assembly makes the system call itself.
#pragma once

#include <ctime>

#include "vine/hot_path.h"

// The vDSO's clock_gettime, or null; set before any DLL runs.
extern "C" __attribute__((visibility("default"))) int (*vine_vdso_clock_gettime)(clockid_t, timespec*);

namespace vine::hot {

VINE_HOT_INLINE int vdso_clock_gettime(clockid_t clock, timespec* now) {
    auto* function = vine_vdso_clock_gettime;
    long result;
    if (__builtin_expect(function != nullptr, 1)) {
        // 128 bytes below the stack pointer may be a System V red zone when
        // this is inlined into a sysv function; skip it, and align for the call.
        long clock_arg = clock;
        timespec* now_arg = now;
        __asm__ __volatile__(
            "movq %%rsp, %%rbx\n\t"
            "subq $128, %%rsp\n\t"
            "andq $-16, %%rsp\n\t"
            "call *%[function]\n\t"
            "movq %%rbx, %%rsp"
            : "=a"(result), "+D"(clock_arg), "+S"(now_arg)
            : [function] "r"(function)
            : "rbx", "rcx", "rdx", "r8", "r9", "r10", "r11", "memory", "cc");
    } else {
        __asm__ __volatile__("syscall"
                             : "=a"(result)
                             : "0"(228L /* __NR_clock_gettime */), "D"(static_cast<long>(clock)), "S"(now)
                             : "rcx", "r11", "memory");
    }
    return static_cast<int>(result);
}

VINE_HOT_INLINE uint64_t clock_100ns(clockid_t clock) {
    timespec now{};
    vdso_clock_gettime(clock, &now);
    return static_cast<uint64_t>(now.tv_sec) * 10000000 + static_cast<uint64_t>(now.tv_nsec) / 100;
}

}  // namespace vine::hot
