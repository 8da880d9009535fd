// Access control lists: creating and checking an ACL, walking, inserting
// and deleting its ACEs, the typed ACE constructors (allowed, denied,
// audit, mandatory label), and generic-rights mapping.
#include <cstring>

#include "ntdll_private.h"
#include "vine/security_descriptor.h"

namespace {

BYTE* body_of(ACL* acl) { return reinterpret_cast<BYTE*>(acl) + sizeof(ACL); }
BYTE* end_of(ACL* acl) { return reinterpret_cast<BYTE*>(acl) + acl->AclSize; }

bool valid_revision(ULONG revision) { return revision >= MIN_ACL_REVISION && revision <= MAX_ACL_REVISION; }

// Where the ACEs end, after checking that each one lies inside the ACL and
// is a whole number of DWORDs; nullptr for a damaged list.
BYTE* ace_end(ACL* acl) {
    BYTE* at = body_of(acl);
    BYTE* end = end_of(acl);
    for (WORD i = 0; i < acl->AceCount; ++i) {
        if (end - at < static_cast<ptrdiff_t>(sizeof(ACE_HEADER))) return nullptr;
        WORD size = reinterpret_cast<ACE_HEADER*>(at)->AceSize;
        if (size < sizeof(ACE_HEADER) || size % 4 || size > end - at) return nullptr;
        at += size;
    }
    return at;
}

BYTE* ace_at(ACL* acl, ULONG index) {
    BYTE* at = body_of(acl);
    for (ULONG i = 0; i < index; ++i) at += reinterpret_cast<ACE_HEADER*>(at)->AceSize;
    return at;
}

// The ACEs a revision-2 list may hold; object ACEs need revision 4.
bool object_ace(BYTE type) { return type >= ACCESS_ALLOWED_OBJECT_ACE_TYPE && type <= SYSTEM_ALARM_OBJECT_ACE_TYPE; }

// Appends an ACE of the header-mask-SID shape.
NTSTATUS add_mask_ace(ACL* acl, ULONG revision, BYTE type, ULONG flags, ACCESS_MASK mask, PSID sid) {
    if (!RtlValidSid(sid)) return STATUS_INVALID_SID;
    if (!valid_revision(revision)) return STATUS_REVISION_MISMATCH;
    if (!acl || !RtlValidAcl(acl)) return STATUS_INVALID_ACL;
    if (flags & ~(VALID_INHERIT_FLAGS | SUCCESSFUL_ACCESS_ACE_FLAG | FAILED_ACCESS_ACE_FLAG))
        return STATUS_INVALID_PARAMETER;
    BYTE* at = ace_end(acl);
    if (!at) return STATUS_INVALID_ACL;
    ULONG sid_length = RtlLengthSid(sid);
    ULONG size = offsetof(ACCESS_ALLOWED_ACE, SidStart) + sid_length;
    if (end_of(acl) - at < static_cast<ptrdiff_t>(size)) return STATUS_ALLOTTED_SPACE_EXCEEDED;
    auto* ace = reinterpret_cast<ACCESS_ALLOWED_ACE*>(at);
    ace->Header = {type, static_cast<BYTE>(flags), static_cast<WORD>(size)};
    ace->Mask = mask;
    memcpy(&ace->SidStart, sid, sid_length);
    ++acl->AceCount;
    if (revision > acl->AclRevision) acl->AclRevision = static_cast<BYTE>(revision);
    return STATUS_SUCCESS;
}

BYTE audit_flags(ULONG flags, BOOLEAN success, BOOLEAN failure) {
    return static_cast<BYTE>(flags | (success ? SUCCESSFUL_ACCESS_ACE_FLAG : 0) |
                             (failure ? FAILED_ACCESS_ACE_FLAG : 0));
}

}  // namespace

VINE_EXPORT NTSTATUS RtlCreateAcl(ACL* acl, ULONG size, ULONG revision) {
    if (!valid_revision(revision) || size > 0xffff) return STATUS_INVALID_PARAMETER;
    if (size < sizeof(ACL)) return STATUS_BUFFER_TOO_SMALL;
    memset(acl, 0, sizeof(ACL));
    acl->AclRevision = static_cast<BYTE>(revision);
    acl->AclSize = static_cast<WORD>(size & ~3u);
    return STATUS_SUCCESS;
}

