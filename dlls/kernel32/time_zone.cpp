// The time zone (ntdll reads the host's: dlls/ntdll/time_zone.cpp) and
// local time: GetTimeZoneInformation and friends, conversions between UTC
// and a zone's local time by its rules (Windows' "w-th day of week of the
// month at a local time" dates, or a fixed date when wYear is set),
// GetLocalTime, FileTimeToLocalFileTime.
#include <cstring>

#include "kernel32_private.h"
#include "time_zone_registry.h"
#include "vine/ntdll_exports.h"
#include "vine/ntstatus.h"
#include "vine/security.h"
#include "vine/time_zone.h"
#include "vine/unicode.h"

using namespace kernel32;

extern "C" {
WINAPI NTSTATUS RtlQueryTimeZoneInformation(TIME_ZONE_INFORMATION* info);
WINAPI NTSTATUS RtlQueryDynamicTimeZoneInformation(DYNAMIC_TIME_ZONE_INFORMATION* info);
WINAPI NTSTATUS RtlSetTimeZoneInformation(const TIME_ZONE_INFORMATION* info);
WINAPI NTSTATUS RtlSetDynamicTimeZoneInformation(const DYNAMIC_TIME_ZONE_INFORMATION* info);
}

namespace {

constexpr int64_t kTicksPerMinute = 600000000;

int64_t ticks_of(const FILETIME& time) {
    return static_cast<int64_t>((static_cast<uint64_t>(time.dwHighDateTime) << 32) | time.dwLowDateTime);
}

FILETIME filetime_of(int64_t ticks) {
    auto value = static_cast<uint64_t>(ticks);
    return FILETIME{static_cast<DWORD>(value), static_cast<DWORD>(value >> 32)};
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

// When `rule` happens in `year`, in the local time it is given in (ticks).
int64_t rule_ticks(const SYSTEMTIME& rule, int year) {
    SYSTEMTIME when{};
    when.wYear = static_cast<WORD>(year);
    when.wMonth = rule.wMonth;
    when.wHour = rule.wHour;
    when.wMinute = rule.wMinute;
    when.wSecond = rule.wSecond;
    if (rule.wYear) {
        when.wDay = rule.wDay;  // a fixed date
    } else {
        // The wDay-th (5: the last) wDayOfWeek of the month.
        SYSTEMTIME first = when;
        first.wDay = 1;
        FILETIME file;
        SystemTimeToFileTime(&first, &file);
        FileTimeToSystemTime(&file, &first);
        int day = 1 + (rule.wDayOfWeek - first.wDayOfWeek + 7) % 7 + (rule.wDay - 1) * 7;
        while (day > days_in_month(year, rule.wMonth)) day -= 7;
        when.wDay = static_cast<WORD>(day);
    }
    FILETIME file{};
    if (!SystemTimeToFileTime(&when, &file)) return 0;
    return ticks_of(file);
}

bool has_daylight(const TIME_ZONE_INFORMATION& zone) { return zone.DaylightDate.wMonth && zone.StandardDate.wMonth; }

// Whether UTC `ticks` falls in the zone's daylight time.
bool daylight_at_utc(const TIME_ZONE_INFORMATION& zone, int64_t ticks) {
    if (!has_daylight(zone)) return false;
    SYSTEMTIME utc;
    FILETIME file = filetime_of(ticks);
    FileTimeToSystemTime(&file, &utc);
    // The start is given in standard time, the end in daylight time.
    int64_t start = rule_ticks(zone.DaylightDate, utc.wYear) + (zone.Bias + zone.StandardBias) * kTicksPerMinute;
    int64_t end = rule_ticks(zone.StandardDate, utc.wYear) + (zone.Bias + zone.DaylightBias) * kTicksPerMinute;
    return start < end ? ticks >= start && ticks < end : !(ticks >= end && ticks < start);
}

// Whether local `ticks` is daylight time: from the start (in standard
// time) to the end as the rule gives it (in daylight time), so the hour that
// repeats when daylight time ends counts as daylight time, as on Windows.
bool daylight_at_local(const TIME_ZONE_INFORMATION& zone, int64_t ticks) {
    if (!has_daylight(zone)) return false;
    SYSTEMTIME local;
    FILETIME file = filetime_of(ticks);
    FileTimeToSystemTime(&file, &local);
    int64_t start = rule_ticks(zone.DaylightDate, local.wYear);
    int64_t end = rule_ticks(zone.StandardDate, local.wYear);
    return start < end ? ticks >= start && ticks < end : !(ticks >= end && ticks < start);
}

TIME_ZONE_INFORMATION current_zone() {
    TIME_ZONE_INFORMATION zone;
    RtlQueryTimeZoneInformation(&zone);
    return zone;
}

int64_t now_ticks() {
    FILETIME now;
    GetSystemTimeAsFileTime(&now);
    return ticks_of(now);
}

DWORD zone_id(const TIME_ZONE_INFORMATION& zone) {
    if (!has_daylight(zone)) return TIME_ZONE_ID_UNKNOWN;
    return daylight_at_utc(zone, now_ticks()) ? TIME_ZONE_ID_DAYLIGHT : TIME_ZONE_ID_STANDARD;
}

// Minutes to add to local time for UTC, now.
LONG current_bias(const TIME_ZONE_INFORMATION& zone) {
    return zone.Bias + (daylight_at_utc(zone, now_ticks()) ? zone.DaylightBias : zone.StandardBias);
}

}  // namespace

VINE_EXPORT DWORD GetTimeZoneInformation(TIME_ZONE_INFORMATION* info) {
    if (!info) {
        set_error(ERROR_INVALID_PARAMETER);
        return TIME_ZONE_ID_INVALID;
    }
    *info = current_zone();
    return zone_id(*info);
}

VINE_EXPORT DWORD GetDynamicTimeZoneInformation(DYNAMIC_TIME_ZONE_INFORMATION* info) {
    if (!info) {
        set_error(ERROR_INVALID_PARAMETER);
        return TIME_ZONE_ID_INVALID;
    }
    RtlQueryDynamicTimeZoneInformation(info);
    return zone_id(static_part(*info));
}

// The host's tzdata gives the zone's rule for the years to come, which Vine
// reports for every year; another zone is read from the registry's Time
// Zones keys, as Windows reads it (ERROR_FILE_NOT_FOUND for a zone it does
// not hold). A zone whose key has a Dynamic DST subkey takes the year's
// rule from it.
VINE_EXPORT BOOL GetTimeZoneInformationForYear(USHORT year, const DYNAMIC_TIME_ZONE_INFORMATION* wanted,
                                               TIME_ZONE_INFORMATION* info) {
    if (!info) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    DYNAMIC_TIME_ZONE_INFORMATION zone;
    RtlQueryDynamicTimeZoneInformation(&zone);
    if (wanted && (wanted->TimeZoneKeyName[0] || !wanted->DynamicDaylightTimeDisabled)) {
        std::u16string_view a(wanted->TimeZoneKeyName, vine::utf16_length(wanted->TimeZoneKeyName));
        std::u16string_view b(zone.TimeZoneKeyName, vine::utf16_length(zone.TimeZoneKeyName));
        if (!vine::equal_ignore_case(a, b)) {
            NTSTATUS status = registry_time_zone(a, &zone);
            if (!NT_SUCCESS(status)) {
                set_error(status == STATUS_OBJECT_NAME_NOT_FOUND ? ERROR_FILE_NOT_FOUND : RtlNtStatusToDosError(status));
                return FALSE;
            }
        }
    }
    // The zone's Dynamic DST key, when it has one, has the year's rule.
    if (zone.TimeZoneKeyName[0] && !zone.DynamicDaylightTimeDisabled)
        registry_time_zone_for_year(std::u16string_view(zone.TimeZoneKeyName, vine::utf16_length(zone.TimeZoneKeyName)),
                                    year, &zone);
    *info = static_part(zone);
    return TRUE;
}

namespace {

// Setting the zone needs SeTimeZonePrivilege enabled in the caller's
// effective token (Windows checks it in NtSetSystemInformation).
bool time_zone_privilege_enabled() {
    PRIVILEGE_SET set{1, PRIVILEGE_SET_ALL_NECESSARY, {{{SE_TIME_ZONE_PRIVILEGE, 0}, 0}}};
    BOOLEAN held = FALSE;
    HANDLE effective_token = reinterpret_cast<HANDLE>(static_cast<intptr_t>(-6));
    return NT_SUCCESS(NtPrivilegeCheck(effective_token, &set, &held)) && held;
}

template <typename Zone>
BOOL set_zone(const Zone* info, WINAPI NTSTATUS (*rtl_set)(const Zone*)) {
    if (!info) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!time_zone_privilege_enabled()) {
        set_error(ERROR_PRIVILEGE_NOT_HELD);
        return FALSE;
    }
    NTSTATUS status = rtl_set(info);
    if (NT_SUCCESS(status)) return TRUE;
    set_error(RtlNtStatusToDosError(status));
    return FALSE;
}

}  // namespace

