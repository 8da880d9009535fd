/* Setting the time zone: SetTimeZoneInformation and
 * SetDynamicTimeZoneInformation need SeTimeZonePrivilege enabled (disabled
 * by default), write HKLM\System\CurrentControlSet\Control\TimeZoneInformation
 * and change GetTimeZoneInformation in this process and in processes started
 * after; GetTimeZoneInformationForYear takes a zone's rule for a year from
 * its "Dynamic DST" key. The test puts the original zone back at the end.
 * (CTest runs it in a prefix of its own: it changes the prefix's zone.)
 * Wine 8 has no SetDynamicTimeZoneInformation, so it cannot cross-check. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

#define ZONES L"Software\\Microsoft\\Windows NT\\CurrentVersion\\Time Zones"
#define TEST_ZONE L"Vine Test Dynamic Zone"

typedef struct {
    LONG Bias, StandardBias, DaylightBias;
    SYSTEMTIME StandardDate, DaylightDate;
} REG_TZI;

static BOOL set_privilege(BOOL enable)
{
    HANDLE token;
    TOKEN_PRIVILEGES tp;
    BOOL done;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY, &token)) return FALSE;
    tp.PrivilegeCount = 1;
    tp.Privileges[0].Attributes = enable ? SE_PRIVILEGE_ENABLED : 0;
    done = LookupPrivilegeValueW(NULL, L"SeTimeZonePrivilege", &tp.Privileges[0].Luid) &&
           AdjustTokenPrivileges(token, FALSE, &tp, sizeof(tp), NULL, NULL) && GetLastError() == ERROR_SUCCESS;
    CloseHandle(token);
    return done;
}

static DYNAMIC_TIME_ZONE_INFORMATION nepal(void)
{
    DYNAMIC_TIME_ZONE_INFORMATION z;
    memset(&z, 0, sizeof(z));
    z.Bias = -345;
    wcscpy(z.StandardName, L"Nepal Standard Time");
    wcscpy(z.DaylightName, L"Nepal Daylight Time");
    wcscpy(z.TimeZoneKeyName, L"Nepal Standard Time");
    return z;
}

/* The child: started after the change, it sees the new zone. */
static int child(void)
{
    DYNAMIC_TIME_ZONE_INFORMATION z;
    DWORD id = GetDynamicTimeZoneInformation(&z);
    return id == TIME_ZONE_ID_UNKNOWN && z.Bias == -345 && !wcscmp(z.StandardName, L"Nepal Standard Time") &&
                   !wcscmp(z.TimeZoneKeyName, L"Nepal Standard Time")
               ? 0
               : 1;
}

static DWORD run_child(const char *self)
{
    char cmd[MAX_PATH + 16];
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    DWORD code = 99;
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    snprintf(cmd, sizeof(cmd), "\"%s\" child", self);
    if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) return 98;
    WaitForSingleObject(pi.hProcess, 30000);
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    return code;
}

static void test_privilege(void)
{
    DYNAMIC_TIME_ZONE_INFORMATION z = nepal();
    TIME_ZONE_INFORMATION tz;
    BOOL r;
    DWORD error;
    ok(set_privilege(FALSE), "SeTimeZonePrivilege disabled");
    SetLastError(0xdeadbeef);
    r = SetDynamicTimeZoneInformation(&z);
    error = GetLastError();
    ok(!r && error == ERROR_PRIVILEGE_NOT_HELD, "SetDynamicTimeZoneInformation without the privilege: %d %lu", r,
       error);
    memcpy(&tz, &z, sizeof(tz));
    SetLastError(0xdeadbeef);
    r = SetTimeZoneInformation(&tz);
    error = GetLastError();
    ok(!r && error == ERROR_PRIVILEGE_NOT_HELD, "SetTimeZoneInformation without the privilege: %d %lu", r, error);
}

