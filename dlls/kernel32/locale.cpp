// Locale identity and information: GetLocaleInfo*, the default locales and
// UI languages, LCID <-> name, enumeration, ResolveLocaleName. The data is
// locale_table.cpp's.
#include <cstring>
#include <string>

#include "kernel32_private.h"
#include "locale_table.h"
#include "vine/unicode.h"
#include "vine/winnls.h"

using namespace kernel32;
using namespace winnls;

namespace {


std::u16string number(unsigned value) {
    std::u16string out;
    do {
        out.insert(out.begin(), static_cast<char16_t>(u'0' + value % 10));
        value /= 10;
    } while (value);
    return out;
}

std::u16string hex4(unsigned value) {
    static const char16_t digits[] = u"0123456789abcdef";
    std::u16string out(4, u'0');
    for (int i = 3; i >= 0; --i, value >>= 4) out[i] = digits[value & 0xf];
    return out;
}

std::u16string language_part(const LocaleData& l) {
    std::u16string_view name(l.name);
    return std::u16string(name.substr(0, name.find(u'-')));
}

std::u16string country_part(const LocaleData& l) {
    std::u16string_view name(l.name);
    size_t dash = name.find(u'-');
    return dash == std::u16string_view::npos ? std::u16string() : std::u16string(name.substr(dash + 1));
}

// The value of `type` for the locale; false when Windows has no such type.
// *numeric is set for the types LOCALE_RETURN_NUMBER may ask for.
bool locale_value(const LocaleData& l, LCTYPE type, std::u16string* out, bool* numeric) {
    *numeric = false;
    auto num = [&](unsigned v) {
        *numeric = true;
        *out = number(v);
        return true;
    };
    auto str = [&](const char16_t* s) {
        *out = s;
        return true;
    };
    if (type >= 0x2a && type <= 0x30) return str(l.days[type - 0x2a]);
    if (type >= 0x31 && type <= 0x37) return str(l.short_days[type - 0x31]);
    if (type >= 0x38 && type <= 0x43) return str(l.months[type - 0x38]);
    if (type >= 0x44 && type <= 0x4f) return str(l.short_months[type - 0x44]);
    bool twelve_hour = std::u16string_view(l.time_format).find(u'h') != std::u16string_view::npos;
    switch (type) {
    case 0x01: *out = hex4(l.lcid); return true;                                  // LOCALE_ILANGUAGE
    case 0x02:                                                                      // LOCALE_SLANGUAGE
    case 0x72:                                                                      // LOCALE_SENGLISHDISPLAYNAME
        // An English system's display names: "English (United States)".
        *out = std::u16string(l.english_language) + u" (" + l.english_country + u")";
        return true;
    case 0x73: *out = std::u16string(l.native_language) + u" (" + l.native_country + u")"; return true;
    case 0x1001: return str(l.english_language);                                    // LOCALE_SENGLISHLANGUAGENAME
    case 0x1002: return str(l.english_country);                                     // LOCALE_SENGLISHCOUNTRYNAME
    case 0x03: return str(l.abbrev_language);                                       // LOCALE_SABBREVLANGNAME
    case 0x04: return str(l.native_language);                                       // LOCALE_SNATIVELANGNAME
    case 0x05: return num(l.country_code);                                          // LOCALE_ICOUNTRY
    case 0x06: return str(l.english_country);                                       // LOCALE_SCOUNTRY
    case 0x07: return str(l.iso3166_3);                                             // LOCALE_SABBREVCTRYNAME
    case 0x08: return str(l.native_country);                                        // LOCALE_SNATIVECTRYNAME
    case 0x09: *out = hex4(l.lcid); return true;                                    // LOCALE_IDEFAULTLANGUAGE
    case 0x0a: return num(l.country_code);                                          // LOCALE_IDEFAULTCOUNTRY
    case 0x0b: return num(l.oem_code_page);                                         // LOCALE_IDEFAULTCODEPAGE
    case 0x1004: return num(l.ansi_code_page);                                      // LOCALE_IDEFAULTANSICODEPAGE
    case 0x1011: return num(l.mac_code_page);                                       // LOCALE_IDEFAULTMACCODEPAGE
    case 0x1012: return num(l.lcid == 0x411 ? 20290 : 500);                         // LOCALE_IDEFAULTEBCDICCODEPAGE
    case 0x0c: return str(l.list);                                                  // LOCALE_SLIST
    case 0x0d: return num(l.measure == 1 ? 1 : 0);                                  // LOCALE_IMEASURE
    case 0x100a: return num(l.measure == 1 ? 1 : 9);                                // LOCALE_IPAPERSIZE: letter / A4
    case 0x0e: case 0x16: return str(l.decimal);                                    // LOCALE_SDECIMAL, SMONDECIMALSEP
    case 0x0f: case 0x17: return str(l.thousand);                                   // LOCALE_STHOUSAND, SMONTHOUSANDSEP
    case 0x10: case 0x18: return str(u"3;0");                                       // LOCALE_SGROUPING, SMONGROUPING
    case 0x11: case 0x19: case 0x1a: return num(l.lcid == 0x411 && type == 0x19 ? 0 : 2);  // IDIGITS, ICURRDIGITS, IINTLCURRDIGITS
    case 0x12: return num(1);                                                       // LOCALE_ILZERO
    case 0x1010: return num(1);                                                     // LOCALE_INEGNUMBER: -1.1
    case 0x13: return str(u"0123456789");                                           // LOCALE_SNATIVEDIGITS
    case 0x1014: return num(1);                                                     // LOCALE_IDIGITSUBSTITUTION
    case 0x14: return str(l.currency);                                              // LOCALE_SCURRENCY
    case 0x15: return str(l.intl_currency);                                         // LOCALE_SINTLSYMBOL
    case 0x1b: return num(l.currency_pattern);                                      // LOCALE_ICURRENCY
    case 0x1c: return num(l.negative_currency);                                     // LOCALE_INEGCURR
    case 0x1f: return str(l.short_date);                                            // LOCALE_SSHORTDATE
    case 0x20: return str(l.long_date);                                             // LOCALE_SLONGDATE
    case 0x1003: return str(l.time_format);                                         // LOCALE_STIMEFORMAT
    case 0x79: return str(l.short_time);                                            // LOCALE_SSHORTTIME
    case 0x1006: return str(l.year_month);                                          // LOCALE_SYEARMONTH
    case 0x28: return str(l.am);                                                    // LOCALE_S1159
    case 0x29: return str(l.pm);                                                    // LOCALE_S2359
    case 0x23: return num(twelve_hour ? 0 : 1);                                     // LOCALE_ITIME
    case 0x1009: return num(1);                                                     // LOCALE_ICALENDARTYPE: Gregorian
    case 0x100c: return num(l.first_day);                                           // LOCALE_IFIRSTDAYOFWEEK
    case 0x100d: return num(l.lcid == 0x407 || l.lcid == 0x40c || l.lcid == 0x809 || l.lcid == 0x419 ? 2 : 0);  // IFIRSTWEEKOFYEAR
    case 0x50: return str(u"");                                                     // LOCALE_SPOSITIVESIGN
    case 0x51: return str(u"-");                                                    // LOCALE_SNEGATIVESIGN
    case 0x59: *out = language_part(l); if (out->empty()) *out = u"iv"; return true;   // LOCALE_SISO639LANGNAME
    case 0x5a: *out = country_part(l); if (out->empty()) *out = u"IV"; return true;    // LOCALE_SISO3166CTRYNAME
    case 0x67: return str(l.iso639_2);                                              // LOCALE_SISO639LANGNAME2
    case 0x68: return str(l.iso3166_3);                                             // LOCALE_SISO3166CTRYNAME2
    case 0x5c: return str(l.name);                                                  // LOCALE_SNAME
    case 0x6d: *out = language_part(l); return true;                                // LOCALE_SPARENT
    default: return false;
    }
}

// The copy-out rule of the Get*Info functions: the size with the
// terminator when `size` is 0, else the text, or 0 with
// ERROR_INSUFFICIENT_BUFFER.
int copy_out(const std::u16string& value, WCHAR* buffer, int size) {
    int needed = static_cast<int>(value.size()) + 1;
    if (!size) return needed;
    if (size < needed) {
        set_error(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    memcpy(buffer, value.c_str(), needed * sizeof(WCHAR));
    return needed;
}

int get_info(const LocaleData* locale, LCTYPE type, WCHAR* buffer, int size) {
    if (!locale || size < 0 || (size && !buffer)) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    LCTYPE base = type & ~(LOCALE_NOUSEROVERRIDE | LOCALE_USE_CP_ACP | LOCALE_RETURN_NUMBER | LOCALE_RETURN_GENITIVE_NAMES |
                           LOCALE_ALLOW_NEUTRAL_NAMES);
    std::u16string value;
    bool numeric;
    if (!locale_value(*locale, base, &value, &numeric)) {
        set_error(ERROR_INVALID_FLAGS);
        return 0;
    }
    if (type & LOCALE_RETURN_NUMBER) {
        if (!numeric) {
            set_error(ERROR_INVALID_FLAGS);
            return 0;
        }
        // The number itself, in two WCHARs' room.
        int words = sizeof(DWORD) / sizeof(WCHAR);
        if (!size) return words;
        if (size < words) {
            set_error(ERROR_INSUFFICIENT_BUFFER);
            return 0;
        }
        DWORD n = 0;
        for (char16_t c : value) n = n * 10 + (c - u'0');
        memcpy(buffer, &n, sizeof(n));
        return words;
    }
    return copy_out(value, buffer, size);
}

}  // namespace

VINE_EXPORT int GetLocaleInfoEx(LPCWSTR name, LCTYPE type, LPWSTR buffer, int size) {
    return get_info(resolve_locale_name(name), type, buffer, size);
}

VINE_EXPORT int GetLocaleInfoW(LCID lcid, LCTYPE type, LPWSTR buffer, int size) {
    return get_info(resolve_locale(lcid), type, buffer, size);
}

VINE_EXPORT int GetLocaleInfoA(LCID lcid, LCTYPE type, LPSTR buffer, int size) {
    const LocaleData* locale = resolve_locale(lcid);
    if (!locale || size < 0 || (size && !buffer)) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (type & LOCALE_RETURN_NUMBER) return get_info(locale, type, reinterpret_cast<WCHAR*>(buffer), size / 2) * 2;
    WCHAR wide[256];
    int n = get_info(locale, type, wide, 256);
    if (!n) return 0;
    UINT code_page = (type & LOCALE_USE_CP_ACP) ? CP_ACP : locale->ansi_code_page;
    return WideCharToMultiByte(code_page, 0, wide, n, buffer, size, nullptr, nullptr);
}

VINE_EXPORT LCID GetUserDefaultLCID() { return user_locale().lcid; }
VINE_EXPORT LCID GetSystemDefaultLCID() { return user_locale().lcid; }
VINE_EXPORT WORD GetUserDefaultLangID() { return static_cast<WORD>(user_locale().lcid); }
VINE_EXPORT WORD GetSystemDefaultLangID() { return static_cast<WORD>(user_locale().lcid); }
VINE_EXPORT WORD GetUserDefaultUILanguage() { return static_cast<WORD>(user_locale().lcid); }
VINE_EXPORT WORD GetSystemDefaultUILanguage() { return static_cast<WORD>(user_locale().lcid); }
VINE_EXPORT LCID GetThreadLocale() { return user_locale().lcid; }

VINE_EXPORT int GetUserDefaultLocaleName(LPWSTR buffer, int size) {
    if (size <= 0 || !buffer) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return copy_out(user_locale().name, buffer, size);
}

VINE_EXPORT int GetSystemDefaultLocaleName(LPWSTR buffer, int size) { return GetUserDefaultLocaleName(buffer, size); }

VINE_EXPORT LCID LocaleNameToLCID(LPCWSTR name, DWORD flags) {
    const LocaleData* locale = resolve_locale_name(name);
    if (!locale) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return locale->lcid;
}

VINE_EXPORT int LCIDToLocaleName(LCID lcid, LPWSTR buffer, int size, DWORD flags) {
    const LocaleData* locale = resolve_locale(lcid);
    if (!locale || size < 0 || (size && !buffer)) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return copy_out(locale->name, buffer, size);
}

VINE_EXPORT BOOL IsValidLocaleName(LPCWSTR name) { return name && find_locale(std::u16string_view(name, vine::utf16_length(name))) != nullptr; }

VINE_EXPORT BOOL IsValidLocale(LCID lcid, DWORD flags) { return find_locale(lcid) != nullptr; }

using LOCALE_ENUMPROCEX = BOOL(WINAPI*)(LPWSTR name, DWORD flags, LONG_PTR param);

VINE_EXPORT BOOL EnumSystemLocalesEx(LOCALE_ENUMPROCEX proc, DWORD flags, LONG_PTR param, void* reserved) {
    if (!proc || reserved) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    // Every locale Vine has is a Windows one with specific data.
    if (flags && !(flags & (LOCALE_WINDOWS | LOCALE_SPECIFICDATA))) return TRUE;
    for (size_t i = 0; const LocaleData* l = locale_at(i); ++i) {
        if (l->lcid == 0x7f) continue;
        WCHAR name[LOCALE_NAME_MAX_LENGTH];
        size_t n = vine::utf16_length(l->name);
        memcpy(name, l->name, (n + 1) * sizeof(WCHAR));
        if (!proc(name, LOCALE_WINDOWS | LOCALE_SPECIFICDATA, param)) break;
    }
    return TRUE;
}

// "en" -> "en-US": the locale of that name, else the first one of the
// language.
VINE_EXPORT int ResolveLocaleName(LPCWSTR name, LPWSTR buffer, int size) {
    const LocaleData* found = resolve_locale_name(name);
    if (!found && name) {
        std::u16string_view wanted(name, vine::utf16_length(name));
        std::u16string language(wanted.substr(0, wanted.find_first_of(u"-_")));
        for (char16_t& c : language) c = (c >= 'A' && c <= 'Z') ? c + 32 : c;
        for (size_t i = 0; const LocaleData* l = locale_at(i); ++i)
            if (!language.empty() && language_part(*l) == language) {
                found = l;
                break;
            }
    }
    if (!found || size < 0 || (size && !buffer)) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return copy_out(found->name, buffer, size);
}
