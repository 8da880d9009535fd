// The security descriptors of files. A file's descriptor is derived from
// its Unix owner and mode:
//   owner: Vine's user for files of the Unix user, S-1-22-1-UID (the
//     "Unix user" authority Samba uses) for other users' files;
//   group: "None" (the user's primary group) for the user's Unix group,
//     S-1-22-2-GID for others;
//   DACL: an ACE per class of the mode that grants something: the owner
//     (who may also always read and change the permissions), the group,
//     and Everyone for "other".
// Setting a DACL maps it back onto the mode: the rights each class ends up
// with (read: FILE_READ_DATA, write: FILE_WRITE_DATA, execute:
// FILE_EXECUTE), the first ACE naming a right deciding it, as in Windows'
// access check. The user's ACEs decide the owner bits, the group's the
// group bits, and Everyone's (and Authenticated Users', Users') every
// class. What the mode cannot express (another owner, ACEs for other
// SIDs, inheritance flags, protection bits, a SACL or label) is kept with
// the mode it was set under in the extended attribute user.vine.sd; it is
// ignored once the mode changes behind Vine's back (a chmod from Linux),
// since the mode is then the truth. On a filesystem without user extended
// attributes only the mode is kept, and the call still succeeds: the mode
// is the part that decides access on Linux.
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "file_name.h"
#include "ntdll_private.h"
#include "security_private.h"

