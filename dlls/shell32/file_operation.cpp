// SHFileOperation: copy, move, delete and rename lists of files and
// directories (directories with everything below them). Sources may end in
// a wildcard (matched as FindFirstFile matches). Vine shows no dialogs: every
// confirmation is answered "yes", as FOF_NOCONFIRMATION asks, and errors are
// only returned (FOF_SILENT, FOF_NOERRORUI change nothing). A name taken
// at the destination is replaced, or with FOF_RENAMEONCOLLISION the copy is
// named "name - Copy.ext" as Windows 10 names it. FOF_ALLOWUNDO
// deletes for good: there is no recycle bin. The result is 0 or the Win32
// error of the first step that failed.
#include <string>
#include <vector>

#include "vine/kernel32_file_exports.h"
#include "vine/paths.h"
#include "vine/shell.h"
#include "vine/winerror.h"

namespace {

using Path = std::u16string;

std::vector<Path> list_of(LPCWSTR list) {
    std::vector<Path> items;
    if (!list) return items;
    while (*list) {
        Path item(list);
        list += item.size() + 1;
        items.push_back(item);
    }
    return items;
}

Path full_path(const Path& path) {
    WCHAR buffer[32768];
    DWORD n = GetFullPathNameW(path.c_str(), 32768, buffer, nullptr);
    return n && n < 32768 ? Path(buffer, n) : path;
}

Path parent_of(const Path& path) {
    size_t cut = path.rfind(u'\\');
    return cut == Path::npos ? Path() : path.substr(0, cut);
}

Path name_of(const Path& path) {
    size_t cut = path.rfind(u'\\');
    return cut == Path::npos ? path : path.substr(cut + 1);
}

Path joined(const Path& directory, const Path& name) {
    if (!directory.empty() && directory.back() == u'\\') return directory + name;
    return directory + u"\\" + name;
}

DWORD attributes_of(const Path& path) { return GetFileAttributesW(path.c_str()); }
bool is_directory(DWORD attributes) {
    return attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY);
}

bool has_wildcard(const Path& path) { return name_of(path).find_first_of(u"*?") != Path::npos; }

// The entries of a directory matching `pattern` ("*" for all), without . and ..
std::vector<Path> matches(const Path& pattern, bool files_only) {
    std::vector<Path> found;
    WIN32_FIND_DATAW data;
    HANDLE find = FindFirstFileW(pattern.c_str(), &data);
    if (find == INVALID_HANDLE_VALUE) return found;
    const Path directory = parent_of(pattern);
    do {
        Path name(data.cFileName);
        if (name == u"." || name == u"..") continue;
        if (files_only && (data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)) continue;
        found.push_back(joined(directory, name));
    } while (FindNextFileW(find, &data));
    FindClose(find);
    return found;
}

DWORD last_error_or(DWORD fallback) {
    DWORD error = GetLastError();
    return error ? error : fallback;
}

DWORD delete_item(const Path& path) {
    DWORD attributes = attributes_of(path);
    if (attributes == INVALID_FILE_ATTRIBUTES) return ERROR_FILE_NOT_FOUND;
    if (attributes & FILE_ATTRIBUTE_READONLY) SetFileAttributesW(path.c_str(), attributes & ~FILE_ATTRIBUTE_READONLY);
    if (!(attributes & FILE_ATTRIBUTE_DIRECTORY))
        return DeleteFileW(path.c_str()) ? ERROR_SUCCESS : last_error_or(ERROR_ACCESS_DENIED);
    for (const Path& entry : matches(joined(path, u"*"), false))
        if (DWORD error = delete_item(entry)) return error;
    return RemoveDirectoryW(path.c_str()) ? ERROR_SUCCESS : last_error_or(ERROR_ACCESS_DENIED);
}

