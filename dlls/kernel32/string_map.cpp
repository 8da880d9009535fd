// LCMapString* (case, width, kana, sort keys), FoldString and
// GetStringType*, from ICU's character properties (icu.h); case mappings and
// CT_CTYPE1 from the tables made from ICU at build time (char_tables.h), which
// C runtimes' start-up asks for, so that it does not load ICU.
#include <cstring>
#include <string>

#include "char_tables.h"
#include "collation.h"
#include "icu.h"
#include "kernel32_private.h"
#include "locale_table.h"
#include "vine/unicode.h"
#include "vine/winnls.h"

using namespace kernel32;
using namespace winnls;

namespace {


int fail(DWORD error) {
    set_error(error);
    return 0;
}

template <typename Unit>
int copy_out(const std::basic_string<Unit>& value, Unit* dst, int size) {
    int n = static_cast<int>(value.size());
    if (!size) return n;
    if (size < n) return fail(ERROR_INSUFFICIENT_BUFFER);
    memcpy(dst, value.data(), n * sizeof(Unit));
    return n;
}

int map_string(const LocaleData* locale, DWORD flags, const WCHAR* src, int src_len, WCHAR* dst, int dst_len) {
    if (!locale || !src || !src_len || dst_len < 0 || (dst_len && !dst)) return fail(ERROR_INVALID_PARAMETER);
    size_t length = src_len < 0 ? vine::utf16_length(src) + 1 : static_cast<size_t>(src_len);
    if (flags & LCMAP_SORTKEY) {
        if (flags & (LCMAP_LOWERCASE | LCMAP_UPPERCASE | LCMAP_HIRAGANA | LCMAP_KATAKANA | LCMAP_HALFWIDTH |
                     LCMAP_FULLWIDTH | LCMAP_BYTEREV))
            return fail(ERROR_INVALID_FLAGS);
        DWORD compare = flags & ~LCMAP_SORTKEY;
        if (!valid_compare_flags(compare, false)) return fail(ERROR_INVALID_FLAGS);
        // The key ignores a terminator counted in src_len.
        if (src_len < 0) --length;
        return sort_key(locale, compare, src, length, reinterpret_cast<BYTE*>(dst), dst_len);
    }
    DWORD casing = flags & (LCMAP_LOWERCASE | LCMAP_UPPERCASE);
    if (((flags & LCMAP_HIRAGANA) && (flags & LCMAP_KATAKANA)) || ((flags & LCMAP_HALFWIDTH) && (flags & LCMAP_FULLWIDTH)) ||
        (flags & ~(LCMAP_LOWERCASE | LCMAP_UPPERCASE | LCMAP_HIRAGANA | LCMAP_KATAKANA | LCMAP_HALFWIDTH |
                   LCMAP_FULLWIDTH | LCMAP_LINGUISTIC_CASING | LCMAP_BYTEREV | NORM_IGNORECASE)) ||
        casing == LCMAP_TITLECASE || !flags)
        return fail(ERROR_INVALID_FLAGS);
    // Turkish and Azeri dotted/dotless i, with LCMAP_LINGUISTIC_CASING.
    bool turkic = (flags & LCMAP_LINGUISTIC_CASING) && (locale->lcid & 0x3ff) == 0x1f;
    std::u16string out(src, length);
    for (char16_t& c : out) {
        if (flags & LCMAP_FULLWIDTH) {
            if (c >= 0x21 && c <= 0x7e) c += 0xfee0;
            else if (c == u' ') c = 0x3000;
        }
        if (flags & LCMAP_HALFWIDTH) {
            if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
            else if (c == 0x3000) c = u' ';
        }
        if ((flags & LCMAP_HIRAGANA) && c >= 0x30a1 && c <= 0x30f6) c -= 0x60;
        if ((flags & LCMAP_KATAKANA) && c >= 0x3041 && c <= 0x3096) c += 0x60;
        if (casing && !(c >= 0xd800 && c <= 0xdfff)) {
            if (turkic && casing == LCMAP_UPPERCASE && c == u'i') c = 0x130;
            else if (turkic && casing == LCMAP_LOWERCASE && c == u'I') c = 0x131;
            else c = casing == LCMAP_UPPERCASE ? char_tables::to_upper(c) : char_tables::to_lower(c);
        }
        if (flags & LCMAP_BYTEREV) c = static_cast<char16_t>((c >> 8) | (c << 8));
    }
    return copy_out(out, dst, dst_len);
}

}  // namespace

