// Security descriptors: building one in absolute form, reading and setting
// its owner, group, DACL, SACL and control bits (in either form), measuring
// it, and converting between the absolute and self-relative forms.
#include <cstring>
#include <initializer_list>

#include "ntdll_private.h"
#include "vine/security_descriptor.h"

namespace {

SECURITY_DESCRIPTOR* absolute_of(PSECURITY_DESCRIPTOR sd) { return static_cast<SECURITY_DESCRIPTOR*>(sd); }
SECURITY_DESCRIPTOR_RELATIVE* relative_of(PSECURITY_DESCRIPTOR sd) {
    return static_cast<SECURITY_DESCRIPTOR_RELATIVE*>(sd);
}

bool self_relative(PSECURITY_DESCRIPTOR sd) { return absolute_of(sd)->Control & SE_SELF_RELATIVE; }

// A part of a descriptor in either form (nullptr when absent).
void* part(PSECURITY_DESCRIPTOR sd, size_t which) {
    if (!self_relative(sd)) {
        SECURITY_DESCRIPTOR* abs = absolute_of(sd);
        void* parts[] = {abs->Owner, abs->Group, abs->Sacl, abs->Dacl};
        return parts[which];
    }
    SECURITY_DESCRIPTOR_RELATIVE* rel = relative_of(sd);
    DWORD offsets[] = {rel->Owner, rel->Group, rel->Sacl, rel->Dacl};
    return offsets[which] ? static_cast<BYTE*>(sd) + offsets[which] : nullptr;
}
enum Part : size_t { kOwner, kGroup, kSacl, kDacl };

ACL* acl_part(PSECURITY_DESCRIPTOR sd, Part which) { return static_cast<ACL*>(part(sd, which)); }

ULONG rounded(ULONG size) { return (size + 3) & ~3u; }

ULONG sid_size(PSID sid) { return sid ? rounded(RtlLengthSid(sid)) : 0; }
ULONG acl_size(const ACL* acl) { return acl ? rounded(acl->AclSize) : 0; }

// The ACLs a descriptor really carries: a SACL or DACL counts only when its
// PRESENT bit is set.
ACL* present_acl(PSECURITY_DESCRIPTOR sd, Part which) {
    SECURITY_DESCRIPTOR_CONTROL flag = which == kSacl ? SE_SACL_PRESENT : SE_DACL_PRESENT;
    return (absolute_of(sd)->Control & flag) ? acl_part(sd, which) : nullptr;
}

ULONG parts_size(PSECURITY_DESCRIPTOR sd) {
    return sid_size(part(sd, kOwner)) + sid_size(part(sd, kGroup)) + acl_size(present_acl(sd, kSacl)) +
           acl_size(present_acl(sd, kDacl));
}

NTSTATUS check_revision(PSECURITY_DESCRIPTOR sd) {
    return absolute_of(sd)->Revision == SECURITY_DESCRIPTOR_REVISION ? STATUS_SUCCESS : STATUS_UNKNOWN_REVISION;
}

// A setter's preconditions: the revision is known and the form is
// absolute (a self-relative block has no room to change).
NTSTATUS check_settable(PSECURITY_DESCRIPTOR sd) {
    if (NTSTATUS status = check_revision(sd)) return status;
    return self_relative(sd) ? STATUS_INVALID_SECURITY_DESCR : STATUS_SUCCESS;
}

void set_flag(SECURITY_DESCRIPTOR* sd, SECURITY_DESCRIPTOR_CONTROL flag, bool on) {
    sd->Control = on ? (sd->Control | flag) : (sd->Control & ~flag);
}

NTSTATUS get_acl(PSECURITY_DESCRIPTOR sd, Part which, BOOLEAN* present, ACL** acl, BOOLEAN* defaulted) {
    if (NTSTATUS status = check_revision(sd)) return status;
    SECURITY_DESCRIPTOR_CONTROL present_flag = which == kSacl ? SE_SACL_PRESENT : SE_DACL_PRESENT;
    SECURITY_DESCRIPTOR_CONTROL default_flag = which == kSacl ? SE_SACL_DEFAULTED : SE_DACL_DEFAULTED;
    SECURITY_DESCRIPTOR_CONTROL control = absolute_of(sd)->Control;
    *present = (control & present_flag) ? TRUE : FALSE;
    if (*present) {
        *acl = acl_part(sd, which);
        *defaulted = (control & default_flag) ? TRUE : FALSE;
    }
    return STATUS_SUCCESS;
}

NTSTATUS set_acl(PSECURITY_DESCRIPTOR sd, Part which, BOOLEAN present, ACL* acl, BOOLEAN defaulted) {
    if (NTSTATUS status = check_settable(sd)) return status;
    SECURITY_DESCRIPTOR* abs = absolute_of(sd);
    SECURITY_DESCRIPTOR_CONTROL present_flag = which == kSacl ? SE_SACL_PRESENT : SE_DACL_PRESENT;
    SECURITY_DESCRIPTOR_CONTROL default_flag = which == kSacl ? SE_SACL_DEFAULTED : SE_DACL_DEFAULTED;
    ACL*& slot = which == kSacl ? abs->Sacl : abs->Dacl;
    set_flag(abs, present_flag, present);
    slot = present ? acl : nullptr;
    set_flag(abs, default_flag, present && defaulted);
    return STATUS_SUCCESS;
}

NTSTATUS get_sid(PSECURITY_DESCRIPTOR sd, Part which, PSID* sid, BOOLEAN* defaulted) {
    if (NTSTATUS status = check_revision(sd)) return status;
    SECURITY_DESCRIPTOR_CONTROL flag = which == kOwner ? SE_OWNER_DEFAULTED : SE_GROUP_DEFAULTED;
    *sid = part(sd, which);
    *defaulted = (absolute_of(sd)->Control & flag) ? TRUE : FALSE;
    return STATUS_SUCCESS;
}

NTSTATUS set_sid(PSECURITY_DESCRIPTOR sd, Part which, PSID sid, BOOLEAN defaulted) {
    if (NTSTATUS status = check_settable(sd)) return status;
    SECURITY_DESCRIPTOR* abs = absolute_of(sd);
    (which == kOwner ? abs->Owner : abs->Group) = sid;
    set_flag(abs, which == kOwner ? SE_OWNER_DEFAULTED : SE_GROUP_DEFAULTED, defaulted);
    return STATUS_SUCCESS;
}

// Copies `size` bytes of a part to `at` and returns its offset from `base`.
DWORD place(BYTE* base, ULONG& used, const void* source, ULONG size) {
    if (!source) return 0;
    DWORD offset = used;
    memcpy(base + used, source, size);
    used += rounded(size);
    return offset;
}

}  // namespace

