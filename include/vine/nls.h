// ntdll's code page engine, as kernel32 reaches it (private exports; the
// tables and conversions live once, in dlls/ntdll/codepage.cpp).
#pragma once

#include "vine/wintypes.h"

// An opaque code page table.
struct VINE_CODEPAGE;

// What GetCPInfoExW reports.
struct VINE_CODEPAGE_INFO {
    UINT code_page;
    UINT max_char_size;
    BYTE default_char[2];
    BYTE lead_byte[12];
    WCHAR unicode_default;
    const WCHAR* name;
};

// Flags of the conversions (MultiByteToWideChar's and WideCharToMultiByte's
// values where they have one).
constexpr ULONG VINE_CP_USE_GLYPHS = 0x4;       // MB_USEGLYPHCHARS
constexpr ULONG VINE_CP_STOP_ON_INVALID = 0x8;  // MB_ERR_INVALID_CHARS
constexpr ULONG VINE_CP_NO_BEST_FIT = 0x400;    // WC_NO_BEST_FIT_CHARS
// Result bits.
constexpr ULONG VINE_CP_INVALID = 0x1;      // an invalid byte sequence was seen
constexpr ULONG VINE_CP_USED_DEFAULT = 0x2; // a character became the default char
constexpr ULONG VINE_CP_OVERFLOW = 0x4;     // the output was full; what fitted was written

extern "C" {
// The table of `code_page` (a number, not CP_ACP), or null when Vine has none.
WINAPI const VINE_CODEPAGE* __vine_codepage(UINT code_page);
// The number of the index-th code page Vine has a table for, or 0 past the last.
WINAPI UINT __vine_codepage_at(UINT index);
WINAPI void __vine_codepage_info(const VINE_CODEPAGE* table, VINE_CODEPAGE_INFO* info);
// Byte -> UTF-16 and back. dst null counts. Returns the units written or needed.
WINAPI SIZE_T __vine_codepage_to_utf16(const VINE_CODEPAGE* table, ULONG flags, const char* src, SIZE_T length,
                                       WCHAR* dst, SIZE_T capacity, ULONG* result);
// default_char null: the code page's ('?'; EBCDIC's 0x6F). Characters the code
// page lacks take their best fit unless flags has VINE_CP_NO_BEST_FIT.
WINAPI SIZE_T __vine_utf16_to_codepage(const VINE_CODEPAGE* table, ULONG flags, const WCHAR* src, SIZE_T length,
                                       char* dst, SIZE_T capacity, const char* default_char, ULONG* result);
WINAPI BOOL __vine_codepage_is_lead_byte(const VINE_CODEPAGE* table, BYTE byte);
// The process's ANSI and OEM code pages (ntdll's NlsAnsiCodePage/OEM):
// the host locale's, or UTF-8 when the EXE's manifest asks for it.
WINAPI void __vine_process_code_pages(UINT* ansi, UINT* oem);
}
