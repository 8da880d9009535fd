// Clocks: system time as FILETIME (100 ns since 1601), tick counts, the
// performance counter, Sleep.
#include <sched.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>

#include "kernel32_private.h"
#include "vine/vdso_clock.h"

using namespace kernel32;

namespace {

constexpr uint64_t kTicksPerSecond = 10000000;
constexpr uint64_t kEpochDifference = 11644473600ull;  // 1601-01-01 to 1970-01-01, in seconds

FILETIME to_filetime(uint64_t value) {
    return FILETIME{static_cast<DWORD>(value), static_cast<DWORD>(value >> 32)};
}

uint64_t from_filetime(const FILETIME* time) {
    return (static_cast<uint64_t>(time->dwHighDateTime) << 32) | time->dwLowDateTime;
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

}  // namespace

// Hot exports (docs/architecture.md, "Hot paths"): the coarse clocks read
// KUSER_SHARED_DATA, as on Windows; the precise one the vDSO.
VINE_EXPORT void GetSystemTimeAsFileTime(FILETIME* time) { *time = to_filetime(vine::hot::system_time()); }
VINE_EXPORT void GetSystemTimePreciseAsFileTime(FILETIME* time) {
    *time = to_filetime(vine::hot::clock_100ns(CLOCK_REALTIME) + kEpochDifference * kTicksPerSecond);
}

VINE_EXPORT BOOL FileTimeToSystemTime(const FILETIME* time, SYSTEMTIME* out) {
    uint64_t value = from_filetime(time);
    if (value >= 0x8000000000000000ull) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    uint64_t seconds = value / kTicksPerSecond;
    out->wMilliseconds = static_cast<WORD>((value % kTicksPerSecond) / 10000);
    uint64_t days = seconds / 86400, rest = seconds % 86400;
    out->wHour = static_cast<WORD>(rest / 3600);
    out->wMinute = static_cast<WORD>(rest % 3600 / 60);
    out->wSecond = static_cast<WORD>(rest % 60);
    out->wDayOfWeek = static_cast<WORD>((days + 1) % 7);  // 1601-01-01 was a Monday
    int year = 1601;
    while (days >= static_cast<uint64_t>(is_leap(year) ? 366 : 365)) days -= is_leap(year++) ? 366 : 365;
    int month = 1;
    while (days >= static_cast<uint64_t>(days_in_month(year, month))) days -= days_in_month(year, month++);
    out->wYear = static_cast<WORD>(year);
    out->wMonth = static_cast<WORD>(month);
    out->wDay = static_cast<WORD>(days + 1);
    return TRUE;
}

VINE_EXPORT BOOL SystemTimeToFileTime(const SYSTEMTIME* in, FILETIME* time) {
    if (in->wYear < 1601 || in->wYear > 30827 || in->wMonth < 1 || in->wMonth > 12 || in->wDay < 1 ||
        in->wDay > days_in_month(in->wYear, in->wMonth) || in->wHour > 23 || in->wMinute > 59 || in->wSecond > 59 ||
        in->wMilliseconds > 999) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    uint64_t days = 0;
    for (int year = 1601; year < in->wYear; ++year) days += is_leap(year) ? 366 : 365;
    for (int month = 1; month < in->wMonth; ++month) days += days_in_month(in->wYear, month);
    days += in->wDay - 1;
    uint64_t seconds = days * 86400 + in->wHour * 3600 + in->wMinute * 60 + in->wSecond;
    *time = to_filetime(seconds * kTicksPerSecond + in->wMilliseconds * 10000ull);
    return TRUE;
}

VINE_EXPORT void GetSystemTime(SYSTEMTIME* out) {
    FILETIME now = to_filetime(vine::hot::system_time());
    FileTimeToSystemTime(&now, out);
}

// GetLocalTime, FileTimeToLocalFileTime and the time zone functions:
// time_zone.cpp.

VINE_EXPORT DWORD GetTickCount() { return vine::hot::tick_count_ms_low(); }
VINE_EXPORT ULONGLONG GetTickCount64() { return vine::hot::tick_count_ms(); }

// QueryPerformanceCounter, QueryPerformanceFrequency and
// QueryUnbiasedInterruptTime forward to ntdll (system_time.cpp).

// Sleep and SleepEx are in wait.cpp (SleepEx can be alertable).

// The times as the unsigned 64-bit counts they are.
VINE_EXPORT LONG CompareFileTime(const FILETIME* first, const FILETIME* second) {
    uint64_t a = from_filetime(first), b = from_filetime(second);
    return a < b ? -1 : a > b ? 1 : 0;
}
