// Number parsing with msvcrt.dll's accepted syntax.
#pragma once

#include <cstddef>
#include <cstdint>

namespace vine::msvcrt {

struct DoubleResult {
    double value = 0;
    size_t consumed = 0;  // characters used, 0 when no number was found
    bool range_error = false;
};

// strtod: optional white space, sign, digits with an optional '.', and an
// optional exponent introduced by e, E, d or D. msvcrt.dll accepts neither
// "inf"/"nan" nor hexadecimal floats. Correctly rounded.
template <class CharT>
DoubleResult parse_double(const CharT* text);

struct IntegerResult {
    uint64_t value = 0;  // two's complement of the result
    size_t consumed = 0;
    bool range_error = false;
};

// strtol/strtoul/_strtoi64/_strtoui64 in one: `is_signed` and `bits` pick the
// range. Out-of-range values saturate as the C functions require.
template <class CharT>
IntegerResult parse_integer(const CharT* text, int base, bool is_signed, int bits);

}  // namespace vine::msvcrt
