// SIDs for Win32 programs: the Rtl*Sid functions under Win32 names and
// error conventions, SIDs as strings ("S-1-5-32-544", SDDL's "BA"), and the
// well-known SIDs CreateWellKnownSid builds.
#include <cstring>
#include <string>

#include "advapi32_private.h"

namespace {

struct KnownSid {
    WELL_KNOWN_SID_TYPE type;
    const char* sddl;  // SDDL abbreviation, or nullptr
    BYTE authority;
    BYTE count;
    DWORD sub[2];
};

// The well-known SIDs that need no domain (winnt.h's WELL_KNOWN_SID_TYPE).
constexpr KnownSid kKnownSids[] = {
    {WinNullSid, nullptr, SECURITY_NULL_SID_AUTHORITY, 1, {0}},
    {WinWorldSid, "WD", SECURITY_WORLD_SID_AUTHORITY, 1, {0}},
    {WinLocalSid, nullptr, SECURITY_LOCAL_SID_AUTHORITY, 1, {0}},
    {WinCreatorOwnerSid, "CO", SECURITY_CREATOR_SID_AUTHORITY, 1, {0}},
    {WinCreatorGroupSid, "CG", SECURITY_CREATOR_SID_AUTHORITY, 1, {1}},
    {WinNtAuthoritySid, nullptr, SECURITY_NT_AUTHORITY, 0, {}},
    {WinNetworkSid, "NU", SECURITY_NT_AUTHORITY, 1, {2}},
    {WinBatchSid, nullptr, SECURITY_NT_AUTHORITY, 1, {3}},
    {WinInteractiveSid, "IU", SECURITY_NT_AUTHORITY, 1, {4}},
    {WinServiceSid, "SU", SECURITY_NT_AUTHORITY, 1, {6}},
    {WinAnonymousSid, "AN", SECURITY_NT_AUTHORITY, 1, {7}},
    {WinSelfSid, "PS", SECURITY_NT_AUTHORITY, 1, {10}},
    {WinAuthenticatedUserSid, "AU", SECURITY_NT_AUTHORITY, 1, {11}},
    {WinRestrictedCodeSid, "RC", SECURITY_NT_AUTHORITY, 1, {12}},
    {WinLocalSystemSid, "SY", SECURITY_NT_AUTHORITY, 1, {18}},
    {WinLocalServiceSid, "LS", SECURITY_NT_AUTHORITY, 1, {19}},
    {WinNetworkServiceSid, "NS", SECURITY_NT_AUTHORITY, 1, {20}},
    {WinBuiltinDomainSid, nullptr, SECURITY_NT_AUTHORITY, 1, {32}},
    {WinBuiltinAdministratorsSid, "BA", SECURITY_NT_AUTHORITY, 2, {32, 544}},
    {WinBuiltinUsersSid, "BU", SECURITY_NT_AUTHORITY, 2, {32, 545}},
    {WinBuiltinGuestsSid, "BG", SECURITY_NT_AUTHORITY, 2, {32, 546}},
    {WinBuiltinPowerUsersSid, "PU", SECURITY_NT_AUTHORITY, 2, {32, 547}},
    {WinUntrustedLabelSid, nullptr, SECURITY_MANDATORY_LABEL_AUTHORITY, 1, {0}},
    {WinLowLabelSid, "LW", SECURITY_MANDATORY_LABEL_AUTHORITY, 1, {0x1000}},
    {WinMediumLabelSid, "ME", SECURITY_MANDATORY_LABEL_AUTHORITY, 1, {0x2000}},
    {WinHighLabelSid, "HI", SECURITY_MANDATORY_LABEL_AUTHORITY, 1, {0x3000}},
    {WinSystemLabelSid, "SI", SECURITY_MANDATORY_LABEL_AUTHORITY, 1, {0x4000}},
};

// Those relative to an account domain (S-1-5-21-a-b-c-RID).
struct DomainSid {
    WELL_KNOWN_SID_TYPE type;
    DWORD rid;
};
constexpr DomainSid kDomainSids[] = {
    {WinAccountAdministratorSid, 500},
    {WinAccountGuestSid, 501},
    {WinAccountDomainUsersSid, 513},
};

void write_sid(SID* sid, BYTE authority, BYTE count, const DWORD* sub) {
    SID_IDENTIFIER_AUTHORITY value{{0, 0, 0, 0, 0, authority}};
    RtlInitializeSid(sid, &value, count);
    memcpy(sid->SubAuthority, sub, count * sizeof(DWORD));
}

// Parses a decimal or (with "0x") hexadecimal number up to `limit`.
bool parse_number(const WCHAR*& p, uint64_t limit, uint64_t& value) {
    int base = 10;
    if (p[0] == u'0' && (p[1] == u'x' || p[1] == u'X')) {
        base = 16;
        p += 2;
    }
    const WCHAR* start = p;
    value = 0;
    for (;; ++p) {
        int digit;
        if (*p >= u'0' && *p <= u'9')
            digit = *p - u'0';
        else if (base == 16 && *p >= u'a' && *p <= u'f')
            digit = *p - u'a' + 10;
        else if (base == 16 && *p >= u'A' && *p <= u'F')
            digit = *p - u'A' + 10;
        else
            break;
        value = value * base + digit;
        if (value > limit) return false;
    }
    return p != start;
}

}  // namespace

