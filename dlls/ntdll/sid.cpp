// Security identifiers: building, checking, comparing and printing SIDs
// (the Rtl*Sid functions advapi32's SID functions are built on).
#include <cstdio>
#include <cstring>

#include "ntdll_private.h"
#include "vine/security.h"

namespace {

const SID* as_sid(PSID sid) { return static_cast<const SID*>(sid); }

ULONG length_of(BYTE count) { return static_cast<ULONG>(offsetof(SID, SubAuthority) + count * sizeof(DWORD)); }

HANDLE process_heap() { return current_teb()->ProcessEnvironmentBlock->ProcessHeap; }

}  // namespace

VINE_EXPORT BOOLEAN RtlValidSid(PSID sid) {
    const SID* s = as_sid(sid);
    return s && s->Revision == SID_REVISION && s->SubAuthorityCount <= SID_MAX_SUB_AUTHORITIES;
}

VINE_EXPORT ULONG RtlLengthRequiredSid(ULONG count) {
    return static_cast<ULONG>(offsetof(SID, SubAuthority) + count * sizeof(DWORD));
}

VINE_EXPORT ULONG RtlLengthSid(PSID sid) { return length_of(as_sid(sid)->SubAuthorityCount); }

VINE_EXPORT NTSTATUS RtlInitializeSid(PSID sid, const SID_IDENTIFIER_AUTHORITY* authority, BYTE count) {
    if (count > SID_MAX_SUB_AUTHORITIES) return STATUS_INVALID_PARAMETER;
    SID* s = static_cast<SID*>(sid);
    s->Revision = SID_REVISION;
    s->SubAuthorityCount = count;
    s->IdentifierAuthority = *authority;
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS RtlAllocateAndInitializeSid(const SID_IDENTIFIER_AUTHORITY* authority, BYTE count, DWORD a0,
                                                 DWORD a1, DWORD a2, DWORD a3, DWORD a4, DWORD a5, DWORD a6,
                                                 DWORD a7, PSID* sid) {
    // At most 8 sub-authorities fit the argument list.
    if (count > 8) return STATUS_INVALID_SID;
    if (!authority || !sid) return STATUS_INVALID_PARAMETER;
    SID* s = static_cast<SID*>(RtlAllocateHeap(process_heap(), 0, length_of(count)));
    if (!s) return STATUS_NO_MEMORY;
    RtlInitializeSid(s, authority, count);
    const DWORD values[8] = {a0, a1, a2, a3, a4, a5, a6, a7};
    memcpy(s->SubAuthority, values, count * sizeof(DWORD));
    *sid = s;
    return STATUS_SUCCESS;
}

VINE_EXPORT PVOID RtlFreeSid(PSID sid) {
    RtlFreeHeap(process_heap(), 0, sid);
    return nullptr;
}

VINE_EXPORT BOOLEAN RtlEqualSid(PSID a, PSID b) {
    if (!RtlValidSid(a) || !RtlValidSid(b)) return FALSE;
    ULONG length = RtlLengthSid(a);
    return length == RtlLengthSid(b) && memcmp(a, b, length) == 0;
}

// Equal but for the last sub-authority.
VINE_EXPORT BOOLEAN RtlEqualPrefixSid(PSID a, PSID b) {
    if (!RtlValidSid(a) || !RtlValidSid(b)) return FALSE;
    const SID *x = as_sid(a), *y = as_sid(b);
    if (x->SubAuthorityCount != y->SubAuthorityCount) return FALSE;
    if (memcmp(&x->IdentifierAuthority, &y->IdentifierAuthority, sizeof(x->IdentifierAuthority))) return FALSE;
    BYTE prefix = x->SubAuthorityCount ? x->SubAuthorityCount - 1 : 0;
    return memcmp(x->SubAuthority, y->SubAuthority, prefix * sizeof(DWORD)) == 0;
}

VINE_EXPORT NTSTATUS RtlCopySid(ULONG length, PSID destination, PSID source) {
    if (!RtlValidSid(source)) return STATUS_INVALID_PARAMETER;
    ULONG needed = RtlLengthSid(source);
    if (length < needed) return STATUS_BUFFER_TOO_SMALL;
    memmove(destination, source, needed);
    return STATUS_SUCCESS;
}

VINE_EXPORT DWORD* RtlSubAuthoritySid(PSID sid, ULONG index) { return &static_cast<SID*>(sid)->SubAuthority[index]; }

VINE_EXPORT BYTE* RtlSubAuthorityCountSid(PSID sid) { return &static_cast<SID*>(sid)->SubAuthorityCount; }

VINE_EXPORT SID_IDENTIFIER_AUTHORITY* RtlIdentifierAuthoritySid(PSID sid) {
    return &static_cast<SID*>(sid)->IdentifierAuthority;
}

// "S-1-5-21-...": the authority in decimal when it fits 32 bits, else in
// hexadecimal ("0x" and 12 digits), as Windows prints it.
VINE_EXPORT NTSTATUS RtlConvertSidToUnicodeString(UNICODE_STRING* string, PSID sid, BOOLEAN allocate) {
    if (!RtlValidSid(sid)) return STATUS_INVALID_SID;
    const SID* s = as_sid(sid);
    const BYTE* a = s->IdentifierAuthority.Value;
    char text[256];
    int used;
    if (a[0] || a[1])
        used = snprintf(text, sizeof(text), "S-%u-0x%02X%02X%02X%02X%02X%02X", s->Revision, a[0], a[1], a[2], a[3],
                        a[4], a[5]);
    else
        used = snprintf(text, sizeof(text), "S-%u-%u", s->Revision,
                        (unsigned{a[2]} << 24) | (unsigned{a[3]} << 16) | (unsigned{a[4]} << 8) | a[5]);
    for (BYTE i = 0; i < s->SubAuthorityCount; ++i)
        used += snprintf(text + used, sizeof(text) - used, "-%u", s->SubAuthority[i]);
    USHORT bytes = static_cast<USHORT>(used * 2);
    if (allocate) {
        auto* buffer = static_cast<WCHAR*>(RtlAllocateHeap(process_heap(), 0, bytes + 2));
        if (!buffer) return STATUS_NO_MEMORY;
        string->Buffer = buffer;
        string->MaximumLength = static_cast<USHORT>(bytes + 2);
    } else if (string->MaximumLength < bytes) {
        return STATUS_BUFFER_OVERFLOW;
    }
    for (int i = 0; i < used; ++i) string->Buffer[i] = static_cast<WCHAR>(text[i]);
    if (string->MaximumLength > bytes) string->Buffer[used] = 0;
    string->Length = bytes;
    return STATUS_SUCCESS;
}
