// Windows Runtime strings (winstring.h, hstring.h): the opaque HSTRING, the
// caller-provided header of a fast-pass string, and a preallocated buffer
// (dlls/combase/hstring.cpp).
#pragma once

#include <cstddef>

#include "vine/wintypes.h"

struct HSTRING__;
using HSTRING = HSTRING__*;
struct HSTRING_BUFFER__;
using HSTRING_BUFFER = HSTRING_BUFFER__*;

struct HSTRING_HEADER {
    union {
        PVOID Reserved1;
        char Reserved2[24];
    } Reserved;
};
static_assert(sizeof(HSTRING_HEADER) == 24);

using UINT32 = unsigned int;
using INT32 = int;
