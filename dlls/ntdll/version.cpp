// RtlGetVersion and RtlGetNtVersionNumbers: the real version of the system
// (the PEB's), unlike GetVersionEx, which tells programs without a
// compatibility manifest that they run on Windows 8.
#include "ntdll_private.h"
#include "vine/ntstatus.h"
#include "vine/os_version.h"
#include "vine/teb.h"
#include "vine/version_check.h"

namespace {

constexpr DWORD VER_PLATFORM_WIN32_NT = 2;

PEB* peb() { return current_teb()->ProcessEnvironmentBlock; }

}  // namespace

// Windows documents STATUS_SUCCESS as the only result; the size field only
// says whether the EX part is there to fill.
VINE_EXPORT NTSTATUS RtlGetVersion(OSVERSIONINFOEXW* info) {
    if (!info) return STATUS_INVALID_PARAMETER;
    info->dwMajorVersion = peb()->OSMajorVersion;
    info->dwMinorVersion = peb()->OSMinorVersion;
    info->dwBuildNumber = peb()->OSBuildNumber;
    info->dwPlatformId = VER_PLATFORM_WIN32_NT;
    info->szCSDVersion[0] = 0;
    if (info->dwOSVersionInfoSize == kOsVersionInfoExWSize) {
        info->wServicePackMajor = info->wServicePackMinor = 0;
        info->wSuiteMask = 0x100;  // VER_SUITE_SINGLEUSERTS
        info->wProductType = 1;    // VER_NT_WORKSTATION
        info->wReserved = 0;
    }
    return STATUS_SUCCESS;
}

// The build number comes with 0xF0000000 set: a "free" (retail) build.
VINE_EXPORT void RtlGetNtVersionNumbers(DWORD* major, DWORD* minor, DWORD* build) {
    if (major) *major = peb()->OSMajorVersion;
    if (minor) *minor = peb()->OSMinorVersion;
    if (build) *build = 0xf0000000u | peb()->OSBuildNumber;
}

// Against the real version; kernel32's VerifyVersionInfo uses the one
// GetVersionEx tells the program.
VINE_EXPORT NTSTATUS RtlVerifyVersionInfo(const OSVERSIONINFOEXW* info, DWORD type, ULONGLONG mask) {
    if (!info) return STATUS_INVALID_PARAMETER;
    OSVERSIONINFOEXW actual{};
    actual.dwOSVersionInfoSize = sizeof(actual);
    RtlGetVersion(&actual);
    return vine::version::verify(actual, *info, type, mask);
}

VINE_EXPORT ULONGLONG VerSetConditionMask(ULONGLONG mask, DWORD type, BYTE condition) {
    return vine::version::set_condition_mask(mask, type, condition);
}
