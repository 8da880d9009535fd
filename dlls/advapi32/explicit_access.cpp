// ACLs as lists of explicit access entries (aclapi.h): SetEntriesInAcl
// merges entries into an ACL, GetExplicitEntriesFromAcl lists an ACL's own
// (not inherited) ACEs as entries, and the trustee helpers build and read
// TRUSTEE structures.
#include <cstring>
#include <string>
#include <vector>

#include "advapi32_private.h"

extern "C" WINAPI BOOL LookupAccountNameW(LPCWSTR system, LPCWSTR name, PSID sid, DWORD* sid_size, LPWSTR domain,
                                          DWORD* domain_size, SID_NAME_USE* use);  // account.cpp

namespace {

struct Ace {
    BYTE type;
    BYTE flags;
    ACCESS_MASK mask;
    std::vector<BYTE> sid;
};

bool same_sid(const Ace& ace, const std::vector<BYTE>& sid) {
    return ace.sid.size() == sid.size() && !memcmp(ace.sid.data(), sid.data(), sid.size());
}

// The SID a trustee names: given, the current user, or an account name.
DWORD trustee_sid(const TRUSTEE_W& trustee, std::vector<BYTE>& out) {
    if (trustee.MultipleTrusteeOperation != NO_MULTIPLE_TRUSTEE || trustee.pMultipleTrustee)
        return ERROR_NOT_SUPPORTED;  // impersonation trustees: not yet
    switch (trustee.TrusteeForm) {
    case TRUSTEE_IS_SID: {
        PSID sid = trustee.ptstrName;
        if (!sid || !RtlValidSid(sid)) return ERROR_INVALID_SID;
        auto* bytes = static_cast<BYTE*>(sid);
        out.assign(bytes, bytes + RtlLengthSid(sid));
        return ERROR_SUCCESS;
    }
    case TRUSTEE_IS_NAME: {
        if (!trustee.ptstrName) return ERROR_INVALID_PARAMETER;
        if (std::u16string(trustee.ptstrName) == u"CURRENT_USER") {
            alignas(8) BYTE buffer[128];
            DWORD size = 0;
            if (NtQueryInformationToken(kCurrentThreadEffectiveToken, TokenUser, buffer, sizeof(buffer), &size) < 0)
                return ERROR_NO_TOKEN;
            PSID sid = reinterpret_cast<TOKEN_USER*>(buffer)->User.Sid;
            auto* bytes = static_cast<BYTE*>(sid);
            out.assign(bytes, bytes + RtlLengthSid(sid));
            return ERROR_SUCCESS;
        }
        BYTE sid[SECURITY_MAX_SID_SIZE];
        WCHAR domain[256];
        DWORD sid_size = sizeof(sid), domain_size = 256;
        SID_NAME_USE use;
        if (!LookupAccountNameW(nullptr, trustee.ptstrName, sid, &sid_size, domain, &domain_size, &use))
            return GetLastError();
        out.assign(sid, sid + RtlLengthSid(sid));
        return ERROR_SUCCESS;
    }
    case TRUSTEE_IS_OBJECTS_AND_SID:
    case TRUSTEE_IS_OBJECTS_AND_NAME: return ERROR_NOT_SUPPORTED;  // object ACEs: not yet
    default: return ERROR_INVALID_PARAMETER;
    }
}

// GRANT_ACCESS and DENY_ACCESS add their rights to an explicit ACE of the
// same kind, trustee and inheritance if there is one.
void merge_or_add(std::vector<Ace>& fresh, std::vector<Ace>& old, Ace ace) {
    for (std::vector<Ace>* list : {&fresh, &old})
        for (Ace& existing : *list)
            if (existing.type == ace.type && existing.flags == ace.flags && same_sid(existing, ace.sid)) {
                existing.mask |= ace.mask;
                return;
            }
    fresh.push_back(std::move(ace));
}

void remove_explicit(std::vector<Ace>& list, const std::vector<BYTE>& sid, bool allowed, bool denied) {
    std::erase_if(list, [&](const Ace& ace) {
        if (ace.flags & INHERITED_ACE || !same_sid(ace, sid)) return false;
        return (allowed && ace.type == ACCESS_ALLOWED_ACE_TYPE) || (denied && ace.type == ACCESS_DENIED_ACE_TYPE) ||
               (allowed && ace.type == SYSTEM_AUDIT_ACE_TYPE);
    });
}

DWORD set_entries(ULONG count, const EXPLICIT_ACCESS_W* entries, ACL* old_acl, ACL** new_acl) {
    if (!new_acl || (count && !entries)) return ERROR_INVALID_PARAMETER;
    *new_acl = nullptr;
    std::vector<Ace> old, fresh;
    if (old_acl) {
        if (!RtlValidAcl(old_acl)) return ERROR_INVALID_ACL;
        for (ULONG i = 0; i < old_acl->AceCount; ++i) {
            void* ace = nullptr;
            RtlGetAce(old_acl, i, &ace);
            auto* header = static_cast<ACE_HEADER*>(ace);
            if (header->AceSize < 16) return ERROR_INVALID_ACL;
            auto* body = static_cast<ACCESS_ALLOWED_ACE*>(ace);
            auto* sid = reinterpret_cast<BYTE*>(&body->SidStart);
            if (!RtlValidSid(sid) || RtlLengthSid(sid) > header->AceSize - 8u) return ERROR_INVALID_ACL;
            old.push_back({header->AceType, header->AceFlags, body->Mask,
                           std::vector<BYTE>(sid, sid + RtlLengthSid(sid))});
        }
    }
    for (ULONG i = 0; i < count; ++i) {
        const EXPLICIT_ACCESS_W& entry = entries[i];
        if (entry.grfAccessMode == NOT_USED_ACCESS) continue;
        std::vector<BYTE> sid;
        if (DWORD error = trustee_sid(entry.Trustee, sid)) return error;
        sid.resize(RtlLengthSid(sid.data()));
        BYTE flags = static_cast<BYTE>(entry.grfInheritance & VALID_INHERIT_FLAGS);
        switch (entry.grfAccessMode) {
        case GRANT_ACCESS: merge_or_add(fresh, old, {ACCESS_ALLOWED_ACE_TYPE, flags, entry.grfAccessPermissions, sid}); break;
        case DENY_ACCESS: merge_or_add(fresh, old, {ACCESS_DENIED_ACE_TYPE, flags, entry.grfAccessPermissions, sid}); break;
        case SET_ACCESS:
            remove_explicit(old, sid, true, true);
            remove_explicit(fresh, sid, true, true);
            fresh.push_back({ACCESS_ALLOWED_ACE_TYPE, flags, entry.grfAccessPermissions, sid});
            break;
        case REVOKE_ACCESS:
            remove_explicit(old, sid, true, false);
            remove_explicit(fresh, sid, true, false);
            break;
        case SET_AUDIT_SUCCESS:
        case SET_AUDIT_FAILURE: {
            BYTE audit = entry.grfAccessMode == SET_AUDIT_SUCCESS ? SUCCESSFUL_ACCESS_ACE_FLAG : FAILED_ACCESS_ACE_FLAG;
            fresh.push_back({SYSTEM_AUDIT_ACE_TYPE, static_cast<BYTE>(flags | audit), entry.grfAccessPermissions, sid});
            break;
        }
        default: return ERROR_INVALID_PARAMETER;
        }
    }
    // Canonical order: explicit denials, explicit grants (and audits), then
    // the inherited ACEs as they were.
    std::vector<const Ace*> ordered;
    auto take = [&](auto pick) {
        for (std::vector<Ace>* list : {&fresh, &old})
            for (const Ace& ace : *list)
                if (pick(ace)) ordered.push_back(&ace);
    };
    take([](const Ace& a) { return !(a.flags & INHERITED_ACE) && a.type == ACCESS_DENIED_ACE_TYPE; });
    take([](const Ace& a) { return !(a.flags & INHERITED_ACE) && a.type != ACCESS_DENIED_ACE_TYPE; });
    take([](const Ace& a) { return (a.flags & INHERITED_ACE) != 0; });
    size_t size = sizeof(ACL);
    for (const Ace* ace : ordered) size += 8 + ace->sid.size();
    if (size > 0xfffc) return ERROR_INVALID_PARAMETER;
    auto* acl = static_cast<ACL*>(LocalAlloc(0, size));
    if (!acl) return ERROR_NOT_ENOUGH_MEMORY;
    RtlCreateAcl(acl, static_cast<ULONG>(size), ACL_REVISION);
    BYTE* at = reinterpret_cast<BYTE*>(acl) + sizeof(ACL);
    for (const Ace* ace : ordered) {
        ACE_HEADER header{ace->type, ace->flags, static_cast<WORD>(8 + ace->sid.size())};
        memcpy(at, &header, 4);
        memcpy(at + 4, &ace->mask, 4);
        memcpy(at + 8, ace->sid.data(), ace->sid.size());
        at += header.AceSize;
        ++acl->AceCount;
    }
    *new_acl = acl;
    return ERROR_SUCCESS;
}

}  // namespace

