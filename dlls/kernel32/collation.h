// Between collation.cpp and the LCMapString functions (string_map.cpp).
#pragma once

#include "locale_table.h"
#include "vine/wintypes.h"

namespace kernel32 {

bool valid_compare_flags(DWORD flags, bool ansi);
// CompareStringEx's result (CSTR_*), or 0 with the last error.
int compare_strings(const LocaleData* locale, DWORD flags, const WCHAR* a, int a_len, const WCHAR* b, int b_len);
// LCMapString(LCMAP_SORTKEY): the key's size in bytes (with its 0), or 0.
int sort_key(const LocaleData* locale, DWORD flags, const WCHAR* text, size_t length, BYTE* key, int key_size);

}  // namespace kernel32
