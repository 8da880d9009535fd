// The current process: identity, start-up information, versions, exit.
#include <unistd.h>

#include <cstring>

#include "kernel32_private.h"
#include "vine/hot_path.h"
#include "vine/loader.h"
#include "vine/ntstatus.h"
#include "vine/os_version.h"
#include "vine/version_check.h"

using namespace kernel32;

namespace {

PEB* peb() { return current_teb()->ProcessEnvironmentBlock; }

}  // namespace

VINE_EXPORT HANDLE GetCurrentProcess() { return reinterpret_cast<HANDLE>(-1); }
VINE_EXPORT HANDLE GetCurrentThread() { return reinterpret_cast<HANDLE>(-2); }
// The ids straight from gs: (one load, "Hot paths" in docs/architecture.md).
VINE_EXPORT DWORD GetCurrentProcessId() { return vine::hot::process_id(); }
VINE_EXPORT DWORD GetCurrentThreadId() { return vine::hot::thread_id(); }

VINE_EXPORT void ExitProcess(UINT code) { vine::loader::exit_process(code); }

// TerminateProcess, GetExitCodeProcess and friends: process_control.cpp.

VINE_EXPORT void GetStartupInfoW(STARTUPINFOW* info) {
    auto* params = peb()->ProcessParameters;
    memset(info, 0, sizeof(*info));
    info->cb = sizeof(*info);
    info->lpDesktop = params->DesktopInfo.Buffer;
    info->lpTitle = params->WindowTitle.Buffer;
    info->dwFlags = params->WindowFlags;
    info->wShowWindow = static_cast<WORD>(params->ShowWindowFlags);
    if (info->dwFlags & STARTF_USESTDHANDLES) {
        info->hStdInput = params->StandardInput;
        info->hStdOutput = params->StandardOutput;
        info->hStdError = params->StandardError;
    }
}

// STARTUPINFOA has the same layout, with ANSI strings.
VINE_EXPORT void GetStartupInfoA(STARTUPINFOW* info) {
    static char empty[1] = "";
    GetStartupInfoW(info);
    info->lpDesktop = reinterpret_cast<LPWSTR>(empty);
    info->lpTitle = reinterpret_cast<LPWSTR>(empty);
}

namespace {

struct ReportedVersion {
    DWORD major, minor, build;
};

// What GetVersionEx tells a program: the real version (the PEB's) when its
// manifest declares Windows 10 support, 8.1 when it declares 8.1, and
// Windows 8 (6.2.9200) otherwise, as Windows does since 8.1.
ReportedVersion reported_version() {
    uint32_t supported = vine::loader::exe_supported_os();
    if (supported >= vine::loader::kWindows10) {
        PEB* p = peb();
        return {p->OSMajorVersion, p->OSMinorVersion, p->OSBuildNumber};
    }
    if (supported == vine::loader::kWindows81) return {6, 3, 9600};
    return {6, 2, 9200};
}

// Fills OSVERSIONINFO(EX)A/W, whose layouts differ only in the string type.
template <typename Info>
BOOL fill_version(Info* info, DWORD size, DWORD size_ex) {
    if (info->dwOSVersionInfoSize != size && info->dwOSVersionInfoSize != size_ex) {
        set_error(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    ReportedVersion version = reported_version();
    info->dwMajorVersion = version.major;
    info->dwMinorVersion = version.minor;
    info->dwBuildNumber = version.build;
    info->dwPlatformId = 2;
    info->szCSDVersion[0] = 0;
    if (info->dwOSVersionInfoSize == size_ex) {
        info->wServicePackMajor = info->wServicePackMinor = 0;
        info->wSuiteMask = 0x100;  // VER_SUITE_SINGLEUSERTS
        info->wProductType = 1;    // VER_NT_WORKSTATION
        info->wReserved = 0;
    }
    return TRUE;
}

}  // namespace

// The build in the high word, minor and major in the low one.
VINE_EXPORT DWORD GetVersion() {
    ReportedVersion version = reported_version();
    return (version.build << 16) | (version.minor << 8) | version.major;
}

VINE_EXPORT BOOL GetVersionExW(OSVERSIONINFOEXW* info) {
    return fill_version(info, kOsVersionInfoWSize, kOsVersionInfoExWSize);
}

VINE_EXPORT BOOL GetVersionExA(OSVERSIONINFOEXA* info) {
    return fill_version(info, kOsVersionInfoASize, kOsVersionInfoExASize);
}

// Compares with the version GetVersionEx tells, as Windows documents: a
// program without a manifest for 8.1 or 10 fails a test for them.
VINE_EXPORT BOOL VerifyVersionInfoW(const OSVERSIONINFOEXW* info, DWORD type, ULONGLONG mask) {
    if (!info) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    OSVERSIONINFOEXW actual{};
    actual.dwOSVersionInfoSize = sizeof(actual);
    GetVersionExW(&actual);
    NTSTATUS status = vine::version::verify(actual, *info, type, mask);
    if (status == STATUS_SUCCESS) return TRUE;
    set_error(status == STATUS_REVISION_MISMATCH ? ERROR_OLD_WIN_VERSION : ERROR_BAD_ARGUMENTS);
    return FALSE;
}

// The A form differs only in szCSDVersion, which the check never reads.
VINE_EXPORT BOOL VerifyVersionInfoA(const OSVERSIONINFOEXA* info, DWORD type, ULONGLONG mask) {
    if (!info) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    OSVERSIONINFOEXW wide{};
    wide.dwOSVersionInfoSize = sizeof(wide);
    wide.dwMajorVersion = info->dwMajorVersion;
    wide.dwMinorVersion = info->dwMinorVersion;
    wide.dwBuildNumber = info->dwBuildNumber;
    wide.dwPlatformId = info->dwPlatformId;
    wide.wServicePackMajor = info->wServicePackMajor;
    wide.wServicePackMinor = info->wServicePackMinor;
    wide.wSuiteMask = info->wSuiteMask;
    wide.wProductType = info->wProductType;
    return VerifyVersionInfoW(&wide, type, mask);
}

VINE_EXPORT BOOL IsProcessorFeaturePresent(DWORD feature) {
    switch (feature) {
    case 6:   // PF_XMMI_INSTRUCTIONS_AVAILABLE (SSE)
    case 10:  // PF_XMMI64_INSTRUCTIONS_AVAILABLE (SSE2)
    case 12:  // PF_NX_ENABLED
    case 13:  // PF_SSE3_INSTRUCTIONS_AVAILABLE
    case 23:  // PF_FASTFAIL_AVAILABLE
        return TRUE;
    default: return FALSE;
    }
}

VINE_EXPORT BOOL IsDebuggerPresent() { return peb()->BeingDebugged; }

namespace {
UINT error_mode = 0;
}

VINE_EXPORT UINT SetErrorMode(UINT mode) {
    UINT previous = error_mode;
    error_mode = mode;
    return previous;
}

VINE_EXPORT UINT GetErrorMode() { return error_mode; }

VINE_EXPORT BOOL InitializeCriticalSectionAndSpinCount(RTL_CRITICAL_SECTION* section, DWORD spin_count) {
    RtlInitializeCriticalSectionAndSpinCount(section, spin_count);
    return TRUE;
}
