// The host's time zone as Windows describes one: its IANA name (TZ, else
// /etc/localtime's target, else /etc/timezone) gives the Windows zone's key
// name ("Europe/Paris" is "Romance Standard Time", after the mapping CLDR
// publishes), and the zone's rule for the years to come (the POSIX TZ
// string ending its tzdata file, "CET-1CEST,M3.5.0,M10.5.0/3") gives the
// biases and the "month, week, day of week, time" dates Windows uses.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "ntdll_private.h"
#include "vine/ntstatus.h"
#include "vine/time_zone.h"
#include "vine/unicode.h"

namespace {

// IANA zone -> Windows zone, from CLDR's windowsZones.xml.
const struct {
    const char* iana;
    const char* windows;
} kZones[] = {
    {"Etc/UTC", "UTC"},
    {"Etc/UCT", "UTC"},
    {"Etc/Universal", "UTC"},
    {"Etc/Zulu", "UTC"},
    {"Etc/GMT", "UTC"},
    {"UTC", "UTC"},
    {"Universal", "UTC"},
    {"Zulu", "UTC"},
    {"Europe/London", "GMT Standard Time"},
    {"Europe/Dublin", "GMT Standard Time"},
    {"Europe/Lisbon", "GMT Standard Time"},
    {"Atlantic/Canary", "GMT Standard Time"},
    {"Europe/Paris", "Romance Standard Time"},
    {"Europe/Brussels", "Romance Standard Time"},
    {"Europe/Madrid", "Romance Standard Time"},
    {"Europe/Copenhagen", "Romance Standard Time"},
    {"Europe/Berlin", "W. Europe Standard Time"},
    {"Europe/Amsterdam", "W. Europe Standard Time"},
    {"Europe/Rome", "W. Europe Standard Time"},
    {"Europe/Vienna", "W. Europe Standard Time"},
    {"Europe/Stockholm", "W. Europe Standard Time"},
    {"Europe/Zurich", "W. Europe Standard Time"},
    {"Europe/Oslo", "W. Europe Standard Time"},
    {"Europe/Luxembourg", "W. Europe Standard Time"},
    {"Europe/Warsaw", "Central European Standard Time"},
    {"Europe/Zagreb", "Central European Standard Time"},
    {"Europe/Sarajevo", "Central European Standard Time"},
    {"Europe/Skopje", "Central European Standard Time"},
    {"Europe/Prague", "Central Europe Standard Time"},
    {"Europe/Budapest", "Central Europe Standard Time"},
    {"Europe/Belgrade", "Central Europe Standard Time"},
    {"Europe/Bratislava", "Central Europe Standard Time"},
    {"Europe/Ljubljana", "Central Europe Standard Time"},
    {"Europe/Athens", "GTB Standard Time"},
    {"Europe/Bucharest", "GTB Standard Time"},
    {"Europe/Helsinki", "FLE Standard Time"},
    {"Europe/Kiev", "FLE Standard Time"},
    {"Europe/Kyiv", "FLE Standard Time"},
    {"Europe/Riga", "FLE Standard Time"},
    {"Europe/Sofia", "FLE Standard Time"},
    {"Europe/Tallinn", "FLE Standard Time"},
    {"Europe/Vilnius", "FLE Standard Time"},
    {"Europe/Istanbul", "Turkey Standard Time"},
    {"Europe/Moscow", "Russian Standard Time"},
    {"Europe/Minsk", "Belarus Standard Time"},
    {"America/New_York", "Eastern Standard Time"},
    {"America/Detroit", "Eastern Standard Time"},
    {"America/Toronto", "Eastern Standard Time"},
    {"America/Chicago", "Central Standard Time"},
    {"America/Winnipeg", "Central Standard Time"},
    {"America/Denver", "Mountain Standard Time"},
    {"America/Edmonton", "Mountain Standard Time"},
    {"America/Phoenix", "US Mountain Standard Time"},
    {"America/Los_Angeles", "Pacific Standard Time"},
    {"America/Vancouver", "Pacific Standard Time"},
    {"America/Anchorage", "Alaskan Standard Time"},
    {"Pacific/Honolulu", "Hawaiian Standard Time"},
    {"America/Halifax", "Atlantic Standard Time"},
    {"America/St_Johns", "Newfoundland Standard Time"},
    {"America/Sao_Paulo", "E. South America Standard Time"},
    {"America/Argentina/Buenos_Aires", "Argentina Standard Time"},
    {"America/Buenos_Aires", "Argentina Standard Time"},
    {"America/Mexico_City", "Central Standard Time (Mexico)"},
    {"America/Bogota", "SA Pacific Standard Time"},
    {"America/Lima", "SA Pacific Standard Time"},
    {"America/Caracas", "Venezuela Standard Time"},
    {"America/Santiago", "Pacific SA Standard Time"},
    {"Asia/Tokyo", "Tokyo Standard Time"},
    {"Asia/Seoul", "Korea Standard Time"},
    {"Asia/Shanghai", "China Standard Time"},
    {"Asia/Hong_Kong", "China Standard Time"},
    {"Asia/Taipei", "Taipei Standard Time"},
    {"Asia/Singapore", "Singapore Standard Time"},
    {"Asia/Kuala_Lumpur", "Singapore Standard Time"},
    {"Asia/Manila", "Singapore Standard Time"},
    {"Asia/Kolkata", "India Standard Time"},
    {"Asia/Calcutta", "India Standard Time"},
    {"Asia/Dubai", "Arabian Standard Time"},
    {"Asia/Karachi", "Pakistan Standard Time"},
    {"Asia/Bangkok", "SE Asia Standard Time"},
    {"Asia/Jakarta", "SE Asia Standard Time"},
    {"Asia/Ho_Chi_Minh", "SE Asia Standard Time"},
    {"Asia/Jerusalem", "Israel Standard Time"},
    {"Asia/Tehran", "Iran Standard Time"},
    {"Asia/Riyadh", "Arab Standard Time"},
    {"Asia/Kathmandu", "Nepal Standard Time"},
    {"Asia/Dhaka", "Bangladesh Standard Time"},
    {"Australia/Sydney", "AUS Eastern Standard Time"},
    {"Australia/Melbourne", "AUS Eastern Standard Time"},
    {"Australia/Brisbane", "E. Australia Standard Time"},
    {"Australia/Adelaide", "Cen. Australia Standard Time"},
    {"Australia/Perth", "W. Australia Standard Time"},
    {"Australia/Darwin", "AUS Central Standard Time"},
    {"Pacific/Auckland", "New Zealand Standard Time"},
    {"Africa/Johannesburg", "South Africa Standard Time"},
    {"Africa/Cairo", "Egypt Standard Time"},
    {"Africa/Lagos", "W. Central Africa Standard Time"},
    {"Africa/Nairobi", "E. Africa Standard Time"},
    {"Africa/Casablanca", "Morocco Standard Time"},
};

constexpr const char* kZoneInfo = "/usr/share/zoneinfo/";

std::string read_file(const std::string& path, size_t limit) {
    std::string text;
    if (FILE* file = fopen(path.c_str(), "rb")) {
        char buffer[4096];
        size_t got;
        while (text.size() < limit && (got = fread(buffer, 1, sizeof(buffer), file)) > 0) text.append(buffer, got);
        fclose(file);
    }
    return text;
}

// The host's zone: an IANA name, or a POSIX rule given directly in TZ.
struct HostZone {
    std::string name;  // "Europe/Paris", or empty
    std::string rule;  // "CET-1CEST,M3.5.0,M10.5.0/3"
};

// The POSIX rule a TZif file ends with (version 2 and later).
std::string footer_rule(const std::string& data) {
    if (data.size() < 44 || data.compare(0, 4, "TZif") != 0 || data.back() != '\n') return "";
    size_t start = data.rfind('\n', data.size() - 2);
    if (start == std::string::npos) return "";
    return data.substr(start + 1, data.size() - start - 2);
}

HostZone host_zone() {
    HostZone zone;
    const char* tz = getenv("TZ");
    std::string name;
    if (tz && *tz) {
        name = tz[0] == ':' ? tz + 1 : tz;
    } else {
        char target[4096];
        ssize_t n = readlink("/etc/localtime", target, sizeof(target) - 1);
        if (n > 0) {
            name.assign(target, static_cast<size_t>(n));
            size_t at = name.find("zoneinfo/");
            if (at != std::string::npos) name = name.substr(at + 9);
        } else {
            name = read_file("/etc/timezone", 256);
            while (!name.empty() && (name.back() == '\n' || name.back() == ' ')) name.pop_back();
        }
    }
    if (name.empty()) name = "Etc/UTC";
    std::string path = name[0] == '/' ? name : kZoneInfo + name;
    if (name.find("..") == std::string::npos) zone.rule = footer_rule(read_file(path, 1 << 20));
    if (!zone.rule.empty()) {
        size_t at = name.find("zoneinfo/");
        zone.name = name[0] == '/' && at != std::string::npos ? name.substr(at + 9) : name;
    } else if (tz && *tz && tz[0] != ':') {
        zone.rule = tz;  // TZ=EST5EDT,M3.2.0,M11.1.0: a rule without a file
    } else {
        zone.name = "Etc/UTC";
        zone.rule = "UTC0";
    }
    return zone;
}

// ---- the POSIX rule ----

struct RuleParser {
    std::string_view text;
    size_t pos = 0;
    bool ok = true;

