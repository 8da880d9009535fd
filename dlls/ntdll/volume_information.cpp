// NtQueryVolumeInformationFile: the device a handle is on (disk, pipe,
// NUL, terminal), and the Unix file system behind a disk file as an NTFS
// volume: its device number is the serial number, statvfs gives the sizes.
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "file_name.h"
#include "file_private.h"
#include "ntdll_private.h"
#include "vine/ntstatus.h"

using namespace vine::nt;

namespace {

ULONG device_type_of(int fd, const struct stat& st, uint32_t flags) {
    if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) return FILE_DEVICE_NAMED_PIPE;
    if (S_ISCHR(st.st_mode)) {
        // /dev/null is character device 1:3 on Linux.
        if (major(st.st_rdev) == 1 && minor(st.st_rdev) == 3) return FILE_DEVICE_NULL;
        if (flags & vine::protocol::file_is_console) return FILE_DEVICE_CONSOLE;
        return isatty(fd) ? FILE_DEVICE_CONSOLE : FILE_DEVICE_UNKNOWN;
    }
    return FILE_DEVICE_DISK;
}

// Copies a variable-length name after a fixed header; STATUS_BUFFER_OVERFLOW
// when it does not all fit, as Windows does.
NTSTATUS put_name(void* buffer, ULONG length, ULONG offset, std::u16string_view name, ULONG_PTR& written) {
    ULONG bytes = static_cast<ULONG>(name.size() * sizeof(char16_t));
    ULONG room = length > offset ? length - offset : 0;
    ULONG copied = bytes < room ? bytes : room & ~1u;
    std::memcpy(static_cast<char*>(buffer) + offset, name.data(), copied);
    written = offset + copied;
    return copied < bytes ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

}  // namespace

VINE_EXPORT NTSTATUS NtQueryVolumeInformationFile(HANDLE handle, IO_STATUS_BLOCK* io, void* buffer, ULONG length,
                                                  ULONG info_class) {
    ULONG needed = 0;
    switch (info_class) {
    case FileFsVolumeInformation: needed = offsetof(FILE_FS_VOLUME_INFORMATION, VolumeLabel); break;
    case FileFsSizeInformation: needed = sizeof(FILE_FS_SIZE_INFORMATION); break;
    case FileFsDeviceInformation: needed = sizeof(FILE_FS_DEVICE_INFORMATION); break;
    case FileFsAttributeInformation: needed = offsetof(FILE_FS_ATTRIBUTE_INFORMATION, FileSystemName); break;
    case FileFsFullSizeInformation: needed = sizeof(FILE_FS_FULL_SIZE_INFORMATION); break;
    default: return STATUS_INVALID_INFO_CLASS;
    }
    if (length < needed) return STATUS_INFO_LENGTH_MISMATCH;
    if (!io || !buffer) return ntdll::kStatusAccessViolation;
    ntdll::OpenFile file;
    if (NTSTATUS status = ntdll::open_file_of(handle, 0, file)) return status;
    struct stat st {};
    if (fstat(file.fd, &st) != 0) return ntdll::status_from_errno(errno);
    ULONG device = device_type_of(file.fd, st, file.flags);
    // Only disk files are on a volume.
    if (info_class != FileFsDeviceInformation && device != FILE_DEVICE_DISK) return STATUS_INVALID_DEVICE_REQUEST;

    NTSTATUS status = STATUS_SUCCESS;
    ULONG_PTR written = needed;
    switch (info_class) {
    case FileFsDeviceInformation: {
        FILE_FS_DEVICE_INFORMATION info{device, device == FILE_DEVICE_DISK ? FILE_DEVICE_IS_MOUNTED : 0};
        std::memcpy(buffer, &info, sizeof info);
        break;
    }
    case FileFsVolumeInformation: {
        FILE_FS_VOLUME_INFORMATION info{};
        info.VolumeSerialNumber = static_cast<ULONG>(st.st_dev);
        std::memcpy(buffer, &info, needed);  // no label
        break;
    }
    case FileFsAttributeInformation: {
        FILE_FS_ATTRIBUTE_INFORMATION info{};
        info.FileSystemAttributes = FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK | FILE_SUPPORTS_HARD_LINKS |
                                    FILE_SUPPORTS_POSIX_UNLINK_RENAME;
        info.MaximumComponentNameLength = 255;
        constexpr std::u16string_view kName = u"NTFS";  // what programs test for; the rules are NTFS's
        info.FileSystemNameLength = static_cast<ULONG>(kName.size() * sizeof(char16_t));
        std::memcpy(buffer, &info, needed);
        status = put_name(buffer, length, needed, kName, written);
        break;
    }
    case FileFsSizeInformation:
    case FileFsFullSizeInformation: {
        struct statvfs vfs {};
        if (fstatvfs(file.fd, &vfs) != 0) return ntdll::status_from_errno(errno);
        // Allocation units of one 'fragment'; 512-byte sectors when they divide it.
        ULONG unit = static_cast<ULONG>(vfs.f_frsize ? vfs.f_frsize : vfs.f_bsize);
        ULONG sector = unit % 512 == 0 ? 512 : unit;
        if (info_class == FileFsSizeInformation) {
            FILE_FS_SIZE_INFORMATION info{};
            info.TotalAllocationUnits.QuadPart = static_cast<LONGLONG>(vfs.f_blocks);
            info.AvailableAllocationUnits.QuadPart = static_cast<LONGLONG>(vfs.f_bavail);
            info.SectorsPerAllocationUnit = unit / sector;
            info.BytesPerSector = sector;
            std::memcpy(buffer, &info, sizeof info);
        } else {
            FILE_FS_FULL_SIZE_INFORMATION info{};
            info.TotalAllocationUnits.QuadPart = static_cast<LONGLONG>(vfs.f_blocks);
            info.CallerAvailableAllocationUnits.QuadPart = static_cast<LONGLONG>(vfs.f_bavail);
            info.ActualAvailableAllocationUnits.QuadPart = static_cast<LONGLONG>(vfs.f_bfree);
            info.SectorsPerAllocationUnit = unit / sector;
            info.BytesPerSector = sector;
            std::memcpy(buffer, &info, sizeof info);
        }
        break;
    }
    }
    io->Status = status;
    io->Information = written;
    return status;
}
