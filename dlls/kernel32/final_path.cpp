// GetFinalPathNameByHandleW/A: the path of the file a handle has open, as
// the file system spells it (symbolic links resolved: the kernel's own
// record of the open file, /proc/self/fd). VOLUME_NAME_DOS gives
// "\\?\Z:\dir\file", VOLUME_NAME_NONE "\dir\file". Vine has no volume
// GUIDs or NT device names for its drives: VOLUME_NAME_GUID and
// VOLUME_NAME_NT fail with ERROR_NOT_SUPPORTED.
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstring>
#include <string>

#include "kernel32_private.h"
#include "vine/paths.h"
#include "vine/server_client.h"

using namespace kernel32;

namespace {

constexpr DWORD VOLUME_NAME_DOS = 0x0, VOLUME_NAME_GUID = 0x1, VOLUME_NAME_NT = 0x2, VOLUME_NAME_NONE = 0x4;
constexpr DWORD FILE_NAME_OPENED = 0x8;

// The path, or an empty string with the last error set.
std::u16string final_path(HANDLE file, DWORD flags) {
    if (flags & ~(VOLUME_NAME_GUID | VOLUME_NAME_NT | VOLUME_NAME_NONE | FILE_NAME_OPENED)) {
        set_error(ERROR_INVALID_PARAMETER);
        return {};
    }
    DWORD volume = flags & (VOLUME_NAME_GUID | VOLUME_NAME_NT | VOLUME_NAME_NONE);
    if (volume != VOLUME_NAME_DOS && volume != VOLUME_NAME_NONE) {
        set_error(volume == VOLUME_NAME_GUID || volume == VOLUME_NAME_NT ? ERROR_NOT_SUPPORTED
                                                                         : ERROR_INVALID_PARAMETER);
        return {};
    }
    int fd = vine::client::handle_fd(file);
    if (fd < 0) {
        set_error(ERROR_INVALID_HANDLE);
        return {};
    }
    char link[64], target[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t size = readlink(link, target, sizeof target - 1);
    if (size <= 0 || target[0] != '/') {
        set_error(ERROR_INVALID_FUNCTION);  // a pipe or socket: not a file-system object
        return {};
    }
    target[size] = '\0';
    std::u16string dos = vine::paths::unix_to_dos(target);
    if (volume == VOLUME_NAME_NONE) return dos.substr(2);
    return u"\\\\?\\" + dos;
}

// Copies `path` if it fits with its terminator and returns its length;
// otherwise returns the size needed, terminator included, as Windows does.
template <typename CharT>
DWORD store(const std::basic_string<CharT>& path, CharT* buffer, DWORD size) {
    DWORD length = static_cast<DWORD>(path.size());
    if (!buffer || length + 1 > size) return length + 1;
    std::memcpy(buffer, path.c_str(), (length + 1) * sizeof(CharT));
    return length;
}

}  // namespace

VINE_EXPORT DWORD GetFinalPathNameByHandleW(HANDLE file, LPWSTR buffer, DWORD size, DWORD flags) {
    std::u16string path = final_path(file, flags);
    if (path.empty()) return 0;
    return store(path, buffer, size);
}

VINE_EXPORT DWORD GetFinalPathNameByHandleA(HANDLE file, LPSTR buffer, DWORD size, DWORD flags) {
    std::u16string path = final_path(file, flags);
    if (path.empty()) return 0;
    return store(file_api_from_wide(path.c_str()), buffer, size);
}
