// The host's time zone as Windows describes one: its IANA name (TZ, else
// /etc/localtime's target, else /etc/timezone) gives the Windows zone's key
// name ("Europe/Paris" is "Romance Standard Time", after the mapping CLDR
// publishes), and the zone's rule for the years to come (the POSIX TZ
// string ending its tzdata file) gives the biases and transition dates
// (vine/time_zone_rules.h, shared with the prefix's Time Zones keys) --
// unless a program has set the prefix's zone, which the registry then holds
// (time_zone_registry.cpp). A process reads that key once; setting the zone
// updates the setting process's copy and every process started after.
#include <cstring>
#include <ctime>
#include <string>

#include "ntdll_private.h"
#include "time_zone_registry.h"
#include "vine/ntdll_exports.h"
#include "vine/ntstatus.h"
#include "vine/time_zone.h"
#include "vine/time_zone_rules.h"
#include "vine/unicode.h"

namespace {

void copy_name(WCHAR* out, size_t capacity, const std::string& name) {
    std::u16string wide = vine::utf8_to_utf16(name);
    size_t n = std::min(wide.size(), capacity - 1);
    memcpy(out, wide.data(), n * sizeof(WCHAR));
    out[n] = 0;
}

// Fills `info` from the host's zone; false when its rule cannot be read.
bool describe(DYNAMIC_TIME_ZONE_INFORMATION& info) {
    memset(&info, 0, sizeof(info));
    vine::tz::HostZone zone = vine::tz::host_zone();
    std::optional<vine::tz::ZoneRule> rule = vine::tz::parse_posix_rule(zone.rule);
    if (!rule) return false;
    info.Bias = rule->bias;
    info.StandardBias = rule->standard_bias;
    info.DaylightBias = rule->daylight_bias;
    info.StandardDate = rule->standard_date;
    info.DaylightDate = rule->daylight_date;
    if (const char* key = vine::tz::windows_zone_of(zone.name)) {
        copy_name(info.StandardName, 32, vine::tz::standard_name_of(key));
        copy_name(info.DaylightName, 32, vine::tz::daylight_name_of(key));
        copy_name(info.TimeZoneKeyName, 128, key);
    } else {
        // A zone CLDR does not map: its own abbreviations.
        const std::string& daylight = rule->daylight_abbreviation;
        copy_name(info.StandardName, 32, rule->standard_abbreviation);
        copy_name(info.DaylightName, 32, daylight.empty() ? rule->standard_abbreviation : daylight);
        copy_name(info.TimeZoneKeyName, 128, zone.name);
    }
    return true;
}

// The registry's zone, read on first use, under an SRW lock (std::call_once
// aborts in ntdll: it throws std::system_error, EINVAL).
struct SetZone {
    RTL_SRWLOCK lock{};
    bool read = false;
    bool present = false;
    DYNAMIC_TIME_ZONE_INFORMATION zone{};
};
SetZone g_set_zone;

bool registry_zone(DYNAMIC_TIME_ZONE_INFORMATION* info) {
    RtlAcquireSRWLockExclusive(&g_set_zone.lock);
    if (!g_set_zone.read) {
        g_set_zone.present = ntdll::read_registry_time_zone(&g_set_zone.zone);
        g_set_zone.read = true;
    }
    bool present = g_set_zone.present;
    if (present) *info = g_set_zone.zone;
    RtlReleaseSRWLockExclusive(&g_set_zone.lock);
    return present;
}

}  // namespace

// Writes the zone to the registry (Windows' Rtl form does only that; the
// privilege is SetDynamicTimeZoneInformation's to check) and makes it this
// process's zone.
VINE_EXPORT NTSTATUS RtlSetDynamicTimeZoneInformation(const DYNAMIC_TIME_ZONE_INFORMATION* info) {
    if (!info) return STATUS_INVALID_PARAMETER;
    NTSTATUS status = ntdll::write_registry_time_zone(*info, info->Bias + info->StandardBias);
    if (!NT_SUCCESS(status)) return status;
    RtlAcquireSRWLockExclusive(&g_set_zone.lock);
    g_set_zone.zone = *info;
    g_set_zone.present = g_set_zone.read = true;
    RtlReleaseSRWLockExclusive(&g_set_zone.lock);
    return STATUS_SUCCESS;
}

// A zone without a key name and without dynamic daylight time.
VINE_EXPORT NTSTATUS RtlSetTimeZoneInformation(const TIME_ZONE_INFORMATION* info) {
    if (!info) return STATUS_INVALID_PARAMETER;
    DYNAMIC_TIME_ZONE_INFORMATION dynamic{};
    memcpy(&dynamic, info, sizeof(*info));
    dynamic.DynamicDaylightTimeDisabled = TRUE;
    return RtlSetDynamicTimeZoneInformation(&dynamic);
}

VINE_EXPORT NTSTATUS RtlQueryDynamicTimeZoneInformation(DYNAMIC_TIME_ZONE_INFORMATION* info) {
    if (!info) return STATUS_INVALID_PARAMETER;
    if (registry_zone(info)) return STATUS_SUCCESS;
    if (!describe(*info)) {
        // A rule Windows cannot express: the zone's current offset, no
        // daylight time, rather than a wrong calendar.
        memset(info, 0, sizeof(*info));
        time_t now = time(nullptr);
        struct tm local {};
        localtime_r(&now, &local);
        info->Bias = static_cast<LONG>(-local.tm_gmtoff / 60);
        copy_name(info->StandardName, 32, local.tm_zone ? local.tm_zone : "");
        copy_name(info->DaylightName, 32, local.tm_zone ? local.tm_zone : "");
    }
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS RtlQueryTimeZoneInformation(TIME_ZONE_INFORMATION* info) {
    if (!info) return STATUS_INVALID_PARAMETER;
    DYNAMIC_TIME_ZONE_INFORMATION dynamic;
    RtlQueryDynamicTimeZoneInformation(&dynamic);
    *info = static_part(dynamic);
    return STATUS_SUCCESS;
}
