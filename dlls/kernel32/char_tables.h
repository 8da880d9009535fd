// The character properties MSVC C runtimes ask for at start-up (CT_CTYPE1
// classes and simple case mappings of the ANSI code page's characters),
// from tables tools/nls/make_char_tables.cpp makes at build time from ICU's
// own answers, so that answering them does not load ICU (icu.h).
#pragma once

#include <cstdint>

namespace kernel32::char_tables {

// Two-stage tables: the block of 128 units, then the unit within it.
extern const uint8_t category_index[512];
extern const int8_t category_blocks[][128];
extern const uint8_t upper_index[512];
extern const uint16_t upper_blocks[][128];
extern const uint8_t lower_index[512];
extern const uint16_t lower_blocks[][128];

// ICU's u_charType of the unit (a UCharCategory).
inline int8_t general_category(char16_t c) { return category_blocks[category_index[c >> 7]][c & 127]; }
// ICU's u_toupper and u_tolower of the unit.
inline char16_t to_upper(char16_t c) { return static_cast<char16_t>(c + upper_blocks[upper_index[c >> 7]][c & 127]); }
inline char16_t to_lower(char16_t c) { return static_cast<char16_t>(c + lower_blocks[lower_index[c >> 7]][c & 127]); }

}  // namespace kernel32::char_tables
