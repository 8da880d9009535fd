/* The time zone from the host's (CTest runs this with TZ=Europe/Paris and
 * argument "paris", and with TZ=America/New_York and "new_york"):
 * GetTimeZoneInformation's names, biases and rule dates as Windows has them
 * for those zones, conversions across the changes, GetLocalTime. */
#include <windows.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

static SYSTEMTIME at(int year, int month, int day, int hour, int minute) {
    SYSTEMTIME t;
    memset(&t, 0, sizeof(t));
    t.wYear = year;
    t.wMonth = month;
    t.wDay = day;
    t.wHour = hour;
    t.wMinute = minute;
    return t;
}

static void check_rule(const SYSTEMTIME *got, int month, int week, int hour, const char *what) {
    ok(got->wYear == 0 && got->wMonth == month && got->wDayOfWeek == 0 && got->wDay == week && got->wHour == hour &&
           got->wMinute == 0 && got->wSecond == 0,
       "%s: month %u, Sunday %u (of 5 = last) at %u:00; got %u/%u/%u/%u %u:%u", what, month, week, hour, got->wYear,
       got->wMonth, got->wDayOfWeek, got->wDay, got->wHour, got->wMinute);
}

/* UTC -> local with `zone` (NULL: the current one), and back. */
static void check_conversion(const TIME_ZONE_INFORMATION *zone, SYSTEMTIME utc, int local_day, int local_hour,
                             int local_minute, int back) {
    SYSTEMTIME local, again;
    ok(SystemTimeToTzSpecificLocalTime(zone, &utc, &local), "SystemTimeToTzSpecificLocalTime");
    ok(local.wDay == local_day && local.wHour == local_hour && local.wMinute == local_minute,
       "%u-%02u-%02u %02u:%02u UTC is %02u %02u:%02u local, expected %02d %02d:%02d", utc.wYear, utc.wMonth, utc.wDay,
       utc.wHour, utc.wMinute, local.wDay, local.wHour, local.wMinute, local_day, local_hour, local_minute);
    if (!back) return;
    ok(TzSpecificLocalTimeToSystemTime(zone, &local, &again), "TzSpecificLocalTimeToSystemTime");
    ok(again.wDay == utc.wDay && again.wHour == utc.wHour && again.wMinute == utc.wMinute,
       "and back: %02u %02u:%02u UTC", again.wDay, again.wHour, again.wMinute);
}

static void test_paris(void) {
    TIME_ZONE_INFORMATION tz;
    DYNAMIC_TIME_ZONE_INFORMATION dtz;
    DWORD id = GetTimeZoneInformation(&tz);
    ok(id == TIME_ZONE_ID_STANDARD || id == TIME_ZONE_ID_DAYLIGHT, "a zone with daylight time (%lu)", id);
    ok_int(tz.Bias, -60);
    ok_int(tz.StandardBias, 0);
    ok_int(tz.DaylightBias, -60);
    ok(!wcscmp(tz.StandardName, L"Romance Standard Time"), "StandardName \"%ls\"", tz.StandardName);
    ok(!wcscmp(tz.DaylightName, L"Romance Daylight Time"), "DaylightName \"%ls\"", tz.DaylightName);
    check_rule(&tz.DaylightDate, 3, 5, 2, "daylight time starts");
    check_rule(&tz.StandardDate, 10, 5, 3, "daylight time ends");
    ok(GetDynamicTimeZoneInformation(&dtz) == id, "GetDynamicTimeZoneInformation");
    ok(!wcscmp(dtz.TimeZoneKeyName, L"Romance Standard Time"), "TimeZoneKeyName \"%ls\"", dtz.TimeZoneKeyName);
    ok(!dtz.DynamicDaylightTimeDisabled, "daylight time is not disabled");

    TIME_ZONE_INFORMATION year;
    ok(GetTimeZoneInformationForYear(2024, NULL, &year), "GetTimeZoneInformationForYear");
    ok_int(year.Bias, -60);
    check_rule(&year.DaylightDate, 3, 5, 2, "2024's rule starts");

    check_conversion(NULL, at(2024, 1, 15, 12, 0), 15, 13, 0, 1);
    check_conversion(NULL, at(2024, 7, 1, 12, 0), 1, 14, 0, 1);
    /* 2024-03-31: 02:00 CET becomes 03:00 CEST at 01:00 UTC */
    check_conversion(NULL, at(2024, 3, 31, 0, 59), 31, 1, 59, 1);
    check_conversion(NULL, at(2024, 3, 31, 1, 0), 31, 3, 0, 1);
    /* 2024-10-27: 03:00 CEST becomes 02:00 CET at 01:00 UTC; local times
       in the hour that repeats are taken as daylight time */
    check_conversion(NULL, at(2024, 10, 27, 0, 59), 27, 2, 59, 1);
    check_conversion(NULL, at(2024, 10, 27, 1, 0), 27, 2, 0, 0);
    check_conversion(NULL, at(2024, 10, 27, 2, 0), 27, 3, 0, 1);
    check_conversion(NULL, at(2024, 12, 31, 23, 30), 1, 0, 30, 1);
}

