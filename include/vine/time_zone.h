// TIME_ZONE_INFORMATION and DYNAMIC_TIME_ZONE_INFORMATION (the RTL_ forms
// are the same layouts), for ntdll, which reads the host's zone, and
// kernel32, which converts times with it.
#pragma once

#include <cstddef>

#include "vine/wintypes.h"

struct TIME_ZONE_INFORMATION {
    LONG Bias;  // minutes: UTC = local time + Bias
    WCHAR StandardName[32];
    SYSTEMTIME StandardDate;  // when daylight time ends, in local daylight time (wMonth 0: no daylight time)
    LONG StandardBias;
    WCHAR DaylightName[32];
    SYSTEMTIME DaylightDate;  // when it starts, in local standard time
    LONG DaylightBias;
};
static_assert(sizeof(TIME_ZONE_INFORMATION) == 172);

// TIME_ZONE_INFORMATION's fields, then the key name.
struct DYNAMIC_TIME_ZONE_INFORMATION {
    LONG Bias;
    WCHAR StandardName[32];
    SYSTEMTIME StandardDate;
    LONG StandardBias;
    WCHAR DaylightName[32];
    SYSTEMTIME DaylightDate;
    LONG DaylightBias;
    WCHAR TimeZoneKeyName[128];  // "Romance Standard Time": the zone's key under ...\Time Zones
    BOOLEAN DynamicDaylightTimeDisabled;
};
static_assert(sizeof(DYNAMIC_TIME_ZONE_INFORMATION) == 432);
static_assert(offsetof(DYNAMIC_TIME_ZONE_INFORMATION, TimeZoneKeyName) == 172);

static_assert(offsetof(DYNAMIC_TIME_ZONE_INFORMATION, DaylightBias) == offsetof(TIME_ZONE_INFORMATION, DaylightBias));

// The TIME_ZONE_INFORMATION part of a dynamic one.
inline TIME_ZONE_INFORMATION static_part(const DYNAMIC_TIME_ZONE_INFORMATION& dynamic) {
    TIME_ZONE_INFORMATION info;
    __builtin_memcpy(&info, &dynamic, sizeof(info));
    return info;
}

constexpr DWORD TIME_ZONE_ID_INVALID = 0xffffffff, TIME_ZONE_ID_UNKNOWN = 0, TIME_ZONE_ID_STANDARD = 1,
                TIME_ZONE_ID_DAYLIGHT = 2;
