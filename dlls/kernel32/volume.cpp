// Volume information. Every Vine drive is a Unix directory tree, so a
// volume is a Unix file system: its serial number is the device number
// (the one GetFileInformationByHandle reports), names keep their case and
// are Unicode. No volume label; the file system is reported as NTFS,
// which is what programs expect of a fixed Windows drive.
#include <sys/stat.h>

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
