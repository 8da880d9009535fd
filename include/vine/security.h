// Security identity types (winnt.h layouts): SIDs, LUIDs and privileges,
// access tokens and their information classes, the token rights, and the
// well-known SID values Vine's one user is described with.
#pragma once

#include "vine/ntdll_exports.h"
#include "vine/wintypes.h"

// ---- SIDs ----
struct SID_IDENTIFIER_AUTHORITY {
    BYTE Value[6];  // big-endian 48-bit authority
};

struct SID {
    BYTE Revision;  // SID_REVISION
    BYTE SubAuthorityCount;
    SID_IDENTIFIER_AUTHORITY IdentifierAuthority;
    DWORD SubAuthority[1];  // SubAuthorityCount of them
};
static_assert(sizeof(SID) == 12 && offsetof(SID, SubAuthority) == 8);
using PSID = void*;

constexpr BYTE SID_REVISION = 1;
constexpr BYTE SID_MAX_SUB_AUTHORITIES = 15;
constexpr DWORD SECURITY_MAX_SID_SIZE = 68;

// Authorities (the last byte of the big-endian value).
constexpr BYTE SECURITY_NULL_SID_AUTHORITY = 0, SECURITY_WORLD_SID_AUTHORITY = 1,
               SECURITY_LOCAL_SID_AUTHORITY = 2, SECURITY_CREATOR_SID_AUTHORITY = 3,
               SECURITY_NT_AUTHORITY = 5, SECURITY_MANDATORY_LABEL_AUTHORITY = 16;

// Relative identifiers used below.
constexpr DWORD SECURITY_BUILTIN_DOMAIN_RID = 32, SECURITY_NT_NON_UNIQUE = 21,
                SECURITY_LOCAL_SYSTEM_RID = 18, SECURITY_LOGON_IDS_RID = 5,
                DOMAIN_ALIAS_RID_ADMINS = 544, DOMAIN_ALIAS_RID_USERS = 545,
                DOMAIN_GROUP_RID_USERS = 513, SECURITY_MANDATORY_HIGH_RID = 0x3000;

enum SID_NAME_USE {
    SidTypeUser = 1,
    SidTypeGroup,
    SidTypeDomain,
    SidTypeAlias,
    SidTypeWellKnownGroup,
    SidTypeDeletedAccount,
    SidTypeInvalid,
    SidTypeUnknown,
    SidTypeComputer,
    SidTypeLabel,
};

struct SID_AND_ATTRIBUTES {
    PSID Sid;
    DWORD Attributes;
};
static_assert(sizeof(SID_AND_ATTRIBUTES) == 16);

constexpr DWORD SE_GROUP_MANDATORY = 0x1, SE_GROUP_ENABLED_BY_DEFAULT = 0x2, SE_GROUP_ENABLED = 0x4,
                SE_GROUP_OWNER = 0x8, SE_GROUP_USE_FOR_DENY_ONLY = 0x10, SE_GROUP_INTEGRITY = 0x20,
                SE_GROUP_INTEGRITY_ENABLED = 0x40, SE_GROUP_LOGON_ID = 0xc0000000;

// ---- privileges ----
struct LUID {
    DWORD LowPart;
    LONG HighPart;
};
static_assert(sizeof(LUID) == 8);

struct LUID_AND_ATTRIBUTES {
    LUID Luid;
    DWORD Attributes;
};
static_assert(sizeof(LUID_AND_ATTRIBUTES) == 12);

struct TOKEN_PRIVILEGES {
    DWORD PrivilegeCount;
    LUID_AND_ATTRIBUTES Privileges[1];
};
static_assert(sizeof(TOKEN_PRIVILEGES) == 16);

struct PRIVILEGE_SET {
    DWORD PrivilegeCount;
    DWORD Control;
    LUID_AND_ATTRIBUTES Privilege[1];
};
static_assert(sizeof(PRIVILEGE_SET) == 20);

constexpr DWORD SE_PRIVILEGE_ENABLED_BY_DEFAULT = 0x1, SE_PRIVILEGE_ENABLED = 0x2, SE_PRIVILEGE_REMOVED = 0x4,
                SE_PRIVILEGE_USED_FOR_ACCESS = 0x80000000;
constexpr DWORD PRIVILEGE_SET_ALL_NECESSARY = 1;
// Well-known privilege LUIDs run from SeCreateTokenPrivilege (2) to
// SeDelegateSessionUserImpersonatePrivilege (36).
constexpr DWORD SE_MIN_WELL_KNOWN_PRIVILEGE = 2, SE_MAX_WELL_KNOWN_PRIVILEGE = 36;
constexpr DWORD SE_LOCK_MEMORY_PRIVILEGE = 4, SE_CHANGE_NOTIFY_PRIVILEGE = 23, SE_TIME_ZONE_PRIVILEGE = 34;

