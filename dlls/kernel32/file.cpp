// Files: CreateFile, ReadFile, WriteFile and friends on Unix descriptors.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "kernel32_private.h"
#include "vine/paths.h"
#include "vine/server_client.h"
#include "vine/unicode.h"

using namespace kernel32;

namespace {

constexpr DWORD FILE_APPEND_DATA = 0x4;
constexpr DWORD FILE_WRITE_DATA = 0x2;
constexpr DWORD FILE_READ_DATA = 0x1;
constexpr DWORD GENERIC_ALL = 0x10000000;
constexpr DWORD INVALID_SET_FILE_POINTER = 0xffffffff;

// The descriptor behind a file or pipe handle (from the handle cache), or
// -1 with ERROR_INVALID_HANDLE.
int fd_of(HANDLE handle) {
    int fd = vine::client::handle_fd(handle);
    if (fd < 0) set_error(ERROR_INVALID_HANDLE);
    return fd;
}

}  // namespace

namespace kernel32 {

FILETIME filetime_from(const timespec& ts) {
    constexpr uint64_t kEpochDifference = 11644473600ull;  // 1601-01-01 to 1970-01-01, in seconds
    uint64_t value = (static_cast<uint64_t>(ts.tv_sec) + kEpochDifference) * 10000000ull + ts.tv_nsec / 100;
    return FILETIME{static_cast<DWORD>(value), static_cast<DWORD>(value >> 32)};
}

bool stat_of_handle(HANDLE handle, struct stat& st) {
    int fd = fd_of(handle);
    if (fd < 0) return false;
    if (fstat(fd, &st) == 0) return true;
    fail_errno();
    return false;
}

DWORD attributes_from(const struct stat& st) {
    // Files Windows creates carry the archive attribute (set on every write,
    // cleared only by backup tools); directories only the directory one.
    DWORD attributes = S_ISDIR(st.st_mode) ? FILE_ATTRIBUTE_DIRECTORY : FILE_ATTRIBUTE_ARCHIVE;
    // Windows' read-only attribute is the owner's missing write permission;
    // it is not meaningful for directories.
    if (!S_ISDIR(st.st_mode) && !(st.st_mode & S_IWUSR)) attributes |= FILE_ATTRIBUTE_READONLY;
    return attributes;
}

}  // namespace kernel32

VINE_EXPORT HANDLE CreateFileW(LPCWSTR name, DWORD access, DWORD share, SECURITY_ATTRIBUTES* security,
                               DWORD disposition, DWORD flags, HANDLE template_file) {
    if (name)
        if (auto pipe = open_named_pipe(name, access, security)) return *pipe;
    auto path = unix_path_of(name);
    if (!path) {
        set_error(name && *name ? ERROR_PATH_NOT_FOUND : ERROR_PATH_NOT_FOUND);
        return INVALID_HANDLE_VALUE;
    }
    bool reads = access & (GENERIC_READ | GENERIC_ALL | FILE_READ_DATA);
    bool writes = access & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA | FILE_APPEND_DATA);
    int mode = reads && writes ? O_RDWR : writes ? O_WRONLY : O_RDONLY;
    int open_flags = O_CLOEXEC;
    switch (disposition) {
    case CREATE_NEW: open_flags |= O_CREAT | O_EXCL; break;
    case CREATE_ALWAYS: open_flags |= O_CREAT | O_TRUNC; break;  // truncated after the share check
    case OPEN_EXISTING: break;
    case OPEN_ALWAYS: open_flags |= O_CREAT; break;
    case TRUNCATE_EXISTING:
        if (!writes) {
            set_error(ERROR_INVALID_PARAMETER);
            return INVALID_HANDLE_VALUE;
        }
        open_flags |= O_TRUNC;
        break;
    default: set_error(ERROR_INVALID_PARAMETER); return INVALID_HANDLE_VALUE;
    }
    struct stat before {};
    bool existed = stat(path->c_str(), &before) == 0;
    if (existed && S_ISDIR(before.st_mode)) {
        // Directories open only for metadata (FILE_FLAG_BACKUP_SEMANTICS).
        if (!(flags & 0x02000000)) {
            set_error(ERROR_ACCESS_DENIED);
            return INVALID_HANDLE_VALUE;
        }
        mode = O_RDONLY;
        open_flags &= ~(O_CREAT | O_TRUNC | O_EXCL);
    }
    if (access == 0) mode = O_RDONLY;  // attribute-only access
    // Truncate only once the server has accepted our share mode: a
    // conflicting open must leave the file as it was.
    bool truncate = open_flags & O_TRUNC;
    open_flags &= ~O_TRUNC;
    int fd = open(path->c_str(), mode | open_flags, 0666);
    if (fd < 0 && access == 0 && errno == EACCES) fd = open(path->c_str(), O_PATH | O_CLOEXEC);
    if (fd < 0) {
        set_error(path_error(*path, errno));
        return INVALID_HANDLE_VALUE;
    }
    uint32_t error = 0;
    HANDLE handle = vine::client::add_file(fd, access, share, security && security->bInheritHandle, 0, error);
    if (!handle) {
        close(fd);
        set_error(error);
        return INVALID_HANDLE_VALUE;
    }
    if (truncate && ftruncate(fd, 0) != 0) {
        DWORD truncate_error = error_from_errno(errno);
        vine::client::close_handle(handle);
        set_error(truncate_error);
        return INVALID_HANDLE_VALUE;
    }
    set_error(existed && (disposition == CREATE_ALWAYS || disposition == OPEN_ALWAYS) ? ERROR_ALREADY_EXISTS
                                                                                     : ERROR_SUCCESS);
    return handle;
}

