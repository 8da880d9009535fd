// Last-error bookkeeping and the errno -> Win32 error mapping.
#include <cerrno>

#include "kernel32_private.h"
#include "vine/hot_path.h"

namespace kernel32 {

DWORD error_from_errno(int error) {
    switch (error) {
    case 0: return ERROR_SUCCESS;
    case ENOENT: return ERROR_FILE_NOT_FOUND;
    case ENOTDIR: return ERROR_PATH_NOT_FOUND;
    case EACCES:
    case EPERM:
    case EISDIR:
    case EROFS: return ERROR_ACCESS_DENIED;
    case EEXIST: return ERROR_FILE_EXISTS;
    case EBADF: return ERROR_INVALID_HANDLE;
    case ENOMEM: return ERROR_NOT_ENOUGH_MEMORY;
    case EMFILE:
    case ENFILE: return ERROR_TOO_MANY_OPEN_FILES;
    case ENOSPC: return ERROR_DISK_FULL;
    case EPIPE: return ERROR_NO_DATA;
    case ENOTEMPTY: return ERROR_DIR_NOT_EMPTY;
    case EINVAL: return ERROR_INVALID_PARAMETER;
    case EXDEV: return ERROR_NOT_SAME_DEVICE;
    case ENAMETOOLONG: return ERROR_FILENAME_EXCED_RANGE;
    default: return ERROR_ACCESS_DENIED;
    }
}

BOOL fail_errno() {
    set_error(error_from_errno(errno));
    return FALSE;
}

}  // namespace kernel32

// One gs:-relative access each, not the TEB's self pointer and then the
// field ("Hot paths" in docs/architecture.md).
VINE_EXPORT DWORD GetLastError() { return vine::hot::last_error(); }
VINE_EXPORT void SetLastError(DWORD error) { vine::hot::set_last_error(error); }
