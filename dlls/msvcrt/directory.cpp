// Directories and access checks: _mkdir, _rmdir, _chdir, _getcwd, _access
// and their wide forms, over kernel32's W functions (narrow paths in the
// ANSI code page).
#include <cstring>

#include "msvcrt_private.h"
#include "vine/kernel32_exports.h"

extern "C" {
WINAPI BOOL CreateDirectoryW(LPCWSTR path, SECURITY_ATTRIBUTES* security);
WINAPI BOOL RemoveDirectoryW(LPCWSTR path);
WINAPI BOOL SetCurrentDirectoryW(LPCWSTR path);
WINAPI DWORD GetCurrentDirectoryW(DWORD size, LPWSTR buffer);
}

namespace {

constexpr DWORD kInvalidAttributes = 0xffffffff;
constexpr DWORD kReadOnly = 0x1, kDirectory = 0x10;

// Runs `body` on the wide form of `path`; -1 with EINVAL for a bad path.
template <typename Body>
int with_wide_path(const char* path, Body body) {
    if (!path) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    int n = MultiByteToWideChar(CP_ACP, 0, path, -1, nullptr, 0);
    if (n <= 0) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    auto* wide = static_cast<WCHAR*>(MSVCRT_malloc(static_cast<size_t>(n) * sizeof(WCHAR)));
    if (!wide) {
        msvcrt_set_errno(MSVCRT_ENOMEM);
        return -1;
    }
    MultiByteToWideChar(CP_ACP, 0, path, -1, wide, n);
    int result = body(wide);
    MSVCRT_free(wide);
    return result;
}

int win32_result(BOOL ok) {
    if (ok) return 0;
    msvcrt_set_errno_from_win32(GetLastError());
    return -1;
}

}  // namespace

MSVCRT_API int MSVCRT__wmkdir(const WCHAR* path) { return win32_result(path && CreateDirectoryW(path, nullptr)); }
MSVCRT_API int MSVCRT__mkdir(const char* path) { return with_wide_path(path, MSVCRT__wmkdir); }
MSVCRT_API int MSVCRT__wrmdir(const WCHAR* path) { return win32_result(path && RemoveDirectoryW(path)); }
MSVCRT_API int MSVCRT__rmdir(const char* path) { return with_wide_path(path, MSVCRT__wrmdir); }
MSVCRT_API int MSVCRT__wchdir(const WCHAR* path) { return win32_result(path && SetCurrentDirectoryW(path)); }
MSVCRT_API int MSVCRT__chdir(const char* path) { return with_wide_path(path, MSVCRT__wchdir); }

// With a null buffer the result is allocated, `size` characters or more.
MSVCRT_API WCHAR* MSVCRT__wgetcwd(WCHAR* buffer, int size) {
    DWORD needed = GetCurrentDirectoryW(0, nullptr);  // with the terminator
    if (!needed) {
        msvcrt_set_errno_from_win32(GetLastError());
        return nullptr;
    }
    if (!buffer) {
        size_t count = static_cast<size_t>(size) > needed ? static_cast<size_t>(size) : needed;
        buffer = static_cast<WCHAR*>(MSVCRT_malloc(count * sizeof(WCHAR)));
        if (!buffer) {
            msvcrt_set_errno(MSVCRT_ENOMEM);
            return nullptr;
        }
        size = static_cast<int>(count);
    } else if (size <= 0) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return nullptr;
    }
    if (needed > static_cast<DWORD>(size)) {
        msvcrt_set_errno(MSVCRT_ERANGE);
        return nullptr;
    }
    GetCurrentDirectoryW(static_cast<DWORD>(size), buffer);
    return buffer;
}

MSVCRT_API char* MSVCRT__getcwd(char* buffer, int size) {
    WCHAR* wide = MSVCRT__wgetcwd(nullptr, 0);
    if (!wide) return nullptr;
    int needed = WideCharToMultiByte(CP_ACP, 0, wide, -1, nullptr, 0, nullptr, nullptr);
    char* result = nullptr;
    if (!buffer) {
        int count = size > needed ? size : needed;
        result = static_cast<char*>(MSVCRT_malloc(static_cast<size_t>(count)));
        if (result) WideCharToMultiByte(CP_ACP, 0, wide, -1, result, count, nullptr, nullptr);
        else msvcrt_set_errno(MSVCRT_ENOMEM);
    } else if (size <= 0) {
        msvcrt_set_errno(MSVCRT_EINVAL);
    } else if (needed > size) {
        msvcrt_set_errno(MSVCRT_ERANGE);
    } else {
        WideCharToMultiByte(CP_ACP, 0, wide, -1, buffer, size, nullptr, nullptr);
        result = buffer;
    }
    MSVCRT_free(wide);
    return result;
}

// mode: 0 exists, 2 writable, 4 readable, 6 both; a directory is writable.
MSVCRT_API int MSVCRT__waccess(const WCHAR* path, int mode) {
    if (!path || (mode & ~6)) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    DWORD attributes = GetFileAttributesW(path);
    if (attributes == kInvalidAttributes) {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    if ((mode & 2) && (attributes & kReadOnly) && !(attributes & kDirectory)) {
        msvcrt_set_errno(MSVCRT_EACCES);
        return -1;
    }
    return 0;
}
MSVCRT_API int MSVCRT__access(const char* path, int mode) {
    return with_wide_path(path, [mode](const WCHAR* wide) { return MSVCRT__waccess(wide, mode); });
}
// The _s forms return the errno value instead of setting it.
MSVCRT_API int MSVCRT__waccess_s(const WCHAR* path, int mode) {
    return MSVCRT__waccess(path, mode) == 0 ? 0 : *MSVCRT__errno();
}
MSVCRT_API int MSVCRT__access_s(const char* path, int mode) {
    return MSVCRT__access(path, mode) == 0 ? 0 : *MSVCRT__errno();
}
