// shlwapi's registry helpers over advapi32: one call that opens a subkey,
// reads or writes a value and closes it again. Reading expands REG_EXPAND_SZ
// and reports REG_SZ, as SHQueryValueEx does. The A forms convert names and
// string data through the ANSI code page.
#include <cstring>
#include <string>
#include <vector>

#include "vine/advapi32_exports.h"
#include "vine/kernel32_file_exports.h"
#include "vine/winerror.h"

extern "C" {
WINAPI LSTATUS RegOpenKeyExA(HKEY key, LPCSTR subkey, DWORD options, REGSAM access, HKEY* result);
WINAPI LSTATUS RegCreateKeyExA(HKEY key, LPCSTR subkey, DWORD reserved, LPSTR class_name, DWORD options,
                               REGSAM access, SECURITY_ATTRIBUTES* security, HKEY* result, DWORD* disposition);
WINAPI LSTATUS RegSetValueExA(HKEY key, LPCSTR name, DWORD reserved, DWORD type, const BYTE* data, DWORD size);
WINAPI LSTATUS RegDeleteValueA(HKEY key, LPCSTR name);
}

namespace {

constexpr DWORD SRRF_NOVIRT = 0x40000000;  // no registry virtualization: Vine has none

std::u16string wide(LPCSTR text) {
    if (!text) return {};
    int n = MultiByteToWideChar(CP_ACP, 0, text, -1, nullptr, 0);
    std::u16string out(n > 0 ? n - 1 : 0, u'\0');
    if (n > 1) MultiByteToWideChar(CP_ACP, 0, text, -1, out.data(), n);
    return out;
}

bool is_string_type(DWORD type) { return type == REG_SZ || type == REG_EXPAND_SZ || type == REG_MULTI_SZ; }

// Copies `bytes` to the caller's buffer under RegQueryValueEx's size rules.
LSTATUS give(const std::string& bytes, void* data, DWORD* size) {
    if (!size) return ERROR_SUCCESS;
    DWORD have = *size;
    *size = static_cast<DWORD>(bytes.size());
    if (!data) return ERROR_SUCCESS;
    if (have < bytes.size()) return ERROR_MORE_DATA;
    std::memcpy(data, bytes.data(), bytes.size());
    return ERROR_SUCCESS;
}

// The whole value through RegGetValueW (which opens the subkey and expands).
LSTATUS read_wide(HKEY key, LPCWSTR subkey, LPCWSTR value, DWORD flags, DWORD& type, std::string& bytes) {
    DWORD size = 0;
    LSTATUS error = RegGetValueW(key, subkey, value, flags, &type, nullptr, &size);
    while (error == ERROR_SUCCESS || error == ERROR_MORE_DATA) {
        bytes.assign(size, '\0');
        DWORD got = size;
        error = RegGetValueW(key, subkey, value, flags, &type, bytes.data(), &got);
        if (error == ERROR_SUCCESS) {
            bytes.resize(got);
            break;
        }
        size = got > size ? got : size + 64;
    }
    return error;
}

// UTF-16 string data (with its terminators) in the ANSI code page.
std::string narrow_data(const std::string& bytes) {
    const int chars = static_cast<int>(bytes.size() / 2);
    if (!chars) return {};
    const auto* text = reinterpret_cast<LPCWSTR>(bytes.data());
    int n = WideCharToMultiByte(CP_ACP, 0, text, chars, nullptr, 0, nullptr, nullptr);
    std::string out(n, '\0');
    WideCharToMultiByte(CP_ACP, 0, text, chars, out.data(), n, nullptr, nullptr);
    return out;
}

LSTATUS get_value_a(HKEY key, LPCSTR subkey, LPCSTR value, DWORD flags, DWORD* type, void* data, DWORD* size) {
    const std::u16string wide_subkey = wide(subkey), wide_value = wide(value);
    DWORD value_type = REG_NONE;
    std::string bytes;
    LSTATUS error = read_wide(key, subkey ? wide_subkey.c_str() : nullptr, value ? wide_value.c_str() : nullptr,
                              flags, value_type, bytes);
    if (error) {
        if ((flags & RRF_ZEROONFAILURE) && data && size) std::memset(data, 0, *size);
        return error;
    }
    if (type) *type = value_type;
    if (is_string_type(value_type)) bytes = narrow_data(bytes);
    error = give(bytes, data, size);
    if (error && (flags & RRF_ZEROONFAILURE) && data && size) std::memset(data, 0, *size);
    return error;
}

}  // namespace

VINE_EXPORT LSTATUS SHRegGetValueW(HKEY key, LPCWSTR subkey, LPCWSTR value, DWORD flags, DWORD* type, void* data,
                                   DWORD* size) {
    return RegGetValueW(key, subkey, value, flags & ~SRRF_NOVIRT, type, data, size);
}

VINE_EXPORT LSTATUS SHRegGetValueA(HKEY key, LPCSTR subkey, LPCSTR value, DWORD flags, DWORD* type, void* data,
                                   DWORD* size) {
    return get_value_a(key, subkey, value, flags & ~SRRF_NOVIRT, type, data, size);
}

// Any type; REG_EXPAND_SZ comes back expanded, as REG_SZ.
VINE_EXPORT DWORD SHGetValueW(HKEY key, LPCWSTR subkey, LPCWSTR value, DWORD* type, void* data, DWORD* size) {
    return RegGetValueW(key, subkey, value, RRF_RT_ANY, type, data, size);
}

