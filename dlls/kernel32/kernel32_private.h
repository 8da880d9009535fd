// Shared between kernel32's source files only.
#pragma once

#include <string>

#include "vine/kernel32_exports.h"
#include "vine/ntdll_exports.h"
#include "vine/teb.h"
#include "vine/wintypes.h"

namespace kernel32 {

constexpr DWORD ERROR_SUCCESS = 0;
constexpr DWORD ERROR_FILE_NOT_FOUND = 2;
constexpr DWORD ERROR_PATH_NOT_FOUND = 3;
constexpr DWORD ERROR_TOO_MANY_OPEN_FILES = 4;
constexpr DWORD ERROR_ACCESS_DENIED = 5;
constexpr DWORD ERROR_INVALID_HANDLE = 6;
constexpr DWORD ERROR_NOT_ENOUGH_MEMORY = 8;
constexpr DWORD ERROR_INVALID_DATA = 13;
constexpr DWORD ERROR_OUTOFMEMORY = 14;
constexpr DWORD ERROR_NOT_SUPPORTED = 50;
constexpr DWORD ERROR_FILE_EXISTS = 80;
constexpr DWORD ERROR_INVALID_PARAMETER = 87;
constexpr DWORD ERROR_BROKEN_PIPE = 109;
constexpr DWORD ERROR_DISK_FULL = 112;
constexpr DWORD ERROR_INSUFFICIENT_BUFFER = 122;
constexpr DWORD ERROR_MOD_NOT_FOUND = 126;
constexpr DWORD ERROR_PROC_NOT_FOUND = 127;
constexpr DWORD ERROR_NEGATIVE_SEEK = 131;
constexpr DWORD ERROR_DIR_NOT_EMPTY = 145;
constexpr DWORD ERROR_ALREADY_EXISTS = 183;
constexpr DWORD ERROR_ENVVAR_NOT_FOUND = 203;
constexpr DWORD ERROR_NO_DATA = 232;
constexpr DWORD ERROR_NO_UNICODE_TRANSLATION = 1113;
constexpr DWORD ERROR_TOO_MANY_POSTS = 298;
constexpr DWORD ERROR_NOT_OWNER = 288;
constexpr DWORD ERROR_INVALID_FLAGS = 1004;
constexpr DWORD ERROR_INVALID_NAME = 123;
constexpr DWORD ERROR_TIMEOUT = 1460;
constexpr DWORD ERROR_SHARING_VIOLATION = 32;
constexpr DWORD ERROR_NOACCESS = 998;

inline void set_error(DWORD error) { current_teb()->LastErrorValue = error; }
// The Win32 error for a failed Unix call's errno.
DWORD error_from_errno(int error);
// Sets the last error from errno and returns FALSE, for the common path.
BOOL fail_errno();

// WaitForMultipleObjectsEx without its argument checks (wait.cpp); with
// count 0 and `alertable`, an alertable sleep.
DWORD wait_for_objects(DWORD count, const HANDLE* handles, BOOL wait_all, DWORD milliseconds, BOOL alertable);

std::u16string wide_from_ansi(const char* text);
std::string ansi_from_wide(const WCHAR* text);

}  // namespace kernel32
