// Where the profiles are: a token's user has its profile at
// HKLM\...\ProfileList\<SID>\ProfileImagePath (C:\users\NAME for the prefix's
// one user, written by the prefix); the profile list's ProfilesDirectory,
// ProgramData and Public values give the rest. Each is REG_EXPAND_SZ,
// expanded here.
#include <string>

#include "vine/advapi32_exports.h"
#include "vine/kernel32_file_exports.h"
#include "vine/winerror.h"

namespace {

// A value of HKLM\<key>, expanded; empty when missing.
std::u16string machine_value(const WCHAR* key, const WCHAR* name) {
    std::u16string value = vine::registry_string(HKEY_LOCAL_MACHINE, key, name);
    return value.empty() ? value : vine::expand_environment(value);
}

constexpr const WCHAR* kProfileList = u"Software\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList";

// How the answer is handed over. GetUserProfileDirectory follows the
// documentation: `size` in characters with the terminator, and a short
// buffer gets that size and ERROR_INSUFFICIENT_BUFFER. The other directory
// functions behave as Windows really does (Wine's tests, run on Windows):
// a short buffer gets the length without the terminator, and success
// returns the number of characters stored.
enum class Protocol { user_profile, directory };

template <typename Char>
BOOL give(const std::basic_string<Char>& path, Char* buffer, DWORD* size, Protocol protocol) {
    if (!size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (path.empty()) {
        SetLastError(ERROR_FILE_NOT_FOUND);
        return FALSE;
    }
    const DWORD needed = static_cast<DWORD>(path.size() + 1);
    const DWORD have = *size;
    if (!buffer || have < needed) {
        *size = protocol == Protocol::user_profile ? needed : needed - 1;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    *size = needed;
    path.copy(buffer, path.size());
    buffer[path.size()] = 0;
    return protocol == Protocol::user_profile ? TRUE : static_cast<BOOL>(path.size());
}

BOOL give(const std::u16string& path, LPWSTR buffer, DWORD* size, Protocol protocol = Protocol::directory) {
    return give<char16_t>(path, buffer, size, protocol);
}

// The A forms: the path in the ANSI code page, and no buffer is an invalid
// parameter rather than a question about the size.
BOOL give_a(const std::u16string& path, LPSTR buffer, DWORD* size, Protocol protocol = Protocol::directory) {
    if (!buffer || !size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    std::string narrow;
    if (int n = WideCharToMultiByte(CP_ACP, 0, path.c_str(), -1, nullptr, 0, nullptr, nullptr); n > 1) {
        narrow.resize(n);
        WideCharToMultiByte(CP_ACP, 0, path.c_str(), -1, narrow.data(), n, nullptr, nullptr);
        narrow.resize(n - 1);
    }
    return give<char>(narrow, buffer, size, protocol);
}

// ProfileList\<the token's user SID>\ProfileImagePath; a handle that is no
// token fails as GetTokenInformation does.
std::u16string user_profile(HANDLE token) {
    alignas(8) BYTE buffer[256];
    DWORD needed = 0;
    if (!GetTokenInformation(token, TokenUser, buffer, sizeof(buffer), &needed)) return {};
    LPWSTR sid = nullptr;
    if (!ConvertSidToStringSidW(reinterpret_cast<TOKEN_USER*>(buffer)->User.Sid, &sid)) return {};
    std::u16string key = std::u16string(kProfileList) + u"\\" + sid;
    LocalFree(sid);
    std::u16string profile = machine_value(key.c_str(), u"ProfileImagePath");
    if (profile.empty()) SetLastError(ERROR_FILE_NOT_FOUND);
    return profile;
}
std::u16string profiles_directory() { return machine_value(kProfileList, u"ProfilesDirectory"); }
std::u16string default_profile() {
    std::u16string value = machine_value(kProfileList, u"Default");
    if (!value.empty()) return value;
    std::u16string profiles = profiles_directory();
    return profiles.empty() ? profiles : profiles + u"\\Default";
}
std::u16string all_users_profile() { return machine_value(kProfileList, u"ProgramData"); }

}  // namespace

VINE_EXPORT BOOL GetUserProfileDirectoryW(HANDLE token, LPWSTR directory, DWORD* size) {
    if (!token) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    std::u16string profile = user_profile(token);
    if (profile.empty()) return FALSE;
    return give(profile, directory, size, Protocol::user_profile);
}

VINE_EXPORT BOOL GetUserProfileDirectoryA(HANDLE token, LPSTR directory, DWORD* size) {
    if (directory && size && !token) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (!directory || !size) return give_a(u"", directory, size, Protocol::user_profile);  // the parameter error
    std::u16string profile = user_profile(token);
    if (profile.empty()) return FALSE;
    return give_a(profile, directory, size, Protocol::user_profile);
}

VINE_EXPORT BOOL GetProfilesDirectoryW(LPWSTR directory, DWORD* size) {
    return give(profiles_directory(), directory, size);
}
VINE_EXPORT BOOL GetProfilesDirectoryA(LPSTR directory, DWORD* size) {
    return give_a(profiles_directory(), directory, size);
}
VINE_EXPORT BOOL GetDefaultUserProfileDirectoryW(LPWSTR directory, DWORD* size) {
    return give(default_profile(), directory, size);
}
VINE_EXPORT BOOL GetDefaultUserProfileDirectoryA(LPSTR directory, DWORD* size) {
    return give_a(default_profile(), directory, size);
}
VINE_EXPORT BOOL GetAllUsersProfileDirectoryW(LPWSTR directory, DWORD* size) {
    return give(all_users_profile(), directory, size);
}
VINE_EXPORT BOOL GetAllUsersProfileDirectoryA(LPSTR directory, DWORD* size) {
    return give_a(all_users_profile(), directory, size);
}
