// Security descriptors and ACLs for Win32 programs: ntdll's Rtl* functions
// under Win32 names, BOOL for BOOLEAN, and the last error for NTSTATUS.
#include "advapi32_private.h"

namespace {

// The Ex forms refuse flags outside the inheritance set with their own code.
bool inherit_flags_valid(DWORD flags) { return !(flags & ~VALID_INHERIT_FLAGS); }

}  // namespace

// ---- descriptors ----
VINE_EXPORT BOOL InitializeSecurityDescriptor(PSECURITY_DESCRIPTOR sd, DWORD revision) {
    return succeeded(RtlCreateSecurityDescriptor(sd, revision));
}

VINE_EXPORT BOOL IsValidSecurityDescriptor(PSECURITY_DESCRIPTOR sd) {
    if (RtlValidSecurityDescriptor(sd)) return TRUE;
    return fail_with(ERROR_INVALID_SECURITY_DESCR);
}

VINE_EXPORT DWORD GetSecurityDescriptorLength(PSECURITY_DESCRIPTOR sd) { return RtlLengthSecurityDescriptor(sd); }

VINE_EXPORT BOOL GetSecurityDescriptorControl(PSECURITY_DESCRIPTOR sd, SECURITY_DESCRIPTOR_CONTROL* control,
                                              DWORD* revision) {
    return succeeded(RtlGetControlSecurityDescriptor(sd, control, revision));
}

VINE_EXPORT BOOL SetSecurityDescriptorControl(PSECURITY_DESCRIPTOR sd, SECURITY_DESCRIPTOR_CONTROL mask,
                                              SECURITY_DESCRIPTOR_CONTROL bits) {
    return succeeded(RtlSetControlSecurityDescriptor(sd, mask, bits));
}

VINE_EXPORT BOOL GetSecurityDescriptorDacl(PSECURITY_DESCRIPTOR sd, BOOL* present, ACL** dacl, BOOL* defaulted) {
    BOOLEAN is_present = FALSE, is_defaulted = FALSE;
    if (!succeeded(RtlGetDaclSecurityDescriptor(sd, &is_present, dacl, &is_defaulted))) return FALSE;
    *present = is_present;
    if (is_present && defaulted) *defaulted = is_defaulted;
    return TRUE;
}

VINE_EXPORT BOOL SetSecurityDescriptorDacl(PSECURITY_DESCRIPTOR sd, BOOL present, ACL* dacl, BOOL defaulted) {
    return succeeded(RtlSetDaclSecurityDescriptor(sd, present ? 1 : 0, dacl, defaulted ? 1 : 0));
}

VINE_EXPORT BOOL GetSecurityDescriptorSacl(PSECURITY_DESCRIPTOR sd, BOOL* present, ACL** sacl, BOOL* defaulted) {
    BOOLEAN is_present = FALSE, is_defaulted = FALSE;
    if (!succeeded(RtlGetSaclSecurityDescriptor(sd, &is_present, sacl, &is_defaulted))) return FALSE;
    *present = is_present;
    if (is_present && defaulted) *defaulted = is_defaulted;
    return TRUE;
}

VINE_EXPORT BOOL SetSecurityDescriptorSacl(PSECURITY_DESCRIPTOR sd, BOOL present, ACL* sacl, BOOL defaulted) {
    return succeeded(RtlSetSaclSecurityDescriptor(sd, present ? 1 : 0, sacl, defaulted ? 1 : 0));
}

VINE_EXPORT BOOL GetSecurityDescriptorOwner(PSECURITY_DESCRIPTOR sd, PSID* owner, BOOL* defaulted) {
    BOOLEAN is_defaulted = FALSE;
    if (!succeeded(RtlGetOwnerSecurityDescriptor(sd, owner, &is_defaulted))) return FALSE;
    if (defaulted) *defaulted = is_defaulted;
    return TRUE;
}

VINE_EXPORT BOOL SetSecurityDescriptorOwner(PSECURITY_DESCRIPTOR sd, PSID owner, BOOL defaulted) {
    return succeeded(RtlSetOwnerSecurityDescriptor(sd, owner, defaulted ? 1 : 0));
}

VINE_EXPORT BOOL GetSecurityDescriptorGroup(PSECURITY_DESCRIPTOR sd, PSID* group, BOOL* defaulted) {
    BOOLEAN is_defaulted = FALSE;
    if (!succeeded(RtlGetGroupSecurityDescriptor(sd, group, &is_defaulted))) return FALSE;
    if (defaulted) *defaulted = is_defaulted;
    return TRUE;
}

VINE_EXPORT BOOL SetSecurityDescriptorGroup(PSECURITY_DESCRIPTOR sd, PSID group, BOOL defaulted) {
    return succeeded(RtlSetGroupSecurityDescriptor(sd, group, defaulted ? 1 : 0));
}

// The input must be absolute (ERROR_BAD_DESCRIPTOR_FORMAT otherwise).
VINE_EXPORT BOOL MakeSelfRelativeSD(PSECURITY_DESCRIPTOR absolute, PSECURITY_DESCRIPTOR relative, DWORD* length) {
    return succeeded(RtlAbsoluteToSelfRelativeSD(absolute, relative, length));
}

VINE_EXPORT BOOL MakeAbsoluteSD(PSECURITY_DESCRIPTOR relative, PSECURITY_DESCRIPTOR absolute, DWORD* absolute_size,
                                ACL* dacl, DWORD* dacl_size, ACL* sacl, DWORD* sacl_size, PSID owner,
                                DWORD* owner_size, PSID group, DWORD* group_size) {
    return succeeded(RtlSelfRelativeToAbsoluteSD(relative, absolute, absolute_size, dacl, dacl_size, sacl, sacl_size,
                                                 owner, owner_size, group, group_size));
}