VINE_EXPORT HANDLE CreateFileA(LPCSTR name, DWORD access, DWORD share, SECURITY_ATTRIBUTES* security,
                               DWORD disposition, DWORD flags, HANDLE template_file) {
    if (!name) {
        set_error(ERROR_PATH_NOT_FOUND);
        return INVALID_HANDLE_VALUE;
    }
    std::u16string wide = wide_from_ansi(name);
    return CreateFileW(wide.c_str(), access, share, security, disposition, flags, template_file);
}

VINE_EXPORT BOOL ReadFile(HANDLE file, LPVOID buffer, DWORD to_read, DWORD* read_count, OVERLAPPED* overlapped) {
    if (read_count) *read_count = 0;
    int fd = fd_of(file);
    if (fd < 0) return FALSE;
    ssize_t n;
    do n = read(fd, buffer, to_read);
    while (n < 0 && errno == EINTR);
    if (n < 0) return fail_errno();
    if (read_count) *read_count = static_cast<DWORD>(n);
    // Every write end of a pipe closed (a named pipe's other end, for a
    // socket): Windows reports ERROR_BROKEN_PIPE.
    if (n == 0 && to_read) {
        struct stat st {};
        if (fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) {
            set_error(ERROR_BROKEN_PIPE);
            return FALSE;
        }
    }
    return TRUE;
}

VINE_EXPORT BOOL WriteFile(HANDLE file, LPCVOID buffer, DWORD to_write, DWORD* written, OVERLAPPED* overlapped) {
    if (written) *written = 0;
    int fd = fd_of(file);
    if (fd < 0) return FALSE;
    DWORD done = 0;
    while (done < to_write) {
        ssize_t n = write(fd, static_cast<const char*>(buffer) + done, to_write - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            if (written) *written = done;
            return fail_errno();
        }
        done += static_cast<DWORD>(n);
    }
    if (written) *written = done;
    return TRUE;
}

VINE_EXPORT BOOL SetFilePointerEx(HANDLE file, LARGE_INTEGER distance, LARGE_INTEGER* new_position, DWORD method) {
    int fd = fd_of(file);
    if (fd < 0) return FALSE;
    int whence = method == FILE_BEGIN ? SEEK_SET : method == FILE_CURRENT ? SEEK_CUR : method == FILE_END ? SEEK_END : -1;
    if (whence < 0) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    off_t current = lseek(fd, 0, SEEK_CUR);
    off_t origin = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? current : lseek(fd, 0, SEEK_END);
    if (origin < 0) return fail_errno();
    if (origin + distance.QuadPart < 0) {
        lseek(fd, current, SEEK_SET);
        set_error(ERROR_NEGATIVE_SEEK);
        return FALSE;
    }
    off_t result = lseek(fd, origin + distance.QuadPart, SEEK_SET);
    if (result < 0) return fail_errno();
    if (new_position) new_position->QuadPart = result;
    return TRUE;
}

