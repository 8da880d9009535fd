// GetUserName: the Unix user's name, as Windows programs see their user
// (the prefix's profile directory has the same name, loader/prefix.cpp).
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "vine/kernel32_exports.h"
#include "vine/wintypes.h"

namespace {

constexpr DWORD ERROR_INSUFFICIENT_BUFFER = 122, ERROR_INVALID_PARAMETER = 87;

std::string unix_user_name() {
    char buffer[1024];
    passwd entry{};
    passwd* found = nullptr;
    if (getpwuid_r(getuid(), &entry, buffer, sizeof(buffer), &found) == 0 && found && found->pw_name && *found->pw_name)
        return found->pw_name;
    if (const char* user = getenv("USER"); user && *user) return user;
    return "user";
}

}  // namespace

// *size: characters with the terminator, in and out; a short buffer fails
// with ERROR_INSUFFICIENT_BUFFER and the size needed.
VINE_EXPORT BOOL GetUserNameW(LPWSTR buffer, DWORD* size) {
    if (!size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    std::string name = unix_user_name();
    int needed = MultiByteToWideChar(CP_UTF8, 0, name.c_str(), -1, nullptr, 0);
    if (!buffer || *size < static_cast<DWORD>(needed)) {
        *size = static_cast<DWORD>(needed);
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    MultiByteToWideChar(CP_UTF8, 0, name.c_str(), -1, buffer, needed);
    *size = static_cast<DWORD>(needed);
    return TRUE;
}

VINE_EXPORT BOOL GetUserNameA(char* buffer, DWORD* size) {
    if (!size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WCHAR wide[257];
    DWORD length = 257;
    if (!GetUserNameW(wide, &length)) return FALSE;
    int needed = WideCharToMultiByte(CP_ACP, 0, wide, -1, nullptr, 0, nullptr, nullptr);
    if (!buffer || *size < static_cast<DWORD>(needed)) {
        *size = static_cast<DWORD>(needed);
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    WideCharToMultiByte(CP_ACP, 0, wide, -1, buffer, needed, nullptr, nullptr);
    *size = static_cast<DWORD>(needed);
    return TRUE;
}
