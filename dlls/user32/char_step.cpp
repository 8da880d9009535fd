// CharNext / CharPrev (W, A) and CharNextExA / CharPrevExA: stepping over
// one character. The W forms step over a character with the combining
// marks that follow it (a + U+030A is one "å", as Windows documents); the
// A forms over a lead byte and its trail byte in a DBCS code page (the
// ANSI one, or the one given to the Ex forms). Going back in DBCS text is
// only certain from the start of the string, so CharPrev scans forward.
#include "vine/kernel32_exports.h"
#include "vine/winnls.h"
#include "vine/wintypes.h"

namespace {

constexpr WORD C3_NONSPACING = 0x1;

bool is_combining(WCHAR c) {
    WORD type = 0;
    return GetStringTypeW(winnls::CT_CTYPE3, &c, 1, &type) && (type & C3_NONSPACING);
}

const char* next_ansi(UINT code_page, const char* p) {
    if (!*p) return p;
    if (IsDBCSLeadByteEx(code_page, static_cast<BYTE>(*p)) && p[1]) return p + 2;
    return p + 1;
}

const char* previous_ansi(UINT code_page, const char* start, const char* current) {
    if (current <= start) return start;
    const char* p = start;
    for (;;) {
        const char* next = next_ansi(code_page, p);
        if (next >= current || next == p) return p;
        p = next;
    }
}

}  // namespace

VINE_EXPORT LPWSTR CharNextW(LPCWSTR p) {
    if (*p) {
        ++p;
        while (*p && is_combining(*p)) ++p;
    }
    return const_cast<LPWSTR>(p);
}

VINE_EXPORT LPWSTR CharPrevW(LPCWSTR start, LPCWSTR current) {
    if (current <= start) return const_cast<LPWSTR>(start);
    --current;
    while (current > start && is_combining(*current)) --current;
    return const_cast<LPWSTR>(current);
}

VINE_EXPORT LPSTR CharNextA(LPCSTR p) { return const_cast<LPSTR>(next_ansi(CP_ACP, p)); }
VINE_EXPORT LPSTR CharPrevA(LPCSTR start, LPCSTR current) {
    return const_cast<LPSTR>(previous_ansi(CP_ACP, start, current));
}
VINE_EXPORT LPSTR CharNextExA(WORD code_page, LPCSTR p, DWORD) {
    return const_cast<LPSTR>(next_ansi(code_page, p));
}
VINE_EXPORT LPSTR CharPrevExA(WORD code_page, LPCSTR start, LPCSTR current, DWORD) {
    return const_cast<LPSTR>(previous_ansi(code_page, start, current));
}