VINE_EXPORT BOOLEAN RtlValidAcl(ACL* acl) {
    if (!acl || !valid_revision(acl->AclRevision) || acl->AclSize < sizeof(ACL) || acl->AclSize % 4) return FALSE;
    return ace_end(acl) != nullptr;
}

VINE_EXPORT NTSTATUS RtlQueryInformationAcl(ACL* acl, void* info, ULONG length, ACL_INFORMATION_CLASS info_class) {
    switch (info_class) {
    case AclRevisionInformation:
        if (length < sizeof(ACL_REVISION_INFORMATION)) return STATUS_BUFFER_TOO_SMALL;
        static_cast<ACL_REVISION_INFORMATION*>(info)->AclRevision = acl->AclRevision;
        return STATUS_SUCCESS;
    case AclSizeInformation: {
        if (length < sizeof(ACL_SIZE_INFORMATION)) return STATUS_BUFFER_TOO_SMALL;
        BYTE* end = ace_end(acl);
        if (!end) return STATUS_INVALID_PARAMETER;
        auto* out = static_cast<ACL_SIZE_INFORMATION*>(info);
        out->AceCount = acl->AceCount;
        out->AclBytesInUse = static_cast<DWORD>(end - reinterpret_cast<BYTE*>(acl));
        out->AclBytesFree = acl->AclSize - out->AclBytesInUse;
        return STATUS_SUCCESS;
    }
    default: return STATUS_INVALID_INFO_CLASS;
    }
}

