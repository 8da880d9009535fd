// SetFileInformationByHandle: the classes that change a file's size, times
// and attributes. Renaming and deleting through a handle (FileRenameInfo,
// FileDispositionInfo) are not supported yet and fail with
// ERROR_NOT_SUPPORTED; unknown classes with ERROR_INVALID_PARAMETER, as on
// Windows.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "file_info_class.h"
#include "kernel32_private.h"
#include "vine/server_client.h"

using namespace kernel32;

namespace {


struct FILE_BASIC_INFO {
    LARGE_INTEGER CreationTime, LastAccessTime, LastWriteTime, ChangeTime;
    DWORD FileAttributes;
};

// A size change needs a handle opened for writing; Windows calls the
// failure "access denied".
BOOL resize(int fd, LONGLONG size) {
    if (size < 0) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (ftruncate(fd, size) == 0) return TRUE;
    if (errno == EBADF || errno == EINVAL) {
        set_error(ERROR_ACCESS_DENIED);
        return FALSE;
    }
    return fail_errno();
}

BOOL set_basic(HANDLE file, int fd, const FILE_BASIC_INFO& info) {
    // The creation and change times have no settable Unix counterpart.
    auto filetime = [](const LARGE_INTEGER& time) {
        return FILETIME{time.u.LowPart, static_cast<DWORD>(time.u.HighPart)};
    };
    FILETIME access = filetime(info.LastAccessTime), write = filetime(info.LastWriteTime);
    if (!SetFileTime(file, nullptr, &access, &write)) return FALSE;
    if (info.FileAttributes) {
        struct stat st {};
        if (fstat(fd, &st) != 0) return fail_errno();
        if (!S_ISDIR(st.st_mode)) {
            // Read-only is the owner's missing write permission (see
            // attributes_from); clearing it gives the permission back.
            mode_t mode = st.st_mode & 07777;
            mode = (info.FileAttributes & FILE_ATTRIBUTE_READONLY) ? mode & ~mode_t{0222} : mode | S_IWUSR;
            if (mode != (st.st_mode & 07777) && fchmod(fd, mode) != 0) return fail_errno();
        }
    }
    return TRUE;
}

}  // namespace

VINE_EXPORT BOOL SetFileInformationByHandle(HANDLE file, DWORD info_class, const void* buffer, DWORD size) {
    size_t needed = 0;
    switch (info_class) {
    case FileBasicInfo: needed = sizeof(FILE_BASIC_INFO); break;
    case FileAllocationInfo:
    case FileEndOfFileInfo: needed = sizeof(LARGE_INTEGER); break;
    case FileIoPriorityHintInfo: needed = sizeof(DWORD); break;
    case FileRenameInfo:
    case FileDispositionInfo:
    case FileDispositionInfoEx:
    case FileRenameInfoEx: set_error(ERROR_NOT_SUPPORTED); return FALSE;
    default: set_error(ERROR_INVALID_PARAMETER); return FALSE;
    }
    if (!buffer || size < needed) {
        set_error(ERROR_BAD_LENGTH);
        return FALSE;
    }
    int fd = vine::client::handle_fd(file);
    if (fd < 0) {
        set_error(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    switch (info_class) {
    case FileBasicInfo: {
        FILE_BASIC_INFO info;
        std::memcpy(&info, buffer, sizeof info);
        return set_basic(file, fd, info);
    }
    case FileEndOfFileInfo: {
        LARGE_INTEGER end;
        std::memcpy(&end, buffer, sizeof end);
        return resize(fd, end.QuadPart);
    }
    case FileAllocationInfo: {
        // Space is allocated as the file grows; an allocation below the
        // end of the file cuts the file there, as on Windows.
        LARGE_INTEGER allocation;
        std::memcpy(&allocation, buffer, sizeof allocation);
        struct stat st {};
        if (fstat(fd, &st) != 0) return fail_errno();
        return allocation.QuadPart < st.st_size ? resize(fd, allocation.QuadPart) : TRUE;
    }
    default: return TRUE;  // an I/O priority hint: Vine does not prioritise I/O
    }
}
