// Security descriptors and access control lists (winnt.h layouts): the
// absolute and self-relative descriptor forms, ACL and ACE headers, the
// ACE types and flags, and the Rtl* functions ntdll implements on them
// (dlls/ntdll/security_descriptor.cpp, acl.cpp).
#pragma once

#include "vine/security.h"

// ---- security descriptors ----
using SECURITY_DESCRIPTOR_CONTROL = WORD;
using SECURITY_INFORMATION = DWORD;
using PSECURITY_DESCRIPTOR = void*;

// The absolute form: pointers to its parts, anywhere in memory.
struct SECURITY_DESCRIPTOR {
    BYTE Revision;
    BYTE Sbz1;
    SECURITY_DESCRIPTOR_CONTROL Control;
    PSID Owner;
    PSID Group;
    ACL* Sacl;
    ACL* Dacl;
};
static_assert(sizeof(SECURITY_DESCRIPTOR) == 40 && offsetof(SECURITY_DESCRIPTOR, Dacl) == 32);

// The self-relative form: one block, its parts at offsets from its start
// (0 for a part it lacks).
struct SECURITY_DESCRIPTOR_RELATIVE {
    BYTE Revision;
    BYTE Sbz1;
    SECURITY_DESCRIPTOR_CONTROL Control;
    DWORD Owner;
    DWORD Group;
    DWORD Sacl;
    DWORD Dacl;
};
static_assert(sizeof(SECURITY_DESCRIPTOR_RELATIVE) == 20);

constexpr DWORD SECURITY_DESCRIPTOR_REVISION = 1;
constexpr DWORD SECURITY_DESCRIPTOR_MIN_LENGTH = sizeof(SECURITY_DESCRIPTOR);

constexpr SECURITY_DESCRIPTOR_CONTROL SE_OWNER_DEFAULTED = 0x0001, SE_GROUP_DEFAULTED = 0x0002,
                                      SE_DACL_PRESENT = 0x0004, SE_DACL_DEFAULTED = 0x0008,
                                      SE_SACL_PRESENT = 0x0010, SE_SACL_DEFAULTED = 0x0020,
                                      SE_DACL_UNTRUSTED = 0x0040, SE_SERVER_SECURITY = 0x0080,
                                      SE_DACL_AUTO_INHERIT_REQ = 0x0100, SE_SACL_AUTO_INHERIT_REQ = 0x0200,
                                      SE_DACL_AUTO_INHERITED = 0x0400, SE_SACL_AUTO_INHERITED = 0x0800,
                                      SE_DACL_PROTECTED = 0x1000, SE_SACL_PROTECTED = 0x2000,
                                      SE_RM_CONTROL_VALID = 0x4000, SE_SELF_RELATIVE = 0x8000;

constexpr SECURITY_INFORMATION OWNER_SECURITY_INFORMATION = 0x1, GROUP_SECURITY_INFORMATION = 0x2,
                               DACL_SECURITY_INFORMATION = 0x4, SACL_SECURITY_INFORMATION = 0x8,
                               LABEL_SECURITY_INFORMATION = 0x10, ATTRIBUTE_SECURITY_INFORMATION = 0x20,
                               SCOPE_SECURITY_INFORMATION = 0x40, PROCESS_TRUST_LABEL_SECURITY_INFORMATION = 0x80,
                               BACKUP_SECURITY_INFORMATION = 0x10000,
                               UNPROTECTED_SACL_SECURITY_INFORMATION = 0x10000000,
                               UNPROTECTED_DACL_SECURITY_INFORMATION = 0x20000000,
                               PROTECTED_SACL_SECURITY_INFORMATION = 0x40000000,
                               PROTECTED_DACL_SECURITY_INFORMATION = 0x80000000;

// ---- ACLs and ACEs ----
constexpr BYTE ACL_REVISION_DS = 4, MIN_ACL_REVISION = 2, MAX_ACL_REVISION = 4;

