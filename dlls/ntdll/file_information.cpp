// NtQueryInformationFile: what a file handle's descriptor (and, for the
// access mask, the handle) says about the file, in the FILE_*_INFORMATION layouts the Windows documentation gives.
// Runtimes (Go's os package among them) ask for the handle's mode, its size
// and its name this way rather than through kernel32.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstring>
#include <string>

#include "ntdll_private.h"
#include "vine/ntstatus.h"
#include "vine/paths.h"
#include "vine/server_client.h"

namespace {

enum : ULONG {
    FileBasicInformation = 4,
    FileStandardInformation = 5,
    FileInternalInformation = 6,
    FileAccessInformation = 8,
    FileNameInformation = 9,
    FilePositionInformation = 14,
    FileModeInformation = 16,
    FileNetworkOpenInformation = 34,
    FileAttributeTagInformation = 35,
};

struct FILE_BASIC_INFORMATION {
    LARGE_INTEGER CreationTime, LastAccessTime, LastWriteTime, ChangeTime;
    ULONG FileAttributes;
};
static_assert(sizeof(FILE_BASIC_INFORMATION) == 40);

struct FILE_STANDARD_INFORMATION {
    LARGE_INTEGER AllocationSize, EndOfFile;
    ULONG NumberOfLinks;
    BOOLEAN DeletePending, Directory;
};
static_assert(sizeof(FILE_STANDARD_INFORMATION) == 24);

struct FILE_NETWORK_OPEN_INFORMATION {
    LARGE_INTEGER CreationTime, LastAccessTime, LastWriteTime, ChangeTime, AllocationSize, EndOfFile;
    ULONG FileAttributes;
};
static_assert(sizeof(FILE_NETWORK_OPEN_INFORMATION) == 56);

struct FILE_ATTRIBUTE_TAG_INFORMATION {
    ULONG FileAttributes, ReparseTag;
};

constexpr ULONG FILE_ATTRIBUTE_READONLY = 0x1, FILE_ATTRIBUTE_DIRECTORY = 0x10, FILE_ATTRIBUTE_ARCHIVE = 0x20;
// Vine's file I/O is always synchronous: a handle behaves as one opened
// without FILE_FLAG_OVERLAPPED, which Windows reports with this mode.
constexpr ULONG FILE_SYNCHRONOUS_IO_NONALERT = 0x20;

LONGLONG nt_time(const timespec& ts) {
    constexpr LONGLONG kEpochDifference = 11644473600LL;  // 1601-01-01 to 1970-01-01, in seconds
    return (ts.tv_sec + kEpochDifference) * 10000000LL + ts.tv_nsec / 100;
}

// The same attributes kernel32's GetFileAttributes reports (see
// kernel32/file.cpp: attributes_from).
ULONG attributes_of(const struct stat& st) {
    ULONG attributes = S_ISDIR(st.st_mode) ? FILE_ATTRIBUTE_DIRECTORY : FILE_ATTRIBUTE_ARCHIVE;
    if (!S_ISDIR(st.st_mode) && !(st.st_mode & S_IWUSR)) attributes |= FILE_ATTRIBUTE_READONLY;
    return attributes;
}

// The handle keeps the rights as asked; Windows reports generic rights
// mapped to a file's specific ones (the file object's generic mapping).
ACCESS_MASK file_rights(ACCESS_MASK access) {
    constexpr ACCESS_MASK GENERIC_READ = 0x80000000, GENERIC_WRITE = 0x40000000, GENERIC_EXECUTE = 0x20000000,
                          GENERIC_ALL = 0x10000000;
    constexpr ACCESS_MASK FILE_GENERIC_READ = 0x120089, FILE_GENERIC_WRITE = 0x120116,
                          FILE_GENERIC_EXECUTE = 0x1200a0, FILE_ALL_ACCESS = 0x1f01ff;
    ACCESS_MASK rights = access & ~(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL);
    if (access & GENERIC_READ) rights |= FILE_GENERIC_READ;
    if (access & GENERIC_WRITE) rights |= FILE_GENERIC_WRITE;
    if (access & GENERIC_EXECUTE) rights |= FILE_GENERIC_EXECUTE;
    if (access & GENERIC_ALL) rights |= FILE_ALL_ACCESS;
    return rights;
}

NTSTATUS status_from_errno(int error) {
    return error == EBADF ? STATUS_INVALID_HANDLE : STATUS_ACCESS_DENIED;
}

// FileNameInformation is the path without its drive ("\dir\file"); a pipe
// or terminal has no name in the file system. A buffer too small for the
// whole name gets what fits and STATUS_BUFFER_OVERFLOW, with the full
// length in FileNameLength, as Windows does.
NTSTATUS query_name(int fd, void* buffer, ULONG length, ULONG_PTR& written) {
    constexpr ULONG kHeader = sizeof(ULONG);
    char link[64], target[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t size = readlink(link, target, sizeof target - 1);
    if (size <= 0 || target[0] != '/') return STATUS_INVALID_PARAMETER;
    target[size] = '\0';
    std::u16string dos = vine::paths::unix_to_dos(target);
    std::u16string_view name = dos;
    if (name.size() >= 2 && name[1] == u':') name.remove_prefix(2);
    ULONG bytes = static_cast<ULONG>(name.size() * sizeof(char16_t));
    std::memcpy(buffer, &bytes, sizeof bytes);
    ULONG room = length - kHeader;
    ULONG copied = bytes < room ? bytes : room & ~1u;
    std::memcpy(static_cast<char*>(buffer) + kHeader, name.data(), copied);
    written = kHeader + copied;
    return copied < bytes ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

}  // namespace

VINE_EXPORT NTSTATUS NtQueryInformationFile(HANDLE file, IO_STATUS_BLOCK* io, void* buffer, ULONG length,
                                            ULONG info_class) {
    ULONG needed = 0;
    switch (info_class) {
    case FileBasicInformation: needed = sizeof(FILE_BASIC_INFORMATION); break;
    case FileStandardInformation: needed = sizeof(FILE_STANDARD_INFORMATION); break;
    case FileNameInformation: needed = 8; break;  // sizeof(FILE_NAME_INFORMATION), one WCHAR padded
    case FilePositionInformation: needed = sizeof(LARGE_INTEGER); break;
    case FileModeInformation: needed = sizeof(ULONG); break;
    case FileInternalInformation: needed = sizeof(LARGE_INTEGER); break;
    case FileAccessInformation: needed = sizeof(ACCESS_MASK); break;
    case FileNetworkOpenInformation: needed = sizeof(FILE_NETWORK_OPEN_INFORMATION); break;
    case FileAttributeTagInformation: needed = sizeof(FILE_ATTRIBUTE_TAG_INFORMATION); break;
    default: return STATUS_INVALID_INFO_CLASS;
    }
    if (length < needed) return STATUS_INFO_LENGTH_MISMATCH;
    int fd = vine::client::handle_fd(file);
    if (fd < 0) return STATUS_INVALID_HANDLE;

    NTSTATUS status = STATUS_SUCCESS;
    ULONG_PTR written = needed;
    struct stat st {};
    bool needs_stat = info_class != FileModeInformation && info_class != FileNameInformation &&
                      info_class != FileAccessInformation;
    if (needs_stat && fstat(fd, &st) != 0) return status_from_errno(errno);
    switch (info_class) {
    case FileBasicInformation: {
        FILE_BASIC_INFORMATION info{};
        // Unix keeps no creation time; the status change time stands in, as
        // in GetFileInformationByHandle.
        info.CreationTime.QuadPart = nt_time(st.st_ctim);
        info.LastAccessTime.QuadPart = nt_time(st.st_atim);
        info.LastWriteTime.QuadPart = nt_time(st.st_mtim);
        info.ChangeTime.QuadPart = nt_time(st.st_ctim);
        info.FileAttributes = attributes_of(st);
        std::memcpy(buffer, &info, sizeof info);
        break;
    }
    case FileStandardInformation: {
        FILE_STANDARD_INFORMATION info{};
        bool directory = S_ISDIR(st.st_mode);
        info.AllocationSize.QuadPart = directory ? 0 : static_cast<LONGLONG>(st.st_blocks) * 512;
        info.EndOfFile.QuadPart = directory ? 0 : st.st_size;
        info.NumberOfLinks = static_cast<ULONG>(st.st_nlink);
        info.Directory = directory;
        std::memcpy(buffer, &info, sizeof info);
        break;
    }
    case FilePositionInformation: {
        // Pipes and terminals have no position; Windows reports 0 for them.
        off_t position = S_ISREG(st.st_mode) || S_ISBLK(st.st_mode) ? lseek(fd, 0, SEEK_CUR) : 0;
        LARGE_INTEGER value{};
        value.QuadPart = position < 0 ? 0 : position;
        std::memcpy(buffer, &value, sizeof value);
        break;
    }
    case FileModeInformation: {
        ULONG mode = FILE_SYNCHRONOUS_IO_NONALERT;
        std::memcpy(buffer, &mode, sizeof mode);
        break;
    }
    case FileInternalInformation: {
        // The file's index, as in GetFileInformationByHandle: its inode.
        LARGE_INTEGER index{};
        index.QuadPart = static_cast<LONGLONG>(st.st_ino);
        std::memcpy(buffer, &index, sizeof index);
        break;
    }
    case FileAccessInformation: {
        vine::client::HandleInfo handle_info;
        if (!vine::client::handle_info(file, handle_info)) return STATUS_INVALID_HANDLE;
        ACCESS_MASK access = file_rights(handle_info.access);
        std::memcpy(buffer, &access, sizeof access);
        break;
    }
    case FileNetworkOpenInformation: {
        FILE_NETWORK_OPEN_INFORMATION info{};
        bool directory = S_ISDIR(st.st_mode);
        info.CreationTime.QuadPart = nt_time(st.st_ctim);
        info.LastAccessTime.QuadPart = nt_time(st.st_atim);
        info.LastWriteTime.QuadPart = nt_time(st.st_mtim);
        info.ChangeTime.QuadPart = nt_time(st.st_ctim);
        info.AllocationSize.QuadPart = directory ? 0 : static_cast<LONGLONG>(st.st_blocks) * 512;
        info.EndOfFile.QuadPart = directory ? 0 : st.st_size;
        info.FileAttributes = attributes_of(st);
        std::memcpy(buffer, &info, sizeof info);
        break;
    }
    case FileAttributeTagInformation: {
        // Vine creates no reparse points: symbolic links are followed.
        FILE_ATTRIBUTE_TAG_INFORMATION info{attributes_of(st), 0};
        std::memcpy(buffer, &info, sizeof info);
        break;
    }
    case FileNameInformation:
        status = query_name(fd, buffer, length, written);
        // A warning (STATUS_BUFFER_OVERFLOW) still fills the I/O status.
        if (static_cast<uint32_t>(status) >> 30 == 3) return status;
        break;
    }
    if (io) {
        io->Status = status;
        io->Information = written;
    }
    return status;
}
