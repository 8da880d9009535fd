// CharUpper / CharLower and their Buff forms, W and A. The mapping is
// Unicode's simple case mapping, the same for every locale (Windows
// documents that CharUpper maps 'i' to 'I' even for Turkish): kernel32's
// LCMapStringW with the invariant locale. A pointer whose high-order bits
// are zero is one character, converted and returned in the low word; the
// A forms convert through the ANSI code page.
#include <string>

#include "vine/kernel32_exports.h"
#include "vine/winnls.h"
#include "vine/wintypes.h"

namespace {

constexpr DWORD LOCALE_INVARIANT = 0x7f;

bool is_single_character(const void* pointer) { return (reinterpret_cast<uintptr_t>(pointer) >> 16) == 0; }

void map_wide(WCHAR* text, DWORD length, DWORD flags) {
    if (length) LCMapStringW(LOCALE_INVARIANT, flags, text, static_cast<int>(length), text, static_cast<int>(length));
}

WCHAR* map_wide_operand(WCHAR* operand, DWORD flags) {
    if (is_single_character(operand)) {
        WCHAR c = static_cast<WCHAR>(reinterpret_cast<uintptr_t>(operand));
        map_wide(&c, 1, flags);
        return reinterpret_cast<WCHAR*>(static_cast<uintptr_t>(c));
    }
    DWORD length = 0;
    while (operand[length]) ++length;
    map_wide(operand, length, flags);
    return operand;
}

// `length` bytes of ANSI text mapped in place; a character whose mapping
// needs other bytes than it had (a DBCS pair against a single byte) stays.
void map_ansi(char* text, DWORD length, DWORD flags) {
    if (!length) return;
    int wide_length = MultiByteToWideChar(CP_ACP, 0, text, static_cast<int>(length), nullptr, 0);
    if (wide_length <= 0) return;
    std::u16string wide(static_cast<size_t>(wide_length), u'\0');
    MultiByteToWideChar(CP_ACP, 0, text, static_cast<int>(length), wide.data(), wide_length);
    map_wide(wide.data(), static_cast<DWORD>(wide_length), flags);
    int bytes = WideCharToMultiByte(CP_ACP, 0, wide.data(), wide_length, nullptr, 0, nullptr, nullptr);
    if (bytes != static_cast<int>(length)) return;
    WideCharToMultiByte(CP_ACP, 0, wide.data(), wide_length, text, bytes, nullptr, nullptr);
}

char* map_ansi_operand(char* operand, DWORD flags) {
    if (is_single_character(operand)) {
        char c = static_cast<char>(reinterpret_cast<uintptr_t>(operand));
        map_ansi(&c, 1, flags);
        return reinterpret_cast<char*>(static_cast<uintptr_t>(static_cast<unsigned char>(c)));
    }
    DWORD length = 0;
    while (operand[length]) ++length;
    map_ansi(operand, length, flags);
    return operand;
}

}  // namespace

VINE_EXPORT LPWSTR CharUpperW(LPWSTR operand) { return map_wide_operand(operand, winnls::LCMAP_UPPERCASE); }
VINE_EXPORT LPWSTR CharLowerW(LPWSTR operand) { return map_wide_operand(operand, winnls::LCMAP_LOWERCASE); }
VINE_EXPORT LPSTR CharUpperA(LPSTR operand) { return map_ansi_operand(operand, winnls::LCMAP_UPPERCASE); }
VINE_EXPORT LPSTR CharLowerA(LPSTR operand) { return map_ansi_operand(operand, winnls::LCMAP_LOWERCASE); }

VINE_EXPORT DWORD CharUpperBuffW(LPWSTR text, DWORD length) {
    if (!text) return 0;
    map_wide(text, length, winnls::LCMAP_UPPERCASE);
    return length;
}

VINE_EXPORT DWORD CharLowerBuffW(LPWSTR text, DWORD length) {
    if (!text) return 0;
    map_wide(text, length, winnls::LCMAP_LOWERCASE);
    return length;
}

VINE_EXPORT DWORD CharUpperBuffA(LPSTR text, DWORD length) {
    if (!text) return 0;
    map_ansi(text, length, winnls::LCMAP_UPPERCASE);
    return length;
}

VINE_EXPORT DWORD CharLowerBuffA(LPSTR text, DWORD length) {
    if (!text) return 0;
    map_ansi(text, length, winnls::LCMAP_LOWERCASE);
    return length;
}
