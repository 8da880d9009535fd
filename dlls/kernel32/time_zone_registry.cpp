// The zones Windows knows, as its registry lists them: a key per zone under
// HKLM\Software\Microsoft\Windows NT\CurrentVersion\Time Zones holding its
// names ("Std", "Dlt") and rule ("TZI", a REG_TZI_FORMAT), which the prefix
// writes from the host's tzdata (loader/prefix_registry.cpp). Read through
// ntdll's key functions, as kernelbase reads them on Windows.
#include <cstring>
#include <string>

#include "kernel32_private.h"
#include "nt_wait.h"
#include "time_zone_registry.h"
#include "vine/ntdll_exports.h"
#include "vine/registry.h"
#include "vine/unicode.h"

namespace {

constexpr std::u16string_view kZonesKey = u"\\Registry\\Machine\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Time Zones";

// REG_TZI_FORMAT: a zone's rule as its TZI value stores it.
struct REG_TZI_FORMAT {
    LONG Bias;
    LONG StandardBias;
    LONG DaylightBias;
    SYSTEMTIME StandardDate;
    SYSTEMTIME DaylightDate;
};
static_assert(sizeof(REG_TZI_FORMAT) == 44);

NTSTATUS open_key(std::u16string_view path, HANDLE root, HANDLE* key) {
    UNICODE_STRING name{static_cast<USHORT>(path.size() * 2), static_cast<USHORT>(path.size() * 2),
                        const_cast<char16_t*>(path.data())};
    OBJECT_ATTRIBUTES attributes{sizeof attributes, root, &name, OBJ_CASE_INSENSITIVE, nullptr, nullptr};
    return NtOpenKey(key, KEY_READ, &attributes);
}

// One value's bytes into `out` (at most `size`); its type and length in
// `type` and `length`.
NTSTATUS query_value(HANDLE key, std::u16string_view value_name, void* out, ULONG size, ULONG* type, ULONG* length) {
    UNICODE_STRING name{static_cast<USHORT>(value_name.size() * 2), static_cast<USHORT>(value_name.size() * 2),
                        const_cast<char16_t*>(value_name.data())};
    alignas(8) unsigned char buffer[sizeof(KEY_VALUE_PARTIAL_INFORMATION) + 256];
    ULONG got = 0;
    NTSTATUS status = NtQueryValueKey(key, &name, KeyValuePartialInformation, buffer, sizeof(buffer), &got);
    if (!NT_SUCCESS(status)) return status;
    auto* info = reinterpret_cast<KEY_VALUE_PARTIAL_INFORMATION*>(buffer);
    *type = info->Type;
    *length = std::min(info->DataLength, size);
    memcpy(out, info->Data, *length);
    return STATUS_SUCCESS;
}

// A REG_SZ value into a fixed WCHAR array, truncated and terminated.
void copy_string_value(HANDLE key, std::u16string_view value_name, WCHAR* out, size_t capacity) {
    ULONG type = 0, length = 0;
    out[0] = 0;
    if (!NT_SUCCESS(query_value(key, value_name, out, static_cast<ULONG>((capacity - 1) * sizeof(WCHAR)), &type, &length)) ||
        type != REG_SZ) {
        out[0] = 0;
        return;
    }
    out[std::min<size_t>(length / sizeof(WCHAR), capacity - 1)] = 0;
}

// The zone in the open key `zone` named `key_name`.
NTSTATUS read_zone(HANDLE zone, std::u16string_view key_name, DYNAMIC_TIME_ZONE_INFORMATION* info) {
    REG_TZI_FORMAT tzi{};
    ULONG type = 0, length = 0;
    NTSTATUS status = query_value(zone, u"TZI", &tzi, sizeof(tzi), &type, &length);
    if (!NT_SUCCESS(status)) return status;
    if (type != REG_BINARY || length != sizeof(tzi)) return STATUS_REGISTRY_CORRUPT;
    memset(info, 0, sizeof(*info));
    info->Bias = tzi.Bias;
    info->StandardBias = tzi.StandardBias;
    info->DaylightBias = tzi.DaylightBias;
    info->StandardDate = tzi.StandardDate;
    info->DaylightDate = tzi.DaylightDate;
    copy_string_value(zone, u"Std", info->StandardName, 32);
    copy_string_value(zone, u"Dlt", info->DaylightName, 32);
    size_t n = std::min<size_t>(key_name.size(), 127);
    memcpy(info->TimeZoneKeyName, key_name.data(), n * sizeof(WCHAR));
    info->TimeZoneKeyName[n] = 0;
    return STATUS_SUCCESS;
}

}  // namespace

