// Windows' national language support ABI (winnls.h, stringapiset.h):
// the flags and structures of the code page, collation, mapping and locale
// functions, shared by kernel32's NLS files.
#pragma once

#include "vine/com.h"
#include "vine/wintypes.h"

namespace winnls {

constexpr UINT CP_MACCP = 2, CP_THREAD_ACP = 3, CP_UTF7 = 65000;

// GetNLSVersion(Ex), FindNLSString(Ex)
constexpr DWORD COMPARE_STRING = 0x1;
struct NLSVERSIONINFO {  // the original form; NLSVERSIONINFOEX adds the rest
    DWORD dwNLSVersionInfoSize;
    DWORD dwNLSVersion;
    DWORD dwDefinedVersion;
};
struct NLSVERSIONINFOEX {
    DWORD dwNLSVersionInfoSize;
    DWORD dwNLSVersion;
    DWORD dwDefinedVersion;
    DWORD dwEffectiveId;
    GUID guidCustomVersion;
};
static_assert(sizeof(NLSVERSIONINFO) == 12 && sizeof(NLSVERSIONINFOEX) == 32);
constexpr DWORD FIND_STARTSWITH = 0x100000, FIND_ENDSWITH = 0x200000, FIND_FROMSTART = 0x400000,
                FIND_FROMEND = 0x800000;

// EnumSystemCodePages
constexpr DWORD CP_INSTALLED = 0x1, CP_SUPPORTED = 0x2;
using CODEPAGE_ENUMPROCW = BOOL(WINAPI*)(LPWSTR code_page);
using CODEPAGE_ENUMPROCA = BOOL(WINAPI*)(LPSTR code_page);

// MultiByteToWideChar, WideCharToMultiByte
constexpr DWORD MB_PRECOMPOSED = 0x1, MB_COMPOSITE = 0x2, MB_USEGLYPHCHARS = 0x4, MB_ERR_INVALID_CHARS = 0x8;
constexpr DWORD WC_DISCARDNS = 0x10, WC_SEPCHARS = 0x20, WC_DEFAULTCHAR = 0x40, WC_ERR_INVALID_CHARS = 0x80,
                WC_COMPOSITECHECK = 0x200, WC_NO_BEST_FIT_CHARS = 0x400;

// CompareString, LCMapString
constexpr DWORD NORM_IGNORECASE = 0x1, NORM_IGNORENONSPACE = 0x2, NORM_IGNORESYMBOLS = 0x4,
                SORT_DIGITSASNUMBERS = 0x8, LINGUISTIC_IGNORECASE = 0x10, LINGUISTIC_IGNOREDIACRITIC = 0x20,
                SORT_STRINGSORT = 0x1000, NORM_IGNOREKANATYPE = 0x10000, NORM_IGNOREWIDTH = 0x20000,
                NORM_LINGUISTIC_CASING = 0x8000000;
constexpr int CSTR_LESS_THAN = 1, CSTR_EQUAL = 2, CSTR_GREATER_THAN = 3;
constexpr DWORD LCMAP_LOWERCASE = 0x100, LCMAP_UPPERCASE = 0x200, LCMAP_TITLECASE = 0x300, LCMAP_SORTKEY = 0x400,
                LCMAP_BYTEREV = 0x800, LCMAP_HIRAGANA = 0x100000, LCMAP_KATAKANA = 0x200000,
                LCMAP_HALFWIDTH = 0x400000, LCMAP_FULLWIDTH = 0x800000, LCMAP_LINGUISTIC_CASING = 0x1000000,
                LCMAP_SIMPLIFIED_CHINESE = 0x2000000, LCMAP_TRADITIONAL_CHINESE = 0x4000000;

// FoldString, GetStringType
constexpr DWORD MAP_FOLDCZONE = 0x10, MAP_PRECOMPOSED = 0x20, MAP_COMPOSITE = 0x40, MAP_FOLDDIGITS = 0x80,
                MAP_EXPAND_LIGATURES = 0x2000;
constexpr DWORD CT_CTYPE1 = 1, CT_CTYPE2 = 2, CT_CTYPE3 = 4;

// GetLocaleInfo and the formats
using LCTYPE = DWORD;
constexpr DWORD LOCALE_NOUSEROVERRIDE = 0x80000000, LOCALE_USE_CP_ACP = 0x40000000, LOCALE_RETURN_NUMBER = 0x20000000,
                LOCALE_RETURN_GENITIVE_NAMES = 0x10000000, LOCALE_ALLOW_NEUTRAL_NAMES = 0x08000000;
constexpr int LOCALE_NAME_MAX_LENGTH = 85;
constexpr DWORD LOCALE_WINDOWS = 0x1, LOCALE_NEUTRALDATA = 0x10, LOCALE_SPECIFICDATA = 0x20;
constexpr DWORD DATE_SHORTDATE = 0x1, DATE_LONGDATE = 0x2, DATE_YEARMONTH = 0x8;
constexpr DWORD TIME_NOMINUTESORSECONDS = 0x1, TIME_NOSECONDS = 0x2, TIME_NOTIMEMARKER = 0x4,
                TIME_FORCE24HOURFORMAT = 0x8;

// NormalizeString, IdnToAscii
constexpr int NormalizationC = 1, NormalizationD = 2, NormalizationKC = 5, NormalizationKD = 6;
constexpr DWORD IDN_ALLOW_UNASSIGNED = 0x1, IDN_USE_STD3_ASCII_RULES = 0x2, IDN_EMAIL_ADDRESS = 0x4,
                IDN_RAW_PUNYCODE = 0x8;

struct CPINFO {
    UINT MaxCharSize;
    BYTE DefaultChar[2];
    BYTE LeadByte[12];
};
static_assert(sizeof(CPINFO) == 20);

struct CPINFOEXW {
    UINT MaxCharSize;
    BYTE DefaultChar[2];
    BYTE LeadByte[12];
    WCHAR UnicodeDefaultChar;
    UINT CodePage;
    WCHAR CodePageName[260];
};
static_assert(sizeof(CPINFOEXW) == 544);

struct CPINFOEXA {
    UINT MaxCharSize;
    BYTE DefaultChar[2];
    BYTE LeadByte[12];
    WCHAR UnicodeDefaultChar;
    UINT CodePage;
    CHAR CodePageName[260];
};
static_assert(sizeof(CPINFOEXA) == 284);

struct NUMBERFMTW {
    UINT NumDigits;
    UINT LeadingZero;
    UINT Grouping;
    LPWSTR lpDecimalSep;
    LPWSTR lpThousandSep;
    UINT NegativeOrder;
};
static_assert(sizeof(NUMBERFMTW) == 40);

struct CURRENCYFMTW {
    UINT NumDigits;
    UINT LeadingZero;
    UINT Grouping;
    LPWSTR lpDecimalSep;
    LPWSTR lpThousandSep;
    UINT NegativeOrder;
    UINT PositiveOrder;
    LPWSTR lpCurrencySymbol;
};
static_assert(sizeof(CURRENCYFMTW) == 48);

}  // namespace winnls

// The NLS functions other DLLs call (user32's CharUpper, CharNext).
extern "C" {
WINAPI BOOL IsDBCSLeadByteEx(UINT code_page, BYTE byte);
WINAPI int LCMapStringW(DWORD locale, DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len);
WINAPI BOOL GetStringTypeW(DWORD info_type, LPCWSTR src, int src_len, WORD* types);
}
