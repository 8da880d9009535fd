// The Win32 registry API over ntdll's Nt*Key calls: predefined keys opened
// once per process, names and flags converted, NTSTATUS turned into the
// Win32 error each function returns (Reg* return it; they do not set the
// last error).
#include <sys/random.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "vine/kernel32_exports.h"
#include "vine/ntdll_exports.h"
#include "vine/ntstatus.h"
#include "vine/paths.h"
#include "vine/registry.h"
#include "vine/security.h"

using HKEY = HANDLE;
using LSTATUS = LONG;
using REGSAM = ACCESS_MASK;

namespace {

constexpr LSTATUS ERROR_SUCCESS = 0, ERROR_FILE_NOT_FOUND = 2, ERROR_INVALID_HANDLE = 6, ERROR_INVALID_PARAMETER = 87,
                  ERROR_MORE_DATA = 234, ERROR_NO_MORE_ITEMS = 259, ERROR_UNSUPPORTED_TYPE = 1630,
                  ERROR_BAD_PATHNAME = 161, ERROR_NOACCESS = 998, ERROR_FILE_EXISTS = 80, ERROR_ALREADY_EXISTS = 183;

// RegGetValue's flags.
constexpr DWORD RRF_RT_REG_NONE = 0x1, RRF_RT_REG_SZ = 0x2, RRF_RT_REG_EXPAND_SZ = 0x4, RRF_RT_REG_BINARY = 0x8,
                RRF_RT_REG_DWORD = 0x10, RRF_RT_REG_MULTI_SZ = 0x20, RRF_RT_REG_QWORD = 0x40, RRF_RT_ANY = 0xffff,
                RRF_NOEXPAND = 0x10000000, RRF_ZEROONFAILURE = 0x20000000;

constexpr uintptr_t kFirstPredefined = 0xffffffff80000000;  // (HKEY)(LONG)0x80000000, sign-extended
constexpr int kPredefinedCount = 7, kClassesRoot = 0;
// Where each predefined key is: HKCR, HKCU, HKLM, HKU, (performance data),
// HKCC, (dynamic data). HKCR is the merged view of the user's classes over
// these machine's ones (resolve).
constexpr const char16_t* kPredefinedPaths[kPredefinedCount] = {
    u"\\Registry\\Machine\\Software\\Classes",
    u"\\Registry\\User\\S-1-5-21-0-0-0-1000",
    u"\\Registry\\Machine",
    u"\\Registry\\User",
    nullptr,
    u"\\Registry\\Machine\\System\\CurrentControlSet\\Hardware Profiles\\Current",
    nullptr,
};
std::atomic<HANDLE> g_predefined[kPredefinedCount];

LSTATUS error_of(NTSTATUS status) { return status == STATUS_SUCCESS ? ERROR_SUCCESS : static_cast<LSTATUS>(RtlNtStatusToDosError(status)); }

UNICODE_STRING counted(const std::u16string& text) {
    UNICODE_STRING string;
    string.Length = static_cast<USHORT>(text.size() * 2);
    string.MaximumLength = string.Length;
    string.Buffer = const_cast<WCHAR*>(text.data());
    return string;
}

std::u16string text(LPCWSTR string) {
    if (!string) return {};
    std::u16string out;
    while (*string) out += *string++;
    return out;
}

std::u16string wide(const char* string) {
    if (!string) return {};
    int length = MultiByteToWideChar(CP_ACP, 0, string, -1, nullptr, 0);
    std::u16string out(length > 0 ? length - 1 : 0, u'\0');
    if (length > 1) MultiByteToWideChar(CP_ACP, 0, string, -1, out.data(), length);
    return out;
}

// The real handle for `key`: a predefined one is opened the first time it
// is used (HKCR and HKCC are made if missing).
LSTATUS resolve(HKEY key, HANDLE& handle) {
    uintptr_t value = reinterpret_cast<uintptr_t>(key);
    if (value < kFirstPredefined || value >= kFirstPredefined + kPredefinedCount) {
        if (!key) return ERROR_INVALID_HANDLE;
        handle = key;
        return ERROR_SUCCESS;
    }
    int index = static_cast<int>(value - kFirstPredefined);
    // HKEY_PERFORMANCE_DATA and HKEY_DYN_DATA have no keys to open here.
    if (!kPredefinedPaths[index]) return ERROR_INVALID_HANDLE;
    if (HANDLE open = g_predefined[index].load(std::memory_order_acquire)) {
        handle = open;
        return ERROR_SUCCESS;
    }
    std::u16string path = kPredefinedPaths[index];
    HANDLE opened = nullptr;
    NTSTATUS status;
    if (index == kClassesRoot) {
        // The merged view of the user's classes over the machine's (the server's).
        std::u16string user_classes = std::u16string(kPredefinedPaths[1]) + u"\\Software\\Classes";
        UNICODE_STRING name = counted(user_classes);
        status = __vine_open_classes_root(&opened, MAXIMUM_ALLOWED, &name);
    } else {
        auto create = [](HANDLE* key, const std::u16string& key_path) {
            UNICODE_STRING name = counted(key_path);
            OBJECT_ATTRIBUTES attributes{sizeof(attributes), nullptr, &name, OBJ_CASE_INSENSITIVE, nullptr, nullptr};
            return NtCreateKey(key, MAXIMUM_ALLOWED, &attributes, 0, nullptr, 0, nullptr);
        };
        status = create(&opened, path);
        if (status == STATUS_OBJECT_NAME_NOT_FOUND) {
            // NtCreateKey makes only the last component: a parent is missing
            // (HKCC's "Hardware Profiles" in a prefix without it), so the
            // parents are made first, then the key.
            for (size_t end = path.find(u'\\', 1); end != std::u16string::npos; end = path.find(u'\\', end + 1)) {
                HANDLE parent = nullptr;
                if (create(&parent, path.substr(0, end)) == STATUS_SUCCESS) NtClose(parent);
            }
            status = create(&opened, path);
        }
    }
    if (status != STATUS_SUCCESS) return error_of(status);
    HANDLE expected = nullptr;
    if (!g_predefined[index].compare_exchange_strong(expected, opened)) {
        NtClose(opened);  // another thread was first
        opened = expected;
    }
    handle = opened;
    return ERROR_SUCCESS;
}

bool is_predefined(HKEY key) {
    uintptr_t value = reinterpret_cast<uintptr_t>(key);
    return value >= kFirstPredefined && value < kFirstPredefined + kPredefinedCount;
}

// Opens or creates `sub` below `root` (a real handle); creating makes every
// missing key on the way, as RegCreateKeyEx does.
LSTATUS open_path(HANDLE root, const std::u16string& sub, REGSAM access, bool create, DWORD options, HKEY* result,
                  DWORD* disposition) {
    if (!result) return ERROR_INVALID_PARAMETER;
    access &= ~(KEY_WOW64_32KEY | KEY_WOW64_64KEY);  // one registry view: both name it
    if (!sub.empty() && sub[0] == u'\\') return create ? ERROR_BAD_PATHNAME : ERROR_FILE_NOT_FOUND;
    std::vector<std::u16string> parts;
    for (size_t start = 0; start <= sub.size();) {
        size_t end = sub.find(u'\\', start);
        if (end == std::u16string::npos) end = sub.size();
        if (end > start) parts.push_back(sub.substr(start, end - start));
        start = end + 1;
    }
    if (!create || parts.size() <= 1) {
        std::u16string path = sub;
        while (!path.empty() && path.back() == u'\\') path.pop_back();
        UNICODE_STRING name = counted(path);
        ULONG flags = OBJ_CASE_INSENSITIVE | ((options & REG_OPTION_OPEN_LINK) ? OBJ_OPENLINK : 0);
        OBJECT_ATTRIBUTES attributes{sizeof(attributes), root, &name, flags, nullptr, nullptr};
        ULONG made = 0;
        NTSTATUS status = create ? NtCreateKey(result, access, &attributes, 0, nullptr, options, &made)
                                 : NtOpenKeyEx(result, access, &attributes, 0);
        if (disposition && status == STATUS_SUCCESS) *disposition = made ? made : REG_OPENED_EXISTING_KEY;
        return error_of(status);
    }
    HANDLE at = root;
    ULONG made = REG_OPENED_EXISTING_KEY;
    for (size_t i = 0; i < parts.size(); ++i) {
        UNICODE_STRING name = counted(parts[i]);
        OBJECT_ATTRIBUTES attributes{sizeof(attributes), at, &name, OBJ_CASE_INSENSITIVE, nullptr, nullptr};
        HANDLE next = nullptr;
        bool last = i + 1 == parts.size();
        // Only the last key may be a new link; the ones on the way follow links.
        NTSTATUS status = NtCreateKey(&next, last ? access : KEY_CREATE_SUB_KEY, &attributes, 0, nullptr,
                                      last ? options : options & REG_OPTION_VOLATILE, &made);
        if (at != root) NtClose(at);
        if (status != STATUS_SUCCESS) return error_of(status);
        at = next;
    }
    *result = at;
    if (disposition) *disposition = made;
    return ERROR_SUCCESS;
}

// RegQueryValueEx's copy-out: the size always, the data when it fits.
LSTATUS query_value(HKEY key, const std::u16string& value_name, DWORD* type, BYTE* data, DWORD* size,
                    std::string* whole = nullptr) {
    HANDLE handle;
    if (LSTATUS error = resolve(key, handle)) return error;
    if (data && !size) return ERROR_INVALID_PARAMETER;
    UNICODE_STRING name = counted(value_name);
    std::vector<char> buffer(offsetof(KEY_VALUE_PARTIAL_INFORMATION, Data) + (size ? *size : 0) + 256);
    ULONG needed = 0;
    NTSTATUS status;
    for (;;) {
        status = NtQueryValueKey(handle, &name, KeyValuePartialInformation, buffer.data(),
                                 static_cast<ULONG>(buffer.size()), &needed);
        if (status != STATUS_BUFFER_OVERFLOW && status != STATUS_BUFFER_TOO_SMALL) break;
        buffer.resize(needed);
    }
    if (status != STATUS_SUCCESS) return error_of(status);
    auto* info = reinterpret_cast<KEY_VALUE_PARTIAL_INFORMATION*>(buffer.data());
    if (type) *type = info->Type;
    if (whole) whole->assign(reinterpret_cast<const char*>(info->Data), info->DataLength);
    if (!size) return ERROR_SUCCESS;
    DWORD have = *size;
    *size = info->DataLength;
    if (!data) return ERROR_SUCCESS;
    if (have < info->DataLength) return ERROR_MORE_DATA;
    memcpy(data, info->Data, info->DataLength);
    return ERROR_SUCCESS;
}

DWORD type_flag(DWORD type) {
    switch (type) {
    case REG_NONE: return RRF_RT_REG_NONE;
    case REG_SZ: return RRF_RT_REG_SZ;
    case REG_EXPAND_SZ: return RRF_RT_REG_EXPAND_SZ;
    case REG_BINARY: return RRF_RT_REG_BINARY;
    case REG_DWORD: return RRF_RT_REG_DWORD;
    case REG_MULTI_SZ: return RRF_RT_REG_MULTI_SZ;
    case REG_QWORD: return RRF_RT_REG_QWORD;
    default: return 0;
    }
}

bool is_string_type(DWORD type) { return type == REG_SZ || type == REG_EXPAND_SZ || type == REG_MULTI_SZ; }

// UTF-16 string data turned into the ANSI code page, in place.
void to_ansi(std::string& whole) {
    int units = static_cast<int>(whole.size() / 2);
    std::u16string source(units, u'\0');
    memcpy(source.data(), whole.data(), units * 2);
    int length = WideCharToMultiByte(CP_ACP, 0, source.data(), units, nullptr, 0, nullptr, nullptr);
    whole.assign(length, '\0');
    WideCharToMultiByte(CP_ACP, 0, source.data(), units, whole.data(), length, nullptr, nullptr);
}

}  // namespace

