// Drives and DOS devices: GetLogicalDrives, GetLogicalDriveStrings,
// GetDriveType, QueryDosDevice and DefineDosDevice. The devices are the
// prefix's dosdevices/ links (c: -> ../drive_c, z: -> /, more as the user
// links them; see vine::paths::dos_to_unix), the devices ntdll opens (NUL,
// and COMn/LPTn where dosdevices/ names their Unix device), and the
// symbolic links DefineDosDevice makes in the object manager's "\??"
// directory (dlls/ntdll/symlink.cpp; vineserver keeps them for the
// prefix). A link's target holds its mappings, the most recent first,
// separated by NULs, as Windows keeps them; a link over a dosdevices/
// device starts with that device's mapping.
#include <algorithm>
#include <cstring>

#include "kernel32_private.h"
#include "nt_wait.h"
#include "vine/nt_file.h"
#include "vine/paths.h"
#include "vine/unicode.h"

using namespace kernel32;

namespace {

constexpr UINT DRIVE_UNKNOWN = 0, DRIVE_NO_ROOT_DIR = 1, DRIVE_FIXED = 3, DRIVE_CDROM = 5;

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
            devices.emplace_back(letter, vine::paths::volume_device_name(letter[0]));
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

constexpr DWORD DDD_RAW_TARGET_PATH = 1, DDD_REMOVE_DEFINITION = 2, DDD_EXACT_MATCH_ON_REMOVE = 4;

UNICODE_STRING string_of(std::u16string& text) {
    return UNICODE_STRING{static_cast<USHORT>(text.size() * 2), static_cast<USHORT>(text.size() * 2), text.data()};
}

// The "\??\name" link, opened; null when there is none.
HANDLE open_link(std::u16string_view name) {
    std::u16string full = u"\\??\\" + std::u16string(name);
    UNICODE_STRING string = string_of(full);
    OBJECT_ATTRIBUTES attributes{sizeof attributes, nullptr, &string, OBJ_CASE_INSENSITIVE, nullptr, nullptr};
    HANDLE link = nullptr;
    if (!NT_SUCCESS(NtOpenSymbolicLinkObject(&link, 1 /* SYMBOLIC_LINK_QUERY */, &attributes))) return nullptr;
    return link;
}

// A link's mappings, most recent first.
std::vector<std::u16string> link_targets(HANDLE link) {
    std::vector<std::u16string> targets;
    std::u16string buffer(1024, u'\0');
    for (;;) {
        UNICODE_STRING string{0, static_cast<USHORT>(buffer.size() * 2), buffer.data()};
        ULONG needed = 0;
        NTSTATUS status = NtQuerySymbolicLinkObject(link, &string, &needed);
        if (status == STATUS_BUFFER_TOO_SMALL && needed > buffer.size() * 2 && needed <= 0xffff) {
            buffer.assign(needed / 2 + 1, u'\0');
            continue;
        }
        if (!NT_SUCCESS(status)) return targets;
        std::u16string_view all(buffer.data(), string.Length / 2);
        for (size_t pos = 0; pos < all.size();) {
            size_t end = all.find(u'\0', pos);
            if (end == std::u16string_view::npos) end = all.size();
            if (end > pos) targets.emplace_back(all.substr(pos, end - pos));
            pos = end + 1;
        }
        return targets;
    }
}

// The names of the links in "\??".
std::vector<std::u16string> link_names() {
    std::vector<std::u16string> names;
    std::u16string path = u"\\??";
    UNICODE_STRING string = string_of(path);
    OBJECT_ATTRIBUTES attributes{sizeof attributes, nullptr, &string, OBJ_CASE_INSENSITIVE, nullptr, nullptr};
    HANDLE directory = nullptr;
    if (!NT_SUCCESS(NtOpenDirectoryObject(&directory, 1 /* DIRECTORY_QUERY */, &attributes))) return names;
    std::vector<char> buffer(4096);
    ULONG context = 0, returned = 0;
    for (BOOLEAN restart = TRUE;; restart = FALSE) {
        NTSTATUS status = NtQueryDirectoryObject(directory, buffer.data(), static_cast<ULONG>(buffer.size()), FALSE,
                                                 restart, &context, &returned);
        if (status == STATUS_BUFFER_TOO_SMALL && returned > buffer.size()) {
            buffer.resize(returned);
            continue;
        }
        if (!NT_SUCCESS(status)) break;
        for (auto* entry = reinterpret_cast<const OBJECT_DIRECTORY_INFORMATION*>(buffer.data()); entry->Name.Buffer;
             ++entry)
            names.emplace_back(entry->Name.Buffer, entry->Name.Length / 2);
        if (status != 0x105 /* STATUS_MORE_ENTRIES */) break;
    }
    NtClose(directory);
    return names;
}

// The mapping a dosdevices/ device (or NUL, COMn, LPTn) has, or "".
std::u16string builtin_target(std::u16string_view name) {
    for (auto& [dos, nt] : dos_devices())
        if (vine::paths::names_equal_ignoring_case(dos, name)) return nt;
    return {};
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
    if (!drive_exists(index)) return DRIVE_NO_ROOT_DIR;
    // A drive whose dosdevices/x:: link names an optical drive is a CD-ROM
    // (its x: link is the mount point); the rest are directory trees.
    auto device = vine::paths::drive_device(path[0]);
    return device && vine::paths::is_cdrom_device(*device) ? DRIVE_CDROM : DRIVE_FIXED;
}

VINE_EXPORT UINT GetDriveTypeA(LPCSTR root) {
    if (!root) return GetDriveTypeW(nullptr);
    std::u16string wide = wide_from_file_api(root);
    return GetDriveTypeW(wide.c_str());
}

VINE_EXPORT DWORD QueryDosDeviceW(LPCWSTR name, LPWSTR buffer, DWORD size) {
    std::vector<std::u16string> items;
    if (!name) {
        // Every device: the defined links, then the dosdevices/ ones they do not hide.
        items = link_names();
        for (auto& [dos, nt] : dos_devices()) {
            bool hidden = false;
            for (auto& item : items) hidden = hidden || vine::paths::names_equal_ignoring_case(item, dos);
            if (!hidden) items.push_back(dos);
        }
        return put_multi(items, buffer, size);
    }
    std::u16string wanted(name, vine::utf16_length(name));
    if (HANDLE link = open_link(wanted)) {
        items = link_targets(link);
        NtClose(link);
        return put_multi(items, buffer, size);
    }
    std::u16string target = builtin_target(wanted);
    if (!target.empty()) return put_multi({target}, buffer, size);
    set_error(ERROR_FILE_NOT_FOUND);
    return 0;
}

VINE_EXPORT BOOL DefineDosDeviceW(DWORD flags, LPCWSTR device, LPCWSTR target) {
    if (!device || !*device) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    std::u16string name(device, vine::utf16_length(device));
    if (name.back() == u'\\' || name.find(u'\\') != std::u16string::npos) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    // The mapping as the link keeps it: an NT name ("\??\C:\dir") unless raw.
    std::u16string mapping;
    if (target && *target) {
        if (flags & DDD_RAW_TARGET_PATH) {
            mapping.assign(target, vine::utf16_length(target));
        } else {
            UNICODE_STRING nt{};
            if (NTSTATUS status = RtlDosPathNameToNtPathName_U_WithStatus(target, &nt, nullptr, nullptr)) {
                set_nt_error(status);
                return FALSE;
            }
            mapping.assign(nt.Buffer, nt.Length / 2);
            RtlFreeUnicodeString(&nt);
        }
    }

    std::vector<std::u16string> mappings;
    HANDLE existing = open_link(name);
    if (existing) {
        mappings = link_targets(existing);
    } else if (std::u16string builtin = builtin_target(name); !builtin.empty()) {
        mappings.push_back(builtin);
    }
    if (flags & DDD_REMOVE_DEFINITION) {
        // The first mapping the target matches (exactly, or as its prefix);
        // without a target, the most recent one.
        auto match = mappings.begin();
        if (!mapping.empty())
            match = std::find_if(mappings.begin(), mappings.end(), [&](const std::u16string& item) {
                return (flags & DDD_EXACT_MATCH_ON_REMOVE) ? vine::paths::names_equal_ignoring_case(item, mapping)
                                                          : item.size() >= mapping.size() &&
                                                                vine::paths::names_equal_ignoring_case(
                                                                    std::u16string_view(item).substr(0, mapping.size()),
                                                                    mapping);
            });
        if (!existing || match == mappings.end()) {
            if (existing) NtClose(existing);
            set_error(ERROR_FILE_NOT_FOUND);
            return FALSE;
        }
        mappings.erase(match);
    } else {
        if (mapping.empty()) {
            if (existing) NtClose(existing);
            set_error(ERROR_INVALID_PARAMETER);
            return FALSE;
        }
        mappings.insert(mappings.begin(), mapping);
    }
    // The old link goes, a new one holds the mappings (none left: the name goes).
    if (existing) {
        NtMakeTemporaryObject(existing);
        NtClose(existing);
    }
    if (mappings.empty()) return TRUE;
    std::u16string all;
    for (auto& item : mappings) {
        if (!all.empty()) all += u'\0';
        all += item;
    }
    std::u16string full = u"\\??\\" + name;
    UNICODE_STRING link_name = string_of(full), link_target = string_of(all);
    OBJECT_ATTRIBUTES attributes{sizeof attributes, nullptr, &link_name, OBJ_CASE_INSENSITIVE | OBJ_PERMANENT,
                                 nullptr, nullptr};
    HANDLE link = nullptr;
    NTSTATUS status = NtCreateSymbolicLinkObject(&link, 0xf0001 /* SYMBOLIC_LINK_ALL_ACCESS */, &attributes,
                                                 &link_target);
    if (!NT_SUCCESS(status)) {
        set_nt_error(status);
        return FALSE;
    }
    NtClose(link);
    return TRUE;
}

VINE_EXPORT BOOL DefineDosDeviceA(DWORD flags, LPCSTR device, LPCSTR target) {
    if (!device) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    std::u16string wide_device = wide_from_file_api(device);
    std::u16string wide_target = target ? wide_from_file_api(target) : std::u16string();
    return DefineDosDeviceW(flags, wide_device.c_str(), target ? wide_target.c_str() : nullptr);
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
