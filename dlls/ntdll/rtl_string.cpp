// Counted strings and the C string functions ntdll exports.
#include <cstring>

#include "ntdll_private.h"
#include "vine/fast_string.h"

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

// The C runtime's memory functions and RtlMoveMemory and friends: msvcrt's
// vector code (vine/fast_string.h), SSE2 or AVX2 as the CPU allows, never
// glibc's (a System V call would cost these ms_abi exports ten xmm saves).
using namespace vine::crt;
VINE_CRT_VECTOR_EXPORT(void*, NTDLL_memcpy, (void* d, const void* s, SIZE_T n), mem_move<Isa>(d, s, n))
VINE_CRT_VECTOR_EXPORT(void*, NTDLL_memmove, (void* d, const void* s, SIZE_T n), mem_move<Isa>(d, s, n))
VINE_CRT_VECTOR_EXPORT(void*, NTDLL_memset, (void* d, int c, SIZE_T n), mem_set<Isa>(d, c, n))
VINE_CRT_VECTOR_EXPORT(int, NTDLL_memcmp, (const void* a, const void* b, SIZE_T n), mem_compare<Isa>(a, b, n))
VINE_CRT_VECTOR_EXPORT(SIZE_T, NTDLL_strlen, (const char* s), length<Isa>(s))
VINE_CRT_VECTOR_EXPORT(void, RtlMoveMemory, (void* d, const void* s, SIZE_T n), (void)mem_move<Isa>(d, s, n))
VINE_CRT_VECTOR_EXPORT(void, RtlCopyMemory, (void* d, const void* s, SIZE_T n), (void)mem_move<Isa>(d, s, n))
VINE_CRT_VECTOR_EXPORT(void, RtlFillMemory, (void* d, SIZE_T n, BYTE c), (void)mem_set<Isa>(d, c, n))
VINE_CRT_VECTOR_EXPORT(void, RtlZeroMemory, (void* d, SIZE_T n), (void)mem_set<Isa>(d, 0, n))