// ---- tokens ----
constexpr ACCESS_MASK TOKEN_ASSIGN_PRIMARY = 0x1, TOKEN_DUPLICATE = 0x2, TOKEN_IMPERSONATE = 0x4,
                      TOKEN_QUERY = 0x8, TOKEN_QUERY_SOURCE = 0x10, TOKEN_ADJUST_PRIVILEGES = 0x20,
                      TOKEN_ADJUST_GROUPS = 0x40, TOKEN_ADJUST_DEFAULT = 0x80, TOKEN_ADJUST_SESSIONID = 0x100;
constexpr ACCESS_MASK TOKEN_READ = 0x20008, TOKEN_WRITE = 0x200e0, TOKEN_EXECUTE = 0x20000,
                      TOKEN_ALL_ACCESS = 0xf01ff;

// GetCurrentProcessToken() and friends (winbase.h inlines).
inline HANDLE const kCurrentProcessToken = reinterpret_cast<HANDLE>(static_cast<intptr_t>(-4));
inline HANDLE const kCurrentThreadToken = reinterpret_cast<HANDLE>(static_cast<intptr_t>(-5));
inline HANDLE const kCurrentThreadEffectiveToken = reinterpret_cast<HANDLE>(static_cast<intptr_t>(-6));

enum TOKEN_TYPE { TokenPrimary = 1, TokenImpersonation = 2 };
enum SECURITY_IMPERSONATION_LEVEL {
    SecurityAnonymous = 0,
    SecurityIdentification,
    SecurityImpersonation,
    SecurityDelegation,
};
enum TOKEN_ELEVATION_TYPE { TokenElevationTypeDefault = 1, TokenElevationTypeFull, TokenElevationTypeLimited };

enum TOKEN_INFORMATION_CLASS {
    TokenUser = 1,
    TokenGroups,
    TokenPrivileges,
    TokenOwner,
    TokenPrimaryGroup,
    TokenDefaultDacl,
    TokenSource,
    TokenType,
    TokenImpersonationLevel,
    TokenStatistics,
    TokenRestrictedSids,
    TokenSessionId,
    TokenGroupsAndPrivileges,
    TokenSessionReference,
    TokenSandBoxInert,
    TokenAuditPolicy,
    TokenOrigin,
    TokenElevationType,
    TokenLinkedToken,
    TokenElevation,
    TokenHasRestrictions,
    TokenAccessInformation,
    TokenVirtualizationAllowed,
    TokenVirtualizationEnabled,
    TokenIntegrityLevel,
    TokenUIAccess,
    TokenMandatoryPolicy,
    TokenLogonSid,
    TokenIsAppContainer,
    TokenCapabilities,
    TokenAppContainerSid,
    TokenAppContainerNumber,
    TokenUserClaimAttributes,
    TokenDeviceClaimAttributes,
    TokenRestrictedUserClaimAttributes,
    TokenRestrictedDeviceClaimAttributes,
    TokenDeviceGroups,
    TokenRestrictedDeviceGroups,
    TokenSecurityAttributes,
    TokenIsRestricted,
};
static_assert(TokenIsAppContainer == 29 && TokenIsRestricted == 40);

struct TOKEN_USER {
    SID_AND_ATTRIBUTES User;
};
struct TOKEN_GROUPS {
    DWORD GroupCount;
    SID_AND_ATTRIBUTES Groups[1];
};
static_assert(offsetof(TOKEN_GROUPS, Groups) == 8);
struct TOKEN_OWNER {
    PSID Owner;
};
struct TOKEN_PRIMARY_GROUP {
    PSID PrimaryGroup;
};
struct ACL {
    BYTE AclRevision;
    BYTE Sbz1;
    WORD AclSize;
    WORD AceCount;
    WORD Sbz2;
};
static_assert(sizeof(ACL) == 8);
struct ACE_HEADER {
    BYTE AceType;
    BYTE AceFlags;
    WORD AceSize;
};
struct ACCESS_ALLOWED_ACE {
    ACE_HEADER Header;
    ACCESS_MASK Mask;
    DWORD SidStart;
};
static_assert(sizeof(ACCESS_ALLOWED_ACE) == 12);
constexpr BYTE ACL_REVISION = 2, ACCESS_ALLOWED_ACE_TYPE = 0;
struct TOKEN_DEFAULT_DACL {
    ACL* DefaultDacl;
};
struct TOKEN_SOURCE {
    char SourceName[8];
    LUID SourceIdentifier;
};
static_assert(sizeof(TOKEN_SOURCE) == 16);
struct TOKEN_STATISTICS {
    LUID TokenId;
    LUID AuthenticationId;
    LARGE_INTEGER ExpirationTime;
    TOKEN_TYPE TokenType;
    SECURITY_IMPERSONATION_LEVEL ImpersonationLevel;
    DWORD DynamicCharged;
    DWORD DynamicAvailable;
    DWORD GroupCount;
    DWORD PrivilegeCount;
    LUID ModifiedId;
};
static_assert(sizeof(TOKEN_STATISTICS) == 56);
struct TOKEN_ELEVATION {
    DWORD TokenIsElevated;
};
struct TOKEN_MANDATORY_LABEL {
    SID_AND_ATTRIBUTES Label;
};
struct TOKEN_MANDATORY_POLICY {
    DWORD Policy;
};
constexpr DWORD TOKEN_MANDATORY_POLICY_NO_WRITE_UP = 1;
struct TOKEN_ORIGIN {
    LUID OriginatingLogonSession;
};

