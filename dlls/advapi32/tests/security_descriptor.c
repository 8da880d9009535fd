/* Security descriptors, ACLs and SDDL strings, as the Windows
 * documentation describes them (InitializeSecurityDescriptor,
 * InitializeAcl, AddAccessAllowedAce, MakeSelfRelativeSD,
 * ConvertStringSecurityDescriptorToSecurityDescriptor and back). */
#include <windows.h>
#include <sddl.h>
#include <aclapi.h>
#include <stdlib.h>
#include <wchar.h>

#include "vinetest.h"

static PSID well_known(WELL_KNOWN_SID_TYPE type)
{
    static BYTE buffers[8][SECURITY_MAX_SID_SIZE];
    static int next;
    DWORD size = SECURITY_MAX_SID_SIZE;
    BYTE *sid = buffers[next++ % 8];
    CreateWellKnownSid(type, NULL, sid, &size);
    return sid;
}

static void test_descriptor(void)
{
    SECURITY_DESCRIPTOR sd;
    SECURITY_DESCRIPTOR_CONTROL control;
    DWORD revision, size;
    BOOL present, defaulted;
    PACL acl;
    PSID owner, admins = well_known(WinBuiltinAdministratorsSid);
    BYTE relative[256], absolute_buffer[sizeof(SECURITY_DESCRIPTOR)];
    BYTE dacl_buffer[128], sacl_buffer[64], owner_buffer[64], group_buffer[64];
    DWORD absolute_size, dacl_size, sacl_size, owner_size, group_size;
    BYTE acl_buffer[128];

    expect_fail(InitializeSecurityDescriptor(&sd, 2), ERROR_UNKNOWN_REVISION, "revision 2");
    ok(InitializeSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION), "InitializeSecurityDescriptor");
    ok(IsValidSecurityDescriptor(&sd), "an empty descriptor is valid");
    ok(GetSecurityDescriptorControl(&sd, &control, &revision) && control == 0 && revision == 1, "control %x rev %lu",
       control, revision);
    present = TRUE;
    ok(GetSecurityDescriptorDacl(&sd, &present, &acl, &defaulted) && !present, "no DACL yet");
    ok(GetSecurityDescriptorOwner(&sd, &owner, &defaulted) && !owner && !defaulted, "no owner yet");

    ok(SetSecurityDescriptorOwner(&sd, admins, FALSE), "SetSecurityDescriptorOwner");
    ok(SetSecurityDescriptorGroup(&sd, well_known(WinLocalSystemSid), TRUE), "SetSecurityDescriptorGroup");
    ok(InitializeAcl((PACL)acl_buffer, sizeof(acl_buffer), ACL_REVISION), "InitializeAcl");
    ok(AddAccessAllowedAce((PACL)acl_buffer, ACL_REVISION, FILE_ALL_ACCESS, admins), "AddAccessAllowedAce");
    ok(SetSecurityDescriptorDacl(&sd, TRUE, (PACL)acl_buffer, FALSE), "SetSecurityDescriptorDacl");
    ok(GetSecurityDescriptorControl(&sd, &control, &revision) && control == (SE_DACL_PRESENT | SE_GROUP_DEFAULTED),
       "control after sets: %x", control);
    ok(GetSecurityDescriptorDacl(&sd, &present, &acl, &defaulted) && present && acl == (PACL)acl_buffer && !defaulted,
       "the DACL set");
    ok(SetSecurityDescriptorControl(&sd, SE_DACL_PROTECTED, SE_DACL_PROTECTED), "SetSecurityDescriptorControl");
    expect_fail(SetSecurityDescriptorControl(&sd, SE_DACL_PRESENT, SE_DACL_PRESENT), ERROR_INVALID_PARAMETER,
                "SE_DACL_PRESENT is not settable");
    ok(IsValidSecurityDescriptor(&sd), "still valid");

    /* Self-relative: header, then the parts (an ACL with its whole AclSize). */
    size = 4;
    expect_fail(MakeSelfRelativeSD(&sd, relative, &size), ERROR_INSUFFICIENT_BUFFER, "MakeSelfRelativeSD short");
    ok(size == 20 + 16 + 12 + sizeof(acl_buffer), "self-relative size %lu", size);
    ok(MakeSelfRelativeSD(&sd, relative, &size), "MakeSelfRelativeSD");
    ok(GetSecurityDescriptorLength(relative) == size, "GetSecurityDescriptorLength %lu", GetSecurityDescriptorLength(relative));
    ok(GetSecurityDescriptorControl(relative, &control, &revision) &&
           control == (SE_SELF_RELATIVE | SE_DACL_PRESENT | SE_GROUP_DEFAULTED | SE_DACL_PROTECTED),
       "self-relative control %x", control);
    ok(GetSecurityDescriptorOwner(relative, &owner, &defaulted) && EqualSid(owner, admins) &&
           (BYTE *)owner > relative && (BYTE *)owner < relative + size,
       "owner inside the block");
    ok(GetSecurityDescriptorDacl(relative, &present, &acl, &defaulted) && present && acl->AceCount == 1,
       "DACL inside the block");
    expect_fail(SetSecurityDescriptorOwner(relative, admins, FALSE), ERROR_INVALID_SECURITY_DESCR,
                "a self-relative descriptor cannot be changed");

    /* And back. */
    absolute_size = dacl_size = sacl_size = owner_size = group_size = 0;
    expect_fail(MakeAbsoluteSD(relative, absolute_buffer, &absolute_size, (PACL)dacl_buffer, &dacl_size,
                               (PACL)sacl_buffer, &sacl_size, owner_buffer, &owner_size, group_buffer, &group_size),
                ERROR_INSUFFICIENT_BUFFER, "MakeAbsoluteSD sizes");
    ok(absolute_size == sizeof(SECURITY_DESCRIPTOR) && dacl_size == sizeof(acl_buffer) && sacl_size == 0 && owner_size == 16 &&
           group_size == 12,
       "sizes %lu %lu %lu %lu %lu", absolute_size, dacl_size, sacl_size, owner_size, group_size);
    ok(MakeAbsoluteSD(relative, absolute_buffer, &absolute_size, (PACL)dacl_buffer, &dacl_size, (PACL)sacl_buffer,
                      &sacl_size, owner_buffer, &owner_size, group_buffer, &group_size),
       "MakeAbsoluteSD");
    ok(GetSecurityDescriptorOwner(absolute_buffer, &owner, &defaulted) && owner == (PSID)owner_buffer &&
           EqualSid(owner, admins),
       "absolute owner in its buffer");
    ok(GetSecurityDescriptorControl(absolute_buffer, &control, &revision) && !(control & SE_SELF_RELATIVE),
       "absolute again");
}

