// Volume information. Every Vine drive is a Unix directory tree, so a
// volume is a Unix file system: its serial number is the device number
// (the one GetFileInformationByHandle reports), names keep their case and
// are Unicode. No volume label; the file system is reported as NTFS,
// which is what programs expect of a fixed Windows drive.
#include <sys/stat.h>

#include <cstring>
#include <string>
#include <string_view>

#include "kernel32_private.h"
#include "nt_wait.h"
#include "vine/nt_file.h"

using namespace kernel32;

namespace {

constexpr DWORD FILE_CASE_PRESERVED_NAMES = 0x2, FILE_UNICODE_ON_DISK = 0x4;

bool copy_name(std::u16string_view name, LPWSTR buffer, DWORD size) {
    if (!buffer) return true;
    if (name.size() + 1 > size) return false;
    name.copy(buffer, name.size());
    buffer[name.size()] = u'\0';
    return true;
}

}  // namespace

VINE_EXPORT BOOL GetVolumeInformationByHandleW(HANDLE file, LPWSTR volume_name, DWORD volume_name_size,
                                               DWORD* serial, DWORD* max_component, DWORD* flags,
                                               LPWSTR file_system, DWORD file_system_size) {
    vine::nt::FILE_FS_VOLUME_INFORMATION volume{};
    IO_STATUS_BLOCK io{};
    NTSTATUS status = NtQueryVolumeInformationFile(file, &io, &volume, sizeof volume, vine::nt::FileFsVolumeInformation);
    if (!NT_SUCCESS(status)) {
        set_nt_error(status);
        return FALSE;
    }
    if (!copy_name(u"", volume_name, volume_name_size) || !copy_name(u"NTFS", file_system, file_system_size)) {
        set_error(ERROR_MORE_DATA);
        return FALSE;
    }
    if (serial) *serial = volume.VolumeSerialNumber;
    if (max_component) *max_component = 255;
    if (flags) *flags = FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK;
    return TRUE;
}

// The volume of a root path ("C:\", "\\server\share\"; a trailing backslash
// is required, as the documentation says), or of the current directory.
VINE_EXPORT BOOL GetVolumeInformationW(LPCWSTR root, LPWSTR volume_name, DWORD volume_name_size, DWORD* serial,
                                       DWORD* max_component, DWORD* flags, LPWSTR file_system,
                                       DWORD file_system_size) {
    std::u16string path;
    if (root) {
        path = root;
        if (path.empty() || path.back() != u'\\') {
            set_error(ERROR_INVALID_NAME);
            return FALSE;
        }
    } else {
        path = u"\\";  // the current drive's root
    }
    constexpr DWORD kBackupSemantics = 0x02000000;  // FILE_FLAG_BACKUP_SEMANTICS: a directory opens
    HANDLE file = CreateFileW(path.c_str(), 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                              OPEN_EXISTING, kBackupSemantics, nullptr);
    if (file == INVALID_HANDLE_VALUE) return FALSE;
    BOOL ok = GetVolumeInformationByHandleW(file, volume_name, volume_name_size, serial, max_component, flags,
                                            file_system, file_system_size);
    CloseHandle(file);
    return ok;
}

VINE_EXPORT BOOL GetVolumeInformationA(LPCSTR root, LPSTR volume_name, DWORD volume_name_size, DWORD* serial,
                                       DWORD* max_component, DWORD* flags, LPSTR file_system,
                                       DWORD file_system_size) {
    std::u16string wide_root = root ? wide_from_ansi(root, CP_ACP) : std::u16string();
    constexpr DWORD kNameSize = 261;  // MAX_PATH + 1, the documented most
    WCHAR name[kNameSize], system[kNameSize];
    if (!GetVolumeInformationW(root ? wide_root.c_str() : nullptr, name, kNameSize, serial, max_component, flags,
                               system, kNameSize))
        return FALSE;
    auto copy = [](const WCHAR* wide, LPSTR out, DWORD size) {
        if (!out) return true;
        std::string text = ansi_from_wide(wide, CP_ACP);
        if (text.size() + 1 > size) return false;
        memcpy(out, text.c_str(), text.size() + 1);
        return true;
    };
    if (!copy(name, volume_name, volume_name_size) || !copy(system, file_system, file_system_size)) {
        set_error(ERROR_MORE_DATA);
        return FALSE;
    }
    return TRUE;
}
