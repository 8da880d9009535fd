/* CompareFileTime and the MS-DOS date and time conversions
 * (FileTimeToDosDateTime, DosDateTimeToFileTime): the packed fields, their
 * two-second resolution, the 1980..2107 range, and invalid fields. */
#include <windows.h>
#include "vinetest.h"

static FILETIME filetime_of(WORD year, WORD month, WORD day, WORD hour, WORD minute, WORD second, WORD ms)
{
    SYSTEMTIME st = {year, month, 0, day, hour, minute, second, ms};
    FILETIME ft = {0, 0};
    SystemTimeToFileTime(&st, &ft);
    return ft;
}

static FILETIME filetime_value(ULONGLONG value)
{
    FILETIME ft = {(DWORD)value, (DWORD)(value >> 32)};
    return ft;
}

static void test_compare(void)
{
    FILETIME a = filetime_value(100), b = filetime_value(200), high = filetime_value(0x8000000000000000ull),
             low_differs = filetime_value(0x100000001ull), high_differs = filetime_value(0x200000000ull);
    ok_int(CompareFileTime(&a, &b), -1);
    ok_int(CompareFileTime(&b, &a), 1);
    ok_int(CompareFileTime(&a, &a), 0);
    ok_int(CompareFileTime(&high, &a), 1); /* unsigned: the top bit is a large time */
    ok_int(CompareFileTime(&low_differs, &high_differs), -1);
}

static void test_to_dos(void)
{
    WORD date = 0, time = 0;
    FILETIME ft = filetime_of(2021, 7, 26, 12, 34, 56, 789);
    ok(FileTimeToDosDateTime(&ft, &date, &time), "2021-07-26 12:34:56.789");
    ok_int(date, (41 << 9) | (7 << 5) | 26);
    ok_int(time, (12 << 11) | (34 << 5) | 28);

    ft = filetime_of(2021, 7, 26, 12, 34, 57, 999);
    ok(FileTimeToDosDateTime(&ft, &date, &time), "an odd second");
    ok_int(time & 0x1f, 28); /* rounded down to the even second */

    ft = filetime_of(1980, 1, 1, 0, 0, 0, 0);
    ok(FileTimeToDosDateTime(&ft, &date, &time), "1980-01-01, the first DOS date");
    ok_int(date, (1 << 5) | 1);
    ok_int(time, 0);
    ft = filetime_of(2107, 12, 31, 23, 59, 59, 0);
    ok(FileTimeToDosDateTime(&ft, &date, &time), "2107-12-31 23:59:59, the last");
    ok_int(date, (127 << 9) | (12 << 5) | 31);
    ok_int(time, (23 << 11) | (59 << 5) | 29);

    ft = filetime_of(1979, 12, 31, 23, 59, 59, 0);
    ok(!FileTimeToDosDateTime(&ft, &date, &time), "1979 is before DOS dates");
    ft = filetime_of(2108, 1, 1, 0, 0, 0, 0);
    ok(!FileTimeToDosDateTime(&ft, &date, &time), "2108 is after them");
}

static void test_from_dos(void)
{
    FILETIME ft = {0, 0}, expected = filetime_of(2021, 7, 26, 12, 34, 56, 0);
    SYSTEMTIME st;
    ok(DosDateTimeToFileTime((41 << 9) | (7 << 5) | 26, (12 << 11) | (34 << 5) | 28, &ft), "2021-07-26 12:34:56");
    ok(CompareFileTime(&ft, &expected) == 0, "the same FILETIME as SystemTimeToFileTime's");
    ok(FileTimeToSystemTime(&ft, &st) && st.wSecond == 56 && st.wMilliseconds == 0, "seconds kept, no ms");

    ok(DosDateTimeToFileTime((127 << 9) | (12 << 5) | 31, (23 << 11) | (59 << 5) | 29, &ft), "2107-12-31 23:59:58");
    expected = filetime_of(2107, 12, 31, 23, 59, 58, 0);
    ok(CompareFileTime(&ft, &expected) == 0, "the last DOS time");

    ok(!DosDateTimeToFileTime((41 << 9) | (0 << 5) | 26, 0, &ft), "month 0 is no date");
    ok(!DosDateTimeToFileTime((41 << 9) | (2 << 5) | 30, 0, &ft), "February 30th is no date");
    ok(!DosDateTimeToFileTime((41 << 9) | (1 << 5) | 0, 0, &ft), "day 0 is no date");
    ok(!DosDateTimeToFileTime((41 << 9) | (1 << 5) | 1, (24 << 11), &ft), "hour 24 is no time");
    ok(!DosDateTimeToFileTime((41 << 9) | (1 << 5) | 1, 0x1f, &ft), "62 seconds is no time");
}

int main(void)
{
    test_compare();
    test_to_dos();
    test_from_dos();
    return vt_summary();
}
