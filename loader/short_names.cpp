// Generated 8.3 names for Unix directory entries (GetShortPathName and
// GetLongPathName). Linux file systems keep no short names, so they are
// derived from the directory's entries the way NTFS assigns them at
// creation: the first six valid characters of the name, "~N", and three of
// the extension, N counting the entries with the same stem in name order.
#include <dirent.h>

#include <algorithm>
#include <map>

#include "vine/paths.h"
#include "vine/unicode.h"

namespace vine::paths {
namespace {

// Characters an 8.3 name may hold besides letters and digits.
bool short_char(char16_t c) {
    if ((c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')) return true;
    return std::u16string_view(u"!#$%&'()-@^_`{}~").find(c) != std::u16string_view::npos || c >= 0x80;
}

char16_t upper(char16_t c) { return c >= u'a' && c <= u'z' ? static_cast<char16_t>(c - 32) : c; }

// The uppercased valid characters of `part`, at most `limit`; others
// become '_' (spaces and dots are dropped, as Windows does).
std::u16string squeeze(std::u16string_view part, size_t limit) {
    std::u16string out;
    for (char16_t c : part) {
        if (out.size() == limit) break;
        if (c == u' ' || c == u'.') continue;
        out += short_char(c) ? upper(c) : u'_';
    }
    return out;
}

}  // namespace

bool is_short_name(std::u16string_view name) {
    if (name.empty() || name == u"." || name == u"..") return !name.empty();
    size_t dot = name.find(u'.');
    std::u16string_view base = name.substr(0, dot);
    std::u16string_view ext = dot == std::u16string_view::npos ? std::u16string_view() : name.substr(dot + 1);
    if (base.empty() || base.size() > 8 || ext.size() > 3) return false;
    if (dot != std::u16string_view::npos && ext.empty()) return false;
    for (char16_t c : base)
        if (!short_char(c)) return false;
    for (char16_t c : ext)
        if (!short_char(c)) return false;
    return true;
}

std::vector<std::pair<std::string, std::u16string>> short_names_in(const std::string& directory) {
    std::vector<std::string> names;
    if (DIR* dir = opendir(directory.empty() ? "." : directory.c_str())) {
        while (dirent* entry = readdir(dir)) {
            std::string_view name = entry->d_name;
            if (name != "." && name != "..") names.emplace_back(name);
        }
        closedir(dir);
    }
    std::sort(names.begin(), names.end());
    std::vector<std::pair<std::string, std::u16string>> result;
    std::map<std::u16string, int> taken;  // "STEM6.EXT" -> how many so far
    for (auto& name : names) {
        std::u16string wide = unix_to_utf16(name);
        if (is_short_name(wide)) {
            result.emplace_back(std::move(name), std::move(wide));
            continue;
        }
        size_t dot = wide.rfind(u'.');
        std::u16string stem = squeeze(dot == 0 || dot == std::u16string::npos ? wide : wide.substr(0, dot), 6);
        std::u16string ext = dot == 0 || dot == std::u16string::npos ? u"" : squeeze(wide.substr(dot + 1), 3);
        if (stem.empty()) stem = u"_";
        int ordinal = ++taken[stem + u"." + ext];
        std::u16string number = utf8_to_utf16(std::to_string(ordinal));
        // Past ~9 the stem gives up characters to the number (8 at most).
        if (stem.size() + 1 + number.size() > 8) stem.resize(8 - 1 - number.size());
        std::u16string short_name = stem + u"~" + number;
        if (!ext.empty()) short_name += u"." + ext;
        result.emplace_back(std::move(name), std::move(short_name));
    }
    return result;
}

}  // namespace vine::paths
