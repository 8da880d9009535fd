// Windows' case-insensitive comparison of names, one character at a time
// (vine/paths.h): shared by the path lookup, the directory cache and the NT
// name parser, and small enough for the fuzzers to link alone.
#include "vine/paths.h"
#include "vine/unicode.h"

namespace vine::paths {

char16_t fold_case(char16_t c) {
    // Windows compares names through its upcase table; this covers the
    // scripts with simple one-to-one case pairs (ASCII, Latin-1, Latin
    // Extended-A, Greek, Cyrillic), which is what file names use in practice.
    if (c < 0x80) return ascii_lower(c);
    if ((c >= 0xc0 && c <= 0xde && c != 0xd7)) return c + 0x20;
    if (c >= 0x100 && c <= 0x17f) {
        // Pairs are (even, odd) except in 0x139-0x148 and 0x179-0x17e, where
        // they are (odd, even); 0x130/0x131 (dotted/dotless i) stay as they are.
        if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17f) return c;
        if (c == 0x178) return 0xff;  // Y with diaeresis pairs with Latin-1's 0xff
        bool odd_first = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e);
        return odd_first ? ((c & 1) ? c + 1 : c) : (c | 1);
    }
    if (c >= 0x391 && c <= 0x3ab && c != 0x3a2) return c + 0x20;
    if (c >= 0x410 && c <= 0x42f) return c + 0x20;
    if (c >= 0x400 && c <= 0x40f) return c + 0x50;
    return c;
}

}  // namespace vine::paths