// A file over any existing file; a directory merged into an existing one.
DWORD copy_item(const Path& from, const Path& to) {
    DWORD attributes = attributes_of(from);
    if (attributes == INVALID_FILE_ATTRIBUTES) return ERROR_FILE_NOT_FOUND;
    if (!(attributes & FILE_ATTRIBUTE_DIRECTORY)) {
        DWORD existing = attributes_of(to);
        if (existing != INVALID_FILE_ATTRIBUTES && (existing & FILE_ATTRIBUTE_READONLY))
            SetFileAttributesW(to.c_str(), existing & ~FILE_ATTRIBUTE_READONLY);
        return CopyFileW(from.c_str(), to.c_str(), FALSE) ? ERROR_SUCCESS : last_error_or(ERROR_ACCESS_DENIED);
    }
    if (!is_directory(attributes_of(to)) && !CreateDirectoryW(to.c_str(), nullptr))
        return last_error_or(ERROR_ACCESS_DENIED);
    for (const Path& entry : matches(joined(from, u"*"), false))
        if (DWORD error = copy_item(entry, joined(to, name_of(entry)))) return error;
    return ERROR_SUCCESS;
}

DWORD move_item(const Path& from, const Path& to) {
    DWORD attributes = attributes_of(from);
    if (attributes == INVALID_FILE_ATTRIBUTES) return ERROR_FILE_NOT_FOUND;
    const bool directory = attributes & FILE_ATTRIBUTE_DIRECTORY;
    if (!directory || attributes_of(to) == INVALID_FILE_ATTRIBUTES) {
        DWORD flags = directory ? 0 : MOVEFILE_REPLACE_EXISTING | MOVEFILE_COPY_ALLOWED;
        if (MoveFileExW(from.c_str(), to.c_str(), flags)) return ERROR_SUCCESS;
        if (!directory) return last_error_or(ERROR_ACCESS_DENIED);
    }
    // A directory onto an existing one (or across devices): merge, then remove.
    if (DWORD error = copy_item(from, to)) return error;
    return delete_item(from);
}

bool same_path(const Path& a, const Path& b) { return vine::paths::names_equal_ignoring_case(a, b); }

// FOF_RENAMEONCOLLISION's name for a copy whose name is taken, as Windows 10
// makes it: "name - Copy.ext", then "name - Copy (2).ext", ...
Path free_name(const Path& taken) {
    const Path directory = parent_of(taken), name = name_of(taken);
    size_t dot = name.rfind(u'.');
    if (dot == 0 || dot == Path::npos) dot = name.size();
    const Path stem = name.substr(0, dot), extension = name.substr(dot);
    for (int n = 1; n < 10000; ++n) {
        Path candidate = stem + u" - Copy";
        if (n > 1) {
            std::string number = std::to_string(n);
            candidate += u" (" + Path(number.begin(), number.end()) + u")";
        }
        candidate = joined(directory, candidate + extension);
        if (attributes_of(candidate) == INVALID_FILE_ATTRIBUTES) return candidate;
    }
    return taken;
}

struct Source {
    Path path;
    bool from_wildcard;
};

DWORD expand_sources(const std::vector<Path>& from, WORD flags, std::vector<Source>& sources) {
    for (const Path& item : from) {
        Path path = full_path(item);
        if (has_wildcard(path)) {
            for (const Path& match : matches(path, flags & FOF_FILESONLY)) sources.push_back({match, true});
            continue;
        }
        if (attributes_of(path) == INVALID_FILE_ATTRIBUTES) return ERROR_FILE_NOT_FOUND;
        sources.push_back({path, false});
    }
    return ERROR_SUCCESS;
}