// REG_OPTION_OPEN_LINK opens a link key itself rather than its target.
VINE_EXPORT LSTATUS RegOpenKeyExW(HKEY key, LPCWSTR sub_key, DWORD options, REGSAM access, HKEY* result) {
    HANDLE root;
    if (LSTATUS error = resolve(key, root)) return error;
    return open_path(root, text(sub_key), access, false, options & REG_OPTION_OPEN_LINK, result, nullptr);
}

VINE_EXPORT LSTATUS RegOpenKeyExA(HKEY key, const char* sub_key, DWORD options, REGSAM access, HKEY* result) {
    HANDLE root;
    if (LSTATUS error = resolve(key, root)) return error;
    return open_path(root, wide(sub_key), access, false, options & REG_OPTION_OPEN_LINK, result, nullptr);
}

VINE_EXPORT LSTATUS RegOpenKeyW(HKEY key, LPCWSTR sub_key, HKEY* result) {
    // An empty name gives back the key itself (predefined ones unchanged).
    if (result && (!sub_key || !*sub_key) && is_predefined(key)) {
        *result = key;
        return ERROR_SUCCESS;
    }
    return RegOpenKeyExW(key, sub_key, 0, MAXIMUM_ALLOWED, result);
}

VINE_EXPORT LSTATUS RegOpenKeyA(HKEY key, const char* sub_key, HKEY* result) {
    return RegOpenKeyW(key, sub_key ? wide(sub_key).c_str() : nullptr, result);
}

