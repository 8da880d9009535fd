// NtSetInformationFile: position, size, times and attributes, pending
// deletes (the server deletes the file when its last handle closes, or at
// this handle's close with POSIX semantics) and renames, each checked
// against the rights the handle was opened with.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "file_name.h"
#include "async_io.h"
#include "file_private.h"
#include "named_pipe.h"
#include "ntdll_private.h"
#include "object.h"
#include "vine/ntstatus.h"
#include "vine/paths.h"
#include "vine/server_client.h"
#include "vine/unicode.h"

using namespace vine::nt;

namespace ntdll {

// Only a cut asks the server; a file mapped nowhere is most files.
NTSTATUS may_cut(HANDLE handle, int fd, LONGLONG size) {
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || size >= st.st_size) return STATUS_SUCCESS;
    vine::protocol::check_truncate_request request{reinterpret_cast<uintptr_t>(handle)};
    vine::protocol::check_truncate_reply reply{};
    uint32_t error = vine::client::call(request, reply);
    return error ? status_from_server(error) : STATUS_SUCCESS;
}

}  // namespace ntdll

namespace protocol = vine::protocol;

namespace {

template <typename T>
T get(const void* buffer) {
    T value;
    std::memcpy(&value, buffer, sizeof value);
    return value;
}

NTSTATUS set_position(const ntdll::OpenFile& file, LONGLONG position) {
    if (position < 0) return STATUS_INVALID_PARAMETER;
    if (lseek(file.fd, position, SEEK_SET) < 0) return ntdll::status_from_errno(errno);
    return STATUS_SUCCESS;
}

NTSTATUS set_size(HANDLE handle, const ntdll::OpenFile& file, LONGLONG size) {
    if (size < 0) return STATUS_INVALID_PARAMETER;
    if (NTSTATUS status = ntdll::may_cut(handle, file.fd, size)) return status;
    if (ftruncate(file.fd, size) == 0) return STATUS_SUCCESS;
    return errno == EBADF || errno == EINVAL ? STATUS_ACCESS_DENIED : ntdll::status_from_errno(errno);
}

NTSTATUS set_basic(const ntdll::OpenFile& file, const FILE_BASIC_INFORMATION& info) {
    // 0 leaves a time as it is, -1 too (it also stops later updates on
    // Windows, which Linux cannot). Creation and change times have no
    // settable Unix counterpart.
    auto unix_time = [](const LARGE_INTEGER& time) {
        timespec ts{0, UTIME_OMIT};
        if (time.QuadPart > 0) {
            constexpr LONGLONG kEpoch = 116444736000000000LL;
            LONGLONG since = time.QuadPart - kEpoch;
            ts.tv_sec = since / 10000000;
            ts.tv_nsec = (since % 10000000) * 100;
            if (ts.tv_nsec < 0) {
                ts.tv_nsec += 1000000000;
                --ts.tv_sec;
            }
        }
        return ts;
    };
    const timespec times[2] = {unix_time(info.LastAccessTime), unix_time(info.LastWriteTime)};
    if ((times[0].tv_nsec != UTIME_OMIT || times[1].tv_nsec != UTIME_OMIT) && futimens(file.fd, times) != 0) {
        // An O_PATH descriptor: by its path.
        std::string path = ntdll::path_of_fd(file.fd);
        if (path.empty() || utimensat(AT_FDCWD, path.c_str(), times, 0) != 0) return ntdll::status_from_errno(errno);
    }
    if (info.FileAttributes) {
        struct stat st {};
        if (fstat(file.fd, &st) != 0) return ntdll::status_from_errno(errno);
        if (!S_ISDIR(st.st_mode)) {
            // Read-only is the owner's missing write permission.
            mode_t mode = st.st_mode & 07777;
            mode = (info.FileAttributes & FILE_ATTRIBUTE_READONLY) ? mode & ~mode_t{0222} : mode | S_IWUSR;
            if (mode != (st.st_mode & 07777) && fchmod(file.fd, mode) != 0) {
                std::string path = ntdll::path_of_fd(file.fd);
                if (path.empty() || chmod(path.c_str(), mode) != 0) return ntdll::status_from_errno(errno);
            }
        }
    }
    return STATUS_SUCCESS;
}

bool directory_is_empty(int fd) {
    int copy = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (copy < 0) return true;  // unreadable: let rmdir decide at close
    DIR* dir = fdopendir(copy);
    if (!dir) {
        close(copy);
        return true;
    }
    bool empty = true;
    while (dirent* entry = readdir(dir))
        if (std::strcmp(entry->d_name, ".") != 0 && std::strcmp(entry->d_name, "..") != 0) {
            empty = false;
            break;
        }
    closedir(dir);
    return empty;
}

NTSTATUS set_disposition(HANDLE handle, const ntdll::OpenFile& file, ULONG flags) {
    if (flags & FILE_DISPOSITION_ON_CLOSE) return STATUS_NOT_SUPPORTED;
    if (flags & FILE_DISPOSITION_DELETE) {
        struct stat st {};
        if (fstat(file.fd, &st) != 0) return ntdll::status_from_errno(errno);
        if (!S_ISDIR(st.st_mode) && (ntdll::attributes_of(st) & FILE_ATTRIBUTE_READONLY) &&
            !(flags & FILE_DISPOSITION_IGNORE_READONLY_ATTRIBUTE))
            return STATUS_CANNOT_DELETE;
        // A directory must be empty by the time it is deleted; Windows
        // refuses at once.
        if (S_ISDIR(st.st_mode) && !directory_is_empty(file.fd)) return STATUS_DIRECTORY_NOT_EMPTY;
    }
    protocol::set_file_disposition_request request{};
    request.handle = reinterpret_cast<uintptr_t>(handle);
    request.mode = !(flags & FILE_DISPOSITION_DELETE)          ? protocol::disposition_keep
                   : (flags & FILE_DISPOSITION_POSIX_SEMANTICS) ? protocol::disposition_delete_posix
                                                                : protocol::disposition_delete;
    protocol::set_file_disposition_reply reply{};
    uint32_t error = vine::client::call(request, reply);
    if (error == protocol::status::invalid_handle) return STATUS_INVALID_HANDLE;
    if (error) return STATUS_CANNOT_DELETE;  // opened without a name the server knows (a pipe, a device)
    return STATUS_SUCCESS;
}

NTSTATUS rename_file(HANDLE handle, const ntdll::OpenFile& file, const void* buffer, ULONG length, bool ex) {
    constexpr ULONG kNameOffset = offsetof(FILE_RENAME_INFORMATION, FileName);
    auto info = get<FILE_RENAME_INFORMATION>(buffer);
    if (info.FileNameLength % 2 || info.FileNameLength > length - kNameOffset || !info.FileNameLength)
        return STATUS_INVALID_PARAMETER;
    ULONG flags = ex ? info.Flags : (info.ReplaceIfExists ? FILE_RENAME_REPLACE_IF_EXISTS : 0);
    std::u16string target_name(info.FileNameLength / 2, u'\0');
    std::memcpy(target_name.data(), static_cast<const char*>(buffer) + kNameOffset, info.FileNameLength);

    std::string source = ntdll::path_of_fd(file.fd);
    if (source.empty()) return STATUS_INVALID_PARAMETER;
    struct stat source_st {};
    if (lstat(source.c_str(), &source_st) != 0) return ntdll::status_from_errno(errno);

    // A bare name without a directory handle renames within the file's
    // own directory; otherwise the name is an NT name or relative to
    // RootDirectory.
    std::string target;
    bool trailing = false;
    std::u16string last = target_name;
    if (auto slash = last.rfind(u'\\'); slash != std::u16string::npos) last.erase(0, slash + 1);
    if (!info.RootDirectory && target_name[0] != u'\\') {
        vine::paths::NtName parsed;
        if (NTSTATUS status = vine::paths::parse_relative_nt_name(target_name, parsed)) return status;
        if (parsed.rest.find(u'\\') != std::u16string::npos) return STATUS_INVALID_PARAMETER;
        target = source.substr(0, source.rfind('/') + 1) + vine::utf16_to_unix(parsed.rest);
        target = vine::paths::lookup_ignoring_case(target);
    } else {
        UNICODE_STRING name{static_cast<USHORT>(info.FileNameLength), static_cast<USHORT>(info.FileNameLength),
                            target_name.data()};
        OBJECT_ATTRIBUTES attributes{sizeof attributes, info.RootDirectory, &name, 0, nullptr, nullptr};
        ntdll::UnixName unix_name;
        if (NTSTATUS status = ntdll::unix_name_of(&attributes, unix_name)) return status;
        if (unix_name.is_device) return STATUS_INVALID_PARAMETER;
        target = std::move(unix_name.path);
        trailing = unix_name.trailing_separator;
    }
    if (trailing && !S_ISDIR(source_st.st_mode)) return STATUS_OBJECT_NAME_INVALID;

    struct stat target_st {};
    if (lstat(target.c_str(), &target_st) == 0) {
        if (target_st.st_dev == source_st.st_dev && target_st.st_ino == source_st.st_ino) {
            // The same file under another case: a rename to the new spelling.
            target = target.substr(0, target.rfind('/') + 1) + vine::utf16_to_unix(last);
        } else if (!(flags & FILE_RENAME_REPLACE_IF_EXISTS)) {
            return STATUS_OBJECT_NAME_COLLISION;
        } else if (S_ISDIR(target_st.st_mode)) {
            return STATUS_ACCESS_DENIED;
        } else if (!(flags & FILE_RENAME_IGNORE_READONLY_ATTRIBUTE) &&
                   (ntdll::attributes_of(target_st) & FILE_ATTRIBUTE_READONLY)) {
            return STATUS_ACCESS_DENIED;
        }
    }
    if (rename(source.c_str(), target.c_str()) != 0) {
        int error = errno;
        // The source exists: a missing name is the target's directory.
        return error == ENOENT ? STATUS_OBJECT_PATH_NOT_FOUND : ntdll::status_from_errno(error);
    }
    // The server deletes by path: it follows the file to its new name.
    protocol::set_file_path_request request{reinterpret_cast<uintptr_t>(handle)};
    protocol::set_file_path_reply reply{};
    vine::client::call(request, reply, target.data(), static_cast<uint32_t>(target.size()));
    return STATUS_SUCCESS;
}

ULONG size_of_class(ULONG info_class) {
    switch (info_class) {
    case FileBasicInformation: return sizeof(FILE_BASIC_INFORMATION);
    case FilePositionInformation: return sizeof(FILE_POSITION_INFORMATION);
    case FileEndOfFileInformation: return sizeof(FILE_END_OF_FILE_INFORMATION);
    case FileAllocationInformation: return sizeof(FILE_ALLOCATION_INFORMATION);
    case FileDispositionInformation: return sizeof(FILE_DISPOSITION_INFORMATION);
    case FileDispositionInformationEx: return sizeof(FILE_DISPOSITION_INFORMATION_EX);
    case FileRenameInformation:
    case FileRenameInformationEx: return offsetof(FILE_RENAME_INFORMATION, FileName);
    case FileModeInformation: return sizeof(FILE_MODE_INFORMATION);
    default: return 0;
    }
}

ACCESS_MASK rights_of_class(ULONG info_class) {
    switch (info_class) {
    case FileBasicInformation: return FILE_WRITE_ATTRIBUTES;
    case FileEndOfFileInformation:
    case FileAllocationInformation: return FILE_WRITE_DATA;
    case FileDispositionInformation:
    case FileDispositionInformationEx:
    case FileRenameInformation:
    case FileRenameInformationEx: return DELETE;
    default: return 0;
    }
}

}  // namespace