DWORD transfer(UINT function, WORD flags, const std::vector<Path>& from, const std::vector<Path>& to) {
    if (to.empty()) return ERROR_INVALID_PARAMETER;
    DWORD (*step)(const Path&, const Path&) = function == FO_COPY ? copy_item : move_item;
    if ((flags & FOF_MULTIDESTFILES) && to.size() == from.size() && to.size() > 1) {
        for (size_t i = 0; i < from.size(); ++i) {
            Path source = full_path(from[i]), target = full_path(to[i]);
            if (same_path(source, target)) return ERROR_INVALID_PARAMETER;
            if (DWORD error = step(source, target)) return error;
        }
        return ERROR_SUCCESS;
    }
    std::vector<Source> sources;
    if (DWORD error = expand_sources(from, flags, sources)) return error;
    Path target = full_path(to[0]);
    const bool into_directory = sources.size() > 1 || (sources.size() == 1 && sources[0].from_wildcard) ||
                                is_directory(attributes_of(target)) || to[0].back() == u'\\';
    const bool rename_on_collision = flags & FOF_RENAMEONCOLLISION;
    if (!into_directory) {
        if (sources.empty()) return ERROR_SUCCESS;
        if (rename_on_collision && attributes_of(target) != INVALID_FILE_ATTRIBUTES) target = free_name(target);
        if (same_path(sources[0].path, target)) return ERROR_INVALID_PARAMETER;
        return step(sources[0].path, target);
    }
    if (!is_directory(attributes_of(target))) {
        // Windows offers to make the destination folder; the answer is yes.
        if (!CreateDirectoryW(target.c_str(), nullptr)) return last_error_or(ERROR_PATH_NOT_FOUND);
    }
    for (const Source& source : sources) {
        Path destination = joined(target, name_of(source.path));
        if (rename_on_collision && attributes_of(destination) != INVALID_FILE_ATTRIBUTES)
            destination = free_name(destination);
        if (same_path(source.path, destination)) return ERROR_INVALID_PARAMETER;
        if (DWORD error = step(source.path, destination)) return error;
    }
    return ERROR_SUCCESS;
}

DWORD operate(UINT function, WORD flags, const std::vector<Path>& from, const std::vector<Path>& to) {
    if (from.empty()) return ERROR_INVALID_PARAMETER;
    switch (function) {
    case FO_DELETE: {
        std::vector<Source> sources;
        if (DWORD error = expand_sources(from, flags, sources)) return error;
        for (const Source& source : sources)
            if (DWORD error = delete_item(source.path)) return error;
        return ERROR_SUCCESS;
    }
    case FO_COPY:
    case FO_MOVE:
        return transfer(function, flags, from, to);
    case FO_RENAME: {
        if (to.empty() || from.size() != 1) return ERROR_INVALID_PARAMETER;
        Path source = full_path(from[0]), target = full_path(to[0]);
        if (attributes_of(source) == INVALID_FILE_ATTRIBUTES) return ERROR_FILE_NOT_FOUND;
        if (!same_path(source, target) && attributes_of(target) != INVALID_FILE_ATTRIBUTES)
            return ERROR_ALREADY_EXISTS;
        return MoveFileExW(source.c_str(), target.c_str(), 0) ? ERROR_SUCCESS : last_error_or(ERROR_ACCESS_DENIED);
    }
    default:
        return ERROR_INVALID_PARAMETER;
    }
}

// A double-NUL-terminated ANSI list in UTF-16.
std::u16string wide_list(LPCSTR list) {
    std::u16string out;
    if (!list) return out;
    while (*list) {
        int n = MultiByteToWideChar(CP_ACP, 0, list, -1, nullptr, 0);
        std::u16string item(n, u'\0');
        MultiByteToWideChar(CP_ACP, 0, list, -1, item.data(), n);
        out += item;  // with its terminator
        while (*list) ++list;
        ++list;
    }
    out += u'\0';
    return out;
}

}  // namespace

VINE_EXPORT int SHFileOperationW(SHFILEOPSTRUCTW* operation) {
    if (!operation) return ERROR_INVALID_PARAMETER;
    operation->fAnyOperationsAborted = FALSE;
    DWORD error = operate(operation->wFunc, operation->fFlags, list_of(operation->pFrom), list_of(operation->pTo));
    return static_cast<int>(error);
}

VINE_EXPORT int SHFileOperationA(SHFILEOPSTRUCTA* operation) {
    if (!operation) return ERROR_INVALID_PARAMETER;
    const std::u16string from = wide_list(operation->pFrom), to = wide_list(operation->pTo);
    SHFILEOPSTRUCTW wide = {operation->hwnd, operation->wFunc, operation->pFrom ? from.c_str() : nullptr,
                            operation->pTo ? to.c_str() : nullptr, operation->fFlags, FALSE, nullptr, nullptr};
    int result = SHFileOperationW(&wide);
    operation->fAnyOperationsAborted = wide.fAnyOperationsAborted;
    return result;
}
