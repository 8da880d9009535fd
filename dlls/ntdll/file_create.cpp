// NtCreateFile, NtOpenFile and NtDeleteFile: an NT name becomes a Unix
// path (file_name.cpp), the disposition and options decide how it is
// opened or created, and the descriptor becomes a handle in the server,
// which checks share modes and keeps the path for a pending delete.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "file_name.h"
#include "file_private.h"
#include "device.h"
#include "serial.h"
#include "named_pipe.h"
#include "ntdll_private.h"
#include "vine/ntstatus.h"

using namespace vine::nt;
namespace protocol = vine::protocol;

namespace {

constexpr ACCESS_MASK kReadRights = FILE_READ_DATA | FILE_EXECUTE;
constexpr ACCESS_MASK kWriteRights = FILE_WRITE_DATA | FILE_APPEND_DATA;

// The server's Win32 status for a refused handle, as the NTSTATUS behind it.
NTSTATUS status_of_server_error(uint32_t error) {
    switch (error) {
    case protocol::status::sharing_violation: return STATUS_SHARING_VIOLATION;
    case protocol::status::delete_pending: return STATUS_DELETE_PENDING;
    case protocol::status::cannot_delete: return STATUS_CANNOT_DELETE;
    case protocol::status::too_many_open_files: return STATUS_TOO_MANY_OPENED_FILES;
    case protocol::status::not_enough_memory: return STATUS_NO_MEMORY;
    default: return STATUS_INVALID_PARAMETER;
    }
}

struct CreateRequest {
    ACCESS_MASK access;
    ULONG file_attributes, sharing, disposition, options;
    bool inherit;
    bool private_handle = false;  // __vine_create_private_file's
};

NTSTATUS check_parameters(const CreateRequest& req) {
    if (req.disposition > FILE_OVERWRITE_IF) return STATUS_INVALID_PARAMETER;
    if (req.options & ~FILE_VALID_OPTION_FLAGS) return STATUS_INVALID_PARAMETER;
    if ((req.options & FILE_DIRECTORY_FILE) && (req.options & FILE_NON_DIRECTORY_FILE))
        return STATUS_INVALID_PARAMETER;
    if ((req.options & FILE_SYNCHRONOUS_IO_ALERT) && (req.options & FILE_SYNCHRONOUS_IO_NONALERT))
        return STATUS_INVALID_PARAMETER;
    // Synchronous I/O needs the handle to be waited on.
    if ((req.options & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT)) && !(req.access & SYNCHRONIZE))
        return STATUS_INVALID_PARAMETER;
    if ((req.options & FILE_DELETE_ON_CLOSE) && !(req.access & DELETE)) return STATUS_INVALID_PARAMETER;
    // A directory is only opened or created, never overwritten.
    if ((req.options & FILE_DIRECTORY_FILE) && req.disposition != FILE_OPEN && req.disposition != FILE_CREATE &&
        req.disposition != FILE_OPEN_IF)
        return STATUS_INVALID_PARAMETER;
    if (req.sharing & ~(FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)) return STATUS_INVALID_PARAMETER;
    // Linux cannot open a file by its inode number from user space.
    if (req.options & FILE_OPEN_BY_FILE_ID) return STATUS_NOT_SUPPORTED;
    return STATUS_SUCCESS;
}

int open_mode(ACCESS_MASK access) {
    bool reads = access & kReadRights, writes = access & kWriteRights;
    int mode = reads && writes ? O_RDWR : writes ? O_WRONLY : O_RDONLY;
    // FILE_APPEND_DATA without FILE_WRITE_DATA: every write goes to the end.
    if ((access & FILE_APPEND_DATA) && !(access & FILE_WRITE_DATA)) mode |= O_APPEND;
    return mode;
}

