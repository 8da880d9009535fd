// Time zones as Windows names and describes them, computed from the host's
// tzdata: the IANA -> Windows zone mapping CLDR publishes, the Windows
// zones' display names, and the POSIX rule that ends each TZif file
// ("CET-1CEST,M3.5.0,M10.5.0/3") turned into Windows' biases and "month,
// week, day of week, time" transition dates. Shared by ntdll (the current
// zone) and the prefix's registry (the Time Zones keys), both in vine
// (loader/time_zone_rules.cpp).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "vine/wintypes.h"

namespace vine::tz {

// A zone's rule in Windows' terms (the TZI value of its registry key).
struct ZoneRule {
    LONG bias = 0;           // minutes: UTC = local time + bias
    LONG standard_bias = 0;  // always 0 for rules from tzdata
    LONG daylight_bias = 0;  // added to bias during daylight time
    SYSTEMTIME standard_date{};  // wMonth 0: no daylight time
    SYSTEMTIME daylight_date{};
    std::string standard_abbreviation;  // "CET"
    std::string daylight_abbreviation;  // "CEST", or empty
};

// A POSIX TZ rule; nullopt for one Windows cannot express (Jn dates, a
// daylight name without dates).
std::optional<ZoneRule> parse_posix_rule(std::string_view rule);

// The rule ending /usr/share/zoneinfo/NAME; empty when there is none.
std::string tzdata_rule(std::string_view iana_name);

// The host's zone: an IANA name (empty for a rule given directly in TZ)
// and its rule.
struct HostZone {
    std::string name;  // "Europe/Paris"
    std::string rule;  // "CET-1CEST,M3.5.0,M10.5.0/3"
};
HostZone host_zone();

// A Windows zone: its key under ...\Windows NT\CurrentVersion\Time Zones,
// the IANA zone CLDR gives as its representative, and its display name.
struct WindowsZone {
    const char* key;      // "Romance Standard Time"
    const char* iana;     // "Europe/Paris"
    const char* display;  // "(UTC+01:00) Brussels, Copenhagen, Madrid, Paris"
};
std::span<const WindowsZone> windows_zones();

// The Windows zone key of an IANA zone (aliases included); nullptr when
// CLDR maps none of the names Vine knows.
const char* windows_zone_of(std::string_view iana_name);

// The zone's standard and daylight names as Windows gives them
// ("Romance Standard Time" / "Romance Daylight Time").
std::string standard_name_of(std::string_view key);
std::string daylight_name_of(std::string_view key);

}  // namespace vine::tz