VINE_EXPORT int LCMapStringEx(LPCWSTR locale_name, DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len,
                              void* version, void* reserved, LONG_PTR param) {
    if (reserved || param) return fail(ERROR_INVALID_PARAMETER);
    return map_string(resolve_locale_name(locale_name), flags, src, src_len, dst, dst_len);
}

VINE_EXPORT int LCMapStringW(LCID lcid, DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len) {
    return map_string(resolve_locale(lcid), flags, src, src_len, dst, dst_len);
}

VINE_EXPORT int LCMapStringA(LCID lcid, DWORD flags, LPCSTR src, int src_len, LPSTR dst, int dst_len) {
    const LocaleData* locale = resolve_locale(lcid);
    if (!locale || !src || !src_len || dst_len < 0 || (dst_len && !dst)) return fail(ERROR_INVALID_PARAMETER);
    int wide_len = MultiByteToWideChar(locale->ansi_code_page, 0, src, src_len, nullptr, 0);
    std::u16string wide(wide_len, u'\0');
    MultiByteToWideChar(locale->ansi_code_page, 0, src, src_len, wide.data(), wide_len);
    if (flags & LCMAP_SORTKEY) {
        if (src_len < 0 && !wide.empty()) wide.pop_back();
        return map_string(locale, flags, wide.data(), static_cast<int>(wide.size()), reinterpret_cast<WCHAR*>(dst), dst_len);
    }
    int n = map_string(locale, flags, wide.data(), wide_len, nullptr, 0);
    if (!n) return 0;
    std::u16string mapped(n, u'\0');
    map_string(locale, flags, wide.data(), wide_len, mapped.data(), n);
    return WideCharToMultiByte(locale->ansi_code_page, 0, mapped.data(), n, dst, dst_len, nullptr, nullptr);
}

VINE_EXPORT int FoldStringW(DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len) {
    if (!src || !src_len || dst_len < 0 || (dst_len && !dst) || static_cast<const void*>(src) == dst)
        return fail(ERROR_INVALID_PARAMETER);
    if (!flags || (flags & ~(MAP_FOLDCZONE | MAP_PRECOMPOSED | MAP_COMPOSITE | MAP_FOLDDIGITS | MAP_EXPAND_LIGATURES)) ||
        ((flags & MAP_PRECOMPOSED) && (flags & (MAP_COMPOSITE | MAP_EXPAND_LIGATURES))) ||
        ((flags & MAP_COMPOSITE) && (flags & MAP_EXPAND_LIGATURES)))
        return fail(ERROR_INVALID_FLAGS);
    const icu_lib::Api* api = icu_lib::api();
    if (!api) return fail(ERROR_NOT_SUPPORTED);
    size_t length = src_len < 0 ? vine::utf16_length(src) + 1 : static_cast<size_t>(src_len);
    std::u16string text(src, length);
    UErrorCode status = U_ZERO_ERROR;
    bool ok = true;
    if (flags & MAP_FOLDDIGITS) {
        for (char16_t& c : text)
            if (api->u_charType(c) == U_DECIMAL_DIGIT_NUMBER) c = static_cast<char16_t>(u'0' + api->u_charDigitValue(c));
    }
    if (flags & MAP_FOLDCZONE) {
        // The compatibility zone (U+F900-U+FFEF) folds to its compatibility
        // equivalents; the rest is left alone.
        const UNormalizer2* nfkc = api->unorm2_getNFKCInstance(&status);
        std::u16string out;
        for (char16_t c : text) {
            if (c >= 0xf900 && c <= 0xffef) out += icu_lib::normalize(*api, nfkc, std::u16string_view(&c, 1), &ok);
            else out += c;
        }
        text = out;
    }
    if (flags & MAP_EXPAND_LIGATURES) {
        static const char16_t* const kLigatures[][2] = {{u"\u00c6", u"AE"}, {u"\u00e6", u"ae"}, {u"\u0152", u"OE"},
                                                       {u"\u0153", u"oe"}, {u"\u00df", u"ss"}, {u"\ufb00", u"ff"},
                                                       {u"\ufb01", u"fi"}, {u"\ufb02", u"fl"}, {u"\ufb03", u"ffi"},
                                                       {u"\ufb04", u"ffl"}, {u"\ufb06", u"st"}};
        std::u16string out;
        for (char16_t c : text) {
            const char16_t* expansion = nullptr;
            for (auto& pair : kLigatures)
                if (pair[0][0] == c) expansion = pair[1];
            if (expansion) out += expansion;
            else out += c;
        }
        text = out;
    }
    if (flags & MAP_PRECOMPOSED) text = icu_lib::normalize(*api, api->unorm2_getNFCInstance(&status), text, &ok);
    if (flags & MAP_COMPOSITE) text = icu_lib::normalize(*api, api->unorm2_getNFDInstance(&status), text, &ok);
    if (!ok || U_FAILURE(status)) return fail(ERROR_INVALID_PARAMETER);
    return copy_out(text, dst, dst_len);
}