constexpr BYTE ACCESS_DENIED_ACE_TYPE = 1, SYSTEM_AUDIT_ACE_TYPE = 2, SYSTEM_ALARM_ACE_TYPE = 3,
               ACCESS_ALLOWED_OBJECT_ACE_TYPE = 5, ACCESS_DENIED_OBJECT_ACE_TYPE = 6,
               SYSTEM_AUDIT_OBJECT_ACE_TYPE = 7, SYSTEM_ALARM_OBJECT_ACE_TYPE = 8,
               SYSTEM_MANDATORY_LABEL_ACE_TYPE = 0x11, SYSTEM_RESOURCE_ATTRIBUTE_ACE_TYPE = 0x12,
               SYSTEM_SCOPED_POLICY_ID_ACE_TYPE = 0x13;

constexpr BYTE OBJECT_INHERIT_ACE = 0x1, CONTAINER_INHERIT_ACE = 0x2, NO_PROPAGATE_INHERIT_ACE = 0x4,
               INHERIT_ONLY_ACE = 0x8, INHERITED_ACE = 0x10, VALID_INHERIT_FLAGS = 0x1f,
               SUCCESSFUL_ACCESS_ACE_FLAG = 0x40, FAILED_ACCESS_ACE_FLAG = 0x80;

constexpr ACCESS_MASK SYSTEM_MANDATORY_LABEL_NO_WRITE_UP = 0x1, SYSTEM_MANDATORY_LABEL_NO_READ_UP = 0x2,
                      SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP = 0x4, SYSTEM_MANDATORY_LABEL_VALID_MASK = 0x7;

// ACCESS_DENIED_ACE, SYSTEM_AUDIT_ACE and SYSTEM_MANDATORY_LABEL_ACE have
// ACCESS_ALLOWED_ACE's layout: header, mask, then the SID.
struct ACCESS_DENIED_ACE {
    ACE_HEADER Header;
    ACCESS_MASK Mask;
    DWORD SidStart;
};
struct SYSTEM_AUDIT_ACE {
    ACE_HEADER Header;
    ACCESS_MASK Mask;
    DWORD SidStart;
};
struct SYSTEM_MANDATORY_LABEL_ACE {
    ACE_HEADER Header;
    ACCESS_MASK Mask;
    DWORD SidStart;
};

enum ACL_INFORMATION_CLASS { AclRevisionInformation = 1, AclSizeInformation };
struct ACL_REVISION_INFORMATION {
    DWORD AclRevision;
};
struct ACL_SIZE_INFORMATION {
    DWORD AceCount;
    DWORD AclBytesInUse;
    DWORD AclBytesFree;
};
static_assert(sizeof(ACL_SIZE_INFORMATION) == 12);

struct GENERIC_MAPPING {
    ACCESS_MASK GenericRead;
    ACCESS_MASK GenericWrite;
    ACCESS_MASK GenericExecute;
    ACCESS_MASK GenericAll;
};
static_assert(sizeof(GENERIC_MAPPING) == 16);

// Statuses of the descriptor and ACL functions.
constexpr NTSTATUS STATUS_UNKNOWN_REVISION = nt_status(0xc0000058);
constexpr NTSTATUS STATUS_INVALID_OWNER = nt_status(0xc000005a);
constexpr NTSTATUS STATUS_INVALID_PRIMARY_GROUP = nt_status(0xc000005b);
constexpr NTSTATUS STATUS_INVALID_ACL = nt_status(0xc0000077);
constexpr NTSTATUS STATUS_INVALID_SECURITY_DESCR = nt_status(0xc0000079);
constexpr NTSTATUS STATUS_ALLOTTED_SPACE_EXCEEDED = nt_status(0xc0000099);
constexpr NTSTATUS STATUS_BAD_DESCRIPTOR_FORMAT = nt_status(0xc00000e7);
constexpr NTSTATUS STATUS_GENERIC_NOT_MAPPED = nt_status(0xc00000e6);