VINE_EXPORT DWORD SHGetValueA(HKEY key, LPCSTR subkey, LPCSTR value, DWORD* type, void* data, DWORD* size) {
    return get_value_a(key, subkey, value, RRF_RT_ANY, type, data, size);
}

VINE_EXPORT DWORD SHQueryValueExW(HKEY key, LPCWSTR value, DWORD* reserved, DWORD* type, void* data, DWORD* size) {
    if (reserved) return ERROR_INVALID_PARAMETER;
    return RegGetValueW(key, nullptr, value, RRF_RT_ANY, type, data, size);
}

VINE_EXPORT DWORD SHQueryValueExA(HKEY key, LPCSTR value, DWORD* reserved, DWORD* type, void* data, DWORD* size) {
    if (reserved) return ERROR_INVALID_PARAMETER;
    return get_value_a(key, nullptr, value, RRF_RT_ANY, type, data, size);
}

// The subkey is made when it is missing.
VINE_EXPORT DWORD SHSetValueW(HKEY key, LPCWSTR subkey, LPCWSTR value, DWORD type, const void* data, DWORD size) {
    HKEY target = key;
    if (subkey && *subkey) {
        if (LSTATUS error = RegCreateKeyExW(key, subkey, 0, nullptr, 0, KEY_SET_VALUE, nullptr, &target, nullptr))
            return error;
    }
    LSTATUS error = RegSetValueExW(target, value, 0, type, static_cast<const BYTE*>(data), size);
    if (target != key) RegCloseKey(target);
    return error;
}

VINE_EXPORT DWORD SHSetValueA(HKEY key, LPCSTR subkey, LPCSTR value, DWORD type, const void* data, DWORD size) {
    HKEY target = key;
    if (subkey && *subkey) {
        if (LSTATUS error = RegCreateKeyExA(key, subkey, 0, nullptr, 0, KEY_SET_VALUE, nullptr, &target, nullptr))
            return error;
    }
    LSTATUS error = RegSetValueExA(target, value, 0, type, static_cast<const BYTE*>(data), size);
    if (target != key) RegCloseKey(target);
    return error;
}

// The key, its values and every subkey below it.
VINE_EXPORT DWORD SHDeleteKeyW(HKEY key, LPCWSTR subkey) {
    if (!subkey) return ERROR_INVALID_PARAMETER;
    return RegDeleteTreeW(key, subkey);
}

VINE_EXPORT DWORD SHDeleteKeyA(HKEY key, LPCSTR subkey) {
    if (!subkey) return ERROR_INVALID_PARAMETER;
    return RegDeleteTreeW(key, wide(subkey).c_str());
}

// RegCopyTree without the security descriptors (Vine's keys have none yet).
VINE_EXPORT DWORD SHCopyKeyW(HKEY source, LPCWSTR subkey, HKEY target, DWORD /*reserved*/) {
    return RegCopyTreeW(source, subkey, target);
}

VINE_EXPORT DWORD SHCopyKeyA(HKEY source, LPCSTR subkey, HKEY target, DWORD reserved) {
    return SHCopyKeyW(source, subkey ? wide(subkey).c_str() : nullptr, target, reserved);
}

VINE_EXPORT DWORD SHDeleteValueW(HKEY key, LPCWSTR subkey, LPCWSTR value) {
    HKEY target = key;
    if (subkey && *subkey) {
        if (LSTATUS error = RegOpenKeyExW(key, subkey, 0, KEY_SET_VALUE, &target)) return error;
    }
    LSTATUS error = RegDeleteValueW(target, value);
    if (target != key) RegCloseKey(target);
    return error;
}

VINE_EXPORT DWORD SHDeleteValueA(HKEY key, LPCSTR subkey, LPCSTR value) {
    HKEY target = key;
    if (subkey && *subkey) {
        if (LSTATUS error = RegOpenKeyExA(key, subkey, 0, KEY_SET_VALUE, &target)) return error;
    }
    LSTATUS error = RegDeleteValueA(target, value);
    if (target != key) RegCloseKey(target);
    return error;
}

// A path value (expanded) into a MAX_PATH buffer.
VINE_EXPORT DWORD SHRegGetPathW(HKEY key, LPCWSTR subkey, LPCWSTR value, LPWSTR path, DWORD /*flags*/) {
    if (!path) return ERROR_INVALID_PARAMETER;
    DWORD size = 260 * sizeof(WCHAR);
    DWORD error = RegGetValueW(key, subkey, value, RRF_RT_REG_SZ | RRF_RT_REG_EXPAND_SZ | RRF_NOEXPAND, nullptr,
                               nullptr, nullptr);
    if (error) return error;
    // Expanded through RRF_RT_ANY, which is what allows REG_EXPAND_SZ to expand.
    return RegGetValueW(key, subkey, value, RRF_RT_ANY, nullptr, path, &size);
}

VINE_EXPORT DWORD SHRegGetPathA(HKEY key, LPCSTR subkey, LPCSTR value, LPSTR path, DWORD /*flags*/) {
    if (!path) return ERROR_INVALID_PARAMETER;
    DWORD size = 260;
    DWORD type = REG_NONE;
    DWORD error = get_value_a(key, subkey, value, RRF_RT_ANY, &type, nullptr, nullptr);
    if (error) return error;
    if (type != REG_SZ) return ERROR_UNSUPPORTED_TYPE;  // REG_EXPAND_SZ reads back as REG_SZ
    return get_value_a(key, subkey, value, RRF_RT_ANY, nullptr, path, &size);
}
