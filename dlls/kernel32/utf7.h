// UTF-7 (RFC 2152) as Windows' code page 65000 writes and reads it.
#pragma once

#include <cstddef>

#include "vine/wintypes.h"

namespace kernel32 {

// dst null counts; *overflow says the output was full (what fitted written).
size_t utf7_to_utf16(const char* src, size_t length, WCHAR* dst, size_t capacity, bool* overflow);
size_t utf16_to_utf7(const WCHAR* src, size_t length, char* dst, size_t capacity, bool* overflow);

}  // namespace kernel32
