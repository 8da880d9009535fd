// Prototypes of advapi32 exports that other builtin DLLs call (the registry
// functions shlwapi, shell32, ole32 and userenv are built on), with the
// predefined keys. Builtins call each other only through exported entry
// points.
#pragma once

#include <string>

#include "vine/registry.h"
#include "vine/security.h"
#include "vine/wintypes.h"

using HKEY = HANDLE;
using LSTATUS = LONG;
using REGSAM = ACCESS_MASK;

// (HKEY)(ULONG_PTR)(LONG)0x8000000N, sign-extended as winreg.h makes them.
inline HKEY predefined_key(uint32_t value) {
    return reinterpret_cast<HKEY>(static_cast<intptr_t>(static_cast<int32_t>(value)));
}
#define HKEY_CLASSES_ROOT predefined_key(0x80000000)
#define HKEY_CURRENT_USER predefined_key(0x80000001)
#define HKEY_LOCAL_MACHINE predefined_key(0x80000002)
#define HKEY_USERS predefined_key(0x80000003)

// RegGetValue's flags (shlwapi's SRRF_* have the same values).
constexpr DWORD RRF_RT_REG_NONE = 0x1, RRF_RT_REG_SZ = 0x2, RRF_RT_REG_EXPAND_SZ = 0x4, RRF_RT_REG_BINARY = 0x8,
                RRF_RT_REG_DWORD = 0x10, RRF_RT_REG_MULTI_SZ = 0x20, RRF_RT_REG_QWORD = 0x40,
                RRF_RT_DWORD = 0x18, RRF_RT_QWORD = 0x48, RRF_RT_ANY = 0xffff, RRF_NOEXPAND = 0x10000000,
                RRF_ZEROONFAILURE = 0x20000000;

extern "C" {
WINAPI LSTATUS RegOpenKeyExW(HKEY key, LPCWSTR subkey, DWORD options, REGSAM access, HKEY* result);
WINAPI LSTATUS RegCreateKeyExW(HKEY key, LPCWSTR subkey, DWORD reserved, LPWSTR class_name, DWORD options,
                               REGSAM access, SECURITY_ATTRIBUTES* security, HKEY* result, DWORD* disposition);
WINAPI LSTATUS RegCloseKey(HKEY key);
WINAPI LSTATUS RegQueryValueExW(HKEY key, LPCWSTR name, DWORD* reserved, DWORD* type, BYTE* data, DWORD* size);
WINAPI LSTATUS RegSetValueExW(HKEY key, LPCWSTR name, DWORD reserved, DWORD type, const BYTE* data, DWORD size);
WINAPI LSTATUS RegGetValueW(HKEY key, LPCWSTR subkey, LPCWSTR name, DWORD flags, DWORD* type, void* data,
                            DWORD* size);
WINAPI LSTATUS RegDeleteTreeW(HKEY key, LPCWSTR subkey);
WINAPI LSTATUS RegCopyTreeW(HKEY source, LPCWSTR subkey, HKEY target);
WINAPI LSTATUS RegDeleteValueW(HKEY key, LPCWSTR name);
WINAPI LSTATUS RegEnumKeyExW(HKEY key, DWORD index, LPWSTR name, DWORD* name_size, DWORD* reserved,
                             LPWSTR class_name, DWORD* class_size, FILETIME* last_write);
WINAPI LSTATUS RegEnumValueW(HKEY key, DWORD index, LPWSTR name, DWORD* name_size, DWORD* reserved, DWORD* type,
                             BYTE* data, DWORD* data_size);
WINAPI LSTATUS RegQueryInfoKeyW(HKEY key, LPWSTR class_name, DWORD* class_size, DWORD* reserved, DWORD* subkeys,
                                DWORD* max_subkey, DWORD* max_class, DWORD* values, DWORD* max_value_name,
                                DWORD* max_value_data, DWORD* security, FILETIME* last_write);
WINAPI BOOLEAN SystemFunction036(void* buffer, ULONG length);
WINAPI BOOL GetUserNameW(LPWSTR buffer, DWORD* size);
WINAPI BOOL GetTokenInformation(HANDLE token, TOKEN_INFORMATION_CLASS info_class, void* info, DWORD length,
                                DWORD* returned);
WINAPI BOOL ConvertSidToStringSidW(PSID sid, LPWSTR* text);
}

namespace vine {

// A REG_SZ or REG_EXPAND_SZ value as stored (not expanded); empty when it is
// missing, of another type or longer than 1023 characters.
inline std::u16string registry_string(HKEY root, LPCWSTR key, LPCWSTR name) {
    WCHAR buffer[1024];
    DWORD size = sizeof(buffer);
    if (RegGetValueW(root, key, name, RRF_RT_REG_SZ | RRF_RT_REG_EXPAND_SZ | RRF_NOEXPAND, nullptr, buffer, &size))
        return {};
    return buffer;
}

}  // namespace vine
