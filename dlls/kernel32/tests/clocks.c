/* The clocks: tick counts, the performance counter and its frequency, the
 * system time in its coarse and precise forms, the unbiased interrupt time,
 * and ntdll's faces of them. Each must advance with real time and agree
 * with the others; bounds are loose on purpose (the coarse clocks tick in
 * milliseconds or more on Windows too). */
#include <windows.h>
#include "vinetest.h"

typedef LONGLONG(WINAPI *RtlGetSystemTimePreciseFn)(void);
typedef LONG(WINAPI *NtQuerySystemTimeFn)(LARGE_INTEGER *);
typedef ULONG(WINAPI *NtGetTickCountFn)(void);
typedef LONG(WINAPI *NtQueryPerformanceCounterFn)(LARGE_INTEGER *, LARGE_INTEGER *);

static ULONGLONG filetime_value(FILETIME ft) { return ((ULONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime; }

static LONGLONG llabs_ll(LONGLONG v) { return v < 0 ? -v : v; }

static void test_performance_counter(void)
{
    LARGE_INTEGER frequency, first, second, nt_counter, nt_frequency;
    NtQueryPerformanceCounterFn nt_qpc =
        (NtQueryPerformanceCounterFn)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtQueryPerformanceCounter");
    LONGLONG elapsed_ms;

    ok(QueryPerformanceFrequency(&frequency), "QueryPerformanceFrequency");
    ok(frequency.QuadPart > 0, "a positive frequency (%lld)", frequency.QuadPart);
    ok(QueryPerformanceCounter(&first), "QueryPerformanceCounter");
    Sleep(50);
    ok(QueryPerformanceCounter(&second), "QueryPerformanceCounter again");
    elapsed_ms = (second.QuadPart - first.QuadPart) * 1000 / frequency.QuadPart;
    ok(elapsed_ms >= 40 && elapsed_ms < 5000, "the counter measured the sleep (%lld ms)", elapsed_ms);

    ok(nt_qpc != NULL, "ntdll exports NtQueryPerformanceCounter");
    if (nt_qpc) {
        ok_int(nt_qpc(&nt_counter, &nt_frequency), 0);
        ok(nt_frequency.QuadPart == frequency.QuadPart, "the same frequency from ntdll");
        ok(nt_counter.QuadPart >= second.QuadPart, "the same counter from ntdll, later");
    }
}

static void test_tick_counts(void)
{
    DWORD tick = GetTickCount();
    ULONGLONG tick64 = GetTickCount64(), later;
    NtGetTickCountFn nt_tick = (NtGetTickCountFn)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtGetTickCount");

    ok((DWORD)tick64 - tick < 100, "GetTickCount is the low half of GetTickCount64 (%lu, %llu)",
       (unsigned long)tick, tick64);
    Sleep(100);
    later = GetTickCount64();
    ok(later - tick64 >= 80 && later - tick64 < 5000, "the tick count advanced with the sleep (%llu ms)",
       later - tick64);
    ok(nt_tick != NULL, "ntdll exports NtGetTickCount");
    if (nt_tick) ok(nt_tick() - (DWORD)later < 1000, "NtGetTickCount agrees with GetTickCount64");
}

static void test_system_time(void)
{
    FILETIME coarse, precise, after;
    SYSTEMTIME st;
    RtlGetSystemTimePreciseFn rtl_precise =
        (RtlGetSystemTimePreciseFn)GetProcAddress(GetModuleHandleA("ntdll.dll"), "RtlGetSystemTimePrecise");
    NtQuerySystemTimeFn nt_time = (NtQuerySystemTimeFn)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtQuerySystemTime");
    LARGE_INTEGER nt_now;

    GetSystemTimePreciseAsFileTime(&precise);
    GetSystemTimeAsFileTime(&coarse);
    /* Coarse and precise agree within a second (Windows' coarse clock ticks
     * every 15.6 ms at worst). */
    ok(llabs_ll((LONGLONG)(filetime_value(coarse) - filetime_value(precise))) < 10000000,
       "the coarse and precise system times agree");
    FileTimeToSystemTime(&precise, &st);
    ok(st.wYear >= 2020, "the system time is a real date (%u)", st.wYear);
    Sleep(30);
    GetSystemTimePreciseAsFileTime(&after);
    ok(filetime_value(after) - filetime_value(precise) >= 200000, "the precise time advanced with the sleep");

    ok(rtl_precise != NULL && nt_time != NULL, "ntdll exports RtlGetSystemTimePrecise and NtQuerySystemTime");
    if (rtl_precise) ok((ULONGLONG)rtl_precise() >= filetime_value(after), "RtlGetSystemTimePrecise is current");
    if (nt_time) {
        ok_int(nt_time(&nt_now), 0);
        ok(llabs_ll(nt_now.QuadPart - (LONGLONG)filetime_value(after)) < 10000000, "NtQuerySystemTime agrees");
    }
}

static void test_unbiased_interrupt_time(void)
{
    ULONGLONG first = 0, second = 0;

    ok(QueryUnbiasedInterruptTime(&first), "QueryUnbiasedInterruptTime");
    ok(first > 0, "some time passed since boot");
    Sleep(50);
    ok(QueryUnbiasedInterruptTime(&second), "QueryUnbiasedInterruptTime again");
    /* 100 ns units. */
    ok(second - first >= 300000 && second - first < 50000000, "it advanced with the sleep (%llu)", second - first);
}

int main(void)
{
    test_performance_counter();
    test_tick_counts();
    test_system_time();
    test_unbiased_interrupt_time();
    return vt_summary();
}
