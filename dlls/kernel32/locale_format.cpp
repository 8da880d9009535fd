// GetNumberFormat*, GetCurrencyFormat*, GetDateFormat*, GetTimeFormat*:
// Windows' pictures ("dddd, MMMM d, yyyy", "h:mm:ss tt") and number
// layouts filled in from the locale's values (locale_table.cpp).
#include <cstring>
#include <string>

#include "kernel32_private.h"
#include "locale_table.h"
#include "vine/unicode.h"
#include "vine/winnls.h"

using namespace kernel32;
using namespace winnls;

extern "C" WINAPI void GetLocalTime(SYSTEMTIME* time);

namespace {


int fail(DWORD error) {
    set_error(error);
    return 0;
}

int copy_out(const std::u16string& value, WCHAR* out, int size) {
    int needed = static_cast<int>(value.size()) + 1;
    if (!size) return needed;
    if (size < needed) return fail(ERROR_INSUFFICIENT_BUFFER);
    memcpy(out, value.c_str(), needed * sizeof(WCHAR));
    return needed;
}

// "-1234.5678" rounded to `digits` decimals and laid out: the grouped
// integer part, the separator, the decimals. Sets *negative; false when the
// text is not a number ([-]digits[.digits]).
bool layout_number(const WCHAR* value, UINT digits, UINT leading_zero, UINT grouping, const std::u16string& decimal,
                   const std::u16string& thousand, std::u16string* out, bool* negative) {
    std::u16string_view text(value, vine::utf16_length(value));
    *negative = !text.empty() && text[0] == u'-';
    if (*negative) text.remove_prefix(1);
    size_t point = text.find(u'.');
    std::u16string whole(text.substr(0, point)), fraction(point == std::u16string_view::npos ? u"" : text.substr(point + 1));
    if (whole.empty() && fraction.empty()) return false;
    for (char16_t c : whole + fraction)
        if (c < u'0' || c > u'9') return false;
    // Round half up at `digits` decimals, carrying into the integer part.
    bool round_up = fraction.size() > digits && fraction[digits] >= u'5';
    fraction.resize(digits, u'0');
    std::u16string all = whole + fraction;
    if (round_up) {
        size_t i = all.size();
        while (i > 0) {
            if (all[--i] == u'9') {
                all[i] = u'0';
            } else {
                ++all[i];
                break;
            }
            if (i == 0) all.insert(all.begin(), u'1');
        }
        if (all.empty()) all = u"1";
    }
    whole = all.substr(0, all.size() - digits);
    fraction = all.substr(all.size() - digits);
    while (whole.size() > 1 && whole[0] == u'0') whole.erase(0, 1);
    if (whole == u"0" && !leading_zero) whole.clear();
    if (whole.empty() && leading_zero) whole = u"0";
    // Grouping: 3 is groups of three; 32 is three, then twos; 0 none.
    std::u16string grouped;
    UINT first = grouping >= 10 ? grouping / 10 : grouping, rest = grouping >= 10 ? grouping % 10 : grouping;
    if (first) {
        size_t count = 0, size = first;
        for (size_t i = whole.size(); i > 0; --i) {
            if (count == size) {
                grouped.insert(0, thousand);
                count = 0;
                size = rest ? rest : SIZE_MAX;
            }
            grouped.insert(grouped.begin(), whole[i - 1]);
            ++count;
        }
    } else {
        grouped = whole;
    }
    *out = grouped;
    if (digits) *out += decimal + fraction;
    // -0.00 is written without its sign, as Windows does.
    if (all.find_first_not_of(u'0') == std::u16string::npos) *negative = false;
    return true;
}

const LocaleData* locale_for(const WCHAR* name, bool by_name, LCID lcid) {
    return by_name ? resolve_locale_name(name) : resolve_locale(lcid);
}

int number_format(const LocaleData* locale, DWORD flags, const WCHAR* value, const NUMBERFMTW* format, WCHAR* out,
                  int size) {
    if (!locale || !value || size < 0 || (size && !out)) return fail(ERROR_INVALID_PARAMETER);
    if (flags & ~LOCALE_NOUSEROVERRIDE || (format && flags)) return fail(ERROR_INVALID_FLAGS);
    NUMBERFMTW f = format ? *format
                          : NUMBERFMTW{2, 1, 3, const_cast<WCHAR*>(locale->decimal), const_cast<WCHAR*>(locale->thousand), 1};
    if (!f.lpDecimalSep || !f.lpThousandSep || f.NegativeOrder > 4) return fail(ERROR_INVALID_PARAMETER);
    std::u16string number;
    bool negative;
    if (!layout_number(value, f.NumDigits, f.LeadingZero, f.Grouping, f.lpDecimalSep, f.lpThousandSep, &number, &negative))
        return fail(ERROR_INVALID_PARAMETER);
    if (negative) {
        static const char16_t* const kPatterns[][2] = {{u"(", u")"}, {u"-", u""}, {u"- ", u""}, {u"", u"-"}, {u"", u" -"}};
        number = kPatterns[f.NegativeOrder][0] + number + kPatterns[f.NegativeOrder][1];
    }
    return copy_out(number, out, size);
}

int currency_format(const LocaleData* locale, DWORD flags, const WCHAR* value, const CURRENCYFMTW* format, WCHAR* out,
                    int size) {
    if (!locale || !value || size < 0 || (size && !out)) return fail(ERROR_INVALID_PARAMETER);
    if (flags & ~LOCALE_NOUSEROVERRIDE || (format && flags)) return fail(ERROR_INVALID_FLAGS);
    UINT digits = locale->lcid == 0x411 ? 0 : 2;
    CURRENCYFMTW f = format ? *format
                            : CURRENCYFMTW{digits, 1, 3, const_cast<WCHAR*>(locale->decimal),
                                           const_cast<WCHAR*>(locale->thousand),
                                           static_cast<UINT>(locale->negative_currency),
                                           static_cast<UINT>(locale->currency_pattern),
                                           const_cast<WCHAR*>(locale->currency)};
    if (!f.lpDecimalSep || !f.lpThousandSep || !f.lpCurrencySymbol || f.NegativeOrder > 15 || f.PositiveOrder > 3)
        return fail(ERROR_INVALID_PARAMETER);
    std::u16string number;
    bool negative;
    if (!layout_number(value, f.NumDigits, f.LeadingZero, f.Grouping, f.lpDecimalSep, f.lpThousandSep, &number, &negative))
        return fail(ERROR_INVALID_PARAMETER);
    std::u16string symbol = f.lpCurrencySymbol;
    // Windows' orders, with $ for the symbol and 1.1 for the number.
    static const char16_t* const kPositive[] = {u"$1", u"1$", u"$ 1", u"1 $"};
    static const char16_t* const kNegative[] = {u"($1)", u"-$1",  u"$-1",  u"$1-",  u"(1$)",  u"-1$",   u"1-$",  u"1$-",
                                                u"-1 $", u"-$ 1", u"1 $-", u"$ 1-", u"$ -1", u"1- $", u"($ 1)", u"(1 $)"};
    std::u16string result;
    for (const char16_t* p = negative ? kNegative[f.NegativeOrder] : kPositive[f.PositiveOrder]; *p; ++p) {
        if (*p == u'$') result += symbol;
        else if (*p == u'1') result += number;
        else result += *p;
    }
    return copy_out(result, out, size);
}

bool valid_date(const SYSTEMTIME& t) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (t.wMonth < 1 || t.wMonth > 12 || t.wDay < 1 || t.wYear < 1601 || t.wYear > 30827) return false;
    bool leap = (t.wYear % 4 == 0 && t.wYear % 100 != 0) || t.wYear % 400 == 0;
    return t.wDay <= kDays[t.wMonth - 1] + (t.wMonth == 2 && leap);
}