VINE_EXPORT LSTATUS RegCreateKeyExW(HKEY key, LPCWSTR sub_key, DWORD /*reserved*/, LPWSTR /*class_name*/,
                                    DWORD options, REGSAM access, const SECURITY_ATTRIBUTES* /*security*/, HKEY* result,
                                    DWORD* disposition) {
    HANDLE root;
    if (LSTATUS error = resolve(key, root)) return error;
    if (!sub_key) return ERROR_INVALID_PARAMETER;
    return open_path(root, text(sub_key), access, true,
                     options & (REG_OPTION_VOLATILE | REG_OPTION_CREATE_LINK | REG_OPTION_OPEN_LINK), result,
                     disposition);
}

VINE_EXPORT LSTATUS RegCreateKeyExA(HKEY key, const char* sub_key, DWORD reserved, char* /*class_name*/,
                                    DWORD options, REGSAM access, const SECURITY_ATTRIBUTES* security, HKEY* result,
                                    DWORD* disposition) {
    if (!sub_key) return ERROR_INVALID_PARAMETER;
    return RegCreateKeyExW(key, wide(sub_key).c_str(), reserved, nullptr, options, access, security, result,
                           disposition);
}

VINE_EXPORT LSTATUS RegCreateKeyW(HKEY key, LPCWSTR sub_key, HKEY* result) {
    if (result && (!sub_key || !*sub_key) && is_predefined(key)) {
        *result = key;
        return ERROR_SUCCESS;
    }
    return RegCreateKeyExW(key, sub_key ? sub_key : u"", 0, nullptr, 0, MAXIMUM_ALLOWED, nullptr, result,
                           nullptr);
}

VINE_EXPORT LSTATUS RegCreateKeyA(HKEY key, const char* sub_key, HKEY* result) {
    return RegCreateKeyW(key, sub_key ? wide(sub_key).c_str() : nullptr, result);
}

VINE_EXPORT LSTATUS RegCloseKey(HKEY key) {
    if (is_predefined(key)) return ERROR_SUCCESS;
    return NtClose(key) == STATUS_SUCCESS ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
}

VINE_EXPORT LSTATUS RegFlushKey(HKEY key) {
    HANDLE handle;
    if (LSTATUS error = resolve(key, handle)) return error;
    return error_of(NtFlushKey(handle));
}

VINE_EXPORT LSTATUS RegSetValueExW(HKEY key, LPCWSTR value_name, DWORD /*reserved*/, DWORD type, const BYTE* data,
                                   DWORD size) {
    HANDLE handle;
    if (LSTATUS error = resolve(key, handle)) return error;
    if (!data && size) return ERROR_NOACCESS;
    std::u16string name_text = text(value_name);
    UNICODE_STRING name = counted(name_text);
    return error_of(NtSetValueKey(handle, &name, 0, type, data, size));
}

VINE_EXPORT LSTATUS RegSetValueExA(HKEY key, const char* value_name, DWORD reserved, DWORD type, const BYTE* data,
                                   DWORD size) {
    if (!data && size) return ERROR_NOACCESS;
    if (data && is_string_type(type)) {
        // The ANSI text becomes UTF-16, its terminators included.
        int length = MultiByteToWideChar(CP_ACP, 0, reinterpret_cast<const char*>(data), static_cast<int>(size), nullptr, 0);
        std::u16string converted(length, u'\0');
        MultiByteToWideChar(CP_ACP, 0, reinterpret_cast<const char*>(data), static_cast<int>(size), converted.data(), length);
        return RegSetValueExW(key, wide(value_name).c_str(), reserved, type,
                              reinterpret_cast<const BYTE*>(converted.data()), static_cast<DWORD>(converted.size() * 2));
    }
    return RegSetValueExW(key, wide(value_name).c_str(), reserved, type, data, size);
}

VINE_EXPORT LSTATUS RegSetKeyValueW(HKEY key, LPCWSTR sub_key, LPCWSTR value_name, DWORD type, const void* data,
                                    DWORD size) {
    if (!sub_key || !*sub_key) return RegSetValueExW(key, value_name, 0, type, static_cast<const BYTE*>(data), size);
    HKEY sub;
    if (LSTATUS error = RegCreateKeyExW(key, sub_key, 0, nullptr, 0, KEY_SET_VALUE, nullptr, &sub, nullptr)) return error;
    LSTATUS error = RegSetValueExW(sub, value_name, 0, type, static_cast<const BYTE*>(data), size);
    RegCloseKey(sub);
    return error;
}

VINE_EXPORT LSTATUS RegQueryValueExW(HKEY key, LPCWSTR value_name, DWORD* reserved, DWORD* type, BYTE* data,
                                     DWORD* size) {
    if (reserved) return ERROR_INVALID_PARAMETER;
    return query_value(key, text(value_name), type, data, size);
}

VINE_EXPORT LSTATUS RegQueryValueExA(HKEY key, const char* value_name, DWORD* reserved, DWORD* type, BYTE* data,
                                     DWORD* size) {
    if (reserved || (data && !size)) return ERROR_INVALID_PARAMETER;
    DWORD value_type = 0;
    std::string whole;
    LSTATUS error = query_value(key, wide(value_name), &value_type, nullptr, nullptr, &whole);
    if (error) return error;
    if (type) *type = value_type;
    if (is_string_type(value_type)) to_ansi(whole);  // strings come back in the ANSI code page, sized as such
    if (!size) return ERROR_SUCCESS;
    DWORD have = *size;
    *size = static_cast<DWORD>(whole.size());
    if (!data) return ERROR_SUCCESS;
    if (have < whole.size()) return ERROR_MORE_DATA;
    memcpy(data, whole.data(), whole.size());
    return ERROR_SUCCESS;
}

