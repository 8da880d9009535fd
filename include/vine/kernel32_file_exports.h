// The kernel32 file, directory, module and environment functions that
// shell32, shlwapi, ole32 and userenv are built on, with the structures and constants they
// pass (minwinbase.h, winnt.h layouts). kernel32 itself keeps its own
// definitions in kernel32_private.h; this header is for the DLLs above it.
#pragma once

#include <string>

#include "vine/kernel32_exports.h"

constexpr DWORD FILE_ATTRIBUTE_READONLY = 0x1, FILE_ATTRIBUTE_HIDDEN = 0x2, FILE_ATTRIBUTE_SYSTEM = 0x4,
                FILE_ATTRIBUTE_DIRECTORY = 0x10, FILE_ATTRIBUTE_ARCHIVE = 0x20;
constexpr DWORD INVALID_FILE_ATTRIBUTES = 0xffffffff;
constexpr DWORD MOVEFILE_REPLACE_EXISTING = 0x1, MOVEFILE_COPY_ALLOWED = 0x2;

struct WIN32_FIND_DATAW {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime;
    FILETIME ftLastAccessTime;
    FILETIME ftLastWriteTime;
    DWORD nFileSizeHigh;
    DWORD nFileSizeLow;
    DWORD dwReserved0;
    DWORD dwReserved1;
    WCHAR cFileName[260];
    WCHAR cAlternateFileName[14];
};
static_assert(sizeof(WIN32_FIND_DATAW) == 592);

extern "C" {
WINAPI HMODULE LoadLibraryW(LPCWSTR name);
WINAPI BOOL FreeLibrary(HMODULE module);
WINAPI BOOL CreateDirectoryW(LPCWSTR name, SECURITY_ATTRIBUTES* security);
WINAPI BOOL RemoveDirectoryW(LPCWSTR name);
WINAPI BOOL SetFileAttributesW(LPCWSTR name, DWORD attributes);
WINAPI HANDLE FindFirstFileW(LPCWSTR pattern, WIN32_FIND_DATAW* data);
WINAPI BOOL FindNextFileW(HANDLE find, WIN32_FIND_DATAW* data);
WINAPI BOOL FindClose(HANDLE find);
WINAPI DWORD GetFullPathNameW(LPCWSTR name, DWORD size, LPWSTR buffer, LPWSTR* file_part);
WINAPI HANDLE GetCurrentProcess();
WINAPI DWORD ExpandEnvironmentStringsA(LPCSTR source, LPSTR destination, DWORD size);
}

namespace vine {

// ExpandEnvironmentStringsW of a whole string; the text itself when that fails.
inline std::u16string expand_environment(const std::u16string& text) {
    DWORD n = ExpandEnvironmentStringsW(text.c_str(), nullptr, 0);
    if (!n) return text;
    std::u16string out(n, u'\0');
    n = ExpandEnvironmentStringsW(text.c_str(), out.data(), n);
    out.resize(n ? n - 1 : 0);
    return out;
}

}  // namespace vine
