// FileTimeToDosDateTime / DosDateTimeToFileTime: the MS-DOS date and time
// of FAT directory entries and ZIP headers. The date packs day (bits 0-4),
// month (5-8) and years since 1980 (9-15); the time seconds / 2 (0-4),
// minutes (5-10) and hours (11-15). No time zone is applied either way:
// both sides are whatever time the caller keeps (local, usually).
#include "kernel32_private.h"

using namespace kernel32;

VINE_EXPORT BOOL FileTimeToDosDateTime(const FILETIME* time, WORD* dos_date, WORD* dos_time) {
    SYSTEMTIME fields;
    if (!FileTimeToSystemTime(time, &fields)) return FALSE;
    // 1980-01-01 to 2107-12-31, the years seven bits hold.
    if (fields.wYear < 1980 || fields.wYear > 2107) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *dos_date = static_cast<WORD>(((fields.wYear - 1980) << 9) | (fields.wMonth << 5) | fields.wDay);
    *dos_time = static_cast<WORD>((fields.wHour << 11) | (fields.wMinute << 5) | (fields.wSecond / 2));
    return TRUE;
}

VINE_EXPORT BOOL DosDateTimeToFileTime(WORD dos_date, WORD dos_time, FILETIME* time) {
    SYSTEMTIME fields{};
    fields.wYear = static_cast<WORD>(1980 + (dos_date >> 9));
    fields.wMonth = static_cast<WORD>((dos_date >> 5) & 0xf);
    fields.wDay = static_cast<WORD>(dos_date & 0x1f);
    fields.wHour = static_cast<WORD>(dos_time >> 11);
    fields.wMinute = static_cast<WORD>((dos_time >> 5) & 0x3f);
    fields.wSecond = static_cast<WORD>((dos_time & 0x1f) * 2);
    // An impossible date or time (month 0, hour 25, 62 seconds) fails.
    return SystemTimeToFileTime(&fields, time);
}