VINE_EXPORT LSTATUS RegGetValueW(HKEY key, LPCWSTR sub_key, LPCWSTR value_name, DWORD flags, DWORD* type, void* data,
                                 DWORD* size) {
    if ((data && !size) || !(flags & RRF_RT_ANY) ||
        ((flags & RRF_RT_REG_EXPAND_SZ) && !(flags & RRF_NOEXPAND) && (flags & RRF_RT_ANY) != RRF_RT_ANY))
        return ERROR_INVALID_PARAMETER;
    HKEY from = key;
    if (sub_key && *sub_key) {
        if (LSTATUS error = RegOpenKeyExW(key, sub_key, 0, KEY_QUERY_VALUE, &from)) return error;
    }
    DWORD value_type = 0;
    std::string whole;
    LSTATUS error = query_value(from, text(value_name), &value_type, nullptr, nullptr, &whole);
    if (from != key) RegCloseKey(from);
    auto zero = [&] {
        if ((flags & RRF_ZEROONFAILURE) && data && size) memset(data, 0, *size);
    };
    if (error) {
        zero();
        return error;
    }
    if (value_type == REG_EXPAND_SZ && !(flags & RRF_NOEXPAND)) {
        std::u16string source(whole.size() / 2, u'\0');
        memcpy(source.data(), whole.data(), source.size() * 2);
        source.push_back(0);
        DWORD length = ExpandEnvironmentStringsW(source.c_str(), nullptr, 0);
        std::u16string expanded(length, u'\0');
        ExpandEnvironmentStringsW(source.c_str(), expanded.data(), length);
        whole.assign(reinterpret_cast<const char*>(expanded.data()), expanded.size() * 2);
        value_type = REG_SZ;
    }
    // RRF_RT_DWORD and RRF_RT_QWORD also accept binary values of that size.
    bool allowed = (flags & type_flag(value_type)) ||
                   (value_type == REG_BINARY && (flags & RRF_RT_REG_DWORD) && whole.size() == 4) ||
                   (value_type == REG_BINARY && (flags & RRF_RT_REG_QWORD) && whole.size() == 8);
    if (!allowed) {
        zero();
        return ERROR_UNSUPPORTED_TYPE;
    }
    if (type) *type = value_type;
    if (!size) return ERROR_SUCCESS;
    DWORD have = *size;
    *size = static_cast<DWORD>(whole.size());
    if (!data) return ERROR_SUCCESS;
    if (have < whole.size()) {
        zero();
        return ERROR_MORE_DATA;
    }
    memcpy(data, whole.data(), whole.size());
    return ERROR_SUCCESS;
}

VINE_EXPORT LSTATUS RegEnumKeyExW(HKEY key, DWORD index, LPWSTR name, DWORD* name_length, DWORD* reserved,
                                  LPWSTR class_name, DWORD* class_length, FILETIME* last_write) {
    HANDLE handle;
    if (LSTATUS error = resolve(key, handle)) return error;
    if (reserved || !name || !name_length) return ERROR_INVALID_PARAMETER;
    alignas(8) char buffer[offsetof(KEY_BASIC_INFORMATION, Name) + 512 * 2];
    ULONG needed = 0;
    NTSTATUS status = NtEnumerateKey(handle, index, KeyBasicInformation, buffer, sizeof(buffer), &needed);
    if (status != STATUS_SUCCESS) return error_of(status);
    auto* info = reinterpret_cast<KEY_BASIC_INFORMATION*>(buffer);
    DWORD characters = info->NameLength / 2;
    if (*name_length <= characters) return ERROR_MORE_DATA;  // no room for the terminator
    memcpy(name, info->Name, info->NameLength);
    name[characters] = 0;
    *name_length = characters;
    if (class_length) {
        if (class_name && *class_length) class_name[0] = 0;
        *class_length = 0;
    }
    if (last_write) {
        last_write->dwLowDateTime = static_cast<DWORD>(info->LastWriteTime.QuadPart);
        last_write->dwHighDateTime = static_cast<DWORD>(info->LastWriteTime.QuadPart >> 32);
    }
    return ERROR_SUCCESS;
}

VINE_EXPORT LSTATUS RegEnumKeyW(HKEY key, DWORD index, LPWSTR name, DWORD name_length) {
    return RegEnumKeyExW(key, index, name, &name_length, nullptr, nullptr, nullptr, nullptr);
}

VINE_EXPORT LSTATUS RegEnumValueW(HKEY key, DWORD index, LPWSTR name, DWORD* name_length, DWORD* reserved, DWORD* type,
                                  BYTE* data, DWORD* size) {
    HANDLE handle;
    if (LSTATUS error = resolve(key, handle)) return error;
    if (reserved || !name || !name_length || (data && !size)) return ERROR_INVALID_PARAMETER;
    std::vector<char> buffer(4096);
    ULONG needed = 0;
    NTSTATUS status;
    for (;;) {
        status = NtEnumerateValueKey(handle, index, KeyValueFullInformation, buffer.data(),
                                     static_cast<ULONG>(buffer.size()), &needed);
        if (status != STATUS_BUFFER_OVERFLOW && status != STATUS_BUFFER_TOO_SMALL) break;
        buffer.resize(needed);
    }
    if (status != STATUS_SUCCESS) return error_of(status);
    auto* info = reinterpret_cast<KEY_VALUE_FULL_INFORMATION*>(buffer.data());
    DWORD characters = info->NameLength / 2;
    if (*name_length <= characters) return ERROR_MORE_DATA;
    memcpy(name, info->Name, info->NameLength);
    name[characters] = 0;
    *name_length = characters;
    if (type) *type = info->Type;
    if (size) {
        DWORD have = *size;
        *size = info->DataLength;
        if (data) {
            if (have < info->DataLength) return ERROR_MORE_DATA;
            memcpy(data, buffer.data() + info->DataOffset, info->DataLength);
        }
    }
    return ERROR_SUCCESS;
}

VINE_EXPORT LSTATUS RegQueryInfoKeyW(HKEY key, LPWSTR class_name, DWORD* class_length, DWORD* reserved, DWORD* subkeys,
                                     DWORD* max_subkey_length, DWORD* max_class_length, DWORD* values,
                                     DWORD* max_value_name_length, DWORD* max_value_length, DWORD* security_length,
                                     FILETIME* last_write) {
    HANDLE handle;
    if (LSTATUS error = resolve(key, handle)) return error;
    if (reserved) return ERROR_INVALID_PARAMETER;
    KEY_FULL_INFORMATION info{};
    ULONG needed = 0;
    NTSTATUS status = NtQueryKey(handle, KeyFullInformation, &info, sizeof(info), &needed);
    if (status != STATUS_SUCCESS) return error_of(status);
    if (class_length) {
        if (class_name && *class_length) class_name[0] = 0;
        *class_length = 0;
    }
    if (subkeys) *subkeys = info.SubKeys;
    if (max_subkey_length) *max_subkey_length = info.MaxNameLen / 2;  // characters, without the terminator
    if (max_class_length) *max_class_length = 0;
    if (values) *values = info.Values;
    if (max_value_name_length) *max_value_name_length = info.MaxValueNameLen / 2;
    if (max_value_length) *max_value_length = info.MaxValueDataLen;
    if (security_length) *security_length = 0;
    if (last_write) {
        last_write->dwLowDateTime = static_cast<DWORD>(info.LastWriteTime.QuadPart);
        last_write->dwHighDateTime = static_cast<DWORD>(info.LastWriteTime.QuadPart >> 32);
    }
    return ERROR_SUCCESS;
}