VINE_EXPORT NTSTATUS RtlCreateSecurityDescriptor(PSECURITY_DESCRIPTOR sd, ULONG revision) {
    if (revision != SECURITY_DESCRIPTOR_REVISION) return STATUS_UNKNOWN_REVISION;
    memset(sd, 0, sizeof(SECURITY_DESCRIPTOR));
    absolute_of(sd)->Revision = SECURITY_DESCRIPTOR_REVISION;
    return STATUS_SUCCESS;
}

VINE_EXPORT BOOLEAN RtlValidSecurityDescriptor(PSECURITY_DESCRIPTOR sd) {
    if (!sd || check_revision(sd)) return FALSE;
    for (Part which : {kOwner, kGroup})
        if (PSID sid = part(sd, which); sid && !RtlValidSid(sid)) return FALSE;
    for (Part which : {kSacl, kDacl})
        if (ACL* acl = present_acl(sd, which); acl && !RtlValidAcl(acl)) return FALSE;
    return TRUE;
}

// A self-relative descriptor received from outside (a file's attribute, a
// server reply): every offset and size is checked against `length` before
// anything is read through it.
VINE_EXPORT BOOLEAN RtlValidRelativeSecurityDescriptor(PSECURITY_DESCRIPTOR sd, ULONG length,
                                                       SECURITY_INFORMATION required) {
    if (!sd || length < sizeof(SECURITY_DESCRIPTOR_RELATIVE)) return FALSE;
    const SECURITY_DESCRIPTOR_RELATIVE* rel = relative_of(sd);
    if (rel->Revision != SECURITY_DESCRIPTOR_REVISION || !(rel->Control & SE_SELF_RELATIVE)) return FALSE;
    const BYTE* base = static_cast<const BYTE*>(sd);
    auto sid_fits = [&](DWORD offset) {
        if (!offset) return true;
        if (offset > length - 8 || offset % 4) return false;
        const SID* sid = reinterpret_cast<const SID*>(base + offset);
        return sid->Revision == SID_REVISION && sid->SubAuthorityCount <= SID_MAX_SUB_AUTHORITIES &&
               RtlLengthSid(const_cast<SID*>(sid)) <= length - offset;
    };
    auto acl_fits = [&](DWORD offset) {
        if (!offset) return true;
        if (offset > length - sizeof(ACL) || offset % 4) return false;
        ACL* acl = reinterpret_cast<ACL*>(const_cast<BYTE*>(base) + offset);
        return acl->AclSize <= length - offset && RtlValidAcl(acl);
    };
    if (!sid_fits(rel->Owner) || !sid_fits(rel->Group)) return FALSE;
    if ((rel->Control & SE_SACL_PRESENT) && !acl_fits(rel->Sacl)) return FALSE;
    if ((rel->Control & SE_DACL_PRESENT) && !acl_fits(rel->Dacl)) return FALSE;
    if ((required & OWNER_SECURITY_INFORMATION) && !rel->Owner) return FALSE;
    if ((required & GROUP_SECURITY_INFORMATION) && !rel->Group) return FALSE;
    if ((required & DACL_SECURITY_INFORMATION) && !(rel->Control & SE_DACL_PRESENT)) return FALSE;
    if ((required & SACL_SECURITY_INFORMATION) && !(rel->Control & SE_SACL_PRESENT)) return FALSE;
    return TRUE;
}

