// Counted strings and the C string functions ntdll exports.
#include <cstring>

#include "ntdll_private.h"

VINE_EXPORT void RtlInitUnicodeString(UNICODE_STRING* out, const WCHAR* text) {
    size_t length = 0;
    if (text)
        while (text[length]) ++length;
    if (length > 0x7ffe) length = 0x7ffe;
    out->Length = static_cast<USHORT>(length * 2);
    out->MaximumLength = text ? static_cast<USHORT>(length * 2 + 2) : 0;
    out->Buffer = const_cast<WCHAR*>(text);
}

VINE_EXPORT void RtlInitAnsiString(ANSI_STRING* out, const char* text) {
    size_t length = text ? strlen(text) : 0;
    if (length > 0xfffe) length = 0xfffe;
    out->Length = static_cast<USHORT>(length);
    out->MaximumLength = text ? static_cast<USHORT>(length + 1) : 0;
    out->Buffer = const_cast<char*>(text);
}

VINE_EXPORT void* NTDLL_memcpy(void* dst, const void* src, SIZE_T size) { return memcpy(dst, src, size); }
VINE_EXPORT void* NTDLL_memmove(void* dst, const void* src, SIZE_T size) { return memmove(dst, src, size); }
VINE_EXPORT void* NTDLL_memset(void* dst, int value, SIZE_T size) { return memset(dst, value, size); }
VINE_EXPORT int NTDLL_memcmp(const void* a, const void* b, SIZE_T size) { return memcmp(a, b, size); }
VINE_EXPORT SIZE_T NTDLL_strlen(const char* text) { return strlen(text); }
VINE_EXPORT void RtlMoveMemory(void* dst, const void* src, SIZE_T size) { memmove(dst, src, size); }
VINE_EXPORT void RtlCopyMemory(void* dst, const void* src, SIZE_T size) { memcpy(dst, src, size); }
VINE_EXPORT void RtlFillMemory(void* dst, SIZE_T size, BYTE value) { memset(dst, value, size); }
VINE_EXPORT void RtlZeroMemory(void* dst, SIZE_T size) { memset(dst, 0, size); }
