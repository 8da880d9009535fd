// The locales Vine knows: identifiers, names and the values GetLocaleInfo
// reports (locale_table.cpp), and the user's default, from the host locale.
#pragma once

#include <string>
#include <string_view>

#include "vine/calling_convention.h"
#include "vine/wintypes.h"

namespace kernel32 {

using LCID = DWORD;

struct LocaleData {
    LCID lcid;
    const char16_t* name;  // "en-US"
    UINT ansi_code_page, oem_code_page, mac_code_page;
    const char16_t* english_language;
    const char16_t* english_country;
    const char16_t* native_language;
    const char16_t* native_country;
    const char16_t* abbrev_language;  // LOCALE_SABBREVLANGNAME ("ENU")
    const char16_t* iso639_2;         // LOCALE_SISO639LANGNAME2 ("eng")
    const char16_t* iso3166_3;        // LOCALE_SISO3166CTRYNAME2 ("USA")
    const char16_t* decimal;
    const char16_t* thousand;
    const char16_t* list;
    const char16_t* short_date;
    const char16_t* long_date;
    const char16_t* time_format;
    const char16_t* short_time;
    const char16_t* am;
    const char16_t* pm;
    const char16_t* currency;
    const char16_t* intl_currency;
    int currency_pattern;   // LOCALE_ICURRENCY
    int negative_currency;  // LOCALE_INEGCURR
    int measure;            // 0 metric, 1 US
    int first_day;          // LOCALE_IFIRSTDAYOFWEEK: 0 Monday ... 6 Sunday
    int country_code;       // LOCALE_ICOUNTRY
    const char16_t* year_month;
    const char16_t* days[7];         // Monday first
    const char16_t* short_days[7];
    const char16_t* months[12];
    const char16_t* short_months[12];
};

// By LCID (the sort bits ignored) or name (case-insensitive, '_' or '-');
// null when unknown.
VINE_CALL const LocaleData* find_locale(LCID lcid);
VINE_CALL const LocaleData* find_locale(std::u16string_view name);
VINE_CALL const LocaleData* locale_at(size_t index);  // for enumeration; null past the end

// The user's locale: the host's (LC_ALL, LC_MESSAGES... LANG) when Vine
// knows it, else en-US.
VINE_CALL const LocaleData& user_locale();

// LOCALE_USER_DEFAULT and friends (or a name; null, "" and
// "!x-sys-default-locale" included) to a locale; null when not valid.
VINE_CALL const LocaleData* resolve_locale(LCID lcid);
VINE_CALL const LocaleData* resolve_locale_name(const WCHAR* name);
// The ICU locale id for collation ("en_US"; "" for the invariant locale).
VINE_CALL std::string icu_locale_id(const LocaleData* locale);

constexpr LCID LOCALE_SYSTEM_DEFAULT = 0x800, LOCALE_USER_DEFAULT = 0x400, LOCALE_INVARIANT = 0x7f,
               LOCALE_CUSTOM_DEFAULT = 0xc00, LOCALE_CUSTOM_UI_DEFAULT = 0x1400, LOCALE_NEUTRAL = 0;

}  // namespace kernel32
