// UTF-8 <-> UTF-16 conversion for host code (file names, environment,
// command line). Invalid input is replaced with U+FFFD, never rejected.
#pragma once

#include <string>
#include <string_view>

namespace vine {

std::u16string utf8_to_utf16(std::string_view text);
std::string utf16_to_utf8(std::u16string_view text);
// Length of a NUL-terminated UTF-16 string.
size_t utf16_length(const char16_t* text);

// ASCII-only case folding, which is what Windows uses for DLL names.
char16_t ascii_lower(char16_t c);
bool equal_ignore_case(std::u16string_view a, std::u16string_view b);

}  // namespace vine
