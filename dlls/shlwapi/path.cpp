// shlwapi's path helpers: pure string operations on Windows paths (only
// PathFileExists and PathIsDirectory look at the disk). Buffers are MAX_PATH
// characters, as the documentation requires of callers. Each function is
// one template serving its W and A export.
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "shlwapi_private.h"
#include "vine/kernel32_file_exports.h"
#include "vine/winerror.h"

using shlwapi::kMaxPath;
using shlwapi::length;

namespace {

template <typename Char>
using String = std::basic_string<Char>;

template <typename Char>
bool is_drive_spec(const Char* path) {
    return path[0] && path[1] == ':';
}

template <typename Char>
bool is_unc(const Char* path) {
    return path[0] == '\\' && path[1] == '\\';
}

template <typename Char>
BOOL is_relative(const Char* path) {
    if (!path || !*path) return TRUE;
    return !(path[0] == '\\' || is_drive_spec(path));
}

// "\", "X:\", "\\server" and "\\server\share" (nothing after the share).
template <typename Char>
BOOL is_root(const Char* path) {
    if (!path || !*path) return FALSE;
    if (path[0] == '\\') {
        if (!path[1]) return TRUE;
        if (path[1] != '\\') return FALSE;
        int separators = 0;
        for (const Char* p = path + 2; *p; ++p)
            if (*p == '\\' && ++separators > 1) return FALSE;
        // "\\server\share\" has a second separator; "\\server\" ends in one.
        return TRUE;
    }
    return is_drive_spec(path) && path[2] == '\\' && !path[3];
}

// The file name: after the last '\', '/' or ':' that is followed by
// something other than a separator, so "C:\dir\" names "dir\".
template <typename Char>
Char* find_file_name(Char* path) {
    Char* name = path;
    for (Char* p = path; *p; ++p)
        if ((*p == '\\' || *p == '/' || *p == ':') && p[1] && p[1] != '\\' && p[1] != '/') name = p + 1;
    return name;
}

// The last '.' of the file name, or the terminator: a separator or a space
// after the dot means there is no extension.
template <typename Char>
Char* find_extension(Char* path) {
    Char* dot = nullptr;
    Char* p = path;
    for (; *p; ++p) {
        if (*p == '\\' || *p == ' ') dot = nullptr;
        else if (*p == '.') dot = p;
    }
    return dot ? dot : p;
}

// Where the root of `path` ends: "\\server\share\", "X:\", "X:", "\".
template <typename Char>
size_t root_length(const String<Char>& path) {
    if (path.size() >= 2 && path[0] == '\\' && path[1] == '\\') {
        size_t server_end = path.find('\\', 2);
        if (server_end == String<Char>::npos) return path.size();
        size_t share_end = path.find('\\', server_end + 1);
        return share_end == String<Char>::npos ? path.size() : share_end + 1;
    }
    if (path.size() >= 2 && path[1] == ':') return path.size() >= 3 && path[2] == '\\' ? 3 : 2;
    if (!path.empty() && path[0] == '\\') return 1;
    return 0;
}

// Each ".\" dropped and each ".." removing the component before it (never
// the root); a naked drive gets its backslash; an empty path is "\". A "."
// that ends the path is a name as far as Windows is concerned, and stays.
template <typename Char>
String<Char> canonical(const String<Char>& path) {
    if (path.empty()) return String<Char>(1, '\\');
    const size_t root = root_length(path);
    const String<Char> rest = path.substr(root);
    std::vector<String<Char>> kept;
    bool trailing_separator = false;
    size_t start = 0;
    while (start < rest.size()) {
        size_t end = rest.find('\\', start);
        const bool last = end == String<Char>::npos;
        if (last) end = rest.size();
        String<Char> part = rest.substr(start, end - start);
        if (part.size() == 2 && part[0] == '.' && part[1] == '.') {
            if (!kept.empty()) kept.pop_back();
        } else if (!(part.size() == 1 && part[0] == '.' && !last)) {
            kept.push_back(part);
        }
        trailing_separator = !last && end + 1 == rest.size();
        start = end + 1;
    }
    String<Char> out = path.substr(0, root);
    for (size_t i = 0; i < kept.size(); ++i) {
        if (i) out += '\\';
        out += kept[i];
    }
    if (trailing_separator && !kept.empty()) out += '\\';
    if (out.size() == 2 && out[1] == ':') out += '\\';
    return out;
}

template <typename Char>
void copy_out(Char* dest, const String<Char>& text) {
    std::memcpy(dest, text.c_str(), (text.size() + 1) * sizeof(Char));
}

template <typename Char>
BOOL canonicalize(Char* dest, const Char* path) {
    if (!dest || !path) {
        if (dest) *dest = 0;
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    String<Char> result = canonical(String<Char>(path));
    if (result.size() >= kMaxPath) {
        *dest = 0;
        SetLastError(ERROR_FILENAME_EXCED_RANGE);
        return FALSE;
    }
    copy_out(dest, result);
    return TRUE;
}

// PathCombine: the directory and the file joined and canonicalized. A file
// that is not relative replaces the directory, except that "\name" keeps
// the directory's root.
template <typename Char>
Char* combine(Char* dest, const Char* directory, const Char* file) {
    if (!dest) return nullptr;
    if (!directory && !file) {
        *dest = 0;
        return nullptr;
    }
    String<Char> joined;
    const bool have_directory = directory && *directory;
    if (!file || !*file) {
        joined = directory ? directory : String<Char>();
    } else if (!have_directory || !is_relative(file)) {
        if (!have_directory || file[0] != '\\' || is_unc(file)) {
            joined = file;
        } else {
            String<Char> dir(directory);
            joined = dir.substr(0, root_length(dir));
            if (joined.empty() || joined.back() != '\\') joined += '\\';
            joined += file + 1;
        }
    } else {
        joined = directory;
        if (joined.back() != '\\') joined += '\\';
        joined += file;
    }
    if (joined.size() >= kMaxPath) {
        *dest = 0;
        return nullptr;
    }
    String<Char> result = canonical(joined);
    if (result.size() >= kMaxPath) {
        *dest = 0;
        return nullptr;
    }
    copy_out(dest, result);
    return dest;
}

template <typename Char>
BOOL append(Char* path, const Char* more) {
    if (!path || !more) return FALSE;
    if (!is_unc(more))
        while (*more == '\\') ++more;
    Char buffer[kMaxPath];
    if (!combine(buffer, path, more)) return FALSE;
    std::memcpy(path, buffer, (length(buffer) + 1) * sizeof(Char));
    return TRUE;
}

// Cuts the last component and its separator: "C:\a\b" -> "C:\a",
// "C:\a" -> "C:\", "\a" -> "\", "a" -> "", "\\server\share" -> "\\server".
template <typename Char>
BOOL remove_file_spec(Char* path) {
    if (!path) return FALSE;
    Char* p = path;
    Char* cut = path;
    if (*p == '\\') cut = ++p;
    if (*p == '\\') cut = ++p;
    for (; *p; ++p) {
        if (*p == '\\') {
            cut = p;
        } else if (*p == ':') {
            cut = p + 1;
            if (p[1] == '\\') cut = ++p + 1;  // the root's backslash stays
        }
    }
    if (!*cut) return FALSE;
    *cut = 0;
    return TRUE;
}

// The pointer to the new terminator; NULL when there is no room for it.
template <typename Char>
Char* add_backslash(Char* path) {
    if (!path) return nullptr;
    size_t n = length(path);
    if (n >= kMaxPath) return nullptr;
    if (n && path[n - 1] != '\\') {
        if (n + 1 >= kMaxPath) return nullptr;
        path[n++] = '\\';
        path[n] = 0;
    }
    return path + n;
}

// Removes a trailing backslash unless the path is a root; returns the
// address of the last character (the terminator when it was removed).
template <typename Char>
Char* remove_backslash(Char* path) {
    if (!path) return nullptr;
    size_t n = length(path);
    if (!n) return path;
    Char* last = path + n - 1;
    if (*last == '\\' && !is_root(path)) *last = 0;
    return last;
}

template <typename Char>
void strip_path(Char* path) {
    if (!path) return;
    Char* name = find_file_name(path);
    if (name != path) std::memmove(path, name, (length(name) + 1) * sizeof(Char));
}

// One mask of a ';'-separated list: '*' any run, '?' any character, the rest
// compared ignoring case.
template <typename Char>
bool match_one(const Char* name, const Char* mask) {
    while (*name && *mask && *mask != ';') {
        if (*mask == '*') {
            do {
                if (match_one(name, mask + 1)) return true;
            } while (*name++);
            return false;
        }
        if (*mask != '?' && shlwapi::folded(*mask) != shlwapi::folded(*name)) return false;
        ++name;
        ++mask;
    }
    if (*name) return false;
    while (*mask == '*') ++mask;
    return !*mask || *mask == ';';
}

template <typename Char>
BOOL match_spec(const Char* name, const Char* masks) {
    if (!name || !masks) return FALSE;
    static constexpr Char kAll[] = {'*', '.', '*', 0};
    if (std::char_traits<Char>::compare(masks, kAll, 4) == 0) return TRUE;
    while (*masks) {
        while (*masks == ' ') ++masks;
        if (match_one(name, masks)) return TRUE;
        while (*masks && *masks != ';') ++masks;
        if (*masks == ';') ++masks;
    }
    return FALSE;
}

template <typename Char>
BOOL quote_spaces(Char* path) {
    if (!path) return FALSE;
    size_t n = length(path);
    bool space = false;
    for (size_t i = 0; i < n; ++i) space |= path[i] == ' ';
    if (!space || n + 3 > kMaxPath) return FALSE;
    std::memmove(path + 1, path, n * sizeof(Char));
    path[0] = '"';
    path[n + 1] = '"';
    path[n + 2] = 0;
    return TRUE;
}

template <typename Char>
void unquote_spaces(Char* path) {
    if (!path || path[0] != '"') return;
    size_t n = length(path);
    if (n < 2 || path[n - 1] != '"') return;
    path[n - 1] = 0;
    std::memmove(path, path + 1, (n - 1) * sizeof(Char));
}

}  // namespace

VINE_EXPORT BOOL PathIsRelativeW(LPCWSTR path) { return is_relative(path); }
VINE_EXPORT BOOL PathIsRelativeA(LPCSTR path) { return is_relative(path); }
VINE_EXPORT BOOL PathIsRootW(LPCWSTR path) { return is_root(path); }
VINE_EXPORT BOOL PathIsRootA(LPCSTR path) { return is_root(path); }
VINE_EXPORT BOOL PathIsUNCW(LPCWSTR path) { return path && is_unc(path); }
VINE_EXPORT BOOL PathIsUNCA(LPCSTR path) { return path && is_unc(path); }

VINE_EXPORT LPWSTR PathFindFileNameW(LPCWSTR path) { return path ? find_file_name(const_cast<LPWSTR>(path)) : nullptr; }
VINE_EXPORT LPSTR PathFindFileNameA(LPCSTR path) { return path ? find_file_name(const_cast<LPSTR>(path)) : nullptr; }
VINE_EXPORT LPWSTR PathFindExtensionW(LPCWSTR path) {
    return path ? find_extension(const_cast<LPWSTR>(path)) : nullptr;
}
VINE_EXPORT LPSTR PathFindExtensionA(LPCSTR path) { return path ? find_extension(const_cast<LPSTR>(path)) : nullptr; }

VINE_EXPORT BOOL PathCanonicalizeW(LPWSTR dest, LPCWSTR path) { return canonicalize(dest, path); }
VINE_EXPORT BOOL PathCanonicalizeA(LPSTR dest, LPCSTR path) { return canonicalize(dest, path); }
VINE_EXPORT LPWSTR PathCombineW(LPWSTR dest, LPCWSTR directory, LPCWSTR file) { return combine(dest, directory, file); }
VINE_EXPORT LPSTR PathCombineA(LPSTR dest, LPCSTR directory, LPCSTR file) { return combine(dest, directory, file); }
VINE_EXPORT BOOL PathAppendW(LPWSTR path, LPCWSTR more) { return append(path, more); }
VINE_EXPORT BOOL PathAppendA(LPSTR path, LPCSTR more) { return append(path, more); }

VINE_EXPORT BOOL PathRemoveFileSpecW(LPWSTR path) { return remove_file_spec(path); }
VINE_EXPORT BOOL PathRemoveFileSpecA(LPSTR path) { return remove_file_spec(path); }
VINE_EXPORT LPWSTR PathAddBackslashW(LPWSTR path) { return add_backslash(path); }
VINE_EXPORT LPSTR PathAddBackslashA(LPSTR path) { return add_backslash(path); }
VINE_EXPORT LPWSTR PathRemoveBackslashW(LPWSTR path) { return remove_backslash(path); }
VINE_EXPORT LPSTR PathRemoveBackslashA(LPSTR path) { return remove_backslash(path); }
VINE_EXPORT void PathStripPathW(LPWSTR path) { strip_path(path); }
VINE_EXPORT void PathStripPathA(LPSTR path) { strip_path(path); }

VINE_EXPORT BOOL PathMatchSpecW(LPCWSTR name, LPCWSTR masks) { return match_spec(name, masks); }
VINE_EXPORT BOOL PathMatchSpecA(LPCSTR name, LPCSTR masks) { return match_spec(name, masks); }

VINE_EXPORT BOOL PathQuoteSpacesW(LPWSTR path) { return quote_spaces(path); }
VINE_EXPORT BOOL PathQuoteSpacesA(LPSTR path) { return quote_spaces(path); }
VINE_EXPORT void PathUnquoteSpacesW(LPWSTR path) { unquote_spaces(path); }
VINE_EXPORT void PathUnquoteSpacesA(LPSTR path) { unquote_spaces(path); }

// The file system's answers.
VINE_EXPORT BOOL PathFileExistsW(LPCWSTR path) { return path && GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES; }

VINE_EXPORT BOOL PathFileExistsA(LPCSTR path) {
    if (!path) return FALSE;
    WCHAR wide[kMaxPath];
    if (!MultiByteToWideChar(CP_ACP, 0, path, -1, wide, kMaxPath)) return FALSE;
    return PathFileExistsW(wide);
}

// FILE_ATTRIBUTE_DIRECTORY (not TRUE) for a directory, as Windows returns.
VINE_EXPORT BOOL PathIsDirectoryW(LPCWSTR path) {
    if (!path) return FALSE;
    DWORD attributes = GetFileAttributesW(path);
    return attributes == INVALID_FILE_ATTRIBUTES ? FALSE : static_cast<BOOL>(attributes & FILE_ATTRIBUTE_DIRECTORY);
}

VINE_EXPORT BOOL PathIsDirectoryA(LPCSTR path) {
    if (!path) return FALSE;
    WCHAR wide[kMaxPath];
    if (!MultiByteToWideChar(CP_ACP, 0, path, -1, wide, kMaxPath)) return FALSE;
    return PathIsDirectoryW(wide);
}
