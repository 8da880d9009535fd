// time, gmtime/localtime, mktime, asctime/ctime, strftime, clock, _ftime.
// Time zone: Vine treats local time as UTC (no DST) until kernel32 exposes
// time zone information; _timezone, _daylight and _tzname say so.
#include <cstring>
#include <initializer_list>
#include <string>

#include "msvcrt_private.h"
#include "vine/kernel32_exports.h"

struct MsvcrtTm {
    int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
};

MSVCRT_DATA int32_t MSVCRT__timezone = 0;
MSVCRT_DATA int MSVCRT__daylight = 0;
MSVCRT_DATA int32_t MSVCRT__dstbias = -3600;
MSVCRT_DATA char* MSVCRT__tzname[2] = {const_cast<char*>("UTC"), const_cast<char*>("UTC")};

namespace {
DWORD start_ticks;

const char* const day_names[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
const char* const month_names[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

constexpr int64_t kFiletimeUnixDiff = 11644473600LL;
constexpr int64_t kMaxTime64 = 32535215999LL;  // 3000-12-31 23:59:59

int64_t now_filetime() {
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    return static_cast<int64_t>(static_cast<uint64_t>(ft.dwHighDateTime) << 32 | ft.dwLowDateTime);
}

// Days since 1970-01-01 of a civil date (proleptic Gregorian).
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool to_tm(int64_t t, MsvcrtTm* tm) {
    if (t < 0 || t > kMaxTime64) return false;
    int64_t days = t / 86400, secs = t % 86400;
    tm->tm_hour = static_cast<int>(secs / 3600);
    tm->tm_min = static_cast<int>(secs / 60 % 60);
    tm->tm_sec = static_cast<int>(secs % 60);
    tm->tm_wday = static_cast<int>((days + 4) % 7);
    int64_t z = days + 719468;
    int64_t era = z / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    tm->tm_year = static_cast<int>(y - 1900);
    tm->tm_mon = static_cast<int>(m - 1);
    tm->tm_mday = static_cast<int>(d);
    tm->tm_yday = static_cast<int>(days - days_from_civil(y, 1, 1));
    tm->tm_isdst = 0;
    return true;
}

int64_t from_tm(MsvcrtTm* tm) {
    int64_t year = 1900 + static_cast<int64_t>(tm->tm_year);
    int64_t mon = tm->tm_mon;
    year += mon / 12;
    mon %= 12;
    if (mon < 0) mon += 12, --year;
    int64_t days = days_from_civil(year, mon + 1, 1) + tm->tm_mday - 1;
    int64_t t = days * 86400 + static_cast<int64_t>(tm->tm_hour) * 3600 + static_cast<int64_t>(tm->tm_min) * 60 +
                tm->tm_sec;
    if (t < 0 || t > kMaxTime64) return -1;
    to_tm(t, tm);  // normalizes the fields and sets wday/yday
    return t;
}

void two_digits(std::string& out, int v) {
    out.push_back(static_cast<char>('0' + v / 10 % 10));
    out.push_back(static_cast<char>('0' + v % 10));
}

}  // namespace

void msvcrt_init_time() { start_ticks = GetTickCount(); }

MSVCRT_API int64_t MSVCRT__time64(int64_t* out) {
    int64_t t = now_filetime() / 10000000 - kFiletimeUnixDiff;
    if (out) *out = t;
    return t;
}
MSVCRT_API int64_t MSVCRT_time(int64_t* out) { return MSVCRT__time64(out); }
MSVCRT_API int32_t MSVCRT__time32(int32_t* out) {
    int32_t t = static_cast<int32_t>(MSVCRT__time64(nullptr));
    if (out) *out = t;
    return t;
}

MSVCRT_API int32_t MSVCRT_clock() { return static_cast<int32_t>(GetTickCount() - start_ticks); }
MSVCRT_API double MSVCRT_difftime(int64_t a, int64_t b) { return static_cast<double>(a - b); }
MSVCRT_API double MSVCRT__difftime64(int64_t a, int64_t b) { return static_cast<double>(a - b); }
MSVCRT_API double MSVCRT__difftime32(int32_t a, int32_t b) { return static_cast<double>(a - b); }

MSVCRT_API MsvcrtTm* MSVCRT__gmtime64(const int64_t* t) {
    if (!t || !to_tm(*t, reinterpret_cast<MsvcrtTm*>(msvcrt_thread_data()->tm_buffer))) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return nullptr;
    }
    return reinterpret_cast<MsvcrtTm*>(msvcrt_thread_data()->tm_buffer);
}
MSVCRT_API MsvcrtTm* MSVCRT_gmtime(const int64_t* t) { return MSVCRT__gmtime64(t); }
MSVCRT_API MsvcrtTm* MSVCRT__gmtime32(const int32_t* t) {
    if (!t) return nullptr;
    int64_t v = *t;
    return MSVCRT__gmtime64(&v);
}
MSVCRT_API MsvcrtTm* MSVCRT__localtime64(const int64_t* t) { return MSVCRT__gmtime64(t); }
MSVCRT_API MsvcrtTm* MSVCRT_localtime(const int64_t* t) { return MSVCRT__gmtime64(t); }
MSVCRT_API MsvcrtTm* MSVCRT__localtime32(const int32_t* t) { return MSVCRT__gmtime32(t); }
MSVCRT_API int64_t MSVCRT__mktime64(MsvcrtTm* tm) { return from_tm(tm); }
MSVCRT_API int64_t MSVCRT_mktime(MsvcrtTm* tm) { return from_tm(tm); }
MSVCRT_API int32_t MSVCRT__mktime32(MsvcrtTm* tm) {
    int64_t t = from_tm(tm);
    return t > 0x7fffffff ? -1 : static_cast<int32_t>(t);
}
MSVCRT_API int64_t MSVCRT__mkgmtime64(MsvcrtTm* tm) { return from_tm(tm); }
MSVCRT_API int64_t MSVCRT__mkgmtime(MsvcrtTm* tm) { return from_tm(tm); }
MSVCRT_API void MSVCRT__tzset() {}

MSVCRT_API char* MSVCRT_asctime(const MsvcrtTm* tm) {
    std::string s;
    s += std::string(day_names[(tm->tm_wday % 7 + 7) % 7], 3) + " ";
    s += std::string(month_names[(tm->tm_mon % 12 + 12) % 12], 3) + " ";
    two_digits(s, tm->tm_mday);
    s += " ";
    two_digits(s, tm->tm_hour);
    s += ":";
    two_digits(s, tm->tm_min);
    s += ":";
    two_digits(s, tm->tm_sec);
    s += " " + std::to_string(1900 + tm->tm_year) + "\n";
    char* buffer = msvcrt_thread_data()->asctime_buffer;
    std::strncpy(buffer, s.c_str(), 31);
    return buffer;
}
MSVCRT_API char* MSVCRT__ctime64(const int64_t* t) {
    MsvcrtTm* tm = MSVCRT__localtime64(t);
    return tm ? MSVCRT_asctime(tm) : nullptr;
}
MSVCRT_API char* MSVCRT_ctime(const int64_t* t) { return MSVCRT__ctime64(t); }

// strftime in the "C" locale.
static bool format_time(std::string& out, const char* fmt, const MsvcrtTm* tm) {
    for (; *fmt; ++fmt) {
        if (*fmt != '%') {
            out.push_back(*fmt);
            continue;
        }
        ++fmt;
        bool alternate = false;
        if (*fmt == '#') alternate = true, ++fmt;
        auto number = [&](int v, int width) {
            std::string digits = std::to_string(v);
            if (!alternate)
                while (static_cast<int>(digits.size()) < width) digits.insert(digits.begin(), '0');
            out += digits;
        };
        switch (*fmt) {
        case 'a': out += std::string(day_names[tm->tm_wday % 7], 3); break;
        case 'A': out += day_names[tm->tm_wday % 7]; break;
        case 'b': case 'h': out += std::string(month_names[tm->tm_mon % 12], 3); break;
        case 'B': out += month_names[tm->tm_mon % 12]; break;
        case 'c':
            if (alternate) {
                format_time(out, "%A, %B %#d, %Y %H:%M:%S", tm);
            } else {
                format_time(out, "%m/%d/%y %H:%M:%S", tm);
            }
            break;
        case 'd': number(tm->tm_mday, 2); break;
        case 'H': number(tm->tm_hour, 2); break;
        case 'I': number(tm->tm_hour % 12 ? tm->tm_hour % 12 : 12, 2); break;
        case 'j': number(tm->tm_yday + 1, 3); break;
        case 'm': number(tm->tm_mon + 1, 2); break;
        case 'M': number(tm->tm_min, 2); break;
        case 'p': out += tm->tm_hour < 12 ? "AM" : "PM"; break;
        case 'S': number(tm->tm_sec, 2); break;
        case 'U': number((tm->tm_yday + 7 - tm->tm_wday) / 7, 2); break;
        case 'w': number(tm->tm_wday, 1); break;
        case 'W': number((tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7, 2); break;
        case 'x':
            if (alternate) format_time(out, "%A, %B %#d, %Y", tm);
            else format_time(out, "%m/%d/%y", tm);
            break;
        case 'X': format_time(out, "%H:%M:%S", tm); break;
        case 'y': number((tm->tm_year + 1900) % 100, 2); break;
        case 'Y': number(tm->tm_year + 1900, 1); break;
        case 'z': case 'Z': out += MSVCRT__tzname[0]; break;
        case '%': out.push_back('%'); break;
        default: return false;  // msvcrt rejects unknown conversions
        }
    }
    return true;
}

MSVCRT_API size_t MSVCRT_strftime(char* buffer, size_t size, const char* fmt, const MsvcrtTm* tm) {
    std::string text;
    if (!buffer || !fmt || !tm || !format_time(text, fmt, tm)) {
        if (buffer && size) buffer[0] = 0;
        msvcrt_set_errno(MSVCRT_EINVAL);
        return 0;
    }
    if (text.size() >= size) {
        if (size) buffer[0] = 0;
        msvcrt_set_errno(MSVCRT_ERANGE);
        return 0;
    }
    std::memcpy(buffer, text.c_str(), text.size() + 1);
    return text.size();
}

MSVCRT_API size_t MSVCRT_wcsftime(WCHAR* buffer, size_t size, const WCHAR* fmt, const MsvcrtTm* tm) {
    if (!fmt) return 0;
    std::string narrow_fmt;
    for (const WCHAR* p = fmt; *p; ++p) narrow_fmt.push_back(*p < 256 ? static_cast<char>(*p) : '?');
    std::string text;
    if (!buffer || !tm || !format_time(text, narrow_fmt.c_str(), tm)) {
        if (buffer && size) buffer[0] = 0;
        return 0;
    }
    if (text.size() >= size) {
        if (size) buffer[0] = 0;
        return 0;
    }
    for (size_t i = 0; i <= text.size(); ++i) buffer[i] = static_cast<unsigned char>(text.c_str()[i]);
    return text.size();
}

MSVCRT_API char* MSVCRT__strdate(char* buffer) {
    int64_t t = MSVCRT__time64(nullptr);
    MsvcrtTm tm;
    to_tm(t, &tm);
    MSVCRT_strftime(buffer, 9, "%m/%d/%y", &tm);
    return buffer;
}
MSVCRT_API char* MSVCRT__strtime(char* buffer) {
    int64_t t = MSVCRT__time64(nullptr);
    MsvcrtTm tm;
    to_tm(t, &tm);
    MSVCRT_strftime(buffer, 9, "%H:%M:%S", &tm);
    return buffer;
}

struct MsvcrtTimeb64 {
    int64_t time;
    unsigned short millitm;
    short timezone;
    short dstflag;
};
static_assert(sizeof(MsvcrtTimeb64) == 16);
struct MsvcrtTimeb32 {
    int32_t time;
    unsigned short millitm;
    short timezone;
    short dstflag;
};

MSVCRT_API void MSVCRT__ftime64(MsvcrtTimeb64* tb) {
    int64_t ft = now_filetime();
    tb->time = ft / 10000000 - kFiletimeUnixDiff;
    tb->millitm = static_cast<unsigned short>(ft / 10000 % 1000);
    tb->timezone = static_cast<short>(MSVCRT__timezone / 60);
    tb->dstflag = 0;
}
MSVCRT_API void MSVCRT__ftime(MsvcrtTimeb64* tb) { MSVCRT__ftime64(tb); }
MSVCRT_API void MSVCRT__ftime32(MsvcrtTimeb32* tb) {
    MsvcrtTimeb64 full;
    MSVCRT__ftime64(&full);
    tb->time = static_cast<int32_t>(full.time);
    tb->millitm = full.millitm;
    tb->timezone = full.timezone;
    tb->dstflag = full.dstflag;
}
MSVCRT_API int MSVCRT__ftime64_s(MsvcrtTimeb64* tb) {
    if (!tb) return MSVCRT_EINVAL;
    MSVCRT__ftime64(tb);
    return 0;
}

// The _s forms fill the caller's struct tm and return the errno value.
MSVCRT_API int MSVCRT__gmtime64_s(MsvcrtTm* out, const int64_t* t) {
    if (!out || !t) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    if (!to_tm(*t, out)) {
        for (int* field : {&out->tm_sec, &out->tm_min, &out->tm_hour, &out->tm_mday, &out->tm_mon, &out->tm_year,
                           &out->tm_wday, &out->tm_yday, &out->tm_isdst})
            *field = -1;
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    return 0;
}
MSVCRT_API int MSVCRT__gmtime32_s(MsvcrtTm* out, const int32_t* t) {
    if (!t) return MSVCRT__gmtime64_s(out, nullptr);
    int64_t v = *t;
    return MSVCRT__gmtime64_s(out, &v);
}
// Local time is UTC here (see the top of this file).
MSVCRT_API int MSVCRT__localtime64_s(MsvcrtTm* out, const int64_t* t) { return MSVCRT__gmtime64_s(out, t); }
MSVCRT_API int MSVCRT__localtime32_s(MsvcrtTm* out, const int32_t* t) { return MSVCRT__gmtime32_s(out, t); }

MSVCRT_API int MSVCRT__get_timezone(long* seconds) {
    if (!seconds) return MSVCRT_EINVAL;
    *seconds = MSVCRT__timezone;
    return 0;
}
MSVCRT_API int MSVCRT__get_daylight(int* hours) {
    if (!hours) return MSVCRT_EINVAL;
    *hours = MSVCRT__daylight;
    return 0;
}
MSVCRT_API int MSVCRT__get_dstbias(long* seconds) {
    if (!seconds) return MSVCRT_EINVAL;
    *seconds = MSVCRT__daylight ? -3600 : 0;
    return 0;
}
