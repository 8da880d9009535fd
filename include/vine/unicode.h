// UTF-8 <-> UTF-16 conversion, one implementation for all of Vine: host
// code (file names, environment, command line) uses the string forms, which
// replace invalid input with U+FFFD; ntdll's RtlUTF8ToUnicodeN and kernel32's
// MultiByteToWideChar(CP_UTF8) use the buffer forms, which also say whether
// anything was invalid. Invalid UTF-8 becomes one U+FFFD per maximal
// subpart (Unicode 15, section 3.9; what Windows 10 and later do); an
// unpaired surrogate becomes U+FFFD in UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vine {

struct ConvertResult {
    size_t length = 0;     // units written (or needed, when counting)
    bool invalid = false;  // some input was replaced with U+FFFD
    bool overflow = false; // the output did not fit; `length` units were written
};

// Converts `text` into dst[0..capacity). With dst null, only counts.
// stop_on_invalid ends the conversion at the first invalid sequence.
ConvertResult utf8_to_utf16(std::string_view text, char16_t* dst, size_t capacity, bool stop_on_invalid = false);
ConvertResult utf16_to_utf8(std::u16string_view text, char* dst, size_t capacity, bool stop_on_invalid = false);

std::u16string utf8_to_utf16(std::string_view text);
std::string utf16_to_utf8(std::u16string_view text);
// Unix text (command-line arguments, file names, environment) as UTF-16
// and back, losslessly: Unix strings are bytes, usually but not always
// UTF-8. Each byte that is not part of a valid UTF-8 sequence becomes the
// lone low surrogate U+DC00 + byte (U+DC80..U+DCFF; such bytes are always
// 0x80 or above), and utf16_to_unix turns exactly those lone surrogates
// back into their bytes, so a Unix name survives the round trip through a
// Windows program. Other lone surrogates become U+FFFD, as in utf16_to_utf8.
std::u16string unix_to_utf16(std::string_view text);
std::string utf16_to_unix(std::u16string_view text);

// `text` safe to print on one line of a UTF-8 terminal: valid UTF-8 is kept,
// every byte outside it and every control character (C0, DEL) is shown as
// \xNN. For messages that quote bytes from a file or a command line (a DLL
// name in a corrupt image, a file name).
std::string printable(std::string_view text);

// Length of a NUL-terminated UTF-16 string.
size_t utf16_length(const char16_t* text);

// ASCII-only case folding, which is what Windows uses for DLL names.
char16_t ascii_lower(char16_t c);
bool equal_ignore_case(std::u16string_view a, std::u16string_view b);

}  // namespace vine
