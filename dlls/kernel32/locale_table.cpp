// The locales Vine knows, with Windows' values for them (Windows 10/11).
#include "locale_table.h"

#include <cstdlib>

#include "vine/unicode.h"

namespace kernel32 {

namespace {

constexpr LocaleData kLocales[] = {
    {0x0409, u"en-US", 1252, 437, 10000, u"English", u"United States", u"English", u"United States", u"ENU", u"eng",
     u"USA", u".", u",", u",", u"M/d/yyyy", u"dddd, MMMM d, yyyy", u"h:mm:ss tt", u"h:mm tt", u"AM", u"PM", u"$",
     u"USD", 0, 0, 1, 6, 1, u"MMMM yyyy",
     {u"Monday", u"Tuesday", u"Wednesday", u"Thursday", u"Friday", u"Saturday", u"Sunday"},
     {u"Mon", u"Tue", u"Wed", u"Thu", u"Fri", u"Sat", u"Sun"},
     {u"January", u"February", u"March", u"April", u"May", u"June", u"July", u"August", u"September", u"October",
      u"November", u"December"},
     {u"Jan", u"Feb", u"Mar", u"Apr", u"May", u"Jun", u"Jul", u"Aug", u"Sep", u"Oct", u"Nov", u"Dec"}},
    {0x007f, u"", 1252, 437, 10000, u"Invariant Language", u"Invariant Country", u"Invariant Language",
     u"Invariant Country", u"IVL", u"ivl", u"IVC", u".", u",", u",", u"MM/dd/yyyy", u"dddd, dd MMMM yyyy", u"HH:mm:ss",
     u"HH:mm", u"AM", u"PM", u"\u00a4", u"XDR", 0, 0, 0, 0, 1, u"yyyy MMMM",
     {u"Monday", u"Tuesday", u"Wednesday", u"Thursday", u"Friday", u"Saturday", u"Sunday"},
     {u"Mon", u"Tue", u"Wed", u"Thu", u"Fri", u"Sat", u"Sun"},
     {u"January", u"February", u"March", u"April", u"May", u"June", u"July", u"August", u"September", u"October",
      u"November", u"December"},
     {u"Jan", u"Feb", u"Mar", u"Apr", u"May", u"Jun", u"Jul", u"Aug", u"Sep", u"Oct", u"Nov", u"Dec"}},
    {0x0809, u"en-GB", 1252, 850, 10000, u"English", u"United Kingdom", u"English", u"United Kingdom", u"ENG", u"eng",
     u"GBR", u".", u",", u",", u"dd/MM/yyyy", u"dd MMMM yyyy", u"HH:mm:ss", u"HH:mm", u"AM", u"PM", u"\u00a3", u"GBP",
     0, 1, 0, 0, 44, u"MMMM yyyy",
     {u"Monday", u"Tuesday", u"Wednesday", u"Thursday", u"Friday", u"Saturday", u"Sunday"},
     {u"Mon", u"Tue", u"Wed", u"Thu", u"Fri", u"Sat", u"Sun"},
     {u"January", u"February", u"March", u"April", u"May", u"June", u"July", u"August", u"September", u"October",
      u"November", u"December"},
     {u"Jan", u"Feb", u"Mar", u"Apr", u"May", u"Jun", u"Jul", u"Aug", u"Sep", u"Oct", u"Nov", u"Dec"}},
    {0x0407, u"de-DE", 1252, 850, 10000, u"German", u"Germany", u"Deutsch", u"Deutschland", u"DEU", u"deu", u"DEU",
     u",", u".", u";", u"dd.MM.yyyy", u"dddd, d. MMMM yyyy", u"HH:mm:ss", u"HH:mm", u"", u"", u"\u20ac", u"EUR", 3, 8,
     0, 0, 49, u"MMMM yyyy",
     {u"Montag", u"Dienstag", u"Mittwoch", u"Donnerstag", u"Freitag", u"Samstag", u"Sonntag"},
     {u"Mo", u"Di", u"Mi", u"Do", u"Fr", u"Sa", u"So"},
     {u"Januar", u"Februar", u"M\u00e4rz", u"April", u"Mai", u"Juni", u"Juli", u"August", u"September", u"Oktober",
      u"November", u"Dezember"},
     {u"Jan", u"Feb", u"M\u00e4r", u"Apr", u"Mai", u"Jun", u"Jul", u"Aug", u"Sep", u"Okt", u"Nov", u"Dez"}},
    {0x040c, u"fr-FR", 1252, 850, 10000, u"French", u"France", u"fran\u00e7ais", u"France", u"FRA", u"fra", u"FRA",
     u",", u"\u202f", u";", u"dd/MM/yyyy", u"dddd d MMMM yyyy", u"HH:mm:ss", u"HH:mm", u"", u"", u"\u20ac", u"EUR", 3,
     8, 0, 0, 33, u"MMMM yyyy",
     {u"lundi", u"mardi", u"mercredi", u"jeudi", u"vendredi", u"samedi", u"dimanche"},
     {u"lun.", u"mar.", u"mer.", u"jeu.", u"ven.", u"sam.", u"dim."},
     {u"janvier", u"f\u00e9vrier", u"mars", u"avril", u"mai", u"juin", u"juillet", u"ao\u00fbt", u"septembre",
      u"octobre", u"novembre", u"d\u00e9cembre"},
     {u"janv.", u"f\u00e9vr.", u"mars", u"avr.", u"mai", u"juin", u"juil.", u"ao\u00fbt", u"sept.", u"oct.", u"nov.",
      u"d\u00e9c."}},
    {0x0411, u"ja-JP", 932, 932, 10001, u"Japanese", u"Japan", u"\u65e5\u672c\u8a9e", u"\u65e5\u672c", u"JPN", u"jpn",
     u"JPN", u".", u",", u",", u"yyyy/MM/dd", u"yyyy'\u5e74'M'\u6708'd'\u65e5'", u"H:mm:ss", u"H:mm", u"\u5348\u524d",
     u"\u5348\u5f8c", u"\u00a5", u"JPY", 0, 1, 0, 6, 81, u"yyyy'\u5e74'M'\u6708'",
     {u"\u6708\u66dc\u65e5", u"\u706b\u66dc\u65e5", u"\u6c34\u66dc\u65e5", u"\u6728\u66dc\u65e5", u"\u91d1\u66dc\u65e5",
      u"\u571f\u66dc\u65e5", u"\u65e5\u66dc\u65e5"},
     {u"\u6708", u"\u706b", u"\u6c34", u"\u6728", u"\u91d1", u"\u571f", u"\u65e5"},
     {u"1\u6708", u"2\u6708", u"3\u6708", u"4\u6708", u"5\u6708", u"6\u6708", u"7\u6708", u"8\u6708", u"9\u6708",
      u"10\u6708", u"11\u6708", u"12\u6708"},
     {u"1", u"2", u"3", u"4", u"5", u"6", u"7", u"8", u"9", u"10", u"11", u"12"}},
    {0x0804, u"zh-CN", 936, 936, 10008, u"Chinese", u"China", u"\u4e2d\u6587", u"\u4e2d\u56fd", u"CHS", u"zho", u"CHN",
     u".", u",", u",", u"yyyy/M/d", u"yyyy'\u5e74'M'\u6708'd'\u65e5'", u"H:mm:ss", u"H:mm", u"\u4e0a\u5348",
     u"\u4e0b\u5348", u"\u00a5", u"CNY", 0, 2, 0, 0, 86, u"yyyy'\u5e74'M'\u6708'",
     {u"\u661f\u671f\u4e00", u"\u661f\u671f\u4e8c", u"\u661f\u671f\u4e09", u"\u661f\u671f\u56db", u"\u661f\u671f\u4e94",
      u"\u661f\u671f\u516d", u"\u661f\u671f\u65e5"},
     {u"\u5468\u4e00", u"\u5468\u4e8c", u"\u5468\u4e09", u"\u5468\u56db", u"\u5468\u4e94", u"\u5468\u516d", u"\u5468\u65e5"},
     {u"\u4e00\u6708", u"\u4e8c\u6708", u"\u4e09\u6708", u"\u56db\u6708", u"\u4e94\u6708", u"\u516d\u6708",
      u"\u4e03\u6708", u"\u516b\u6708", u"\u4e5d\u6708", u"\u5341\u6708", u"\u5341\u4e00\u6708", u"\u5341\u4e8c\u6708"},
     {u"1\u6708", u"2\u6708", u"3\u6708", u"4\u6708", u"5\u6708", u"6\u6708", u"7\u6708", u"8\u6708", u"9\u6708",
      u"10\u6708", u"11\u6708", u"12\u6708"}},
    {0x0419, u"ru-RU", 1251, 866, 10007, u"Russian", u"Russia", u"\u0440\u0443\u0441\u0441\u043a\u0438\u0439",
     u"\u0420\u043e\u0441\u0441\u0438\u044f", u"RUS", u"rus", u"RUS", u",", u"\u00a0", u";", u"dd.MM.yyyy",
     u"d MMMM yyyy '\u0433.'", u"H:mm:ss", u"H:mm", u"", u"", u"\u20bd", u"RUB", 3, 8, 0, 0, 7, u"MMMM yyyy",
     {u"\u043f\u043e\u043d\u0435\u0434\u0435\u043b\u044c\u043d\u0438\u043a", u"\u0432\u0442\u043e\u0440\u043d\u0438\u043a",
      u"\u0441\u0440\u0435\u0434\u0430", u"\u0447\u0435\u0442\u0432\u0435\u0440\u0433",
      u"\u043f\u044f\u0442\u043d\u0438\u0446\u0430", u"\u0441\u0443\u0431\u0431\u043e\u0442\u0430",
      u"\u0432\u043e\u0441\u043a\u0440\u0435\u0441\u0435\u043d\u044c\u0435"},
     {u"\u041f\u043d", u"\u0412\u0442", u"\u0421\u0440", u"\u0427\u0442", u"\u041f\u0442", u"\u0421\u0431", u"\u0412\u0441"},
     {u"\u044f\u043d\u0432\u0430\u0440\u044c", u"\u0444\u0435\u0432\u0440\u0430\u043b\u044c", u"\u043c\u0430\u0440\u0442",
      u"\u0430\u043f\u0440\u0435\u043b\u044c", u"\u043c\u0430\u0439", u"\u0438\u044e\u043d\u044c", u"\u0438\u044e\u043b\u044c",
      u"\u0430\u0432\u0433\u0443\u0441\u0442", u"\u0441\u0435\u043d\u0442\u044f\u0431\u0440\u044c",
      u"\u043e\u043a\u0442\u044f\u0431\u0440\u044c", u"\u043d\u043e\u044f\u0431\u0440\u044c", u"\u0434\u0435\u043a\u0430\u0431\u0440\u044c"},
     {u"\u044f\u043d\u0432", u"\u0444\u0435\u0432", u"\u043c\u0430\u0440", u"\u0430\u043f\u0440", u"\u043c\u0430\u0439",
      u"\u0438\u044e\u043d", u"\u0438\u044e\u043b", u"\u0430\u0432\u0433", u"\u0441\u0435\u043d", u"\u043e\u043a\u0442",
      u"\u043d\u043e\u044f", u"\u0434\u0435\u043a"}},
};
constexpr size_t kLocaleCount = sizeof(kLocales) / sizeof(kLocales[0]);
constexpr LCID kInvariant = 0x7f;

char16_t lower(char16_t c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c == '_' ? '-' : c; }

bool same_name(std::u16string_view a, const char16_t* b) {
    size_t i = 0;
    for (; i < a.size() && b[i]; ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return i == a.size() && !b[i];
}

// "ll_TT.charset@modifier" -> "ll-TT".
const LocaleData* locale_from_posix(const char* posix) {
    if (!posix || !*posix) return nullptr;
    std::u16string name;
    for (const char* p = posix; *p && *p != '.' && *p != '@'; ++p) name += static_cast<char16_t>(*p);
    return find_locale(name);
}

}  // namespace

const LocaleData* find_locale(LCID lcid) {
    lcid &= 0xffff;  // the sort identifier is not part of the locale
    for (const auto& locale : kLocales)
        if (locale.lcid == lcid) return &locale;
    return nullptr;
}

const LocaleData* find_locale(std::u16string_view name) {
    for (const auto& locale : kLocales)
        if (same_name(name, locale.name)) return &locale;
    return nullptr;
}

const LocaleData* locale_at(size_t index) { return index < kLocaleCount ? &kLocales[index] : nullptr; }

const LocaleData& user_locale() {
    static const LocaleData* user = [] {
        for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
            const char* value = getenv(name);
            if (value && *value) {
                const LocaleData* found = locale_from_posix(value);
                return found && found->lcid != kInvariant ? found : find_locale(0x409);
            }
        }
        return find_locale(0x409);
    }();
    return *user;
}

const LocaleData* resolve_locale(LCID lcid) {
    switch (lcid) {
    case LOCALE_USER_DEFAULT:
    case LOCALE_SYSTEM_DEFAULT:
    case LOCALE_CUSTOM_DEFAULT:
    case LOCALE_CUSTOM_UI_DEFAULT:
    case LOCALE_NEUTRAL:
        return &user_locale();
    default:
        return find_locale(lcid);
    }
}

const LocaleData* resolve_locale_name(const WCHAR* name) {
    if (!name) return &user_locale();  // LOCALE_NAME_USER_DEFAULT
    std::u16string_view view(name, vine::utf16_length(name));
    if (view == u"!x-sys-default-locale") return &user_locale();
    return find_locale(view);
}

std::string icu_locale_id(const LocaleData* locale) {
    std::string id;
    for (const char16_t* p = locale->name; *p; ++p) id += *p == '-' ? '_' : static_cast<char>(*p);
    return id;
}

}  // namespace kernel32
