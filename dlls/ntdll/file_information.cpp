// NtQueryInformationFile: what a file handle's descriptor says about the
// file, in the FILE_*_INFORMATION layouts the Windows documentation gives.
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

constexpr NTSTATUS STATUS_BUFFER_OVERFLOW = nt_status(0x80000005);

enum : ULONG {
    FileBasicInformation = 4,
    FileStandardInformation = 5,
    FileNameInformation = 9,
    FilePositionInformation = 14,
    FileModeInformation = 16,
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
    default: return STATUS_INVALID_INFO_CLASS;
    }
    if (length < needed) return STATUS_INFO_LENGTH_MISMATCH;
    int fd = vine::client::handle_fd(file);
    if (fd < 0) return STATUS_INVALID_HANDLE;

    NTSTATUS status = STATUS_SUCCESS;
    ULONG_PTR written = needed;
    struct stat st {};
    if (info_class != FileModeInformation && info_class != FileNameInformation && fstat(fd, &st) != 0)
        return status_from_errno(errno);
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