struct SECURITY_QUALITY_OF_SERVICE {
    DWORD Length;
    SECURITY_IMPERSONATION_LEVEL ImpersonationLevel;
    BYTE ContextTrackingMode;
    BYTE EffectiveOnly;
};
static_assert(sizeof(SECURITY_QUALITY_OF_SERVICE) == 12);

enum WELL_KNOWN_SID_TYPE {
    WinNullSid = 0,
    WinWorldSid = 1,
    WinLocalSid = 2,
    WinCreatorOwnerSid = 3,
    WinCreatorGroupSid = 4,
    WinNtAuthoritySid = 7,
    WinNetworkSid = 9,
    WinBatchSid = 10,
    WinInteractiveSid = 11,
    WinServiceSid = 12,
    WinAnonymousSid = 13,
    WinSelfSid = 16,
    WinAuthenticatedUserSid = 17,
    WinRestrictedCodeSid = 18,
    WinLocalSystemSid = 22,
    WinLocalServiceSid = 23,
    WinNetworkServiceSid = 24,
    WinBuiltinDomainSid = 25,
    WinBuiltinAdministratorsSid = 26,
    WinBuiltinUsersSid = 27,
    WinBuiltinGuestsSid = 28,
    WinBuiltinPowerUsersSid = 29,
    WinAccountAdministratorSid = 38,
    WinAccountGuestSid = 39,
    WinAccountDomainUsersSid = 42,
    WinUntrustedLabelSid = 65,
    WinLowLabelSid = 66,
    WinMediumLabelSid = 67,
    WinHighLabelSid = 68,
    WinSystemLabelSid = 69,
};

// The NT security functions ntdll exports.
extern "C" {
WINAPI NTSTATUS RtlAllocateAndInitializeSid(const SID_IDENTIFIER_AUTHORITY* authority, BYTE count, DWORD a0,
                                            DWORD a1, DWORD a2, DWORD a3, DWORD a4, DWORD a5, DWORD a6, DWORD a7,
                                            PSID* sid);
WINAPI PVOID RtlFreeSid(PSID sid);
WINAPI BOOLEAN RtlValidSid(PSID sid);
WINAPI ULONG RtlLengthSid(PSID sid);
WINAPI ULONG RtlLengthRequiredSid(ULONG count);
WINAPI BOOLEAN RtlEqualSid(PSID a, PSID b);
WINAPI BOOLEAN RtlEqualPrefixSid(PSID a, PSID b);
WINAPI NTSTATUS RtlCopySid(ULONG length, PSID destination, PSID source);
WINAPI NTSTATUS RtlInitializeSid(PSID sid, const SID_IDENTIFIER_AUTHORITY* authority, BYTE count);
WINAPI DWORD* RtlSubAuthoritySid(PSID sid, ULONG index);
WINAPI BYTE* RtlSubAuthorityCountSid(PSID sid);
WINAPI SID_IDENTIFIER_AUTHORITY* RtlIdentifierAuthoritySid(PSID sid);
WINAPI NTSTATUS RtlConvertSidToUnicodeString(UNICODE_STRING* string, PSID sid, BOOLEAN allocate);
WINAPI NTSTATUS NtOpenProcessToken(HANDLE process, ACCESS_MASK access, HANDLE* token);
WINAPI NTSTATUS NtOpenProcessTokenEx(HANDLE process, ACCESS_MASK access, ULONG attributes, HANDLE* token);
WINAPI NTSTATUS NtOpenThreadToken(HANDLE thread, ACCESS_MASK access, BOOLEAN as_self, HANDLE* token);
WINAPI NTSTATUS NtOpenThreadTokenEx(HANDLE thread, ACCESS_MASK access, BOOLEAN as_self, ULONG attributes,
                                    HANDLE* token);
WINAPI NTSTATUS NtQueryInformationToken(HANDLE token, TOKEN_INFORMATION_CLASS info_class, void* info, ULONG length,
                                        ULONG* result_length);
WINAPI NTSTATUS NtAdjustPrivilegesToken(HANDLE token, BOOLEAN disable_all, TOKEN_PRIVILEGES* state, ULONG length,
                                        TOKEN_PRIVILEGES* previous, ULONG* result_length);
WINAPI NTSTATUS NtDuplicateToken(HANDLE token, ACCESS_MASK access, OBJECT_ATTRIBUTES* attributes,
                                 BOOLEAN effective_only, TOKEN_TYPE type, HANDLE* new_token);
WINAPI NTSTATUS NtPrivilegeCheck(HANDLE token, PRIVILEGE_SET* privileges, BOOLEAN* result);
}

// Impersonation and the token's defaults (dlls/ntdll/token.cpp).
extern "C" {
WINAPI NTSTATUS NtSetInformationToken(HANDLE token, TOKEN_INFORMATION_CLASS info_class, void* info, ULONG length);
WINAPI NTSTATUS NtImpersonateAnonymousToken(HANDLE thread);
}