static void test_new_york(void) {
    TIME_ZONE_INFORMATION tz;
    DWORD id = GetTimeZoneInformation(&tz);
    ok(id == TIME_ZONE_ID_STANDARD || id == TIME_ZONE_ID_DAYLIGHT, "a zone with daylight time (%lu)", id);
    ok_int(tz.Bias, 300);
    ok_int(tz.DaylightBias, -60);
    ok(!wcscmp(tz.StandardName, L"Eastern Standard Time"), "StandardName \"%ls\"", tz.StandardName);
    ok(!wcscmp(tz.DaylightName, L"Eastern Daylight Time"), "DaylightName \"%ls\"", tz.DaylightName);
    check_rule(&tz.DaylightDate, 3, 2, 2, "daylight time starts");
    check_rule(&tz.StandardDate, 11, 1, 2, "daylight time ends");
    check_conversion(NULL, at(2024, 1, 15, 12, 0), 15, 7, 0, 1);
    check_conversion(NULL, at(2024, 7, 1, 12, 0), 1, 8, 0, 1);
    /* 2024-03-10 02:00 EST -> 03:00 EDT at 07:00 UTC */
    check_conversion(NULL, at(2024, 3, 10, 6, 59), 10, 1, 59, 1);
    check_conversion(NULL, at(2024, 3, 10, 7, 0), 10, 3, 0, 1);
}

/* An explicit zone: the southern hemisphere's daylight time spans the new
 * year (AUS Eastern Standard Time: UTC+10, +11 from October's first Sunday
 * to April's first Sunday). */
static void test_explicit_zone(void) {
    TIME_ZONE_INFORMATION sydney;
    memset(&sydney, 0, sizeof(sydney));
    sydney.Bias = -600;
    sydney.DaylightBias = -60;
    sydney.StandardDate = at(0, 4, 1, 3, 0);
    sydney.DaylightDate = at(0, 10, 1, 2, 0);
    check_conversion(&sydney, at(2024, 1, 15, 0, 0), 15, 11, 0, 1);
    check_conversion(&sydney, at(2024, 7, 15, 0, 0), 15, 10, 0, 1);
    TIME_ZONE_INFORMATION utc;
    memset(&utc, 0, sizeof(utc));
    check_conversion(&utc, at(2024, 7, 15, 5, 6), 15, 5, 6, 1);
}

static void test_local_time(void) {
    TIME_ZONE_INFORMATION tz;
    DWORD id = GetTimeZoneInformation(&tz);
    LONG bias = tz.Bias + (id == TIME_ZONE_ID_DAYLIGHT ? tz.DaylightBias : tz.StandardBias);
    SYSTEMTIME utc, local;
    FILETIME futc, flocal, converted, back;
    GetSystemTime(&utc);
    GetLocalTime(&local);
    SystemTimeToFileTime(&utc, &futc);
    SystemTimeToFileTime(&local, &flocal);
    LONGLONG difference = ((LONGLONG)flocal.dwHighDateTime << 32 | flocal.dwLowDateTime) -
                          ((LONGLONG)futc.dwHighDateTime << 32 | futc.dwLowDateTime);
    LONGLONG expected = -(LONGLONG)bias * 600000000;
    ok(difference >= expected - 50000000 && difference <= expected + 50000000,
       "GetLocalTime is GetSystemTime minus the bias (%ld minutes)", bias);
    ok(FileTimeToLocalFileTime(&futc, &converted), "FileTimeToLocalFileTime");
    ok(((LONGLONG)converted.dwHighDateTime << 32 | converted.dwLowDateTime) -
               ((LONGLONG)futc.dwHighDateTime << 32 | futc.dwLowDateTime) == expected,
       "FileTimeToLocalFileTime subtracts the current bias");
    ok(LocalFileTimeToFileTime(&converted, &back) && back.dwLowDateTime == futc.dwLowDateTime &&
           back.dwHighDateTime == futc.dwHighDateTime,
       "LocalFileTimeToFileTime undoes it");
}

int main(int argc, char **argv) {
    if (argc > 1 && !strcmp(argv[1], "paris")) test_paris();
    else if (argc > 1 && !strcmp(argv[1], "new_york")) test_new_york();
    else ok(0, "usage: time_zone paris|new_york");
    test_explicit_zone();
    test_local_time();
    return vt_summary();
}
