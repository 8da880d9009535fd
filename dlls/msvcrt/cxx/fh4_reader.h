// A cursor over __CxxFrameHandler4's byte stream (the encoding is
// described in include/vine/msvc_eh.h): compressed unsigned integers of
// one to five bytes, states stored plus one, and plain 4-byte rvas. It
// reads only the bytes of each value (MSVC's own decoder reads up to three
// bytes before it).
#pragma once

#include <cstdint>

namespace vine::cxx {

struct FH4Reader {
    const uint8_t* p;

    uint32_t compressed() {
        uint32_t first = p[0];
        uint32_t value;
        if ((first & 1) == 0) {
            value = first >> 1;
            p += 1;
        } else if ((first & 3) == 1) {
            value = (first | p[1] << 8) >> 2;
            p += 2;
        } else if ((first & 7) == 3) {
            value = (first | p[1] << 8 | p[2] << 16) >> 3;
            p += 3;
        } else if ((first & 15) == 7) {
            value = (first | p[1] << 8 | p[2] << 16 | static_cast<uint32_t>(p[3]) << 24) >> 4;
            p += 4;
        } else {
            value = p[1] | p[2] << 8 | p[3] << 16 | static_cast<uint32_t>(p[4]) << 24;
            p += 5;
        }
        return value;
    }
    int32_t state() { return static_cast<int32_t>(compressed()) - 1; }
    int32_t rva() {
        int32_t value;
        __builtin_memcpy(&value, p, sizeof(value));
        p += sizeof(value);
        return value;
    }
};

}  // namespace vine::cxx
