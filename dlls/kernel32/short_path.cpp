// GetShortPathName and GetLongPathName: each component of an existing path
// swapped for its 8.3 name or back, from the names vine::paths::
// short_names_in generates for the directory holding it. The path keeps
// its form (relative stays relative, the root as written).
#include <cstring>

#include "kernel32_private.h"
#include "vine/paths.h"
#include "vine/unicode.h"

using namespace kernel32;

namespace {

// Where the components start: after "C:\", "\\?\C:\", "\\server\share\",
// "\" or nothing (a relative path).
size_t root_length(const std::u16string& path) {
    size_t start = 0;
    if (path.rfind(u"\\\\?\\", 0) == 0 || path.rfind(u"\\\\.\\", 0) == 0) start = 4;
    if (path.size() >= start + 2 && path[start + 1] == u':') {
        start += 2;
        return path.size() > start && path[start] == u'\\' ? start + 1 : start;
    }
    if (start == 0 && path.rfind(u"\\\\", 0) == 0) {
        size_t server_end = path.find(u'\\', 2);
        size_t share_end = server_end == std::u16string::npos ? server_end : path.find(u'\\', server_end + 1);
        return share_end == std::u16string::npos ? path.size() : share_end + 1;
    }
    return !path.empty() && path[0] == u'\\' ? 1 : start;
}

DWORD copy_result(const std::u16string& text, LPWSTR buffer, DWORD size) {
    if (text.size() + 1 > size || !buffer) return static_cast<DWORD>(text.size() + 1);
    std::memcpy(buffer, text.data(), text.size() * sizeof(WCHAR));
    buffer[text.size()] = 0;
    return static_cast<DWORD>(text.size());
}

// Rewrites each component of `path` to its short (to_short) or long name.
bool convert(LPCWSTR name, bool to_short, std::u16string& out) {
    if (!name) {
        set_error(ERROR_INVALID_PARAMETER);
        return false;
    }
    if (!*name) {
        set_error(ERROR_PATH_NOT_FOUND);
        return false;
    }
    if (GetFileAttributesW(name) == INVALID_FILE_ATTRIBUTES) return false;  // its error stays
    std::u16string path(name, vine::utf16_length(name));
    for (auto& c : path)
        if (c == u'/') c = u'\\';
    size_t root = root_length(path);
    out = path.substr(0, root);
    std::u16string on_disk = out;  // the same path with the names the disk has, to look in
    size_t pos = root;
    while (pos < path.size()) {
        size_t end = path.find(u'\\', pos);
        if (end == std::u16string::npos) end = path.size();
        std::u16string part = path.substr(pos, end - pos);
        if (!part.empty() && part != u"." && part != u"..") {
            // The directory holding it, as spelled so far (its Unix path).
            std::u16string parent = on_disk.empty() ? u"." : on_disk;
            auto unix_parent = unix_path_of(parent.c_str());
            bool found = false;
            if (unix_parent) {
                for (auto& [unix_name, short_name] : vine::paths::short_names_in(*unix_parent)) {
                    std::u16string long_name = vine::utf8_to_utf16(unix_name);
                    if (vine::paths::names_equal_ignoring_case(long_name, part)) {
                        on_disk += long_name;
                        part = to_short ? short_name : part;
                        found = true;
                        break;
                    }
                    if (vine::paths::names_equal_ignoring_case(short_name, part)) {
                        on_disk += long_name;
                        part = to_short ? part : long_name;
                        found = true;
                        break;
                    }
                }
            }
            if (!found) {
                set_error(ERROR_FILE_NOT_FOUND);
                return false;
            }
        }
        if (part.empty() || part == u"." || part == u"..") on_disk += part;
        out += part;
        if (end < path.size()) {
            out += u'\\';
            on_disk += u'\\';
        }
        pos = end + 1;
    }
    return true;
}

}  // namespace

VINE_EXPORT DWORD GetShortPathNameW(LPCWSTR name, LPWSTR buffer, DWORD size) {
    std::u16string result;
    if (!convert(name, true, result)) return 0;
    return copy_result(result, buffer, size);
}

VINE_EXPORT DWORD GetLongPathNameW(LPCWSTR name, LPWSTR buffer, DWORD size) {
    std::u16string result;
    if (!convert(name, false, result)) return 0;
    return copy_result(result, buffer, size);
}

namespace {

// The A forms: the W conversion, in the ANSI code page.
DWORD convert_ansi(LPCSTR name, bool to_short, LPSTR buffer, DWORD size) {
    if (!name) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    std::u16string result;
    std::u16string wide = wide_from_file_api(name);
    if (!convert(wide.c_str(), to_short, result)) return 0;
    std::string ansi = file_api_from_wide(result.c_str());
    if (ansi.size() + 1 > size || !buffer) return static_cast<DWORD>(ansi.size() + 1);
    std::memcpy(buffer, ansi.c_str(), ansi.size() + 1);
    return static_cast<DWORD>(ansi.size());
}

}  // namespace

VINE_EXPORT DWORD GetShortPathNameA(LPCSTR name, LPSTR buffer, DWORD size) { return convert_ansi(name, true, buffer, size); }

VINE_EXPORT DWORD GetLongPathNameA(LPCSTR name, LPSTR buffer, DWORD size) { return convert_ansi(name, false, buffer, size); }