// 0 Sunday ... 6 Saturday (Sakamoto's method).
int day_of_week(int y, int m, int d) {
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (m < 3) y -= 1;
    return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

std::u16string two(int value, bool pad) {
    std::u16string out;
    if (pad && value < 10) out += u'0';
    std::u16string digits;
    do {
        digits.insert(digits.begin(), static_cast<char16_t>(u'0' + value % 10));
        value /= 10;
    } while (value);
    return out + digits;
}

// Runs of one picture letter, or quoted text, through `field`.
template <typename Field>
std::u16string expand(std::u16string_view picture, Field field) {
    std::u16string out;
    for (size_t i = 0; i < picture.size();) {
        char16_t c = picture[i];
        if (c == u'\'') {
            size_t end = i + 1;
            for (; end < picture.size(); ++end) {
                if (picture[end] == u'\'') {
                    if (end + 1 < picture.size() && picture[end + 1] == u'\'') {
                        out += u'\'';
                        ++end;
                        continue;
                    }
                    break;
                }
                out += picture[end];
            }
            i = end + 1;
            continue;
        }
        size_t run = 1;
        while (i + run < picture.size() && picture[i + run] == c) ++run;
        if (!field(c, run, &out)) out.append(run, c);
        i += run;
    }
    return out;
}

int date_format(const LocaleData* locale, DWORD flags, const SYSTEMTIME* time, const WCHAR* picture, WCHAR* out,
                int size) {
    if (!locale || size < 0 || (size && !out)) return fail(ERROR_INVALID_PARAMETER);
    DWORD kinds = flags & (DATE_SHORTDATE | DATE_LONGDATE | DATE_YEARMONTH);
    if ((flags & ~(kinds | LOCALE_NOUSEROVERRIDE)) || (kinds & (kinds - 1)) || (picture && kinds))
        return fail(ERROR_INVALID_FLAGS);
    SYSTEMTIME t;
    if (time) t = *time;
    else GetLocalTime(&t);
    if (!valid_date(t)) return fail(ERROR_INVALID_PARAMETER);
    std::u16string_view format = picture ? std::u16string_view(picture, vine::utf16_length(picture))
                                 : kinds == DATE_LONGDATE ? std::u16string_view(locale->long_date)
                                 : kinds == DATE_YEARMONTH ? std::u16string_view(locale->year_month)
                                                           : std::u16string_view(locale->short_date);
    int weekday = (day_of_week(t.wYear, t.wMonth, t.wDay) + 6) % 7;  // Monday first
    std::u16string text = expand(format, [&](char16_t c, size_t run, std::u16string* o) {
        switch (c) {
        case u'd':
            if (run <= 2) *o += two(t.wDay, run == 2);
            else *o += run == 3 ? locale->short_days[weekday] : locale->days[weekday];
            return true;
        case u'M':
            if (run <= 2) *o += two(t.wMonth, run == 2);
            else *o += run == 3 ? locale->short_months[t.wMonth - 1] : locale->months[t.wMonth - 1];
            return true;
        case u'y':
            if (run <= 2) *o += two(t.wYear % 100, run == 2);
            else *o += two(t.wYear, false);
            return true;
        case u'g':
            *o += u"A.D.";
            return true;
        default:
            return false;
        }
    });
    return copy_out(text, out, size);
}

int time_format(const LocaleData* locale, DWORD flags, const SYSTEMTIME* time, const WCHAR* picture, WCHAR* out,
                int size) {
    if (!locale || size < 0 || (size && !out)) return fail(ERROR_INVALID_PARAMETER);
    if (flags & ~(TIME_NOMINUTESORSECONDS | TIME_NOSECONDS | TIME_NOTIMEMARKER | TIME_FORCE24HOURFORMAT |
                  LOCALE_NOUSEROVERRIDE) ||
        (picture && (flags & LOCALE_NOUSEROVERRIDE)))
        return fail(ERROR_INVALID_FLAGS);
    SYSTEMTIME t;
    if (time) t = *time;
    else GetLocalTime(&t);
    if (t.wHour > 23 || t.wMinute > 59 || t.wSecond > 59 || t.wMilliseconds > 999) return fail(ERROR_INVALID_PARAMETER);
    std::u16string format = picture ? std::u16string(picture) : std::u16string(locale->time_format);
    // Dropped fields take the separator before them along.
    auto drop = [&](char16_t field) {
        for (size_t at; (at = format.find(field)) != std::u16string::npos;) {
            size_t end = at;
            while (end < format.size() && format[end] == field) ++end;
            size_t start = at;
            while (start > 0 && std::u16string_view(u"hHmst").find(format[start - 1]) == std::u16string_view::npos) --start;
            format.erase(start, end - start);
        }
    };
    if (flags & (TIME_NOSECONDS | TIME_NOMINUTESORSECONDS)) drop(u's');
    if (flags & TIME_NOMINUTESORSECONDS) drop(u'm');
    if (flags & TIME_NOTIMEMARKER) {
        drop(u't');
        while (!format.empty() && format.back() == u' ') format.pop_back();
    }
    std::u16string text = expand(format, [&](char16_t c, size_t run, std::u16string* o) {
        switch (c) {
        case u'h':
        case u'H': {
            bool twelve = c == u'h' && !(flags & TIME_FORCE24HOURFORMAT);
            int hour = twelve ? (t.wHour % 12 ? t.wHour % 12 : 12) : t.wHour;
            *o += two(hour, run >= 2);
            return true;
        }
        case u'm': *o += two(t.wMinute, run >= 2); return true;
        case u's': *o += two(t.wSecond, run >= 2); return true;
        case u't': {
            std::u16string marker = t.wHour < 12 ? locale->am : locale->pm;
            *o += run == 1 ? marker.substr(0, 1) : marker;
            return true;
        }
        default: return false;
        }
    });
    return copy_out(text, out, size);
}

}  // namespace