static void test_acl(void)
{
    BYTE buffer[256], small[28]; /* room for one ACE naming Everyone (20 bytes) */
    PACL acl = (PACL)buffer;
    ACL_SIZE_INFORMATION size_info;
    ACL_REVISION_INFORMATION revision_info;
    ACCESS_ALLOWED_ACE *ace;
    void *free_ace;
    PSID world = well_known(WinWorldSid), admins = well_known(WinBuiltinAdministratorsSid);
    BYTE bad_sid[8] = {9, 0};

    expect_fail(InitializeAcl(acl, 4, ACL_REVISION), ERROR_INSUFFICIENT_BUFFER, "InitializeAcl too small");
    expect_fail(InitializeAcl(acl, sizeof(buffer), 7), ERROR_INVALID_PARAMETER, "InitializeAcl bad revision");
    ok(InitializeAcl(acl, sizeof(buffer), ACL_REVISION), "InitializeAcl");
    ok(IsValidAcl(acl) && acl->AceCount == 0 && acl->AclSize == sizeof(buffer) && acl->AclRevision == ACL_REVISION,
       "fresh ACL");
    ok(GetAclInformation(acl, &size_info, sizeof(size_info), AclSizeInformation) && size_info.AceCount == 0 &&
           size_info.AclBytesInUse == 8 && size_info.AclBytesFree == sizeof(buffer) - 8,
       "size information");
    ok(!GetAclInformation(acl, &size_info, 4, AclSizeInformation), "size information short");
    ok(GetAclInformation(acl, &revision_info, sizeof(revision_info), AclRevisionInformation) &&
           revision_info.AclRevision == ACL_REVISION,
       "revision information");

    ok(AddAccessAllowedAce(acl, ACL_REVISION, GENERIC_READ, world), "AddAccessAllowedAce");
    ok(AddAccessDeniedAce(acl, ACL_REVISION, GENERIC_WRITE, world), "AddAccessDeniedAce");
    ok(AddAccessAllowedAceEx(acl, ACL_REVISION, OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE, FILE_ALL_ACCESS, admins),
       "AddAccessAllowedAceEx");
    /* Refused ACEs, in an ACL of their own. */
    {
        BYTE scratch_buffer[128];
        PACL scratch = (PACL)scratch_buffer;
        InitializeAcl(scratch, sizeof(scratch_buffer), ACL_REVISION);
        expect_fail(AddAccessAllowedAceEx(scratch, ACL_REVISION, FAILED_ACCESS_ACE_FLAG, 1, admins), ERROR_INVALID_FLAGS,
                    "an audit flag on an allowed ACE");
        expect_fail(AddAccessAllowedAce(scratch, ACL_REVISION, 1, bad_sid), ERROR_INVALID_SID, "bad SID");
        expect_fail(AddAccessAllowedAce(scratch, 9, 1, world), ERROR_REVISION_MISMATCH, "bad ACE revision");
    }
    ok(acl->AceCount == 3, "three ACEs");
    ok(GetAce(acl, 2, (void **)&ace) && ace->Header.AceType == ACCESS_ALLOWED_ACE_TYPE &&
           ace->Header.AceFlags == (OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE) && ace->Header.AceSize == 24 &&
           ace->Mask == FILE_ALL_ACCESS && EqualSid(&ace->SidStart, admins),
       "the third ACE");
    ok(GetAce(acl, 1, (void **)&ace) && ace->Header.AceType == ACCESS_DENIED_ACE_TYPE && ace->Mask == GENERIC_WRITE,
       "the denied ACE");
    expect_fail(GetAce(acl, 3, (void **)&ace), ERROR_INVALID_PARAMETER, "GetAce past the end");
    ok(FindFirstFreeAce(acl, &free_ace) && (BYTE *)free_ace == buffer + 8 + 20 + 20 + 24, "FindFirstFreeAce");

    ok(DeleteAce(acl, 0), "DeleteAce");
    ok(acl->AceCount == 2 && GetAce(acl, 0, (void **)&ace) && ace->Header.AceType == ACCESS_DENIED_ACE_TYPE,
       "the rest moved up");
    expect_fail(DeleteAce(acl, 5), ERROR_INVALID_PARAMETER, "DeleteAce past the end");

    /* AddAce inserts copies of whole ACEs at an index. */
    {
        BYTE copy[20];
        GetAce(acl, 0, (void **)&ace);
        memcpy(copy, ace, 20);
        ((ACE_HEADER *)copy)->AceType = ACCESS_ALLOWED_ACE_TYPE;
        ok(AddAce(acl, ACL_REVISION, 0, copy, 20), "AddAce at 0");
        ok(acl->AceCount == 3 && GetAce(acl, 0, (void **)&ace) && ace->Header.AceType == ACCESS_ALLOWED_ACE_TYPE &&
               EqualSid(&ace->SidStart, world),
           "inserted first");
        ok(AddAce(acl, ACL_REVISION, MAXDWORD, copy, 20) && acl->AceCount == 4, "AddAce at the end");
    }

    /* A full ACL. */
    ok(InitializeAcl((PACL)small, sizeof(small), ACL_REVISION), "small ACL");
    ok(AddAccessAllowedAce((PACL)small, ACL_REVISION, 1, world), "one ACE fits");
    expect_fail(AddAccessAllowedAce((PACL)small, ACL_REVISION, 1, world), ERROR_ALLOTTED_SPACE_EXCEEDED,
                "the second does not");
    ok(FindFirstFreeAce((PACL)small, &free_ace) && free_ace == small + sizeof(small),
       "full: the byte after the ACL");

    /* Mandatory labels. */
    ok(InitializeAcl(acl, sizeof(buffer), ACL_REVISION), "label ACL");
    ok(AddMandatoryAce(acl, ACL_REVISION, 0, SYSTEM_MANDATORY_LABEL_NO_WRITE_UP, well_known(WinHighLabelSid)),
       "AddMandatoryAce");
    ok(GetAce(acl, 0, (void **)&ace) && ace->Header.AceType == SYSTEM_MANDATORY_LABEL_ACE_TYPE && ace->Mask == 1,
       "label ACE");
    expect_fail(AddMandatoryAce(acl, ACL_REVISION, 0, 0x10, well_known(WinHighLabelSid)), ERROR_INVALID_PARAMETER,
                "bad policy");

    {
        GENERIC_MAPPING mapping = {FILE_GENERIC_READ, FILE_GENERIC_WRITE, FILE_GENERIC_EXECUTE, FILE_ALL_ACCESS};
        DWORD mask = GENERIC_READ | DELETE;
        MapGenericMask(&mask, &mapping);
        ok(mask == (FILE_GENERIC_READ | DELETE), "MapGenericMask %lx", mask);
    }
}

