// NtAccessCheck: which of the rights a client asks for a security
// descriptor grants to the client's (impersonation) token. The rules of
// Windows' check: a NULL DACL grants everything; the owner always has
// READ_CONTROL and WRITE_DAC; ACEs are read in order, the first ACE that
// names a right for one of the token's SIDs (its user or an enabled group)
// allowing or denying it; inherit-only ACEs do not apply to the object;
// ACCESS_SYSTEM_SECURITY needs SeSecurityPrivilege, reported in the
// privilege set. Every token of Vine has the same user and groups
// (token.cpp) but the anonymous logon's, so the token's SIDs are read from
// the token.
#include <cstring>
#include <vector>

#include "ntdll_private.h"
#include "security_private.h"

namespace {

constexpr ACCESS_MASK kReadControl = 0x20000, kWriteDac = 0x40000, kAccessSystemSecurity = 0x01000000,
                      kMaximumAllowed = 0x02000000, kGenericRights = 0xf0000000;
constexpr DWORD kSecurityPrivilege = 8;
// What Windows returns for a bad pointer it was handed.
constexpr NTSTATUS kBadPointer = nt_status(0xc0000005);

// The token's enabled SeSecurityPrivilege, after checking that the token
// is an impersonation token the caller may query.
NTSTATUS check_token(HANDLE token, bool& security_privilege) {
    TOKEN_TYPE type{};
    ULONG size = 0;
    if (NTSTATUS status = NtQueryInformationToken(token, TokenType, &type, sizeof(type), &size)) return status;
    if (type != TokenImpersonation) return STATUS_NO_IMPERSONATION_TOKEN;
    alignas(8) BYTE buffer[sizeof(TOKEN_PRIVILEGES) + 40 * sizeof(LUID_AND_ATTRIBUTES)];
    if (NTSTATUS status = NtQueryInformationToken(token, TokenPrivileges, buffer, sizeof(buffer), &size))
        return status;
    auto* privileges = reinterpret_cast<TOKEN_PRIVILEGES*>(buffer);
    security_privilege = false;
    for (DWORD i = 0; i < privileges->PrivilegeCount; ++i)
        if (privileges->Privileges[i].Luid.LowPart == kSecurityPrivilege && !privileges->Privileges[i].Luid.HighPart &&
            (privileges->Privileges[i].Attributes & SE_PRIVILEGE_ENABLED))
            security_privilege = true;
    return STATUS_SUCCESS;
}

// The SIDs a token speaks for: its user and enabled groups.
class TokenSids {
public:
    NTSTATUS load(HANDLE token) {
        for (TOKEN_INFORMATION_CLASS info_class : {TokenUser, TokenGroups}) {
            std::vector<uint64_t>& buffer = info_class == TokenUser ? user_ : groups_;
            ULONG size = 0;
            NtQueryInformationToken(token, info_class, nullptr, 0, &size);
            buffer.assign((size + 7) / 8 + 1, 0);
            if (NTSTATUS status = NtQueryInformationToken(token, info_class, buffer.data(), size, &size))
                return status;
        }
        return STATUS_SUCCESS;
    }
    bool holds(PSID sid) const {
        if (RtlEqualSid(sid, reinterpret_cast<const TOKEN_USER*>(user_.data())->User.Sid)) return true;
        const auto* groups = reinterpret_cast<const TOKEN_GROUPS*>(groups_.data());
        for (DWORD i = 0; i < groups->GroupCount; ++i) {
            DWORD attributes = groups->Groups[i].Attributes;
            if ((attributes & SE_GROUP_ENABLED) && !(attributes & SE_GROUP_USE_FOR_DENY_ONLY) &&
                RtlEqualSid(sid, groups->Groups[i].Sid))
                return true;
        }
        return false;
    }

private:
    std::vector<uint64_t> user_, groups_;
};

// The rights the DACL and ownership give the token: `granted`, and those
// an ACE denied before any allowed them.
void evaluate(PSECURITY_DESCRIPTOR sd, const TokenSids& token, const GENERIC_MAPPING* mapping, ACCESS_MASK& granted,
              ACCESS_MASK& denied, bool& null_dacl) {
    granted = denied = 0;
    PSID owner = nullptr;
    BOOLEAN defaulted = FALSE, present = FALSE;
    RtlGetOwnerSecurityDescriptor(sd, &owner, &defaulted);
    if (owner && token.holds(owner)) granted |= kReadControl | kWriteDac;
    ACL* dacl = nullptr;
    RtlGetDaclSecurityDescriptor(sd, &present, &dacl, &defaulted);
    null_dacl = !present || !dacl;
    if (null_dacl) return;
    for (ULONG i = 0; i < dacl->AceCount; ++i) {
        void* ace = nullptr;
        if (RtlGetAce(dacl, i, &ace) < 0) break;
        auto* header = static_cast<ACE_HEADER*>(ace);
        if (header->AceFlags & INHERIT_ONLY_ACE || header->AceSize < 16) continue;
        if (header->AceType != ACCESS_ALLOWED_ACE_TYPE && header->AceType != ACCESS_DENIED_ACE_TYPE) continue;
        auto* body = static_cast<ACCESS_ALLOWED_ACE*>(ace);
        if (!token.holds(&body->SidStart)) continue;
        ACCESS_MASK mask = body->Mask;
        RtlMapGenericMask(&mask, mapping);
        if (header->AceType == ACCESS_ALLOWED_ACE_TYPE)
            granted |= mask & ~denied;
        else
            denied |= mask & ~granted;
    }
}

}  // namespace