NTSTATUS create_file(HANDLE* handle, const OBJECT_ATTRIBUTES* attributes, IO_STATUS_BLOCK* io, CreateRequest req) {
    if (!handle || !io || !attributes) return ntdll::kStatusAccessViolation;
    *handle = nullptr;
    req.access = map_generic_file_rights(req.access);
    if (req.access & MAXIMUM_ALLOWED) req.access = (req.access & ~MAXIMUM_ALLOWED) | FILE_ALL_ACCESS;
    if (NTSTATUS status = check_parameters(req)) return status;
    if (auto pipe = ntdll::pipe_target_of(attributes))
        return ntdll::open_named_pipe(handle, req.access, *pipe, req.inherit, req.options, req.disposition, io);
    ntdll::UnixName name;
    if (NTSTATUS status = ntdll::unix_name_of(attributes, name)) return status;

    const char* path = name.path.c_str();
    struct stat st {};
    bool exists = stat(path, &st) == 0;
    if (!exists && errno != ENOENT) return ntdll::status_of_path_error(name.path, errno);
    bool directory = exists && S_ISDIR(st.st_mode);
    uint32_t flags = 0;
    if (!(req.options & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT)))
        flags |= protocol::file_asynchronous;
    if (req.options & FILE_SYNCHRONOUS_IO_ALERT) flags |= protocol::file_alertable;
    if (req.options & FILE_DELETE_ON_CLOSE) flags |= protocol::file_delete_on_close;

    int fd = -1;
    ULONG_PTR information = FILE_OPENED;
    bool created = false, truncate = false;
    if (name.is_device) {
        if (!exists) return STATUS_OBJECT_NAME_NOT_FOUND;
        // Devices ignore dispositions: NUL "exists" for every one of them.
        // Non-blocking: a serial port without carrier opens at once, as on Windows.
        fd = open(path, (open_mode(req.access) & ~O_APPEND) | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
        if (fd < 0) return ntdll::status_from_errno(errno);
        // COMn on a tty is a serial port (serial.cpp); other devices block as usual.
        if (name.port != ntdll::UnixName::Port::serial || !ntdll::serial::opened(fd))
            fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
        // LPTn is a parallel port whatever the file is (parallel.cpp).
        if (name.port == ntdll::UnixName::Port::parallel) ntdll::parallel::opened(fd);
        flags &= ~protocol::file_delete_on_close;
    } else if (exists) {
        if (req.disposition == FILE_CREATE) return STATUS_OBJECT_NAME_COLLISION;
        if (directory && (req.options & FILE_NON_DIRECTORY_FILE) && !name.volume) return STATUS_FILE_IS_A_DIRECTORY;
        if (!directory && (req.options & FILE_DIRECTORY_FILE)) return STATUS_NOT_A_DIRECTORY;
        if (!directory && name.trailing_separator) return STATUS_OBJECT_NAME_INVALID;
        bool overwrite = req.disposition == FILE_OVERWRITE || req.disposition == FILE_OVERWRITE_IF ||
                         req.disposition == FILE_SUPERSEDE;
        if (directory) {
            if (overwrite) return STATUS_ACCESS_DENIED;
            fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (fd < 0 && errno == EACCES) fd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
        } else {
            // A read-only file refuses writing and deleting opens.
            bool read_only = ntdll::attributes_of(st) & FILE_ATTRIBUTE_READONLY;
            if (read_only && ((req.access & (kWriteRights | DELETE)) || overwrite ||
                              (req.options & FILE_DELETE_ON_CLOSE)))
                return (req.options & FILE_DELETE_ON_CLOSE) ? STATUS_CANNOT_DELETE : STATUS_ACCESS_DENIED;
            int mode = open_mode(req.access);
            if (overwrite && (mode & O_ACCMODE) == O_RDONLY) mode = (mode & ~O_ACCMODE) | O_WRONLY;
            fd = open(path, mode | O_CLOEXEC | O_NOCTTY);
            // Opens for attributes only still work on a file we may not read.
            if (fd < 0 && errno == EACCES && !(req.access & (kReadRights | kWriteRights)) && !overwrite)
                fd = open(path, O_PATH | O_CLOEXEC);
            truncate = overwrite;
            information = req.disposition == FILE_SUPERSEDE ? FILE_SUPERSEDED
                          : overwrite                       ? FILE_OVERWRITTEN
                                                            : FILE_OPENED;
        }
        if (fd < 0) return ntdll::status_of_path_error(name.path, errno);
    } else {
        if (req.disposition == FILE_OPEN || req.disposition == FILE_OVERWRITE)
            return ntdll::status_of_path_error(name.path, ENOENT);
        if (name.trailing_separator && !(req.options & FILE_DIRECTORY_FILE)) return STATUS_OBJECT_NAME_INVALID;
        if (req.options & FILE_DIRECTORY_FILE) {
            if (mkdir(path, 0777) != 0) return ntdll::status_of_path_error(name.path, errno);
            fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            directory = true;
        } else {
            // Windows' read-only attribute at creation: no write permission.
            mode_t permissions = (req.file_attributes & FILE_ATTRIBUTE_READONLY) ? 0444 : 0666;
            int mode = open_mode(req.access);
            fd = open(path, mode | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, permissions);
        }
        if (fd < 0) return ntdll::status_of_path_error(name.path, errno);
        created = true;
        information = FILE_CREATED;
    }
    if (directory) flags |= protocol::file_is_directory;

    uint32_t error = 0;
    HANDLE result = nullptr;
    if (req.private_handle && !name.is_device) {
        // The server keeps the share modes and pending deletes of files and
        // directories: it is asked about those, and knows nothing of the
        // handle. A directory just made has no other opens to ask about.
        struct stat opened {};
        if (fstat(fd, &opened) == 0 && (S_ISREG(opened.st_mode) || (S_ISDIR(opened.st_mode) && !created)))
            error = vine::client::check_open(opened.st_dev, opened.st_ino, req.access, req.sharing);
        if (!error) result = vine::client::add_private_file(fd, req.access, flags);
        if (!result && !error) error = protocol::status::too_many_open_files;
    } else {
        result = vine::client::add_file(fd, req.access, req.sharing, req.inherit, flags, error,
                                        name.is_device ? nullptr : &name.path);
    }
    if (!result) {
        close(fd);
        if (created) directory ? rmdir(path) : unlink(path);
        return status_of_server_error(error);
    }
    // Truncate only once the server has accepted our share mode: a
    // conflicting open must leave the file as it was.
    // A file a view maps is not cut (ERROR_USER_MAPPED_FILE).
    if (truncate) {
        NTSTATUS status = ntdll::may_cut(result, fd, 0);
        if (status == STATUS_SUCCESS && ftruncate(fd, 0) != 0) status = ntdll::status_from_errno(errno);
        if (status != STATUS_SUCCESS) {
            vine::client::close_handle(result);
            return status;
        }
    }
    *handle = result;
    io->Status = STATUS_SUCCESS;
    io->Information = information;
    return STATUS_SUCCESS;
}

