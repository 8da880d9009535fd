#include "user_shared_data.h"

#include <cpuid.h>
#include <sys/mman.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <ctime>

#include "server.h"
#include "sync_area.h"
#include "vine/user_shared_data.h"

namespace vine::server {
namespace {

KUSER_SHARED_DATA* shared(void* page) { return static_cast<KUSER_SHARED_DATA*>(page); }

// The lock-free write order readers rely on (see KSYSTEM_TIME): High2,
// then LowPart and High1Time together in one 64-bit store, as 64-bit
// Windows writes them, so a reader may take an 8-byte-aligned time in one
// load (GetTickCount reads TickCount so) as well as the High1, Low, High2
// way. SystemTime (at 0x14) is not 8-byte aligned; the store is still one
// instruction, and its readers use the three-read protocol.
void store_time(KSYSTEM_TIME& time, uint64_t value) {
    std::atomic_ref<LONG>(time.High2Time).store(static_cast<LONG>(value >> 32), std::memory_order_release);
    // One movq (x86 keeps stores in order): LowPart is the low half in
    // little-endian order, High1Time the high half. Written as assembly
    // because SystemTime's pair is not aligned for a uint64_t.
    __asm__ __volatile__("movq %1, %0" : "=m"(*reinterpret_cast<char(*)[8]>(&time.LowPart)) : "r"(value) : "memory");
}

uint64_t clock_100ns(clockid_t clock) {
    timespec now;
    clock_gettime(clock, &now);
    return static_cast<uint64_t>(now.tv_sec) * 10000000 + now.tv_nsec / 100;
}

// PF_* indexes of IsProcessorFeaturePresent, from CPUID.
void fill_processor_features(BYTE* features) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return;
    features[2] = 1;                     // PF_COMPARE_EXCHANGE_DOUBLE (cmpxchg8b)
    features[3] = (edx >> 23) & 1;       // PF_MMX_INSTRUCTIONS_AVAILABLE
    features[6] = (edx >> 25) & 1;       // PF_XMMI_INSTRUCTIONS_AVAILABLE (SSE)
    features[8] = (edx >> 4) & 1;        // PF_RDTSC_INSTRUCTION_AVAILABLE
    features[9] = 1;                     // PF_PAE_ENABLED
    features[10] = (edx >> 26) & 1;      // PF_XMMI64_INSTRUCTIONS_AVAILABLE (SSE2)
    features[12] = 1;                    // PF_NX_ENABLED
    features[13] = ecx & 1;              // PF_SSE3_INSTRUCTIONS_AVAILABLE
    features[14] = (ecx >> 13) & 1;      // PF_COMPARE_EXCHANGE128
    features[17] = (ecx >> 27) & 1;      // PF_XSAVE_ENABLED (OSXSAVE)
    features[23] = 1;                    // PF_FASTFAIL_AVAILABLE
    features[36] = (ecx >> 9) & 1;       // PF_SSSE3_INSTRUCTIONS_AVAILABLE
    features[37] = (ecx >> 19) & 1;      // PF_SSE4_1_INSTRUCTIONS_AVAILABLE
    features[38] = (ecx >> 20) & 1;      // PF_SSE4_2_INSTRUCTIONS_AVAILABLE
    features[39] = (ecx >> 28) & 1;      // PF_AVX_INSTRUCTIONS_AVAILABLE
    if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) {
        features[40] = (ebx >> 5) & 1;   // PF_AVX2_INSTRUCTIONS_AVAILABLE
        features[41] = (ebx >> 16) & 1;  // PF_AVX512F_INSTRUCTIONS_AVAILABLE
    }
}

}  // namespace

UserSharedData& user_shared_data() {
    static UserSharedData data;
    return data;
}

bool UserSharedData::create() {
    if (fd_ >= 0) return true;
    fd_ = create_sealable_memfd("vine-user-shared-data", kUserSharedDataSize);
    if (fd_ < 0) return false;
    page_ = mmap(nullptr, kUserSharedDataSize, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
    if (page_ == MAP_FAILED) {
        page_ = nullptr;
        return false;
    }
    KUSER_SHARED_DATA& data = *shared(page_);
    data.TickCountMultiplier = 1u << 24;  // TickCount counts milliseconds
    data.ImageNumberLow = data.ImageNumberHigh = 0x8664;
    const char16_t root[] = u"C:\\windows";
    memcpy(data.NtSystemRoot, root, sizeof(root));
    data.CryptoExponent = 0x10001;
    data.LargePageMinimum = 0x200000;
    data.NtBuildNumber = 19045;
    data.NtProductType = 1;  // NtProductWinNt: a workstation
    data.ProductTypeIsValid = 1;
    data.NativeProcessorArchitecture = 9;  // PROCESSOR_ARCHITECTURE_AMD64
    data.NtMajorVersion = 10;
    data.NtMinorVersion = 0;
    fill_processor_features(data.ProcessorFeatures);
    data.SuiteMask = 0x110;  // VER_SUITE_TERMINAL | VER_SUITE_SINGLEUSERTS
    data.ActiveConsoleId = 1;
    long pages = sysconf(_SC_PHYS_PAGES);
    data.NumberOfPhysicalPages = pages > 0 ? static_cast<ULONG>(pages) : 0;
    data.QpcFrequency = 10000000;  // QueryPerformanceFrequency: 100 ns ticks
    update_times();
    // Clients map it read-only, and cannot do otherwise.
    return seal_against_writers(fd_);
}

void UserSharedData::update_times() {
    if (!page_) return;
    KUSER_SHARED_DATA& data = *shared(page_);
    uint64_t monotonic = clock_100ns(CLOCK_MONOTONIC);
    store_time(data.InterruptTime, monotonic);
    // 100 ns units since 1601-01-01.
    store_time(data.SystemTime, clock_100ns(CLOCK_REALTIME) + 11644473600ull * 10000000);
    store_time(data.TickCount, monotonic / 10000);
    std::atomic_ref<ULONG>(data.TickCountLowDeprecated).store(static_cast<ULONG>(monotonic / 10000));
}

void UserSharedData::set_ticking(bool ticking) {
    if (ticking == (timer_ >= 0) || !page_) return;
    if (!ticking) {
        unwatch_fd(timer_);
        close(timer_);
        timer_ = -1;
        return;
    }
    timer_ = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
    if (timer_ < 0) return;
    itimerspec every_millisecond{{0, 1000000}, {0, 1000000}};
    timerfd_settime(timer_, 0, &every_millisecond, nullptr);
    watch_fd(timer_, [this] {
        uint64_t expirations;
        (void)!read(timer_, &expirations, sizeof(expirations));
        update_times();
    });
    update_times();
}

}  // namespace vine::server
