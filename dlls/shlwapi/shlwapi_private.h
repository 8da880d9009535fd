// What shlwapi's files share: character helpers for the W and A forms of
// each function, which are written once as templates over the character
// type. The A forms treat each byte as a character (single-byte code pages;
// DBCS lead bytes are not recognized).
#pragma once

#include "vine/paths.h"
#include "vine/wintypes.h"

namespace shlwapi {

constexpr size_t kMaxPath = 260;

template <typename Char>
size_t length(const Char* text) {
    size_t n = 0;
    while (text[n]) ++n;
    return n;
}

// Windows' case-insensitive comparisons go through its upcase table; this
// is Vine's simple case pairs (paths.h), for bytes their Latin-1 meaning.
template <typename Char>
char16_t folded(Char c) {
    return vine::paths::fold_case(static_cast<char16_t>(static_cast<std::make_unsigned_t<Char>>(c)));
}

template <typename Char>
bool is_digit(Char c) {
    return c >= '0' && c <= '9';
}

}  // namespace shlwapi
