// KUSER_SHARED_DATA: the page every Windows process sees read-only at
// 0x7ffe0000, which code built for Windows reads directly (the Go runtime
// reads InterruptTime for its clock, MSVC's CRT reads the processor
// features, GetTickCount reads TickCount). vineserver writes one copy for
// the whole prefix and keeps its times current; every vine maps it.
// Offsets from the public ntddk.h layout (x64, Windows 10).
#pragma once

#include <cstddef>
#include <cstdint>

#include "vine/wintypes.h"

namespace vine {

constexpr uint64_t kUserSharedDataAddress = 0x7ffe0000;
constexpr size_t kUserSharedDataSize = 0x1000;

// A 64-bit time readers can take without a lock: the writer stores High2,
// then Low and High1 in one 64-bit store (as 64-bit Windows does); a reader
// reads High1, Low, High2 and retries when the two highs differ, or, where
// the time is 8-byte aligned, reads Low and High1 in one 64-bit load.
struct KSYSTEM_TIME {
    ULONG LowPart;
    LONG High1Time;
    LONG High2Time;
};

struct KUSER_SHARED_DATA {
    ULONG TickCountLowDeprecated;
    ULONG TickCountMultiplier;  // ms per tick, in 8.24 fixed point
    KSYSTEM_TIME InterruptTime;  // 100 ns units since boot
    KSYSTEM_TIME SystemTime;     // 100 ns units since 1601 (UTC)
    KSYSTEM_TIME TimeZoneBias;
    USHORT ImageNumberLow, ImageNumberHigh;
    WCHAR NtSystemRoot[260];
    ULONG MaxStackTraceDepth, CryptoExponent, TimeZoneId, LargePageMinimum;
    ULONG AitSamplingValue, AppCompatFlag;
    ULONGLONG RNGSeedVersion;
    ULONG GlobalValidationRunlevel;
    LONG TimeZoneBiasStamp;
    ULONG NtBuildNumber;
    ULONG NtProductType;
    BYTE ProductTypeIsValid;
    BYTE Reserved0;
    USHORT NativeProcessorArchitecture;
    ULONG NtMajorVersion, NtMinorVersion;
    BYTE ProcessorFeatures[64];
    ULONG Reserved1, Reserved3;
    ULONG TimeSlip;
    ULONG AlternativeArchitecture;
    ULONG BootId;
    LONGLONG SystemExpirationDate;
    ULONG SuiteMask;
    BYTE KdDebuggerEnabled;
    BYTE MitigationPolicies;
    USHORT CyclesPerYield;
    ULONG ActiveConsoleId, DismountCount, ComPlusPackage, LastSystemRITEventTickCount;
    ULONG NumberOfPhysicalPages;
    BYTE SafeBootMode;
    BYTE VirtualizationFlags;
    BYTE Reserved12[2];
    ULONG SharedDataFlags;
    ULONG DataFlagsPad;
    ULONGLONG TestRetInstruction;
    LONGLONG QpcFrequency;
    ULONG SystemCall;
    ULONG Reserved2;
    ULONGLONG SystemCallPad[2];
    KSYSTEM_TIME TickCount;  // ticks since boot (see TickCountMultiplier)
    ULONG TickCountPad;
    ULONG Cookie;
};
static_assert(offsetof(KUSER_SHARED_DATA, InterruptTime) == 0x8);
static_assert(offsetof(KUSER_SHARED_DATA, SystemTime) == 0x14);
static_assert(offsetof(KUSER_SHARED_DATA, NtSystemRoot) == 0x30);
static_assert(offsetof(KUSER_SHARED_DATA, NtBuildNumber) == 0x260);
static_assert(offsetof(KUSER_SHARED_DATA, NtMajorVersion) == 0x26c);
static_assert(offsetof(KUSER_SHARED_DATA, ProcessorFeatures) == 0x274);
static_assert(offsetof(KUSER_SHARED_DATA, SystemExpirationDate) == 0x2c8);
static_assert(offsetof(KUSER_SHARED_DATA, NumberOfPhysicalPages) == 0x2e8);
static_assert(offsetof(KUSER_SHARED_DATA, QpcFrequency) == 0x300);
static_assert(offsetof(KUSER_SHARED_DATA, TickCount) == 0x320);
static_assert(sizeof(KUSER_SHARED_DATA) <= kUserSharedDataSize);

}  // namespace vine
