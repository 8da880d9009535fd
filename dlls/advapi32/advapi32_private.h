// Shared between advapi32's source files only.
#pragma once

#include "vine/kernel32_exports.h"
#include "vine/ntdll_exports.h"
#include "vine/security.h"
#include "vine/winerror.h"
#include "vine/wintypes.h"

// The Win32 form of an NT call's result: TRUE, or FALSE with the last error
// set from the status.
inline BOOL succeeded(NTSTATUS status) {
    if (status >= 0) return TRUE;
    SetLastError(RtlNtStatusToDosError(status));
    return FALSE;
}

extern "C" WINAPI BOOL GetUserNameW(LPWSTR buffer, DWORD* size);  // user_name.cpp
