/* Tokens, privileges and SIDs as a program running as an elevated
 * administrator sees them on Windows 10. */
#include <windows.h>
#include <sddl.h>
#include <stdlib.h>
#include <wchar.h>

#include "vinetest.h"

static void test_sids(void)
{
    SID_IDENTIFIER_AUTHORITY nt = {SECURITY_NT_AUTHORITY};
    PSID admins = NULL, copy;
    char *text = NULL;
    WCHAR *wide = NULL;
    PSID parsed = NULL;
    BYTE buffer[SECURITY_MAX_SID_SIZE];
    DWORD size;

    ok(AllocateAndInitializeSid(&nt, 2, SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_ADMINS, 0, 0, 0, 0, 0, 0, &admins),
       "AllocateAndInitializeSid");
    ok(IsValidSid(admins), "IsValidSid");
    ok(GetLengthSid(admins) == 16, "GetLengthSid %lu", GetLengthSid(admins));
    ok(GetSidLengthRequired(2) == 16, "GetSidLengthRequired");
    ok(*GetSidSubAuthorityCount(admins) == 2 && *GetSidSubAuthority(admins, 1) == 544, "sub-authorities");
    ok(GetSidIdentifierAuthority(admins)->Value[5] == 5, "authority");
    ok(ConvertSidToStringSidA(admins, &text), "ConvertSidToStringSidA");
    ok(text && !strcmp(text, "S-1-5-32-544"), "string %s", text ? text : "(null)");
    LocalFree(text);
    ok(ConvertSidToStringSidW(admins, &wide) && !wcscmp(wide, L"S-1-5-32-544"), "wide string");
    LocalFree(wide);

    ok(ConvertStringSidToSidA("BA", &parsed) && EqualSid(parsed, admins), "SDDL BA");
    LocalFree(parsed);
    ok(ConvertStringSidToSidA("S-1-5-32-544", &parsed) && EqualSid(parsed, admins), "parse S-1-5-32-544");
    LocalFree(parsed);
    ok(ConvertStringSidToSidA("S-1-0x000000000005-32-544", &parsed) && EqualSid(parsed, admins), "hex authority");
    LocalFree(parsed);
    SetLastError(0);
    ok(!ConvertStringSidToSidA("S-1-5-abc", &parsed) && GetLastError() == ERROR_INVALID_SID, "bad string: %lu",
       GetLastError());
    SetLastError(0);
    ok(!ConvertStringSidToSidA("S-2-5-32", &parsed) && GetLastError() == ERROR_INVALID_SID, "bad revision");
    SetLastError(0);
    ok(!ConvertStringSidToSidA("XX", &parsed) && GetLastError() == ERROR_INVALID_SID, "unknown abbreviation");

    /* A big authority prints in hexadecimal. */
    {
        SID_IDENTIFIER_AUTHORITY big = {{0, 1, 0, 0, 0, 0}};
        PSID sid = NULL;
        AllocateAndInitializeSid(&big, 1, 7, 0, 0, 0, 0, 0, 0, 0, &sid);
        ok(ConvertSidToStringSidA(sid, &text), "ConvertSidToStringSidA hex");
        ok(!strcmp(text, "S-1-0x000100000000-7"), "hex: %s", text);
        LocalFree(text);
        FreeSid(sid);
    }

    size = sizeof(buffer);
    ok(CreateWellKnownSid(WinBuiltinAdministratorsSid, NULL, buffer, &size) && size == 16 && EqualSid(buffer, admins),
       "CreateWellKnownSid administrators");
    ok(IsWellKnownSid(admins, WinBuiltinAdministratorsSid) && !IsWellKnownSid(admins, WinWorldSid), "IsWellKnownSid");
    size = 4;
    SetLastError(0);
    ok(!CreateWellKnownSid(WinWorldSid, NULL, buffer, &size) && GetLastError() == ERROR_INSUFFICIENT_BUFFER && size == 12,
       "short buffer: %lu size %lu", GetLastError(), size);
    size = sizeof(buffer);
    SetLastError(0);
    ok(!CreateWellKnownSid(WinAccountAdministratorSid, NULL, buffer, &size) && GetLastError() == ERROR_INVALID_PARAMETER,
       "domain SID needed");

    copy = malloc(16);
    ok(!CopySid(8, copy, admins) && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "CopySid short");
    ok(CopySid(16, copy, admins) && EqualSid(copy, admins), "CopySid");
    free(copy);
    FreeSid(admins);
}