VINE_EXPORT BOOL SetTimeZoneInformation(const TIME_ZONE_INFORMATION* info) {
    return set_zone(info, RtlSetTimeZoneInformation);
}

VINE_EXPORT BOOL SetDynamicTimeZoneInformation(const DYNAMIC_TIME_ZONE_INFORMATION* info) {
    return set_zone(info, RtlSetDynamicTimeZoneInformation);
}

VINE_EXPORT BOOL SystemTimeToTzSpecificLocalTime(const TIME_ZONE_INFORMATION* zone_in, const SYSTEMTIME* utc,
                                                 SYSTEMTIME* local) {
    if (!utc || !local) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    TIME_ZONE_INFORMATION zone = zone_in ? *zone_in : current_zone();
    FILETIME file;
    if (!SystemTimeToFileTime(utc, &file)) return FALSE;
    int64_t ticks = ticks_of(file);
    LONG bias = zone.Bias + (daylight_at_utc(zone, ticks) ? zone.DaylightBias : zone.StandardBias);
    file = filetime_of(ticks - bias * kTicksPerMinute);
    return FileTimeToSystemTime(&file, local);
}

VINE_EXPORT BOOL TzSpecificLocalTimeToSystemTime(const TIME_ZONE_INFORMATION* zone_in, const SYSTEMTIME* local,
                                                 SYSTEMTIME* utc) {
    if (!utc || !local) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    TIME_ZONE_INFORMATION zone = zone_in ? *zone_in : current_zone();
    FILETIME file;
    if (!SystemTimeToFileTime(local, &file)) return FALSE;
    int64_t ticks = ticks_of(file);
    LONG bias = zone.Bias + (daylight_at_local(zone, ticks) ? zone.DaylightBias : zone.StandardBias);
    file = filetime_of(ticks + bias * kTicksPerMinute);
    return FileTimeToSystemTime(&file, utc);
}

VINE_EXPORT void GetLocalTime(SYSTEMTIME* out) {
    SYSTEMTIME utc;
    FILETIME now;
    GetSystemTimeAsFileTime(&now);
    FileTimeToSystemTime(&now, &utc);
    SystemTimeToTzSpecificLocalTime(nullptr, &utc, out);
}

// Windows converts with the bias in effect now, whatever the date.
VINE_EXPORT BOOL FileTimeToLocalFileTime(const FILETIME* in, FILETIME* out) {
    if (!in || !out) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *out = filetime_of(ticks_of(*in) - current_bias(current_zone()) * kTicksPerMinute);
    return TRUE;
}

VINE_EXPORT BOOL LocalFileTimeToFileTime(const FILETIME* in, FILETIME* out) {
    if (!in || !out) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *out = filetime_of(ticks_of(*in) + current_bias(current_zone()) * kTicksPerMinute);
    return TRUE;
}
