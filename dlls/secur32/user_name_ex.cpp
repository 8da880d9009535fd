// GetUserNameEx: the user's name in the forms a directory service gives.
// Vine's user is a local account of a machine in no domain, so only the
// forms a local account has answer: "MACHINE\user" (SAM-compatible) and
// the display name (the Unix account's full name, from its GECOS field);
// the directory forms (distinguished, canonical, principal names...) have
// no mapping, as on a workgroup machine.
#include <pwd.h>
#include <unistd.h>

#include <string>

#include "vine/advapi32_exports.h"
#include "vine/kernel32_exports.h"
#include "vine/winerror.h"
#include "vine/wintypes.h"

extern "C" WINAPI BOOL GetComputerNameW(LPWSTR buffer, DWORD* size);  // kernel32

namespace {

enum EXTENDED_NAME_FORMAT {
    NameUnknown = 0,
    NameFullyQualifiedDN = 1,
    NameSamCompatible = 2,
    NameDisplay = 3,
    NameUniqueId = 6,
    NameCanonical = 7,
    NameUserPrincipal = 8,
    NameCanonicalEx = 9,
    NameServicePrincipal = 10,
    NameDnsDomain = 12,
    NameGivenName = 13,
    NameSurname = 14,
};

BOOL fail(DWORD error) {
    SetLastError(error);
    return FALSE;
}

// The Unix account's full name: the GECOS field up to its first comma.
std::u16string display_name() {
    char buffer[1024];
    passwd entry{};
    passwd* found = nullptr;
    if (getpwuid_r(getuid(), &entry, buffer, sizeof(buffer), &found) != 0 || !found || !found->pw_gecos) return {};
    std::string full = found->pw_gecos;
    full = full.substr(0, full.find(','));
    int chars = MultiByteToWideChar(CP_UTF8, 0, full.c_str(), -1, nullptr, 0);
    if (chars <= 1) return {};
    std::u16string wide(static_cast<size_t>(chars), u'\0');
    MultiByteToWideChar(CP_UTF8, 0, full.c_str(), -1, wide.data(), chars);
    wide.resize(wide.size() - 1);
    return wide;
}

bool name_in(EXTENDED_NAME_FORMAT format, std::u16string& name, DWORD& error) {
    switch (format) {
    case NameSamCompatible: {
        WCHAR machine[64], user[257];
        DWORD machine_size = 64, user_size = 257;
        if (!GetComputerNameW(machine, &machine_size) || !GetUserNameW(user, &user_size)) {
            error = GetLastError();
            return false;
        }
        name = std::u16string(machine) + u"\\" + user;
        return true;
    }
    case NameDisplay:
        name = display_name();
        if (!name.empty()) return true;
        error = ERROR_NONE_MAPPED;
        return false;
    case NameFullyQualifiedDN:
    case NameUniqueId:
    case NameCanonical:
    case NameUserPrincipal:
    case NameCanonicalEx:
    case NameServicePrincipal:
    case NameDnsDomain:
    case NameGivenName:
    case NameSurname: error = ERROR_NONE_MAPPED; return false;
    default: error = ERROR_INVALID_PARAMETER; return false;
    }
}

}  // namespace

// *size: in, the buffer's characters; out, the name's length without the
// terminator, or (ERROR_MORE_DATA) the characters needed with it.
VINE_EXPORT BOOLEAN GetUserNameExW(EXTENDED_NAME_FORMAT format, LPWSTR buffer, ULONG* size) {
    if (!size) return fail(ERROR_INVALID_PARAMETER);
    std::u16string name;
    DWORD error = 0;
    if (!name_in(format, name, error)) return fail(error);
    if (!buffer || *size <= name.size()) {
        *size = static_cast<ULONG>(name.size() + 1);
        return fail(ERROR_MORE_DATA);
    }
    name.copy(buffer, name.size());
    buffer[name.size()] = 0;
    *size = static_cast<ULONG>(name.size());
    return TRUE;
}

// The size needed is counted in UTF-16 characters here too, as Windows does.
VINE_EXPORT BOOLEAN GetUserNameExA(EXTENDED_NAME_FORMAT format, LPSTR buffer, ULONG* size) {
    if (!size) return fail(ERROR_INVALID_PARAMETER);
    std::u16string name;
    DWORD error = 0;
    if (!name_in(format, name, error)) return fail(error);
    int bytes = WideCharToMultiByte(CP_ACP, 0, name.c_str(), -1, nullptr, 0, nullptr, nullptr);
    if (!buffer || *size < static_cast<ULONG>(bytes)) {
        *size = static_cast<ULONG>(name.size() + 1);
        return fail(ERROR_MORE_DATA);
    }
    WideCharToMultiByte(CP_ACP, 0, name.c_str(), -1, buffer, bytes, nullptr, nullptr);
    *size = static_cast<ULONG>(bytes - 1);
    return TRUE;
}
