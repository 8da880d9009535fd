// NT object names of files, lexically: the "\??\" namespace, drives,
// devices and UNC roots, and the Win32 path -> NT name step kernel32 takes
// before calling NtCreateFile, the masks of directory listings and Windows'
// case folding of names. No file system access here (path_lookup.cpp
// and ntdll's file_name.cpp do that), so it is unit-tested and fuzzed alone.
#include <algorithm>
#include <vector>

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

char16_t fold_case(char16_t c) {
    // Windows compares names through its upcase table; this covers the
    // scripts with simple one-to-one case pairs (ASCII, Latin-1, Latin
    // Extended-A, Greek, Cyrillic), which is what file names use in practice.
    if (c < 0x80) return ascii_lower(c);
    if ((c >= 0xc0 && c <= 0xde && c != 0xd7)) return c + 0x20;
    if (c >= 0x100 && c <= 0x17f) {
        // Pairs are (even, odd) except in 0x139-0x148 and 0x179-0x17e, where
        // they are (odd, even); 0x130/0x131 (dotted/dotless i) stay as they are.
        if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17f) return c;
        if (c == 0x178) return 0xff;  // Y with diaeresis pairs with Latin-1's 0xff
        bool odd_first = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e);
        return odd_first ? ((c & 1) ? c + 1 : c) : (c | 1);
    }
    if (c >= 0x391 && c <= 0x3ab && c != 0x3a2) return c + 0x20;
    if (c >= 0x410 && c <= 0x42f) return c + 0x20;
    if (c >= 0x400 && c <= 0x40f) return c + 0x50;
    return c;
}

bool names_equal_ignoring_case(std::u16string_view a, std::u16string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (fold_case(a[i]) != fold_case(b[i])) return false;
    return true;
}

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

bool nt_mask_matches(std::u16string_view mask, std::u16string_view name, bool ignore_case) {
    // matches[t][n]: mask[t..] matches name[n..]. Filled from the ends, so
    // a mask of many stars costs |mask| x |name| steps, never backtracking.
    if (mask == u"*") return true;  // the common listing of everything
    const size_t m = mask.size(), s = name.size(), width = s + 1;
    const size_t last_dot = name.rfind(u'.');
    std::vector<uint8_t> matches((m + 1) * width, 0);
    auto at = [&](size_t t, size_t n) -> uint8_t& { return matches[t * width + n]; };
    at(m, s) = 1;
    for (size_t t = m; t-- > 0;) {
        char16_t token = mask[t];
        for (size_t n = s + 1; n-- > 0;) {
            bool more = n < s;
            bool result = false;
            switch (token) {
            case u'*': result = at(t + 1, n) || (more && at(t, n + 1)); break;
            case u'<': {
                // Any run up to the last dot (not past it); to the end when there is none.
                bool may_advance = last_dot == std::u16string_view::npos ? more : n < last_dot;
                result = at(t + 1, n) || (may_advance && at(t, n + 1));
                break;
            }
            case u'>':
                if (more && name[n] != u'.') {
                    result = at(t + 1, n + 1);
                } else {
                    // At a dot or the end: this '>' and the ones after it match nothing.
                    size_t after = t + 1;
                    while (after < m && mask[after] == u'>') ++after;
                    result = at(after, n);
                }
                break;
            case u'"':
                result = n == s ? at(t + 1, n) : (name[n] == u'.' && at(t + 1, n + 1));
                break;
            case u'?': result = more && at(t + 1, n + 1); break;
            default:
                result = more && (ignore_case ? fold_case(name[n]) == fold_case(token) : name[n] == token) &&
                         at(t + 1, n + 1);
            }
            at(t, n) = result;
        }
    }
    return at(0, 0);
}

}  // namespace vine::paths