VINE_EXPORT DWORD SetEntriesInAclW(ULONG count, EXPLICIT_ACCESS_W* entries, ACL* old_acl, ACL** new_acl) {
    return set_entries(count, entries, old_acl, new_acl);
}

VINE_EXPORT DWORD SetEntriesInAclA(ULONG count, EXPLICIT_ACCESS_A* entries, ACL* old_acl, ACL** new_acl) {
    if (count && !entries) return ERROR_INVALID_PARAMETER;
    std::vector<EXPLICIT_ACCESS_W> wide(count);
    std::vector<std::u16string> names(count);
    for (ULONG i = 0; i < count; ++i) {
        const EXPLICIT_ACCESS_A& entry = entries[i];
        wide[i] = {entry.grfAccessPermissions, entry.grfAccessMode, entry.grfInheritance,
                   {nullptr, entry.Trustee.MultipleTrusteeOperation, entry.Trustee.TrusteeForm,
                    entry.Trustee.TrusteeType, reinterpret_cast<LPWSTR>(entry.Trustee.ptstrName)}};
        if (entry.Trustee.pMultipleTrustee) return ERROR_NOT_SUPPORTED;
        if (entry.Trustee.TrusteeForm == TRUSTEE_IS_NAME && entry.Trustee.ptstrName) {
            names[i] = widen_acp(entry.Trustee.ptstrName);
            wide[i].Trustee.ptstrName = names[i].data();
        }
    }
    return set_entries(count, wide.data(), old_acl, new_acl);
}

