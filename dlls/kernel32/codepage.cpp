// Code pages: MultiByteToWideChar, WideCharToMultiByte and the code page
// queries. The tables and conversions are ntdll's (dlls/ntdll/codepage.cpp,
// vine/nls.h) and UTF-8 is Vine's one converter (vine/unicode.h); this file
// checks arguments and flags as Windows does and turns results into errors.
#include <algorithm>
#include <cstring>

#include "gb18030.h"
#include "icu.h"
#include "kernel32_private.h"
#include "utf7.h"
#include "vine/hot_path.h"
#include "vine/nls.h"
#include "vine/unicode.h"
#include "vine/winnls.h"

using namespace kernel32;
using namespace winnls;

namespace {

UINT ansi_code_page() {
    UINT ansi;
    __vine_process_code_pages(&ansi, nullptr);
    return ansi;
}

UINT oem_code_page() {
    UINT oem;
    __vine_process_code_pages(nullptr, &oem);
    return oem;
}

// CP_ACP and friends to the code page they stand for.
UINT resolve(UINT code_page) {
    switch (code_page) {
    case CP_ACP:
    case CP_THREAD_ACP:
        return ansi_code_page();
    case CP_OEMCP:
        return oem_code_page();
    case CP_MACCP:
        return 10000;
    default:
        return code_page;
    }
}

constexpr UINT CP_GB18030 = 54936;

// UTF-7, UTF-8 and GB18030 (ICU's, when ICU loads) have no table;
// everything else Vine knows does.
bool valid_code_page(UINT code_page) {
    if (code_page == CP_GB18030) return kernel32::gb18030_available();
    return code_page == CP_UTF7 || code_page == CP_UTF8 || __vine_codepage(code_page);
}

int fail(DWORD error) {
    set_error(error);
    return 0;
}

// The convert functions' last step: the length, or 0 with the error.
int finish(size_t length, bool overflow, bool counting) {
    if (overflow && !counting) return fail(ERROR_INSUFFICIENT_BUFFER);
    if (length > 0x7fffffff) return fail(ERROR_INVALID_PARAMETER);
    return static_cast<int>(length);
}

bool get_info(UINT code_page, VINE_CODEPAGE_INFO* info) {
    code_page = resolve(code_page);
    if (code_page == CP_UTF7 || code_page == CP_UTF8) {
        *info = {};
        info->code_page = code_page;
        info->max_char_size = code_page == CP_UTF8 ? 4 : 5;
        info->default_char[0] = '?';
        info->unicode_default = 0xfffd;
        info->name = code_page == CP_UTF8 ? u"65001 (UTF-8)" : u"65000 (UTF-7)";
        return true;
    }
    if (code_page == CP_GB18030) {
        if (!kernel32::gb18030_available()) return false;
        *info = {};
        info->code_page = code_page;
        info->max_char_size = 4;
        info->default_char[0] = '?';
        info->unicode_default = '?';
        info->name = u"54936 (GB18030 Simplified Chinese)";
        return true;
    }
    const VINE_CODEPAGE* table = __vine_codepage(code_page);
    if (!table) return false;
    __vine_codepage_info(table, info);
    return true;
}

}  // namespace

namespace kernel32 {

std::u16string wide_from_ansi(const char* text, UINT code_page) {
    int length = MultiByteToWideChar(code_page, 0, text, -1, nullptr, 0);
    std::u16string out(length > 0 ? length : 1, u'\0');
    MultiByteToWideChar(code_page, 0, text, -1, out.data(), static_cast<int>(out.size()));
    out.resize(out.size() - 1);
    return out;
}

std::string ansi_from_wide(const WCHAR* text, UINT code_page) {
    int length = WideCharToMultiByte(code_page, 0, text, -1, nullptr, 0, nullptr, nullptr);
    std::string out(length > 0 ? length : 1, '\0');
    WideCharToMultiByte(code_page, 0, text, -1, out.data(), static_cast<int>(out.size()), nullptr, nullptr);
    out.resize(out.size() - 1);
    return out;
}

}  // namespace kernel32

VINE_EXPORT UINT GetACP() { return ansi_code_page(); }
VINE_EXPORT UINT GetOEMCP() { return oem_code_page(); }

VINE_EXPORT BOOL IsValidCodePage(UINT code_page) {
    // The CP_ACP family are not code pages.
    if (code_page <= CP_THREAD_ACP) return FALSE;
    return valid_code_page(code_page);
}

