// OSVERSIONINFO(EX) in both character widths: what GetVersionEx (kernel32)
// and RtlGetVersion (ntdll) fill.
#pragma once

#include <cstddef>

#include "vine/wintypes.h"

template <typename Char>
struct OSVERSIONINFOEX_T {
    DWORD dwOSVersionInfoSize, dwMajorVersion, dwMinorVersion, dwBuildNumber, dwPlatformId;
    Char szCSDVersion[128];
    WORD wServicePackMajor, wServicePackMinor, wSuiteMask;
    BYTE wProductType, wReserved;
};
using OSVERSIONINFOEXW = OSVERSIONINFOEX_T<WCHAR>;
using OSVERSIONINFOEXA = OSVERSIONINFOEX_T<CHAR>;

// The sizes programs put in dwOSVersionInfoSize: the plain struct ends at
// szCSDVersion.
constexpr DWORD kOsVersionInfoWSize = offsetof(OSVERSIONINFOEXW, wServicePackMajor);
constexpr DWORD kOsVersionInfoExWSize = sizeof(OSVERSIONINFOEXW);
constexpr DWORD kOsVersionInfoASize = offsetof(OSVERSIONINFOEXA, wServicePackMajor);
constexpr DWORD kOsVersionInfoExASize = sizeof(OSVERSIONINFOEXA);
static_assert(kOsVersionInfoWSize == 276 && kOsVersionInfoExWSize == 284);
static_assert(kOsVersionInfoASize == 148 && kOsVersionInfoExASize == 156);
