// Modules: LoadLibrary, GetProcAddress, GetModuleHandle, GetModuleFileName.
#include <cstring>

#include "kernel32_private.h"
#include "vine/debug.h"
#include "vine/loader.h"
#include "vine/unicode.h"

using namespace kernel32;

namespace {

constexpr DWORD GET_MODULE_HANDLE_EX_FLAG_PIN = 0x1;
constexpr DWORD GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT = 0x2;
constexpr DWORD GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS = 0x4;
constexpr DWORD LOAD_LIBRARY_AS_DATAFILE = 0x2;

std::u16string_view view(LPCWSTR text) { return std::u16string_view(text, vine::utf16_length(text)); }

}  // namespace

VINE_EXPORT HMODULE LoadLibraryExW(LPCWSTR name, HANDLE file, DWORD flags) {
    if (!name || !*name) {
        set_error(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    DWORD error = 0;
    HMODULE module = vine::loader::load_library(view(name), error);
    if (!module) set_error(error);
    return module;
}

VINE_EXPORT HMODULE LoadLibraryW(LPCWSTR name) { return LoadLibraryExW(name, nullptr, 0); }

VINE_EXPORT HMODULE LoadLibraryExA(LPCSTR name, HANDLE file, DWORD flags) {
    if (!name) {
        set_error(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    std::u16string wide = wide_from_file_api(name);
    return LoadLibraryExW(wide.c_str(), file, flags);
}

VINE_EXPORT HMODULE LoadLibraryA(LPCSTR name) { return LoadLibraryExA(name, nullptr, 0); }

VINE_EXPORT BOOL FreeLibrary(HMODULE module) {
    if (!vine::loader::free_library(module)) {
        set_error(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
}

VINE_EXPORT FARPROC GetProcAddress(HMODULE module, LPCSTR name) {
    DWORD error = 0;
    // A "name" below 64 KiB is an ordinal (MAKEINTRESOURCE).
    bool by_ordinal = reinterpret_cast<uintptr_t>(name) < 0x10000;
    void* address = vine::loader::proc_address(module, by_ordinal ? nullptr : name,
                                               by_ordinal ? static_cast<unsigned>(reinterpret_cast<uintptr_t>(name)) : 0,
                                               error);
    if (!address) {
        if (by_ordinal)
            WARN_("module", "%p: ordinal %u not found\n", module, static_cast<unsigned>(reinterpret_cast<uintptr_t>(name)));
        else
            WARN_("module", "%p: %s not found\n", module, name);
        set_error(error);
    }
    return reinterpret_cast<FARPROC>(address);
}

VINE_EXPORT HMODULE GetModuleHandleW(LPCWSTR name) {
    HMODULE module = vine::loader::module_handle(name ? view(name) : std::u16string_view());
    if (!module) set_error(ERROR_MOD_NOT_FOUND);
    return module;
}

VINE_EXPORT HMODULE GetModuleHandleA(LPCSTR name) {
    if (!name) return GetModuleHandleW(nullptr);
    std::u16string wide = wide_from_file_api(name);
    return GetModuleHandleW(wide.c_str());
}

VINE_EXPORT BOOL GetModuleHandleExW(DWORD flags, LPCWSTR name, HMODULE* module) {
    if (!module) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS) {
        *module = vine::loader::module_from_address(name);
    } else {
        *module = vine::loader::module_handle(name ? view(name) : std::u16string_view());
    }
    if (!*module) {
        set_error(ERROR_MOD_NOT_FOUND);
        return FALSE;
    }
    return TRUE;
}

VINE_EXPORT BOOL GetModuleHandleExA(DWORD flags, LPCSTR name, HMODULE* module) {
    if (flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS || !name)
        return GetModuleHandleExW(flags, reinterpret_cast<LPCWSTR>(name), module);
    std::u16string wide = wide_from_file_api(name);
    return GetModuleHandleExW(flags, wide.c_str(), module);
}

VINE_EXPORT DWORD GetModuleFileNameW(HMODULE module, LPWSTR buffer, DWORD size) {
    std::u16string path = vine::loader::module_path(module);
    if (path.empty()) {
        set_error(ERROR_MOD_NOT_FOUND);
        return 0;
    }
    if (!size) {
        set_error(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    // Too small a buffer gets the truncated, terminated path, its size, and
    // ERROR_INSUFFICIENT_BUFFER.
    if (path.size() >= size) {
        memcpy(buffer, path.data(), (size - 1) * sizeof(WCHAR));
        buffer[size - 1] = 0;
        set_error(ERROR_INSUFFICIENT_BUFFER);
        return size;
    }
    memcpy(buffer, path.c_str(), (path.size() + 1) * sizeof(WCHAR));
    set_error(ERROR_SUCCESS);
    return static_cast<DWORD>(path.size());
}

VINE_EXPORT DWORD GetModuleFileNameA(HMODULE module, LPSTR buffer, DWORD size) {
    std::u16string path = vine::loader::module_path(module);
    if (path.empty()) {
        set_error(ERROR_MOD_NOT_FOUND);
        return 0;
    }
    std::string ansi = file_api_from_wide(path.c_str());
    if (!size) {
        set_error(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    if (ansi.size() >= size) {
        memcpy(buffer, ansi.data(), size - 1);
        buffer[size - 1] = 0;
        set_error(ERROR_INSUFFICIENT_BUFFER);
        return size;
    }
    memcpy(buffer, ansi.c_str(), ansi.size() + 1);
    set_error(ERROR_SUCCESS);
    return static_cast<DWORD>(ansi.size());
}

VINE_EXPORT BOOL DisableThreadLibraryCalls(HMODULE) { return TRUE; }

// Windows exports this from kernelbase (api-ms-win-core-apiquery-l2-1-0),
// which Vine's kernel32 stands in for. Same table as ApiSetQueryApiSetPresence.
VINE_EXPORT BOOL IsApiSetImplemented(LPCSTR contract) {
    if (!contract) return FALSE;
    std::u16string name;
    for (const char* p = contract; *p; ++p) name += static_cast<char16_t>(static_cast<unsigned char>(*p));
    return vine::loader::api_set_present(name) ? TRUE : FALSE;
}
