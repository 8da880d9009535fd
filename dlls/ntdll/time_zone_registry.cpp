// The time zone a prefix has been set to: Windows keeps it in
// HKLM\System\CurrentControlSet\Control\TimeZoneInformation (Bias,
// StandardName, StandardBias, StandardStart, DaylightName, DaylightBias,
// DaylightStart, TimeZoneKeyName, DynamicDaylightTimeDisabled,
// ActiveTimeBias), which RtlSetDynamicTimeZoneInformation writes. Vine's
// prefix does not write the key when it is made: without it the zone is the
// host's (time_zone.cpp), so a prefix follows its host until a program sets
// a zone.
#include <cstring>

#include "ntdll_private.h"
#include "time_zone_registry.h"
#include "vine/ntstatus.h"
#include "vine/registry.h"
#include "vine/unicode.h"

namespace ntdll {
namespace {

constexpr std::u16string_view kKeyPath = u"\\Registry\\Machine\\System\\CurrentControlSet\\Control\\TimeZoneInformation";

UNICODE_STRING unicode_of(std::u16string_view text) {
    return {static_cast<USHORT>(text.size() * 2), static_cast<USHORT>(text.size() * 2), const_cast<char16_t*>(text.data())};
}

class Key {
public:
    NTSTATUS open(ACCESS_MASK access, bool create) {
        UNICODE_STRING name = unicode_of(kKeyPath);
        OBJECT_ATTRIBUTES attributes{sizeof attributes, nullptr, &name, OBJ_CASE_INSENSITIVE, nullptr, nullptr};
        return create ? NtCreateKey(&handle_, access, &attributes, 0, nullptr, REG_OPTION_NON_VOLATILE, nullptr)
                      : NtOpenKey(&handle_, access, &attributes);
    }
    ~Key() {
        if (handle_) NtClose(handle_);
    }
    // A value's data into `out` (at most `size` bytes); false unless it has `type`.
    bool get(std::u16string_view value, ULONG type, void* out, ULONG size, ULONG* length = nullptr) const {
        UNICODE_STRING name = unicode_of(value);
        alignas(8) unsigned char buffer[sizeof(KEY_VALUE_PARTIAL_INFORMATION) + 512];
        ULONG got = 0;
        if (!NT_SUCCESS(NtQueryValueKey(handle_, &name, KeyValuePartialInformation, buffer, sizeof buffer, &got)))
            return false;
        auto* info = reinterpret_cast<KEY_VALUE_PARTIAL_INFORMATION*>(buffer);
        if (info->Type != type) return false;
        ULONG n = info->DataLength < size ? info->DataLength : size;
        memcpy(out, info->Data, n);
        if (length) *length = n;
        return true;
    }
    void get_string(std::u16string_view value, WCHAR* out, size_t capacity) const {
        ULONG length = 0;
        out[0] = 0;
        if (get(value, REG_SZ, out, static_cast<ULONG>((capacity - 1) * sizeof(WCHAR)), &length))
            out[length / sizeof(WCHAR)] = 0;
        else
            out[0] = 0;
    }
    NTSTATUS set(std::u16string_view value, ULONG type, const void* data, ULONG size) const {
        UNICODE_STRING name = unicode_of(value);
        return NtSetValueKey(handle_, &name, 0, type, const_cast<void*>(data), size);
    }
    NTSTATUS set_string(std::u16string_view value, const WCHAR* text, size_t capacity) const {
        size_t n = 0;
        while (n < capacity && text[n]) ++n;
        std::u16string copy(text, n);
        return set(value, REG_SZ, copy.c_str(), static_cast<ULONG>((n + 1) * sizeof(WCHAR)));
    }

private:
    HANDLE handle_ = nullptr;
};

}  // namespace

bool read_registry_time_zone(DYNAMIC_TIME_ZONE_INFORMATION* info) {
    Key key;
    if (!NT_SUCCESS(key.open(KEY_READ, false))) return false;
    DYNAMIC_TIME_ZONE_INFORMATION zone{};
    DWORD bias = 0, disabled = 0;
    // A key without its Bias is not a zone (an empty key some tool made).
    if (!key.get(u"Bias", REG_DWORD, &bias, sizeof bias)) return false;
    zone.Bias = static_cast<LONG>(bias);
    key.get(u"StandardBias", REG_DWORD, &zone.StandardBias, sizeof zone.StandardBias);
    key.get(u"DaylightBias", REG_DWORD, &zone.DaylightBias, sizeof zone.DaylightBias);
    key.get(u"StandardStart", REG_BINARY, &zone.StandardDate, sizeof zone.StandardDate);
    key.get(u"DaylightStart", REG_BINARY, &zone.DaylightDate, sizeof zone.DaylightDate);
    key.get_string(u"StandardName", zone.StandardName, 32);
    key.get_string(u"DaylightName", zone.DaylightName, 32);
    key.get_string(u"TimeZoneKeyName", zone.TimeZoneKeyName, 128);
    key.get(u"DynamicDaylightTimeDisabled", REG_DWORD, &disabled, sizeof disabled);
    zone.DynamicDaylightTimeDisabled = disabled != 0;
    *info = zone;
    return true;
}

NTSTATUS write_registry_time_zone(const DYNAMIC_TIME_ZONE_INFORMATION& zone, LONG active_bias) {
    Key key;
    if (NTSTATUS status = key.open(KEY_READ | KEY_WRITE, true); !NT_SUCCESS(status)) return status;
    DWORD disabled = zone.DynamicDaylightTimeDisabled ? 1 : 0;
    NTSTATUS results[] = {
        key.set(u"Bias", REG_DWORD, &zone.Bias, sizeof zone.Bias),
        key.set_string(u"StandardName", zone.StandardName, 32),
        key.set(u"StandardBias", REG_DWORD, &zone.StandardBias, sizeof zone.StandardBias),
        key.set(u"StandardStart", REG_BINARY, &zone.StandardDate, sizeof zone.StandardDate),
        key.set_string(u"DaylightName", zone.DaylightName, 32),
        key.set(u"DaylightBias", REG_DWORD, &zone.DaylightBias, sizeof zone.DaylightBias),
        key.set(u"DaylightStart", REG_BINARY, &zone.DaylightDate, sizeof zone.DaylightDate),
        key.set_string(u"TimeZoneKeyName", zone.TimeZoneKeyName, 128),
        key.set(u"DynamicDaylightTimeDisabled", REG_DWORD, &disabled, sizeof disabled),
        key.set(u"ActiveTimeBias", REG_DWORD, &active_bias, sizeof active_bias),
    };
    for (NTSTATUS status : results)
        if (!NT_SUCCESS(status)) return status;
    return STATUS_SUCCESS;
}

}  // namespace ntdll