VINE_EXPORT NTSTATUS NtSetInformationFile(HANDLE handle, IO_STATUS_BLOCK* io, const void* buffer, ULONG length,
                                          ULONG info_class) {
    if (info_class == FileCompletionInformation || info_class == FileIoCompletionNotificationInformation ||
        info_class == FilePipeInformation) {
        if (!io || !buffer) return ntdll::kStatusAccessViolation;
        NTSTATUS status = info_class == FilePipeInformation
                              ? ntdll::set_pipe_information(handle, buffer, length)
                              : ntdll::async::set_completion_information(handle, buffer, length, info_class);
        if (status) return status;
        io->Status = STATUS_SUCCESS;
        io->Information = 0;
        return STATUS_SUCCESS;
    }
    ULONG needed = size_of_class(info_class);
    if (!needed) return STATUS_INVALID_INFO_CLASS;
    if (length < needed) return STATUS_INFO_LENGTH_MISMATCH;
    if (!io || !buffer) return ntdll::kStatusAccessViolation;
    ntdll::OpenFile file;
    if (NTSTATUS status = ntdll::open_file_of(handle, rights_of_class(info_class), file)) return status;
    NTSTATUS status = STATUS_SUCCESS;
    switch (info_class) {
    case FileBasicInformation: status = set_basic(file, get<FILE_BASIC_INFORMATION>(buffer)); break;
    case FilePositionInformation:
        status = set_position(file, get<FILE_POSITION_INFORMATION>(buffer).CurrentByteOffset.QuadPart);
        break;
    case FileEndOfFileInformation:
        status = set_size(handle, file, get<FILE_END_OF_FILE_INFORMATION>(buffer).EndOfFile.QuadPart);
        break;
    case FileAllocationInformation: {
        // Space is allocated as the file grows; an allocation below the
        // end of the file cuts the file there, as on Windows.
        LONGLONG allocation = get<FILE_ALLOCATION_INFORMATION>(buffer).AllocationSize.QuadPart;
        struct stat st {};
        if (fstat(file.fd, &st) != 0) return ntdll::status_from_errno(errno);
        if (allocation < st.st_size) status = set_size(handle, file, allocation);
        break;
    }
    case FileDispositionInformation:
        status = set_disposition(handle, file,
                                 get<FILE_DISPOSITION_INFORMATION>(buffer).DeleteFile ? FILE_DISPOSITION_DELETE : 0);
        break;
    case FileDispositionInformationEx:
        status = set_disposition(handle, file, get<FILE_DISPOSITION_INFORMATION_EX>(buffer).Flags);
        break;
    case FileRenameInformation:
    case FileRenameInformationEx:
        status = rename_file(handle, file, buffer, length, info_class == FileRenameInformationEx);
        break;
    case FileModeInformation: {
        // Only the mode bits a caller may change after the open.
        ULONG mode = get<FILE_MODE_INFORMATION>(buffer).Mode;
        if (mode & ~(FILE_WRITE_THROUGH | FILE_SEQUENTIAL_ONLY | FILE_SYNCHRONOUS_IO_ALERT |
                     FILE_SYNCHRONOUS_IO_NONALERT))
            return STATUS_INVALID_PARAMETER;
        break;
    }
    }
    if (status) return status;
    io->Status = STATUS_SUCCESS;
    io->Information = 0;
    return STATUS_SUCCESS;
}
