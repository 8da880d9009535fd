/* Time functions. The process runs with TZ unset, so local-time results
 * are only checked for self-consistency; gmtime and strftime of fixed inputs
 * are checked exactly. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/timeb.h>
#include <windows.h>
#include "vinetest.h"

int main(void)
{
    time_t t, t2;
    struct tm *tm, tmv;
    char buf[128];
    FILETIME ft;
    ULONGLONG ft64;
    long long diff;
    DWORD t1, tk;
    ULONGLONG tk64;
    LARGE_INTEGER f, c1, c2;
    SYSTEMTIME st;
    int i, monotonic;

    ok(sizeof(time_t) == 8, "time_t is 64-bit (%d)", (int)sizeof(time_t));

    /* gmtime of a fixed time_t: 1234567890 = 2009-02-13 23:31:30 UTC, Friday */
    t = 1234567890;
    tm = gmtime(&t);
    ok(tm != NULL, "gmtime");
    ok(tm && tm->tm_year == 109 && tm->tm_mon == 1 && tm->tm_mday == 13 &&
       tm->tm_hour == 23 && tm->tm_min == 31 && tm->tm_sec == 30 &&
       tm->tm_wday == 5 && tm->tm_yday == 43 && tm->tm_isdst == 0,
       "gmtime(1234567890) = 2009-02-13 23:31:30 Fri yday 43");
    t = 0;
    tm = gmtime(&t);
    ok(tm && tm->tm_year == 70 && tm->tm_mon == 0 && tm->tm_mday == 1 && tm->tm_wday == 4,
       "gmtime(0) = 1970-01-01 Thursday");
    t = 951782400; /* 2000-02-29 00:00:00 leap day */
    tm = gmtime(&t);
    ok(tm && tm->tm_year == 100 && tm->tm_mon == 1 && tm->tm_mday == 29 && tm->tm_yday == 59,
       "gmtime leap day 2000-02-29");
    t = 4102444800LL; /* 2100-01-01: beyond 2038 */
    tm = gmtime(&t);
    ok(tm && tm->tm_year == 200 && tm->tm_mon == 0 && tm->tm_mday == 1 && tm->tm_wday == 5,
       "gmtime(4102444800) = 2100-01-01 Friday");

    /* strftime with fixed input */
    memset(&tmv, 0, sizeof(tmv));
    tmv.tm_year = 109; tmv.tm_mon = 1; tmv.tm_mday = 13;
    tmv.tm_hour = 23; tmv.tm_min = 31; tmv.tm_sec = 30;
    tmv.tm_wday = 5; tmv.tm_yday = 43;
    ok(strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tmv) == 19 &&
       strcmp(buf, "2009-02-13 23:31:30") == 0, "strftime ISO: \"%s\"", buf);
    strftime(buf, sizeof(buf), "%a %A %b %B %j %y %p %I %%", &tmv);
    ok_str(buf, "Fri Friday Feb February 044 09 PM 11 %");
    strftime(buf, sizeof(buf), "%x", &tmv);
    ok_str(buf, "02/13/09");
    strftime(buf, sizeof(buf), "%X", &tmv);
    ok_str(buf, "23:31:30");
    ok(strftime(buf, 5, "%Y-%m-%d", &tmv) == 0, "strftime returns 0 when the buffer is too small");

    /* mktime normalises and round-trips with localtime */
    memset(&tmv, 0, sizeof(tmv));
    tmv.tm_year = 120; tmv.tm_mon = 0; tmv.tm_mday = 32; /* Jan 32 -> Feb 1 */
    tmv.tm_hour = 12; tmv.tm_isdst = -1;
    t = mktime(&tmv);
    ok(t != (time_t)-1, "mktime");
    ok(tmv.tm_mon == 1 && tmv.tm_mday == 1 && tmv.tm_yday == 31 && tmv.tm_wday == 6,
       "mktime normalised Jan 32 2020 to Sat Feb 1 (mon %d mday %d wday %d)",
       tmv.tm_mon, tmv.tm_mday, tmv.tm_wday);
    tm = localtime(&t);
    ok(tm && tm->tm_year == 120 && tm->tm_mon == 1 && tm->tm_mday == 1 && tm->tm_hour == 12,
       "localtime(mktime(x)) == x");
    t2 = _mkgmtime(&tmv);
    ok(t2 == 1580558400LL, "_mkgmtime(2020-02-01 12:00) = 1580558400 (%lld)", (long long)t2);

    /* time() against GetSystemTimeAsFileTime */
    t = time(NULL);
    t2 = time(&t2) ;
    GetSystemTimeAsFileTime(&ft);
    ft64 = ((ULONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
    diff = (long long)(ft64 / 10000000ULL - 11644473600ULL) - (long long)t;
    ok(diff >= 0 && diff <= 2, "time() matches GetSystemTimeAsFileTime (diff %lld)", diff);
    ok(t > 1600000000, "time() is after 2020 (%lld)", (long long)t);
    GetSystemTime(&st);
    ok(st.wYear >= 2020 && st.wMonth >= 1 && st.wMonth <= 12, "GetSystemTime year %u", st.wYear);
    {
        FILETIME ft2;
        ok(SystemTimeToFileTime(&st, &ft2), "SystemTimeToFileTime");
        ft64 = ((ULONGLONG)ft2.dwHighDateTime << 32) | ft2.dwLowDateTime;
        diff = (long long)(ft64 / 10000000ULL - 11644473600ULL) - (long long)t;
        ok(diff >= 0 && diff <= 2, "GetSystemTime agrees with time() (diff %lld)", diff);
    }
    {
        struct _timeb tb;
        _ftime(&tb);
        ok(tb.time >= t && tb.time <= t + 2 && tb.millitm < 1000, "_ftime");
    }

    /* Sleep and GetTickCount */
    t1 = GetTickCount();
    tk64 = GetTickCount64();
    Sleep(200);
    tk = GetTickCount() - t1;
    ok(tk >= 180 && tk < 2000, "Sleep(200) took %lu ms by GetTickCount", tk);
    tk64 = GetTickCount64() - tk64;
    ok(tk64 >= 180 && tk64 < 2000, "GetTickCount64 advanced %llu ms", tk64);
    ok(QueryPerformanceFrequency(&f) && f.QuadPart > 0, "QueryPerformanceFrequency");
    monotonic = 1;
    QueryPerformanceCounter(&c1);
    for (i = 0; i < 10000; i++) {
        QueryPerformanceCounter(&c2);
        if (c2.QuadPart < c1.QuadPart) monotonic = 0;
        c1 = c2;
    }
    ok(monotonic, "QueryPerformanceCounter is monotonic");
    QueryPerformanceCounter(&c1);
    Sleep(50);
    QueryPerformanceCounter(&c2);
    diff = (c2.QuadPart - c1.QuadPart) * 1000 / f.QuadPart;
    ok(diff >= 40 && diff < 2000, "QueryPerformanceCounter measured Sleep(50) as %lld ms", diff);
    ok(clock() >= 0, "clock");

    return vt_summary();
}
