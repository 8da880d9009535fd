// Windows path names: full path names, the current directory, the temporary
// directory, and the translation of a Windows path to the Unix file it names.

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

#include "vine/locks.h"
#include "kernel32_private.h"
#include "nt_path.h"
#include "nt_wait.h"
#include "vine/paths.h"
#include "vine/unicode.h"

using namespace kernel32;

namespace {

// SetCurrentDirectory rewrites the process parameters' current directory
// under the PEB lock; readers (ntdll's too) take the same lock.
UNICODE_STRING& current_directory_string() {
    return current_teb()->ProcessEnvironmentBlock->ProcessParameters->CurrentDirectory.DosPath;
}

// The Win32 convention for functions filling a caller's buffer: the length
// without the NUL when it fits, else the size needed including the NUL.
DWORD copy_out(const std::u16string& text, LPWSTR buffer, DWORD size) {
    if (text.size() + 1 > size || !buffer) return static_cast<DWORD>(text.size() + 1);
    std::copy(text.begin(), text.end(), buffer);
    buffer[text.size()] = 0;
    return static_cast<DWORD>(text.size());
}

DWORD copy_out(const std::string& text, LPSTR buffer, DWORD size) {
    if (text.size() + 1 > size || !buffer) return static_cast<DWORD>(text.size() + 1);
    std::copy(text.begin(), text.end(), buffer);
    buffer[text.size()] = 0;
    return static_cast<DWORD>(text.size());
}

}  // namespace

namespace kernel32 {

std::u16string current_directory() {
    RtlAcquirePebLock();
    const UNICODE_STRING& dir = current_directory_string();
    std::u16string text(dir.Buffer, dir.Length / sizeof(WCHAR));
    RtlReleasePebLock();
    if (text.empty() || text.back() != u'\\') text += u'\\';
    return text;
}

// ntdll's RtlGetFullPathName_U (dlls/ntdll/rtl_path.cpp) holds the rules.
std::u16string full_path_name(std::u16string_view name, size_t* file_part) {
    if (file_part) *file_part = std::u16string::npos;
    std::u16string input(name);
    if (input.empty()) return input;
    std::u16string out(260, u'\0');
    WCHAR* part = nullptr;
    for (;;) {
        ULONG size = static_cast<ULONG>((out.size() + 1) * sizeof(WCHAR));
        ULONG bytes = RtlGetFullPathName_U(input.c_str(), size, out.data(), &part);
        if (bytes < size) {
            if (file_part && part) *file_part = static_cast<size_t>(part - out.data());
            out.resize(bytes / sizeof(WCHAR));
            return out;
        }
        out.assign(bytes / sizeof(WCHAR), u'\0');
    }
}

std::optional<std::string> unix_path_of(LPCWSTR name) {
    if (!name || !*name) return std::nullopt;
    std::u16string_view view(name, vine::utf16_length(name));
    // "\\?\" names are taken as they are (GetFullPathName would resolve them).
    auto unix_path = vine::paths::dos_to_unix(view.rfind(u"\\\\?\\", 0) == 0 ? std::u16string(view)
                                                                           : full_path_name(view, nullptr));
    if (!unix_path) return std::nullopt;
    return vine::paths::lookup_ignoring_case(*unix_path);
}

}  // namespace kernel32

VINE_EXPORT DWORD GetFullPathNameW(LPCWSTR name, DWORD size, LPWSTR buffer, LPWSTR* file_part) {
    if (!name || !*name) {
        set_error(ERROR_INVALID_NAME);
        return 0;
    }
    size_t part = 0;
    std::u16string full = full_path_name(std::u16string_view(name, vine::utf16_length(name)), &part);
    DWORD result = copy_out(full, buffer, size);
    if (file_part && result < size) *file_part = part == std::u16string::npos ? nullptr : buffer + part;
    return result;
}

VINE_EXPORT DWORD GetFullPathNameA(LPCSTR name, DWORD size, LPSTR buffer, LPSTR* file_part) {
    if (!name || !*name) {
        set_error(ERROR_INVALID_NAME);
        return 0;
    }
    size_t part = 0;
    std::u16string full = full_path_name(wide_from_file_api(name), &part);
    std::string ansi = file_api_from_wide(full.c_str());
    DWORD result = copy_out(ansi, buffer, size);
    if (file_part && result < size)
        *file_part = part == std::u16string::npos ? nullptr
                                                  : buffer + file_api_from_wide(full.substr(0, part).c_str()).size();
    return result;
}

// ntdll owns the current directory (RtlGetCurrentDirectory_U,
// RtlSetCurrentDirectory_U); these convert between bytes and characters.
VINE_EXPORT DWORD GetCurrentDirectoryW(DWORD size, LPWSTR buffer) {
    ULONG bytes_size = size > 0x7fffffff / sizeof(WCHAR) ? 0x7ffffffe : static_cast<ULONG>(size * sizeof(WCHAR));
    return RtlGetCurrentDirectory_U(bytes_size, buffer) / sizeof(WCHAR);
}