// The ACL's own ACEs as entries naming SIDs, in one LocalAlloc block.
VINE_EXPORT DWORD GetExplicitEntriesFromAclW(ACL* acl, ULONG* count, EXPLICIT_ACCESS_W** entries) {
    if (!acl || !count || !entries) return ERROR_INVALID_PARAMETER;
    if (!RtlValidAcl(acl)) return ERROR_INVALID_ACL;
    std::vector<const ACCESS_ALLOWED_ACE*> own;
    size_t sids = 0;
    for (ULONG i = 0; i < acl->AceCount; ++i) {
        void* ace = nullptr;
        RtlGetAce(acl, i, &ace);
        auto* header = static_cast<ACE_HEADER*>(ace);
        if (header->AceFlags & INHERITED_ACE || header->AceSize < 16) continue;
        if (header->AceType != ACCESS_ALLOWED_ACE_TYPE && header->AceType != ACCESS_DENIED_ACE_TYPE &&
            header->AceType != SYSTEM_AUDIT_ACE_TYPE)
            continue;
        own.push_back(static_cast<const ACCESS_ALLOWED_ACE*>(ace));
        sids += (header->AceSize - 8 + 7) & ~size_t{7};
    }
    *count = static_cast<ULONG>(own.size());
    *entries = nullptr;
    if (own.empty()) return ERROR_SUCCESS;
    auto* out = static_cast<EXPLICIT_ACCESS_W*>(LocalAlloc(0, own.size() * sizeof(EXPLICIT_ACCESS_W) + sids));
    if (!out) return ERROR_NOT_ENOUGH_MEMORY;
    BYTE* sid_at = reinterpret_cast<BYTE*>(out + own.size());
    for (size_t i = 0; i < own.size(); ++i) {
        const ACCESS_ALLOWED_ACE* ace = own[i];
        size_t sid_size = ace->Header.AceSize - 8u;
        memcpy(sid_at, &ace->SidStart, sid_size);
        ACCESS_MODE mode = ace->Header.AceType == ACCESS_ALLOWED_ACE_TYPE ? GRANT_ACCESS
                           : ace->Header.AceType == ACCESS_DENIED_ACE_TYPE
                               ? DENY_ACCESS
                               : ((ace->Header.AceFlags & FAILED_ACCESS_ACE_FLAG) ? SET_AUDIT_FAILURE
                                                                                  : SET_AUDIT_SUCCESS);
        out[i] = {ace->Mask, mode, static_cast<DWORD>(ace->Header.AceFlags & VALID_INHERIT_FLAGS),
                  {nullptr, NO_MULTIPLE_TRUSTEE, TRUSTEE_IS_SID, TRUSTEE_IS_UNKNOWN, reinterpret_cast<LPWSTR>(sid_at)}};
        sid_at += (sid_size + 7) & ~size_t{7};
    }
    *entries = out;
    return ERROR_SUCCESS;
}

