/* The security descriptors of files and registry keys
 * (Get/SetFileSecurity, GetSecurityInfo, Get/SetNamedSecurityInfo,
 * RegGet/SetKeySecurity), impersonation (ImpersonateSelf, SetThreadToken,
 * RevertToSelf, ImpersonateLoggedOnUser, OpenThreadToken) and
 * SetTokenInformation, as the Windows documentation describes them for an
 * elevated administrator. */
#include <windows.h>
#include <aclapi.h>
#include <sddl.h>
#include <stdlib.h>
#include <wchar.h>

#include "vinetest.h"

static BYTE user_sid[SECURITY_MAX_SID_SIZE];
static BYTE owner_sid[SECURITY_MAX_SID_SIZE];

static void token_sids(void)
{
    BYTE buffer[256];
    DWORD size;
    HANDLE token;
    OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token);
    GetTokenInformation(token, TokenUser, buffer, sizeof(buffer), &size);
    CopySid(sizeof(user_sid), user_sid, ((TOKEN_USER *)buffer)->User.Sid);
    GetTokenInformation(token, TokenOwner, buffer, sizeof(buffer), &size);
    CopySid(sizeof(owner_sid), owner_sid, ((TOKEN_OWNER *)buffer)->Owner);
    CloseHandle(token);
}

/* The DACL of a descriptor as SDDL. */
static char *dacl_string(PSECURITY_DESCRIPTOR sd)
{
    char *text = NULL;
    ConvertSecurityDescriptorToStringSecurityDescriptorA(sd, SDDL_REVISION_1, DACL_SECURITY_INFORMATION, &text, NULL);
    return text;
}