VINE_EXPORT LSTATUS RegDeleteValueW(HKEY key, LPCWSTR value_name) {
    HANDLE handle;
    if (LSTATUS error = resolve(key, handle)) return error;
    std::u16string name_text = text(value_name);
    UNICODE_STRING name = counted(name_text);
    return error_of(NtDeleteValueKey(handle, &name));
}

VINE_EXPORT LSTATUS RegDeleteValueA(HKEY key, const char* value_name) {
    return RegDeleteValueW(key, wide(value_name).c_str());
}

// The value of a subkey ("NULL or an empty string: the value is removed
// from the key identified by hKey").
VINE_EXPORT LSTATUS RegDeleteKeyValueW(HKEY key, LPCWSTR sub_key, LPCWSTR value_name) {
    if (!sub_key || !*sub_key) return RegDeleteValueW(key, value_name);
    HKEY opened;
    if (LSTATUS error = RegOpenKeyExW(key, sub_key, 0, KEY_SET_VALUE, &opened)) return error;
    LSTATUS error = RegDeleteValueW(opened, value_name);
    RegCloseKey(opened);
    return error;
}

VINE_EXPORT LSTATUS RegDeleteKeyValueA(HKEY key, const char* sub_key, const char* value_name) {
    return RegDeleteKeyValueW(key, sub_key ? wide(sub_key).c_str() : nullptr,
                              value_name ? wide(value_name).c_str() : nullptr);
}

VINE_EXPORT LSTATUS RegDeleteKeyExW(HKEY key, LPCWSTR sub_key, REGSAM access, DWORD /*reserved*/) {
    if (!sub_key) return ERROR_INVALID_PARAMETER;
    HKEY doomed;
    if (LSTATUS error = RegOpenKeyExW(key, sub_key, 0, DELETE | (access & (KEY_WOW64_32KEY | KEY_WOW64_64KEY)), &doomed))
        return error;
    LSTATUS error = error_of(NtDeleteKey(doomed));
    RegCloseKey(doomed);
    return error;
}

VINE_EXPORT LSTATUS RegDeleteKeyW(HKEY key, LPCWSTR sub_key) { return RegDeleteKeyExW(key, sub_key, 0, 0); }

VINE_EXPORT LSTATUS RegDeleteKeyA(HKEY key, const char* sub_key) {
    if (!sub_key) return ERROR_INVALID_PARAMETER;
    return RegDeleteKeyW(key, wide(sub_key).c_str());
}

VINE_EXPORT LSTATUS RegDeleteTreeW(HKEY key, LPCWSTR sub_key) {
    HANDLE handle;
    if (LSTATUS error = resolve(key, handle)) return error;
    if (!sub_key || !*sub_key) return error_of(__vine_delete_key_tree(handle, TRUE));  // the contents only
    HKEY top;
    // Windows asks for DELETE, enumeration and query rights, and KEY_SET_VALUE
    // to remove the values.
    if (LSTATUS error = RegOpenKeyExW(key, sub_key, 0, KEY_READ | KEY_SET_VALUE | DELETE, &top)) return error;
    LSTATUS error = error_of(__vine_delete_key_tree(top, FALSE));  // one request, however large the tree
    RegCloseKey(top);
    return error;
}

VINE_EXPORT LSTATUS RegCopyTreeW(HKEY source, LPCWSTR sub_key, HKEY target) {
    HANDLE from, to;
    if (LSTATUS error = resolve(target, to)) return error;
    if (LSTATUS error = resolve(source, from)) return error;
    HKEY opened = nullptr;
    if (sub_key && *sub_key) {
        if (LSTATUS error = RegOpenKeyExW(source, sub_key, 0, KEY_READ, &opened)) return error;
        from = opened;
    }
    LSTATUS error = error_of(__vine_copy_key_tree(from, to));
    if (opened) RegCloseKey(opened);
    return error;
}

VINE_EXPORT LSTATUS RegCopyTreeA(HKEY source, const char* sub_key, HKEY target) {
    return RegCopyTreeW(source, sub_key ? wide(sub_key).c_str() : nullptr, target);
}

VINE_EXPORT LSTATUS RegRenameKey(HKEY key, LPCWSTR sub_key, LPCWSTR new_name) {
    HANDLE handle;
    if (LSTATUS error = resolve(key, handle)) return error;
    if (!new_name) return ERROR_INVALID_PARAMETER;
    std::u16string name_text = text(new_name);
    UNICODE_STRING name = counted(name_text);
    if (!sub_key || !*sub_key) return error_of(NtRenameKey(handle, &name));
    HKEY renamed;
    if (LSTATUS error = RegOpenKeyExW(key, sub_key, 0, KEY_WRITE, &renamed)) return error;
    LSTATUS error = error_of(NtRenameKey(renamed, &name));
    RegCloseKey(renamed);
    return error;
}

VINE_EXPORT LSTATUS RegNotifyChangeKeyValue(HKEY key, BOOL subtree, DWORD filter, HANDLE event, BOOL asynchronous) {
    HANDLE handle;
    if (LSTATUS error = resolve(key, handle)) return error;
    if (asynchronous && !event) return ERROR_INVALID_PARAMETER;
    IO_STATUS_BLOCK io{};
    NTSTATUS status = NtNotifyChangeKey(handle, asynchronous ? event : nullptr, nullptr, nullptr, &io, filter,
                                        subtree ? TRUE : FALSE, nullptr, 0, asynchronous ? TRUE : FALSE);
    return status == STATUS_PENDING ? ERROR_SUCCESS : error_of(status);
}

// ---- the ANSI forms that take a name back ----

namespace {

// The W name in the ANSI code page, copied out with RegEnum*'s rules
// (*length in characters, room for the terminator needed).
LSTATUS copy_out_ansi(const WCHAR* wide_name, char* name, DWORD* length) {
    int needed = WideCharToMultiByte(CP_ACP, 0, wide_name, -1, nullptr, 0, nullptr, nullptr);
    if (needed <= 0 || *length < static_cast<DWORD>(needed)) return ERROR_MORE_DATA;
    WideCharToMultiByte(CP_ACP, 0, wide_name, -1, name, needed, nullptr, nullptr);
    *length = static_cast<DWORD>(needed - 1);
    return ERROR_SUCCESS;
}

}  // namespace

