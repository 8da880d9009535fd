// Windows' view of time zones from the host's tzdata (vine/time_zone_rules.h).
#include "vine/time_zone_rules.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace vine::tz {
namespace {

// Each Windows zone with the IANA zone CLDR's windowsZones.xml gives as its
// representative (territory 001), and the display name Windows' registry
// holds for it.
constexpr WindowsZone kWindowsZones[] = {
    {"UTC", "Etc/UTC", "(UTC) Coordinated Universal Time"},
    {"GMT Standard Time", "Europe/London", "(UTC+00:00) Dublin, Edinburgh, Lisbon, London"},
    {"Romance Standard Time", "Europe/Paris", "(UTC+01:00) Brussels, Copenhagen, Madrid, Paris"},
    {"W. Europe Standard Time", "Europe/Berlin", "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"},
    {"Central European Standard Time", "Europe/Warsaw", "(UTC+01:00) Sarajevo, Skopje, Warsaw, Zagreb"},
    {"Central Europe Standard Time", "Europe/Prague", "(UTC+01:00) Belgrade, Bratislava, Budapest, Ljubljana, Prague"},
    {"GTB Standard Time", "Europe/Athens", "(UTC+02:00) Athens, Bucharest"},
    {"FLE Standard Time", "Europe/Helsinki", "(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius"},
    {"Turkey Standard Time", "Europe/Istanbul", "(UTC+03:00) Istanbul"},
    {"Russian Standard Time", "Europe/Moscow", "(UTC+03:00) Moscow, St. Petersburg"},
    {"Belarus Standard Time", "Europe/Minsk", "(UTC+03:00) Minsk"},
    {"Eastern Standard Time", "America/New_York", "(UTC-05:00) Eastern Time (US & Canada)"},
    {"Central Standard Time", "America/Chicago", "(UTC-06:00) Central Time (US & Canada)"},
    {"Mountain Standard Time", "America/Denver", "(UTC-07:00) Mountain Time (US & Canada)"},
    {"US Mountain Standard Time", "America/Phoenix", "(UTC-07:00) Arizona"},
    {"Pacific Standard Time", "America/Los_Angeles", "(UTC-08:00) Pacific Time (US & Canada)"},
    {"Alaskan Standard Time", "America/Anchorage", "(UTC-09:00) Alaska"},
    {"Hawaiian Standard Time", "Pacific/Honolulu", "(UTC-10:00) Hawaii"},
    {"Atlantic Standard Time", "America/Halifax", "(UTC-04:00) Atlantic Time (Canada)"},
    {"Newfoundland Standard Time", "America/St_Johns", "(UTC-03:30) Newfoundland"},
    {"E. South America Standard Time", "America/Sao_Paulo", "(UTC-03:00) Brasilia"},
    {"Argentina Standard Time", "America/Argentina/Buenos_Aires", "(UTC-03:00) City of Buenos Aires"},
    {"Central Standard Time (Mexico)", "America/Mexico_City", "(UTC-06:00) Guadalajara, Mexico City, Monterrey"},
    {"SA Pacific Standard Time", "America/Bogota", "(UTC-05:00) Bogota, Lima, Quito, Rio Branco"},
    {"Venezuela Standard Time", "America/Caracas", "(UTC-04:00) Caracas"},
    {"Pacific SA Standard Time", "America/Santiago", "(UTC-04:00) Santiago"},
    {"Tokyo Standard Time", "Asia/Tokyo", "(UTC+09:00) Osaka, Sapporo, Tokyo"},
    {"Korea Standard Time", "Asia/Seoul", "(UTC+09:00) Seoul"},
    {"China Standard Time", "Asia/Shanghai", "(UTC+08:00) Beijing, Chongqing, Hong Kong, Urumqi"},
    {"Taipei Standard Time", "Asia/Taipei", "(UTC+08:00) Taipei"},
    {"Singapore Standard Time", "Asia/Singapore", "(UTC+08:00) Kuala Lumpur, Singapore"},
    {"India Standard Time", "Asia/Kolkata", "(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi"},
    {"Arabian Standard Time", "Asia/Dubai", "(UTC+04:00) Abu Dhabi, Muscat"},
    {"Pakistan Standard Time", "Asia/Karachi", "(UTC+05:00) Islamabad, Karachi"},
    {"SE Asia Standard Time", "Asia/Bangkok", "(UTC+07:00) Bangkok, Hanoi, Jakarta"},
    {"Israel Standard Time", "Asia/Jerusalem", "(UTC+02:00) Jerusalem"},
    {"Iran Standard Time", "Asia/Tehran", "(UTC+03:30) Tehran"},
    {"Arab Standard Time", "Asia/Riyadh", "(UTC+03:00) Kuwait, Riyadh"},
    {"Nepal Standard Time", "Asia/Kathmandu", "(UTC+05:45) Kathmandu"},
    {"Bangladesh Standard Time", "Asia/Dhaka", "(UTC+06:00) Dhaka"},
    {"AUS Eastern Standard Time", "Australia/Sydney", "(UTC+10:00) Canberra, Melbourne, Sydney"},
    {"E. Australia Standard Time", "Australia/Brisbane", "(UTC+10:00) Brisbane"},
    {"Cen. Australia Standard Time", "Australia/Adelaide", "(UTC+09:30) Adelaide"},
    {"W. Australia Standard Time", "Australia/Perth", "(UTC+08:00) Perth"},
    {"AUS Central Standard Time", "Australia/Darwin", "(UTC+09:30) Darwin"},
    {"New Zealand Standard Time", "Pacific/Auckland", "(UTC+12:00) Auckland, Wellington"},
    {"South Africa Standard Time", "Africa/Johannesburg", "(UTC+02:00) Harare, Pretoria"},
    {"Egypt Standard Time", "Africa/Cairo", "(UTC+02:00) Cairo"},
    {"W. Central Africa Standard Time", "Africa/Lagos", "(UTC+01:00) West Central Africa"},
    {"E. Africa Standard Time", "Africa/Nairobi", "(UTC+03:00) Nairobi"},
    {"Morocco Standard Time", "Africa/Casablanca", "(UTC+01:00) Casablanca"},
    {"Greenwich Standard Time", "Atlantic/Reykjavik", "(UTC+00:00) Monrovia, Reykjavik"},
    {"Central America Standard Time", "America/Guatemala", "(UTC-06:00) Central America"},
    {"Canada Central Standard Time", "America/Regina", "(UTC-06:00) Saskatchewan"},
    {"Dateline Standard Time", "Etc/GMT+12", "(UTC-12:00) International Date Line West"},
};

// Further IANA zones CLDR maps to those Windows zones.
constexpr struct {
    const char* iana;
    const char* windows;
} kAliases[] = {
    {"Etc/UCT", "UTC"},
    {"Etc/Universal", "UTC"},
    {"Etc/Zulu", "UTC"},
    {"Etc/GMT", "UTC"},
    {"UTC", "UTC"},
    {"Universal", "UTC"},
    {"Zulu", "UTC"},
    {"Europe/Dublin", "GMT Standard Time"},
    {"Europe/Lisbon", "GMT Standard Time"},
    {"Atlantic/Canary", "GMT Standard Time"},
    {"Europe/Brussels", "Romance Standard Time"},
    {"Europe/Madrid", "Romance Standard Time"},
    {"Europe/Copenhagen", "Romance Standard Time"},
    {"Europe/Amsterdam", "W. Europe Standard Time"},
    {"Europe/Rome", "W. Europe Standard Time"},
    {"Europe/Vienna", "W. Europe Standard Time"},
    {"Europe/Stockholm", "W. Europe Standard Time"},
    {"Europe/Zurich", "W. Europe Standard Time"},
    {"Europe/Oslo", "W. Europe Standard Time"},
    {"Europe/Luxembourg", "W. Europe Standard Time"},
    {"Europe/Zagreb", "Central European Standard Time"},
    {"Europe/Sarajevo", "Central European Standard Time"},
    {"Europe/Skopje", "Central European Standard Time"},
    {"Europe/Budapest", "Central Europe Standard Time"},
    {"Europe/Belgrade", "Central Europe Standard Time"},
    {"Europe/Bratislava", "Central Europe Standard Time"},
    {"Europe/Ljubljana", "Central Europe Standard Time"},
    {"Europe/Bucharest", "GTB Standard Time"},
    {"Europe/Kiev", "FLE Standard Time"},
    {"Europe/Kyiv", "FLE Standard Time"},
    {"Europe/Riga", "FLE Standard Time"},
    {"Europe/Sofia", "FLE Standard Time"},
    {"Europe/Tallinn", "FLE Standard Time"},
    {"Europe/Vilnius", "FLE Standard Time"},
    {"America/Detroit", "Eastern Standard Time"},
    {"America/Toronto", "Eastern Standard Time"},
    {"America/Winnipeg", "Central Standard Time"},
    {"America/Edmonton", "Mountain Standard Time"},
    {"America/Vancouver", "Pacific Standard Time"},
    {"America/Buenos_Aires", "Argentina Standard Time"},
    {"America/Lima", "SA Pacific Standard Time"},
    {"Asia/Hong_Kong", "China Standard Time"},
    {"Asia/Kuala_Lumpur", "Singapore Standard Time"},
    {"Asia/Manila", "Singapore Standard Time"},
    {"Asia/Calcutta", "India Standard Time"},
    {"Asia/Jakarta", "SE Asia Standard Time"},
    {"Asia/Ho_Chi_Minh", "SE Asia Standard Time"},
    {"Australia/Melbourne", "AUS Eastern Standard Time"},
    {"Africa/Monrovia", "Greenwich Standard Time"},
    {"America/Costa_Rica", "Central America Standard Time"},
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

// The POSIX rule a TZif file ends with (version 2 and later).
std::string footer_rule(const std::string& data) {
    if (data.size() < 44 || data.compare(0, 4, "TZif") != 0 || data.back() != '\n') return "";
    size_t start = data.rfind('\n', data.size() - 2);
    if (start == std::string::npos) return "";
    return data.substr(start + 1, data.size() - start - 2);
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


}  // namespace

std::optional<ZoneRule> parse_posix_rule(std::string_view text) {
    RuleParser parser{text};
    ZoneRule rule;
    rule.standard_abbreviation = parser.name();
    int offset = parser.offset();  // seconds west of UTC, POSIX's sign
    rule.bias = offset / 60;
    if (parser.ok && !parser.at_end()) {
        rule.daylight_abbreviation = parser.name();
        int daylight_offset = offset - 3600;
        if (parser.peek() != ',' && !parser.at_end()) daylight_offset = parser.offset();
        rule.daylight_bias = (daylight_offset - offset) / 60;
        if (parser.peek() == ',') {
            ++parser.pos;
            rule.daylight_date = parser.date();
            if (parser.peek() == ',') ++parser.pos;
            else parser.ok = false;
            rule.standard_date = parser.date();
        } else {
            parser.ok = false;  // a daylight name without its dates: POSIX's default US rule, long gone
        }
    }
    if (!parser.ok) return std::nullopt;
    return rule;
}

std::string tzdata_rule(std::string_view iana_name) {
    std::string name(iana_name);
    if (name.empty() || name[0] == '/' || name.find("..") != std::string::npos) return "";
    return footer_rule(read_file(kZoneInfo + name, 1 << 20));
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

std::span<const WindowsZone> windows_zones() { return kWindowsZones; }

const char* windows_zone_of(std::string_view iana_name) {
    for (const auto& zone : kWindowsZones)
        if (iana_name == zone.iana) return zone.key;
    for (const auto& alias : kAliases)
        if (iana_name == alias.iana) return alias.windows;
    return nullptr;
}

std::string standard_name_of(std::string_view key) {
    return key == "UTC" ? "Coordinated Universal Time" : std::string(key);
}

// "X Standard Time" / "X Daylight Time", but Britain's summer time.
std::string daylight_name_of(std::string_view key) {
    if (key == "UTC") return "Coordinated Universal Time";
    if (key == "GMT Standard Time") return "GMT Summer Time";
    std::string name(key);
    if (size_t at = name.find("Standard"); at != std::string::npos) name.replace(at, 8, "Daylight");
    return name;
}

}  // namespace vine::tz
