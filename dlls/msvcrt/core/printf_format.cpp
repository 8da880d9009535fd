#include "printf_format.h"

#include <cmath>
#include <cstdio>
#include <cstring>

namespace vine::msvcrt {
namespace {

struct Spec {
    bool left = false, plus = false, space = false, alternate = false, zero = false;
    int width = 0;
    int precision = -1;
    // Size modifiers as msvcrt understands them.
    enum Size { Default, Short, Long, LongLong, Int64, Int32, Wide, LongDouble } size = Default;
    char conversion = 0;
};

// A "C" locale narrowing of a UTF-16 unit: msvcrt maps 0..255 one to one.
inline char narrow(char16_t c) { return c < 256 ? static_cast<char>(c) : '?'; }

template <class CharT>
void append_ascii(std::basic_string<CharT>& out, const std::string& s) {
    for (unsigned char c : s) out.push_back(static_cast<CharT>(c));
}

template <class CharT>
void pad(std::basic_string<CharT>& out, int count, CharT c) {
    if (count > 0) out.append(static_cast<size_t>(count), c);
}

// Emits `body` (already converted to CharT) in a field of spec.width,
// zero padding after the sign/prefix when requested.
template <class CharT>
void emit_field(std::basic_string<CharT>& out, const Spec& spec, const std::basic_string<CharT>& prefix,
                const std::basic_string<CharT>& body, bool zero_pad) {
    int len = static_cast<int>(prefix.size() + body.size());
    int fill = spec.width - len;
    if (spec.left) {
        out += prefix;
        out += body;
        pad(out, fill, CharT(' '));
    } else if (zero_pad) {
        out += prefix;
        pad(out, fill, CharT('0'));
        out += body;
    } else {
        pad(out, fill, CharT(' '));
        out += prefix;
        out += body;
    }
}

template <class CharT>
void format_integer(std::basic_string<CharT>& out, const Spec& spec, uint64_t magnitude, bool negative) {
    char conv = spec.conversion;
    unsigned base = 10;
    const char* digits = "0123456789abcdef";
    if (conv == 'o') base = 8;
    else if (conv == 'x') base = 16;
    else if (conv == 'X' || conv == 'p') base = 16, digits = "0123456789ABCDEF";

    char buffer[70];
    int n = 0;
    for (uint64_t v = magnitude; v; v /= base) buffer[n++] = digits[v % base];
    std::string body;
    int precision = spec.precision;
    if (conv == 'p') precision = 16;
    if (!(precision == 0 && magnitude == 0)) {
        if (n == 0) buffer[n++] = '0';
        int zeros = precision > n ? precision - n : 0;
        if (conv == 'o' && spec.alternate && zeros == 0 && buffer[n - 1] != '0') zeros = 1;
        body.append(static_cast<size_t>(zeros), '0');
        while (n) body.push_back(buffer[--n]);
    }
    std::string prefix;
    bool is_signed = conv == 'd' || conv == 'i';
    if (is_signed) {
        if (negative) prefix = "-";
        else if (spec.plus) prefix = "+";
        else if (spec.space) prefix = " ";
    }
    if (spec.alternate && magnitude != 0) {
        if (conv == 'x') prefix = "0x";
        else if (conv == 'X') prefix = "0X";
    }
    std::basic_string<CharT> p, b;
    append_ascii(p, prefix);
    append_ascii(b, body);
    emit_field(out, spec, p, b, spec.zero && !spec.left && spec.precision < 0);
}

// msvcrt prints infinities and NaNs as "1.#INF", "1.#QNAN", "1.#SNAN" and
// "1.#IND" and then treats the characters after the point as the fraction:
// they are padded with zeros or cut with rounding to the precision.
std::string special_fraction(const char* special, int precision) {
    std::string fraction = special;
    if (static_cast<int>(fraction.size()) <= precision) {
        fraction.append(static_cast<size_t>(precision) - fraction.size(), '0');
        return fraction;
    }
    bool round_up = fraction[static_cast<size_t>(precision)] >= '5';
    fraction.resize(static_cast<size_t>(precision));
    if (round_up && precision > 0) fraction.back() = static_cast<char>(fraction.back() + 1);
    return fraction;
}

// Rewrites glibc's exponent ("e+05") as msvcrt's three-digit one ("e+005").
std::string widen_exponent(const std::string& s) {
    size_t e = s.find_first_of("eE");
    if (e == std::string::npos || e + 2 > s.size()) return s;
    std::string mantissa = s.substr(0, e + 2);  // includes 'e' and the sign
    std::string exponent = s.substr(e + 2);
    while (exponent.size() < 3) exponent.insert(exponent.begin(), '0');
    return mantissa + exponent;
}

FloatStyle float_style = FloatStyle::Msvcrt;

// The Universal CRT's spelling of an infinity or NaN (sign added by the caller).
std::string ucrt_special(double value, bool upper) {
    const char* text = "inf";
    if (std::isnan(value)) {
        uint64_t bits;
        std::memcpy(&bits, &value, sizeof(bits));
        uint64_t mantissa = bits & 0x000fffffffffffffULL;
        if (!(mantissa & 0x0008000000000000ULL)) text = "nan(snan)";
        else if (std::signbit(value) && mantissa == 0x0008000000000000ULL) text = "nan(ind)";
        else text = "nan";
    }
    std::string out = text;
    if (upper)
        for (auto& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    return out;
}

}  // namespace

void set_float_style(FloatStyle style) { float_style = style; }

std::string format_double(double value, char conversion, int precision, bool alternate, bool plus, bool space) {
    if (precision < 0) precision = 6;
    std::string sign;
    if (std::signbit(value)) sign = "-";
    else if (plus) sign = "+";
    else if (space) sign = " ";

    bool upper = conversion == 'E' || conversion == 'G' || conversion == 'A';
    if (float_style == FloatStyle::Ucrt && (std::isinf(value) || std::isnan(value)))
        return sign + ucrt_special(value, upper);
    if (std::isinf(value) || std::isnan(value)) {
        const char* special = "#INF";
        if (std::isnan(value)) {
            uint64_t bits;
            std::memcpy(&bits, &value, sizeof(bits));
            uint64_t mantissa = bits & 0x000fffffffffffffULL;
            if (!(mantissa & 0x0008000000000000ULL)) special = "#SNAN";
            else if (std::signbit(value) && mantissa == 0x0008000000000000ULL) special = "#IND";
            else special = "#QNAN";
        }
        std::string text;
        char lower = static_cast<char>(conversion | 0x20);
        if (lower == 'g') {
            // %g keeps "precision" significant digits; the leading 1 is one.
            int fraction_digits = precision == 0 ? 0 : precision - 1;
            std::string fraction = special_fraction(special, fraction_digits);
            if (!alternate) {
                while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
            }
            text = "1";
            if (!fraction.empty() || alternate) text += "." + fraction;
        } else {
            std::string fraction = special_fraction(special, precision);
            text = "1";
            if (precision > 0 || alternate) text += "." + fraction;
            if (lower == 'e') text += upper ? "E+000" : "e+000";
        }
        return sign + text;
    }

    char fmt[16];
    char* f = fmt;
    *f++ = '%';
    if (alternate) *f++ = '#';
    *f++ = '.';
    *f++ = '*';
    *f++ = conversion;
    *f = 0;
    char buffer[512];
    double magnitude = std::fabs(value);
    int n = std::snprintf(buffer, sizeof(buffer), fmt, precision, magnitude);
    std::string text;
    if (n >= static_cast<int>(sizeof(buffer))) {
        std::string big(static_cast<size_t>(n) + 1, '\0');
        std::snprintf(big.data(), big.size(), fmt, precision, magnitude);
        big.resize(static_cast<size_t>(n));
        text = big;
    } else {
        text.assign(buffer, static_cast<size_t>(n));
    }
    char lower = static_cast<char>(conversion | 0x20);
    if ((lower == 'e' || lower == 'g') && float_style == FloatStyle::Msvcrt) text = widen_exponent(text);
    return sign + text;
}

namespace {

template <class CharT>
class Formatter {
public:
    Formatter(std::basic_string<CharT>& out, ms_va_list ap) : out_(out), ap_(ap) {}