VINE_EXPORT LSTATUS RegEnumKeyExA(HKEY key, DWORD index, char* name, DWORD* name_length, DWORD* reserved,
                                  char* class_name, DWORD* class_length, FILETIME* last_write) {
    if (reserved || !name || !name_length) return ERROR_INVALID_PARAMETER;
    WCHAR wide_name[256];
    DWORD wide_length = 256;
    if (LSTATUS error = RegEnumKeyExW(key, index, wide_name, &wide_length, nullptr, nullptr, nullptr, last_write))
        return error;
    if (class_length) {
        if (class_name && *class_length) class_name[0] = 0;
        *class_length = 0;
    }
    return copy_out_ansi(wide_name, name, name_length);
}

VINE_EXPORT LSTATUS RegEnumKeyA(HKEY key, DWORD index, char* name, DWORD name_length) {
    return RegEnumKeyExA(key, index, name, &name_length, nullptr, nullptr, nullptr, nullptr);
}

VINE_EXPORT LSTATUS RegEnumValueA(HKEY key, DWORD index, char* name, DWORD* name_length, DWORD* reserved, DWORD* type,
                                  BYTE* data, DWORD* size) {
    if (reserved || !name || !name_length || (data && !size)) return ERROR_INVALID_PARAMETER;
    std::vector<WCHAR> wide_name(16384);
    DWORD wide_length = 16384, value_type = 0;
    if (LSTATUS error = RegEnumValueW(key, index, wide_name.data(), &wide_length, nullptr, &value_type, nullptr, nullptr))
        return error;
    if (type) *type = value_type;
    if (LSTATUS error = copy_out_ansi(wide_name.data(), name, name_length)) return error;
    if (!size) return ERROR_SUCCESS;
    // The data as RegQueryValueExA gives it (strings in the ANSI code page).
    std::string ansi_name(name, *name_length);
    return RegQueryValueExA(key, ansi_name.c_str(), nullptr, nullptr, data, size);
}

VINE_EXPORT LSTATUS RegQueryInfoKeyA(HKEY key, char* class_name, DWORD* class_length, DWORD* reserved, DWORD* subkeys,
                                     DWORD* max_subkey_length, DWORD* max_class_length, DWORD* values,
                                     DWORD* max_value_name_length, DWORD* max_value_length, DWORD* security_length,
                                     FILETIME* last_write) {
    if (class_length) {
        if (class_name && *class_length) class_name[0] = 0;
        *class_length = 0;
    }
    return RegQueryInfoKeyW(key, nullptr, nullptr, reserved, subkeys, max_subkey_length, max_class_length, values,
                            max_value_name_length, max_value_length, security_length, last_write);
}

VINE_EXPORT LSTATUS RegSetKeyValueA(HKEY key, const char* sub_key, const char* value_name, DWORD type, const void* data,
                                    DWORD size) {
    if (!sub_key || !*sub_key) return RegSetValueExA(key, value_name, 0, type, static_cast<const BYTE*>(data), size);
    HKEY sub;
    if (LSTATUS error = RegCreateKeyExA(key, sub_key, 0, nullptr, 0, KEY_SET_VALUE, nullptr, &sub, nullptr)) return error;
    LSTATUS error = RegSetValueExA(sub, value_name, 0, type, static_cast<const BYTE*>(data), size);
    RegCloseKey(sub);
    return error;
}

// RegGetValueW's answer whole, its strings in the ANSI code page, copied
// out with the same rules.
VINE_EXPORT LSTATUS RegGetValueA(HKEY key, const char* sub_key, const char* value_name, DWORD flags, DWORD* type,
                                 void* data, DWORD* size) {
    if (data && !size) return ERROR_INVALID_PARAMETER;
    std::u16string sub = wide(sub_key), name = wide(value_name);
    DWORD value_type = 0, needed = 0;
    std::string whole;
    LSTATUS error;
    for (;;) {
        DWORD have = static_cast<DWORD>(whole.size());
        error = RegGetValueW(key, sub_key ? sub.c_str() : nullptr, value_name ? name.c_str() : nullptr,
                             flags & ~RRF_ZEROONFAILURE, &value_type, have ? whole.data() : nullptr, &needed);
        if (error == ERROR_SUCCESS && (have || !needed)) {
            whole.resize(needed);
            break;
        }
        if (error != ERROR_SUCCESS && error != ERROR_MORE_DATA) break;
        whole.assign(needed, '\0');
    }
    if ((flags & RRF_ZEROONFAILURE) && error && data && size) memset(data, 0, *size);
    if (error) return error;
    if (is_string_type(value_type)) to_ansi(whole);
    if (type) *type = value_type;
    if (!size) return ERROR_SUCCESS;
    DWORD have = *size;
    *size = static_cast<DWORD>(whole.size());
    if (!data) return ERROR_SUCCESS;
    if (have < whole.size()) {
        if (flags & RRF_ZEROONFAILURE) memset(data, 0, have);
        return ERROR_MORE_DATA;
    }
    memcpy(data, whole.data(), whole.size());
    return ERROR_SUCCESS;
}

VINE_EXPORT LSTATUS RegDeleteTreeA(HKEY key, const char* sub_key) {
    return RegDeleteTreeW(key, sub_key ? wide(sub_key).c_str() : nullptr);
}

VINE_EXPORT LSTATUS RegDeleteKeyExA(HKEY key, const char* sub_key, REGSAM access, DWORD reserved) {
    if (!sub_key) return ERROR_INVALID_PARAMETER;
    return RegDeleteKeyExW(key, wide(sub_key).c_str(), access, reserved);
}

// ---- the predefined keys of the process ----

namespace {

const HANDLE kThisProcess = reinterpret_cast<HANDLE>(-1), kThisThread = reinterpret_cast<HANDLE>(-2);
constexpr ULONG kDuplicateSameAccess = 2;

// \Registry\User\SID of a token's user.
LSTATUS user_key_path(HANDLE token, std::u16string& path) {
    alignas(8) BYTE buffer[256];
    ULONG needed = 0;
    NTSTATUS status = NtQueryInformationToken(token, TokenUser, buffer, sizeof(buffer), &needed);
    if (status != STATUS_SUCCESS) return error_of(status);
    WCHAR text[184];
    UNICODE_STRING sid{0, sizeof(text), text};
    status = RtlConvertSidToUnicodeString(&sid, reinterpret_cast<TOKEN_USER*>(buffer)->User.Sid, FALSE);
    if (status != STATUS_SUCCESS) return error_of(status);
    path = u"\\Registry\\User\\" + std::u16string(text, sid.Length / 2);
    return ERROR_SUCCESS;
}

LSTATUS open_absolute(const std::u16string& path, REGSAM access, HKEY* result) {
    if (!result) return ERROR_INVALID_PARAMETER;
    UNICODE_STRING name = counted(path);
    OBJECT_ATTRIBUTES attributes{sizeof(attributes), nullptr, &name, OBJ_CASE_INSENSITIVE, nullptr, nullptr};
    return error_of(NtOpenKeyEx(result, access & ~(KEY_WOW64_32KEY | KEY_WOW64_64KEY), &attributes, 0));
}

}  // namespace