// "S-1-AUTHORITY-SUB-..." or an SDDL abbreviation, into `sid` (room for
// SECURITY_MAX_SID_SIZE bytes).
bool parse_string_sid(const WCHAR* text, SID* sid) {
    if (!text) return false;
    if ((text[0] == u'S' || text[0] == u's') && text[1] == u'-') {
        const WCHAR* p = text + 2;
        uint64_t revision, authority;
        if (!parse_number(p, 255, revision) || revision != SID_REVISION || *p++ != u'-') return false;
        if (!parse_number(p, 0xffffffffffffull, authority)) return false;
        DWORD sub[SID_MAX_SUB_AUTHORITIES];
        BYTE count = 0;
        while (*p == u'-') {
            ++p;
            uint64_t value;
            if (count == SID_MAX_SUB_AUTHORITIES || !parse_number(p, 0xffffffffu, value)) return false;
            sub[count++] = static_cast<DWORD>(value);
        }
        if (*p) return false;
        SID_IDENTIFIER_AUTHORITY value;
        for (int i = 0; i < 6; ++i) value.Value[i] = static_cast<BYTE>(authority >> (8 * (5 - i)));
        RtlInitializeSid(sid, &value, count);
        memcpy(sid->SubAuthority, sub, count * sizeof(DWORD));
        return true;
    }
    for (const KnownSid& known : kKnownSids)
        if (known.sddl && text[0] == known.sddl[0] && text[1] == known.sddl[1] && !text[2]) {
            write_sid(sid, known.authority, known.count, known.sub);
            return true;
        }
    return false;
}

// The SDDL abbreviation of a well-known SID ("BA"), or nullptr.
const char* sddl_abbreviation(PSID sid) {
    for (const KnownSid& known : kKnownSids) {
        if (!known.sddl) continue;
        alignas(4) BYTE built[SECURITY_MAX_SID_SIZE];
        write_sid(reinterpret_cast<SID*>(built), known.authority, known.count, known.sub);
        if (RtlEqualSid(sid, built)) return known.sddl;
    }
    return nullptr;
}


VINE_EXPORT BOOL AllocateAndInitializeSid(const SID_IDENTIFIER_AUTHORITY* authority, BYTE count, DWORD a0, DWORD a1,
                                          DWORD a2, DWORD a3, DWORD a4, DWORD a5, DWORD a6, DWORD a7, PSID* sid) {
    return succeeded(RtlAllocateAndInitializeSid(authority, count, a0, a1, a2, a3, a4, a5, a6, a7, sid));
}

VINE_EXPORT PVOID FreeSid(PSID sid) { return RtlFreeSid(sid); }
VINE_EXPORT BOOL IsValidSid(PSID sid) { return RtlValidSid(sid); }
VINE_EXPORT BOOL EqualSid(PSID a, PSID b) {
    SetLastError(ERROR_SUCCESS);
    return RtlEqualSid(a, b);
}
VINE_EXPORT BOOL EqualPrefixSid(PSID a, PSID b) { return RtlEqualPrefixSid(a, b); }
VINE_EXPORT DWORD GetLengthSid(PSID sid) { return RtlLengthSid(sid); }
VINE_EXPORT DWORD GetSidLengthRequired(BYTE count) { return RtlLengthRequiredSid(count); }
VINE_EXPORT BOOL CopySid(DWORD length, PSID destination, PSID source) {
    return succeeded(RtlCopySid(length, destination, source));
}
VINE_EXPORT BOOL InitializeSid(PSID sid, const SID_IDENTIFIER_AUTHORITY* authority, BYTE count) {
    return succeeded(RtlInitializeSid(sid, authority, count));
}
VINE_EXPORT DWORD* GetSidSubAuthority(PSID sid, DWORD index) {
    SetLastError(ERROR_SUCCESS);
    return RtlSubAuthoritySid(sid, index);
}
VINE_EXPORT BYTE* GetSidSubAuthorityCount(PSID sid) {
    SetLastError(ERROR_SUCCESS);
    return RtlSubAuthorityCountSid(sid);
}
VINE_EXPORT SID_IDENTIFIER_AUTHORITY* GetSidIdentifierAuthority(PSID sid) {
    SetLastError(ERROR_SUCCESS);
    return RtlIdentifierAuthoritySid(sid);
}

