// The bridge between the two kinds of path names, for Vine's own Windows
// programs (programs/vinepath): a Windows path's Unix name, and a Unix
// path's Windows name. (Wine's kernel32 exports the same two functions as
// wine_get_unix_file_name and wine_get_dos_file_name.)
#include <cstring>

#include "kernel32_private.h"
#include "vine/paths.h"
#include "vine/unicode.h"

using namespace kernel32;

// UTF-8, allocated on the process heap; null with ERROR_PATH_NOT_FOUND for
// a drive that maps to nothing.
VINE_EXPORT LPSTR vine_get_unix_file_name(LPCWSTR dos_path) {
    if (!dos_path) {
        set_error(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    auto unix_path = unix_path_of(dos_path);
    if (!unix_path) {
        set_error(ERROR_PATH_NOT_FOUND);
        return nullptr;
    }
    auto* copy = static_cast<char*>(RtlAllocateHeap(GetProcessHeap(), 0, unix_path->size() + 1));
    if (!copy) {
        set_error(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    memcpy(copy, unix_path->c_str(), unix_path->size() + 1);
    return copy;
}

// `unix_path` is UTF-8; a relative one is taken from the current directory.
VINE_EXPORT LPWSTR vine_get_dos_file_name(LPCSTR unix_path) {
    if (!unix_path || !*unix_path) {
        set_error(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    std::u16string dos = vine::paths::unix_to_dos(unix_path);
    auto* copy = static_cast<WCHAR*>(RtlAllocateHeap(GetProcessHeap(), 0, (dos.size() + 1) * sizeof(WCHAR)));
    if (!copy) {
        set_error(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    memcpy(copy, dos.c_str(), (dos.size() + 1) * sizeof(WCHAR));
    return copy;
}
