/* What a process learns about the system without asking: the
 * KUSER_SHARED_DATA page at 0x7ffe0000 (read directly, as the Go runtime
 * and the MSVC CRT do) and RtlGetVersion / RtlGetNtVersionNumbers. */
#include <windows.h>
#include <string.h>

#include "vinetest.h"

typedef LONG (WINAPI *RtlGetVersion_t)(OSVERSIONINFOEXW *);
typedef void (WINAPI *RtlGetNtVersionNumbers_t)(DWORD *, DWORD *, DWORD *);

#define USER_SHARED ((const volatile BYTE *)0x7ffe0000)

/* A KSYSTEM_TIME read the documented way: High1, Low, High2, retry. */
static ULONGLONG read_ksystem_time(ULONG offset)
{
    for (;;) {
        LONG high1 = *(const volatile LONG *)(USER_SHARED + offset + 4);
        ULONG low = *(const volatile ULONG *)(USER_SHARED + offset);
        LONG high2 = *(const volatile LONG *)(USER_SHARED + offset + 8);
        if (high1 == high2) return ((ULONGLONG)(ULONG)high1 << 32) | low;
    }
}

static void test_user_shared_data(void)
{
    ULONGLONG interrupt1, interrupt2, system_time, now;
    FILETIME ft;
    ok(!wcscmp((const WCHAR *)(USER_SHARED + 0x30), L"C:\\windows"), "NtSystemRoot");
    ok_int(*(const volatile ULONG *)(USER_SHARED + 0x26c), 10); /* NtMajorVersion */
    ok_int(*(const volatile ULONG *)(USER_SHARED + 0x270), 0);  /* NtMinorVersion */
    ok_int(*(const volatile USHORT *)(USER_SHARED + 0x2c), 0x8664); /* ImageNumberLow */
    ok_int(*(const volatile USHORT *)(USER_SHARED + 0x26a), PROCESSOR_ARCHITECTURE_AMD64);
    /* The feature bytes agree with IsProcessorFeaturePresent. */
    ok_int(USER_SHARED[0x274 + PF_XMMI64_INSTRUCTIONS_AVAILABLE],
           IsProcessorFeaturePresent(PF_XMMI64_INSTRUCTIONS_AVAILABLE) ? 1 : 0);
    ok_int(USER_SHARED[0x274 + PF_XMMI64_INSTRUCTIONS_AVAILABLE], 1); /* every x64 CPU has SSE2 */

    /* The interrupt time moves forward while we sleep. */
    interrupt1 = read_ksystem_time(0x8);
    Sleep(50);
    interrupt2 = read_ksystem_time(0x8);
    ok(interrupt2 > interrupt1, "InterruptTime advances (%llu -> %llu)", interrupt1, interrupt2);
    /* The system time is the time GetSystemTimeAsFileTime gives, give or
       take the page's update interval. */
    system_time = read_ksystem_time(0x14);
    GetSystemTimeAsFileTime(&ft);
    now = ((ULONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
    ok(system_time <= now + 10000000 && now <= system_time + 10000000,
       "SystemTime within a second of GetSystemTimeAsFileTime");
}

/* 64-bit Windows code reads TickCount (0x320) in one 64-bit load (the
 * TickCountQuad of the DDK's KUSER_SHARED_DATA): Low and High1 are one
 * quadword. GetTickCount64 is it times TickCountMultiplier (0x4, 8.24 fixed
 * point), and GetTickCount its low 32 bits. */
static void test_tick_count(void)
{
    ULONGLONG before, after, tick64, documented;
    ULONG multiplier = *(const volatile ULONG *)(USER_SHARED + 0x4);
    DWORD tick;

    ok(multiplier != 0, "TickCountMultiplier is set");
    before = *(const volatile ULONGLONG *)(USER_SHARED + 0x320);
    tick64 = GetTickCount64();
    tick = GetTickCount();
    documented = read_ksystem_time(0x320);
    after = *(const volatile ULONGLONG *)(USER_SHARED + 0x320);
    ok(before <= documented && documented <= after, "the quadword is the KSYSTEM_TIME (%llu <= %llu <= %llu)",
       before, documented, after);
    before = (ULONGLONG)(((unsigned __int128)before * multiplier) >> 24);
    after = (ULONGLONG)(((unsigned __int128)after * multiplier) >> 24);
    ok(before <= tick64 && tick64 <= after, "GetTickCount64 %llu from TickCount (%llu..%llu)", tick64, before,
       after);
    ok((DWORD)before <= tick && tick <= (DWORD)after, "GetTickCount %lu from TickCount", tick);
}

static void test_versions(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    RtlGetVersion_t get_version = (RtlGetVersion_t)GetProcAddress(ntdll, "RtlGetVersion");
    RtlGetNtVersionNumbers_t numbers = (RtlGetNtVersionNumbers_t)GetProcAddress(ntdll, "RtlGetNtVersionNumbers");
    OSVERSIONINFOEXW info;
    DWORD major = 0, minor = 99, build = 0;

    ok(get_version != NULL && numbers != NULL, "RtlGetVersion and RtlGetNtVersionNumbers exist");
    if (!get_version || !numbers) return;
    memset(&info, 0, sizeof(info));
    info.dwOSVersionInfoSize = sizeof(info);
    ok_int(get_version(&info), 0);
    /* The real version, whatever the program's manifest says. */
    ok_int(info.dwMajorVersion, 10);
    ok_int(info.dwMinorVersion, 0);
    ok_int(info.dwPlatformId, VER_PLATFORM_WIN32_NT);
    ok_int(info.wProductType, VER_NT_WORKSTATION);
    ok_int(info.dwBuildNumber, *(const volatile ULONG *)(USER_SHARED + 0x260));
    /* The plain structure: the EX fields are left alone. */
    memset(&info, 0xcc, sizeof(info));
    info.dwOSVersionInfoSize = sizeof(OSVERSIONINFOW);
    ok_int(get_version(&info), 0);
    ok_int(info.dwMajorVersion, 10);
    ok_int(info.wServicePackMajor, 0xcccc);

    numbers(&major, &minor, &build);
    ok_int(major, 10);
    ok_int(minor, 0);
    ok_int(build >> 28, 0xf); /* a free build */
    ok_int(build & 0xffff, info.dwBuildNumber);
}

int main(void)
{
    test_user_shared_data();
    test_tick_count();
    test_versions();
    return vt_summary();
}