static void test_file(void)
{
    WCHAR dir[MAX_PATH], name[MAX_PATH];
    BYTE buffer[1024];
    DWORD needed = 0;
    PSECURITY_DESCRIPTOR sd = buffer, named = NULL;
    PSID owner;
    PACL dacl = NULL;
    BOOL present, defaulted;
    HANDLE file;
    ACCESS_ALLOWED_ACE *ace;
    char *text;
    const SECURITY_INFORMATION info = OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION |
                                      DACL_SECURITY_INFORMATION;

    GetTempPathW(MAX_PATH, dir);
    GetTempFileNameW(dir, L"sec", 0, name);

    SetLastError(0xdeadbeef);
    ok(!GetFileSecurityW(name, info, NULL, 0, &needed) && GetLastError() == ERROR_INSUFFICIENT_BUFFER && needed > 20,
       "size query: %lu, needed %lu", GetLastError(), needed);
    ok(GetFileSecurityW(name, info, sd, sizeof(buffer), &needed), "GetFileSecurityW: %lu", GetLastError());
    ok(IsValidSecurityDescriptor(sd), "a valid descriptor");
    ok(GetSecurityDescriptorOwner(sd, &owner, &defaulted) && owner &&
           (EqualSid(owner, user_sid) || EqualSid(owner, owner_sid)),
       "owned by the creator");
    ok(GetSecurityDescriptorDacl(sd, &present, &dacl, &defaulted) && present && dacl && dacl->AceCount >= 1,
       "a DACL");
    expect_fail(GetFileSecurityW(L"C:\\no\\such\\file.txt", info, sd, sizeof(buffer), &needed), ERROR_PATH_NOT_FOUND,
                "missing file");

    /* The owner may be the user or a group it owns objects as, no other. */
    {
        SECURITY_DESCRIPTOR update;
        BYTE world[SECURITY_MAX_SID_SIZE], admins[SECURITY_MAX_SID_SIZE];
        DWORD size = sizeof(world);
        CreateWellKnownSid(WinWorldSid, NULL, world, &size);
        size = sizeof(admins);
        CreateWellKnownSid(WinBuiltinAdministratorsSid, NULL, admins, &size);
        InitializeSecurityDescriptor(&update, SECURITY_DESCRIPTOR_REVISION);
        SetSecurityDescriptorOwner(&update, world, FALSE);
        expect_fail(SetFileSecurityW(name, OWNER_SECURITY_INFORMATION, &update), ERROR_INVALID_OWNER, "owner Everyone");
        SetSecurityDescriptorOwner(&update, admins, FALSE);
        ok(SetFileSecurityW(name, OWNER_SECURITY_INFORMATION, &update), "owner Administrators: %lu", GetLastError());
        ok(GetFileSecurityW(name, OWNER_SECURITY_INFORMATION, sd, sizeof(buffer), &needed) &&
               GetSecurityDescriptorOwner(sd, &owner, &defaulted) && EqualSid(owner, admins),
           "owned by Administrators");
        SetSecurityDescriptorOwner(&update, user_sid, FALSE);
        ok(SetFileSecurityW(name, OWNER_SECURITY_INFORMATION, &update), "owner the user again");
    }

    /* A DACL the mode can hold: the user alone, with full control. */
    {
        BYTE acl_buffer[128];
        SECURITY_DESCRIPTOR update;
        PACL acl = (PACL)acl_buffer;
        InitializeAcl(acl, sizeof(acl_buffer), ACL_REVISION);
        AddAccessAllowedAce(acl, ACL_REVISION, FILE_ALL_ACCESS, user_sid);
        InitializeSecurityDescriptor(&update, SECURITY_DESCRIPTOR_REVISION);
        SetSecurityDescriptorDacl(&update, TRUE, acl, FALSE);
        ok(SetFileSecurityW(name, DACL_SECURITY_INFORMATION, &update), "SetFileSecurityW: %lu", GetLastError());
        ok(GetFileSecurityW(name, DACL_SECURITY_INFORMATION, sd, sizeof(buffer), &needed), "read back");
        GetSecurityDescriptorDacl(sd, &present, &dacl, &defaulted);
        ok(present && dacl->AceCount == 1 && GetAce(dacl, 0, (void **)&ace) && ace->Mask == FILE_ALL_ACCESS &&
               EqualSid(&ace->SidStart, user_sid),
           "the user's full control");
        ok(GetFileSecurityW(name, OWNER_SECURITY_INFORMATION, sd, sizeof(buffer), &needed) &&
               GetSecurityDescriptorDacl(sd, &present, &dacl, &defaulted) && !present,
           "only the parts asked for");
    }

    /* One the mode cannot: an extra ACE for the SYSTEM account, read-only. */
    {
        PSECURITY_DESCRIPTOR update = NULL;
        ConvertStringSecurityDescriptorToSecurityDescriptorA("D:P(A;;FA;;;BA)(A;;FR;;;SY)", SDDL_REVISION_1, &update,
                                                            NULL);
        ok(!SetFileSecurityA("", DACL_SECURITY_INFORMATION, update), "an empty name fails");
        ok(SetFileSecurityW(name, DACL_SECURITY_INFORMATION, update), "SetFileSecurityW with SY");
        ok(GetFileSecurityW(name, DACL_SECURITY_INFORMATION, sd, sizeof(buffer), &needed), "read back");
        text = dacl_string(sd);
        ok(text && !strcmp(text, "D:P(A;;FA;;;BA)(A;;FR;;;SY)"), "kept as set: %s", text ? text : "(null)");
        LocalFree(text);
        LocalFree(update);
    }

    /* By handle and by name. */
    file = CreateFileW(name, READ_CONTROL | WRITE_DAC, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "open with READ_CONTROL");
    ok(GetSecurityInfo(file, SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, NULL, NULL, &dacl, NULL, &named) ==
               ERROR_SUCCESS &&
           dacl && dacl->AceCount == 2,
       "GetSecurityInfo");
    LocalFree(named);
    {
        BYTE acl_buffer[128];
        PACL acl = (PACL)acl_buffer;
        InitializeAcl(acl, sizeof(acl_buffer), ACL_REVISION);
        AddAccessAllowedAce(acl, ACL_REVISION, FILE_ALL_ACCESS, user_sid);
        ok(SetSecurityInfo(file, SE_FILE_OBJECT, DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION, NULL,
                           NULL, acl, NULL) == ERROR_SUCCESS,
           "SetSecurityInfo");
    }
    CloseHandle(file);
    file = CreateFileW(name, FILE_READ_DATA, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    SetLastError(0xdeadbeef);
    ok(!GetKernelObjectSecurity(file, DACL_SECURITY_INFORMATION, sd, sizeof(buffer), &needed) &&
           GetLastError() == ERROR_ACCESS_DENIED,
       "no READ_CONTROL: %lu", GetLastError());
    CloseHandle(file);

    ok(GetNamedSecurityInfoW(name, SE_FILE_OBJECT, DACL_SECURITY_INFORMATION | OWNER_SECURITY_INFORMATION, &owner, NULL,
                             &dacl, NULL, &named) == ERROR_SUCCESS &&
           owner && dacl,
       "GetNamedSecurityInfoW");
    text = dacl_string(named);
    {
        char expected[128], *user_text = NULL;
        ConvertSidToStringSidA(user_sid, &user_text);
        snprintf(expected, sizeof(expected), "D:P(A;;FA;;;%s)", user_text);
        ok(text && !strcmp(text, expected), "protected, user only: %s", text ? text : "(null)");
        LocalFree(user_text);
    }
    LocalFree(text);
    LocalFree(named);
    ok(GetNamedSecurityInfoW(L"C:\\no\\such\\file.txt", SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, NULL, NULL, &dacl,
                             NULL, &named) == ERROR_PATH_NOT_FOUND,
       "GetNamedSecurityInfoW of a missing file");
    ok(DeleteFileW(name), "DeleteFileW");
}

static void test_key(void)
{
    HKEY key, reader;
    BYTE buffer[1024];
    DWORD size = 0;
    PSECURITY_DESCRIPTOR update = NULL, named = NULL;
    PACL dacl;
    BOOL present, defaulted;
    char *text;

    ok(!RegCreateKeyExA(HKEY_CURRENT_USER, "Software\\VineTest\\Security", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key,
                        NULL),
       "create key");
    ok(RegGetKeySecurity(key, DACL_SECURITY_INFORMATION, buffer, &size) == ERROR_INSUFFICIENT_BUFFER && size > 20,
       "size query %lu", size);
    ok(!RegGetKeySecurity(key, DACL_SECURITY_INFORMATION, buffer, &size), "RegGetKeySecurity");
    ok(IsValidSecurityDescriptor(buffer) && GetSecurityDescriptorDacl(buffer, &present, &dacl, &defaulted) && present,
       "a DACL");

    ConvertStringSecurityDescriptorToSecurityDescriptorA("D:(A;CI;KA;;;BA)(A;;KR;;;WD)", SDDL_REVISION_1, &update, NULL);
    ok(!RegSetKeySecurity(key, DACL_SECURITY_INFORMATION, update), "RegSetKeySecurity");
    size = sizeof(buffer);
    ok(!RegGetKeySecurity(key, DACL_SECURITY_INFORMATION, buffer, &size), "read back");
    text = dacl_string(buffer);
    ok(text && !strcmp(text, "D:(A;CI;KA;;;BA)(A;;KR;;;WD)"), "as set: %s", text ? text : "(null)");
    LocalFree(text);
    LocalFree(update);

    ok(GetNamedSecurityInfoA("CURRENT_USER\\Software\\VineTest\\Security", SE_REGISTRY_KEY, DACL_SECURITY_INFORMATION,
                             NULL, NULL, &dacl, NULL, &named) == ERROR_SUCCESS &&
           dacl && dacl->AceCount == 2,
       "GetNamedSecurityInfoA of the key");
    LocalFree(named);
    ok(GetNamedSecurityInfoA("CURRENT_USER\\Software\\VineTest\\NoSuchKey", SE_REGISTRY_KEY, DACL_SECURITY_INFORMATION,
                             NULL, NULL, &dacl, NULL, &named) == ERROR_FILE_NOT_FOUND,
       "a missing key");

    ok(!RegOpenKeyExA(HKEY_CURRENT_USER, "Software\\VineTest\\Security", 0, KEY_QUERY_VALUE, &reader), "open to read");
    size = sizeof(buffer);
    ok(RegGetKeySecurity(reader, DACL_SECURITY_INFORMATION, buffer, &size) == ERROR_ACCESS_DENIED,
       "no READ_CONTROL, no descriptor");
    RegCloseKey(reader);
    size = sizeof(buffer);
    ok(!RegGetKeySecurity(HKEY_CURRENT_USER, OWNER_SECURITY_INFORMATION, buffer, &size) && IsValidSecurityDescriptor(buffer),
       "a predefined key's descriptor");

    RegCloseKey(key);
    RegDeleteKeyA(HKEY_CURRENT_USER, "Software\\VineTest\\Security");
}

static void test_impersonation(void)
{
    HANDLE token = NULL, process, copy;
    TOKEN_TYPE type;
    SECURITY_IMPERSONATION_LEVEL level;
    DWORD size;

    expect_fail(OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &token), ERROR_NO_TOKEN, "no token before");
    ok(ImpersonateSelf(SecurityImpersonation), "ImpersonateSelf: %lu", GetLastError());
    ok(OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &token), "OpenThreadToken while impersonating: %lu",
       GetLastError());
    ok(GetTokenInformation(token, TokenType, &type, sizeof(type), &size) && type == TokenImpersonation,
       "an impersonation token");
    ok(GetTokenInformation(token, TokenImpersonationLevel, &level, sizeof(level), &size) &&
           level == SecurityImpersonation,
       "at the level asked for");
    CloseHandle(token);
    ok(RevertToSelf(), "RevertToSelf");
    expect_fail(OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &token), ERROR_NO_TOKEN, "no token after");

    ok(OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY | TOKEN_DUPLICATE | TOKEN_IMPERSONATE, &process),
       "OpenProcessToken");
    expect_fail(SetThreadToken(NULL, process), ERROR_BAD_TOKEN_TYPE, "a primary token on a thread");
    ok(DuplicateToken(process, SecurityIdentification, &copy), "DuplicateToken");
    ok(SetThreadToken(NULL, copy), "SetThreadToken");
    ok(OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, FALSE, &token) &&
           GetTokenInformation(token, TokenImpersonationLevel, &level, sizeof(level), &size) &&
           level == SecurityIdentification,
       "the token set");
    CloseHandle(token);
    ok(SetThreadToken(NULL, NULL), "SetThreadToken NULL reverts");
    expect_fail(OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &token), ERROR_NO_TOKEN, "reverted");
    CloseHandle(copy);

    /* The anonymous logon. */
    ok(ImpersonateAnonymousToken(GetCurrentThread()), "ImpersonateAnonymousToken: %lu", GetLastError());
    ok(OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &token), "its token");
    {
        BYTE buffer[256];
        ok(GetTokenInformation(token, TokenUser, buffer, sizeof(buffer), &size) &&
               IsWellKnownSid(((TOKEN_USER *)buffer)->User.Sid, WinAnonymousSid),
           "user ANONYMOUS LOGON");
    }
    CloseHandle(token);
    ok(RevertToSelf(), "RevertToSelf after anonymous");
    ok(OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &token) == FALSE, "reverted from anonymous");

    ok(ImpersonateLoggedOnUser(process), "ImpersonateLoggedOnUser of a primary token");
    ok(OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &token) &&
           GetTokenInformation(token, TokenType, &type, sizeof(type), &size) && type == TokenImpersonation,
       "impersonating");
    CloseHandle(token);
    ok(RevertToSelf(), "RevertToSelf");
    CloseHandle(process);
}