    bool at_end() const { return pos >= text.size(); }
    char peek() const { return at_end() ? '\0' : text[pos]; }

    std::string name() {
        std::string out;
        if (peek() == '<') {
            ++pos;
            while (!at_end() && peek() != '>') out += text[pos++];
            if (peek() == '>') ++pos;
            else ok = false;
        } else {
            while (!at_end() && ((peek() >= 'A' && peek() <= 'Z') || (peek() >= 'a' && peek() <= 'z'))) out += text[pos++];
        }
        if (out.size() < 3) ok = false;
        return out;
    }
    int number() {
        int value = 0, digits = 0;
        while (!at_end() && peek() >= '0' && peek() <= '9') value = value * 10 + (text[pos++] - '0'), ++digits;
        if (!digits) ok = false;
        return value;
    }
    // [+-]hh[:mm[:ss]] in seconds
    int offset() {
        int sign = 1;
        if (peek() == '+' || peek() == '-') sign = text[pos++] == '-' ? -1 : 1;
        int seconds = number() * 3600;
        if (peek() == ':') ++pos, seconds += number() * 60;
        if (peek() == ':') ++pos, seconds += number();
        return sign * seconds;
    }
    // Mm.w.d[/time]: the month, its w-th (5: last) day d, at a local time.
    SYSTEMTIME date() {
        SYSTEMTIME when{};
        if (peek() != 'M') {
            ok = false;  // Jn and n (days of the year) have no Windows form
            return when;
        }
        ++pos;
        when.wMonth = static_cast<WORD>(number());
        if (peek() == '.') ++pos;
        when.wDay = static_cast<WORD>(number());
        if (peek() == '.') ++pos;
        when.wDayOfWeek = static_cast<WORD>(number());
        int seconds = 2 * 3600;
        if (peek() == '/') ++pos, seconds = offset();
        if (seconds < 0 || seconds >= 24 * 3600) seconds = seconds < 0 ? 0 : 24 * 3600 - 1;
        when.wHour = static_cast<WORD>(seconds / 3600);
        when.wMinute = static_cast<WORD>(seconds / 60 % 60);
        when.wSecond = static_cast<WORD>(seconds % 60);
        if (when.wMonth < 1 || when.wMonth > 12 || when.wDay < 1 || when.wDay > 5 || when.wDayOfWeek > 6) ok = false;
        return when;
    }
};

void copy_name(WCHAR* out, size_t capacity, const std::string& name) {
    std::u16string wide = vine::utf8_to_utf16(name);
    size_t n = std::min(wide.size(), capacity - 1);
    memcpy(out, wide.data(), n * sizeof(WCHAR));
    out[n] = 0;
}

// Fills `info` from the host's zone; false when its rule cannot be read.
bool describe(DYNAMIC_TIME_ZONE_INFORMATION& info) {
    memset(&info, 0, sizeof(info));
    HostZone zone = host_zone();
    RuleParser parser{zone.rule};
    std::string standard = parser.name();
    int offset = parser.offset();  // seconds west of UTC, POSIX's sign
    info.Bias = offset / 60;
    std::string daylight;
    if (parser.ok && !parser.at_end()) {
        daylight = parser.name();
        int daylight_offset = offset - 3600;
        if (parser.peek() != ',' && !parser.at_end()) daylight_offset = parser.offset();
        info.DaylightBias = (daylight_offset - offset) / 60;
        if (parser.peek() == ',') {
            ++parser.pos;
            info.DaylightDate = parser.date();
            if (parser.peek() == ',') ++parser.pos;
            else parser.ok = false;
            info.StandardDate = parser.date();
        } else {
            parser.ok = false;  // a daylight name without its dates: POSIX's default US rule, long gone
        }
    }
    if (!parser.ok) return false;

    const char* key = nullptr;
    for (const auto& entry : kZones)
        if (zone.name == entry.iana) key = entry.windows;
    if (key && !strcmp(key, "UTC")) {
        copy_name(info.StandardName, 32, "Coordinated Universal Time");
        copy_name(info.DaylightName, 32, "Coordinated Universal Time");
    } else if (key) {
        // "X Standard Time" / "X Daylight Time", but Britain's summer time
        std::string daylight_name = key;
        if (!strcmp(key, "GMT Standard Time")) daylight_name = "GMT Summer Time";
        else if (size_t at = daylight_name.find("Standard"); at != std::string::npos)
            daylight_name.replace(at, 8, "Daylight");
        copy_name(info.StandardName, 32, key);
        copy_name(info.DaylightName, 32, daylight_name);
    } else {
        // A zone CLDR does not map: its own abbreviations.
        copy_name(info.StandardName, 32, standard);
        copy_name(info.DaylightName, 32, daylight.empty() ? standard : daylight);
    }
    copy_name(info.TimeZoneKeyName, 128, key ? key : zone.name);
    return true;
}

}  // namespace

VINE_EXPORT NTSTATUS RtlQueryDynamicTimeZoneInformation(DYNAMIC_TIME_ZONE_INFORMATION* info) {
    if (!info) return STATUS_INVALID_PARAMETER;
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
