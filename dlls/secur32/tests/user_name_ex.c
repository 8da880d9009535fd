/* GetUserNameEx for a local account of a machine in no domain, as the
 * Windows documentation describes it. */
#define SECURITY_WIN32
#include <windows.h>
#include <security.h>
#include <wchar.h>

#include "vinetest.h"

int main(void)
{
    WCHAR name[512], machine[64], user[257], expected[330];
    char narrow[512];
    ULONG size;
    DWORD machine_size = 64, user_size = 257;

    GetComputerNameW(machine, &machine_size);
    GetUserNameW(user, &user_size);
    swprintf(expected, 330, L"%ls\\%ls", machine, user);

    size = 512;
    ok(GetUserNameExW(NameSamCompatible, name, &size), "NameSamCompatible: %lu", GetLastError());
    ok(!wcscmp(name, expected) && size == wcslen(expected), "MACHINE\\user, %lu characters", size);

    size = 3;
    SetLastError(0xdeadbeef);
    ok(!GetUserNameExW(NameSamCompatible, name, &size) && GetLastError() == ERROR_MORE_DATA, "short buffer: %lu",
       GetLastError());
    ok(size == wcslen(expected) + 1, "the size needed with the terminator: %lu", size);

    size = sizeof(narrow);
    ok(GetUserNameExA(NameSamCompatible, narrow, &size) && size == strlen(narrow) && strchr(narrow, '\\'),
       "GetUserNameExA: %s", narrow);

    size = 512;
    SetLastError(0xdeadbeef);
    ok(!GetUserNameExW(NameFullyQualifiedDN, name, &size) && GetLastError() == ERROR_NONE_MAPPED,
       "no distinguished name outside a domain: %lu", GetLastError());
    size = 512;
    SetLastError(0xdeadbeef);
    ok(!GetUserNameExW(NameUserPrincipal, name, &size) && GetLastError() == ERROR_NONE_MAPPED,
       "nor a principal name: %lu", GetLastError());
    return vt_summary();
}
