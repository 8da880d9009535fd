// CreateEnvironmentBlock: the environment a process of the token's user
// starts with: the system's variables (HKLM\...\Session Manager\Environment),
// the profile's (USERPROFILE, ALLUSERSPROFILE, ProgramData, PUBLIC, ...),
// then the user's (HKCU\Environment), each value expanded against what is
// already there; over the calling process's environment when asked to
// inherit it. Without a token, the system's part and the default user's
// profile. SystemRoot and SystemDrive are the caller's. Sorted ignoring
// case, as Windows keeps environment blocks.
#include <algorithm>
#include <string>
#include <vector>

#include "vine/advapi32_exports.h"
#include "vine/kernel32_exports.h"
#include "vine/ntdll_exports.h"
#include "vine/userenv_exports.h"
#include "vine/winerror.h"

namespace {

using Text = std::u16string;

char16_t upper(char16_t c) { return c >= u'a' && c <= u'z' ? c - 32 : c; }

bool same_name(const Text& a, const Text& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (upper(a[i]) != upper(b[i])) return false;
    return true;
}

struct Environment {
    std::vector<std::pair<Text, Text>> variables;

    const Text* find(const Text& name) const {
        for (const auto& [key, value] : variables)
            if (same_name(key, name)) return &value;
        return nullptr;
    }
    void set(const Text& name, const Text& value) {
        for (auto& [key, old] : variables)
            if (same_name(key, name)) {
                old = value;
                return;
            }
        variables.emplace_back(name, value);
    }
    // %NAME% replaced from this environment; unknown names stay as written.
    Text expand(const Text& text) const {
        Text out;
        size_t i = 0;
        while (i < text.size()) {
            size_t close = text[i] == u'%' ? text.find(u'%', i + 1) : Text::npos;
            const Text* value = close == Text::npos ? nullptr : find(text.substr(i + 1, close - i - 1));
            if (!value) {
                out += text[i++];
                continue;
            }
            out += *value;
            i = close + 1;
        }
        return out;
    }
};

// The values of a registry key, REG_EXPAND_SZ expanded in order.
void add_key(Environment& environment, HKEY root, const WCHAR* key_name) {
    HKEY key;
    if (RegOpenKeyExW(root, key_name, 0, KEY_READ, &key) != ERROR_SUCCESS) return;
    for (DWORD index = 0;; ++index) {
        WCHAR name[256];
        BYTE data[4096];
        DWORD name_size = 256, data_size = sizeof(data) - 2, type = 0;
        LSTATUS error = RegEnumValueW(key, index, name, &name_size, nullptr, &type, data, &data_size);
        if (error == ERROR_NO_MORE_ITEMS) break;
        if (error != ERROR_SUCCESS || (type != REG_SZ && type != REG_EXPAND_SZ)) continue;
        data[data_size] = data[data_size + 1] = 0;
        Text value(reinterpret_cast<const char16_t*>(data));
        environment.set(name, type == REG_EXPAND_SZ ? environment.expand(value) : value);
    }
    RegCloseKey(key);
}

Text profile_directory(BOOL(WINAPI* get)(LPWSTR, DWORD*)) {
    WCHAR buffer[260];
    DWORD size = 260;
    return get(buffer, &size) ? Text(buffer) : Text();
}

}  // namespace