// The string is LocalAlloc'd; the caller frees it with LocalFree.
VINE_EXPORT BOOL ConvertSidToStringSidW(PSID sid, LPWSTR* text) {
    if (!sid || !text || !RtlValidSid(sid)) {
        SetLastError(sid && text ? ERROR_INVALID_SID : ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    WCHAR buffer[256];
    UNICODE_STRING string{0, sizeof(buffer), buffer};
    if (!succeeded(RtlConvertSidToUnicodeString(&string, sid, FALSE))) return FALSE;
    size_t chars = string.Length / 2;
    auto* out = static_cast<LPWSTR>(LocalAlloc(0, (chars + 1) * sizeof(WCHAR)));
    if (!out) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    memcpy(out, buffer, chars * sizeof(WCHAR));
    out[chars] = 0;
    *text = out;
    return TRUE;
}

VINE_EXPORT BOOL ConvertSidToStringSidA(PSID sid, LPSTR* text) {
    LPWSTR wide = nullptr;
    if (!text) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!ConvertSidToStringSidW(sid, &wide)) return FALSE;
    size_t chars = 0;
    while (wide[chars]) ++chars;
    auto* out = static_cast<LPSTR>(LocalAlloc(0, chars + 1));
    if (!out) {
        LocalFree(wide);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    for (size_t i = 0; i <= chars; ++i) out[i] = static_cast<char>(wide[i]);  // digits, 'S', '-', 'x'
    LocalFree(wide);
    *text = out;
    return TRUE;
}

VINE_EXPORT BOOL ConvertStringSidToSidW(LPCWSTR text, PSID* sid) {
    if (!text || !sid) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    alignas(4) BYTE parsed[SECURITY_MAX_SID_SIZE];
    if (!parse_string_sid(text, reinterpret_cast<SID*>(parsed))) {
        SetLastError(ERROR_INVALID_SID);
        return FALSE;
    }
    DWORD length = RtlLengthSid(parsed);
    void* out = LocalAlloc(0, length);
    if (!out) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    memcpy(out, parsed, length);
    *sid = out;
    return TRUE;
}

VINE_EXPORT BOOL ConvertStringSidToSidA(LPCSTR text, PSID* sid) {
    if (!text) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    std::u16string wide = widen_ascii(text);
    return ConvertStringSidToSidW(wide.c_str(), sid);
}

VINE_EXPORT BOOL CreateWellKnownSid(WELL_KNOWN_SID_TYPE type, PSID domain, PSID sid, DWORD* size) {
    if (!size) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    alignas(4) BYTE built[SECURITY_MAX_SID_SIZE];
    SID* out = reinterpret_cast<SID*>(built);
    bool found = false;
    for (const KnownSid& known : kKnownSids)
        if (known.type == type) {
            write_sid(out, known.authority, known.count, known.sub);
            found = true;
        }
    for (const DomainSid& relative : kDomainSids)
        if (relative.type == type) {
            const SID* base = static_cast<const SID*>(domain);
            if (!base || !RtlValidSid(domain) || base->SubAuthorityCount >= SID_MAX_SUB_AUTHORITIES) {
                SetLastError(ERROR_INVALID_PARAMETER);
                return FALSE;
            }
            memcpy(out, base, RtlLengthSid(domain));
            out->SubAuthority[out->SubAuthorityCount++] = relative.rid;
            found = true;
        }
    if (!found) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    DWORD needed = RtlLengthSid(out);
    if (!sid || *size < needed) {
        *size = needed;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    memcpy(sid, out, needed);
    *size = needed;
    return TRUE;
}

VINE_EXPORT BOOL IsWellKnownSid(PSID sid, WELL_KNOWN_SID_TYPE type) {
    for (const KnownSid& known : kKnownSids)
        if (known.type == type) {
            alignas(4) BYTE built[SECURITY_MAX_SID_SIZE];
            write_sid(reinterpret_cast<SID*>(built), known.authority, known.count, known.sub);
            return RtlEqualSid(sid, built);
        }
    for (const DomainSid& relative : kDomainSids)
        if (relative.type == type) {
            const SID* s = static_cast<const SID*>(sid);
            return RtlValidSid(sid) && s->SubAuthorityCount == 5 && s->IdentifierAuthority.Value[5] == SECURITY_NT_AUTHORITY &&
                   s->SubAuthority[0] == SECURITY_NT_NON_UNIQUE && s->SubAuthority[4] == relative.rid;
        }
    return FALSE;
}
