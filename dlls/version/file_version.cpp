// GetFileVersionInfoSize(Ex) and GetFileVersionInfo(Ex): the RT_VERSION
// resource of a file, read from disk by the loader's validating PE reader
// without loading the file as a module (a DLL's DllMain never runs).
#include <cstring>
#include <string>
#include <vector>

#include "version_block.h"
#include "vine/kernel32_exports.h"
#include "vine/loader.h"
#include "vine/ntdll_exports.h"
#include "vine/ntstatus.h"
#include "vine/wintypes.h"

namespace {

constexpr uint16_t RT_VERSION = 16;
constexpr uint16_t VS_VERSION_INFO = 1;
constexpr DWORD ERROR_INVALID_PARAMETER = 87;
constexpr DWORD ERROR_INVALID_DATA = 13;
constexpr DWORD ERROR_FILE_NOT_FOUND = 2;

std::u16string wide_of(const char* text) {
    int size = MultiByteToWideChar(CP_ACP, 0, text, -1, nullptr, 0);
    std::u16string wide(size > 0 ? static_cast<size_t>(size) : 1, u'\0');
    MultiByteToWideChar(CP_ACP, 0, text, -1, wide.data(), size);
    wide.resize(wide.size() - 1);
    return wide;
}

// The version block of `name`; false with the last error set.
bool read_block(const WCHAR* name, std::vector<uint8_t>& block) {
    if (!name || !*name) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return false;
    }
    WCHAR full[32768];
    DWORD length = GetFullPathNameW(name, 32768, full, nullptr);
    if (length == 0 || length >= 32768) return false;
    vine::loader::ResourceKey type{false, RT_VERSION, {}};
    vine::loader::ResourceKey id{false, VS_VERSION_INFO, {}};
    NTSTATUS status = vine::loader::file_resource(std::u16string_view(full, length), type, id, block);
    if (status != STATUS_SUCCESS) {
        DWORD error = RtlNtStatusToDosError(status);
        SetLastError(status == STATUS_OBJECT_PATH_NOT_FOUND ? ERROR_FILE_NOT_FOUND : error);
        return false;
    }
    auto root = version::read_node(block.data(), block.data() + block.size());
    if (!root || root->key != version::root_key) {
        SetLastError(ERROR_INVALID_DATA);
        return false;
    }
    block.resize(root->length);
    return true;
}

}  // namespace

// Twice the block: VerQueryValueA keeps its narrow copies after it.
VINE_EXPORT DWORD GetFileVersionInfoSizeExW(DWORD flags, const WCHAR* name, DWORD* handle) {
    if (handle) *handle = 0;
    std::vector<uint8_t> block;
    if (!read_block(name, block)) return 0;
    return static_cast<DWORD>(block.size() * 2);
}

VINE_EXPORT DWORD GetFileVersionInfoSizeW(const WCHAR* name, DWORD* handle) {
    return GetFileVersionInfoSizeExW(0, name, handle);
}

VINE_EXPORT DWORD GetFileVersionInfoSizeExA(DWORD flags, const char* name, DWORD* handle) {
    if (!name) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return GetFileVersionInfoSizeExW(flags, wide_of(name).c_str(), handle);
}

VINE_EXPORT DWORD GetFileVersionInfoSizeA(const char* name, DWORD* handle) {
    return GetFileVersionInfoSizeExA(0, name, handle);
}

VINE_EXPORT BOOL GetFileVersionInfoExW(DWORD flags, const WCHAR* name, DWORD handle, DWORD size, void* data) {
    if (!data || size == 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    std::vector<uint8_t> block;
    if (!read_block(name, block)) return FALSE;
    // A short buffer gets the start of the block, its length cut to match
    // so that VerQueryValue stays inside what was copied.
    size_t copied = block.size() < size ? block.size() : size;
    std::memcpy(data, block.data(), copied);
    if (copied < block.size() && copied >= 2) {
        auto cut = static_cast<uint16_t>(copied & ~size_t{3});
        std::memcpy(data, &cut, sizeof(cut));
    }
    // The rest (VerQueryValueA's area) starts zeroed.
    if (size > copied) std::memset(static_cast<uint8_t*>(data) + copied, 0, size - copied);
    return TRUE;
}

VINE_EXPORT BOOL GetFileVersionInfoW(const WCHAR* name, DWORD handle, DWORD size, void* data) {
    return GetFileVersionInfoExW(0, name, handle, size, data);
}

VINE_EXPORT BOOL GetFileVersionInfoExA(DWORD flags, const char* name, DWORD handle, DWORD size, void* data) {
    if (!name) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return GetFileVersionInfoExW(flags, wide_of(name).c_str(), handle, size, data);
}

VINE_EXPORT BOOL GetFileVersionInfoA(const char* name, DWORD handle, DWORD size, void* data) {
    return GetFileVersionInfoExA(0, name, handle, size, data);
}