    bool run(const CharT* p) {
        while (*p) {
            if (*p != '%') {
                out_.push_back(*p++);
                continue;
            }
            ++p;
            Spec spec;
            // Flags.
            for (;; ++p) {
                if (*p == '-') spec.left = true;
                else if (*p == '+') spec.plus = true;
                else if (*p == ' ') spec.space = true;
                else if (*p == '#') spec.alternate = true;
                else if (*p == '0') spec.zero = true;
                else break;
            }
            // Width.
            if (*p == '*') {
                int w = MSVCRT_VA_ARG(ap_, int);
                if (w < 0) spec.left = true, w = -w;
                spec.width = w;
                ++p;
            } else {
                while (*p >= '0' && *p <= '9') spec.width = spec.width * 10 + (*p++ - '0');
            }
            // Precision.
            if (*p == '.') {
                ++p;
                spec.precision = 0;
                if (*p == '*') {
                    int prec = MSVCRT_VA_ARG(ap_, int);
                    spec.precision = prec < 0 ? -1 : prec;
                    ++p;
                } else {
                    while (*p >= '0' && *p <= '9') spec.precision = spec.precision * 10 + (*p++ - '0');
                }
            }
            // Size modifiers: msvcrt knows h, l, ll, L, w, I, I32, I64. It
            // does not know hh, j, z or t.
            for (;;) {
                if (*p == 'h') spec.size = Spec::Short, ++p;
                else if (*p == 'l') {
                    if (p[1] == 'l') spec.size = Spec::LongLong, p += 2;
                    else spec.size = Spec::Long, ++p;
                } else if (*p == 'L') spec.size = Spec::LongDouble, ++p;
                else if (*p == 'w') spec.size = Spec::Wide, ++p;
                else if (*p == 'I') {
                    if (p[1] == '6' && p[2] == '4') spec.size = Spec::Int64, p += 3;
                    else if (p[1] == '3' && p[2] == '2') spec.size = Spec::Int32, p += 3;
                    else spec.size = Spec::Int64, ++p;  // pointer-sized: 64 bits on x64
                } else break;
            }
            if (!*p) break;
            CharT c = *p++;
            spec.conversion = c < 128 ? static_cast<char>(c) : 0;
            if (!convert(spec, c)) return false;
        }
        return true;
    }

private:
    bool is_wide_string(const Spec& spec, bool upper) const {
        if (spec.size == Spec::Short) return false;
        if (spec.size == Spec::Long || spec.size == Spec::Wide) return true;
        // %s is the function's own width, %S the other one.
        return (sizeof(CharT) == 2) != upper;
    }