// Inserts the ACEs of `aces` (`length` bytes of whole ACEs) before the ACE
// at start_index; an index past the end (MAXULONG) appends.
VINE_EXPORT NTSTATUS RtlAddAce(ACL* acl, ULONG revision, ULONG start_index, void* aces, ULONG length) {
    if (!acl || !RtlValidAcl(acl) || !valid_revision(revision)) return STATUS_INVALID_PARAMETER;
    auto* list = static_cast<BYTE*>(aces);
    ULONG count = 0;
    for (ULONG at = 0; at < length; ++count) {
        if (length - at < sizeof(ACE_HEADER)) return STATUS_INVALID_PARAMETER;
        const auto* header = reinterpret_cast<const ACE_HEADER*>(list + at);
        if (header->AceSize < sizeof(ACE_HEADER) || header->AceSize > length - at) return STATUS_INVALID_PARAMETER;
        if (object_ace(header->AceType) && revision < ACL_REVISION_DS) return STATUS_INVALID_PARAMETER;
        at += header->AceSize;
    }
    BYTE* end = ace_end(acl);
    if (end_of(acl) - end < static_cast<ptrdiff_t>(length)) return STATUS_BUFFER_TOO_SMALL;
    if (acl->AceCount + count > 0xffff) return STATUS_INVALID_PARAMETER;
    BYTE* insert = ace_at(acl, start_index < acl->AceCount ? start_index : acl->AceCount);
    memmove(insert + length, insert, static_cast<size_t>(end - insert));
    memcpy(insert, list, length);
    acl->AceCount = static_cast<WORD>(acl->AceCount + count);
    if (revision > acl->AclRevision) acl->AclRevision = static_cast<BYTE>(revision);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS RtlGetAce(ACL* acl, ULONG index, void** ace) {
    if (!acl || !ace || index >= acl->AceCount || !ace_end(acl)) return STATUS_INVALID_PARAMETER;
    *ace = ace_at(acl, index);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS RtlDeleteAce(ACL* acl, ULONG index) {
    if (!acl || index >= acl->AceCount) return STATUS_INVALID_PARAMETER;
    BYTE* end = ace_end(acl);
    if (!end) return STATUS_INVALID_PARAMETER;
    BYTE* at = ace_at(acl, index);
    WORD size = reinterpret_cast<ACE_HEADER*>(at)->AceSize;
    memmove(at, at + size, static_cast<size_t>(end - at - size));
    memset(end - size, 0, size);
    --acl->AceCount;
    return STATUS_SUCCESS;
}

// FALSE (and *ace null) for a damaged ACL; otherwise TRUE, with *ace the
// first free byte: the byte right after the ACL when it is full.
VINE_EXPORT BOOLEAN RtlFirstFreeAce(ACL* acl, void** ace) {
    *ace = nullptr;
    BYTE* end = acl ? ace_end(acl) : nullptr;
    if (!end) return FALSE;
    *ace = end;
    return TRUE;
}

VINE_EXPORT NTSTATUS RtlAddAccessAllowedAce(ACL* acl, ULONG revision, ACCESS_MASK mask, PSID sid) {
    return add_mask_ace(acl, revision, ACCESS_ALLOWED_ACE_TYPE, 0, mask, sid);
}
VINE_EXPORT NTSTATUS RtlAddAccessAllowedAceEx(ACL* acl, ULONG revision, ULONG flags, ACCESS_MASK mask, PSID sid) {
    if (flags & ~VALID_INHERIT_FLAGS) return STATUS_INVALID_PARAMETER;
    return add_mask_ace(acl, revision, ACCESS_ALLOWED_ACE_TYPE, flags, mask, sid);
}
VINE_EXPORT NTSTATUS RtlAddAccessDeniedAce(ACL* acl, ULONG revision, ACCESS_MASK mask, PSID sid) {
    return add_mask_ace(acl, revision, ACCESS_DENIED_ACE_TYPE, 0, mask, sid);
}
VINE_EXPORT NTSTATUS RtlAddAccessDeniedAceEx(ACL* acl, ULONG revision, ULONG flags, ACCESS_MASK mask, PSID sid) {
    if (flags & ~VALID_INHERIT_FLAGS) return STATUS_INVALID_PARAMETER;
    return add_mask_ace(acl, revision, ACCESS_DENIED_ACE_TYPE, flags, mask, sid);
}
VINE_EXPORT NTSTATUS RtlAddAuditAccessAce(ACL* acl, ULONG revision, ACCESS_MASK mask, PSID sid, BOOLEAN success,
                                          BOOLEAN failure) {
    return add_mask_ace(acl, revision, SYSTEM_AUDIT_ACE_TYPE, audit_flags(0, success, failure), mask, sid);
}
VINE_EXPORT NTSTATUS RtlAddAuditAccessAceEx(ACL* acl, ULONG revision, ULONG flags, ACCESS_MASK mask, PSID sid,
                                            BOOLEAN success, BOOLEAN failure) {
    if (flags & ~VALID_INHERIT_FLAGS) return STATUS_INVALID_PARAMETER;
    return add_mask_ace(acl, revision, SYSTEM_AUDIT_ACE_TYPE, audit_flags(flags, success, failure), mask, sid);
}

VINE_EXPORT NTSTATUS RtlAddMandatoryAce(ACL* acl, ULONG revision, ULONG flags, ULONG policy, ULONG ace_type,
                                        PSID label) {
    if (ace_type != SYSTEM_MANDATORY_LABEL_ACE_TYPE) return STATUS_INVALID_PARAMETER;
    if (policy & ~SYSTEM_MANDATORY_LABEL_VALID_MASK) return STATUS_INVALID_PARAMETER;
    if (flags & ~VALID_INHERIT_FLAGS) return STATUS_INVALID_PARAMETER;
    return add_mask_ace(acl, revision, SYSTEM_MANDATORY_LABEL_ACE_TYPE, flags, policy, label);
}

VINE_EXPORT void RtlMapGenericMask(ACCESS_MASK* mask, const GENERIC_MAPPING* mapping) {
    constexpr ACCESS_MASK read = 0x80000000, write = 0x40000000, execute = 0x20000000, all = 0x10000000;
    ACCESS_MASK in = *mask;
    ACCESS_MASK out = in & ~(read | write | execute | all);
    if (in & read) out |= mapping->GenericRead;
    if (in & write) out |= mapping->GenericWrite;
    if (in & execute) out |= mapping->GenericExecute;
    if (in & all) out |= mapping->GenericAll;
    *mask = out;
}
