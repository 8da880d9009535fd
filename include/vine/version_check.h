// VerifyVersionInfo's comparison, once for ntdll's RtlVerifyVersionInfo
// (against the real version) and kernel32's VerifyVersionInfo (against
// the version GetVersionEx tells the program), and VerSetConditionMask.
#pragma once

#include "vine/ntstatus.h"
#include "vine/os_version.h"

namespace vine::version {

// VER_* type bits, in the order of their 3-bit fields in a condition mask.
enum : DWORD {
    VER_MINORVERSION = 0x01, VER_MAJORVERSION = 0x02, VER_BUILDNUMBER = 0x04, VER_PLATFORMID = 0x08,
    VER_SERVICEPACKMINOR = 0x10, VER_SERVICEPACKMAJOR = 0x20, VER_SUITENAME = 0x40, VER_PRODUCT_TYPE = 0x80,
};
enum : BYTE { VER_EQUAL = 1, VER_GREATER, VER_GREATER_EQUAL, VER_LESS, VER_LESS_EQUAL, VER_AND, VER_OR };

// The condition is stored in the field of the highest type bit given.
inline ULONGLONG set_condition_mask(ULONGLONG mask, DWORD type, BYTE condition) {
    condition &= 7;
    if (!condition || !(type & 0xff)) return mask;
    int field = 7;
    while (!(type & (1u << field))) --field;
    return mask | (ULONGLONG{condition} << (field * 3));
}

inline BYTE condition_of(ULONGLONG mask, DWORD type_bit) {
    int field = 0;
    while (!(type_bit & (1u << field))) ++field;
    return static_cast<BYTE>((mask >> (field * 3)) & 7);
}

inline bool compare(DWORD actual, DWORD wanted, BYTE condition) {
    switch (condition) {
    case VER_EQUAL: return actual == wanted;
    case VER_GREATER: return actual > wanted;
    case VER_GREATER_EQUAL: return actual >= wanted;
    case VER_LESS: return actual < wanted;
    case VER_LESS_EQUAL: return actual <= wanted;
    default: return false;
    }
}

// STATUS_SUCCESS when `actual` meets every condition, STATUS_REVISION_MISMATCH
// when one fails, STATUS_INVALID_PARAMETER for an empty type or mask. Major,
// minor and service pack versions are one hierarchical number: a later part
// is looked at only while the earlier ones are equal, as Windows documents.
inline NTSTATUS verify(const OSVERSIONINFOEXW& actual, const OSVERSIONINFOEXW& wanted, DWORD type, ULONGLONG mask) {
    if (!(type & 0xff) || !mask) return STATUS_INVALID_PARAMETER;
    const struct {
        DWORD bit, actual, wanted;
    } parts[] = {
        {VER_MAJORVERSION, actual.dwMajorVersion, wanted.dwMajorVersion},
        {VER_MINORVERSION, actual.dwMinorVersion, wanted.dwMinorVersion},
        {VER_SERVICEPACKMAJOR, actual.wServicePackMajor, wanted.wServicePackMajor},
        {VER_SERVICEPACKMINOR, actual.wServicePackMinor, wanted.wServicePackMinor},
    };
    bool ok = true;
    for (const auto& part : parts) {
        if (!(type & part.bit)) continue;
        BYTE condition = condition_of(mask, part.bit);
        ok = compare(part.actual, part.wanted, condition);
        if (part.actual != part.wanted || condition < VER_EQUAL || condition > VER_LESS_EQUAL) break;
    }
    if (!ok) return STATUS_REVISION_MISMATCH;
    if ((type & VER_BUILDNUMBER) &&
        !compare(actual.dwBuildNumber, wanted.dwBuildNumber, condition_of(mask, VER_BUILDNUMBER)))
        return STATUS_REVISION_MISMATCH;
    if ((type & VER_PLATFORMID) &&
        !compare(actual.dwPlatformId, wanted.dwPlatformId, condition_of(mask, VER_PLATFORMID)))
        return STATUS_REVISION_MISMATCH;
    if (type & VER_SUITENAME) {
        BYTE condition = condition_of(mask, VER_SUITENAME);
        bool suite = condition == VER_AND   ? (actual.wSuiteMask & wanted.wSuiteMask) == wanted.wSuiteMask
                     : condition == VER_OR ? (actual.wSuiteMask & wanted.wSuiteMask) != 0
                                            : false;
        if (!suite) return STATUS_REVISION_MISMATCH;
    }
    if ((type & VER_PRODUCT_TYPE) &&
        !compare(actual.wProductType, wanted.wProductType, condition_of(mask, VER_PRODUCT_TYPE)))
        return STATUS_REVISION_MISMATCH;
    return STATUS_SUCCESS;
}

}  // namespace vine::version
