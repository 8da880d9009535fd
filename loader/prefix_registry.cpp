// The registry a fresh prefix starts with: the keys programs read to learn
// which Windows they run on, where its folders are and which code pages it
// uses, written as the server's hive files in Wine's text format ("WINE
// REGISTRY Version 2"), which the server loads at start.
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "prefix.h"
#include "vine/computer_name.h"
#include "vine/time_zone_rules.h"

namespace vine::prefix {
namespace {

enum class Hive { machine, user, default_user };
enum class Type { sz, expand_sz, dword, binary };

struct Value {
    Hive hive;
    std::string key;   // relative to the hive's root, '\' separated
    std::string name;  // empty: the key's default value
    Type type;
    std::string data;  // the string, the number in decimal, or the bytes
};

// A TZI value: REG_TZI_FORMAT (Bias, StandardBias, DaylightBias,
// StandardDate, DaylightDate), little-endian as Windows stores it.
std::string tzi_bytes(const tz::ZoneRule& rule) {
    std::string bytes;
    auto put = [&](uint32_t value, int size) {
        for (int i = 0; i < size; ++i) bytes += static_cast<char>(value >> (8 * i) & 0xff);
    };
    put(static_cast<uint32_t>(rule.bias), 4);
    put(static_cast<uint32_t>(rule.standard_bias), 4);
    put(static_cast<uint32_t>(rule.daylight_bias), 4);
    for (const SYSTEMTIME& date : {rule.standard_date, rule.daylight_date})
        for (WORD field : {date.wYear, date.wMonth, date.wDayOfWeek, date.wDay, date.wHour, date.wMinute, date.wSecond,
                           date.wMilliseconds})
            put(field, 2);
    return bytes;
}

// HKLM\...\Time Zones: a key per Windows zone with its display name,
// standard and daylight names and rule, from the host's tzdata (a zone
// whose tzdata is missing or not expressible is left out, not invented).
void add_time_zones(std::vector<Value>& values) {
    const std::string root = "Software\\Microsoft\\Windows NT\\CurrentVersion\\Time Zones\\";
    for (const auto& zone : tz::windows_zones()) {
        std::optional<tz::ZoneRule> rule = tz::parse_posix_rule(tz::tzdata_rule(zone.iana));
        if (!rule) continue;
        const std::string key = root + zone.key;
        values.push_back({Hive::machine, key, "Display", Type::sz, zone.display});
        values.push_back({Hive::machine, key, "Std", Type::sz, tz::standard_name_of(zone.key)});
        values.push_back({Hive::machine, key, "Dlt", Type::sz, tz::daylight_name_of(zone.key)});
        values.push_back({Hive::machine, key, "TZI", Type::binary, tzi_bytes(*rule)});
    }
}

std::vector<Value> default_values() {
    const std::string name = user_name();
    const std::string profile = "C:\\users\\" + name;
    const std::string processors = std::to_string(sysconf(_SC_NPROCESSORS_ONLN) > 0 ? sysconf(_SC_NPROCESSORS_ONLN) : 1);
    const std::string nt = "Software\\Microsoft\\Windows NT\\CurrentVersion";
    const std::string windows = "Software\\Microsoft\\Windows\\CurrentVersion";
    const std::string environment = "System\\CurrentControlSet\\Control\\Session Manager\\Environment";
    const std::string shell = windows + "\\Explorer\\Shell Folders";
    const std::string user_shell = windows + "\\Explorer\\User Shell Folders";
    const std::string profile_key = nt + "\\ProfileList\\" + kUserSid;
    using enum Hive;
    using enum Type;
    std::vector<Value> values = {
        // Windows 10 22H2, as RtlGetVersion reports it (dlls/ntdll/version.cpp).
        {machine, nt, "CurrentMajorVersionNumber", dword, "10"},
        {machine, nt, "CurrentMinorVersionNumber", dword, "0"},
        {machine, nt, "CurrentBuild", sz, "19045"},
        {machine, nt, "CurrentBuildNumber", sz, "19045"},
        {machine, nt, "CurrentVersion", sz, "6.3"},
        {machine, nt, "CurrentType", sz, "Multiprocessor Free"},
        {machine, nt, "DisplayVersion", sz, "22H2"},
        {machine, nt, "EditionID", sz, "Professional"},
        {machine, nt, "InstallationType", sz, "Client"},
        {machine, nt, "ProductName", sz, "Windows 10 Pro"},
        {machine, nt, "RegisteredOrganization", sz, ""},
        {machine, nt, "RegisteredOwner", sz, name},
        {machine, nt, "SystemRoot", sz, "C:\\windows"},
        {machine, nt + "\\ProfileList", "ProfilesDirectory", expand_sz, "%SystemDrive%\\users"},
        {machine, nt + "\\ProfileList", "Public", expand_sz, "%SystemDrive%\\users\\Public"},
        {machine, nt + "\\ProfileList", "ProgramData", expand_sz, "%SystemDrive%\\ProgramData"},
        {machine, profile_key, "ProfileImagePath", expand_sz, profile},
        {machine, windows, "ProgramFilesDir", sz, "C:\\Program Files"},
        {machine, windows, "ProgramFilesDir (x86)", sz, "C:\\Program Files (x86)"},
        {machine, windows, "ProgramW6432Dir", sz, "C:\\Program Files"},
        {machine, windows, "CommonFilesDir", sz, "C:\\Program Files\\Common Files"},
        {machine, windows, "CommonFilesDir (x86)", sz, "C:\\Program Files (x86)\\Common Files"},
        {machine, windows, "CommonW6432Dir", sz, "C:\\Program Files\\Common Files"},
        {machine, environment, "ComSpec", expand_sz, "%SystemRoot%\\system32\\cmd.exe"},
        {machine, environment, "NUMBER_OF_PROCESSORS", sz, processors},
        {machine, environment, "OS", sz, "Windows_NT"},
        {machine, environment, "Path", expand_sz, "%SystemRoot%\\system32;%SystemRoot%;%SystemRoot%\\system32\\wbem"},
        {machine, environment, "PATHEXT", sz, ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC"},
        {machine, environment, "PROCESSOR_ARCHITECTURE", sz, "AMD64"},
        {machine, environment, "TEMP", expand_sz, "%SystemRoot%\\TEMP"},
        {machine, environment, "TMP", expand_sz, "%SystemRoot%\\TEMP"},
        {machine, environment, "windir", expand_sz, "%SystemRoot%"},
        // Windows-1252 and OEM 437, as an English Windows uses.
        {machine, "System\\CurrentControlSet\\Control\\Nls\\CodePage", "ACP", sz, "1252"},
        {machine, "System\\CurrentControlSet\\Control\\Nls\\CodePage", "OEMCP", sz, "437"},
        {machine, "System\\CurrentControlSet\\Control\\Nls\\CodePage", "MACCP", sz, "10000"},
        {machine, "System\\CurrentControlSet\\Control\\Nls\\Language", "Default", sz, "0409"},
        {machine, "System\\CurrentControlSet\\Control\\Nls\\Language", "InstallLanguage", sz, "0409"},
        // GetComputerName derives the name from the host's (computer_name.h).
        {machine, "System\\CurrentControlSet\\Control\\ComputerName\\ComputerName", "ComputerName", sz,
         host_netbios_name()},
        {machine, "Software\\Classes", "", sz, ""},
        {user, "Environment", "TEMP", expand_sz, "%USERPROFILE%\\Temp"},
        {user, "Environment", "TMP", expand_sz, "%USERPROFILE%\\Temp"},
        {user, "Software\\Classes", "", sz, ""},
    };
    // Shell Folders hold expanded paths, User Shell Folders the forms with
    // %USERPROFILE%; programs read either.
    const struct {
        const char* name;
        const char* folder;
    } folders[] = {
        {"AppData", "AppData\\Roaming"},   {"Local AppData", "AppData\\Local"},
        {"Desktop", "Desktop"},            {"Personal", "Documents"},
        {"{374DE290-123F-4565-9164-39C4925E467B}", "Downloads"},
        {"Cache", "AppData\\Local\\Microsoft\\Windows\\INetCache"},
        {"History", "AppData\\Local\\Microsoft\\Windows\\History"},
        {"Start Menu", "AppData\\Roaming\\Microsoft\\Windows\\Start Menu"},
        {"Programs", "AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs"},
        {"Templates", "AppData\\Roaming\\Microsoft\\Windows\\Templates"},
    };
    for (const auto& folder : folders) {
        values.push_back({user, shell, folder.name, sz, profile + "\\" + folder.folder});
        values.push_back({user, user_shell, folder.name, expand_sz, std::string("%USERPROFILE%\\") + folder.folder});
    }
    add_time_zones(values);
    values.push_back({default_user, "Environment", "TEMP", expand_sz, "%USERPROFILE%\\Temp"});
    values.push_back({default_user, "Environment", "TMP", expand_sz, "%USERPROFILE%\\Temp"});
    return values;
}

// A name or string in the text format: backslashes and quotes escaped.
std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '\\' || c == '"') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string escaped_key(const std::string& key) {
    std::string out;
    for (char c : key) {
        out += c;
        if (c == '\\') out += '\\';
    }
    return out;
}

std::string value_line(const Value& value) {
    std::string line = value.name.empty() ? "@" : quoted(value.name);
    switch (value.type) {
    case Type::sz:
        return line + "=" + quoted(value.data) + "\n";
    case Type::expand_sz:
        return line + "=str(2):" + quoted(value.data) + "\n";
    case Type::binary: {
        std::string text = line + "=hex:";
        char byte[4];
        for (size_t i = 0; i < value.data.size(); ++i) {
            snprintf(byte, sizeof(byte), i ? ",%02x" : "%02x", static_cast<unsigned char>(value.data[i]));
            text += byte;
        }
        return text + "\n";
    }
    case Type::dword: {
        char number[16];
        snprintf(number, sizeof(number), "%08lx", std::stoul(value.data));
        return line + "=dword:" + number + "\n";
    }
    }
    return line + "\n";
}

// The hive's text: keys in the order the table first names them, each with
// its values in table order.
std::string hive_text(Hive hive, const std::vector<Value>& values, const char* root) {
    std::string text = std::string("WINE REGISTRY Version 2\n;; All keys relative to ") + root + "\n\n#arch=win64\n";
    const std::string stamp = std::to_string(time(nullptr));
    std::vector<std::string> keys;
    for (const auto& value : values)
        if (value.hive == hive && std::find(keys.begin(), keys.end(), value.key) == keys.end()) keys.push_back(value.key);
    for (const auto& key : keys) {
        text += "\n[" + escaped_key(key) + "] " + stamp + "\n";
        for (const auto& value : values)
            if (value.hive == hive && value.key == key && !(value.name.empty() && value.data.empty()))
                text += value_line(value);
    }
    return text;
}

}  // namespace

std::vector<HiveFile> default_hives() {
    const auto values = default_values();
    const std::string user_root = std::string("\\\\User\\\\") + kUserSid;
    return {{"system.reg", hive_text(Hive::machine, values, "\\\\Machine")},
            {"user.reg", hive_text(Hive::user, values, user_root.c_str())},
            {"userdef.reg", hive_text(Hive::default_user, values, "\\\\User\\\\.Default")}};
}

namespace {

// The key of a block's header line "[Key\\Name] stamp", folded to
// lower case (names are case-insensitive).
std::string header_key(std::string_view line) {
    size_t close = line.rfind(']');
    if (line.empty() || line[0] != '[' || close == std::string_view::npos) return "";
    std::string key(line.substr(1, close - 1));
    for (char& c : key) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
    return key;
}

}  // namespace

std::string with_missing_keys(const std::string& existing, const std::string& defaults) {
    std::unordered_set<std::string> present;
    for (size_t at = 0; at < existing.size();) {
        size_t end = existing.find('\n', at);
        if (end == std::string::npos) end = existing.size();
        if (existing[at] == '[') present.insert(header_key(std::string_view(existing).substr(at, end - at)));
        at = end + 1;
    }
    // Each block of `defaults`: its header line up to the next header.
    std::string added;
    for (size_t at = defaults.find("\n["); at != std::string::npos;) {
        size_t next = defaults.find("\n[", at + 1);
        std::string_view block = std::string_view(defaults).substr(at + 1, next == std::string::npos ? std::string::npos : next - at - 1);
        if (!present.contains(header_key(block.substr(0, block.find('\n'))))) added += "\n" + std::string(block);
        at = next;
    }
    if (added.empty()) return existing;
    std::string merged = existing;
    if (!merged.empty() && merged.back() != '\n') merged += '\n';
    while (!added.empty() && added.back() == '\n') added.pop_back();
    return merged + added + "\n";
}

}  // namespace vine::prefix