VINE_EXPORT int FoldStringA(DWORD flags, LPCSTR src, int src_len, LPSTR dst, int dst_len) {
    if (!src || !src_len || dst_len < 0 || (dst_len && !dst)) return fail(ERROR_INVALID_PARAMETER);
    int wide_len = MultiByteToWideChar(CP_ACP, 0, src, src_len, nullptr, 0);
    std::u16string wide(wide_len, u'\0');
    MultiByteToWideChar(CP_ACP, 0, src, src_len, wide.data(), wide_len);
    int n = FoldStringW(flags, wide.data(), wide_len, nullptr, 0);
    if (!n) return 0;
    std::u16string folded(n, u'\0');
    FoldStringW(flags, wide.data(), wide_len, folded.data(), n);
    return WideCharToMultiByte(CP_ACP, 0, folded.data(), n, dst, dst_len, nullptr, nullptr);
}

namespace {

// CT_CTYPE1: the C runtime's classes.
WORD ctype1(char16_t c) {
    constexpr WORD C1_UPPER = 0x1, C1_LOWER = 0x2, C1_DIGIT = 0x4, C1_SPACE = 0x8, C1_PUNCT = 0x10, C1_CNTRL = 0x20,
                   C1_BLANK = 0x40, C1_XDIGIT = 0x80, C1_ALPHA = 0x100, C1_DEFINED = 0x200;
    int8_t type = char_tables::general_category(c);
    if (type == U_UNASSIGNED) return 0;
    WORD bits = C1_DEFINED;
    switch (type) {
    case U_UPPERCASE_LETTER: bits |= C1_UPPER | C1_ALPHA; break;
    case U_LOWERCASE_LETTER: bits |= C1_LOWER | C1_ALPHA; break;
    case U_TITLECASE_LETTER: bits |= C1_UPPER | C1_ALPHA; break;
    case U_MODIFIER_LETTER: case U_OTHER_LETTER: bits |= C1_ALPHA; break;
    case U_NON_SPACING_MARK: case U_ENCLOSING_MARK: case U_COMBINING_SPACING_MARK: bits |= C1_ALPHA; break;
    case U_DECIMAL_DIGIT_NUMBER: bits |= C1_DIGIT; break;
    case U_CONTROL_CHAR: bits |= C1_CNTRL; break;
    case U_SPACE_SEPARATOR: bits |= C1_SPACE | C1_BLANK; break;
    case U_LINE_SEPARATOR: case U_PARAGRAPH_SEPARATOR: bits |= C1_SPACE; break;
    case U_LETTER_NUMBER: case U_OTHER_NUMBER: case U_DASH_PUNCTUATION: case U_START_PUNCTUATION:
    case U_END_PUNCTUATION: case U_CONNECTOR_PUNCTUATION: case U_OTHER_PUNCTUATION: case U_MATH_SYMBOL:
    case U_CURRENCY_SYMBOL: case U_MODIFIER_SYMBOL: case U_OTHER_SYMBOL: case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
        bits |= C1_PUNCT;
        break;
    default: break;
    }
    if (c == u'\t') bits |= C1_SPACE | C1_BLANK;
    if (c >= 0x0a && c <= 0x0d) bits |= C1_SPACE;
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) bits |= C1_XDIGIT;
    return bits;
}

// CT_CTYPE2: the bidirectional categories.
WORD ctype2(const icu_lib::Api& api, char16_t c) {
    if (api.u_charType(c) == U_UNASSIGNED) return 0;
    switch (api.u_charDirection(c)) {
    case U_LEFT_TO_RIGHT: return 1;                                     // C2_LEFTTORIGHT
    case U_RIGHT_TO_LEFT: case U_RIGHT_TO_LEFT_ARABIC: return 2;        // C2_RIGHTTOLEFT
    case U_EUROPEAN_NUMBER: return 3;                                   // C2_EUROPENUMBER
    case U_EUROPEAN_NUMBER_SEPARATOR: return 4;                         // C2_EUROPESEPARATOR
    case U_EUROPEAN_NUMBER_TERMINATOR: return 5;                        // C2_EUROPETERMINATOR
    case U_ARABIC_NUMBER: return 6;                                     // C2_ARABICNUMBER
    case U_COMMON_NUMBER_SEPARATOR: return 7;                           // C2_COMMONSEPARATOR
    case U_BLOCK_SEPARATOR: return 8;                                   // C2_BLOCKSEPARATOR
    case U_SEGMENT_SEPARATOR: return 9;                                 // C2_SEGMENTSEPARATOR
    case U_WHITE_SPACE_NEUTRAL: return 10;                              // C2_WHITESPACE
    case U_OTHER_NEUTRAL: return 11;                                    // C2_OTHERNEUTRAL
    default: return 0;                                                  // C2_NOTAPPLICABLE
    }
}