namespace {

using ntdll::AclBuilder;
using ntdll::StaticSid;

constexpr const char* kAttribute = "user.vine.sd";
constexpr uint32_t kAttributeMagic = 0x31647376;  // "vsd1"

struct StoredHeader {
    uint32_t magic;
    uint32_t mode;  // the permission bits the descriptor was set under
};

constexpr ACCESS_MASK FILE_READ_DATA = 0x1, FILE_WRITE_DATA = 0x2, FILE_EXECUTE = 0x20,
                      FILE_DELETE_CHILD = 0x40, FILE_READ_ATTRIBUTES = 0x80, FILE_WRITE_ATTRIBUTES = 0x100,
                      DELETE = 0x10000, READ_CONTROL = 0x20000, WRITE_DAC = 0x40000, WRITE_OWNER = 0x80000,
                      SYNCHRONIZE = 0x100000;
constexpr ACCESS_MASK FILE_GENERIC_READ = 0x120089, FILE_GENERIC_WRITE = 0x120116, FILE_GENERIC_EXECUTE = 0x1200a0,
                      FILE_ALL_ACCESS = 0x1f01ff;
constexpr GENERIC_MAPPING kFileMapping = {FILE_GENERIC_READ, FILE_GENERIC_WRITE, FILE_GENERIC_EXECUTE,
                                          FILE_ALL_ACCESS};

// The owner may always see and change a file's permissions (chmod).
constexpr ACCESS_MASK kOwnerRights = READ_CONTROL | WRITE_DAC | WRITE_OWNER | FILE_READ_ATTRIBUTES |
                                     FILE_WRITE_ATTRIBUTES | SYNCHRONIZE;

constexpr BYTE kUnixAuthority = 22;  // S-1-22: Unix users (1) and groups (2)

ACCESS_MASK rights_of(unsigned bits) {
    ACCESS_MASK rights = 0;
    if (bits & 4) rights |= FILE_GENERIC_READ;
    if (bits & 2) rights |= FILE_GENERIC_WRITE | DELETE | FILE_DELETE_CHILD;
    if (bits & 1) rights |= FILE_GENERIC_EXECUTE;
    return rights;
}

unsigned bits_of(ACCESS_MASK mask) {
    return ((mask & FILE_READ_DATA) ? 4u : 0u) | ((mask & FILE_WRITE_DATA) ? 2u : 0u) |
           ((mask & FILE_EXECUTE) ? 1u : 0u);
}

StaticSid owner_of(const struct stat& st) {
    return st.st_uid == getuid() ? ntdll::kUser : StaticSid{kUnixAuthority, {1, static_cast<DWORD>(st.st_uid)}};
}
StaticSid group_of(const struct stat& st) {
    return st.st_gid == getgid() ? ntdll::kNone : StaticSid{kUnixAuthority, {2, static_cast<DWORD>(st.st_gid)}};
}

std::vector<BYTE> derived_security(const struct stat& st) {
    StaticSid owner = owner_of(st), group = group_of(st);
    unsigned mode = st.st_mode & 0777;
    AclBuilder dacl;
    dacl.add(ACCESS_ALLOWED_ACE_TYPE, 0, rights_of(mode >> 6) | kOwnerRights, owner.sid());
    if ((mode >> 3) & 7) dacl.add(ACCESS_ALLOWED_ACE_TYPE, 0, rights_of(mode >> 3), group.sid());
    if (mode & 7) dacl.add(ACCESS_ALLOWED_ACE_TYPE, 0, rights_of(mode), ntdll::kEveryone.sid());
    return ntdll::make_relative(owner.sid(), group.sid(), dacl.get(), nullptr, SE_DACL_PRESENT);
}

// The attribute calls on a descriptor, or by its path for an O_PATH
// descriptor (a directory or file opened without read access).
ssize_t get_attribute(int fd, void* buffer, size_t size) {
    ssize_t got = fgetxattr(fd, kAttribute, buffer, size);
    if (got >= 0 || errno != EBADF) return got;
    std::string path = ntdll::path_of_fd(fd);
    return path.empty() ? -1 : getxattr(path.c_str(), kAttribute, buffer, size);
}
void set_attribute(int fd, const void* value, size_t size) {
    if (fsetxattr(fd, kAttribute, value, size, 0) == 0 || errno != EBADF) return;
    std::string path = ntdll::path_of_fd(fd);
    if (!path.empty()) setxattr(path.c_str(), kAttribute, value, size, 0);
}
void remove_attribute(int fd) {
    if (fremovexattr(fd, kAttribute) == 0 || errno != EBADF) return;
    std::string path = ntdll::path_of_fd(fd);
    if (!path.empty()) removexattr(path.c_str(), kAttribute);
}
int change_mode(int fd, mode_t mode) {
    if (fchmod(fd, mode) == 0) return 0;
    if (errno != EBADF) return -1;
    std::string path = ntdll::path_of_fd(fd);
    return path.empty() ? -1 : chmod(path.c_str(), mode);
}

// The descriptor stored on the file, when it is still the one for the
// current mode.
bool stored_security(int fd, const struct stat& st, std::vector<BYTE>& descriptor) {
    ssize_t size = get_attribute(fd, nullptr, 0);
    if (size < static_cast<ssize_t>(sizeof(StoredHeader) + sizeof(SECURITY_DESCRIPTOR_RELATIVE)) || size > 0x20000)
        return false;
    std::vector<BYTE> bytes(static_cast<size_t>(size));
    size = get_attribute(fd, bytes.data(), bytes.size());
    if (size != static_cast<ssize_t>(bytes.size())) return false;
    StoredHeader header;
    memcpy(&header, bytes.data(), sizeof(header));
    if (header.magic != kAttributeMagic || header.mode != (st.st_mode & 07777)) return false;
    descriptor.assign(bytes.begin() + sizeof(header), bytes.end());
    return RtlValidRelativeSecurityDescriptor(descriptor.data(), static_cast<ULONG>(descriptor.size()), 0);
}

// Which classes of the mode an ACE's SID speaks for: 4 owner, 2 group,
// 1 other.
unsigned classes_of(PSID sid, const struct stat& st) {
    StaticSid owner = owner_of(st), group = group_of(st);
    if (RtlEqualSid(sid, ntdll::kEveryone.sid()) || RtlEqualSid(sid, ntdll::kAuthenticatedUsers.sid()) ||
        RtlEqualSid(sid, ntdll::kUsers.sid()))
        return 7;
    unsigned classes = 0;
    if (RtlEqualSid(sid, owner.sid()) || (st.st_uid == getuid() && ntdll::user_has_sid(sid))) classes |= 4;
    if (RtlEqualSid(sid, group.sid())) classes |= 2;
    return classes;
}

// The permission bits a DACL gives (a NULL DACL: everything to the owner,
// the other classes as they were).
unsigned mode_of(ACL* dacl, bool present, const struct stat& st) {
    if (!present || !dacl) return (st.st_mode & 0777) | 0700;
    unsigned allowed[3] = {}, denied[3] = {};  // owner, group, other
    for (ULONG i = 0; i < dacl->AceCount; ++i) {
        void* ace = nullptr;
        if (RtlGetAce(dacl, i, &ace) < 0) break;
        auto* header = static_cast<ACE_HEADER*>(ace);
        if (header->AceFlags & INHERIT_ONLY_ACE) continue;
        if (header->AceType != ACCESS_ALLOWED_ACE_TYPE && header->AceType != ACCESS_DENIED_ACE_TYPE) continue;
        auto* body = static_cast<ACCESS_ALLOWED_ACE*>(ace);
        ACCESS_MASK mask = body->Mask;
        RtlMapGenericMask(&mask, &kFileMapping);
        unsigned bits = bits_of(mask);
        unsigned classes = classes_of(&body->SidStart, st);
        for (int c = 0; c < 3; ++c) {
            if (!(classes & (4u >> c))) continue;
            unsigned undecided = bits & ~allowed[c] & ~denied[c];
            (header->AceType == ACCESS_ALLOWED_ACE_TYPE ? allowed[c] : denied[c]) |= undecided;
        }
    }
    return (allowed[0] << 6) | (allowed[1] << 3) | allowed[2];
}

}  // namespace