VINE_EXPORT DWORD SetFilePointer(HANDLE file, LONG distance, LONG* distance_high, DWORD method) {
    LARGE_INTEGER move, position;
    move.QuadPart = distance_high ? (static_cast<LONGLONG>(*distance_high) << 32) | static_cast<DWORD>(distance)
                                  : distance;
    if (!SetFilePointerEx(file, move, &position, method)) return INVALID_SET_FILE_POINTER;
    if (distance_high) *distance_high = position.u.HighPart;
    set_error(ERROR_SUCCESS);
    return position.u.LowPart;
}

VINE_EXPORT BOOL GetFileSizeEx(HANDLE file, LARGE_INTEGER* size) {
    struct stat st {};
    int fd = fd_of(file);
    if (fd < 0) return FALSE;
    if (fstat(fd, &st) != 0) return fail_errno();
    size->QuadPart = st.st_size;
    return TRUE;
}

VINE_EXPORT DWORD GetFileSize(HANDLE file, DWORD* high) {
    LARGE_INTEGER size;
    if (!GetFileSizeEx(file, &size)) return 0xffffffff;
    if (high) *high = static_cast<DWORD>(size.u.HighPart);
    set_error(ERROR_SUCCESS);
    return size.u.LowPart;
}

VINE_EXPORT DWORD GetFileType(HANDLE file) {
    int fd = fd_of(file);
    struct stat st {};
    if (fd < 0 || fstat(fd, &st) != 0) {
        set_error(ERROR_INVALID_HANDLE);
        return FILE_TYPE_UNKNOWN;
    }
    set_error(ERROR_SUCCESS);
    if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) return FILE_TYPE_PIPE;
    if (S_ISCHR(st.st_mode)) return FILE_TYPE_CHAR;
    return FILE_TYPE_DISK;
}

VINE_EXPORT BOOL FlushFileBuffers(HANDLE file) {
    int fd = fd_of(file);
    if (fd < 0) return FALSE;
    fsync(fd);  // pipes and terminals refuse fsync, and need none
    return TRUE;
}

VINE_EXPORT BOOL SetEndOfFile(HANDLE file) {
    int fd = fd_of(file);
    if (fd < 0) return FALSE;
    off_t position = lseek(fd, 0, SEEK_CUR);
    if (position < 0 || ftruncate(fd, position) != 0) return fail_errno();
    return TRUE;
}

VINE_EXPORT BOOL DeleteFileW(LPCWSTR name) {
    auto path = unix_path_of(name);
    if (!path) {
        set_error(ERROR_PATH_NOT_FOUND);
        return FALSE;
    }
    struct stat st {};
    // Directories and read-only files cannot be deleted on Windows.
    if (stat(path->c_str(), &st) == 0 && (S_ISDIR(st.st_mode) || (attributes_from(st) & FILE_ATTRIBUTE_READONLY))) {
        set_error(ERROR_ACCESS_DENIED);
        return FALSE;
    }
    // Windows deletes through an open with DELETE access sharing everything:
    // it fails while the file is open without FILE_SHARE_DELETE.
    HANDLE deleting = nullptr;
    if (int fd = open(path->c_str(), O_PATH | O_CLOEXEC); fd >= 0) {
        uint32_t error = 0;
        constexpr DWORD DELETE = 0x10000;
        deleting = vine::client::add_file(fd, DELETE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, false,
                                          0, error);
        if (!deleting) {
            close(fd);
            set_error(error);
            return FALSE;
        }
    }
    bool removed = unlink(path->c_str()) == 0;
    int unlink_error = errno;
    if (deleting) vine::client::close_handle(deleting);
    if (!removed) {
        set_error(path_error(*path, unlink_error));
        return FALSE;
    }
    return TRUE;
}

VINE_EXPORT BOOL DeleteFileA(LPCSTR name) {
    std::u16string wide = wide_from_ansi(name ? name : "");
    return DeleteFileW(wide.c_str());
}