VINE_EXPORT LSTATUS RegOverridePredefKey(HKEY key, HKEY replacement) {
    if (!is_predefined(key)) return ERROR_INVALID_HANDLE;
    int index = static_cast<int>(reinterpret_cast<uintptr_t>(key) - kFirstPredefined);
    if (!kPredefinedPaths[index]) return ERROR_INVALID_HANDLE;
    HANDLE copy = nullptr;
    if (replacement) {
        // The process keeps its own handle: the caller may close its one.
        HANDLE source;
        if (LSTATUS error = resolve(replacement, source)) return error;
        NTSTATUS status = NtDuplicateObject(kThisProcess, source, kThisProcess, &copy, 0, 0, kDuplicateSameAccess);
        if (status != STATUS_SUCCESS) return error_of(status);
    }
    // Null: the key is opened again where it belongs on its next use.
    if (HANDLE previous = g_predefined[index].exchange(copy, std::memory_order_acq_rel)) NtClose(previous);
    return ERROR_SUCCESS;
}

VINE_EXPORT LSTATUS RegOpenCurrentUser(REGSAM access, HKEY* result) {
    HANDLE token;
    NTSTATUS status = NtOpenThreadToken(kThisThread, TOKEN_QUERY, TRUE, &token);
    if (status == STATUS_NO_TOKEN) status = NtOpenProcessToken(kThisProcess, TOKEN_QUERY, &token);
    if (status != STATUS_SUCCESS) return error_of(status);
    std::u16string path;
    LSTATUS error = user_key_path(token, path);
    NtClose(token);
    return error ? error : open_absolute(path, access, result);
}

VINE_EXPORT LSTATUS RegOpenUserClassesRoot(HANDLE token, DWORD options, REGSAM access, HKEY* result) {
    if (options || !result) return ERROR_INVALID_PARAMETER;
    std::u16string path;
    if (LSTATUS error = user_key_path(token, path)) return error;
    // The user's hive must be loaded ("fails if the user profile ... has not been loaded").
    HKEY hive;
    if (LSTATUS error = open_absolute(path, KEY_QUERY_VALUE, &hive)) return error;
    NtClose(hive);
    std::u16string user_classes = path + u"\\Software\\Classes";
    UNICODE_STRING name = counted(user_classes);
    return error_of(__vine_open_classes_root(result, access & ~(KEY_WOW64_32KEY | KEY_WOW64_64KEY), &name));
}

// The cache of HKEY_CURRENT_USER guards against a thread that impersonates
// another user; Vine's one user has one such key, so the cached handle is
// always the right one and there is nothing to switch off.
VINE_EXPORT LSTATUS RegDisablePredefinedCache() { return ERROR_SUCCESS; }
VINE_EXPORT LSTATUS RegDisablePredefinedCacheEx() { return ERROR_SUCCESS; }

// ---- saving and restoring subtrees ----

VINE_EXPORT LSTATUS RegSaveKeyExW(HKEY key, LPCWSTR file_name, const SECURITY_ATTRIBUTES* security, DWORD flags) {
    HANDLE handle;
    if (LSTATUS error = resolve(key, handle)) return error;
    if (!file_name || !*file_name) return ERROR_INVALID_PARAMETER;
    // REG_STANDARD_FORMAT, REG_LATEST_FORMAT or REG_NO_COMPRESSION, checked before a file is made.
    if (flags != 1 && flags != 2 && flags != 4) return ERROR_INVALID_PARAMETER;
    // The file must be new; it goes again when nothing could be saved.
    HANDLE file = CreateFileW(file_name, GENERIC_WRITE, 0, const_cast<SECURITY_ATTRIBUTES*>(security), CREATE_NEW,
                              FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE) {
        DWORD error = GetLastError();
        return error == ERROR_FILE_EXISTS ? ERROR_ALREADY_EXISTS : static_cast<LSTATUS>(error);
    }
    LSTATUS error = error_of(NtSaveKeyEx(handle, file, flags));
    CloseHandle(file);
    if (error) DeleteFileW(file_name);
    return error;
}

VINE_EXPORT LSTATUS RegSaveKeyW(HKEY key, LPCWSTR file_name, const SECURITY_ATTRIBUTES* security) {
    return RegSaveKeyExW(key, file_name, security, 1);  // REG_STANDARD_FORMAT
}

VINE_EXPORT LSTATUS RegSaveKeyExA(HKEY key, const char* file_name, const SECURITY_ATTRIBUTES* security, DWORD flags) {
    return RegSaveKeyExW(key, file_name ? wide(file_name).c_str() : nullptr, security, flags);
}

VINE_EXPORT LSTATUS RegSaveKeyA(HKEY key, const char* file_name, const SECURITY_ATTRIBUTES* security) {
    return RegSaveKeyExA(key, file_name, security, 1);
}

VINE_EXPORT LSTATUS RegRestoreKeyW(HKEY key, LPCWSTR file_name, DWORD flags) {
    HANDLE handle;
    if (LSTATUS error = resolve(key, handle)) return error;
    if (!file_name || !*file_name) return ERROR_INVALID_PARAMETER;
    HANDLE file = CreateFileW(file_name, GENERIC_READ, FILE_SHARE_READ, nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL,
                              nullptr);
    if (file == INVALID_HANDLE_VALUE) return static_cast<LSTATUS>(GetLastError());
    LSTATUS error = error_of(NtRestoreKey(handle, file, flags));
    CloseHandle(file);
    return error;
}

VINE_EXPORT LSTATUS RegRestoreKeyA(HKEY key, const char* file_name, DWORD flags) {
    return RegRestoreKeyW(key, file_name ? wide(file_name).c_str() : nullptr, flags);
}

// ---- hives loaded and unloaded ----

namespace {

// `sub_key` below `key`, which must be HKEY_LOCAL_MACHINE or HKEY_USERS (or
// a handle to \Registry\Machine or \Registry\User; the server checks).
LSTATUS hive_target(HKEY key, LPCWSTR sub_key, HANDLE& root, std::u16string& name) {
    uintptr_t value = reinterpret_cast<uintptr_t>(key);
    // "HKEY_CLASSES_ROOT and HKEY_CURRENT_USER ... cannot be specified."
    if (value == kFirstPredefined + kClassesRoot || value == kFirstPredefined + 1) return ERROR_INVALID_PARAMETER;
    if (LSTATUS error = resolve(key, root)) return error;
    if (!sub_key || !*sub_key) return ERROR_INVALID_PARAMETER;
    name = text(sub_key);
    return ERROR_SUCCESS;
}

// The NT name of a hive file named as a program names it.
LSTATUS nt_file_name(LPCWSTR file_name, std::u16string& nt_name) {
    DWORD length = GetFullPathNameW(file_name, 0, nullptr, nullptr);
    if (!length) return static_cast<LSTATUS>(GetLastError());
    std::u16string full(length, u'\0');
    length = GetFullPathNameW(file_name, length, full.data(), nullptr);
    full.resize(length);
    nt_name = vine::paths::dos_to_nt_name(full);
    return ERROR_SUCCESS;
}

}  // namespace

