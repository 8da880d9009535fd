/* A privilege of the process token enabled (SE_BACKUP_NAME, SE_RESTORE_NAME
 * for the registry's save, restore and load tests); FALSE when the token
 * does not hold it. */
#include <windows.h>

static BOOL enable_privilege(const WCHAR *name)
{
    HANDLE token;
    TOKEN_PRIVILEGES privileges;
    BOOL done;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES, &token)) return FALSE;
    privileges.PrivilegeCount = 1;
    privileges.Privileges[0].Attributes = SE_PRIVILEGE_ENABLED;
    done = LookupPrivilegeValueW(NULL, name, &privileges.Privileges[0].Luid) &&
           AdjustTokenPrivileges(token, FALSE, &privileges, 0, NULL, NULL) && GetLastError() == ERROR_SUCCESS;
    CloseHandle(token);
    return done;
}
