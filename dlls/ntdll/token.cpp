// Access tokens. Vine has one user: the Unix user, seen by Windows programs
// as a local administrator running elevated (the owner of the machine, as
// in Wine). The identity a token describes — its user, groups, owner,
// integrity level — is therefore fixed and built here; the server keeps
// what changes, the enabled privileges of each token object
// (server/requests_token.cpp), with the owner, primary group and default
// DACL that SetTokenInformation set, and each impersonating thread's token.
#include <cstring>
#include <vector>

#include "ntdll_private.h"
#include "object.h"
#include "security_private.h"
#include "vine/security.h"
#include "vine/server_client.h"

namespace protocol = vine::protocol;

namespace {

using ntdll::status_from_server;

// What Windows returns for a bad output pointer it was handed.
constexpr NTSTATUS kBadPointer = nt_status(0xc0000005);  // STATUS_ACCESS_VIOLATION

using ntdll::kAdministrators;
using ntdll::kHighLabel;
using ntdll::kLocalSystem;
using ntdll::kLogonId;
using ntdll::kLogonSession;
using ntdll::kNone;
using ntdll::kUser;
using ntdll::StaticSid;

constexpr DWORD kEnabledGroup = SE_GROUP_MANDATORY | SE_GROUP_ENABLED_BY_DEFAULT | SE_GROUP_ENABLED;

struct Group {
    StaticSid sid;
    DWORD attributes;
};

// TokenGroups of an elevated administrator's interactive logon.
const Group kGroups[] = {
    {kNone, kEnabledGroup},
    {ntdll::kEveryone, kEnabledGroup},
    {kAdministrators, kEnabledGroup | SE_GROUP_OWNER},
    {ntdll::kUsers, kEnabledGroup},
    {StaticSid{SECURITY_NT_AUTHORITY, {4}}, kEnabledGroup},                                  // INTERACTIVE
    {StaticSid{SECURITY_LOCAL_SID_AUTHORITY, {1}}, kEnabledGroup},                           // CONSOLE LOGON
    {ntdll::kAuthenticatedUsers, kEnabledGroup},
    {StaticSid{SECURITY_NT_AUTHORITY, {15}}, kEnabledGroup},                                 // This Organization
    {kLogonId, kEnabledGroup | SE_GROUP_LOGON_ID},
    {StaticSid{SECURITY_LOCAL_SID_AUTHORITY, {0}}, kEnabledGroup},                           // LOCAL
    {kHighLabel, SE_GROUP_INTEGRITY | SE_GROUP_INTEGRITY_ENABLED},
};

// What the server says of a token (and, by answering, that the handle is
// one with TOKEN_QUERY).
NTSTATUS query_token(HANDLE token, protocol::token_privileges_reply& state) {
    protocol::token_privileges_request request{};
    request.token = reinterpret_cast<uint64_t>(token);
    return status_from_server(vine::client::call(request, state));
}

// A token handle opened for one call and closed after it.
struct ScopedToken {
    HANDLE handle = nullptr;
    ~ScopedToken() {
        if (handle) NtClose(handle);
    }
};

NTSTATUS open_thread_token(HANDLE thread, ACCESS_MASK access, bool inherit, HANDLE* token) {
    protocol::open_thread_token_request request{};
    request.thread = reinterpret_cast<uint64_t>(thread);
    request.access = access;
    request.inherit = inherit ? 1 : 0;
    protocol::open_thread_token_reply reply{};
    if (uint32_t error = vine::client::call(request, reply)) return status_from_server(error);
    *token = reinterpret_cast<HANDLE>(reply.handle);
    return STATUS_SUCCESS;
}

// The pseudo-handles GetCurrentProcessToken(), GetCurrentThreadToken() and
// GetCurrentThreadEffectiveToken() (the thread's token when it
// impersonates, else the process's); they allow querying only. One real
// handle serves the process's token; a thread's is opened for the call
// (into `opened`).
NTSTATUS resolve_pseudo(HANDLE& token, bool query_only, ScopedToken& opened) {
    if (token != kCurrentProcessToken && token != kCurrentThreadEffectiveToken && token != kCurrentThreadToken)
        return STATUS_SUCCESS;
    if (!query_only) return STATUS_ACCESS_DENIED;
    constexpr ACCESS_MASK kQuery = TOKEN_QUERY | TOKEN_QUERY_SOURCE;
    if (token != kCurrentProcessToken) {
        NTSTATUS status = open_thread_token(ntdll::kCurrentThread, kQuery, false, &opened.handle);
        if (status == STATUS_SUCCESS) {
            token = opened.handle;
            return STATUS_SUCCESS;
        }
        if (token == kCurrentThreadToken || status != STATUS_NO_TOKEN) return status;
    }
    static HANDLE process_token;  // set once, never closed
    HANDLE cached = __atomic_load_n(&process_token, __ATOMIC_ACQUIRE);
    if (!cached) {
        HANDLE fresh = nullptr;
        if (NTSTATUS status = NtOpenProcessToken(reinterpret_cast<HANDLE>(-1), kQuery, &fresh)) return status;
        if (!__atomic_compare_exchange_n(&process_token, &cached, fresh, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            NtClose(fresh);
        else
            cached = fresh;
    }
    token = cached;
    return STATUS_SUCCESS;
}

// What SetTokenInformation set for an owner, primary group or default DACL
// (empty: never set). A default DACL set to none is kept as one zero byte.
NTSTATUS token_default(HANDLE token, TOKEN_INFORMATION_CLASS info_class, std::string& value) {
    protocol::token_default_request request{};
    request.token = reinterpret_cast<uint64_t>(token);
    request.info_class = static_cast<uint32_t>(info_class);
    protocol::token_default_reply reply{};
    value.clear();
    return status_from_server(vine::client::call(request, reply, nullptr, 0, nullptr, 0, &value));
}

NTSTATUS set_token_default(HANDLE token, TOKEN_INFORMATION_CLASS info_class, const void* value, ULONG size) {
    protocol::token_default_request request{};
    request.token = reinterpret_cast<uint64_t>(token);
    request.info_class = static_cast<uint32_t>(info_class);
    request.set = 1;
    protocol::token_default_reply reply{};
    return status_from_server(vine::client::call(request, reply, value, size));
}

// Lays out an information class: a fixed part, then SIDs and other
// variable data after it, with pointers into the caller's buffer.
class Layout {
public:
    Layout(void* buffer, ULONG length, ULONG fixed) : base_(static_cast<BYTE*>(buffer)), length_(length), used_(fixed) {
        used_ = (used_ + 3) & ~3u;
    }
    // Reserves room for `size` bytes; returns where they go, or nullptr
    // while only measuring (the buffer is too small).
    BYTE* reserve(ULONG size) {
        ULONG at = used_;
        used_ += (size + 3) & ~3u;
        return fits() ? base_ + at : nullptr;
    }
    PSID add_sid(const StaticSid& sid) {
        BYTE* at = reserve(sid.size());
        if (at) memcpy(at, &sid, sid.size());
        return at;
    }
    bool fits() const { return base_ && used_ <= length_; }
    ULONG size() const { return used_; }
    BYTE* fixed() const { return base_; }

private:
    BYTE* base_;
    ULONG length_;
    ULONG used_;
};

NTSTATUS finish(const Layout& layout, ULONG* result_length) {
    if (result_length) *result_length = layout.size();
    return layout.fits() ? STATUS_SUCCESS : STATUS_BUFFER_TOO_SMALL;
}

// A fixed-size class: copies `value` when it fits.
template <typename T>
NTSTATUS copy_fixed(const T& value, void* info, ULONG length, ULONG* result_length) {
    if (result_length) *result_length = sizeof(T);
    if (length < sizeof(T)) return STATUS_BUFFER_TOO_SMALL;
    if (!info) return kBadPointer;
    memcpy(info, &value, sizeof(T));
    return STATUS_SUCCESS;
}

NTSTATUS sid_and_attributes(const StaticSid& sid, DWORD attributes, void* info, ULONG length, ULONG* result_length) {
    Layout layout(info, length, sizeof(SID_AND_ATTRIBUTES));
    PSID copy = layout.add_sid(sid);
    if (layout.fits()) *reinterpret_cast<SID_AND_ATTRIBUTES*>(layout.fixed()) = {copy, attributes};
    return finish(layout, result_length);
}

NTSTATUS single_sid(const StaticSid& sid, void* info, ULONG length, ULONG* result_length) {
    Layout layout(info, length, sizeof(PSID));
    PSID copy = layout.add_sid(sid);
    if (layout.fits()) *reinterpret_cast<PSID*>(layout.fixed()) = copy;
    return finish(layout, result_length);
}

// TokenOwner or TokenPrimaryGroup: the SID set, or the token's default.
NTSTATUS owner_or_group(HANDLE token, TOKEN_INFORMATION_CLASS info_class, const StaticSid& fallback, void* info,
                        ULONG length, ULONG* result_length) {
    std::string set;
    if (NTSTATUS status = token_default(token, info_class, set)) return status;
    if (set.size() < 8 || !RtlValidSid(set.data()) || RtlLengthSid(set.data()) != set.size())
        return single_sid(fallback, info, length, result_length);
    Layout layout(info, length, sizeof(PSID));
    BYTE* copy = layout.reserve(static_cast<ULONG>(set.size()));
    if (copy) memcpy(copy, set.data(), set.size());
    if (layout.fits()) *reinterpret_cast<PSID*>(layout.fixed()) = copy;
    return finish(layout, result_length);
}

// The anonymous logon (ImpersonateAnonymousToken): user ANONYMOUS LOGON,
// no groups but its integrity level, Untrusted, and no privileges (the
// server gives it none).
const StaticSid kUntrustedLabel{SECURITY_MANDATORY_LABEL_AUTHORITY, {0}};
const Group kAnonymousGroups[] = {
    {kUntrustedLabel, SE_GROUP_INTEGRITY | SE_GROUP_INTEGRITY_ENABLED},
};

template <size_t count>
NTSTATUS groups(const Group (&list)[count], void* info, ULONG length, ULONG* result_length) {
    Layout layout(info, length, offsetof(TOKEN_GROUPS, Groups) + count * sizeof(SID_AND_ATTRIBUTES));
    PSID sids[count];
    for (ULONG i = 0; i < count; ++i) sids[i] = layout.add_sid(list[i].sid);
    if (layout.fits()) {
        auto* out = reinterpret_cast<TOKEN_GROUPS*>(layout.fixed());
        out->GroupCount = count;
        for (ULONG i = 0; i < count; ++i) out->Groups[i] = {sids[i], list[i].attributes};
    }
    return finish(layout, result_length);
}

int privilege_count(uint64_t present) { return __builtin_popcountll(present); }

DWORD privilege_attributes(unsigned luid, uint64_t enabled) {
    constexpr uint64_t enabled_by_default = (uint64_t{1} << 23) | (uint64_t{1} << 29) | (uint64_t{1} << 30);
    DWORD attributes = 0;
    if (enabled_by_default & (uint64_t{1} << luid)) attributes |= SE_PRIVILEGE_ENABLED_BY_DEFAULT;
    if (enabled & (uint64_t{1} << luid)) attributes |= SE_PRIVILEGE_ENABLED;
    return attributes;
}

// Writes the privileges of `mask` as a TOKEN_PRIVILEGES with the
// attributes they have under `enabled`.
void write_privileges(TOKEN_PRIVILEGES* out, uint64_t mask, uint64_t enabled) {
    DWORD n = 0;
    for (unsigned luid = SE_MIN_WELL_KNOWN_PRIVILEGE; luid <= SE_MAX_WELL_KNOWN_PRIVILEGE; ++luid)
        if (mask & (uint64_t{1} << luid))
            out->Privileges[n++] = {{luid, 0}, privilege_attributes(luid, enabled)};
    out->PrivilegeCount = n;
}

ULONG privileges_size(int count) {
    return static_cast<ULONG>(offsetof(TOKEN_PRIVILEGES, Privileges) + count * sizeof(LUID_AND_ATTRIBUTES));
}

NTSTATUS privileges(const protocol::token_privileges_reply& state, void* info, ULONG length, ULONG* result_length) {
    ULONG needed = privileges_size(privilege_count(state.present));
    if (result_length) *result_length = needed;
    if (length < needed) return STATUS_BUFFER_TOO_SMALL;
    if (!info) return kBadPointer;
    write_privileges(static_cast<TOKEN_PRIVILEGES*>(info), state.present, state.enabled);
    return STATUS_SUCCESS;
}

// The default DACL of new objects: the one set, none, or full control for
// the user and SYSTEM.
NTSTATUS default_dacl(HANDLE token, void* info, ULONG length, ULONG* result_length) {
    std::string set;
    if (NTSTATUS status = token_default(token, TokenDefaultDacl, set)) return status;
    if (set.size() == 1) {  // none
        Layout layout(info, length, sizeof(TOKEN_DEFAULT_DACL));
        if (layout.fits()) reinterpret_cast<TOKEN_DEFAULT_DACL*>(layout.fixed())->DefaultDacl = nullptr;
        return finish(layout, result_length);
    }
    if (set.size() >= sizeof(ACL)) {
        Layout layout(info, length, sizeof(TOKEN_DEFAULT_DACL));
        BYTE* acl = layout.reserve(static_cast<ULONG>(set.size()));
        if (!layout.fits()) return finish(layout, result_length);
        memcpy(acl, set.data(), set.size());
        reinterpret_cast<TOKEN_DEFAULT_DACL*>(layout.fixed())->DefaultDacl = reinterpret_cast<ACL*>(acl);
        return finish(layout, result_length);
    }
    const StaticSid* trustees[] = {&kUser, &kLocalSystem};
    ULONG acl_size = sizeof(ACL);
    for (const StaticSid* sid : trustees) acl_size += offsetof(ACCESS_ALLOWED_ACE, SidStart) + sid->size();
    Layout layout(info, length, sizeof(TOKEN_DEFAULT_DACL));
    BYTE* acl = layout.reserve(acl_size);
    if (!layout.fits()) return finish(layout, result_length);
    auto* header = reinterpret_cast<ACL*>(acl);
    *header = {ACL_REVISION, 0, static_cast<WORD>(acl_size), 2, 0};
    BYTE* at = acl + sizeof(ACL);
    for (const StaticSid* sid : trustees) {
        auto* ace = reinterpret_cast<ACCESS_ALLOWED_ACE*>(at);
        ace->Header = {ACCESS_ALLOWED_ACE_TYPE, 0,
                       static_cast<WORD>(offsetof(ACCESS_ALLOWED_ACE, SidStart) + sid->size())};
        ace->Mask = 0x10000000;  // GENERIC_ALL
        memcpy(&ace->SidStart, sid, sid->size());
        at += ace->Header.AceSize;
    }
    reinterpret_cast<TOKEN_DEFAULT_DACL*>(layout.fixed())->DefaultDacl = header;
    return finish(layout, result_length);
}

LUID luid_of(uint64_t value) { return {static_cast<DWORD>(value), static_cast<LONG>(value >> 32)}; }

}  // namespace

VINE_EXPORT NTSTATUS NtOpenProcessTokenEx(HANDLE process, ACCESS_MASK access, ULONG attributes, HANDLE* token) {
    if (!token) return kBadPointer;
    protocol::open_token_request request{};
    request.process = reinterpret_cast<uint64_t>(process);
    request.access = access;
    request.inherit = (attributes & OBJ_INHERIT) ? 1 : 0;
    protocol::open_token_reply reply{};
    if (uint32_t error = vine::client::call(request, reply)) return status_from_server(error);
    *token = reinterpret_cast<HANDLE>(reply.handle);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtOpenProcessToken(HANDLE process, ACCESS_MASK access, HANDLE* token) {
    return NtOpenProcessTokenEx(process, access, 0, token);
}

VINE_EXPORT NTSTATUS NtOpenThreadTokenEx(HANDLE thread, ACCESS_MASK access, BOOLEAN as_self, ULONG attributes,
                                         HANDLE* token) {
    (void)as_self;  // which identity checks the thread handle: the same user either way
    if (!token) return kBadPointer;
    *token = nullptr;
    if (!thread) return STATUS_INVALID_HANDLE;
    return open_thread_token(thread, access, attributes & OBJ_INHERIT, token);
}

VINE_EXPORT NTSTATUS NtOpenThreadToken(HANDLE thread, ACCESS_MASK access, BOOLEAN as_self, HANDLE* token) {
    return NtOpenThreadTokenEx(thread, access, as_self, 0, token);
}

VINE_EXPORT NTSTATUS NtQueryInformationToken(HANDLE token, TOKEN_INFORMATION_CLASS info_class, void* info,
                                             ULONG length, ULONG* result_length) {
    ScopedToken opened;
    if (NTSTATUS status = resolve_pseudo(token, true, opened)) return status;
    protocol::token_privileges_reply state{};
    if (NTSTATUS status = query_token(token, state)) return status;
    const bool anonymous = state.anonymous != 0;
    switch (info_class) {
    case TokenUser: return sid_and_attributes(anonymous ? ntdll::kAnonymous : kUser, 0, info, length, result_length);
    case TokenGroups:
        return anonymous ? groups(kAnonymousGroups, info, length, result_length)
                         : groups(kGroups, info, length, result_length);
    case TokenPrivileges: return privileges(state, info, length, result_length);
    case TokenOwner:
        return owner_or_group(token, TokenOwner, anonymous ? ntdll::kAnonymous : kAdministrators, info, length,
                              result_length);
    case TokenPrimaryGroup:
        return owner_or_group(token, TokenPrimaryGroup, anonymous ? ntdll::kAnonymous : kNone, info, length,
                              result_length);
    case TokenDefaultDacl: return default_dacl(token, info, length, result_length);
    case TokenSource: {
        TOKEN_SOURCE source{{'U', 's', 'e', 'r', '3', '2', ' ', ' '}, {kLogonSession, 0}};
        return copy_fixed(source, info, length, result_length);
    }
    case TokenType: return copy_fixed(static_cast<TOKEN_TYPE>(state.type), info, length, result_length);
    case TokenImpersonationLevel:
        if (state.type != TokenImpersonation) return STATUS_INVALID_INFO_CLASS;
        return copy_fixed(static_cast<SECURITY_IMPERSONATION_LEVEL>(state.level), info, length, result_length);
    case TokenStatistics: {
        TOKEN_STATISTICS stats{};
        stats.TokenId = luid_of(state.token_id);
        stats.AuthenticationId = {kLogonSession, 0};
        stats.ExpirationTime.QuadPart = INT64_MAX;
        stats.TokenType = static_cast<TOKEN_TYPE>(state.type);
        stats.ImpersonationLevel = static_cast<SECURITY_IMPERSONATION_LEVEL>(state.level);
        stats.DynamicCharged = 4096;
        stats.GroupCount = anonymous ? 1 : sizeof(kGroups) / sizeof(kGroups[0]);
        stats.PrivilegeCount = static_cast<DWORD>(privilege_count(state.present));
        stats.ModifiedId = luid_of(state.modified_id);
        return copy_fixed(stats, info, length, result_length);
    }
    case TokenSessionId: return copy_fixed(DWORD{1}, info, length, result_length);
    case TokenOrigin: return copy_fixed(TOKEN_ORIGIN{{kLogonSession, 0}}, info, length, result_length);
    case TokenElevationType: return copy_fixed(TokenElevationTypeDefault, info, length, result_length);
    case TokenElevation: return copy_fixed(TOKEN_ELEVATION{anonymous ? 0u : 1u}, info, length, result_length);
    case TokenHasRestrictions:
    case TokenVirtualizationAllowed:
    case TokenVirtualizationEnabled:
    case TokenUIAccess:
    case TokenIsAppContainer:
    case TokenIsRestricted: return copy_fixed(DWORD{0}, info, length, result_length);
    case TokenIntegrityLevel:
        return sid_and_attributes(anonymous ? kUntrustedLabel : kHighLabel,
                                  SE_GROUP_INTEGRITY | SE_GROUP_INTEGRITY_ENABLED, info, length, result_length);
    case TokenMandatoryPolicy:
        return copy_fixed(TOKEN_MANDATORY_POLICY{TOKEN_MANDATORY_POLICY_NO_WRITE_UP}, info, length, result_length);
    case TokenLogonSid: {
        Layout layout(info, length, offsetof(TOKEN_GROUPS, Groups) + sizeof(SID_AND_ATTRIBUTES));
        PSID sid = layout.add_sid(kLogonId);
        if (layout.fits()) {
            auto* out = reinterpret_cast<TOKEN_GROUPS*>(layout.fixed());
            out->GroupCount = 1;
            out->Groups[0] = {sid, kEnabledGroup | SE_GROUP_LOGON_ID};
        }
        return finish(layout, result_length);
    }
    default: return STATUS_INVALID_INFO_CLASS;
    }
}

VINE_EXPORT NTSTATUS NtAdjustPrivilegesToken(HANDLE token, BOOLEAN disable_all, TOKEN_PRIVILEGES* state,
                                             ULONG length, TOKEN_PRIVILEGES* previous, ULONG* result_length) {
    ScopedToken opened;
    if (NTSTATUS status = resolve_pseudo(token, false, opened)) return status;
    if (!disable_all && !state) return STATUS_INVALID_PARAMETER;
    protocol::token_privileges_request request{};
    request.token = reinterpret_cast<uint64_t>(token);
    request.disable_all = disable_all ? 1 : 0;
    bool unknown = false;
    if (!disable_all) {
        for (DWORD i = 0; i < state->PrivilegeCount; ++i) {
            const LUID& luid = state->Privileges[i].Luid;
            if (luid.HighPart || luid.LowPart < SE_MIN_WELL_KNOWN_PRIVILEGE || luid.LowPart > SE_MAX_WELL_KNOWN_PRIVILEGE) {
                unknown = true;
                continue;
            }
            uint64_t bit = uint64_t{1} << luid.LowPart;
            if (state->Privileges[i].Attributes & SE_PRIVILEGE_ENABLED)
                request.enable |= bit;
            else
                request.disable |= bit;  // 0 or SE_PRIVILEGE_REMOVED
        }
    }
    if (previous || result_length) {
        // The previous state holds the privileges this call changes; it must
        // fit before anything changes.
        protocol::token_privileges_reply now{};
        if (NTSTATUS status = query_token(token, now)) return status;
        uint64_t after = disable_all ? 0 : now.enabled;
        after = (after | (request.enable & now.present)) & ~(request.disable & now.present);
        uint64_t changed = after ^ now.enabled;
        ULONG needed = privileges_size(privilege_count(changed));
        if (result_length) *result_length = needed;
        if (previous) {
            if (length < needed) return STATUS_BUFFER_TOO_SMALL;
            write_privileges(previous, changed, now.enabled);
        }
    }
    protocol::token_privileges_reply reply{};
    if (uint32_t error = vine::client::call(request, reply)) return status_from_server(error);
    return (reply.not_all_assigned || unknown) ? STATUS_NOT_ALL_ASSIGNED : STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtDuplicateToken(HANDLE token, ACCESS_MASK access, OBJECT_ATTRIBUTES* attributes,
                                      BOOLEAN effective_only, TOKEN_TYPE type, HANDLE* new_token) {
    (void)effective_only;
    if (!new_token) return kBadPointer;
    ScopedToken opened;
    if (NTSTATUS status = resolve_pseudo(token, true, opened)) return status;
    protocol::duplicate_token_request request{};
    request.token = reinterpret_cast<uint64_t>(token);
    request.access = access;
    request.type = static_cast<uint32_t>(type);
    if (attributes) {
        request.inherit = (attributes->Attributes & OBJ_INHERIT) ? 1 : 0;
        if (auto* qos = static_cast<const SECURITY_QUALITY_OF_SERVICE*>(attributes->SecurityQualityOfService))
            request.level = static_cast<uint32_t>(qos->ImpersonationLevel);
    }
    protocol::duplicate_token_reply reply{};
    if (uint32_t error = vine::client::call(request, reply)) return status_from_server(error);
    *new_token = reinterpret_cast<HANDLE>(reply.handle);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtPrivilegeCheck(HANDLE token, PRIVILEGE_SET* set, BOOLEAN* result) {
    if (!set || !result) return kBadPointer;
    ScopedToken opened;
    if (NTSTATUS status = resolve_pseudo(token, true, opened)) return status;
    protocol::token_privileges_reply state{};
    if (NTSTATUS status = query_token(token, state)) return status;
    DWORD held = 0;
    for (DWORD i = 0; i < set->PrivilegeCount; ++i) {
        LUID_AND_ATTRIBUTES& entry = set->Privilege[i];
        bool enabled = !entry.Luid.HighPart && entry.Luid.LowPart <= SE_MAX_WELL_KNOWN_PRIVILEGE &&
                       (state.enabled & (uint64_t{1} << entry.Luid.LowPart));
        if (enabled) {
            entry.Attributes |= SE_PRIVILEGE_USED_FOR_ACCESS;
            ++held;
        }
    }
    *result = (set->Control & PRIVILEGE_SET_ALL_NECESSARY) ? held == set->PrivilegeCount : held > 0;
    return STATUS_SUCCESS;
}

// SetTokenInformation: the defaults of new objects (owner: the user or a
// group the token may own objects as; primary group: the user or one of
// its groups), and the session, which needs SeTcbPrivilege.
VINE_EXPORT NTSTATUS NtSetInformationToken(HANDLE token, TOKEN_INFORMATION_CLASS info_class, void* info,
                                           ULONG length) {
    ScopedToken opened;
    if (NTSTATUS status = resolve_pseudo(token, false, opened)) return status;
    switch (info_class) {
    case TokenOwner:
    case TokenPrimaryGroup: {
        if (length < sizeof(PSID)) return STATUS_INFO_LENGTH_MISMATCH;
        if (!info) return kBadPointer;
        PSID sid = *static_cast<PSID*>(info);
        bool owner = info_class == TokenOwner;
        if (!sid || !RtlValidSid(sid)) return owner ? STATUS_INVALID_OWNER : STATUS_INVALID_PRIMARY_GROUP;
        bool allowed = owner ? ntdll::user_may_own(sid) : ntdll::user_has_sid(sid);
        if (!allowed) return owner ? STATUS_INVALID_OWNER : STATUS_INVALID_PRIMARY_GROUP;
        return set_token_default(token, info_class, sid, RtlLengthSid(sid));
    }
    case TokenDefaultDacl: {
        if (length < sizeof(TOKEN_DEFAULT_DACL)) return STATUS_INFO_LENGTH_MISMATCH;
        if (!info) return kBadPointer;
        ACL* acl = static_cast<TOKEN_DEFAULT_DACL*>(info)->DefaultDacl;
        if (!acl) {
            const BYTE none = 0;
            return set_token_default(token, info_class, &none, 1);
        }
        if (!RtlValidAcl(acl)) return STATUS_INVALID_ACL;
        return set_token_default(token, info_class, acl, acl->AclSize);
    }
    case TokenSessionId: {
        // Moving a token to another session needs SeTcbPrivilege, which the
        // user's tokens never hold (server/requests_token.cpp).
        if (length < sizeof(DWORD)) return STATUS_INFO_LENGTH_MISMATCH;
        protocol::token_privileges_reply state{};
        if (NTSTATUS status = query_token(token, state)) return status;
        return STATUS_PRIVILEGE_NOT_HELD;
    }
    default: return STATUS_INVALID_INFO_CLASS;
    }
}

// The anonymous logon's token for `thread` (a new token each time).
VINE_EXPORT NTSTATUS NtImpersonateAnonymousToken(HANDLE thread) {
    protocol::set_thread_token_request request{};
    request.thread = reinterpret_cast<uint64_t>(thread);
    request.anonymous = 1;
    protocol::set_thread_token_reply reply{};
    return status_from_server(vine::client::call(request, reply));
}

namespace ntdll {

// NtSetInformationThread(ThreadImpersonationToken): a thread's token, set
// or (with a null handle) removed.
NTSTATUS set_thread_token(HANDLE thread, const void* info, ULONG length) {
    if (length != sizeof(HANDLE)) return STATUS_INFO_LENGTH_MISMATCH;
    if (!info) return kBadPointer;
    protocol::set_thread_token_request request{};
    request.thread = reinterpret_cast<uint64_t>(thread);
    request.token = reinterpret_cast<uint64_t>(*static_cast<const HANDLE*>(info));
    protocol::set_thread_token_reply reply{};
    return status_from_server(vine::client::call(request, reply));
}

}  // namespace ntdll

namespace ntdll {

bool user_may_own(PSID sid) {
    if (RtlEqualSid(sid, kUser.sid())) return true;
    for (const Group& group : kGroups)
        if ((group.attributes & SE_GROUP_OWNER) && RtlEqualSid(sid, group.sid.sid())) return true;
    return false;
}

bool user_has_sid(PSID sid) {
    if (RtlEqualSid(sid, kUser.sid())) return true;
    for (const Group& group : kGroups)
        if ((group.attributes & SE_GROUP_ENABLED) && RtlEqualSid(sid, group.sid.sid())) return true;
    return false;
}

}  // namespace ntdll
