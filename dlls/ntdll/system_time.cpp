// The clocks: system time, the performance counter, tick and interrupt
// time. Coarse clocks read KUSER_SHARED_DATA (kept current by vineserver);
// precise ones read the vDSO. Both without a System V call, so these hot
// exports save no registers (docs/architecture.md, "Hot paths").
#include "ntdll_private.h"
#include "vine/vdso_clock.h"

namespace {

constexpr uint64_t kEpochDifference100ns = 11644473600ull * 10000000;  // 1601-01-01 to 1970-01-01

}  // namespace

VINE_EXPORT NTSTATUS NtQuerySystemTime(LARGE_INTEGER* time) {
    time->QuadPart = static_cast<LONGLONG>(vine::hot::system_time());
    return STATUS_SUCCESS;
}

VINE_EXPORT LONGLONG RtlGetSystemTimePrecise() {
    return static_cast<LONGLONG>(vine::hot::clock_100ns(CLOCK_REALTIME) + kEpochDifference100ns);
}

// The counter counts 100 ns units of CLOCK_MONOTONIC: QpcFrequency in
// KUSER_SHARED_DATA says 10 MHz.
VINE_EXPORT BOOL RtlQueryPerformanceCounter(LARGE_INTEGER* counter) {
    counter->QuadPart = static_cast<LONGLONG>(vine::hot::clock_100ns(CLOCK_MONOTONIC));
    return TRUE;
}

VINE_EXPORT BOOL RtlQueryPerformanceFrequency(LARGE_INTEGER* frequency) {
    frequency->QuadPart = vine::hot::user_shared_data()->QpcFrequency;
    return TRUE;
}

VINE_EXPORT NTSTATUS NtQueryPerformanceCounter(LARGE_INTEGER* counter, LARGE_INTEGER* frequency) {
    RtlQueryPerformanceCounter(counter);
    if (frequency) RtlQueryPerformanceFrequency(frequency);
    return STATUS_SUCCESS;
}

VINE_EXPORT ULONG NtGetTickCount() { return vine::hot::tick_count_ms_low(); }

// CLOCK_MONOTONIC, which InterruptTime follows, does not count suspended
// time: it is already the unbiased interrupt time.
VINE_EXPORT BOOL RtlQueryUnbiasedInterruptTime(ULONGLONG* time) {
    *time = vine::hot::interrupt_time();
    return TRUE;
}