namespace {

// EnumSystemCodePages: every code page Vine converts is installed (and so
// supported), each passed to the callback as its decimal number.
template <typename Char, typename Proc>
BOOL enum_code_pages(Proc proc, DWORD flags) {
    if (!proc) return fail(ERROR_INVALID_PARAMETER);
    if (flags != CP_INSTALLED && flags != CP_SUPPORTED) return fail(ERROR_INVALID_FLAGS);
    auto call = [&](UINT code_page) {
        Char text[12];
        int n = 0;
        char digits[12];
        do digits[n++] = static_cast<char>('0' + code_page % 10); while (code_page /= 10);
        for (int i = 0; i < n; ++i) text[i] = static_cast<Char>(digits[n - 1 - i]);
        text[n] = 0;
        return proc(text);
    };
    for (UINT i = 0; UINT code_page = __vine_codepage_at(i); ++i)
        if (!call(code_page)) return TRUE;
    if (!call(CP_UTF7) || !call(CP_UTF8)) return TRUE;
    if (kernel32::gb18030_available()) call(CP_GB18030);
    return TRUE;
}

}  // namespace

VINE_EXPORT BOOL EnumSystemCodePagesW(CODEPAGE_ENUMPROCW proc, DWORD flags) { return enum_code_pages<WCHAR>(proc, flags); }
VINE_EXPORT BOOL EnumSystemCodePagesA(CODEPAGE_ENUMPROCA proc, DWORD flags) { return enum_code_pages<char>(proc, flags); }

VINE_EXPORT BOOL IsDBCSLeadByteEx(UINT code_page, BYTE byte) {
    code_page = resolve(code_page);
    if (code_page == CP_UTF7 || code_page == CP_UTF8 || code_page == CP_GB18030) return FALSE;
    const VINE_CODEPAGE* table = __vine_codepage(code_page);
    if (!table) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return __vine_codepage_is_lead_byte(table, byte);
}

VINE_EXPORT BOOL IsDBCSLeadByte(BYTE byte) { return IsDBCSLeadByteEx(CP_ACP, byte); }

VINE_EXPORT BOOL GetCPInfo(UINT code_page, CPINFO* info) {
    VINE_CODEPAGE_INFO vine_info;
    if (!info || !get_info(code_page, &vine_info)) return fail(ERROR_INVALID_PARAMETER);
    info->MaxCharSize = vine_info.max_char_size;
    memcpy(info->DefaultChar, vine_info.default_char, sizeof(info->DefaultChar));
    memcpy(info->LeadByte, vine_info.lead_byte, sizeof(info->LeadByte));
    return TRUE;
}

VINE_EXPORT BOOL GetCPInfoExW(UINT code_page, DWORD flags, CPINFOEXW* info) {
    VINE_CODEPAGE_INFO vine_info;
    if (!info || !get_info(code_page, &vine_info)) return fail(ERROR_INVALID_PARAMETER);
    info->MaxCharSize = vine_info.max_char_size;
    memcpy(info->DefaultChar, vine_info.default_char, sizeof(info->DefaultChar));
    memcpy(info->LeadByte, vine_info.lead_byte, sizeof(info->LeadByte));
    info->UnicodeDefaultChar = vine_info.unicode_default;
    info->CodePage = vine_info.code_page;
    size_t length = std::min<size_t>(vine::utf16_length(vine_info.name), 259);
    memcpy(info->CodePageName, vine_info.name, length * sizeof(WCHAR));
    info->CodePageName[length] = 0;
    return TRUE;
}

VINE_EXPORT BOOL GetCPInfoExA(UINT code_page, DWORD flags, CPINFOEXA* info) {
    CPINFOEXW wide;
    if (!info || !GetCPInfoExW(code_page, flags, &wide)) return fail(ERROR_INVALID_PARAMETER);
    info->MaxCharSize = wide.MaxCharSize;
    memcpy(info->DefaultChar, wide.DefaultChar, sizeof(info->DefaultChar));
    memcpy(info->LeadByte, wide.LeadByte, sizeof(info->LeadByte));
    info->UnicodeDefaultChar = wide.UnicodeDefaultChar;
    info->CodePage = wide.CodePage;
    if (!WideCharToMultiByte(CP_ACP, 0, wide.CodePageName, -1, info->CodePageName, sizeof(info->CodePageName), nullptr, nullptr))
        info->CodePageName[0] = 0;
    return TRUE;
}

