/* The zones Windows knows, from the registry's Time Zones keys:
 * EnumDynamicTimeZoneInformation (advapi32) in the keys' alphabetical order,
 * each zone's rule as Windows holds it (Paris, Tokyo, Los Angeles), the TZI
 * value read directly, and GetTimeZoneInformationForYear of a zone other
 * than the current one (CTest runs this with TZ=Asia/Tokyo). */
#include <windows.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

static const WCHAR zones_key[] = L"Software\\Microsoft\\Windows NT\\CurrentVersion\\Time Zones";

static void check_date(const SYSTEMTIME *got, int month, int week, int hour, const char *what) {
    ok(got->wYear == 0 && got->wMonth == month && got->wDayOfWeek == 0 && got->wDay == week && got->wHour == hour &&
           got->wMinute == 0,
       "%s: month %d, Sunday %d at %d:00; got month %u, day-of-week %u, week %u, %u:%02u", what, month, week, hour,
       got->wMonth, got->wDayOfWeek, got->wDay, got->wHour, got->wMinute);
}

int main(void) {
    DYNAMIC_TIME_ZONE_INFORMATION zone, paris, tokyo, los_angeles;
    WCHAR previous[128] = L"";
    DWORD index, status, count = 0;
    int found = 0;

    ok(EnumDynamicTimeZoneInformation(0, NULL) == ERROR_INVALID_PARAMETER, "NULL info: ERROR_INVALID_PARAMETER");

    memset(&paris, 0, sizeof(paris));
    memset(&tokyo, 0, sizeof(tokyo));
    memset(&los_angeles, 0, sizeof(los_angeles));
    for (index = 0;; ++index) {
        memset(&zone, 0xcc, sizeof(zone));
        status = EnumDynamicTimeZoneInformation(index, &zone);
        if (status != ERROR_SUCCESS) break;
        ++count;
        ok(_wcsicmp(previous, zone.TimeZoneKeyName) < 0, "zone %lu (%ls) after %ls: alphabetical", index,
           zone.TimeZoneKeyName, previous);
        ok(!zone.DynamicDaylightTimeDisabled, "%ls: dynamic daylight time not disabled", zone.TimeZoneKeyName);
        wcscpy(previous, zone.TimeZoneKeyName);
        if (!wcscmp(zone.TimeZoneKeyName, L"Romance Standard Time")) paris = zone, found |= 1;
        if (!wcscmp(zone.TimeZoneKeyName, L"Tokyo Standard Time")) tokyo = zone, found |= 2;
        if (!wcscmp(zone.TimeZoneKeyName, L"Pacific Standard Time")) los_angeles = zone, found |= 4;
    }
    ok(status == ERROR_NO_MORE_ITEMS, "the end: ERROR_NO_MORE_ITEMS, got %lu", status);
    ok(count >= 40, "Windows knows many zones; got %lu", count);
    ok(found == 7, "Paris, Tokyo and Los Angeles listed (found mask %d)", found);

    ok(paris.Bias == -60 && paris.StandardBias == 0 && paris.DaylightBias == -60, "Paris: biases -60/0/-60, got %ld/%ld/%ld",
       paris.Bias, paris.StandardBias, paris.DaylightBias);
    check_date(&paris.StandardDate, 10, 5, 3, "Paris back to standard time");
    check_date(&paris.DaylightDate, 3, 5, 2, "Paris to daylight time");
    ok(!wcscmp(paris.StandardName, L"Romance Standard Time"), "Paris standard name %ls", paris.StandardName);
    ok(!wcscmp(paris.DaylightName, L"Romance Daylight Time"), "Paris daylight name %ls", paris.DaylightName);

    ok(tokyo.Bias == -540 && tokyo.StandardDate.wMonth == 0 && tokyo.DaylightDate.wMonth == 0,
       "Tokyo: bias -540, no daylight time; got %ld, months %u/%u", tokyo.Bias, tokyo.StandardDate.wMonth,
       tokyo.DaylightDate.wMonth);

    ok(los_angeles.Bias == 480 && los_angeles.DaylightBias == -60, "Los Angeles: bias 480, daylight -60; got %ld, %ld",
       los_angeles.Bias, los_angeles.DaylightBias);
    check_date(&los_angeles.StandardDate, 11, 1, 2, "Los Angeles back to standard time");
    check_date(&los_angeles.DaylightDate, 3, 2, 2, "Los Angeles to daylight time");

    /* The registry itself: a TZI is 44 bytes, Bias first. */
    {
        HKEY key;
        BYTE tzi[64];
        DWORD size = sizeof(tzi), type = 0;
        WCHAR display[256];
        DWORD display_size = sizeof(display);
        LONG bias;
        ok(RegOpenKeyExW(HKEY_LOCAL_MACHINE, zones_key, 0, KEY_READ, &key) == ERROR_SUCCESS, "open the Time Zones key");
        ok(RegGetValueW(key, L"Pacific Standard Time", L"TZI", RRF_RT_REG_BINARY, &type, tzi, &size) == ERROR_SUCCESS &&
               type == REG_BINARY && size == 44,
           "TZI: REG_BINARY of 44 bytes, got type %lu size %lu", type, size);
        memcpy(&bias, tzi, sizeof(bias));
        ok(bias == 480, "TZI's Bias 480, got %ld", bias);
        ok(RegGetValueW(key, L"Pacific Standard Time", L"Display", RRF_RT_REG_SZ, NULL, display, &display_size) ==
                   ERROR_SUCCESS &&
               wcsstr(display, L"(UTC-08:00)") == display,
           "Display starts with (UTC-08:00): %ls", display);
        RegCloseKey(key);
    }

    /* Another zone for a year: read from its key; a zone Windows does not
     * know: ERROR_FILE_NOT_FOUND. */
    {
        TIME_ZONE_INFORMATION info;
        DYNAMIC_TIME_ZONE_INFORMATION wanted;
        memset(&wanted, 0, sizeof(wanted));
        wcscpy(wanted.TimeZoneKeyName, L"Romance Standard Time");
        ok(GetTimeZoneInformationForYear(2024, &wanted, &info), "GetTimeZoneInformationForYear(Romance)");
        ok(info.Bias == -60 && info.DaylightBias == -60 && info.StandardDate.wMonth == 10,
           "Romance for 2024: bias -60, daylight -60, back in October; got %ld, %ld, %u", info.Bias, info.DaylightBias,
           info.StandardDate.wMonth);
        ok(!wcscmp(info.StandardName, L"Romance Standard Time"), "its standard name %ls", info.StandardName);
        wcscpy(wanted.TimeZoneKeyName, L"No Such Standard Time");
        SetLastError(0xdeadbeef);
        ok(!GetTimeZoneInformationForYear(2024, &wanted, &info) && GetLastError() == ERROR_FILE_NOT_FOUND,
           "an unknown zone: ERROR_FILE_NOT_FOUND, got %lu", GetLastError());
    }
    return vt_summary();
}
