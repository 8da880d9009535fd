// NtQueryAttributesFile and NtQueryFullAttributesFile (attributes by name,
// without opening), and the stat -> FILE_*_INFORMATION conversions every
// file query shares.
#include <sys/stat.h>

#include <cerrno>

#include "file_name.h"
#include "file_private.h"
#include "ntdll_private.h"
#include "vine/ntstatus.h"

using namespace vine::nt;

namespace ntdll {

NTSTATUS open_file_of(HANDLE handle, ACCESS_MASK needed, OpenFile& out, bool any) {
    vine::client::HandleInfo info;
    if (!vine::client::handle_info(handle, info) || info.fd < 0) return STATUS_INVALID_HANDLE;
    if (info.type != vine::protocol::ObjectType::file && info.type != vine::protocol::ObjectType::pipe)
        return STATUS_OBJECT_TYPE_MISMATCH;
    out.fd = info.fd;
    out.access = map_generic_file_rights(info.access);
    out.flags = info.file_flags;
    if (needed && (any ? !(out.access & needed) : (out.access & needed) != needed)) return STATUS_ACCESS_DENIED;
    return STATUS_SUCCESS;
}

LONGLONG nt_time(const timespec& ts) {
    constexpr LONGLONG kEpochDifference = 11644473600LL;  // 1601-01-01 to 1970-01-01, in seconds
    return (ts.tv_sec + kEpochDifference) * 10000000LL + ts.tv_nsec / 100;
}

ULONG attributes_of(const struct stat& st) {
    ULONG attributes = S_ISDIR(st.st_mode) ? FILE_ATTRIBUTE_DIRECTORY : FILE_ATTRIBUTE_ARCHIVE;
    if (!S_ISDIR(st.st_mode) && !(st.st_mode & S_IWUSR)) attributes |= FILE_ATTRIBUTE_READONLY;
    return attributes;
}

FILE_BASIC_INFORMATION basic_info_of(const struct stat& st) {
    FILE_BASIC_INFORMATION info{};
    // Unix keeps no creation time; the status change time stands in.
    info.CreationTime.QuadPart = nt_time(st.st_ctim);
    info.LastAccessTime.QuadPart = nt_time(st.st_atim);
    info.LastWriteTime.QuadPart = nt_time(st.st_mtim);
    info.ChangeTime.QuadPart = nt_time(st.st_ctim);
    info.FileAttributes = attributes_of(st);
    return info;
}

FILE_STANDARD_INFORMATION standard_info_of(const struct stat& st) {
    FILE_STANDARD_INFORMATION info{};
    bool directory = S_ISDIR(st.st_mode);
    info.AllocationSize.QuadPart = directory ? 0 : static_cast<LONGLONG>(st.st_blocks) * 512;
    info.EndOfFile.QuadPart = directory ? 0 : st.st_size;
    info.NumberOfLinks = static_cast<ULONG>(st.st_nlink);
    info.Directory = directory;
    return info;
}

FILE_NETWORK_OPEN_INFORMATION network_open_info_of(const struct stat& st) {
    FILE_NETWORK_OPEN_INFORMATION info{};
    FILE_BASIC_INFORMATION basic = basic_info_of(st);
    FILE_STANDARD_INFORMATION standard = standard_info_of(st);
    info.CreationTime = basic.CreationTime;
    info.LastAccessTime = basic.LastAccessTime;
    info.LastWriteTime = basic.LastWriteTime;
    info.ChangeTime = basic.ChangeTime;
    info.AllocationSize = standard.AllocationSize;
    info.EndOfFile = standard.EndOfFile;
    info.FileAttributes = basic.FileAttributes;
    return info;
}

namespace {

NTSTATUS stat_by_name(const OBJECT_ATTRIBUTES* attributes, struct stat& st) {
    UnixName name;
    if (NTSTATUS status = unix_name_of(attributes, name)) return status;
    if (stat(name.path.c_str(), &st) != 0) return status_of_path_error(name.path, errno);
    if (name.trailing_separator && !S_ISDIR(st.st_mode)) return STATUS_OBJECT_NAME_INVALID;
    return STATUS_SUCCESS;
}

}  // namespace

}  // namespace ntdll

VINE_EXPORT NTSTATUS NtQueryAttributesFile(const OBJECT_ATTRIBUTES* attributes, FILE_BASIC_INFORMATION* info) {
    if (!info) return ntdll::kStatusAccessViolation;
    struct stat st {};
    if (NTSTATUS status = ntdll::stat_by_name(attributes, st)) return status;
    *info = ntdll::basic_info_of(st);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtQueryFullAttributesFile(const OBJECT_ATTRIBUTES* attributes,
                                               FILE_NETWORK_OPEN_INFORMATION* info) {
    if (!info) return ntdll::kStatusAccessViolation;
    struct stat st {};
    if (NTSTATUS status = ntdll::stat_by_name(attributes, st)) return status;
    *info = ntdll::network_open_info_of(st);
    return STATUS_SUCCESS;
}