    void emit_text(const Spec& spec, const std::basic_string<CharT>& text) {
        emit_field(out_, spec, std::basic_string<CharT>(), text, spec.zero && !spec.left);
    }

    template <class SrcChar>
    std::basic_string<CharT> convert_string(const SrcChar* s, int max) {
        std::basic_string<CharT> text;
        for (int i = 0; s[i] && (max < 0 || i < max); ++i) {
            if constexpr (sizeof(CharT) == 1 && sizeof(SrcChar) == 2) text.push_back(narrow(s[i]));
            else text.push_back(static_cast<CharT>(static_cast<std::make_unsigned_t<SrcChar>>(s[i])));
        }
        return text;
    }

    bool convert(Spec& spec, CharT c) {
        switch (c) {
        case '%':
            out_.push_back('%');
            return true;
        case 'c':
        case 'C': {
            int value = MSVCRT_VA_ARG(ap_, int);
            bool wide = is_wide_string(spec, c == 'C');
            std::basic_string<CharT> text;
            if (wide) {
                char16_t wc = static_cast<char16_t>(value);
                if constexpr (sizeof(CharT) == 1) text.push_back(narrow(wc));
                else text.push_back(wc);
            } else {
                text.push_back(static_cast<CharT>(static_cast<unsigned char>(value)));
            }
            emit_text(spec, text);
            return true;
        }
        case 's':
        case 'S': {
            const void* ptr = MSVCRT_VA_ARG(ap_, const void*);
            bool wide = is_wide_string(spec, c == 'S');
            std::basic_string<CharT> text;
            if (!ptr) text = convert_string("(null)", spec.precision);
            else if (wide) text = convert_string(static_cast<const char16_t*>(ptr), spec.precision);
            else text = convert_string(static_cast<const char*>(ptr), spec.precision);
            emit_text(spec, text);
            return true;
        }
        case 'Z': {
            // ANSI_STRING / UNICODE_STRING: { USHORT Length (bytes); USHORT Max; Buffer }.
            struct Counted {
                uint16_t length;
                uint16_t maximum;
                const void* buffer;
            };
            const Counted* s = MSVCRT_VA_ARG(ap_, const Counted*);
            bool wide = is_wide_string(spec, false);
            std::basic_string<CharT> text;
            if (!s || !s->buffer) {
                text = convert_string("(null)", spec.precision);
            } else {
                int chars = wide ? s->length / 2 : s->length;
                if (spec.precision >= 0 && spec.precision < chars) chars = spec.precision;
                for (int i = 0; i < chars; ++i) {
                    if (wide) {
                        char16_t wc = static_cast<const char16_t*>(s->buffer)[i];
                        if constexpr (sizeof(CharT) == 1) text.push_back(narrow(wc));
                        else text.push_back(wc);
                    } else {
                        text.push_back(static_cast<CharT>(static_cast<const unsigned char*>(s->buffer)[i]));
                    }
                }
            }
            emit_text(spec, text);
            return true;
        }
        case 'd':
        case 'i': {
            int64_t v;
            if (spec.size == Spec::Int64 || spec.size == Spec::LongLong) v = MSVCRT_VA_ARG(ap_, int64_t);
            else if (spec.size == Spec::Short) v = static_cast<int16_t>(MSVCRT_VA_ARG(ap_, int));
            else v = MSVCRT_VA_ARG(ap_, int32_t);
            bool negative = v < 0;
            uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
            format_integer(out_, spec, magnitude, negative);
            return true;
        }
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
            uint64_t v;
            if (spec.size == Spec::Int64 || spec.size == Spec::LongLong) v = MSVCRT_VA_ARG(ap_, uint64_t);
            else if (spec.size == Spec::Short) v = static_cast<uint16_t>(MSVCRT_VA_ARG(ap_, unsigned));
            else v = MSVCRT_VA_ARG(ap_, uint32_t);
            format_integer(out_, spec, v, false);
            return true;
        }
        case 'p': {
            uint64_t v = reinterpret_cast<uintptr_t>(MSVCRT_VA_ARG(ap_, void*));
            Spec p = spec;
            p.alternate = false;
            format_integer(out_, p, v, false);
            return true;
        }
        case 'n': {
            void* target = MSVCRT_VA_ARG(ap_, void*);
            size_t count = out_.size();
            if (spec.size == Spec::Short) *static_cast<int16_t*>(target) = static_cast<int16_t>(count);
            else if (spec.size == Spec::Int64 || spec.size == Spec::LongLong)
                *static_cast<int64_t*>(target) = static_cast<int64_t>(count);
            else *static_cast<int32_t*>(target) = static_cast<int32_t>(count);
            return true;
        }
        case 'e':
        case 'E':
        case 'f':
        case 'g':
        case 'G':
        case 'a':
        case 'A': {
            double v = MSVCRT_VA_ARG(ap_, double);  // long double is double
            std::string text = format_double(v, static_cast<char>(c), spec.precision, spec.alternate, spec.plus,
                                             spec.space);
            std::string prefix;
            if (!text.empty() && (text[0] == '-' || text[0] == '+' || text[0] == ' ')) {
                prefix = text.substr(0, 1);
                text.erase(0, 1);
            }
            std::basic_string<CharT> p, b;
            append_ascii(p, prefix);
            append_ascii(b, text);
            emit_field(out_, spec, p, b, spec.zero && !spec.left);
            return true;
        }
        default:
            // An unknown conversion character is printed as itself.
            out_.push_back(c);
            return true;
        }
    }

    std::basic_string<CharT>& out_;
    ms_va_list ap_;
};

}  // namespace

bool format(std::string& out, const char* fmt, ms_va_list ap) {
    if (!fmt) return false;
    return Formatter<char>(out, ap).run(fmt);
}

bool format(std::u16string& out, const char16_t* fmt, ms_va_list ap) {
    if (!fmt) return false;
    return Formatter<char16_t>(out, ap).run(fmt);
}

}  // namespace vine::msvcrt