namespace {

// The common case of the two conversions, kept in the Microsoft convention
// (docs/architecture.md, "Hot paths"): UTF-8 without flags into a buffer
// that is big enough, characters below U+10000 (no surrogates), well-formed
// input. Anything else returns -1 and the export starts over on its full
// path (vine/unicode.h's converter, errors, counting), which gives the same
// answer for what the fast path accepts.
VINE_HOT_INLINE int utf16_to_utf8_fast(const WCHAR* src, int src_len, char* dst, int dst_len) {
    size_t out = 0, capacity = static_cast<size_t>(dst_len);
    size_t end = src_len < 0 ? SIZE_MAX : static_cast<size_t>(src_len);
    for (size_t i = 0; i < end; ++i) {
        unsigned code = src[i];
        if (code < 0x80) {
            if (out >= capacity) return -1;
            dst[out++] = static_cast<char>(code);
            if (!code && src_len < 0) break;
        } else if (code < 0x800) {
            if (out + 2 > capacity) return -1;
            dst[out++] = static_cast<char>(0xc0 | (code >> 6));
            dst[out++] = static_cast<char>(0x80 | (code & 0x3f));
        } else if (code < 0xd800 || code > 0xdfff) {
            if (out + 3 > capacity) return -1;
            dst[out++] = static_cast<char>(0xe0 | (code >> 12));
            dst[out++] = static_cast<char>(0x80 | ((code >> 6) & 0x3f));
            dst[out++] = static_cast<char>(0x80 | (code & 0x3f));
        } else {
            return -1;
        }
    }
    return out > 0x7fffffff ? -1 : static_cast<int>(out);
}

VINE_HOT_INLINE int utf8_to_utf16_fast(const unsigned char* src, int src_len, WCHAR* dst, int dst_len) {
    size_t out = 0, capacity = static_cast<size_t>(dst_len);
    size_t end = src_len < 0 ? SIZE_MAX : static_cast<size_t>(src_len);
    for (size_t i = 0; i < end;) {
        unsigned byte = src[i];
        unsigned code;
        if (byte < 0x80) {
            code = byte;
            i += 1;
        } else if (byte >= 0xc2 && byte <= 0xdf) {
            if (end - i < 2 || (src[i + 1] & 0xc0) != 0x80) return -1;
            code = ((byte & 0x1f) << 6) | (src[i + 1] & 0x3f);
            i += 2;
        } else if (byte >= 0xe0 && byte <= 0xef) {
            if (end - i < 3) return -1;
            unsigned second = src[i + 1], third = src[i + 2];
            unsigned low = byte == 0xe0 ? 0xa0 : 0x80, high = byte == 0xed ? 0x9f : 0xbf;
            if (second < low || second > high || (third & 0xc0) != 0x80) return -1;
            code = ((byte & 0x0f) << 12) | ((second & 0x3f) << 6) | (third & 0x3f);
            i += 3;
        } else {
            return -1;
        }
        if (out >= capacity) return -1;
        dst[out++] = static_cast<WCHAR>(code);
        if (!code && src_len < 0) break;
    }
    return out > 0x7fffffff ? -1 : static_cast<int>(out);
}

}  // namespace