VINE_EXPORT int GetNumberFormatEx(LPCWSTR name, DWORD flags, LPCWSTR value, const NUMBERFMTW* format, LPWSTR out, int size) {
    return number_format(locale_for(name, true, 0), flags, value, format, out, size);
}
VINE_EXPORT int GetNumberFormatW(LCID lcid, DWORD flags, LPCWSTR value, const NUMBERFMTW* format, LPWSTR out, int size) {
    return number_format(locale_for(nullptr, false, lcid), flags, value, format, out, size);
}
VINE_EXPORT int GetCurrencyFormatEx(LPCWSTR name, DWORD flags, LPCWSTR value, const CURRENCYFMTW* format, LPWSTR out,
                                    int size) {
    return currency_format(locale_for(name, true, 0), flags, value, format, out, size);
}
VINE_EXPORT int GetCurrencyFormatW(LCID lcid, DWORD flags, LPCWSTR value, const CURRENCYFMTW* format, LPWSTR out, int size) {
    return currency_format(locale_for(nullptr, false, lcid), flags, value, format, out, size);
}
VINE_EXPORT int GetDateFormatEx(LPCWSTR name, DWORD flags, const SYSTEMTIME* time, LPCWSTR picture, LPWSTR out, int size,
                                LPCWSTR calendar) {
    if (calendar) return fail(ERROR_INVALID_PARAMETER);
    return date_format(locale_for(name, true, 0), flags, time, picture, out, size);
}
VINE_EXPORT int GetDateFormatW(LCID lcid, DWORD flags, const SYSTEMTIME* time, LPCWSTR picture, LPWSTR out, int size) {
    return date_format(locale_for(nullptr, false, lcid), flags, time, picture, out, size);
}
VINE_EXPORT int GetTimeFormatEx(LPCWSTR name, DWORD flags, const SYSTEMTIME* time, LPCWSTR picture, LPWSTR out, int size) {
    return time_format(locale_for(name, true, 0), flags, time, picture, out, size);
}
VINE_EXPORT int GetTimeFormatW(LCID lcid, DWORD flags, const SYSTEMTIME* time, LPCWSTR picture, LPWSTR out, int size) {
    return time_format(locale_for(nullptr, false, lcid), flags, time, picture, out, size);
}