static void test_set_token_information(void)
{
    HANDLE process, token;
    BYTE buffer[256];
    DWORD size, session = 5;
    TOKEN_OWNER owner;
    TOKEN_PRIMARY_GROUP group;
    TOKEN_DEFAULT_DACL dacl;
    BYTE acl_buffer[64], world[SECURITY_MAX_SID_SIZE], admins[SECURITY_MAX_SID_SIZE];
    PACL acl = (PACL)acl_buffer;

    size = sizeof(world);
    CreateWellKnownSid(WinWorldSid, NULL, world, &size);
    size = sizeof(admins);
    CreateWellKnownSid(WinBuiltinAdministratorsSid, NULL, admins, &size);
    OpenProcessToken(GetCurrentProcess(), TOKEN_DUPLICATE, &process);
    ok(DuplicateTokenEx(process, TOKEN_QUERY | TOKEN_ADJUST_DEFAULT | TOKEN_ADJUST_SESSIONID, NULL,
                        SecurityImpersonation, TokenPrimary, &token),
       "DuplicateTokenEx");
    CloseHandle(process);

    owner.Owner = user_sid;
    ok(SetTokenInformation(token, TokenOwner, &owner, sizeof(owner)), "owner: the user: %lu", GetLastError());
    ok(GetTokenInformation(token, TokenOwner, buffer, sizeof(buffer), &size) &&
           EqualSid(((TOKEN_OWNER *)buffer)->Owner, user_sid),
       "the owner set");
    owner.Owner = world;
    expect_fail(SetTokenInformation(token, TokenOwner, &owner, sizeof(owner)), ERROR_INVALID_OWNER,
                "owner: Everyone");
    group.PrimaryGroup = admins;
    ok(SetTokenInformation(token, TokenPrimaryGroup, &group, sizeof(group)), "primary group: Administrators");
    ok(GetTokenInformation(token, TokenPrimaryGroup, buffer, sizeof(buffer), &size) &&
           EqualSid(((TOKEN_PRIMARY_GROUP *)buffer)->PrimaryGroup, admins),
       "the group set");

    InitializeAcl(acl, sizeof(acl_buffer), ACL_REVISION);
    AddAccessAllowedAce(acl, ACL_REVISION, GENERIC_READ, world);
    dacl.DefaultDacl = acl;
    ok(SetTokenInformation(token, TokenDefaultDacl, &dacl, sizeof(dacl)), "default DACL");
    ok(GetTokenInformation(token, TokenDefaultDacl, buffer, sizeof(buffer), &size) &&
           ((TOKEN_DEFAULT_DACL *)buffer)->DefaultDacl->AceCount == 1,
       "the DACL set");
    expect_fail(SetTokenInformation(token, TokenSessionId, &session, sizeof(session)), ERROR_PRIVILEGE_NOT_HELD,
                "session without SeTcbPrivilege");
    CloseHandle(token);
}

int main(void)
{
    token_sids();
    test_file();
    test_key();
    test_impersonation();
    test_set_token_information();
    return vt_summary();
}