VINE_EXPORT LSTATUS RegLoadKeyW(HKEY key, LPCWSTR sub_key, LPCWSTR file_name) {
    HANDLE root;
    std::u16string name;
    if (LSTATUS error = hive_target(key, sub_key, root, name)) return error;
    if (!file_name || !*file_name) return ERROR_INVALID_PARAMETER;
    std::u16string nt_name;
    if (LSTATUS error = nt_file_name(file_name, nt_name)) return error;
    UNICODE_STRING key_string = counted(name), file_string = counted(nt_name);
    OBJECT_ATTRIBUTES target{sizeof(target), root, &key_string, OBJ_CASE_INSENSITIVE, nullptr, nullptr};
    OBJECT_ATTRIBUTES file{sizeof(file), nullptr, &file_string, OBJ_CASE_INSENSITIVE, nullptr, nullptr};
    return error_of(NtLoadKey(&target, &file));
}

// An application hive: NtLoadKeyEx with REG_APP_HIVE under a name of its
// own in \Registry\A (a GUID, as Windows names them), which no path reaches.
VINE_EXPORT LSTATUS RegLoadAppKeyW(LPCWSTR file_name, HKEY* result, ACCESS_MASK access, DWORD options, DWORD /*reserved*/) {
    if (!file_name || !*file_name || !result || (options & ~REG_PROCESS_APPKEY)) return ERROR_INVALID_PARAMETER;
    *result = nullptr;
    std::u16string nt_name;
    if (LSTATUS error = nt_file_name(file_name, nt_name)) return error;
    unsigned char guid[16];
    if (getrandom(guid, sizeof(guid), 0) != static_cast<ssize_t>(sizeof(guid))) return error_of(STATUS_NO_MEMORY);
    char text[64];
    snprintf(text, sizeof(text), "\\Registry\\A\\{%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X}",
             guid[0], guid[1], guid[2], guid[3], guid[4], guid[5], guid[6], guid[7], guid[8], guid[9], guid[10],
             guid[11], guid[12], guid[13], guid[14], guid[15]);
    std::u16string name(text, text + strlen(text));
    UNICODE_STRING key_string = counted(name), file_string = counted(nt_name);
    OBJECT_ATTRIBUTES target{sizeof(target), nullptr, &key_string, OBJ_CASE_INSENSITIVE, nullptr, nullptr};
    OBJECT_ATTRIBUTES file{sizeof(file), nullptr, &file_string, OBJ_CASE_INSENSITIVE, nullptr, nullptr};
    ULONG flags = REG_APP_HIVE | ((options & REG_PROCESS_APPKEY) ? REG_PROCESS_PRIVATE : 0);
    HANDLE handle = nullptr;
    NTSTATUS status = NtLoadKeyEx(&target, &file, flags, nullptr, nullptr, access, &handle, nullptr);
    if (status != STATUS_SUCCESS) return error_of(status);
    *result = static_cast<HKEY>(handle);
    return ERROR_SUCCESS;
}

VINE_EXPORT LSTATUS RegLoadAppKeyA(const char* file_name, HKEY* result, ACCESS_MASK access, DWORD options, DWORD reserved) {
    return RegLoadAppKeyW(file_name ? wide(file_name).c_str() : nullptr, result, access, options, reserved);
}

VINE_EXPORT LSTATUS RegLoadKeyA(HKEY key, const char* sub_key, const char* file_name) {
    return RegLoadKeyW(key, sub_key ? wide(sub_key).c_str() : nullptr, file_name ? wide(file_name).c_str() : nullptr);
}

// "If the subkey does not exist, it is created"; the hive holding it is the
// one whose file is replaced (the server finds it).
VINE_EXPORT LSTATUS RegReplaceKeyW(HKEY key, LPCWSTR sub_key, LPCWSTR new_file, LPCWSTR old_file) {
    if (!new_file || !*new_file || !old_file || !*old_file) return ERROR_INVALID_PARAMETER;
    HKEY target = key;
    if (sub_key && *sub_key) {
        if (LSTATUS error = RegCreateKeyExW(key, sub_key, 0, nullptr, 0, KEY_READ, nullptr, &target, nullptr))
            return error;
    }
    HANDLE handle;
    LSTATUS error = resolve(target, handle);
    std::u16string new_name, old_name;
    if (!error) error = nt_file_name(new_file, new_name);
    if (!error) error = nt_file_name(old_file, old_name);
    if (!error) {
        UNICODE_STRING new_string = counted(new_name), old_string = counted(old_name);
        OBJECT_ATTRIBUTES replacement{sizeof(replacement), nullptr, &new_string, OBJ_CASE_INSENSITIVE, nullptr, nullptr};
        OBJECT_ATTRIBUTES backup{sizeof(backup), nullptr, &old_string, OBJ_CASE_INSENSITIVE, nullptr, nullptr};
        error = error_of(NtReplaceKey(&replacement, handle, &backup));
    }
    if (target != key) RegCloseKey(target);
    return error;
}

VINE_EXPORT LSTATUS RegReplaceKeyA(HKEY key, const char* sub_key, const char* new_file, const char* old_file) {
    return RegReplaceKeyW(key, sub_key ? wide(sub_key).c_str() : nullptr, new_file ? wide(new_file).c_str() : nullptr,
                          old_file ? wide(old_file).c_str() : nullptr);
}

VINE_EXPORT LSTATUS RegUnLoadKeyW(HKEY key, LPCWSTR sub_key) {
    HANDLE root;
    std::u16string name;
    if (LSTATUS error = hive_target(key, sub_key, root, name)) return error;
    UNICODE_STRING key_string = counted(name);
    OBJECT_ATTRIBUTES target{sizeof(target), root, &key_string, OBJ_CASE_INSENSITIVE, nullptr, nullptr};
    return error_of(NtUnloadKey(&target));
}

VINE_EXPORT LSTATUS RegUnLoadKeyA(HKEY key, const char* sub_key) {
    return RegUnLoadKeyW(key, sub_key ? wide(sub_key).c_str() : nullptr);
}