namespace {
VINE_SLOW_PATH int multibyte_to_wide_slow(UINT code_page, DWORD flags, LPCSTR src, int src_len, LPWSTR dst, int dst_len) {
    if (!src || !src_len || (!dst && dst_len) || dst_len < 0 || static_cast<const void*>(src) == dst)
        return fail(ERROR_INVALID_PARAMETER);
    size_t length = src_len < 0 ? strlen(src) + 1 : static_cast<size_t>(src_len);
    bool counting = dst_len == 0;
    size_t capacity = static_cast<size_t>(dst_len);
    WCHAR* out = counting ? nullptr : dst;
    code_page = resolve(code_page);

    if (code_page == CP_UTF7) {
        if (flags) return fail(ERROR_INVALID_FLAGS);
        bool overflow;
        size_t n = kernel32::utf7_to_utf16(src, length, out, capacity, &overflow);
        return finish(n, overflow, counting);
    }
    if (code_page == CP_UTF8) {
        if (flags & ~MB_ERR_INVALID_CHARS) return fail(ERROR_INVALID_FLAGS);
        bool strict = flags & MB_ERR_INVALID_CHARS;
        auto r = vine::utf8_to_utf16(std::string_view(src, length), out, capacity, strict);
        if (r.invalid && strict) return fail(ERROR_NO_UNICODE_TRANSLATION);
        return finish(r.length, r.overflow, counting);
    }
    if (code_page == CP_GB18030) {
        if (flags & ~MB_ERR_INVALID_CHARS) return fail(ERROR_INVALID_FLAGS);
        bool strict = flags & MB_ERR_INVALID_CHARS;
        auto r = kernel32::gb18030_to_utf16(src, length, out, capacity, strict);
        if (r.unavailable) return fail(ERROR_INVALID_PARAMETER);
        if (r.invalid && strict) return fail(ERROR_NO_UNICODE_TRANSLATION);
        return finish(r.length, r.overflow, counting);
    }
    const VINE_CODEPAGE* table = __vine_codepage(code_page);
    if (!table) return fail(ERROR_INVALID_PARAMETER);
    if ((flags & ~(MB_PRECOMPOSED | MB_COMPOSITE | MB_USEGLYPHCHARS | MB_ERR_INVALID_CHARS)) ||
        ((flags & MB_PRECOMPOSED) && (flags & MB_COMPOSITE)))
        return fail(ERROR_INVALID_FLAGS);
    ULONG result;
    ULONG engine_flags = (flags & MB_USEGLYPHCHARS ? VINE_CP_USE_GLYPHS : 0) |
                         (flags & MB_ERR_INVALID_CHARS ? VINE_CP_STOP_ON_INVALID : 0);
    if (flags & MB_COMPOSITE) {
        // Precomposed characters come out decomposed (base, then marks).
        size_t n = __vine_codepage_to_utf16(table, engine_flags, src, length, nullptr, 0, &result);
        if ((result & VINE_CP_INVALID) && (flags & MB_ERR_INVALID_CHARS)) return fail(ERROR_NO_UNICODE_TRANSLATION);
        std::u16string wide(n, u'\0');
        __vine_codepage_to_utf16(table, engine_flags, src, length, wide.data(), n, &result);
        const kernel32::icu_lib::Api* api = kernel32::icu_lib::api();
        if (!api) return fail(ERROR_NOT_SUPPORTED);
        UErrorCode status = U_ZERO_ERROR;
        bool ok;
        std::u16string decomposed = kernel32::icu_lib::normalize(*api, api->unorm2_getNFDInstance(&status), wide, &ok);
        if (!ok) return fail(ERROR_NO_UNICODE_TRANSLATION);
        if (counting) return finish(decomposed.size(), false, true);
        size_t fitted = std::min(decomposed.size(), capacity);
        std::copy_n(decomposed.begin(), fitted, dst);
        return finish(decomposed.size(), fitted < decomposed.size(), false);
    }
    size_t n = __vine_codepage_to_utf16(table, engine_flags, src, length, out, capacity, &result);
    if ((result & VINE_CP_INVALID) && (flags & MB_ERR_INVALID_CHARS)) return fail(ERROR_NO_UNICODE_TRANSLATION);
    return finish(n, result & VINE_CP_OVERFLOW, counting);
}

}  // namespace

VINE_EXPORT int MultiByteToWideChar(UINT code_page, DWORD flags, LPCSTR src, int src_len, LPWSTR dst, int dst_len) {
    if (code_page == CP_UTF8 && !flags && src && src_len && dst && dst_len > 0 && static_cast<const void*>(src) != dst) {
        int n = utf8_to_utf16_fast(reinterpret_cast<const unsigned char*>(src), src_len, dst, dst_len);
        if (n >= 0) return n;
    }
    return multibyte_to_wide_slow(code_page, flags, src, src_len, dst, dst_len);
}

