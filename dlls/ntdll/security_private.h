// Shared by ntdll's security sources: the SIDs of Vine's one user and its
// groups (token.cpp describes them), and building descriptors and ACLs in
// memory (object_security.cpp, file_security.cpp).
#pragma once

#include <cstring>
#include <initializer_list>
#include <vector>

#include "vine/security_descriptor.h"

namespace ntdll {

// A SID built in place: authority and up to five sub-authorities.
struct StaticSid {
    BYTE revision = SID_REVISION;
    BYTE count;
    BYTE authority[6];
    DWORD sub[5];
    StaticSid(BYTE authority_value, std::initializer_list<DWORD> subs)
        : count(static_cast<BYTE>(subs.size())), authority{0, 0, 0, 0, 0, authority_value}, sub{} {
        std::copy(subs.begin(), subs.end(), sub);
    }
    ULONG size() const { return 8 + count * 4; }
    PSID sid() const { return const_cast<StaticSid*>(this); }
};

// The logon session of Vine's user, as a locally unique identifier.
constexpr DWORD kLogonSession = 0x3e9a1;

// The user: S-1-5-21-0-0-0-1000, a local account of the machine (the
// machine part as Wine gives it), and its primary group, "None".
inline const StaticSid kUser{SECURITY_NT_AUTHORITY, {SECURITY_NT_NON_UNIQUE, 0, 0, 0, 1000}};
inline const StaticSid kNone{SECURITY_NT_AUTHORITY, {SECURITY_NT_NON_UNIQUE, 0, 0, 0, DOMAIN_GROUP_RID_USERS}};
inline const StaticSid kAdministrators{SECURITY_NT_AUTHORITY, {SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_ADMINS}};
inline const StaticSid kUsers{SECURITY_NT_AUTHORITY, {SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_USERS}};
inline const StaticSid kHighLabel{SECURITY_MANDATORY_LABEL_AUTHORITY, {SECURITY_MANDATORY_HIGH_RID}};
inline const StaticSid kLogonId{SECURITY_NT_AUTHORITY, {SECURITY_LOGON_IDS_RID, 0, kLogonSession}};
inline const StaticSid kLocalSystem{SECURITY_NT_AUTHORITY, {SECURITY_LOCAL_SYSTEM_RID}};
inline const StaticSid kEveryone{SECURITY_WORLD_SID_AUTHORITY, {0}};
inline const StaticSid kAuthenticatedUsers{SECURITY_NT_AUTHORITY, {11}};
inline const StaticSid kAnonymous{SECURITY_NT_AUTHORITY, {7}};

// Whether the user's token holds `sid` as its user or an enabled group,
// and whether objects may be owned by it (the user, or a group the token
// holds with SE_GROUP_OWNER).
bool user_has_sid(PSID sid);
bool user_may_own(PSID sid);
// NtSetInformationThread(ThreadImpersonationToken) (token.cpp).
NTSTATUS set_thread_token(HANDLE thread, const void* info, ULONG length);

// An ACL built ACE by ACE.
class AclBuilder {
public:
    explicit AclBuilder(BYTE revision = ACL_REVISION) : bytes_(sizeof(ACL)) {
        ACL header{revision, 0, sizeof(ACL), 0, 0};
        memcpy(bytes_.data(), &header, sizeof(header));
    }
    void add(BYTE type, BYTE flags, ACCESS_MASK mask, PSID sid) {
        ULONG sid_size = RtlLengthSid(sid);
        size_t at = bytes_.size();
        bytes_.resize(at + 8 + sid_size);
        ACE_HEADER header{type, flags, static_cast<WORD>(8 + sid_size)};
        memcpy(bytes_.data() + at, &header, 4);
        memcpy(bytes_.data() + at + 4, &mask, 4);
        memcpy(bytes_.data() + at + 8, sid, sid_size);
        ACL* acl = get();
        acl->AclSize = static_cast<WORD>(bytes_.size());
        ++acl->AceCount;
    }
    ACL* get() { return reinterpret_cast<ACL*>(bytes_.data()); }

private:
    std::vector<BYTE> bytes_;
};

// A self-relative descriptor of the given parts (nullptr: absent; a DACL
// or SACL is present when `control` says so).
std::vector<BYTE> make_relative(PSID owner, PSID group, ACL* dacl, ACL* sacl, SECURITY_DESCRIPTOR_CONTROL control);

// `current` with the parts `info` names taken from `update` (the control
// bits of those parts too), as NtSetSecurityObject changes an object's
// descriptor. `update` has been validated; `current` is self-relative.
NTSTATUS merge_security(const std::vector<BYTE>& current, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR update,
                        std::vector<BYTE>& merged);

// Files: the descriptor of the file open as `fd` (derived from its owner
// and mode, or the one set on it), and setting one (file_security.cpp).
NTSTATUS file_security(int fd, std::vector<BYTE>& descriptor);
NTSTATUS set_file_security(int fd, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR update);

}  // namespace ntdll