extern "C" {
WINAPI NTSTATUS RtlCreateSecurityDescriptor(PSECURITY_DESCRIPTOR sd, ULONG revision);
WINAPI BOOLEAN RtlValidSecurityDescriptor(PSECURITY_DESCRIPTOR sd);
WINAPI BOOLEAN RtlValidRelativeSecurityDescriptor(PSECURITY_DESCRIPTOR sd, ULONG length,
                                                  SECURITY_INFORMATION required);
WINAPI ULONG RtlLengthSecurityDescriptor(PSECURITY_DESCRIPTOR sd);
WINAPI NTSTATUS RtlGetControlSecurityDescriptor(PSECURITY_DESCRIPTOR sd, SECURITY_DESCRIPTOR_CONTROL* control,
                                                ULONG* revision);
WINAPI NTSTATUS RtlSetControlSecurityDescriptor(PSECURITY_DESCRIPTOR sd, SECURITY_DESCRIPTOR_CONTROL mask,
                                                SECURITY_DESCRIPTOR_CONTROL bits);
WINAPI NTSTATUS RtlGetDaclSecurityDescriptor(PSECURITY_DESCRIPTOR sd, BOOLEAN* present, ACL** dacl,
                                             BOOLEAN* defaulted);
WINAPI NTSTATUS RtlSetDaclSecurityDescriptor(PSECURITY_DESCRIPTOR sd, BOOLEAN present, ACL* dacl,
                                             BOOLEAN defaulted);
WINAPI NTSTATUS RtlGetSaclSecurityDescriptor(PSECURITY_DESCRIPTOR sd, BOOLEAN* present, ACL** sacl,
                                             BOOLEAN* defaulted);
WINAPI NTSTATUS RtlSetSaclSecurityDescriptor(PSECURITY_DESCRIPTOR sd, BOOLEAN present, ACL* sacl,
                                             BOOLEAN defaulted);
WINAPI NTSTATUS RtlGetOwnerSecurityDescriptor(PSECURITY_DESCRIPTOR sd, PSID* owner, BOOLEAN* defaulted);
WINAPI NTSTATUS RtlSetOwnerSecurityDescriptor(PSECURITY_DESCRIPTOR sd, PSID owner, BOOLEAN defaulted);
WINAPI NTSTATUS RtlGetGroupSecurityDescriptor(PSECURITY_DESCRIPTOR sd, PSID* group, BOOLEAN* defaulted);
WINAPI NTSTATUS RtlSetGroupSecurityDescriptor(PSECURITY_DESCRIPTOR sd, PSID group, BOOLEAN defaulted);
WINAPI NTSTATUS RtlMakeSelfRelativeSD(PSECURITY_DESCRIPTOR absolute, PSECURITY_DESCRIPTOR relative, ULONG* length);
WINAPI NTSTATUS RtlAbsoluteToSelfRelativeSD(PSECURITY_DESCRIPTOR absolute, PSECURITY_DESCRIPTOR relative,
                                            ULONG* length);
WINAPI NTSTATUS RtlSelfRelativeToAbsoluteSD(PSECURITY_DESCRIPTOR relative, PSECURITY_DESCRIPTOR absolute,
                                            ULONG* absolute_size, ACL* dacl, ULONG* dacl_size, ACL* sacl,
                                            ULONG* sacl_size, PSID owner, ULONG* owner_size, PSID group,
                                            ULONG* group_size);
WINAPI NTSTATUS RtlCopySecurityDescriptor(PSECURITY_DESCRIPTOR source, PSECURITY_DESCRIPTOR* copy);

WINAPI NTSTATUS RtlCreateAcl(ACL* acl, ULONG size, ULONG revision);
WINAPI BOOLEAN RtlValidAcl(ACL* acl);
WINAPI NTSTATUS RtlQueryInformationAcl(ACL* acl, void* info, ULONG length, ACL_INFORMATION_CLASS info_class);
WINAPI NTSTATUS RtlAddAce(ACL* acl, ULONG revision, ULONG start_index, void* aces, ULONG length);
WINAPI NTSTATUS RtlGetAce(ACL* acl, ULONG index, void** ace);
WINAPI NTSTATUS RtlDeleteAce(ACL* acl, ULONG index);
WINAPI BOOLEAN RtlFirstFreeAce(ACL* acl, void** ace);
WINAPI NTSTATUS RtlAddAccessAllowedAce(ACL* acl, ULONG revision, ACCESS_MASK mask, PSID sid);
WINAPI NTSTATUS RtlAddAccessAllowedAceEx(ACL* acl, ULONG revision, ULONG flags, ACCESS_MASK mask, PSID sid);
WINAPI NTSTATUS RtlAddAccessDeniedAce(ACL* acl, ULONG revision, ACCESS_MASK mask, PSID sid);
WINAPI NTSTATUS RtlAddAccessDeniedAceEx(ACL* acl, ULONG revision, ULONG flags, ACCESS_MASK mask, PSID sid);
WINAPI NTSTATUS RtlAddAuditAccessAce(ACL* acl, ULONG revision, ACCESS_MASK mask, PSID sid, BOOLEAN success,
                                     BOOLEAN failure);
WINAPI NTSTATUS RtlAddAuditAccessAceEx(ACL* acl, ULONG revision, ULONG flags, ACCESS_MASK mask, PSID sid,
                                       BOOLEAN success, BOOLEAN failure);
WINAPI NTSTATUS RtlAddMandatoryAce(ACL* acl, ULONG revision, ULONG flags, ULONG policy, ULONG ace_type,
                                   PSID label);
WINAPI void RtlMapGenericMask(ACCESS_MASK* mask, const GENERIC_MAPPING* mapping);
WINAPI NTSTATUS NtQuerySecurityObject(HANDLE handle, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR sd,
                                      ULONG length, ULONG* needed);
WINAPI NTSTATUS NtSetSecurityObject(HANDLE handle, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR sd);
WINAPI NTSTATUS NtAccessCheck(PSECURITY_DESCRIPTOR sd, HANDLE token, ACCESS_MASK desired,
                              const GENERIC_MAPPING* mapping, PRIVILEGE_SET* privileges, ULONG* privileges_length,
                              ACCESS_MASK* granted, NTSTATUS* access_status);
}