namespace {
VINE_SLOW_PATH int wide_to_multibyte_slow(UINT code_page, DWORD flags, LPCWSTR src, int src_len, LPSTR dst, int dst_len,
                                          LPCSTR default_char, BOOL* used_default) {
    if (!src || !src_len || (!dst && dst_len) || dst_len < 0 || static_cast<const void*>(src) == dst)
        return fail(ERROR_INVALID_PARAMETER);
    size_t length = src_len < 0 ? vine::utf16_length(src) + 1 : static_cast<size_t>(src_len);
    bool counting = dst_len == 0;
    size_t capacity = static_cast<size_t>(dst_len);
    char* out = counting ? nullptr : dst;
    code_page = resolve(code_page);

    if (code_page == CP_UTF7 || code_page == CP_UTF8) {
        // They map every character: a default character makes no sense.
        if (default_char || used_default) return fail(ERROR_INVALID_PARAMETER);
        if (code_page == CP_UTF7) {
            if (flags) return fail(ERROR_INVALID_FLAGS);
            bool overflow;
            size_t n = kernel32::utf16_to_utf7(src, length, out, capacity, &overflow);
            return finish(n, overflow, counting);
        }
        if (flags & ~WC_ERR_INVALID_CHARS) return fail(ERROR_INVALID_FLAGS);
        bool strict = flags & WC_ERR_INVALID_CHARS;
        auto r = vine::utf16_to_utf8(std::u16string_view(src, length), out, capacity, strict);
        if (r.invalid && strict) return fail(ERROR_NO_UNICODE_TRANSLATION);
        return finish(r.length, r.overflow, counting);
    }
    if (code_page == CP_GB18030) {
        // Every character has a sequence; only lone surrogates become '?'.
        if (flags & ~WC_ERR_INVALID_CHARS) return fail(ERROR_INVALID_FLAGS);
        bool strict = flags & WC_ERR_INVALID_CHARS;
        auto r = kernel32::utf16_to_gb18030(src, length, out, capacity, strict);
        if (r.unavailable) return fail(ERROR_INVALID_PARAMETER);
        if (r.invalid && strict) return fail(ERROR_NO_UNICODE_TRANSLATION);
        if (used_default) *used_default = r.invalid ? TRUE : FALSE;
        return finish(r.length, r.overflow, counting);
    }
    const VINE_CODEPAGE* table = __vine_codepage(code_page);
    if (!table) return fail(ERROR_INVALID_PARAMETER);
    if (flags & ~(WC_DISCARDNS | WC_SEPCHARS | WC_DEFAULTCHAR | WC_COMPOSITECHECK | WC_NO_BEST_FIT_CHARS))
        return fail(ERROR_INVALID_FLAGS);
    // WC_COMPOSITECHECK: base + nonspacing mark sequences are composed
    // first; where no precomposed character exists, WC_SEPCHARS (the
    // default) converts them apart, WC_DISCARDNS drops the marks and
    // WC_DEFAULTCHAR turns the sequence into one default character.
    std::u16string composed;
    if (flags & WC_COMPOSITECHECK) {
        const kernel32::icu_lib::Api* api = kernel32::icu_lib::api();
        if (!api) return fail(ERROR_NOT_SUPPORTED);
        UErrorCode status = U_ZERO_ERROR;
        bool ok;
        std::u16string nfc = kernel32::icu_lib::normalize(*api, api->unorm2_getNFCInstance(&status),
                                                           std::u16string_view(src, length), &ok);
        if (!ok) nfc.assign(src, length);
        for (size_t i = 0; i < nfc.size(); ++i) {
            bool mark_follows = i + 1 < nfc.size() && api->u_charType(nfc[i + 1]) == U_NON_SPACING_MARK;
            composed += (mark_follows && (flags & WC_DEFAULTCHAR)) ? char16_t{0xfffe} : nfc[i];
            if (mark_follows && (flags & (WC_DISCARDNS | WC_DEFAULTCHAR)))
                while (i + 1 < nfc.size() && api->u_charType(nfc[i + 1]) == U_NON_SPACING_MARK) ++i;
        }
        src = composed.data();
        length = composed.size();
    }
    // Characters the code page lacks take Windows' best fit unless
    // WC_NO_BEST_FIT_CHARS; either way only the default character counts
    // for used_default. (U+FFFE, a noncharacter, stands for WC_DEFAULTCHAR's
    // sequences: no code page maps it.)
    ULONG result;
    ULONG engine_flags = flags & WC_NO_BEST_FIT_CHARS ? VINE_CP_NO_BEST_FIT : 0;
    size_t n = __vine_utf16_to_codepage(table, engine_flags, src, length, out, capacity, default_char, &result);
    if (used_default) *used_default = (result & VINE_CP_USED_DEFAULT) ? TRUE : FALSE;
    return finish(n, result & VINE_CP_OVERFLOW, counting);
}
}  // namespace

VINE_EXPORT int WideCharToMultiByte(UINT code_page, DWORD flags, LPCWSTR src, int src_len, LPSTR dst, int dst_len,
                                    LPCSTR default_char, BOOL* used_default) {
    if (code_page == CP_UTF8 && !flags && !default_char && !used_default && src && src_len && dst && dst_len > 0 &&
        static_cast<const void*>(src) != dst) {
        int n = utf16_to_utf8_fast(src, src_len, dst, dst_len);
        if (n >= 0) return n;
    }
    return wide_to_multibyte_slow(code_page, flags, src, src_len, dst, dst_len, default_char, used_default);
}