namespace ntdll {

NTSTATUS file_security(int fd, std::vector<BYTE>& descriptor) {
    struct stat st;
    if (fstat(fd, &st) < 0) return STATUS_INVALID_HANDLE;
    if (!stored_security(fd, st, descriptor)) descriptor = derived_security(st);
    return STATUS_SUCCESS;
}

NTSTATUS set_file_security(int fd, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR update) {
    struct stat st;
    if (fstat(fd, &st) < 0) return STATUS_INVALID_HANDLE;
    std::vector<BYTE> current, merged;
    if (NTSTATUS status = file_security(fd, current)) return status;
    if (info & OWNER_SECURITY_INFORMATION) {
        // Linux cannot give the file away; the user, or a group the user
        // may make owner (Administrators), is accepted.
        PSID owner = nullptr;
        BOOLEAN defaulted = FALSE;
        RtlGetOwnerSecurityDescriptor(update, &owner, &defaulted);
        StaticSid unix_owner = owner_of(st);
        if (owner && !RtlEqualSid(owner, unix_owner.sid()) && !(st.st_uid == getuid() && user_may_own(owner)))
            return STATUS_INVALID_OWNER;
    }
    if (NTSTATUS status = merge_security(current, info, update, merged)) return status;

    mode_t mode = st.st_mode & 07777;
    if (info & DACL_SECURITY_INFORMATION) {
        BOOLEAN present = FALSE, defaulted = FALSE;
        ACL* dacl = nullptr;
        RtlGetDaclSecurityDescriptor(merged.data(), &present, &dacl, &defaulted);
        mode = static_cast<mode_t>((st.st_mode & 07000) | mode_of(dacl, present, st));
        if (mode != (st.st_mode & 07777) && change_mode(fd, mode) < 0)
            return errno == EPERM ? STATUS_ACCESS_DENIED : STATUS_UNSUCCESSFUL;
        st.st_mode = (st.st_mode & ~07777) | mode;
    }
    if (merged == derived_security(st)) {
        remove_attribute(fd);  // nothing beyond the mode to keep
        return STATUS_SUCCESS;
    }
    std::vector<BYTE> stored(sizeof(StoredHeader) + merged.size());
    StoredHeader header{kAttributeMagic, static_cast<uint32_t>(mode)};
    memcpy(stored.data(), &header, sizeof(header));
    memcpy(stored.data() + sizeof(header), merged.data(), merged.size());
    // Without user extended attributes (ENOTSUP) the mode alone is kept.
    set_attribute(fd, stored.data(), stored.size());
    return STATUS_SUCCESS;
}

}  // namespace ntdll