static void roundtrip(const char *in, const char *expected, SECURITY_INFORMATION info)
{
    PSECURITY_DESCRIPTOR sd = NULL;
    char *out = NULL;
    ULONG size = 0, length = 0;
    ok(ConvertStringSecurityDescriptorToSecurityDescriptorA(in, SDDL_REVISION_1, &sd, &size), "parse %s: %lu", in,
       GetLastError());
    if (!sd) return;
    ok(IsValidSecurityDescriptor(sd) && GetSecurityDescriptorLength(sd) == size, "%s: valid, size %lu", in, size);
    ok(ConvertSecurityDescriptorToStringSecurityDescriptorA(sd, SDDL_REVISION_1, info, &out, &length), "print %s", in);
    ok(out && !strcmp(out, expected) && length == strlen(expected) + 1, "%s -> %s (%lu), expected %s", in,
       out ? out : "(null)", length, expected);
    LocalFree(out);
    LocalFree(sd);
}

static void test_sddl(void)
{
    const SECURITY_INFORMATION all = OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION |
                                     DACL_SECURITY_INFORMATION | SACL_SECURITY_INFORMATION;
    PSECURITY_DESCRIPTOR sd = NULL;
    BOOL present, defaulted;
    PACL dacl;
    PSID owner;
    ACCESS_ALLOWED_ACE *ace;
    SECURITY_DESCRIPTOR_CONTROL control;
    DWORD revision;
    WCHAR *wide = NULL;

    if (!ok(ConvertStringSecurityDescriptorToSecurityDescriptorA("O:BAG:SYD:P(A;OICI;FA;;;BA)(D;;0x10;;;WD)",
                                                                SDDL_REVISION_1, &sd, NULL),
            "parse: %lu", GetLastError()))
        return;
    ok(GetSecurityDescriptorControl(sd, &control, &revision) &&
           control == (SE_SELF_RELATIVE | SE_DACL_PRESENT | SE_DACL_PROTECTED),
       "control %x", control);
    ok(GetSecurityDescriptorOwner(sd, &owner, &defaulted) && IsWellKnownSid(owner, WinBuiltinAdministratorsSid),
       "owner BA");
    ok(GetSecurityDescriptorDacl(sd, &present, &dacl, &defaulted) && present && dacl->AceCount == 2 &&
           dacl->AclRevision == ACL_REVISION,
       "two ACEs");
    ok(GetAce(dacl, 0, (void **)&ace) && ace->Header.AceType == ACCESS_ALLOWED_ACE_TYPE &&
           ace->Header.AceFlags == (OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE) && ace->Mask == FILE_ALL_ACCESS,
       "first ACE");
    ok(GetAce(dacl, 1, (void **)&ace) && ace->Header.AceType == ACCESS_DENIED_ACE_TYPE && ace->Mask == 0x10 &&
           IsWellKnownSid(&ace->SidStart, WinWorldSid),
       "second ACE");
    LocalFree(sd);

    roundtrip("O:BAG:SYD:P(A;OICI;FA;;;BA)(D;;0x10;;;WD)", "O:BAG:SYD:P(A;OICI;FA;;;BA)(D;;RP;;;WD)", all);
    roundtrip("D:(A;;GA;;;SY)(A;;GRGX;;;BU)", "D:(A;;GA;;;SY)(A;;GXGR;;;BU)", all);
    roundtrip("D:(A;CI;KR;;;BU)(A;;KA;;;BA)", "D:(A;CI;KR;;;BU)(A;;KA;;;BA)", all);
    roundtrip("D:(A;;0x1200a9;;;S-1-5-21-1-2-3-1001)", "D:(A;;0x1200a9;;;S-1-5-21-1-2-3-1001)", all);
    roundtrip("D:(A;;FRFW;;;AU)", "D:(A;;0x12019f;;;AU)", all);
    roundtrip("O:SYD:", "O:SYD:", all);
    roundtrip("D:NO_ACCESS_CONTROL", "D:NO_ACCESS_CONTROL", all);
    roundtrip("D:PAI(A;OICIIO;GA;;;CO)", "D:PAI(A;OICIIO;GA;;;CO)", all);
    roundtrip("S:(ML;;NW;;;HI)", "S:(ML;;NW;;;HI)", LABEL_SECURITY_INFORMATION);
    roundtrip("S:(AU;SAFA;FA;;;WD)", "S:(AU;SAFA;FA;;;WD)", all);
    roundtrip("O:BAG:BAD:(A;;FA;;;BA)", "O:BA", OWNER_SECURITY_INFORMATION);
    roundtrip("O:BAG:BAD:(A;;FA;;;BA)", "D:(A;;FA;;;BA)", DACL_SECURITY_INFORMATION);
    roundtrip(" O:BA G:SY ", "O:BAG:SY", all);

    expect_fail(ConvertStringSecurityDescriptorToSecurityDescriptorA("D:(A;;FA;;;BA)", 2, &sd, NULL),
                ERROR_UNKNOWN_REVISION, "revision 2");
    ok(!ConvertStringSecurityDescriptorToSecurityDescriptorA(NULL, SDDL_REVISION_1, &sd, NULL), "NULL string");
    expect_fail(ConvertStringSecurityDescriptorToSecurityDescriptorA("X:BA", SDDL_REVISION_1, &sd, NULL),
                ERROR_INVALID_PARAMETER, "unknown component");
    ok(!ConvertStringSecurityDescriptorToSecurityDescriptorA("D:(Q;;FA;;;BA)", SDDL_REVISION_1, &sd, NULL),
       "unknown ACE type");
    ok(!ConvertStringSecurityDescriptorToSecurityDescriptorA("D:(A;;FA;;;BA", SDDL_REVISION_1, &sd, NULL),
       "unclosed ACE");

    if (!ok(ConvertStringSecurityDescriptorToSecurityDescriptorW(L"O:BAD:(A;;FA;;;WD)", SDDL_REVISION_1, &sd, NULL),
            "wide parse"))
        return;
    ok(ConvertSecurityDescriptorToStringSecurityDescriptorW(sd, SDDL_REVISION_1, OWNER_SECURITY_INFORMATION |
                                                                                   DACL_SECURITY_INFORMATION,
                                                            &wide, NULL) &&
           !wcscmp(wide, L"O:BAD:(A;;FA;;;WD)"),
       "wide print");
    LocalFree(wide);
    LocalFree(sd);
}