static void test_token(void)
{
    HANDLE token, dup;
    BYTE buffer[4096];
    DWORD size = 0;
    TOKEN_ELEVATION elevation;
    TOKEN_TYPE type;
    char *text;
    TOKEN_USER *user = (TOKEN_USER *)buffer;
    TOKEN_GROUPS *groups = (TOKEN_GROUPS *)buffer;
    TOKEN_STATISTICS stats;
    DWORD i;
    int everyone = 0, admins = 0;

    ok(OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY | TOKEN_ADJUST_PRIVILEGES | TOKEN_DUPLICATE, &token), "OpenProcessToken");

    SetLastError(0);
    ok(!GetTokenInformation(token, TokenUser, NULL, 0, &size) && GetLastError() == ERROR_INSUFFICIENT_BUFFER && size > 0,
       "TokenUser size query: %lu size %lu", GetLastError(), size);
    ok(GetTokenInformation(token, TokenUser, buffer, sizeof(buffer), &size), "TokenUser");
    ok(IsValidSid(user->User.Sid) && user->User.Attributes == 0, "user SID valid");
    ok(ConvertSidToStringSidA(user->User.Sid, &text), "ConvertSidToStringSidA user");
    ok(!strncmp(text, "S-1-5-21-", 9), "user SID %s", text);
    LocalFree(text);
    {
        char name[256], domain[256];
        DWORD name_size = sizeof(name), domain_size = sizeof(domain);
        SID_NAME_USE use = 0;
        char expected[256];
        DWORD expected_size = sizeof(expected);
        GetUserNameA(expected, &expected_size);
        ok(LookupAccountSidA(NULL, user->User.Sid, name, &name_size, domain, &domain_size, &use) && use == SidTypeUser,
           "LookupAccountSid user");
        ok(!_stricmp(name, expected), "user name %s (GetUserName %s)", name, expected);
        name_size = 1;
        domain_size = 1;
        SetLastError(0);
        ok(!LookupAccountSidA(NULL, user->User.Sid, name, &name_size, domain, &domain_size, &use) &&
               GetLastError() == ERROR_INSUFFICIENT_BUFFER && name_size == strlen(expected) + 1,
           "LookupAccountSid sizes %lu", name_size);
    }

    ok(GetTokenInformation(token, TokenGroups, buffer, sizeof(buffer), &size), "TokenGroups");
    for (i = 0; i < groups->GroupCount; i++) {
        if (IsWellKnownSid(groups->Groups[i].Sid, WinWorldSid)) everyone = groups->Groups[i].Attributes & SE_GROUP_ENABLED;
        if (IsWellKnownSid(groups->Groups[i].Sid, WinBuiltinAdministratorsSid)) admins = 1;
    }
    ok(everyone && admins, "Everyone enabled %d, Administrators present %d", everyone, admins);

    ok(GetTokenInformation(token, TokenElevation, &elevation, sizeof(elevation), &size) && size == sizeof(elevation),
       "TokenElevation");
    ok(GetTokenInformation(token, TokenType, &type, sizeof(type), &size) && type == TokenPrimary, "primary token");
    SetLastError(0);
    ok(!GetTokenInformation(token, TokenType, &type, 2, &size) && GetLastError() == ERROR_INSUFFICIENT_BUFFER &&
           size == sizeof(type),
       "fixed class, short buffer");
    ok(GetTokenInformation(token, TokenStatistics, &stats, sizeof(stats), &size) && stats.TokenType == TokenPrimary,
       "TokenStatistics");

    /* A pseudo-handle queries the process token. */
    ok(GetTokenInformation((HANDLE)(LONG_PTR)-4, TokenType, &type, sizeof(type), &size) && type == TokenPrimary,
       "GetCurrentProcessToken()");

    /* Privileges: SeChangeNotify is held and enabled; a made-up LUID is not. */
    {
        LUID change_notify, shutdown, lock_memory;
        TOKEN_PRIVILEGES *privileges = (TOKEN_PRIVILEGES *)buffer;
        TOKEN_PRIVILEGES adjust, previous;
        DWORD j, attributes = 0, found = 0;
        WCHAR name[64];
        DWORD chars = 64;
        PRIVILEGE_SET check;
        BOOL held = TRUE;

        ok(LookupPrivilegeValueA(NULL, "SeChangeNotifyPrivilege", &change_notify) && change_notify.LowPart == 23 &&
               change_notify.HighPart == 0,
           "LookupPrivilegeValue");
        ok(LookupPrivilegeValueW(NULL, L"seshutdownprivilege", &shutdown) && shutdown.LowPart == 19, "case-insensitive");
        SetLastError(0);
        ok(!LookupPrivilegeValueA(NULL, "SeNoSuchPrivilege", &shutdown) && GetLastError() == ERROR_NO_SUCH_PRIVILEGE,
           "unknown privilege");
        LookupPrivilegeValueA(NULL, "SeShutdownPrivilege", &shutdown);
        ok(LookupPrivilegeNameW(NULL, &shutdown, name, &chars) && !wcscmp(name, L"SeShutdownPrivilege") && chars == 19,
           "LookupPrivilegeName");
        chars = 5;
        SetLastError(0);
        ok(!LookupPrivilegeNameW(NULL, &shutdown, name, &chars) && GetLastError() == ERROR_INSUFFICIENT_BUFFER && chars == 20,
           "LookupPrivilegeName short: %lu", chars);

        ok(GetTokenInformation(token, TokenPrivileges, buffer, sizeof(buffer), &size), "TokenPrivileges");
        for (j = 0; j < privileges->PrivilegeCount; j++)
            if (privileges->Privileges[j].Luid.LowPart == 23) {
                attributes = privileges->Privileges[j].Attributes;
                found = 1;
            }
        ok(found && (attributes & SE_PRIVILEGE_ENABLED) && (attributes & SE_PRIVILEGE_ENABLED_BY_DEFAULT),
           "SeChangeNotify enabled by default: %lx", attributes);

        /* Enable SeShutdown, see it enabled, the previous state says it was not. */
        adjust.PrivilegeCount = 1;
        adjust.Privileges[0].Luid = shutdown;
        adjust.Privileges[0].Attributes = SE_PRIVILEGE_ENABLED;
        SetLastError(0xdead);
        ok(AdjustTokenPrivileges(token, FALSE, &adjust, sizeof(previous), &previous, &size) &&
               GetLastError() == ERROR_SUCCESS,
           "AdjustTokenPrivileges enable: %lu", GetLastError());
        ok(previous.PrivilegeCount == 1 && previous.Privileges[0].Luid.LowPart == 19 &&
               !(previous.Privileges[0].Attributes & SE_PRIVILEGE_ENABLED),
           "previous state: count %lu", previous.PrivilegeCount);
        check.PrivilegeCount = 1;
        check.Control = PRIVILEGE_SET_ALL_NECESSARY;
        check.Privilege[0].Luid = shutdown;
        check.Privilege[0].Attributes = 0;
        ok(PrivilegeCheck(token, &check, &held) && held &&
               (check.Privilege[0].Attributes & SE_PRIVILEGE_USED_FOR_ACCESS),
           "PrivilegeCheck enabled");
        /* Seen through a second handle to the same token. */
        ok(OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &dup), "second handle");
        held = FALSE;
        ok(PrivilegeCheck(dup, &check, &held) && held, "shared state");
        CloseHandle(dup);
        /* Enabling it again succeeds. */
        ok(AdjustTokenPrivileges(token, FALSE, &adjust, sizeof(previous), &previous, &size), "enable again");
        adjust.Privileges[0].Attributes = 0;
        ok(AdjustTokenPrivileges(token, FALSE, &adjust, 0, NULL, NULL), "disable");
        held = TRUE;
        ok(PrivilegeCheck(token, &check, &held) && !held, "disabled again");

        /* A privilege the token does not hold: TRUE with ERROR_NOT_ALL_ASSIGNED. */
        adjust.Privileges[0].Luid.LowPart = 2; /* SeCreateTokenPrivilege */
        adjust.Privileges[0].Attributes = SE_PRIVILEGE_ENABLED;
        SetLastError(0);
        ok(AdjustTokenPrivileges(token, FALSE, &adjust, 0, NULL, NULL) && GetLastError() == ERROR_NOT_ALL_ASSIGNED,
           "not held: %lu", GetLastError());

        /* Without TOKEN_ADJUST_PRIVILEGES. */
        OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &dup);
        adjust.Privileges[0].Luid = shutdown;
        SetLastError(0);
        ok(!AdjustTokenPrivileges(dup, FALSE, &adjust, 0, NULL, NULL) && GetLastError() == ERROR_ACCESS_DENIED,
           "access denied: %lu", GetLastError());
        CloseHandle(dup);
        (void)lock_memory;
    }

    /* A copy is independent and an impersonation token. */
    ok(DuplicateTokenEx(token, TOKEN_ALL_ACCESS, NULL, SecurityImpersonation, TokenImpersonation, &dup), "DuplicateTokenEx");
    ok(GetTokenInformation(dup, TokenType, &type, sizeof(type), &size) && type == TokenImpersonation, "impersonation copy");
    {
        SECURITY_IMPERSONATION_LEVEL level = 0;
        ok(GetTokenInformation(dup, TokenImpersonationLevel, &level, sizeof(level), &size) && level == SecurityImpersonation,
           "impersonation level");
        SetLastError(0);
        ok(!GetTokenInformation(token, TokenImpersonationLevel, &level, sizeof(level), &size), "no level on a primary token");
    }
    {
        BYTE world[SECURITY_MAX_SID_SIZE];
        DWORD world_size = sizeof(world);
        BOOL member = FALSE;
        CreateWellKnownSid(WinWorldSid, NULL, world, &world_size);
        ok(CheckTokenMembership(dup, world, &member) && member, "CheckTokenMembership Everyone");
        ok(CheckTokenMembership(NULL, world, &member) && member, "CheckTokenMembership NULL token");
        SetLastError(0);
        ok(!CheckTokenMembership(token, world, &member) && GetLastError() == ERROR_NO_IMPERSONATION_TOKEN,
           "primary token refused: %lu", GetLastError());
        world_size = sizeof(world);
        CreateWellKnownSid(WinLocalSystemSid, NULL, world, &world_size);
        ok(CheckTokenMembership(dup, world, &member) && !member, "not SYSTEM");
    }
    CloseHandle(dup);

    /* A thread that does not impersonate has no token of its own. */
    SetLastError(0);
    ok(!OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &dup) && GetLastError() == ERROR_NO_TOKEN,
       "OpenThreadToken: %lu", GetLastError());

    /* A handle of another type. */
    {
        HANDLE event = CreateEventW(NULL, FALSE, FALSE, NULL);
        SetLastError(0);
        ok(!GetTokenInformation(event, TokenType, &type, sizeof(type), &size) && GetLastError() == ERROR_INVALID_HANDLE,
           "event handle: %lu", GetLastError());
        CloseHandle(event);
    }
    ok(CloseHandle(token), "CloseHandle");
}

