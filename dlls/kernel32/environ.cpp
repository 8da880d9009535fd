// The environment block in the process parameters, and the command line.
#include <cstring>
#include <mutex>

#include "vine/locks.h"
#include "kernel32_private.h"
#include "vine/unicode.h"

using namespace kernel32;

namespace {

vine::Mutex environment_lock;

RTL_USER_PROCESS_PARAMETERS* parameters() { return current_teb()->ProcessEnvironmentBlock->ProcessParameters; }

size_t block_length(const WCHAR* block) {
    size_t length = 0;
    while (block[length] || block[length + 1]) ++length;
    return length + 2;
}

// Finds "NAME=" (names compare case-insensitively) in the block.
const WCHAR* find_variable(const WCHAR* block, std::u16string_view name) {
    for (const WCHAR* entry = block; *entry; entry += vine::utf16_length(entry) + 1) {
        std::u16string_view text(entry, vine::utf16_length(entry));
        // "=C:=C:\\dir" entries start with '='; the separator is the next one.
        size_t eq = text.find(u'=', 1);
        if (eq != std::u16string_view::npos && vine::equal_ignore_case(text.substr(0, eq), name)) return entry;
    }
    return nullptr;
}

}  // namespace

VINE_EXPORT LPWSTR GetCommandLineW() { return parameters()->CommandLine.Buffer; }

VINE_EXPORT LPSTR GetCommandLineA() {
    static std::string ansi = ansi_from_wide(GetCommandLineW());
    return ansi.data();
}

VINE_EXPORT LPWSTR GetEnvironmentStringsW() {
    std::lock_guard guard(environment_lock);
    const WCHAR* block = parameters()->Environment;
    size_t length = block_length(block);
    auto* copy = static_cast<WCHAR*>(RtlAllocateHeap(GetProcessHeap(), 0, length * sizeof(WCHAR)));
    if (copy) memcpy(copy, block, length * sizeof(WCHAR));
    return copy;
}

VINE_EXPORT LPSTR GetEnvironmentStringsA() {
    std::lock_guard guard(environment_lock);
    const WCHAR* block = parameters()->Environment;
    size_t length = block_length(block);
    auto* copy = static_cast<char*>(RtlAllocateHeap(GetProcessHeap(), 0, length));
    if (!copy) return nullptr;
    for (size_t i = 0; i < length; ++i) {
        std::u16string one(1, block[i] ? block[i] : u'\x1');
        std::string byte = ansi_from_wide(one.c_str());
        copy[i] = block[i] ? byte[0] : '\0';
    }
    return copy;
}

VINE_EXPORT BOOL FreeEnvironmentStringsW(LPWSTR block) { return RtlFreeHeap(GetProcessHeap(), 0, block); }
VINE_EXPORT BOOL FreeEnvironmentStringsA(LPSTR block) { return RtlFreeHeap(GetProcessHeap(), 0, block); }

VINE_EXPORT DWORD GetEnvironmentVariableW(LPCWSTR name, LPWSTR buffer, DWORD size) {
    if (!name || !*name) {
        set_error(ERROR_ENVVAR_NOT_FOUND);
        return 0;
    }
    std::lock_guard guard(environment_lock);
    const WCHAR* entry = find_variable(parameters()->Environment, std::u16string_view(name, vine::utf16_length(name)));
    if (!entry) {
        set_error(ERROR_ENVVAR_NOT_FOUND);
        return 0;
    }
    const WCHAR* value = entry + vine::utf16_length(name) + 1;
    size_t length = vine::utf16_length(value);
    if (length + 1 > size) return static_cast<DWORD>(length + 1);
    memcpy(buffer, value, (length + 1) * sizeof(WCHAR));
    set_error(ERROR_SUCCESS);
    return static_cast<DWORD>(length);
}