namespace {

// stat() of a Windows path; false with the Win32 error set (a missing
// parent is ERROR_PATH_NOT_FOUND). `path` gets the Unix path.
bool stat_windows_path(LPCWSTR name, struct stat& st, std::string& path) {
    auto unix_path = unix_path_of(name);
    if (!unix_path) {
        set_error(ERROR_PATH_NOT_FOUND);
        return false;
    }
    path = std::move(*unix_path);
    if (stat(path.c_str(), &st) != 0) {
        set_error(path_error(path, errno));
        return false;
    }
    return true;
}

}  // namespace

VINE_EXPORT DWORD GetFileAttributesW(LPCWSTR name) {
    struct stat st {};
    std::string path;
    if (!stat_windows_path(name, st, path)) return INVALID_FILE_ATTRIBUTES;
    return attributes_from(st);
}

VINE_EXPORT DWORD GetFileAttributesA(LPCSTR name) {
    std::u16string wide = wide_from_ansi(name ? name : "");
    return GetFileAttributesW(wide.c_str());
}

VINE_EXPORT BOOL CreateDirectoryW(LPCWSTR name, SECURITY_ATTRIBUTES*) {
    auto path = unix_path_of(name);
    if (!path) {
        set_error(ERROR_PATH_NOT_FOUND);
        return FALSE;
    }
    if (mkdir(path->c_str(), 0777) != 0) {
        set_error(errno == EEXIST ? ERROR_ALREADY_EXISTS : path_error(*path, errno));
        return FALSE;
    }
    return TRUE;
}

VINE_EXPORT BOOL RemoveDirectoryW(LPCWSTR name) {
    auto path = unix_path_of(name);
    if (!path) {
        set_error(ERROR_PATH_NOT_FOUND);
        return FALSE;
    }
    if (rmdir(path->c_str()) != 0) {
        struct stat st {};
        bool is_file = errno == ENOTDIR && stat(path->c_str(), &st) == 0 && !S_ISDIR(st.st_mode);
        set_error(is_file ? ERROR_DIRECTORY : path_error(*path, errno));
        return FALSE;
    }
    return TRUE;
}

VINE_EXPORT BOOL MoveFileExW(LPCWSTR from, LPCWSTR to, DWORD flags) {
    constexpr DWORD MOVEFILE_REPLACE_EXISTING = 1, MOVEFILE_COPY_ALLOWED = 2;
    auto source = unix_path_of(from), target = unix_path_of(to);
    if (!source || !target) {
        set_error(ERROR_PATH_NOT_FOUND);
        return FALSE;
    }
    struct stat source_st {}, target_st {};
    if (lstat(source->c_str(), &source_st) != 0) {
        set_error(path_error(*source, errno));
        return FALSE;
    }
    if (lstat(target->c_str(), &target_st) == 0) {
        if (source_st.st_dev == target_st.st_dev && source_st.st_ino == target_st.st_ino) {
            // The same file under another case: a rename to the new spelling.
            std::u16string wide_to(to, vine::utf16_length(to));
            auto slash = wide_to.find_last_of(u"\\/");
            std::string name = vine::utf16_to_utf8(slash == std::u16string::npos ? wide_to : wide_to.substr(slash + 1));
            auto unix_slash = target->rfind('/');
            *target = (unix_slash == std::string::npos ? std::string() : target->substr(0, unix_slash + 1)) + name;
        } else if (!(flags & MOVEFILE_REPLACE_EXISTING)) {
            set_error(ERROR_ALREADY_EXISTS);
            return FALSE;
        } else if (S_ISDIR(target_st.st_mode)) {
            set_error(ERROR_ACCESS_DENIED);
            return FALSE;
        }
    }
    if (rename(source->c_str(), target->c_str()) != 0) {
        int error = errno;
        if (error == EXDEV && (flags & MOVEFILE_COPY_ALLOWED) && !S_ISDIR(source_st.st_mode)) {
            if (!CopyFileW(from, to, !(flags & MOVEFILE_REPLACE_EXISTING))) return FALSE;
            if (unlink(source->c_str()) == 0) return TRUE;
            return fail_errno();
        }
        // The source exists: a missing name is the target's directory.
        set_error(error == ENOENT ? ERROR_PATH_NOT_FOUND : error_from_errno(error));
        return FALSE;
    }
    return TRUE;
}