// TRUE when the check could be made; *access_status then says whether the
// rights are granted (FALSE with the last error ERROR_ACCESS_DENIED).
VINE_EXPORT BOOL AccessCheck(PSECURITY_DESCRIPTOR sd, HANDLE token, DWORD desired, const GENERIC_MAPPING* mapping,
                             PRIVILEGE_SET* privileges, DWORD* privileges_length, DWORD* granted,
                             BOOL* access_status) {
    NTSTATUS result = STATUS_SUCCESS;
    if (!access_status) return fail_with(ERROR_INVALID_PARAMETER);
    if (!succeeded(NtAccessCheck(sd, token, desired, mapping, privileges, privileges_length, granted, &result)))
        return FALSE;
    *access_status = result == STATUS_SUCCESS;
    if (result != STATUS_SUCCESS) SetLastError(RtlNtStatusToDosError(result));
    return TRUE;
}

VINE_EXPORT void MapGenericMask(ACCESS_MASK* mask, const GENERIC_MAPPING* mapping) { RtlMapGenericMask(mask, mapping); }

// ---- ACLs ----
VINE_EXPORT BOOL InitializeAcl(ACL* acl, DWORD length, DWORD revision) {
    return succeeded(RtlCreateAcl(acl, length, revision));
}

VINE_EXPORT BOOL IsValidAcl(ACL* acl) { return RtlValidAcl(acl); }

VINE_EXPORT BOOL GetAclInformation(ACL* acl, void* info, DWORD length, ACL_INFORMATION_CLASS info_class) {
    return succeeded(RtlQueryInformationAcl(acl, info, length, info_class));
}

// Only the revision may be set, and only raised.
VINE_EXPORT BOOL SetAclInformation(ACL* acl, void* info, DWORD length, ACL_INFORMATION_CLASS info_class) {
    if (info_class != AclRevisionInformation) return fail_with(ERROR_INVALID_PARAMETER);
    if (length < sizeof(ACL_REVISION_INFORMATION)) return fail_with(ERROR_INSUFFICIENT_BUFFER);
    DWORD revision = static_cast<ACL_REVISION_INFORMATION*>(info)->AclRevision;
    if (revision < acl->AclRevision || revision > MAX_ACL_REVISION) return fail_with(ERROR_INVALID_PARAMETER);
    acl->AclRevision = static_cast<BYTE>(revision);
    return TRUE;
}

VINE_EXPORT BOOL AddAce(ACL* acl, DWORD revision, DWORD start_index, void* aces, DWORD length) {
    return succeeded(RtlAddAce(acl, revision, start_index, aces, length));
}

VINE_EXPORT BOOL GetAce(ACL* acl, DWORD index, void** ace) { return succeeded(RtlGetAce(acl, index, ace)); }

VINE_EXPORT BOOL DeleteAce(ACL* acl, DWORD index) { return succeeded(RtlDeleteAce(acl, index)); }

VINE_EXPORT BOOL FindFirstFreeAce(ACL* acl, void** ace) {
    if (RtlFirstFreeAce(acl, ace)) return TRUE;
    return fail_with(ERROR_INVALID_ACL);
}

VINE_EXPORT BOOL AddAccessAllowedAce(ACL* acl, DWORD revision, ACCESS_MASK mask, PSID sid) {
    return succeeded(RtlAddAccessAllowedAce(acl, revision, mask, sid));
}

VINE_EXPORT BOOL AddAccessAllowedAceEx(ACL* acl, DWORD revision, DWORD flags, ACCESS_MASK mask, PSID sid) {
    if (!inherit_flags_valid(flags)) return fail_with(ERROR_INVALID_FLAGS);
    return succeeded(RtlAddAccessAllowedAceEx(acl, revision, flags, mask, sid));
}

VINE_EXPORT BOOL AddAccessDeniedAce(ACL* acl, DWORD revision, ACCESS_MASK mask, PSID sid) {
    return succeeded(RtlAddAccessDeniedAce(acl, revision, mask, sid));
}

VINE_EXPORT BOOL AddAccessDeniedAceEx(ACL* acl, DWORD revision, DWORD flags, ACCESS_MASK mask, PSID sid) {
    if (!inherit_flags_valid(flags)) return fail_with(ERROR_INVALID_FLAGS);
    return succeeded(RtlAddAccessDeniedAceEx(acl, revision, flags, mask, sid));
}

VINE_EXPORT BOOL AddAuditAccessAce(ACL* acl, DWORD revision, ACCESS_MASK mask, PSID sid, BOOL success, BOOL failure) {
    return succeeded(RtlAddAuditAccessAce(acl, revision, mask, sid, success ? 1 : 0, failure ? 1 : 0));
}

VINE_EXPORT BOOL AddAuditAccessAceEx(ACL* acl, DWORD revision, DWORD flags, ACCESS_MASK mask, PSID sid, BOOL success,
                                     BOOL failure) {
    if (!inherit_flags_valid(flags)) return fail_with(ERROR_INVALID_FLAGS);
    return succeeded(RtlAddAuditAccessAceEx(acl, revision, flags, mask, sid, success ? 1 : 0, failure ? 1 : 0));
}

VINE_EXPORT BOOL AddMandatoryAce(ACL* acl, DWORD revision, DWORD flags, DWORD policy, PSID label) {
    if (!inherit_flags_valid(flags)) return fail_with(ERROR_INVALID_FLAGS);
    return succeeded(RtlAddMandatoryAce(acl, revision, flags, policy, SYSTEM_MANDATORY_LABEL_ACE_TYPE, label));
}