VINE_EXPORT NTSTATUS NtAccessCheck(PSECURITY_DESCRIPTOR sd, HANDLE token, ACCESS_MASK desired,
                                   const GENERIC_MAPPING* mapping, PRIVILEGE_SET* privileges,
                                   ULONG* privileges_length, ACCESS_MASK* granted_access, NTSTATUS* access_status) {
    if (!sd || !mapping || !privileges_length || !granted_access || !access_status) return kBadPointer;
    bool security_privilege = false;
    if (NTSTATUS status = check_token(token, security_privilege)) return status;
    if (desired & kGenericRights) return STATUS_GENERIC_NOT_MAPPED;
    if (!RtlValidSecurityDescriptor(sd)) return STATUS_INVALID_SECURITY_DESCR;
    PSID owner = nullptr, group = nullptr;
    BOOLEAN defaulted = FALSE;
    RtlGetOwnerSecurityDescriptor(sd, &owner, &defaulted);
    RtlGetGroupSecurityDescriptor(sd, &group, &defaulted);
    if (!owner || !group) return STATUS_INVALID_SECURITY_DESCR;

    bool wants_security = desired & kAccessSystemSecurity;
    bool uses_privilege = wants_security && security_privilege;
    ULONG needed = static_cast<ULONG>(offsetof(PRIVILEGE_SET, Privilege) +
                                      (uses_privilege ? 1 : 0) * sizeof(LUID_AND_ATTRIBUTES));
    if (needed < sizeof(PRIVILEGE_SET)) needed = sizeof(PRIVILEGE_SET);
    if (*privileges_length < needed) {
        *privileges_length = needed;
        return STATUS_BUFFER_TOO_SMALL;
    }
    if (!privileges) return kBadPointer;
    privileges->PrivilegeCount = 0;
    privileges->Control = 0;
    if (uses_privilege) {
        privileges->PrivilegeCount = 1;
        privileges->Privilege[0] = {{kSecurityPrivilege, 0}, SE_PRIVILEGE_ENABLED | SE_PRIVILEGE_USED_FOR_ACCESS};
    }

    TokenSids sids;
    if (NTSTATUS status = sids.load(token)) return status;
    ACCESS_MASK granted = 0, denied = 0;
    bool null_dacl = false;
    evaluate(sd, sids, mapping, granted, denied, null_dacl);
    if (null_dacl) granted = mapping->GenericAll | (desired & ~kMaximumAllowed);
    granted &= ~kAccessSystemSecurity;
    if (uses_privilege) granted |= kAccessSystemSecurity;

    ACCESS_MASK wanted = desired & ~kMaximumAllowed;
    if ((wanted & ~granted) || ((desired & kMaximumAllowed) && !granted && !wanted)) {
        *granted_access = 0;
        *access_status = STATUS_ACCESS_DENIED;
        return STATUS_SUCCESS;
    }
    *granted_access = (desired & kMaximumAllowed) ? (granted | wanted) : wanted;
    *access_status = STATUS_SUCCESS;
    return STATUS_SUCCESS;
}
