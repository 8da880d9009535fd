/* What a program is told of the Windows version: GetVersionEx and
 * GetVersion are capped at Windows 8 (6.2.9200) for programs whose manifest
 * does not declare Windows 8.1 or 10 support (version.c built as is), the
 * real version otherwise (built with version_win10.manifest, -DWITH_MANIFEST);
 * RtlGetVersion always tells the truth; VerifyVersionInfo compares with what
 * GetVersionEx tells, RtlVerifyVersionInfo with the truth. */
#include <windows.h>
#include <string.h>

#include "vinetest.h"

typedef NTSTATUS(WINAPI *rtl_get_version_fn)(OSVERSIONINFOEXW *);
typedef NTSTATUS(WINAPI *rtl_verify_fn)(OSVERSIONINFOEXW *, DWORD, ULONGLONG);

/* The build the registry names, which RtlGetVersion reports too. */
static DWORD registry_build(void) {
    WCHAR text[32];
    DWORD size = sizeof(text);
    if (RegGetValueW(HKEY_LOCAL_MACHINE, L"Software\\Microsoft\\Windows NT\\CurrentVersion", L"CurrentBuildNumber",
                     RRF_RT_REG_SZ, NULL, text, &size))
        return 0;
    return (DWORD)_wtoi(text);
}

int main(void) {
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    rtl_get_version_fn rtl_get_version = (rtl_get_version_fn)(void *)GetProcAddress(ntdll, "RtlGetVersion");
    rtl_verify_fn rtl_verify = (rtl_verify_fn)(void *)GetProcAddress(ntdll, "RtlVerifyVersionInfo");
    OSVERSIONINFOEXW real;
    memset(&real, 0, sizeof(real));
    real.dwOSVersionInfoSize = sizeof(real);
    ok(rtl_get_version && rtl_get_version(&real) == 0, "RtlGetVersion");
    ok_int(real.dwMajorVersion, 10);
    ok_int(real.dwMinorVersion, 0);
    ok_int(real.dwBuildNumber, registry_build());
    ok_int(real.dwPlatformId, VER_PLATFORM_WIN32_NT);

    OSVERSIONINFOEXA told;
    memset(&told, 0, sizeof(told));
    told.dwOSVersionInfoSize = sizeof(told);
    ok(GetVersionExA((OSVERSIONINFOA *)&told), "GetVersionExA");
#ifdef WITH_MANIFEST
    DWORD major = real.dwMajorVersion, minor = real.dwMinorVersion, build = real.dwBuildNumber;
#else
    DWORD major = 6, minor = 2, build = 9200;
#endif
    ok_int(told.dwMajorVersion, major);
    ok_int(told.dwMinorVersion, minor);
    ok_int(told.dwBuildNumber, build);
    ok_int(told.wProductType, VER_NT_WORKSTATION);
    ok_int(GetVersion(), (build << 16) | (minor << 8) | major);

    OSVERSIONINFOW plain;
    memset(&plain, 0, sizeof(plain));
    plain.dwOSVersionInfoSize = sizeof(plain);
    ok(GetVersionExW(&plain), "GetVersionExW with an OSVERSIONINFOW");
    ok_int(plain.dwMajorVersion, major);
    plain.dwOSVersionInfoSize = 12;
    SetLastError(0xdeadbeef);
    ok(!GetVersionExW(&plain), "GetVersionExW with a wrong size fails");
    ok_int(GetLastError(), ERROR_INSUFFICIENT_BUFFER);

    /* VerSetConditionMask: 3 bits per type, in the field of the type. */
    ok(VerSetConditionMask(0, VER_MINORVERSION, VER_EQUAL) == 1, "minor: field 0");
    ok(VerSetConditionMask(0, VER_MAJORVERSION, VER_GREATER_EQUAL) == (3ull << 3), "major: field 1");
    ok(VerSetConditionMask(0, VER_SERVICEPACKMAJOR, VER_LESS) == (4ull << 15), "service pack major: field 5");
    ok(VerSetConditionMask(0, VER_PRODUCT_TYPE, VER_EQUAL) == (1ull << 21), "product type: field 7");
    ULONGLONG mask = VerSetConditionMask(VerSetConditionMask(0, VER_MAJORVERSION, VER_GREATER_EQUAL),
                                         VER_MINORVERSION, VER_GREATER_EQUAL);

    OSVERSIONINFOEXA want;
    memset(&want, 0, sizeof(want));
    want.dwOSVersionInfoSize = sizeof(want);
    want.dwMajorVersion = 6;
    want.dwMinorVersion = 1;
    ok(VerifyVersionInfoA(&want, VER_MAJORVERSION | VER_MINORVERSION, mask), "at least Windows 7");
    want.dwMajorVersion = 6;
    want.dwMinorVersion = 3;
    SetLastError(0xdeadbeef);
    BOOL at_least_81 = VerifyVersionInfoA(&want, VER_MAJORVERSION | VER_MINORVERSION, mask);
#ifdef WITH_MANIFEST
    ok(at_least_81, "at least Windows 8.1, with the manifest");
#else
    ok(!at_least_81, "not Windows 8.1 without the manifest");
    ok_int(GetLastError(), ERROR_OLD_WIN_VERSION);
#endif
    /* A higher major version passes whatever the minor asks. */
    want.dwMajorVersion = 5;
    want.dwMinorVersion = 9;
    ok(VerifyVersionInfoA(&want, VER_MAJORVERSION | VER_MINORVERSION, mask), "5.9 <= the version");
    want.dwMajorVersion = major;
    want.dwMinorVersion = minor;
    ok(VerifyVersionInfoA(&want, VER_MAJORVERSION | VER_MINORVERSION,
                          VerSetConditionMask(VerSetConditionMask(0, VER_MAJORVERSION, VER_EQUAL), VER_MINORVERSION,
                                              VER_EQUAL)),
       "exactly the version told");
    want.wProductType = VER_NT_WORKSTATION;
    ok(VerifyVersionInfoA(&want, VER_PRODUCT_TYPE, VerSetConditionMask(0, VER_PRODUCT_TYPE, VER_EQUAL)),
       "a workstation");
    SetLastError(0xdeadbeef);
    ok(!VerifyVersionInfoA(&want, 0, mask), "no type bits");
    ok_int(GetLastError(), ERROR_BAD_ARGUMENTS);
    SetLastError(0xdeadbeef);
    ok(!VerifyVersionInfoA(&want, VER_MAJORVERSION, 0), "no conditions");
    ok_int(GetLastError(), ERROR_BAD_ARGUMENTS);

    /* ntdll's check uses the real version. */
    OSVERSIONINFOEXW want_w;
    memset(&want_w, 0, sizeof(want_w));
    want_w.dwOSVersionInfoSize = sizeof(want_w);
    want_w.dwMajorVersion = 10;
    ok(rtl_verify && rtl_verify(&want_w, VER_MAJORVERSION, VerSetConditionMask(0, VER_MAJORVERSION, VER_GREATER_EQUAL)) == 0,
       "RtlVerifyVersionInfo: at least Windows 10");
    want_w.dwMajorVersion = 11;
    ok(rtl_verify && rtl_verify(&want_w, VER_MAJORVERSION, VerSetConditionMask(0, VER_MAJORVERSION, VER_GREATER_EQUAL)) ==
                         (NTSTATUS)0xc0000059,
       "RtlVerifyVersionInfo: not Windows 11's major version (STATUS_REVISION_MISMATCH)");
    return vt_summary();
}
