// The formatting engine of msvcrt.dll's printf family, independent of the DLL
// so the host unit tests can drive it.
#pragma once

#include <cstdint>
#include <string>

namespace vine::msvcrt {

using ms_va_list = __builtin_ms_va_list;
#define MSVCRT_VA_ARG(ap, type) __builtin_va_arg(ap, type)

// Formats `format` with the arguments in `ap` the way msvcrt.dll does and
// appends the result to `out`. CharT is char (printf) or char16_t (wprintf,
// where %s is a wide string and %S a narrow one). Returns false when the
// format cannot be processed (msvcrt then returns -1).
bool format(std::string& out, const char* format, ms_va_list ap);
bool format(std::u16string& out, const char16_t* format, ms_va_list ap);

// How floating-point values look: msvcrt.dll's ("1.#INF00", "1.000000e+000")
// or the Universal CRT's ("inf", "-nan(ind)", "1.000000e+00"). Each DLL
// linking this engine sets its own at load (ucrtbase: Ucrt).
enum class FloatStyle { Msvcrt, Ucrt };
void set_float_style(FloatStyle style);

// Formats one double for %e %E %f %g %G %a %A with the DLL's conventions
// (msvcrt: 3-digit exponents, 1.#INF00 / 1.#QNAN0 / -1.#IND00; UCRT: glibc's
// correctly rounded digits, 2-digit exponents, inf / nan / -nan(ind) /
// nan(snan)). `precision` < 0 means
// the default (6). The flags are printf's: '#', '+', ' '. No width applied.
std::string format_double(double value, char conversion, int precision, bool alternate, bool plus, bool space);

}  // namespace vine::msvcrt
