// GetWindowsDirectory, GetSystemDirectory and friends: the directories
// Windows keeps itself in, as include/vine/paths.h names them.
#include "kernel32_private.h"
#include "vine/paths.h"

using namespace kernel32;

namespace {

// The Windows copy-out convention: the length without the terminator when
// it fits, else the size needed with it (nothing written).
UINT copy_out_wide(std::u16string_view text, LPWSTR buffer, UINT size) {
    if (!buffer || size <= text.size()) return static_cast<UINT>(text.size() + 1);
    std::copy(text.begin(), text.end(), buffer);
    buffer[text.size()] = 0;
    return static_cast<UINT>(text.size());
}

UINT copy_out_ansi(std::u16string_view text, LPSTR buffer, UINT size) {
    std::string ansi = file_api_from_wide(std::u16string(text).c_str());
    if (!buffer || size <= ansi.size()) return static_cast<UINT>(ansi.size() + 1);
    std::copy(ansi.begin(), ansi.end(), buffer);
    buffer[ansi.size()] = 0;
    return static_cast<UINT>(ansi.size());
}

}  // namespace

VINE_EXPORT UINT GetSystemDirectoryW(LPWSTR buffer, UINT size) {
    return copy_out_wide(vine::paths::kSystemDirectory, buffer, size);
}

VINE_EXPORT UINT GetSystemDirectoryA(LPSTR buffer, UINT size) {
    return copy_out_ansi(vine::paths::kSystemDirectory, buffer, size);
}

VINE_EXPORT UINT GetWindowsDirectoryW(LPWSTR buffer, UINT size) {
    return copy_out_wide(vine::paths::kWindowsDirectory, buffer, size);
}

VINE_EXPORT UINT GetWindowsDirectoryA(LPSTR buffer, UINT size) {
    return copy_out_ansi(vine::paths::kWindowsDirectory, buffer, size);
}

// One user per machine: the shared Windows directory is the same.
VINE_EXPORT UINT GetSystemWindowsDirectoryW(LPWSTR buffer, UINT size) { return GetWindowsDirectoryW(buffer, size); }
VINE_EXPORT UINT GetSystemWindowsDirectoryA(LPSTR buffer, UINT size) { return GetWindowsDirectoryA(buffer, size); }

// A 64-bit system keeps its 32-bit DLLs here; the prefix makes it.
VINE_EXPORT UINT GetSystemWow64DirectoryW(LPWSTR buffer, UINT size) {
    return copy_out_wide(u"C:\\windows\\syswow64", buffer, size);
}
VINE_EXPORT UINT GetSystemWow64DirectoryA(LPSTR buffer, UINT size) {
    return copy_out_ansi(u"C:\\windows\\syswow64", buffer, size);
}