// CT_CTYPE3: text-processing classes.
WORD ctype3(const icu_lib::Api& api, char16_t c) {
    constexpr WORD C3_NONSPACING = 0x1, C3_DIACRITIC = 0x2, C3_SYMBOL = 0x8, C3_KATAKANA = 0x10, C3_HIRAGANA = 0x20,
                   C3_HALFWIDTH = 0x40, C3_FULLWIDTH = 0x80, C3_IDEOGRAPH = 0x100, C3_ALPHA = 0x8000,
                   C3_HIGHSURROGATE = 0x800, C3_LOWSURROGATE = 0x1000;
    if (c >= 0xd800 && c <= 0xdbff) return C3_HIGHSURROGATE;
    if (c >= 0xdc00 && c <= 0xdfff) return C3_LOWSURROGATE;
    int8_t type = api.u_charType(c);
    if (type == U_UNASSIGNED) return 0;
    WORD bits = 0;
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK) bits |= C3_NONSPACING;
    if (api.u_hasBinaryProperty(c, UCHAR_DIACRITIC)) bits |= C3_DIACRITIC;
    if (type == U_MATH_SYMBOL || type == U_CURRENCY_SYMBOL || type == U_MODIFIER_SYMBOL || type == U_OTHER_SYMBOL)
        bits |= C3_SYMBOL;
    if ((c >= 0x30a1 && c <= 0x30fa) || (c >= 0xff66 && c <= 0xff9d)) bits |= C3_KATAKANA;
    if (c >= 0x3041 && c <= 0x3096) bits |= C3_HIRAGANA;
    int width = api.u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    if (width == U_EA_HALFWIDTH || width == U_EA_NARROW) bits |= C3_HALFWIDTH;
    if (width == U_EA_FULLWIDTH || width == U_EA_WIDE) bits |= C3_FULLWIDTH;
    if (api.u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) bits |= C3_IDEOGRAPH;
    if (api.u_hasBinaryProperty(c, UCHAR_ALPHABETIC)) bits |= C3_ALPHA;
    return bits;
}

}  // namespace

VINE_EXPORT BOOL GetStringTypeW(DWORD type, LPCWSTR src, int length, WORD* out) {
    if (!src || !out) return fail(ERROR_INVALID_PARAMETER);
    if (type != CT_CTYPE1 && type != CT_CTYPE2 && type != CT_CTYPE3) return fail(ERROR_INVALID_FLAGS);
    size_t n = length < 0 ? vine::utf16_length(src) + 1 : static_cast<size_t>(length);
    if (type == CT_CTYPE1) {
        for (size_t i = 0; i < n; ++i) out[i] = ctype1(src[i]);
        return TRUE;
    }
    const icu_lib::Api* api = icu_lib::api();
    if (!api) return fail(ERROR_NOT_SUPPORTED);
    for (size_t i = 0; i < n; ++i) out[i] = type == CT_CTYPE2 ? ctype2(*api, src[i]) : ctype3(*api, src[i]);
    return TRUE;
}

VINE_EXPORT BOOL GetStringTypeExW(LCID lcid, DWORD type, LPCWSTR src, int length, WORD* out) {
    return GetStringTypeW(type, src, length, out);
}

VINE_EXPORT BOOL GetStringTypeA(LCID lcid, DWORD type, LPCSTR src, int length, WORD* out) {
    if (!src || !out) return fail(ERROR_INVALID_PARAMETER);
    const LocaleData* locale = resolve_locale(lcid);
    UINT code_page = locale ? locale->ansi_code_page : CP_ACP;
    int n = length < 0 ? static_cast<int>(strlen(src)) + 1 : length;
    // One type per byte: each byte (or double-byte character) on its own.
    for (int i = 0; i < n; ++i) {
        WCHAR w = 0;
        MultiByteToWideChar(code_page, 0, src + i, 1, &w, 1);
        if (!GetStringTypeW(type, &w, 1, &out[i])) return FALSE;
    }
    return TRUE;
}

VINE_EXPORT BOOL GetStringTypeExA(LCID lcid, DWORD type, LPCSTR src, int length, WORD* out) {
    return GetStringTypeA(lcid, type, src, length, out);
}
