// The "C" locale only: setlocale, localeconv and the code page queries.
#include <cstring>

#include "msvcrt_private.h"

MSVCRT_DATA unsigned int MSVCRT___lc_codepage = 0;    // 0: the "C" locale
MSVCRT_DATA unsigned int MSVCRT___lc_collate_cp = 0;
MSVCRT_DATA ULONG MSVCRT___lc_handle[6] = {};
MSVCRT_DATA int MSVCRT___setlc_active = 0;
MSVCRT_DATA int MSVCRT___unguarded_readlc_active = 0;

namespace {
// struct lconv of msvcrt: ten strings then eight chars.
struct Lconv {
    const char* decimal_point;
    const char* thousands_sep;
    const char* grouping;
    const char* int_curr_symbol;
    const char* currency_symbol;
    const char* mon_decimal_point;
    const char* mon_thousands_sep;
    const char* mon_grouping;
    const char* positive_sign;
    const char* negative_sign;
    char int_frac_digits, frac_digits, p_cs_precedes, p_sep_by_space, n_cs_precedes, n_sep_by_space,
        p_sign_posn, n_sign_posn;
};
Lconv c_lconv = {".", "", "", "", "", "", "", "", "", "", 127, 127, 127, 127, 127, 127, 127, 127};
char c_name[] = "C";
WCHAR c_wname[] = {'C', 0};
}  // namespace

MSVCRT_API char* MSVCRT_setlocale(int category, const char* locale) {
    if (category < 0 || category > 5) return nullptr;
    if (!locale || !std::strcmp(locale, "C") || !*locale) return c_name;
    return nullptr;
}

MSVCRT_API WCHAR* MSVCRT__wsetlocale(int category, const WCHAR* locale) {
    if (category < 0 || category > 5) return nullptr;
    if (!locale || !locale[0] || (locale[0] == 'C' && !locale[1])) return c_wname;
    return nullptr;
}

MSVCRT_API Lconv* MSVCRT_localeconv() { return &c_lconv; }
MSVCRT_API unsigned int MSVCRT____lc_codepage_func() { return MSVCRT___lc_codepage; }
MSVCRT_API unsigned int MSVCRT____lc_collate_cp_func() { return MSVCRT___lc_collate_cp; }
MSVCRT_API ULONG* MSVCRT____lc_handle_func() { return MSVCRT___lc_handle; }
MSVCRT_API int MSVCRT__getmbcp() { return 0; }
MSVCRT_API int MSVCRT__setmbcp(int cp) { return cp == 0 || cp == -3 || cp == -4 ? 0 : -1; }