VINE_EXPORT BOOL MoveFileExA(LPCSTR from, LPCSTR to, DWORD flags) {
    std::u16string wide_from = wide_from_ansi(from ? from : ""), wide_to = wide_from_ansi(to ? to : "");
    return MoveFileExW(wide_from.c_str(), wide_to.c_str(), flags);
}

VINE_EXPORT BOOL MoveFileA(LPCSTR from, LPCSTR to) { return MoveFileExA(from, to, 0); }

VINE_EXPORT BOOL MoveFileW(LPCWSTR from, LPCWSTR to) { return MoveFileExW(from, to, 0); }

VINE_EXPORT HANDLE GetStdHandle(DWORD which) {
    auto* params = current_teb()->ProcessEnvironmentBlock->ProcessParameters;
    switch (which) {
    case STD_INPUT_HANDLE: return params->StandardInput;
    case STD_OUTPUT_HANDLE: return params->StandardOutput;
    case STD_ERROR_HANDLE: return params->StandardError;
    default: set_error(ERROR_INVALID_HANDLE); return INVALID_HANDLE_VALUE;
    }
}

VINE_EXPORT BOOL SetStdHandle(DWORD which, HANDLE handle) {
    auto* params = current_teb()->ProcessEnvironmentBlock->ProcessParameters;
    switch (which) {
    case STD_INPUT_HANDLE: params->StandardInput = handle; return TRUE;
    case STD_OUTPUT_HANDLE: params->StandardOutput = handle; return TRUE;
    case STD_ERROR_HANDLE: params->StandardError = handle; return TRUE;
    default: set_error(ERROR_INVALID_HANDLE); return FALSE;
    }
}

struct BY_HANDLE_FILE_INFORMATION {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
    DWORD dwVolumeSerialNumber;
    DWORD nFileSizeHigh, nFileSizeLow;
    DWORD nNumberOfLinks;
    DWORD nFileIndexHigh, nFileIndexLow;
};
static_assert(sizeof(BY_HANDLE_FILE_INFORMATION) == 52);


VINE_EXPORT BOOL GetFileInformationByHandle(HANDLE file, BY_HANDLE_FILE_INFORMATION* info) {
    int fd = fd_of(file);
    struct stat st {};
    if (fd < 0) return FALSE;
    if (fstat(fd, &st) != 0) return fail_errno();
    info->dwFileAttributes = attributes_from(st);
    info->ftCreationTime = filetime_from(st.st_ctim);
    info->ftLastAccessTime = filetime_from(st.st_atim);
    info->ftLastWriteTime = filetime_from(st.st_mtim);
    info->dwVolumeSerialNumber = static_cast<DWORD>(st.st_dev);
    info->nFileSizeHigh = static_cast<DWORD>(static_cast<uint64_t>(st.st_size) >> 32);
    info->nFileSizeLow = static_cast<DWORD>(st.st_size);
    info->nNumberOfLinks = static_cast<DWORD>(st.st_nlink);
    info->nFileIndexHigh = static_cast<DWORD>(static_cast<uint64_t>(st.st_ino) >> 32);
    info->nFileIndexLow = static_cast<DWORD>(st.st_ino);
    return TRUE;
}

VINE_EXPORT BOOL CreateDirectoryA(LPCSTR name, SECURITY_ATTRIBUTES* security) {
    std::u16string wide = wide_from_ansi(name ? name : "");
    return CreateDirectoryW(wide.c_str(), security);
}

VINE_EXPORT BOOL RemoveDirectoryA(LPCSTR name) {
    std::u16string wide = wide_from_ansi(name ? name : "");
    return RemoveDirectoryW(wide.c_str());
}

struct WIN32_FILE_ATTRIBUTE_DATA {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
    DWORD nFileSizeHigh, nFileSizeLow;
};
static_assert(sizeof(WIN32_FILE_ATTRIBUTE_DATA) == 36);

