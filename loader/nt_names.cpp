// NT object names of files, lexically: the "\??\" namespace, drives,
// devices and UNC roots, and the Win32 path -> NT name step kernel32 takes
// before calling NtCreateFile. No file system access here (path_lookup.cpp
// and ntdll's file_name.cpp do that), so it is unit-tested and fuzzed alone.
#include <algorithm>

#include "vine/ntstatus.h"
#include "vine/paths.h"
#include "vine/unicode.h"

namespace vine::paths {
namespace {

char16_t upper(char16_t c) { return c >= u'a' && c <= u'z' ? static_cast<char16_t>(c - 32) : c; }

bool equal_upper(std::u16string_view a, std::u16string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (upper(a[i]) != upper(b[i])) return false;
    return true;
}

bool starts_with_upper(std::u16string_view text, std::u16string_view prefix) {
    return text.size() >= prefix.size() && equal_upper(text.substr(0, prefix.size()), prefix);
}

// Characters no component of an NT file name may hold (NTFS's rule).
bool invalid_name_char(char16_t c) {
    return c < 32 || c == u'<' || c == u'>' || c == u':' || c == u'"' || c == u'/' || c == u'|' || c == u'?' ||
           c == u'*';
}

// CON, PRN, AUX, NUL, COM1-9, LPT1-9 (upper case), else empty.
std::u16string device_of(std::u16string_view name) {
    static constexpr std::u16string_view plain[] = {u"CON", u"PRN", u"AUX", u"NUL"};
    for (auto device : plain)
        if (equal_upper(name, device)) return std::u16string(device);
    if (name.size() == 4 && name[3] >= u'1' && name[3] <= u'9' &&
        (starts_with_upper(name, u"COM") || starts_with_upper(name, u"LPT")))
        return {upper(name[0]), upper(name[1]), upper(name[2]), name[3]};
    return {};
}

// Splits `rest` into components, checking each; fills out.rest.
uint32_t take_components(std::u16string_view rest, NtName& out) {
    out.rest.clear();
    out.trailing_separator = !rest.empty() && rest.back() == u'\\';
    size_t pos = 0;
    while (pos < rest.size()) {
        size_t end = rest.find(u'\\', pos);
        if (end == std::u16string_view::npos) end = rest.size();
        std::u16string_view part = rest.substr(pos, end - pos);
        pos = end + 1;
        if (part.empty()) {
            // "a\\b" is invalid in NT names; a single trailing '\' is kept aside.
            if (end == rest.size()) break;
            return STATUS_OBJECT_NAME_INVALID;
        }
        for (char16_t c : part)
            if (invalid_name_char(c)) return STATUS_OBJECT_NAME_INVALID;
        // The I/O manager does not resolve "." and "..": Win32 did already.
        if (part == u"." || part == u"..") return STATUS_OBJECT_NAME_INVALID;
        if (!out.rest.empty()) out.rest += u'\\';
        out.rest.append(part);
    }
    return STATUS_SUCCESS;
}

}  // namespace

uint32_t parse_relative_nt_name(std::u16string_view name, NtName& out) {
    out = NtName{};
    if (!name.empty() && name[0] == u'\\') return STATUS_INVALID_PARAMETER;
    return take_components(name, out);
}

uint32_t parse_nt_name(std::u16string_view name, NtName& out) {
    out = NtName{};
    if (name.empty() || name[0] != u'\\') return STATUS_OBJECT_PATH_SYNTAX_BAD;
    std::u16string_view rest;
    if (starts_with_upper(name, u"\\??\\"))
        rest = name.substr(4);
    else if (starts_with_upper(name, u"\\DosDevices\\"))
        rest = name.substr(12);
    else if (starts_with_upper(name, u"\\GLOBAL??\\"))
        rest = name.substr(10);
    else if (equal_upper(name, u"\\Device\\Null")) {
        out.kind = NtName::Kind::device;
        out.device = u"NUL";
        return STATUS_SUCCESS;
    } else
        return STATUS_OBJECT_PATH_NOT_FOUND;  // \BaseNamedObjects and the like hold no files

    if (rest.size() >= 2 && rest[1] == u':' && ((rest[0] >= u'a' && rest[0] <= u'z') ||
                                                 (rest[0] >= u'A' && rest[0] <= u'Z'))) {
        out.kind = NtName::Kind::drive;
        out.drive = upper(rest[0]);
        if (rest.size() == 2) return STATUS_SUCCESS;  // the volume itself: its root here
        if (rest[2] != u'\\') return STATUS_OBJECT_NAME_INVALID;
        NtName parsed;
        uint32_t status = take_components(rest.substr(3), parsed);
        if (status) return status;
        out.rest = std::move(parsed.rest);
        out.trailing_separator = parsed.trailing_separator;
        return STATUS_SUCCESS;
    }
    if (starts_with_upper(rest, u"UNC\\")) {
        out.kind = NtName::Kind::unc;
        NtName parsed;
        uint32_t status = take_components(rest.substr(4), parsed);
        if (status) return status;
        out.rest = std::move(parsed.rest);
        out.trailing_separator = parsed.trailing_separator;
        return out.rest.empty() ? STATUS_OBJECT_NAME_INVALID : STATUS_SUCCESS;
    }
    // A device, possibly with a trailing ':' ("\??\COM1:" is how some
    // programs spell it).
    std::u16string_view device = rest;
    if (!device.empty() && device.back() == u':') device.remove_suffix(1);
    if (auto known = device_of(device); !known.empty()) {
        out.kind = NtName::Kind::device;
        out.device = std::move(known);
        return STATUS_SUCCESS;
    }
    return STATUS_OBJECT_NAME_NOT_FOUND;
}

std::u16string dos_device_name(std::u16string_view path) {
    // The last component, its extension and trailing spaces, dots and one
    // ':' dropped: "c:\dir\nul.txt", "COM1:" and "con " all name devices.
    size_t slash = path.find_last_of(u"\\/");
    std::u16string_view name = slash == std::u16string_view::npos ? path : path.substr(slash + 1);
    if (slash == std::u16string_view::npos && name.size() >= 2 && name[1] == u':') name.remove_prefix(2);
    if (!name.empty() && name.back() == u':') name.remove_suffix(1);
    if (size_t dot = name.find(u'.'); dot != std::u16string_view::npos) name = name.substr(0, dot);
    while (!name.empty() && (name.back() == u' ' || name.back() == u'.')) name.remove_suffix(1);
    return device_of(name);
}

std::u16string dos_to_nt_name(std::u16string_view full_path) {
    // "\\?\" and "\\.\" paths are taken literally (only the prefix changes).
    if (full_path.size() >= 4 && full_path[0] == u'\\' && full_path[1] == u'\\' &&
        (full_path[2] == u'?' || full_path[2] == u'.') && full_path[3] == u'\\')
        return u"\\??\\" + std::u16string(full_path.substr(4));
    if (auto device = dos_device_name(full_path); !device.empty()) return u"\\??\\" + device;
    if (full_path.size() >= 2 && full_path[0] == u'\\' && full_path[1] == u'\\')
        return u"\\??\\UNC\\" + std::u16string(full_path.substr(2));
    return u"\\??\\" + std::u16string(full_path);
}

namespace {

bool match_from(std::u16string_view mask, std::u16string_view name, size_t last_dot, size_t t, size_t n,
                bool ignore_case) {
    while (t < mask.size()) {
        char16_t token = mask[t];
        switch (token) {
        case u'*':
            for (size_t k = n; k <= name.size(); ++k)
                if (match_from(mask, name, last_dot, t + 1, k, ignore_case)) return true;
            return false;
        case u'<': {
            // Up to the last dot (not past it); to the end when there is none.
            size_t limit = last_dot == std::u16string_view::npos ? name.size() : std::max(last_dot, n);
            for (size_t k = n; k <= limit; ++k)
                if (match_from(mask, name, last_dot, t + 1, k, ignore_case)) return true;
            return false;
        }
        case u'>':
            if (n < name.size() && name[n] != u'.') {
                ++n;
            } else {
                // At a dot or the end: this '>' and the ones after it match nothing.
                while (t + 1 < mask.size() && mask[t + 1] == u'>') ++t;
            }
            ++t;
            break;
        case u'"':
            if (n == name.size()) {
                ++t;
            } else if (name[n] == u'.') {
                ++t;
                ++n;
            } else {
                return false;
            }
            break;
        case u'?':
            if (n >= name.size()) return false;
            ++t;
            ++n;
            break;
        default:
            if (n >= name.size()) return false;
            if (ignore_case ? fold_case(name[n]) != fold_case(token) : name[n] != token) return false;
            ++t;
            ++n;
        }
    }
    return n == name.size();
}

}  // namespace

bool nt_mask_matches(std::u16string_view mask, std::u16string_view name, bool ignore_case) {
    return match_from(mask, name, name.rfind(u'.'), 0, 0, ignore_case);
}

}  // namespace vine::paths