VINE_EXPORT BOOL CreateEnvironmentBlock(void** block, HANDLE token, BOOL inherit) {
    if (!block) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    Environment environment;
    if (inherit) {
        WCHAR* current = GetEnvironmentStringsW();
        for (const WCHAR* entry = current; entry && *entry; entry += Text(entry).size() + 1) {
            Text line(entry);
            size_t equals = line.find(u'=', 1);  // "=C:=C:\dir" names start with '='
            if (equals != Text::npos) environment.set(line.substr(0, equals), line.substr(equals + 1));
        }
        FreeEnvironmentStringsW(current);
    }
    // SystemRoot and SystemDrive are the process's own, even when not
    // inheriting (Windows reads them from the caller's environment).
    WCHAR windows[260];
    if (GetEnvironmentVariableW(u"SystemRoot", windows, 260)) environment.set(u"SystemRoot", windows);
    if (GetEnvironmentVariableW(u"SystemDrive", windows, 260)) environment.set(u"SystemDrive", windows);
    const WCHAR* current_version = u"Software\\Microsoft\\Windows\\CurrentVersion";
    static constexpr struct {
        const WCHAR* variable;
        const WCHAR* value;
    } kProgramFiles[] = {
        {u"ProgramFiles", u"ProgramFilesDir"},           {u"ProgramFiles(x86)", u"ProgramFilesDir (x86)"},
        {u"ProgramW6432", u"ProgramW6432Dir"},           {u"CommonProgramFiles", u"CommonFilesDir"},
        {u"CommonProgramFiles(x86)", u"CommonFilesDir (x86)"}, {u"CommonProgramW6432", u"CommonW6432Dir"},
    };
    for (const auto& entry : kProgramFiles) {
        Text value = vine::registry_string(HKEY_LOCAL_MACHINE, current_version, entry.value);
        if (!value.empty()) environment.set(entry.variable, value);
    }
    const WCHAR* computer_name = u"System\\CurrentControlSet\\Control\\ComputerName\\ComputerName";
    Text computer = vine::registry_string(HKEY_LOCAL_MACHINE, computer_name, u"ComputerName");
    if (!computer.empty()) environment.set(u"COMPUTERNAME", computer);
    const WCHAR* profile_list = u"Software\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList";
    Text public_folder = vine::registry_string(HKEY_LOCAL_MACHINE, profile_list, u"Public");
    if (!public_folder.empty()) environment.set(u"PUBLIC", environment.expand(public_folder));
    const Text all_users = profile_directory(GetAllUsersProfileDirectoryW);
    if (!all_users.empty()) {
        environment.set(u"ALLUSERSPROFILE", all_users);
        environment.set(u"ProgramData", all_users);
    }
    add_key(environment, HKEY_LOCAL_MACHINE, u"System\\CurrentControlSet\\Control\\Session Manager\\Environment");
    if (!token) {
        // Without a token the profile is the default user's.
        Text profile = profile_directory(GetDefaultUserProfileDirectoryW);
        if (!profile.empty()) environment.set(u"USERPROFILE", profile);
    } else {
        WCHAR profile[260], user[256];
        DWORD size = 260, user_size = 256;
        if (GetUserProfileDirectoryW(token, profile, &size)) {
            environment.set(u"USERPROFILE", profile);
            environment.set(u"HOMEDRIVE", Text(profile, 2));
            environment.set(u"HOMEPATH", Text(profile + 2));
            environment.set(u"APPDATA", Text(profile) + u"\\AppData\\Roaming");
            environment.set(u"LOCALAPPDATA", Text(profile) + u"\\AppData\\Local");
        }
        if (GetUserNameW(user, &user_size)) environment.set(u"USERNAME", user);
        add_key(environment, HKEY_CURRENT_USER, u"Environment");
    }

    std::sort(environment.variables.begin(), environment.variables.end(), [](const auto& a, const auto& b) {
        const Text &x = a.first, &y = b.first;
        for (size_t i = 0; i < x.size() && i < y.size(); ++i)
            if (upper(x[i]) != upper(y[i])) return upper(x[i]) < upper(y[i]);
        return x.size() < y.size();
    });
    Text text;
    for (const auto& [name, value] : environment.variables) text += name + u"=" + value + u'\0';
    text += u'\0';
    auto* memory = static_cast<WCHAR*>(RtlAllocateHeap(GetProcessHeap(), 0, text.size() * sizeof(WCHAR)));
    if (!memory) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    text.copy(reinterpret_cast<char16_t*>(memory), text.size());
    *block = memory;
    return TRUE;
}

VINE_EXPORT BOOL DestroyEnvironmentBlock(void* block) {
    if (!block) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    RtlFreeHeap(GetProcessHeap(), 0, block);
    return TRUE;
}
