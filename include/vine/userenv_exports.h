// Prototypes of userenv exports that other builtin DLLs call (shell32 finds
// the user's profile folder through them, as on Windows).
#pragma once

#include "vine/wintypes.h"

extern "C" {
WINAPI BOOL GetUserProfileDirectoryW(HANDLE token, LPWSTR directory, DWORD* size);
WINAPI BOOL GetProfilesDirectoryW(LPWSTR directory, DWORD* size);
WINAPI BOOL GetDefaultUserProfileDirectoryW(LPWSTR directory, DWORD* size);
WINAPI BOOL GetAllUsersProfileDirectoryW(LPWSTR directory, DWORD* size);
}
