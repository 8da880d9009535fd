// Listing a directory through its handle: GetFileInformationByHandleEx's
// FileFullDirectoryInfo and FileIdBothDirectoryInfo classes (and their
// "Restart" forms), which Go's os package uses for ReadDir: ntdll's
// NtQueryDirectoryFile with the same layouts.
#include "directory_info.h"
#include "nt_wait.h"
#include "vine/nt_file.h"

namespace kernel32 {

BOOL list_directory(HANDLE handle, bool id_both, bool restart, void* buffer, DWORD length) {
    IO_STATUS_BLOCK io{};
    NTSTATUS status = NtQueryDirectoryFile(handle, nullptr, nullptr, nullptr, &io, buffer, length,
                                           id_both ? vine::nt::FileIdBothDirectoryInformation
                                                   : vine::nt::FileFullDirectoryInformation,
                                           FALSE, nullptr, restart);
    // The end of the listing is ERROR_NO_MORE_FILES however it is reached.
    if (status == STATUS_NO_SUCH_FILE) status = STATUS_NO_MORE_FILES;
    return nt_bool(status);
}

}  // namespace kernel32
