// Numbers to and from text: ato*, strto*, wcsto*, _itoa and friends.
#include <cstring>

#include "core/crt_shared.h"
#include "core/numparse.h"
#include "msvcrt_private.h"

using vine::msvcrt::parse_double;
using vine::msvcrt::parse_integer;

namespace {

void set_errno(int value) { msvcrt_set_errno(value); }

template <class CharT, class T>
T to_integer(const CharT* s, CharT** end, int base, bool is_signed, int bits) {
    return vine::msvcrt::to_integer<T>(s, end, base, is_signed, bits, set_errno);
}

template <class CharT>
double to_double(const CharT* s, CharT** end) {
    auto r = parse_double(s);
    if (end) *end = const_cast<CharT*>(s + r.consumed);
    if (r.range_error) msvcrt_set_errno(MSVCRT_ERANGE);
    return r.value;
}

using vine::msvcrt::signed_to_text;
using vine::msvcrt::to_text;

}  // namespace

MSVCRT_API int32_t MSVCRT_strtol(const char* s, char** end, int base) {
    return to_integer<char, int32_t>(s, end, base, true, 32);
}
MSVCRT_API uint32_t MSVCRT_strtoul(const char* s, char** end, int base) {
    return to_integer<char, uint32_t>(s, end, base, false, 32);
}
MSVCRT_API int64_t MSVCRT__strtoi64(const char* s, char** end, int base) {
    return to_integer<char, int64_t>(s, end, base, true, 64);
}
MSVCRT_API uint64_t MSVCRT__strtoui64(const char* s, char** end, int base) {
    return to_integer<char, uint64_t>(s, end, base, false, 64);
}
MSVCRT_API int32_t MSVCRT_wcstol(const WCHAR* s, WCHAR** end, int base) {
    return to_integer<WCHAR, int32_t>(s, end, base, true, 32);
}
MSVCRT_API uint32_t MSVCRT_wcstoul(const WCHAR* s, WCHAR** end, int base) {
    return to_integer<WCHAR, uint32_t>(s, end, base, false, 32);
}
MSVCRT_API int64_t MSVCRT__wcstoi64(const WCHAR* s, WCHAR** end, int base) {
    return to_integer<WCHAR, int64_t>(s, end, base, true, 64);
}
MSVCRT_API uint64_t MSVCRT__wcstoui64(const WCHAR* s, WCHAR** end, int base) {
    return to_integer<WCHAR, uint64_t>(s, end, base, false, 64);
}
MSVCRT_API double MSVCRT_strtod(const char* s, char** end) { return to_double(s, end); }
MSVCRT_API double MSVCRT_wcstod(const WCHAR* s, WCHAR** end) { return to_double(s, end); }

// ato* do not set errno on overflow in msvcrt.dll; they saturate like strto*.
MSVCRT_API int MSVCRT_atoi(const char* s) {
    return static_cast<int>(parse_integer(s, 10, true, 32).value);
}
MSVCRT_API int32_t MSVCRT_atol(const char* s) { return MSVCRT_atoi(s); }
MSVCRT_API int64_t MSVCRT__atoi64(const char* s) { return static_cast<int64_t>(parse_integer(s, 10, true, 64).value); }
MSVCRT_API double MSVCRT_atof(const char* s) { return parse_double(s).value; }
MSVCRT_API int MSVCRT__wtoi(const WCHAR* s) { return static_cast<int>(parse_integer(s, 10, true, 32).value); }
MSVCRT_API int32_t MSVCRT__wtol(const WCHAR* s) { return MSVCRT__wtoi(s); }
MSVCRT_API int64_t MSVCRT__wtoi64(const WCHAR* s) { return static_cast<int64_t>(parse_integer(s, 10, true, 64).value); }
MSVCRT_API double MSVCRT__wtof(const WCHAR* s) { return parse_double(s).value; }