// ---- explicit access entries (aclapi.h: SetEntriesInAcl, GetExplicitEntriesFromAcl) ----
enum ACCESS_MODE {
    NOT_USED_ACCESS = 0,
    GRANT_ACCESS,
    SET_ACCESS,
    DENY_ACCESS,
    REVOKE_ACCESS,
    SET_AUDIT_SUCCESS,
    SET_AUDIT_FAILURE,
};
enum MULTIPLE_TRUSTEE_OPERATION { NO_MULTIPLE_TRUSTEE = 0, TRUSTEE_IS_IMPERSONATE };
enum TRUSTEE_FORM {
    TRUSTEE_IS_SID = 0,
    TRUSTEE_IS_NAME,
    TRUSTEE_BAD_FORM,
    TRUSTEE_IS_OBJECTS_AND_SID,
    TRUSTEE_IS_OBJECTS_AND_NAME,
};
enum TRUSTEE_TYPE {
    TRUSTEE_IS_UNKNOWN = 0,
    TRUSTEE_IS_USER,
    TRUSTEE_IS_GROUP,
    TRUSTEE_IS_DOMAIN,
    TRUSTEE_IS_ALIAS,
    TRUSTEE_IS_WELL_KNOWN_GROUP,
    TRUSTEE_IS_DELETED,
    TRUSTEE_IS_INVALID,
    TRUSTEE_IS_COMPUTER,
};
struct TRUSTEE_W {
    TRUSTEE_W* pMultipleTrustee;
    MULTIPLE_TRUSTEE_OPERATION MultipleTrusteeOperation;
    TRUSTEE_FORM TrusteeForm;
    TRUSTEE_TYPE TrusteeType;
    LPWSTR ptstrName;  // a name, or (TRUSTEE_IS_SID) the SID
};
static_assert(sizeof(TRUSTEE_W) == 32);
struct EXPLICIT_ACCESS_W {
    DWORD grfAccessPermissions;
    ACCESS_MODE grfAccessMode;
    DWORD grfInheritance;
    TRUSTEE_W Trustee;
};
static_assert(sizeof(EXPLICIT_ACCESS_W) == 48);
struct TRUSTEE_A {
    TRUSTEE_A* pMultipleTrustee;
    MULTIPLE_TRUSTEE_OPERATION MultipleTrusteeOperation;
    TRUSTEE_FORM TrusteeForm;
    TRUSTEE_TYPE TrusteeType;
    LPSTR ptstrName;
};
struct EXPLICIT_ACCESS_A {
    DWORD grfAccessPermissions;
    ACCESS_MODE grfAccessMode;
    DWORD grfInheritance;
    TRUSTEE_A Trustee;
};
static_assert(sizeof(EXPLICIT_ACCESS_A) == 48);
