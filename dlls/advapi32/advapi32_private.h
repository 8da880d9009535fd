// Shared between advapi32's source files only.
#pragma once

#include <string>

#include "vine/kernel32_exports.h"
#include "vine/ntdll_exports.h"
#include "vine/security.h"
#include "vine/security_descriptor.h"
#include "vine/winerror.h"
#include "vine/wintypes.h"

// The Win32 form of an NT call's result: TRUE, or FALSE with the last error
// set from the status.
inline BOOL succeeded(NTSTATUS status) {
    if (status >= 0) return TRUE;
    SetLastError(RtlNtStatusToDosError(status));
    return FALSE;
}

// FALSE, with `error` as the last error.
inline BOOL fail_with(DWORD error) {
    SetLastError(error);
    return FALSE;
}

// A string of an A function in the ANSI code page, as UTF-16 (empty for
// null).
inline std::u16string widen_acp(LPCSTR text) {
    if (!text) return {};
    int chars = MultiByteToWideChar(CP_ACP, 0, text, -1, nullptr, 0);
    std::u16string wide(chars > 0 ? static_cast<size_t>(chars) : 1, u'\0');
    if (chars > 0) MultiByteToWideChar(CP_ACP, 0, text, -1, wide.data(), chars);
    wide.resize(wide.size() - 1);
    return wide;
}

extern "C" WINAPI BOOL GetUserNameW(LPWSTR buffer, DWORD* size);  // user_name.cpp
extern "C" WINAPI BOOL GetComputerNameW(LPWSTR buffer, DWORD* size);  // kernel32

// The A functions' names here are ASCII (SIDs, privilege and service names,
// container names): each byte becomes one UTF-16 unit.
inline std::u16string widen_ascii(LPCSTR text) {
    std::u16string wide;
    for (const char* p = text; p && *p; ++p) wide.push_back(static_cast<unsigned char>(*p));
    return wide;
}

// sid.cpp: "S-1-5-32-544" or an SDDL abbreviation ("BA") into `sid` (room
// for SECURITY_MAX_SID_SIZE bytes), and the abbreviation of a SID, or
// nullptr when it has none.
bool parse_string_sid(const WCHAR* text, SID* sid);
const char* sddl_abbreviation(PSID sid);
