// SHCreateDirectoryEx: a directory and every missing parent above it. Only
// absolute paths are accepted (ERROR_BAD_PATHNAME otherwise); a directory
// that already exists is ERROR_ALREADY_EXISTS, as CreateDirectory says.
#include <string>

#include "shell32_private.h"
#include "vine/kernel32_file_exports.h"
#include "vine/winerror.h"

namespace shell32 {

DWORD create_directory_tree(const std::u16string& path) {
    if (CreateDirectoryW(path.c_str(), nullptr)) return ERROR_SUCCESS;
    DWORD error = GetLastError();
    if (error != ERROR_PATH_NOT_FOUND && error != ERROR_FILE_NOT_FOUND) return error;
    // Make the parent first, then try again.
    size_t end = path.find_last_not_of(u'\\');
    size_t cut = end == std::u16string::npos ? std::u16string::npos : path.rfind(u'\\', end);
    if (cut == std::u16string::npos || cut < 3) return error;  // nothing above a root to make
    DWORD parent = create_directory_tree(path.substr(0, cut));
    if (parent != ERROR_SUCCESS && parent != ERROR_ALREADY_EXISTS) return parent;
    if (CreateDirectoryW(path.c_str(), nullptr)) return ERROR_SUCCESS;
    return GetLastError();
}

}  // namespace shell32

namespace {

bool absolute(LPCWSTR path) {
    return (path[0] && path[1] == u':' && path[2] == u'\\') || (path[0] == u'\\' && path[1] == u'\\');
}

}  // namespace

VINE_EXPORT int SHCreateDirectoryExW(HANDLE /*window*/, LPCWSTR path, const SECURITY_ATTRIBUTES* /*security*/) {
    DWORD error;
    if (!path || !absolute(path)) error = ERROR_BAD_PATHNAME;
    else if (std::char_traits<char16_t>::length(path) >= 248) error = ERROR_FILENAME_EXCED_RANGE;
    else error = shell32::create_directory_tree(path);
    SetLastError(error);
    return static_cast<int>(error);
}

VINE_EXPORT int SHCreateDirectoryExA(HANDLE window, LPCSTR path, const SECURITY_ATTRIBUTES* security) {
    WCHAR wide[260];
    if (!path || !MultiByteToWideChar(CP_ACP, 0, path, -1, wide, 260)) {
        SetLastError(ERROR_BAD_PATHNAME);
        return ERROR_BAD_PATHNAME;
    }
    return SHCreateDirectoryExW(window, wide, security);
}

VINE_EXPORT int SHCreateDirectory(HANDLE window, LPCWSTR path) { return SHCreateDirectoryExW(window, path, nullptr); }