NTSTATUS registry_time_zone(std::u16string_view key_name, DYNAMIC_TIME_ZONE_INFORMATION* info) {
    if (key_name.empty() || key_name.find(u'\\') != std::u16string_view::npos) return STATUS_OBJECT_NAME_NOT_FOUND;
    HANDLE zones = nullptr, zone = nullptr;
    NTSTATUS status = open_key(kZonesKey, nullptr, &zones);
    if (!NT_SUCCESS(status)) return status;
    status = open_key(key_name, zones, &zone);
    NtClose(zones);
    if (!NT_SUCCESS(status)) return status;
    status = read_zone(zone, key_name, info);
    NtClose(zone);
    return status;
}

bool registry_time_zone_for_year(std::u16string_view key_name, USHORT year, DYNAMIC_TIME_ZONE_INFORMATION* info) {
    if (key_name.empty() || key_name.find(u'\\') != std::u16string_view::npos) return false;
    std::u16string path(kZonesKey);
    path += u'\\';
    path += key_name;
    path += u"\\Dynamic DST";
    HANDLE dynamic = nullptr;
    if (!NT_SUCCESS(open_key(path, nullptr, &dynamic))) return false;
    DWORD first = 0, last = 0;
    ULONG type = 0, length = 0;
    bool bounded = NT_SUCCESS(query_value(dynamic, u"FirstEntry", &first, sizeof first, &type, &length)) &&
                   type == REG_DWORD && NT_SUCCESS(query_value(dynamic, u"LastEntry", &last, sizeof last, &type, &length)) &&
                   type == REG_DWORD && first <= last;
    bool found = false;
    if (bounded) {
        DWORD wanted = year < first ? first : year > last ? last : year;
        for (DWORD y = wanted; y >= first && !found; --y) {
            char16_t digits[8];
            int n = 0;
            char16_t reversed[8];
            DWORD v = y;
            do reversed[n++] = static_cast<char16_t>(u'0' + v % 10); while ((v /= 10) && n < 7);
            for (int i = 0; i < n; ++i) digits[i] = reversed[n - 1 - i];
            REG_TZI_FORMAT tzi{};
            if (NT_SUCCESS(query_value(dynamic, std::u16string_view(digits, n), &tzi, sizeof tzi, &type, &length)) &&
                type == REG_BINARY && length == sizeof tzi) {
                info->Bias = tzi.Bias;
                info->StandardBias = tzi.StandardBias;
                info->DaylightBias = tzi.DaylightBias;
                info->StandardDate = tzi.StandardDate;
                info->DaylightDate = tzi.DaylightDate;
                found = true;
            }
            if (!y) break;
        }
    }
    NtClose(dynamic);
    return found;
}

// The index-th zone in the registry's (alphabetical) order of keys.
VINE_EXPORT DWORD EnumDynamicTimeZoneInformation(DWORD index, DYNAMIC_TIME_ZONE_INFORMATION* info) {
    if (!info) return ERROR_INVALID_PARAMETER;
    HANDLE zones = nullptr;
    NTSTATUS status = open_key(kZonesKey, nullptr, &zones);
    if (status == STATUS_OBJECT_NAME_NOT_FOUND) return ERROR_NO_MORE_ITEMS;
    if (!NT_SUCCESS(status)) return RtlNtStatusToDosError(status);
    alignas(8) unsigned char buffer[sizeof(KEY_BASIC_INFORMATION) + 256 * sizeof(WCHAR)];
    ULONG got = 0;
    status = NtEnumerateKey(zones, index, KeyBasicInformation, buffer, sizeof(buffer), &got);
    NtClose(zones);
    if (status == STATUS_NO_MORE_ENTRIES) return ERROR_NO_MORE_ITEMS;
    if (!NT_SUCCESS(status)) return RtlNtStatusToDosError(status);
    auto* basic = reinterpret_cast<KEY_BASIC_INFORMATION*>(buffer);
    std::u16string_view name(reinterpret_cast<const char16_t*>(basic->Name), basic->NameLength / sizeof(WCHAR));
    status = registry_time_zone(name, info);
    return NT_SUCCESS(status) ? ERROR_SUCCESS : RtlNtStatusToDosError(status);
}