static void test_accounts(void)
{
    char name[256], domain[256];
    DWORD name_size = sizeof(name), domain_size = sizeof(domain);
    SID_NAME_USE use = 0;
    PSID sid = NULL;
    BYTE buffer[SECURITY_MAX_SID_SIZE];
    DWORD sid_size = sizeof(buffer);
    WCHAR wdomain[256];
    DWORD wdomain_size = 256;

    ConvertStringSidToSidA("S-1-5-32-544", &sid);
    ok(LookupAccountSidA(NULL, sid, name, &name_size, domain, &domain_size, &use) && !strcmp(name, "Administrators") &&
           !strcmp(domain, "BUILTIN") && use == SidTypeAlias,
       "Administrators: %s\\%s %d", name, domain, use);
    LocalFree(sid);
    ConvertStringSidToSidA("S-1-1-0", &sid);
    name_size = sizeof(name), domain_size = sizeof(domain);
    ok(LookupAccountSidA(NULL, sid, name, &name_size, domain, &domain_size, &use) && !strcmp(name, "Everyone") &&
           !strcmp(domain, "") && use == SidTypeWellKnownGroup,
       "Everyone");
    LocalFree(sid);
    ConvertStringSidToSidA("S-1-5-18", &sid);
    name_size = sizeof(name), domain_size = sizeof(domain);
    ok(LookupAccountSidA(NULL, sid, name, &name_size, domain, &domain_size, &use) && !strcmp(name, "SYSTEM") &&
           !strcmp(domain, "NT AUTHORITY"),
       "SYSTEM");
    LocalFree(sid);
    ConvertStringSidToSidA("S-1-5-21-1-2-3-99999", &sid);
    name_size = sizeof(name), domain_size = sizeof(domain);
    SetLastError(0);
    ok(!LookupAccountSidA(NULL, sid, name, &name_size, domain, &domain_size, &use) && GetLastError() == ERROR_NONE_MAPPED,
       "unknown SID: %lu", GetLastError());
    LocalFree(sid);

    ok(LookupAccountNameW(NULL, L"BUILTIN\\Administrators", buffer, &sid_size, wdomain, &wdomain_size, &use) &&
           IsWellKnownSid(buffer, WinBuiltinAdministratorsSid) && use == SidTypeAlias && sid_size == 16,
       "LookupAccountName");
}

int main(void)
{
    test_sids();
    test_token();
    test_accounts();
    return vt_summary();
}