VINE_EXPORT ULONG RtlLengthSecurityDescriptor(PSECURITY_DESCRIPTOR sd) {
    if (!sd) return 0;
    ULONG header = self_relative(sd) ? sizeof(SECURITY_DESCRIPTOR_RELATIVE) : sizeof(SECURITY_DESCRIPTOR);
    return header + parts_size(sd);
}

VINE_EXPORT NTSTATUS RtlGetControlSecurityDescriptor(PSECURITY_DESCRIPTOR sd, SECURITY_DESCRIPTOR_CONTROL* control,
                                                     ULONG* revision) {
    *revision = absolute_of(sd)->Revision;
    if (NTSTATUS status = check_revision(sd)) return status;
    *control = absolute_of(sd)->Control;
    return STATUS_SUCCESS;
}

// Only the inheritance and protection bits may be set this way; the others
// follow from the parts the descriptor holds.
VINE_EXPORT NTSTATUS RtlSetControlSecurityDescriptor(PSECURITY_DESCRIPTOR sd, SECURITY_DESCRIPTOR_CONTROL mask,
                                                     SECURITY_DESCRIPTOR_CONTROL bits) {
    constexpr SECURITY_DESCRIPTOR_CONTROL settable = SE_DACL_AUTO_INHERIT_REQ | SE_SACL_AUTO_INHERIT_REQ |
                                                     SE_DACL_AUTO_INHERITED | SE_SACL_AUTO_INHERITED |
                                                     SE_DACL_PROTECTED | SE_SACL_PROTECTED | SE_DACL_UNTRUSTED |
                                                     SE_SERVER_SECURITY;
    if (NTSTATUS status = check_revision(sd)) return status;
    if ((mask | bits) & ~settable) return STATUS_INVALID_PARAMETER;
    SECURITY_DESCRIPTOR* abs = absolute_of(sd);
    abs->Control = static_cast<SECURITY_DESCRIPTOR_CONTROL>((abs->Control & ~mask) | (bits & mask));
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS RtlGetDaclSecurityDescriptor(PSECURITY_DESCRIPTOR sd, BOOLEAN* present, ACL** dacl,
                                                  BOOLEAN* defaulted) {
    return get_acl(sd, kDacl, present, dacl, defaulted);
}
VINE_EXPORT NTSTATUS RtlSetDaclSecurityDescriptor(PSECURITY_DESCRIPTOR sd, BOOLEAN present, ACL* dacl,
                                                  BOOLEAN defaulted) {
    return set_acl(sd, kDacl, present, dacl, defaulted);
}
VINE_EXPORT NTSTATUS RtlGetSaclSecurityDescriptor(PSECURITY_DESCRIPTOR sd, BOOLEAN* present, ACL** sacl,
                                                  BOOLEAN* defaulted) {
    return get_acl(sd, kSacl, present, sacl, defaulted);
}
VINE_EXPORT NTSTATUS RtlSetSaclSecurityDescriptor(PSECURITY_DESCRIPTOR sd, BOOLEAN present, ACL* sacl,
                                                  BOOLEAN defaulted) {
    return set_acl(sd, kSacl, present, sacl, defaulted);
}
VINE_EXPORT NTSTATUS RtlGetOwnerSecurityDescriptor(PSECURITY_DESCRIPTOR sd, PSID* owner, BOOLEAN* defaulted) {
    return get_sid(sd, kOwner, owner, defaulted);
}
VINE_EXPORT NTSTATUS RtlSetOwnerSecurityDescriptor(PSECURITY_DESCRIPTOR sd, PSID owner, BOOLEAN defaulted) {
    return set_sid(sd, kOwner, owner, defaulted);
}
VINE_EXPORT NTSTATUS RtlGetGroupSecurityDescriptor(PSECURITY_DESCRIPTOR sd, PSID* group, BOOLEAN* defaulted) {
    return get_sid(sd, kGroup, group, defaulted);
}
VINE_EXPORT NTSTATUS RtlSetGroupSecurityDescriptor(PSECURITY_DESCRIPTOR sd, PSID group, BOOLEAN defaulted) {
    return set_sid(sd, kGroup, group, defaulted);
}

// The parts go after the header in Windows' order: SACL, DACL, owner, group.
VINE_EXPORT NTSTATUS RtlAbsoluteToSelfRelativeSD(PSECURITY_DESCRIPTOR absolute, PSECURITY_DESCRIPTOR relative,
                                                 ULONG* length) {
    if (!absolute || !length) return STATUS_INVALID_PARAMETER;
    if (self_relative(absolute)) return STATUS_BAD_DESCRIPTOR_FORMAT;
    ULONG needed = RtlLengthSecurityDescriptor(absolute) - sizeof(SECURITY_DESCRIPTOR) +
                   sizeof(SECURITY_DESCRIPTOR_RELATIVE);
    if (*length < needed || !relative) {
        *length = needed;
        return STATUS_BUFFER_TOO_SMALL;
    }
    SECURITY_DESCRIPTOR* abs = absolute_of(absolute);
    auto* base = static_cast<BYTE*>(relative);
    ULONG used = sizeof(SECURITY_DESCRIPTOR_RELATIVE);
    SECURITY_DESCRIPTOR_RELATIVE out{abs->Revision, abs->Sbz1,
                                     static_cast<SECURITY_DESCRIPTOR_CONTROL>(abs->Control | SE_SELF_RELATIVE),
                                     0, 0, 0, 0};
    if (ACL* sacl = present_acl(absolute, kSacl)) out.Sacl = place(base, used, sacl, sacl->AclSize);
    if (ACL* dacl = present_acl(absolute, kDacl)) out.Dacl = place(base, used, dacl, dacl->AclSize);
    if (abs->Owner) out.Owner = place(base, used, abs->Owner, RtlLengthSid(abs->Owner));
    if (abs->Group) out.Group = place(base, used, abs->Group, RtlLengthSid(abs->Group));
    memcpy(relative, &out, sizeof(out));
    return STATUS_SUCCESS;
}

// A descriptor already self-relative is copied as it is.
VINE_EXPORT NTSTATUS RtlMakeSelfRelativeSD(PSECURITY_DESCRIPTOR absolute, PSECURITY_DESCRIPTOR relative,
                                           ULONG* length) {
    if (!absolute || !length) return STATUS_INVALID_PARAMETER;
    if (!self_relative(absolute)) return RtlAbsoluteToSelfRelativeSD(absolute, relative, length);
    ULONG needed = RtlLengthSecurityDescriptor(absolute);
    if (*length < needed || !relative) {
        *length = needed;
        return STATUS_BUFFER_TOO_SMALL;
    }
    memcpy(relative, absolute, needed);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS RtlSelfRelativeToAbsoluteSD(PSECURITY_DESCRIPTOR relative, PSECURITY_DESCRIPTOR absolute,
                                                 ULONG* absolute_size, ACL* dacl, ULONG* dacl_size, ACL* sacl,
                                                 ULONG* sacl_size, PSID owner, ULONG* owner_size, PSID group,
                                                 ULONG* group_size) {
    if (!relative || !absolute_size || !dacl_size || !sacl_size || !owner_size || !group_size)
        return STATUS_INVALID_PARAMETER;
    if (!self_relative(relative)) return STATUS_BAD_DESCRIPTOR_FORMAT;
    PSID source_owner = part(relative, kOwner), source_group = part(relative, kGroup);
    ACL* source_dacl = present_acl(relative, kDacl);
    ACL* source_sacl = present_acl(relative, kSacl);
    ULONG need_owner = source_owner ? RtlLengthSid(source_owner) : 0;
    ULONG need_group = source_group ? RtlLengthSid(source_group) : 0;
    ULONG need_dacl = source_dacl ? source_dacl->AclSize : 0;
    ULONG need_sacl = source_sacl ? source_sacl->AclSize : 0;
    bool small = *absolute_size < sizeof(SECURITY_DESCRIPTOR) || *owner_size < need_owner ||
                 *group_size < need_group || *dacl_size < need_dacl || *sacl_size < need_sacl;
    if (small) {
        *absolute_size = sizeof(SECURITY_DESCRIPTOR);
        *owner_size = need_owner;
        *group_size = need_group;
        *dacl_size = need_dacl;
        *sacl_size = need_sacl;
        return STATUS_BUFFER_TOO_SMALL;
    }
    if (!absolute) return STATUS_INVALID_PARAMETER;
    SECURITY_DESCRIPTOR* abs = absolute_of(absolute);
    abs->Revision = relative_of(relative)->Revision;
    abs->Sbz1 = relative_of(relative)->Sbz1;
    abs->Control = static_cast<SECURITY_DESCRIPTOR_CONTROL>(relative_of(relative)->Control & ~SE_SELF_RELATIVE);
    abs->Owner = source_owner ? (memcpy(owner, source_owner, need_owner), owner) : nullptr;
    abs->Group = source_group ? (memcpy(group, source_group, need_group), group) : nullptr;
    abs->Dacl = source_dacl ? static_cast<ACL*>(memcpy(dacl, source_dacl, need_dacl)) : nullptr;
    abs->Sacl = source_sacl ? static_cast<ACL*>(memcpy(sacl, source_sacl, need_sacl)) : nullptr;
    return STATUS_SUCCESS;
}

// A self-relative copy on the process heap (freed with RtlFreeHeap).
VINE_EXPORT NTSTATUS RtlCopySecurityDescriptor(PSECURITY_DESCRIPTOR source, PSECURITY_DESCRIPTOR* copy) {
    if (!source || !copy) return STATUS_INVALID_PARAMETER;
    ULONG length = 0;
    RtlMakeSelfRelativeSD(source, nullptr, &length);
    void* out = RtlAllocateHeap(current_teb()->ProcessEnvironmentBlock->ProcessHeap, 0, length);
    if (!out) return STATUS_NO_MEMORY;
    if (NTSTATUS status = RtlMakeSelfRelativeSD(source, out, &length)) {
        RtlFreeHeap(current_teb()->ProcessEnvironmentBlock->ProcessHeap, 0, out);
        return status;
    }
    *copy = out;
    return STATUS_SUCCESS;
}