VINE_EXPORT DWORD GetEnvironmentVariableA(LPCSTR name, LPSTR buffer, DWORD size) {
    if (!name) {
        set_error(ERROR_ENVVAR_NOT_FOUND);
        return 0;
    }
    std::u16string wide_name = wide_from_ansi(name);
    DWORD length = GetEnvironmentVariableW(wide_name.c_str(), nullptr, 0);
    if (!length) return 0;
    std::u16string value(length, u'\0');
    GetEnvironmentVariableW(wide_name.c_str(), value.data(), length);
    std::string ansi = ansi_from_wide(value.c_str());
    if (ansi.size() + 1 > size) return static_cast<DWORD>(ansi.size() + 1);
    memcpy(buffer, ansi.c_str(), ansi.size() + 1);
    return static_cast<DWORD>(ansi.size());
}

VINE_EXPORT BOOL SetEnvironmentVariableW(LPCWSTR name, LPCWSTR value) {
    if (!name || !*name || std::u16string_view(name, vine::utf16_length(name)).find(u'=') != std::u16string_view::npos) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    std::lock_guard guard(environment_lock);
    std::u16string_view key(name, vine::utf16_length(name));
    const WCHAR* old_block = parameters()->Environment;
    const WCHAR* existing = find_variable(old_block, key);
    if (!existing && !value) return TRUE;  // nothing to delete
    std::u16string block;
    for (const WCHAR* entry = old_block; *entry; entry += vine::utf16_length(entry) + 1) {
        if (entry == existing) continue;
        block.append(entry, vine::utf16_length(entry) + 1);
    }
    if (value) {
        block.append(key);
        block += u'=';
        block.append(value, vine::utf16_length(value));
        block += u'\0';
    }
    block += u'\0';
    auto* memory = static_cast<WCHAR*>(calloc(block.size() + 1, sizeof(WCHAR)));
    if (!memory) {
        set_error(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    memcpy(memory, block.data(), block.size() * sizeof(WCHAR));
    parameters()->Environment = memory;
    parameters()->EnvironmentSize = block.size() * sizeof(WCHAR);
    // The old block is not freed: GetEnvironmentStrings callers get copies,
    // but a program may still hold a pointer into the PEB's block.
    return TRUE;
}

VINE_EXPORT BOOL SetEnvironmentVariableA(LPCSTR name, LPCSTR value) {
    if (!name) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    std::u16string wide_name = wide_from_ansi(name), wide_value = value ? wide_from_ansi(value) : u"";
    return SetEnvironmentVariableW(wide_name.c_str(), value ? wide_value.c_str() : nullptr);
}

// ntdll does the expansion (dlls/ntdll/environment.cpp); the result is
// the size needed, terminator included, and the last error is left alone,
// as on Windows.
VINE_EXPORT DWORD ExpandEnvironmentStringsW(LPCWSTR source, LPWSTR destination, DWORD size) {
    if (!source) source = u"";
    SIZE_T needed = 0;
    std::lock_guard guard(environment_lock);
    RtlExpandEnvironmentStrings(nullptr, source, vine::utf16_length(source), destination, destination ? size : 0,
                                &needed);
    return static_cast<DWORD>(needed);
}

// Windows' ANSI form wants one byte more than the result and its
// terminator, and when it does not get it, returns that size and leaves an
// empty string (Wine's tests record this on every version since XP).
VINE_EXPORT DWORD ExpandEnvironmentStringsA(LPCSTR source, LPSTR destination, DWORD size) {
    std::u16string wide_source = wide_from_ansi(source ? source : "");
    DWORD needed = ExpandEnvironmentStringsW(wide_source.c_str(), nullptr, 0);
    std::u16string expanded(needed, u'\0');
    ExpandEnvironmentStringsW(wide_source.c_str(), expanded.data(), needed);
    std::string ansi = ansi_from_wide(expanded.c_str());
    if (size < ansi.size() + 2) {
        if (destination) destination[0] = 0;
        return static_cast<DWORD>(ansi.size() + 2);
    }
    memcpy(destination, ansi.c_str(), ansi.size() + 1);
    return static_cast<DWORD>(ansi.size() + 1);
}