/* AccessCheck of `desired` against the descriptor `sddl` for `token`. */
static BOOL check(HANDLE token, const char *sddl, DWORD desired, DWORD *granted, BOOL *status)
{
    GENERIC_MAPPING mapping = {FILE_GENERIC_READ, FILE_GENERIC_WRITE, FILE_GENERIC_EXECUTE, FILE_ALL_ACCESS};
    PSECURITY_DESCRIPTOR sd = NULL;
    BYTE privileges[sizeof(PRIVILEGE_SET) + sizeof(LUID_AND_ATTRIBUTES)];
    DWORD length = sizeof(privileges);
    BOOL ret;
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorA(sddl, SDDL_REVISION_1, &sd, NULL)) return FALSE;
    *granted = 0xdeadbeef;
    *status = 0xdeadbeef;
    SetLastError(0xdeadbeef);
    ret = AccessCheck(sd, token, desired, &mapping, (PRIVILEGE_SET *)privileges, &length, granted, status);
    LocalFree(sd);
    return ret;
}

static void test_access_check(void)
{
    HANDLE process, token = NULL;
    DWORD granted;
    BOOL status;
    const char *sd = "O:BAG:BAD:(A;;0x1;;;WD)(D;;0x2;;;BA)(A;;0x6;;;WD)";

    ok(OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY | TOKEN_DUPLICATE, &process), "OpenProcessToken");
    expect_fail(check(process, sd, FILE_READ_DATA, &granted, &status), ERROR_NO_IMPERSONATION_TOKEN,
                "a primary token");
    ok(DuplicateToken(process, SecurityImpersonation, &token), "DuplicateToken");
    CloseHandle(process);

    ok(check(token, sd, FILE_READ_DATA, &granted, &status) && status && granted == FILE_READ_DATA,
       "allowed: status %d granted %lx", status, granted);
    ok(check(token, sd, FILE_WRITE_DATA, &granted, &status) && !status && granted == 0 &&
           GetLastError() == ERROR_ACCESS_DENIED,
       "denied before allowed: status %d granted %lx error %lu", status, granted, GetLastError());
    ok(check(token, sd, FILE_APPEND_DATA, &granted, &status) && status && granted == FILE_APPEND_DATA,
       "allowed by a later ACE");
    ok(check(token, sd, MAXIMUM_ALLOWED, &granted, &status) && status &&
           granted == (FILE_READ_DATA | FILE_APPEND_DATA | READ_CONTROL | WRITE_DAC),
       "MAXIMUM_ALLOWED: %lx", granted);
    ok(check(token, "O:BAG:BAD:", READ_CONTROL | WRITE_DAC, &granted, &status) && status &&
           granted == (READ_CONTROL | WRITE_DAC),
       "the owner may read and change the DACL");
    ok(check(token, "O:BAG:BAD:", FILE_READ_DATA, &granted, &status) && !status, "an empty DACL grants nothing else");
    ok(check(token, "O:BAG:BAD:NO_ACCESS_CONTROL", FILE_WRITE_DATA | DELETE, &granted, &status) && status &&
           granted == (FILE_WRITE_DATA | DELETE),
       "a NULL DACL grants everything");
    ok(check(token, "O:BAG:BAD:(A;;GR;;;WD)", FILE_READ_DATA | FILE_READ_ATTRIBUTES, &granted, &status) && status,
       "generic rights in ACEs are mapped");
    ok(check(token, "O:BAG:BAD:(A;IO;FA;;;WD)", FILE_READ_DATA, &granted, &status) && !status,
       "inherit-only ACEs do not apply");
    ok(check(token, "O:BAG:BAD:(A;;FA;;;SY)", FILE_READ_DATA, &granted, &status) && !status, "ACEs for others");
    expect_fail(check(token, sd, GENERIC_READ, &granted, &status), ERROR_GENERIC_NOT_MAPPED, "generic rights asked");
    expect_fail(check(token, "D:(A;;FA;;;WD)", FILE_READ_DATA, &granted, &status), ERROR_INVALID_SECURITY_DESCR,
                "no owner");
    CloseHandle(token);
}