VINE_EXPORT DWORD GetCurrentDirectoryA(DWORD size, LPSTR buffer) {
    std::u16string dir = current_directory();
    if (dir.size() > 3) dir.pop_back();
    return copy_out(file_api_from_wide(dir.c_str()), buffer, size);
}

VINE_EXPORT BOOL SetCurrentDirectoryW(LPCWSTR name) {
    if (!name) {
        set_error(ERROR_INVALID_NAME);
        return FALSE;
    }
    size_t length = vine::utf16_length(name);
    if (length * sizeof(WCHAR) >= 0xffff) {
        set_error(ERROR_FILENAME_EXCED_RANGE);
        return FALSE;
    }
    UNICODE_STRING text{static_cast<USHORT>(length * sizeof(WCHAR)), static_cast<USHORT>(length * sizeof(WCHAR)),
                        const_cast<WCHAR*>(name)};
    return nt_bool(RtlSetCurrentDirectory_U(&text));
}

VINE_EXPORT BOOL SetCurrentDirectoryA(LPCSTR name) {
    std::u16string wide = wide_from_file_api(name ? name : "");
    return SetCurrentDirectoryW(wide.c_str());
}

namespace {
// TMP, TEMP, USERPROFILE, as Windows looks them up. Without any of them
// Windows uses its own directory; Vine has no prefix yet, so Unix's /tmp.
std::u16string temp_path() {
    for (const char16_t* variable : {u"TMP", u"TEMP", u"USERPROFILE"}) {
        WCHAR value[1024];
        DWORD n = GetEnvironmentVariableW(variable, value, 1024);
        if (n == 0 || n >= 1024) continue;
        std::u16string full = full_path_name(std::u16string_view(value, n), nullptr);
        if (full.back() != u'\\') full += u'\\';
        return full;
    }
    return u"Z:\\tmp\\";
}
}  // namespace

VINE_EXPORT DWORD GetTempPathW(DWORD size, LPWSTR buffer) { return copy_out(temp_path(), buffer, size); }

VINE_EXPORT DWORD GetTempPathA(DWORD size, LPSTR buffer) {
    return copy_out(file_api_from_wide(temp_path().c_str()), buffer, size);
}

VINE_EXPORT UINT GetTempFileNameW(LPCWSTR path, LPCWSTR prefix, UINT unique, LPWSTR buffer) {
    if (!path || !buffer) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    std::u16string base(path, vine::utf16_length(path));
    if (!base.empty() && base.back() != u'\\' && base.back() != u'/') base += u'\\';
    if (prefix) base += std::u16string(prefix, std::min<size_t>(vine::utf16_length(prefix), 3));
    auto name_for = [&](UINT number) {
        char hex[16];
        snprintf(hex, sizeof hex, "%X.TMP", number & 0xffff);
        return base + vine::utf8_to_utf16(hex);
    };
    auto emit = [&](const std::u16string& name) -> bool {
        if (name.size() >= 260) {
            set_error(ERROR_BUFFER_OVERFLOW);
            return false;
        }
        std::copy(name.begin(), name.end(), buffer);
        buffer[name.size()] = 0;
        return true;
    };
    if (unique) return emit(name_for(unique)) ? unique & 0xffff : 0;
    // Without a number, try numbers from the clock until a new file is made.
    UINT start = GetTickCount() & 0xffff;
    for (UINT i = 0; i < 0x10000; ++i) {
        UINT number = ((start + i) & 0xffff) ? (start + i) & 0xffff : 1;
        std::u16string name = name_for(number);
        HANDLE file = CreateFileW(name.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
        if (file != INVALID_HANDLE_VALUE) {
            CloseHandle(file);
            return emit(name) ? number : 0;
        }
        DWORD error = GetLastError();
        if (error != ERROR_FILE_EXISTS && error != ERROR_ALREADY_EXISTS) return 0;
    }
    set_error(ERROR_FILE_EXISTS);
    return 0;
}

VINE_EXPORT UINT GetTempFileNameA(LPCSTR path, LPCSTR prefix, UINT unique, LPSTR buffer) {
    if (!path || !buffer) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    std::u16string wide_path = wide_from_file_api(path), wide_prefix = wide_from_file_api(prefix ? prefix : "");
    WCHAR wide[260];
    UINT result = GetTempFileNameW(wide_path.c_str(), wide_prefix.c_str(), unique, wide);
    if (result) {
        std::string ansi = file_api_from_wide(wide);
        memcpy(buffer, ansi.c_str(), ansi.size() + 1);
    }
    return result;
}