static void test_set(const char *self)
{
    DYNAMIC_TIME_ZONE_INFORMATION z = nepal(), got;
    TIME_ZONE_INFORMATION tz;
    DWORD bias = 0, size = sizeof(bias), id;
    WCHAR key_name[128];
    LONG status;
    BOOL r = SetDynamicTimeZoneInformation(&z);
    ok(r, "SetDynamicTimeZoneInformation");
    id = GetTimeZoneInformation(&tz);
    ok(id == TIME_ZONE_ID_UNKNOWN && tz.Bias == -345 && !wcscmp(tz.StandardName, L"Nepal Standard Time"),
       "GetTimeZoneInformation after it: %lu, bias %ld, %ls", id, tz.Bias, tz.StandardName);
    id = GetDynamicTimeZoneInformation(&got);
    ok(!wcscmp(got.TimeZoneKeyName, L"Nepal Standard Time"), "GetDynamicTimeZoneInformation's key name: %ls",
       got.TimeZoneKeyName);
    status = RegGetValueW(HKEY_LOCAL_MACHINE, L"System\\CurrentControlSet\\Control\\TimeZoneInformation", L"Bias",
                          RRF_RT_REG_DWORD, NULL, &bias, &size);
    ok(status == ERROR_SUCCESS && (LONG)bias == -345, "the registry's Bias: %ld %ld", status, (LONG)bias);
    size = sizeof(key_name);
    status = RegGetValueW(HKEY_LOCAL_MACHINE, L"System\\CurrentControlSet\\Control\\TimeZoneInformation",
                          L"TimeZoneKeyName", RRF_RT_REG_SZ, NULL, key_name, &size);
    ok(status == ERROR_SUCCESS && !wcscmp(key_name, L"Nepal Standard Time"), "the registry's TimeZoneKeyName: %ld",
       status);
    ok(run_child(self) == 0, "a process started after the change has the new zone");
    /* SetTimeZoneInformation: the same, from the static part. */
    memcpy(&tz, &z, sizeof(tz));
    tz.Bias = -330;
    r = SetTimeZoneInformation(&tz);
    ok(r, "SetTimeZoneInformation");
    GetTimeZoneInformation(&tz);
    ok(tz.Bias == -330, "GetTimeZoneInformation after SetTimeZoneInformation: %ld", tz.Bias);
}

static void set_tzi(HKEY key, const WCHAR *name, LONG bias)
{
    REG_TZI tzi;
    memset(&tzi, 0, sizeof(tzi));
    tzi.Bias = bias;
    RegSetValueExW(key, name, 0, REG_BINARY, (const BYTE *)&tzi, sizeof(tzi));
}

static void check_year(DYNAMIC_TIME_ZONE_INFORMATION *zone, USHORT year, LONG bias, const char *what)
{
    TIME_ZONE_INFORMATION got;
    BOOL r;
    memset(&got, 0, sizeof(got));
    r = GetTimeZoneInformationForYear(year, zone, &got);
    ok(r && got.Bias == bias, "%s: %d, bias %ld (expected %ld)", what, r, got.Bias, bias);
}

static void test_dynamic_dst(void)
{
    HKEY zone, dynamic;
    DWORD first = 2000, last = 2010;
    DYNAMIC_TIME_ZONE_INFORMATION wanted;
    TIME_ZONE_INFORMATION year;
    LONG status = RegCreateKeyExW(HKEY_LOCAL_MACHINE, ZONES L"\\" TEST_ZONE, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &zone,
                                  NULL);
    if (!ok(status == ERROR_SUCCESS, "a test zone under Time Zones: %ld", status)) return;
    set_tzi(zone, L"TZI", -60);
    RegSetValueExW(zone, L"Std", 0, REG_SZ, (const BYTE *)L"Test Standard", sizeof(L"Test Standard"));
    RegSetValueExW(zone, L"Dlt", 0, REG_SZ, (const BYTE *)L"Test Daylight", sizeof(L"Test Daylight"));
    status = RegCreateKeyExW(zone, L"Dynamic DST", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &dynamic, NULL);
    ok(status == ERROR_SUCCESS, "its Dynamic DST key: %ld", status);
    RegSetValueExW(dynamic, L"FirstEntry", 0, REG_DWORD, (const BYTE *)&first, sizeof(first));
    RegSetValueExW(dynamic, L"LastEntry", 0, REG_DWORD, (const BYTE *)&last, sizeof(last));
    set_tzi(dynamic, L"2000", 60);
    set_tzi(dynamic, L"2005", 90);
    set_tzi(dynamic, L"2010", 120);
    RegCloseKey(dynamic);
    RegCloseKey(zone);

    memset(&wanted, 0, sizeof(wanted));
    wcscpy(wanted.TimeZoneKeyName, TEST_ZONE);
    check_year(&wanted, 2005, 90, "2005's entry");
    check_year(&wanted, 2000, 60, "2000's entry");
    check_year(&wanted, 1990, 60, "a year before FirstEntry: FirstEntry's");
    check_year(&wanted, 2030, 120, "a year after LastEntry: LastEntry's");
    GetTimeZoneInformationForYear(2005, &wanted, &year);
    ok(!wcscmp(year.StandardName, L"Test Standard"), "the zone's names: %ls", year.StandardName);
    RegDeleteTreeW(HKEY_LOCAL_MACHINE, ZONES L"\\" TEST_ZONE);
    RegDeleteKeyW(HKEY_LOCAL_MACHINE, ZONES L"\\" TEST_ZONE);
}

int main(int argc, char **argv)
{
    DYNAMIC_TIME_ZONE_INFORMATION original;
    if (argc > 1 && !strcmp(argv[1], "child")) return child();
    GetDynamicTimeZoneInformation(&original);
    test_privilege();
    if (ok(set_privilege(TRUE), "SeTimeZonePrivilege enabled")) {
        test_set(argv[0]);
        ok(SetDynamicTimeZoneInformation(&original), "the original zone put back");
        set_privilege(FALSE);
    }
    test_dynamic_dst();
    return vt_summary();
}
