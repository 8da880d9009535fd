// Drives and DOS devices: GetLogicalDrives, GetLogicalDriveStrings,
// GetDriveType and QueryDosDevice, from the prefix's dosdevices/ links
// (c: -> ../drive_c, z: -> /, more as the user links them; see
// vine::paths::dos_to_unix) and the devices ntdll opens (NUL, and COMn/LPTn
// where dosdevices/ names their Unix device).
#include <cstring>

#include "kernel32_private.h"
#include "vine/nt_file.h"
#include "vine/paths.h"
#include "vine/unicode.h"

using namespace kernel32;

namespace {

constexpr UINT DRIVE_UNKNOWN = 0, DRIVE_NO_ROOT_DIR = 1, DRIVE_FIXED = 3;

bool drive_exists(int index) {
    std::u16string root = {static_cast<char16_t>(u'A' + index), u':', u'\\'};
    return vine::paths::dos_to_unix(root).has_value();
}

// The devices QueryDosDevice lists, with their NT device names.
std::vector<std::pair<std::u16string, std::u16string>> dos_devices() {
    std::vector<std::pair<std::u16string, std::u16string>> devices;
    for (int i = 0; i < 26; ++i)
        if (drive_exists(i)) {
            std::u16string letter = {static_cast<char16_t>(u'A' + i), u':'};
            // One volume per drive, numbered by its letter so the name is stable.
            devices.emplace_back(letter, u"\\Device\\HarddiskVolume" + vine::utf8_to_utf16(std::to_string(i + 1)));
        }
    devices.emplace_back(u"NUL", u"\\Device\\Null");
    // COMn and LPTn exist where ntdll can open them (dosdevices/ names a device).
    for (const char16_t* kind : {u"COM", u"LPT"})
        for (int n = 1; n <= 9; ++n) {
            std::u16string name = std::u16string(kind) + static_cast<char16_t>(u'0' + n);
            std::u16string nt_name = u"\\??\\" + name;
            UNICODE_STRING string{static_cast<USHORT>(nt_name.size() * 2), static_cast<USHORT>(nt_name.size() * 2),
                                  nt_name.data()};
            OBJECT_ATTRIBUTES attributes{sizeof attributes, nullptr, &string, 0, nullptr, nullptr};
            vine::nt::FILE_BASIC_INFORMATION info{};
            if (!NT_SUCCESS(NtQueryAttributesFile(&attributes, &info))) continue;
            std::u16string number = vine::utf8_to_utf16(std::to_string(n - 1));
            devices.emplace_back(name, (kind[0] == u'C' ? u"\\Device\\Serial" : u"\\Device\\Parallel") + number);
        }
    return devices;
}

// A multi-string (each NUL-terminated, one more NUL at the end) into a
// buffer of `size` characters; the count stored, or 0 with
// ERROR_INSUFFICIENT_BUFFER.
DWORD put_multi(const std::vector<std::u16string>& items, LPWSTR buffer, DWORD size) {
    std::u16string all;
    for (auto& item : items) all += item + u'\0';
    all += u'\0';
    if (all.size() > size || !buffer) {
        set_error(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    std::memcpy(buffer, all.data(), all.size() * sizeof(WCHAR));
    return static_cast<DWORD>(all.size());
}

}  // namespace

VINE_EXPORT DWORD GetLogicalDrives() {
    DWORD mask = 0;
    for (int i = 0; i < 26; ++i)
        if (drive_exists(i)) mask |= 1u << i;
    return mask;
}

VINE_EXPORT DWORD GetLogicalDriveStringsW(DWORD size, LPWSTR buffer) {
    std::u16string all;
    for (int i = 0; i < 26; ++i)
        if (drive_exists(i)) all += std::u16string{static_cast<char16_t>(u'A' + i), u':', u'\\', u'\0'};
    // The length without the final NUL when it fits, else the size needed.
    if (all.size() + 1 > size || !buffer) return static_cast<DWORD>(all.size() + 1);
    std::memcpy(buffer, all.data(), all.size() * sizeof(WCHAR));
    buffer[all.size()] = 0;
    return static_cast<DWORD>(all.size());
}

VINE_EXPORT DWORD GetLogicalDriveStringsA(DWORD size, LPSTR buffer) {
    std::string all;
    for (int i = 0; i < 26; ++i)
        if (drive_exists(i)) all += std::string{static_cast<char>('A' + i), ':', '\\', '\0'};
    if (all.size() + 1 > size || !buffer) return static_cast<DWORD>(all.size() + 1);
    std::memcpy(buffer, all.data(), all.size());
    buffer[all.size()] = 0;
    return static_cast<DWORD>(all.size());
}

VINE_EXPORT UINT GetDriveTypeW(LPCWSTR root) {
    std::u16string path = root ? std::u16string(root, vine::utf16_length(root)) : current_directory().substr(0, 3);
    // "C:" and "C:\" name the drive; anything longer is not a root.
    bool letter = path.size() >= 2 && path[1] == u':' &&
                  ((path[0] >= u'a' && path[0] <= u'z') || (path[0] >= u'A' && path[0] <= u'Z'));
    if (!letter || path.size() > 3 || (path.size() == 3 && path[2] != u'\\' && path[2] != u'/'))
        return path.rfind(u"\\\\", 0) == 0 ? DRIVE_NO_ROOT_DIR : (letter ? DRIVE_NO_ROOT_DIR : DRIVE_UNKNOWN);
    int index = vine::ascii_lower(path[0]) - u'a';
    // Every mapped drive is a directory tree on a Unix file system.
    return drive_exists(index) ? DRIVE_FIXED : DRIVE_NO_ROOT_DIR;
}

VINE_EXPORT UINT GetDriveTypeA(LPCSTR root) {
    if (!root) return GetDriveTypeW(nullptr);
    std::u16string wide = wide_from_file_api(root);
    return GetDriveTypeW(wide.c_str());
}

VINE_EXPORT DWORD QueryDosDeviceW(LPCWSTR name, LPWSTR buffer, DWORD size) {
    auto devices = dos_devices();
    std::vector<std::u16string> items;
    if (!name) {
        for (auto& [dos, nt] : devices) items.push_back(dos);
        return put_multi(items, buffer, size);
    }
    std::u16string wanted(name, vine::utf16_length(name));
    for (auto& [dos, nt] : devices)
        if (vine::paths::names_equal_ignoring_case(dos, wanted)) return put_multi({nt}, buffer, size);
    set_error(ERROR_FILE_NOT_FOUND);
    return 0;
}

VINE_EXPORT DWORD QueryDosDeviceA(LPCSTR name, LPSTR buffer, DWORD size) {
    std::u16string wide = name ? wide_from_file_api(name) : std::u16string();
    std::vector<WCHAR> wide_buffer(size ? size : 1);
    DWORD n = QueryDosDeviceW(name ? wide.c_str() : nullptr, wide_buffer.data(), size);
    if (!n) return 0;
    // Device names are ASCII.
    for (DWORD i = 0; i < n; ++i) buffer[i] = static_cast<char>(wide_buffer[i]);
    return n;
}