VINE_EXPORT BOOL GetFileAttributesExW(LPCWSTR name, int level, void* out) {
    constexpr int GetFileExInfoStandard = 0;
    if (level != GetFileExInfoStandard || !out) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    struct stat st {};
    std::string path;
    if (!stat_windows_path(name, st, path)) return FALSE;
    auto* data = static_cast<WIN32_FILE_ATTRIBUTE_DATA*>(out);
    data->dwFileAttributes = attributes_from(st);
    // Linux keeps no creation time here; the change time is the closest.
    data->ftCreationTime = filetime_from(st.st_ctim);
    data->ftLastAccessTime = filetime_from(st.st_atim);
    data->ftLastWriteTime = filetime_from(st.st_mtim);
    uint64_t size = S_ISDIR(st.st_mode) ? 0 : static_cast<uint64_t>(st.st_size);
    data->nFileSizeHigh = static_cast<DWORD>(size >> 32);
    data->nFileSizeLow = static_cast<DWORD>(size);
    return TRUE;
}

VINE_EXPORT BOOL GetFileAttributesExA(LPCSTR name, int level, void* out) {
    std::u16string wide = wide_from_ansi(name ? name : "");
    return GetFileAttributesExW(wide.c_str(), level, out);
}

VINE_EXPORT BOOL SetFileAttributesW(LPCWSTR name, DWORD attributes) {
    struct stat st {};
    std::string path;
    if (!stat_windows_path(name, st, path)) return FALSE;
    // Only the read-only attribute has a Unix counterpart (the write
    // permission bits); the others are accepted and not kept.
    if (S_ISDIR(st.st_mode)) return TRUE;
    mode_t mode = st.st_mode & 07777;
    if (attributes & FILE_ATTRIBUTE_READONLY)
        mode &= ~(S_IWUSR | S_IWGRP | S_IWOTH);
    else if (!(mode & S_IWUSR))
        mode |= S_IWUSR;
    if (mode != (st.st_mode & 07777) && chmod(path.c_str(), mode) != 0) return fail_errno();
    return TRUE;
}

VINE_EXPORT BOOL SetFileAttributesA(LPCSTR name, DWORD attributes) {
    std::u16string wide = wide_from_ansi(name ? name : "");
    return SetFileAttributesW(wide.c_str(), attributes);
}

VINE_EXPORT BOOL CopyFileW(LPCWSTR from, LPCWSTR to, BOOL fail_if_exists) {
    auto source = unix_path_of(from), target = unix_path_of(to);
    if (!source || !target) {
        set_error(ERROR_PATH_NOT_FOUND);
        return FALSE;
    }
    int in = open(source->c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) {
        set_error(path_error(*source, errno));
        return FALSE;
    }
    struct stat st {};
    if (fstat(in, &st) != 0 || S_ISDIR(st.st_mode)) {
        close(in);
        set_error(ERROR_ACCESS_DENIED);
        return FALSE;
    }
    int out = open(target->c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | (fail_if_exists ? O_EXCL : 0),
                   st.st_mode & 0777);
    if (out < 0) {
        int error = errno;
        close(in);
        set_error(error == EEXIST ? ERROR_FILE_EXISTS : path_error(*target, error));
        return FALSE;
    }
    char buffer[65536];
    bool ok = true;
    for (;;) {
        ssize_t n = read(in, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ok = n == 0;
            break;
        }
        for (ssize_t done = 0; ok && done < n;) {
            ssize_t written = write(out, buffer + done, static_cast<size_t>(n - done));
            if (written < 0 && errno == EINTR) continue;
            if (written < 0) ok = false;
            else done += written;
        }
        if (!ok) break;
    }
    int error = errno;
    // The copy keeps the source's last write time, as on Windows.
    const timespec times[2] = {st.st_atim, st.st_mtim};
    if (ok) futimens(out, times);
    close(in);
    close(out);
    if (!ok) {
        set_error(error_from_errno(error));
        return FALSE;
    }
    return TRUE;
}

VINE_EXPORT BOOL CopyFileA(LPCSTR from, LPCSTR to, BOOL fail_if_exists) {
    std::u16string wide_from = wide_from_ansi(from ? from : ""), wide_to = wide_from_ansi(to ? to : "");
    return CopyFileW(wide_from.c_str(), wide_to.c_str(), fail_if_exists);
}
