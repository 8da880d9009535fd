// GetDiskFreeSpace(Ex): the size and free space of the volume holding a
// directory, from ntdll's FileFsSizeInformation and
// FileFsFullSizeInformation of that directory opened for listing. No name
// means the current directory's volume. Cluster counts that no longer fit
// GetDiskFreeSpace's DWORDs are capped (GetDiskFreeSpaceEx gives bytes,
// as ULARGE_INTEGERs: 64-bit counts, which is all the ABI sees of them).
#include <algorithm>

#include "kernel32_private.h"
#include "nt_path.h"
#include "nt_wait.h"
#include "vine/nt_file.h"

using namespace kernel32;
namespace nt = vine::nt;

namespace {

bool query_volume(LPCWSTR directory, void* info, ULONG size, ULONG info_class) {
    std::u16string name = directory ? std::u16string(directory) : current_directory();
    NtPath path;
    if (!path.assign(name.c_str())) return false;
    HANDLE handle = nullptr;
    IO_STATUS_BLOCK io{};
    NTSTATUS status = NtOpenFile(&handle, nt::FILE_LIST_DIRECTORY | nt::SYNCHRONIZE, path.attributes(), &io,
                                 nt::FILE_SHARE_READ | nt::FILE_SHARE_WRITE | nt::FILE_SHARE_DELETE,
                                 nt::FILE_DIRECTORY_FILE | nt::FILE_SYNCHRONOUS_IO_NONALERT |
                                     nt::FILE_OPEN_FOR_BACKUP_INTENT);
    if (NT_SUCCESS(status)) {
        status = NtQueryVolumeInformationFile(handle, &io, info, size, info_class);
        NtClose(handle);
    }
    if (!NT_SUCCESS(status)) {
        set_nt_error(status);
        return false;
    }
    return true;
}

DWORD capped(LONGLONG count) { return static_cast<DWORD>(std::min<ULONGLONG>(static_cast<ULONGLONG>(count), 0xffffffffu)); }

}  // namespace

VINE_EXPORT BOOL GetDiskFreeSpaceW(LPCWSTR root, DWORD* sectors_per_cluster, DWORD* bytes_per_sector,
                                   DWORD* free_clusters, DWORD* total_clusters) {
    nt::FILE_FS_SIZE_INFORMATION info{};
    if (!query_volume(root, &info, sizeof info, nt::FileFsSizeInformation)) return FALSE;
    if (sectors_per_cluster) *sectors_per_cluster = info.SectorsPerAllocationUnit;
    if (bytes_per_sector) *bytes_per_sector = info.BytesPerSector;
    if (free_clusters) *free_clusters = capped(info.AvailableAllocationUnits.QuadPart);
    if (total_clusters) *total_clusters = capped(info.TotalAllocationUnits.QuadPart);
    return TRUE;
}

VINE_EXPORT BOOL GetDiskFreeSpaceA(LPCSTR root, DWORD* sectors_per_cluster, DWORD* bytes_per_sector,
                                   DWORD* free_clusters, DWORD* total_clusters) {
    std::u16string wide = root ? wide_from_file_api(root) : std::u16string();
    return GetDiskFreeSpaceW(root ? wide.c_str() : nullptr, sectors_per_cluster, bytes_per_sector, free_clusters,
                             total_clusters);
}

VINE_EXPORT BOOL GetDiskFreeSpaceExW(LPCWSTR directory, ULONGLONG* caller_free, ULONGLONG* total,
                                     ULONGLONG* total_free) {
    nt::FILE_FS_FULL_SIZE_INFORMATION info{};
    if (!query_volume(directory, &info, sizeof info, nt::FileFsFullSizeInformation)) return FALSE;
    ULONGLONG unit = static_cast<ULONGLONG>(info.SectorsPerAllocationUnit) * info.BytesPerSector;
    if (caller_free) *caller_free = static_cast<ULONGLONG>(info.CallerAvailableAllocationUnits.QuadPart) * unit;
    if (total) *total = static_cast<ULONGLONG>(info.TotalAllocationUnits.QuadPart) * unit;
    if (total_free) *total_free = static_cast<ULONGLONG>(info.ActualAvailableAllocationUnits.QuadPart) * unit;
    return TRUE;
}

VINE_EXPORT BOOL GetDiskFreeSpaceExA(LPCSTR directory, ULONGLONG* caller_free, ULONGLONG* total,
                                     ULONGLONG* total_free) {
    std::u16string wide = directory ? wide_from_file_api(directory) : std::u16string();
    return GetDiskFreeSpaceExW(directory ? wide.c_str() : nullptr, caller_free, total, total_free);
}