static void test_entries(void)
{
    EXPLICIT_ACCESS_A entries[2];
    EXPLICIT_ACCESSW *found = NULL;
    PACL acl = NULL, merged = NULL;
    ULONG count = 0;
    ACCESS_ALLOWED_ACE *ace;
    PSID world = well_known(WinWorldSid), admins = well_known(WinBuiltinAdministratorsSid);
    char users[] = "BUILTIN\\Users";

    memset(entries, 0, sizeof(entries));
    entries[0].grfAccessPermissions = FILE_GENERIC_READ;
    entries[0].grfAccessMode = GRANT_ACCESS;
    entries[0].grfInheritance = SUB_CONTAINERS_AND_OBJECTS_INHERIT;
    BuildTrusteeWithSidA(&entries[0].Trustee, world);
    BuildExplicitAccessWithNameA(&entries[1], users, FILE_GENERIC_WRITE, DENY_ACCESS, NO_INHERITANCE);
    ok(GetTrusteeFormA(&entries[1].Trustee) == TRUSTEE_IS_NAME && !strcmp(GetTrusteeNameA(&entries[1].Trustee), users),
       "BuildExplicitAccessWithName");
    ok(SetEntriesInAclA(2, entries, NULL, &acl) == ERROR_SUCCESS && acl && IsValidAcl(acl), "SetEntriesInAclA");
    ok(acl && acl->AceCount == 2, "two ACEs");
    ok(acl && GetAce(acl, 0, (void **)&ace) && ace->Header.AceType == ACCESS_DENIED_ACE_TYPE &&
           ace->Mask == FILE_GENERIC_WRITE && IsWellKnownSid(&ace->SidStart, WinBuiltinUsersSid),
       "the denial first");
    ok(acl && GetAce(acl, 1, (void **)&ace) && ace->Header.AceType == ACCESS_ALLOWED_ACE_TYPE &&
           ace->Header.AceFlags == (OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE) && ace->Mask == FILE_GENERIC_READ &&
           EqualSid(&ace->SidStart, world),
       "then the grant");

    /* SET_ACCESS replaces what the trustee had; GRANT_ACCESS adds to it. */
    memset(entries, 0, sizeof(entries));
    entries[0].grfAccessPermissions = FILE_ALL_ACCESS;
    entries[0].grfAccessMode = SET_ACCESS;
    BuildTrusteeWithSidA(&entries[0].Trustee, admins);
    entries[1].grfAccessPermissions = FILE_GENERIC_EXECUTE;
    entries[1].grfAccessMode = GRANT_ACCESS;
    entries[1].grfInheritance = SUB_CONTAINERS_AND_OBJECTS_INHERIT;
    BuildTrusteeWithSidA(&entries[1].Trustee, world);
    ok(SetEntriesInAclA(2, entries, acl, &merged) == ERROR_SUCCESS && merged && merged->AceCount == 3,
       "merged: %u ACEs", merged ? merged->AceCount : 0);
    ok(GetExplicitEntriesFromAclW(merged, &count, &found) == ERROR_SUCCESS && count == 3 && found, "GetExplicitEntriesFromAclW");
    if (found) {
        ULONG i;
        int seen = 0;
        for (i = 0; i < count; ++i) {
            ok(found[i].Trustee.TrusteeForm == TRUSTEE_IS_SID, "entries name SIDs");
            if (EqualSid(found[i].Trustee.ptstrName, world) && found[i].grfAccessMode == GRANT_ACCESS &&
                found[i].grfAccessPermissions == (FILE_GENERIC_READ | FILE_GENERIC_EXECUTE))
                seen |= 1;
            if (EqualSid(found[i].Trustee.ptstrName, admins) && found[i].grfAccessMode == GRANT_ACCESS &&
                found[i].grfAccessPermissions == FILE_ALL_ACCESS)
                seen |= 2;
            if (found[i].grfAccessMode == DENY_ACCESS) seen |= 4;
        }
        ok(seen == 7, "Everyone's rights combined, Administrators set, the denial kept (%d)", seen);
        LocalFree(found);
    }
    LocalFree(merged);

    /* REVOKE_ACCESS removes the trustee's grants. */
    memset(entries, 0, sizeof(entries));
    entries[0].grfAccessMode = REVOKE_ACCESS;
    BuildTrusteeWithSidA(&entries[0].Trustee, world);
    ok(SetEntriesInAclA(1, entries, acl, &merged) == ERROR_SUCCESS && merged && merged->AceCount == 1, "revoked");
    LocalFree(merged);

    BuildExplicitAccessWithNameA(&entries[0], (char *)"NoSuchAccountForVine", FILE_GENERIC_READ, GRANT_ACCESS, 0);
    ok(SetEntriesInAclA(1, entries, acl, &merged) == ERROR_NONE_MAPPED, "an unknown name");
    LocalFree(acl);
}

int main(void)
{
    test_descriptor();
    test_acl();
    test_sddl();
    test_access_check();
    test_entries();
    return vt_summary();
}
