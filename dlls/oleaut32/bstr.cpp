// BSTRs: a 32-bit byte count, then the characters, then a NUL WCHAR; the
// BSTR points at the characters. SysStringByteLen reads the count, so a
// string may hold embedded NULs and an odd number of bytes.
#include <cstdlib>
#include <cstring>

#include "oleaut32_private.h"

namespace oleaut32 {

namespace {

DWORD* header_of(BSTR text) { return reinterpret_cast<DWORD*>(text) - 1; }

}  // namespace

BSTR alloc_bytes(const void* data, size_t bytes) {
    // The count is 32 bits; a NUL WCHAR follows (after a NUL byte when the
    // length is odd).
    if (bytes > 0xfffffff0u - sizeof(DWORD) - 2 * sizeof(WCHAR)) return nullptr;
    auto* block = static_cast<uint8_t*>(std::malloc(sizeof(DWORD) + bytes + 2 * sizeof(WCHAR)));
    if (!block) return nullptr;
    DWORD count = static_cast<DWORD>(bytes);
    std::memcpy(block, &count, sizeof(count));
    uint8_t* text = block + sizeof(DWORD);
    if (data) std::memcpy(text, data, bytes);
    std::memset(text + bytes, 0, 2 * sizeof(WCHAR));
    return reinterpret_cast<BSTR>(text);
}

void free_bstr(BSTR text) {
    if (text) std::free(header_of(text));
}

UINT byte_length(BSTR text) { return text ? *header_of(text) : 0; }

size_t wide_length(const WCHAR* text) {
    size_t length = 0;
    while (text[length]) ++length;
    return length;
}

}  // namespace oleaut32

using namespace oleaut32;

VINE_EXPORT BSTR SysAllocString(const WCHAR* text) {
    if (!text) return nullptr;
    return alloc_bytes(text, wide_length(text) * sizeof(WCHAR));
}

VINE_EXPORT BSTR SysAllocStringLen(const WCHAR* text, UINT length) {
    if (length > 0x7ffffff0u) return nullptr;
    return alloc_bytes(text, size_t{length} * sizeof(WCHAR));
}

VINE_EXPORT BSTR SysAllocStringByteLen(const char* text, UINT length) { return alloc_bytes(text, length); }

VINE_EXPORT void SysFreeString(BSTR text) { free_bstr(text); }

VINE_EXPORT UINT SysStringLen(BSTR text) { return byte_length(text) / sizeof(WCHAR); }

VINE_EXPORT UINT SysStringByteLen(BSTR text) { return byte_length(text); }

// The new string may be part of the old one, so it is copied first.
VINE_EXPORT INT SysReAllocStringLen(BSTR* old, const WCHAR* text, UINT length) {
    if (!old) return FALSE;
    BSTR fresh = SysAllocStringLen(text, length);
    if (!fresh) return FALSE;
    free_bstr(*old);
    *old = fresh;
    return TRUE;
}

VINE_EXPORT INT SysReAllocString(BSTR* old, const WCHAR* text) {
    if (!old) return FALSE;
    if (!text) {
        free_bstr(*old);
        *old = nullptr;
        return TRUE;
    }
    return SysReAllocStringLen(old, text, static_cast<UINT>(wide_length(text)));
}