MSVCRT_API char* MSVCRT__itoa(int v, char* out, int radix) { return signed_to_text(v, out, radix, 32); }
MSVCRT_API char* MSVCRT__ltoa(int32_t v, char* out, int radix) { return signed_to_text(v, out, radix, 32); }
MSVCRT_API char* MSVCRT__ultoa(uint32_t v, char* out, int radix) { return to_text<char>(v, false, out, radix); }
MSVCRT_API char* MSVCRT__i64toa(int64_t v, char* out, int radix) { return signed_to_text(v, out, radix, 64); }
MSVCRT_API char* MSVCRT__ui64toa(uint64_t v, char* out, int radix) { return to_text<char>(v, false, out, radix); }
MSVCRT_API WCHAR* MSVCRT__itow(int v, WCHAR* out, int radix) { return signed_to_text(v, out, radix, 32); }
MSVCRT_API WCHAR* MSVCRT__ltow(int32_t v, WCHAR* out, int radix) { return signed_to_text(v, out, radix, 32); }
MSVCRT_API WCHAR* MSVCRT__ultow(uint32_t v, WCHAR* out, int radix) { return to_text<WCHAR>(v, false, out, radix); }
MSVCRT_API WCHAR* MSVCRT__i64tow(int64_t v, WCHAR* out, int radix) { return signed_to_text(v, out, radix, 64); }
MSVCRT_API WCHAR* MSVCRT__ui64tow(uint64_t v, WCHAR* out, int radix) { return to_text<WCHAR>(v, false, out, radix); }

// Multibyte conversions in the "C" locale: bytes map one to one onto
// U+0000..U+00FF, and wide characters above U+00FF have no multibyte form.
MSVCRT_API int MSVCRT_mblen(const char* s, size_t n) {
    if (!s) return 0;
    if (!n) return -1;
    return *s ? 1 : 0;
}
MSVCRT_API int MSVCRT_mbtowc(WCHAR* out, const char* s, size_t n) {
    if (!s) return 0;
    if (!n) return -1;
    if (out) *out = static_cast<unsigned char>(*s);
    return *s ? 1 : 0;
}
MSVCRT_API int MSVCRT_wctomb(char* out, WCHAR c) {
    if (!out) return 0;
    if (c > 0xff) {
        msvcrt_set_errno(MSVCRT_EILSEQ);
        return -1;
    }
    *out = static_cast<char>(c);
    return 1;
}
MSVCRT_API unsigned short MSVCRT_btowc(int c) {
    if (c == MSVCRT_EOF) return MSVCRT_WEOF;
    return static_cast<unsigned char>(c);
}
MSVCRT_API int MSVCRT_wctob(unsigned short c) { return c > 0xff ? MSVCRT_EOF : c; }
MSVCRT_API size_t MSVCRT_mbrtowc(WCHAR* out, const char* s, size_t n, void*) {
    if (!s) return 0;
    if (!n) return static_cast<size_t>(-2);
    if (out) *out = static_cast<unsigned char>(*s);
    return *s ? 1 : 0;
}
MSVCRT_API size_t MSVCRT_wcrtomb(char* out, WCHAR c, void*) {
    if (!out) return 1;
    if (c > 0xff) {
        msvcrt_set_errno(MSVCRT_EILSEQ);
        return static_cast<size_t>(-1);
    }
    *out = static_cast<char>(c);
    return 1;
}
MSVCRT_API size_t MSVCRT_mbstowcs(WCHAR* out, const char* s, size_t n) {
    size_t len = std::strlen(s);
    if (!out) return len;
    size_t i = 0;
    for (; i < n && s[i]; ++i) out[i] = static_cast<unsigned char>(s[i]);
    if (i < n) out[i] = 0;
    return i;
}
MSVCRT_API size_t MSVCRT_wcstombs(char* out, const WCHAR* s, size_t n) {
    size_t i = 0;
    if (!out) {
        for (; s[i]; ++i)
            if (s[i] > 0xff) return static_cast<size_t>(-1);
        return i;
    }
    for (; i < n && s[i]; ++i) {
        if (s[i] > 0xff) {
            msvcrt_set_errno(MSVCRT_EILSEQ);
            return static_cast<size_t>(-1);
        }
        out[i] = static_cast<char>(s[i]);
    }
    if (i < n) out[i] = 0;
    return i;
}
MSVCRT_API size_t MSVCRT_mbsrtowcs(WCHAR* out, const char** s, size_t n, void*) {
    size_t r = MSVCRT_mbstowcs(out, *s, n);
    if (out && r < n) *s = nullptr;
    else if (out) *s += r;
    return r;
}
MSVCRT_API size_t MSVCRT_wcsrtombs(char* out, const WCHAR** s, size_t n, void*) {
    size_t r = MSVCRT_wcstombs(out, *s, n);
    if (out && r != static_cast<size_t>(-1)) {
        if (r < n) *s = nullptr;
        else *s += r;
    }
    return r;
}
