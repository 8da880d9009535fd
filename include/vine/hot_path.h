// Building blocks for hot exports: functions guest code calls millions of
// times (docs/architecture.md, "Hot paths"). A builtin export is ms_abi; the
// first System V call it makes (glibc, or a Vine helper that is not inlined)
// obliges it to save and restore xmm6-xmm15, twenty 16-byte moves. So the
// fast path of a hot export only uses what is here: always-inline reads of
// the TEB through gs:, of KUSER_SHARED_DATA, and slow paths moved out of
// line into VINE_SLOW_PATH functions.
#pragma once

#include <cstdint>

#include "vine/teb.h"
#include "vine/user_shared_data.h"

// For the small helpers a hot export's fast path calls: inlined whatever the
// optimizer's size heuristics think, so no call (and no convention change)
// is left on the fast path.
#define VINE_HOT_INLINE inline __attribute__((always_inline))

// For the out-of-line rest of a hot export (the contended lock, the first
// allocation, the error case). ms_abi, so calling it costs the hot export
// no saves at all (between two ms_abi functions xmm6-15 are callee-saved on
// both sides); the slow path itself saves what its own System V calls need.
// cold moves it away from the hot code; noinline keeps it out of line.
#define VINE_SLOW_PATH __attribute__((noinline, cold, ms_abi))

// For internal helpers hot exports call on paths that are not rare enough
// to be cold (a futex wake): ms_abi, for the same reason.
#define VINE_HOT_CALLEE __attribute__((ms_abi))

namespace vine::hot {

// TEB fields, read through gs: as code built for Windows reads them.
VINE_HOT_INLINE TEB* teb() {
    TEB* self;
    __asm__("movq %%gs:0x30, %0" : "=r"(self));
    return self;
}

VINE_HOT_INLINE DWORD thread_id() {
    DWORD id;
    __asm__("movl %%gs:0x48, %0" : "=r"(id));
    return id;
}

// ClientId.UniqueThread whole, as a HANDLE (a critical section's
// OwningThread): one 64-bit load, no widening of a DWORD after it.
VINE_HOT_INLINE HANDLE thread_id_handle() {
    HANDLE id;
    __asm__("movq %%gs:0x48, %0" : "=r"(id));
    return id;
}

VINE_HOT_INLINE DWORD process_id() {
    DWORD id;
    __asm__("movl %%gs:0x40, %0" : "=r"(id));
    return id;
}

VINE_HOT_INLINE DWORD last_error() {
    DWORD error;
    __asm__ __volatile__("movl %%gs:0x68, %0" : "=r"(error));
    return error;
}

VINE_HOT_INLINE void set_last_error(DWORD error) {
    __asm__ __volatile__("movl %0, %%gs:0x68" : : "r"(error) : "memory");
}

// The TEB's TLS slots (index < 64, which the caller checks), at their gs:
// offset.
VINE_HOT_INLINE void* tls_slot(DWORD index) {
    void* value;
    // The index widened in C++: a DWORD argument's upper half is undefined.
    __asm__ __volatile__("movq %%gs:0x1480(,%1,8), %0" : "=r"(value) : "r"(uint64_t{index}) : "memory");
    return value;
}

VINE_HOT_INLINE void set_tls_slot(DWORD index, void* value) {
    __asm__ __volatile__("movq %0, %%gs:0x1480(,%1,8)" : : "r"(value), "r"(uint64_t{index}) : "memory");
}

static_assert(offsetof(TEB, TlsSlots) == 0x1480);
static_assert(offsetof(TEB, ClientId) + offsetof(CLIENT_ID, UniqueThread) == 0x48);
static_assert(offsetof(TEB, ClientId) + offsetof(CLIENT_ID, UniqueProcess) == 0x40);
static_assert(offsetof(TEB, LastErrorValue) == 0x68);

// KUSER_SHARED_DATA, which vineserver keeps current every millisecond.
VINE_HOT_INLINE const volatile KUSER_SHARED_DATA* user_shared_data() {
    return reinterpret_cast<const volatile KUSER_SHARED_DATA*>(kUserSharedDataAddress);
}

// A KSYSTEM_TIME without a lock: the writer stores High2, then Low and
// High1 together, so a read whose two highs agree saw one value (x86 keeps
// the volatile loads in program order).
VINE_HOT_INLINE uint64_t read_time(const volatile KSYSTEM_TIME& time) {
    for (;;) {
        LONG high = time.High1Time;
        ULONG low = time.LowPart;
        if (time.High2Time == high) return (static_cast<uint64_t>(static_cast<ULONG>(high)) << 32) | low;
        __builtin_ia32_pause();
    }
}

// The same time in one load, for the 8-byte-aligned ones (InterruptTime,
// TickCount): the writer stores LowPart and High1Time in one 64-bit store,
// as 64-bit Windows does, whose own GetTickCount reads TickCount so.
VINE_HOT_INLINE uint64_t read_time_quad(const volatile KSYSTEM_TIME& time) {
    using Quad = uint64_t __attribute__((may_alias));  // the pair of 32-bit fields read as one
    return *reinterpret_cast<const volatile Quad*>(&time.LowPart);
}

// Milliseconds since boot: TickCount times TickCountMultiplier (8.24 fixed
// point), as Windows computes GetTickCount64; one load of each, one
// multiply into 128 bits and a shift.
VINE_HOT_INLINE uint64_t tick_count_ms() {
    const volatile KUSER_SHARED_DATA* data = user_shared_data();
    uint64_t ticks = read_time_quad(data->TickCount);
    uint64_t multiplier = data->TickCountMultiplier;
    return static_cast<uint64_t>((static_cast<unsigned __int128>(ticks) * multiplier) >> 24);
}

// GetTickCount's 32 bits of the same: the product's bits 24-55, which a
// 64-bit multiply has whole (its overflow only loses bits above them).
VINE_HOT_INLINE uint32_t tick_count_ms_low() {
    const volatile KUSER_SHARED_DATA* data = user_shared_data();
    uint64_t ticks = read_time_quad(data->TickCount);
    uint64_t multiplier = data->TickCountMultiplier;
    return static_cast<uint32_t>((ticks * multiplier) >> 24);
}

// 100 ns units since boot, and since 1601 (UTC).
VINE_HOT_INLINE uint64_t interrupt_time() { return read_time_quad(user_shared_data()->InterruptTime); }
VINE_HOT_INLINE uint64_t system_time() { return read_time(user_shared_data()->SystemTime); }

static_assert(offsetof(KUSER_SHARED_DATA, TickCount) % 8 == 0 && offsetof(KUSER_SHARED_DATA, InterruptTime) % 8 == 0);

}  // namespace vine::hot