// NtDeleteFile and DeleteFileW (`options` adds FILE_NON_DIRECTORY_FILE):
// what an open for DELETE sharing everything with FILE_DELETE_ON_CLOSE and
// its close do, in one server request for a file. Directories, devices and
// pipes take that open and close.
NTSTATUS delete_file(const OBJECT_ATTRIBUTES* attributes, ULONG options) {
    CreateRequest req{DELETE, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, FILE_OPEN,
                      options | FILE_DELETE_ON_CLOSE, false};
    auto by_handle = [&] {
        HANDLE handle = nullptr;
        IO_STATUS_BLOCK io{};
        NTSTATUS status = create_file(&handle, attributes, &io, req);
        return status ? status : NtClose(handle);
    };
    if (!attributes) return ntdll::kStatusAccessViolation;
    if (ntdll::pipe_target_of(attributes)) return by_handle();
    ntdll::UnixName name;
    if (NTSTATUS status = ntdll::unix_name_of(attributes, name)) return status;
    struct stat st {};
    if (stat(name.path.c_str(), &st) != 0) return ntdll::status_of_path_error(name.path, errno);
    if (name.is_device || S_ISDIR(st.st_mode)) return by_handle();
    if (name.trailing_separator) return STATUS_OBJECT_NAME_INVALID;
    if (ntdll::attributes_of(st) & FILE_ATTRIBUTE_READONLY) return STATUS_CANNOT_DELETE;
    protocol::delete_file_request request{};
    if (S_ISREG(st.st_mode)) {
        request.device = st.st_dev;
        request.inode = st.st_ino;
    }
    protocol::delete_file_reply reply{};
    if (uint32_t error = vine::client::call(request, reply, name.path.data(), static_cast<uint32_t>(name.path.size())))
        return status_of_server_error(error);
    return reply.error ? ntdll::status_of_path_error(name.path, static_cast<int>(reply.error)) : STATUS_SUCCESS;
}

}  // namespace

VINE_EXPORT NTSTATUS NtCreateFile(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                                  IO_STATUS_BLOCK* io, const LARGE_INTEGER* allocation, ULONG file_attributes,
                                  ULONG sharing, ULONG disposition, ULONG options, PVOID ea_buffer,
                                  ULONG ea_length) {
    // Extended attributes are not kept on Linux files.
    if (ea_buffer && ea_length) return STATUS_NOT_SUPPORTED;
    CreateRequest req{access, file_attributes, sharing, disposition, options,
                      attributes && (attributes->Attributes & OBJ_INHERIT)};
    return create_file(handle, attributes, io, req);
}

VINE_EXPORT NTSTATUS NtOpenFile(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                                IO_STATUS_BLOCK* io, ULONG sharing, ULONG options) {
    CreateRequest req{access, 0, sharing, FILE_OPEN, options, attributes && (attributes->Attributes & OBJ_INHERIT)};
    return create_file(handle, attributes, io, req);
}

VINE_EXPORT NTSTATUS NtDeleteFile(const OBJECT_ATTRIBUTES* attributes) { return delete_file(attributes, 0); }

// NtCreateFile for a DLL's own use within one call (kernel32's directory
// listings, CreateDirectoryW, SetFileAttributesW): the same checks and
// results, but the handle is private (vine/server_client.h), so the open and
// its close cost no server round trip, or one for a regular file's share
// check. Opens that leave work for the close (FILE_DELETE_ON_CLOSE) or
// cut the file, and pipes, get an ordinary handle.
VINE_EXPORT NTSTATUS __vine_create_private_file(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                                                IO_STATUS_BLOCK* io, ULONG file_attributes, ULONG sharing,
                                                ULONG disposition, ULONG options) {
    CreateRequest req{access, file_attributes, sharing, disposition, options, false};
    req.private_handle = !(options & FILE_DELETE_ON_CLOSE) &&
                         (disposition == FILE_OPEN || disposition == FILE_CREATE || disposition == FILE_OPEN_IF);
    return create_file(handle, attributes, io, req);
}

// DeleteFileW: NtDeleteFile of a file only (ERROR_ACCESS_DENIED for a directory).
VINE_EXPORT NTSTATUS __vine_delete_file(const OBJECT_ATTRIBUTES* attributes) {
    return delete_file(attributes, FILE_NON_DIRECTORY_FILE);
}
