// LoadStringW / LoadStringA: strings of an RT_STRING table. Strings are
// stored in bundles of 16 (bundle id / 16 + 1), each a count of UTF-16
// units followed by the units, without terminator.
#include <cstring>
#include <string>

#include "vine/kernel32_exports.h"
#include "vine/wintypes.h"

namespace {

constexpr uintptr_t RT_STRING = 6;
constexpr DWORD ERROR_INVALID_PARAMETER = 87;

// The string `id` of `module`, as a pointer into the resource and its
// length; false when there is none (or the bundle is damaged).
bool find_string(HINSTANCE module, UINT id, const WCHAR** text, size_t* length) {
    auto bundle = reinterpret_cast<const WCHAR*>(static_cast<uintptr_t>((id >> 4) + 1));
    HANDLE resource = FindResourceExW(module, reinterpret_cast<const WCHAR*>(RT_STRING), bundle, 0);
    if (!resource) return false;
    const auto* data = static_cast<const WCHAR*>(LoadResource(module, resource));
    size_t units = SizeofResource(module, resource) / sizeof(WCHAR);
    if (!data) return false;
    size_t at = 0;
    for (UINT index = 0; index < (id & 15); ++index) {
        if (at >= units) return false;
        at += 1 + data[at];
    }
    if (at >= units || at + 1 + data[at] > units) return false;
    *length = data[at];
    *text = data + at + 1;
    return true;
}

}  // namespace

VINE_EXPORT int LoadStringW(HINSTANCE module, UINT id, WCHAR* buffer, int size) {
    if (!buffer) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    const WCHAR* text = nullptr;
    size_t length = 0;
    bool found = find_string(module, id, &text, &length);
    // Size 0: the caller gets a read-only pointer to the string itself.
    if (size == 0) {
        *reinterpret_cast<const WCHAR**>(buffer) = found ? text : nullptr;
        return found ? static_cast<int>(length) : 0;
    }
    if (!found) {
        buffer[0] = 0;
        return 0;
    }
    size_t count = length < static_cast<size_t>(size) ? length : static_cast<size_t>(size) - 1;
    std::memcpy(buffer, text, count * sizeof(WCHAR));
    buffer[count] = 0;
    return static_cast<int>(count);
}

VINE_EXPORT int LoadStringA(HINSTANCE module, UINT id, char* buffer, int size) {
    if (!buffer || size <= 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    const WCHAR* text = nullptr;
    size_t length = 0;
    if (!find_string(module, id, &text, &length)) {
        buffer[0] = 0;
        return 0;
    }
    // Converted whole, then cut to the buffer, as Windows does.
    int needed = WideCharToMultiByte(CP_ACP, 0, text, static_cast<int>(length), nullptr, 0, nullptr, nullptr);
    std::string converted(needed > 0 ? static_cast<size_t>(needed) : 0, '\0');
    if (needed > 0)
        WideCharToMultiByte(CP_ACP, 0, text, static_cast<int>(length), converted.data(), needed, nullptr, nullptr);
    int count = needed < size - 1 ? needed : size - 1;
    if (count < 0) count = 0;
    std::memcpy(buffer, converted.data(), static_cast<size_t>(count));
    buffer[count] = 0;
    return count;
}
