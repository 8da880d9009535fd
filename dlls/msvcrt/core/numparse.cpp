#include "numparse.h"

#include <cerrno>
#include <cstdlib>
#include <string>

namespace vine::msvcrt {
namespace {

template <class CharT>
bool is_space(CharT c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

template <class CharT>
bool is_digit(CharT c) {
    return c >= '0' && c <= '9';
}

}  // namespace

template <class CharT>
DoubleResult parse_double(const CharT* text) {
    DoubleResult result;
    const CharT* p = text;
    while (is_space(*p)) ++p;
    std::string normalized;
    if (*p == '+' || *p == '-') normalized.push_back(static_cast<char>(*p++));
    size_t digits = 0;
    while (is_digit(*p)) normalized.push_back(static_cast<char>(*p++)), ++digits;
    if (*p == '.') {
        normalized.push_back('.');
        ++p;
        while (is_digit(*p)) normalized.push_back(static_cast<char>(*p++)), ++digits;
    }
    if (digits == 0) return result;
    if (*p == 'e' || *p == 'E' || *p == 'd' || *p == 'D') {
        const CharT* exponent = p + 1;
        std::string tail = "e";
        if (*exponent == '+' || *exponent == '-') tail.push_back(static_cast<char>(*exponent++));
        if (is_digit(*exponent)) {
            while (is_digit(*exponent)) tail.push_back(static_cast<char>(*exponent++));
            normalized += tail;
            p = exponent;
        }
    }
    result.consumed = static_cast<size_t>(p - text);
    errno = 0;
    result.value = std::strtod(normalized.c_str(), nullptr);
    result.range_error = errno == ERANGE;
    return result;
}

template <class CharT>
IntegerResult parse_integer(const CharT* text, int base, bool is_signed, int bits) {
    IntegerResult result;
    if (base < 0 || base == 1 || base > 36) return result;
    const CharT* p = text;
    while (is_space(*p)) ++p;
    bool negative = false;
    if (*p == '+' || *p == '-') negative = *p++ == '-';
    auto is_hex = [](CharT c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); };
    // "0x" counts as a prefix only when a hex digit follows; otherwise the
    // number is the lone "0".
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && is_hex(p[2])) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = p[0] == '0' ? 8 : 10;
    }
    uint64_t limit = bits == 64 ? UINT64_MAX : (uint64_t{1} << bits) - 1;
    uint64_t value = 0;
    bool overflow = false;
    const CharT* start = p;
    for (;; ++p) {
        int digit;
        if (*p >= '0' && *p <= '9') digit = *p - '0';
        else if (*p >= 'a' && *p <= 'z') digit = *p - 'a' + 10;
        else if (*p >= 'A' && *p <= 'Z') digit = *p - 'A' + 10;
        else break;
        if (digit >= base) break;
        if (value > (limit - static_cast<uint64_t>(digit)) / static_cast<uint64_t>(base)) overflow = true;
        else value = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(digit);
    }
    if (p == start) return result;  // no digits: nothing consumed
    result.consumed = static_cast<size_t>(p - text);
    if (is_signed) {
        uint64_t max_positive = limit >> 1;
        if (!overflow && (negative ? value > max_positive + 1 : value > max_positive)) overflow = true;
        if (overflow) {
            result.range_error = true;
            result.value = negative ? ~max_positive : max_positive;  // INT_MIN pattern / INT_MAX
            if (bits < 64 && negative) result.value = static_cast<uint64_t>(-static_cast<int64_t>(max_positive) - 1);
            return result;
        }
        result.value = negative ? 0 - value : value;
        return result;
    }
    if (overflow) {
        result.range_error = true;
        result.value = limit;
        return result;
    }
    result.value = negative ? (0 - value) & limit : value;
    return result;
}

template DoubleResult parse_double(const char*);
template DoubleResult parse_double(const char16_t*);
template IntegerResult parse_integer(const char*, int, bool, int);
template IntegerResult parse_integer(const char16_t*, int, bool, int);

}  // namespace vine::msvcrt
