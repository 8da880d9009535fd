// GetFileInformationByHandleEx: one information class at a time, as the
// FILE_INFO_BY_HANDLE_CLASS documentation lists them. The per-file classes
// are ntdll's NtQueryInformationFile classes under Win32 names; the
// directory classes list the directory (directory_info.cpp). Classes Vine
// does not answer fail with ERROR_INVALID_PARAMETER, as Windows does for an
// unknown class.
#include <cstring>

#include "directory_info.h"
#include "file_info_class.h"
#include "nt_wait.h"

using namespace kernel32;

namespace {

// The NtQueryInformationFile classes behind the per-file ones.
constexpr ULONG kNtBasic = 4, kNtStandard = 5, kNtName = 9, kNtAttributeTag = 35;

extern "C" WINAPI NTSTATUS NtQueryInformationFile(HANDLE file, IO_STATUS_BLOCK* io, void* buffer, ULONG length,
                                                  ULONG info_class);

BOOL query(HANDLE file, void* buffer, DWORD size, ULONG nt_class) {
    IO_STATUS_BLOCK io{};
    return nt_bool(NtQueryInformationFile(file, &io, buffer, size, nt_class));
}

}  // namespace

VINE_EXPORT BOOL GetFileInformationByHandleEx(HANDLE file, DWORD info_class, void* buffer, DWORD size) {
    switch (info_class) {
    case FileBasicInfo: return query(file, buffer, size, kNtBasic);
    case FileStandardInfo: return query(file, buffer, size, kNtStandard);
    case FileNameInfo: return query(file, buffer, size, kNtName);
    case FileAttributeTagInfo: return query(file, buffer, size, kNtAttributeTag);
    case FileIdBothDirectoryInfo:
    case FileIdBothDirectoryRestartInfo:
        return list_directory(file, true, info_class == FileIdBothDirectoryRestartInfo, buffer, size);
    case FileFullDirectoryInfo:
    case FileFullDirectoryRestartInfo:
        return list_directory(file, false, info_class == FileFullDirectoryRestartInfo, buffer, size);
    default: set_error(ERROR_INVALID_PARAMETER); return FALSE;
    }
}
