// Code page 54936, GB18030: ICU's converter (icu.h), for
// MultiByteToWideChar and WideCharToMultiByte. Every Unicode character has
// a GB18030 sequence (one, two or four bytes), so only malformed input has
// none.
#pragma once

#include <cstddef>

#include "vine/wintypes.h"

namespace kernel32 {

struct Gb18030Result {
    size_t length;      // units written, or needed when counting or on overflow
    bool overflow;      // the output was too small
    bool invalid;       // malformed input was met (and replaced, unless strict)
    bool unavailable;   // ICU could not be loaded
};

// dst null counts. strict: stop at malformed input (invalid set).
Gb18030Result gb18030_to_utf16(const char* src, size_t length, WCHAR* dst, size_t capacity, bool strict);
Gb18030Result utf16_to_gb18030(const WCHAR* src, size_t length, char* dst, size_t capacity, bool strict);
// Whether the converter can be had (ICU loads and has it).
bool gb18030_available();

}  // namespace kernel32
