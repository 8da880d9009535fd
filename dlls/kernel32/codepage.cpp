// Code pages: UTF-8, and the ANSI code page 1252 (Western European), which
// is what Windows uses for an English-language system.
#include <cstring>

#include "kernel32_private.h"
#include "vine/unicode.h"

using namespace kernel32;

namespace {

// Code page 1252's bytes 0x80-0x9f; the rest map to the same code point.
constexpr char16_t kCp1252High[32] = {
    0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
    0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
};

constexpr UINT kAnsiCodePage = 1252;
constexpr UINT kOemCodePage = 437;
constexpr DWORD MB_ERR_INVALID_CHARS = 0x8;

char16_t cp1252_to_wide(unsigned char byte) { return byte >= 0x80 && byte < 0xa0 ? kCp1252High[byte - 0x80] : byte; }

int wide_to_cp1252(char16_t c) {
    if (c < 0x80 || (c >= 0xa0 && c < 0x100)) return c;
    for (int i = 0; i < 32; ++i)
        if (kCp1252High[i] == c) return 0x80 + i;
    return -1;
}

bool is_utf8(UINT code_page) { return code_page == CP_UTF8; }

bool is_supported(UINT code_page) {
    return code_page == CP_ACP || code_page == CP_OEMCP || code_page == kAnsiCodePage || code_page == CP_UTF8 ||
           code_page == 3 /* CP_THREAD_ACP */ || code_page == 20127 || code_page == 28591 || code_page == kOemCodePage;
}

}  // namespace

namespace kernel32 {

std::u16string wide_from_ansi(const char* text) {
    std::u16string out;
    for (; *text; ++text) out += cp1252_to_wide(static_cast<unsigned char>(*text));
    return out;
}

std::string ansi_from_wide(const WCHAR* text) {
    std::string out;
    for (; *text; ++text) {
        int byte = wide_to_cp1252(*text);
        out += static_cast<char>(byte < 0 ? '?' : byte);
    }
    return out;
}

}  // namespace kernel32

VINE_EXPORT UINT GetACP() { return kAnsiCodePage; }
VINE_EXPORT UINT GetOEMCP() { return kOemCodePage; }
VINE_EXPORT BOOL IsValidCodePage(UINT code_page) { return is_supported(code_page) && code_page > 3; }
VINE_EXPORT BOOL IsDBCSLeadByte(BYTE) { return FALSE; }
VINE_EXPORT BOOL IsDBCSLeadByteEx(UINT, BYTE) { return FALSE; }

namespace {

// The convert functions' copy-out: the size needed when `dst_len` is 0,
// else the text copied, or 0 with ERROR_INSUFFICIENT_BUFFER.
template <typename Text, typename Char>
int copy_out(const Text& converted, Char* dst, int dst_len) {
    if (!dst_len) return static_cast<int>(converted.size());
    if (converted.size() > static_cast<size_t>(dst_len)) {
        set_error(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    std::copy(converted.begin(), converted.end(), dst);
    return static_cast<int>(converted.size());
}

}  // namespace

VINE_EXPORT int MultiByteToWideChar(UINT code_page, DWORD flags, LPCSTR src, int src_len, LPWSTR dst, int dst_len) {
    if (!src || dst_len < 0 || src_len < -1 || (dst_len && !dst) || !is_supported(code_page)) {
        set_error(is_supported(code_page) ? ERROR_INVALID_PARAMETER : ERROR_INVALID_PARAMETER);
        return 0;
    }
    size_t length = src_len == -1 ? strlen(src) + 1 : static_cast<size_t>(src_len);
    std::u16string converted;
    if (is_utf8(code_page)) {
        converted = vine::utf8_to_utf16(std::string_view(src, length));
        if ((flags & MB_ERR_INVALID_CHARS) && converted.find(u'\xfffd') != std::u16string::npos &&
            std::string_view(src, length).find("\xef\xbf\xbd") == std::string_view::npos) {
            set_error(ERROR_NO_UNICODE_TRANSLATION);
            return 0;
        }
    } else {
        for (size_t i = 0; i < length; ++i) converted += cp1252_to_wide(static_cast<unsigned char>(src[i]));
    }
    return copy_out(converted, dst, dst_len);
}

VINE_EXPORT int WideCharToMultiByte(UINT code_page, DWORD flags, LPCWSTR src, int src_len, LPSTR dst, int dst_len,
                                    LPCSTR default_char, BOOL* used_default) {
    if (!src || dst_len < 0 || src_len < -1 || (dst_len && !dst) || !is_supported(code_page)) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    size_t length = src_len == -1 ? vine::utf16_length(src) + 1 : static_cast<size_t>(src_len);
    std::string converted;
    if (used_default) *used_default = FALSE;
    if (is_utf8(code_page)) {
        converted = vine::utf16_to_utf8(std::u16string_view(src, length));
    } else {
        for (size_t i = 0; i < length; ++i) {
            int byte = wide_to_cp1252(src[i]);
            if (byte < 0) {
                byte = default_char ? static_cast<unsigned char>(*default_char) : '?';
                if (used_default) *used_default = TRUE;
            }
            converted += static_cast<char>(byte);
        }
    }
    return copy_out(converted, dst, dst_len);
}