// The entries name SIDs, so the A and W layouts are the same.
VINE_EXPORT DWORD GetExplicitEntriesFromAclA(ACL* acl, ULONG* count, EXPLICIT_ACCESS_A** entries) {
    return GetExplicitEntriesFromAclW(acl, count, reinterpret_cast<EXPLICIT_ACCESS_W**>(entries));
}

VINE_EXPORT void BuildTrusteeWithSidW(TRUSTEE_W* trustee, PSID sid) {
    *trustee = {nullptr, NO_MULTIPLE_TRUSTEE, TRUSTEE_IS_SID, TRUSTEE_IS_UNKNOWN, static_cast<LPWSTR>(sid)};
}
VINE_EXPORT void BuildTrusteeWithSidA(TRUSTEE_A* trustee, PSID sid) {
    *trustee = {nullptr, NO_MULTIPLE_TRUSTEE, TRUSTEE_IS_SID, TRUSTEE_IS_UNKNOWN, static_cast<LPSTR>(sid)};
}
VINE_EXPORT void BuildTrusteeWithNameW(TRUSTEE_W* trustee, LPWSTR name) {
    *trustee = {nullptr, NO_MULTIPLE_TRUSTEE, TRUSTEE_IS_NAME, TRUSTEE_IS_UNKNOWN, name};
}
VINE_EXPORT void BuildTrusteeWithNameA(TRUSTEE_A* trustee, LPSTR name) {
    *trustee = {nullptr, NO_MULTIPLE_TRUSTEE, TRUSTEE_IS_NAME, TRUSTEE_IS_UNKNOWN, name};
}
VINE_EXPORT void BuildExplicitAccessWithNameW(EXPLICIT_ACCESS_W* entry, LPWSTR name, DWORD permissions,
                                              ACCESS_MODE mode, DWORD inheritance) {
    entry->grfAccessPermissions = permissions;
    entry->grfAccessMode = mode;
    entry->grfInheritance = inheritance;
    BuildTrusteeWithNameW(&entry->Trustee, name);
}
VINE_EXPORT void BuildExplicitAccessWithNameA(EXPLICIT_ACCESS_A* entry, LPSTR name, DWORD permissions,
                                              ACCESS_MODE mode, DWORD inheritance) {
    entry->grfAccessPermissions = permissions;
    entry->grfAccessMode = mode;
    entry->grfInheritance = inheritance;
    BuildTrusteeWithNameA(&entry->Trustee, name);
}
VINE_EXPORT TRUSTEE_FORM GetTrusteeFormW(TRUSTEE_W* trustee) { return trustee ? trustee->TrusteeForm : TRUSTEE_BAD_FORM; }
VINE_EXPORT TRUSTEE_FORM GetTrusteeFormA(TRUSTEE_A* trustee) { return trustee ? trustee->TrusteeForm : TRUSTEE_BAD_FORM; }
VINE_EXPORT TRUSTEE_TYPE GetTrusteeTypeW(TRUSTEE_W* trustee) { return trustee ? trustee->TrusteeType : TRUSTEE_IS_UNKNOWN; }
VINE_EXPORT TRUSTEE_TYPE GetTrusteeTypeA(TRUSTEE_A* trustee) { return trustee ? trustee->TrusteeType : TRUSTEE_IS_UNKNOWN; }
VINE_EXPORT LPWSTR GetTrusteeNameW(TRUSTEE_W* trustee) { return trustee ? trustee->ptstrName : nullptr; }
VINE_EXPORT LPSTR GetTrusteeNameA(TRUSTEE_A* trustee) { return trustee ? trustee->ptstrName : nullptr; }
