// The security descriptors of objects: NtQuerySecurityObject and
// NtSetSecurityObject. Where each descriptor lives:
//   files and directories: derived from the Unix owner and mode, with what
//     the mode cannot express kept in an extended attribute
//     (file_security.cpp);
//   registry keys: in the server, for the keys a program gave one; the
//     others have the default below (server/requests_key_security.cpp);
//   other objects (events, processes, tokens...): the default descriptor
//     of the token's new objects, which cannot be changed.
#include <cstring>

#include "ntdll_private.h"
#include "object.h"
#include "security_private.h"
#include "vine/nt_file.h"
#include "vine/server_client.h"

namespace protocol = vine::protocol;
using ntdll::AclBuilder;

namespace {

constexpr ACCESS_MASK kReadControl = 0x20000, kWriteDac = 0x40000, kWriteOwner = 0x80000,
                      kAccessSystemSecurity = 0x01000000, kGenericRead = 0x80000000, kGenericWrite = 0x40000000,
                      kGenericAll = 0x10000000, kMaximumAllowed = 0x02000000;
constexpr ACCESS_MASK KEY_ALL_ACCESS = 0xf003f, KEY_READ = 0x20019;

// What Windows returns for a bad pointer it was handed.
constexpr NTSTATUS kBadPointer = nt_status(0xc0000005);

constexpr SECURITY_INFORMATION kKnownInformation =
    OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION |
    SACL_SECURITY_INFORMATION | LABEL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION |
    UNPROTECTED_DACL_SECURITY_INFORMATION | PROTECTED_SACL_SECURITY_INFORMATION |
    UNPROTECTED_SACL_SECURITY_INFORMATION | ATTRIBUTE_SECURITY_INFORMATION | SCOPE_SECURITY_INFORMATION |
    PROCESS_TRUST_LABEL_SECURITY_INFORMATION | BACKUP_SECURITY_INFORMATION;

// The rights a handle needs to read (or change) the parts `info` names.
ACCESS_MASK rights_for(SECURITY_INFORMATION info, bool change) {
    ACCESS_MASK needed = 0;
    if (change) {
        if (info & (OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION | LABEL_SECURITY_INFORMATION))
            needed |= kWriteOwner;
        if (info & DACL_SECURITY_INFORMATION) needed |= kWriteDac;
    } else if (info & (OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION |
                       LABEL_SECURITY_INFORMATION)) {
        needed |= kReadControl;
    }
    if (info & SACL_SECURITY_INFORMATION) needed |= kAccessSystemSecurity;
    return needed;
}

// Generic rights of a handle as the object-type-independent rights they
// always include (the standard rights).
ACCESS_MASK standard_rights(ACCESS_MASK access) {
    if (access & (kGenericAll | kMaximumAllowed)) access |= kReadControl | kWriteDac | kWriteOwner;
    if (access & (kGenericRead | kGenericWrite)) access |= kReadControl;
    return access;
}

// Keys without a descriptor of their own: what Windows gives the keys
// under HKCU, full control for the user, SYSTEM and Administrators, read
// access for restricted code, inherited by subkeys.
std::vector<BYTE> default_key_security() {
    AclBuilder dacl;
    dacl.add(ACCESS_ALLOWED_ACE_TYPE, CONTAINER_INHERIT_ACE, KEY_ALL_ACCESS, ntdll::kUser.sid());
    dacl.add(ACCESS_ALLOWED_ACE_TYPE, CONTAINER_INHERIT_ACE, KEY_ALL_ACCESS, ntdll::kLocalSystem.sid());
    dacl.add(ACCESS_ALLOWED_ACE_TYPE, CONTAINER_INHERIT_ACE, KEY_ALL_ACCESS, ntdll::kAdministrators.sid());
    static const ntdll::StaticSid restricted{SECURITY_NT_AUTHORITY, {12}};
    dacl.add(ACCESS_ALLOWED_ACE_TYPE, CONTAINER_INHERIT_ACE, KEY_READ, restricted.sid());
    return ntdll::make_relative(ntdll::kAdministrators.sid(), ntdll::kLocalSystem.sid(), dacl.get(), nullptr,
                                SE_DACL_PRESENT);
}

// Other objects: the token's default owner, primary group and DACL.
std::vector<BYTE> default_object_security() {
    AclBuilder dacl;
    dacl.add(ACCESS_ALLOWED_ACE_TYPE, 0, kGenericAll, ntdll::kUser.sid());
    dacl.add(ACCESS_ALLOWED_ACE_TYPE, 0, kGenericAll, ntdll::kLocalSystem.sid());
    return ntdll::make_relative(ntdll::kAdministrators.sid(), ntdll::kNone.sid(), dacl.get(), nullptr,
                                SE_DACL_PRESENT);
}

NTSTATUS key_security(HANDLE handle, std::vector<BYTE>& descriptor) {
    protocol::get_key_security_request request{};
    request.handle = reinterpret_cast<uint64_t>(handle);
    protocol::get_key_security_reply reply{};
    std::string var;
    if (uint32_t error = vine::client::call(request, reply, nullptr, 0, nullptr, 0, &var))
        return ntdll::status_from_server(error);
    if (var.empty() || !RtlValidRelativeSecurityDescriptor(var.data(), static_cast<ULONG>(var.size()), 0)) {
        descriptor = default_key_security();
    } else {
        descriptor.assign(var.begin(), var.end());
    }
    return STATUS_SUCCESS;
}

NTSTATUS set_key_security(HANDLE handle, const std::vector<BYTE>& descriptor) {
    protocol::set_key_security_request request{};
    request.handle = reinterpret_cast<uint64_t>(handle);
    protocol::set_key_security_reply reply{};
    uint32_t error = vine::client::call(request, reply, descriptor.data(), static_cast<uint32_t>(descriptor.size()));
    return error ? ntdll::status_from_server(error) : STATUS_SUCCESS;
}

// The current process and thread, and the tokens of GetCurrentProcessToken()
// and friends.
bool pseudo_handle(HANDLE handle) {
    auto value = reinterpret_cast<intptr_t>(handle);
    return value >= -6 && value <= -1;
}

// The whole descriptor of the object behind `handle`, after checking that
// the handle may read the parts `info` names.
NTSTATUS object_security(HANDLE handle, const vine::client::HandleInfo& info, std::vector<BYTE>& descriptor) {
    switch (info.type) {
    case protocol::ObjectType::file:
    case protocol::ObjectType::pipe:
        if (info.fd < 0) return STATUS_INVALID_HANDLE;
        return ntdll::file_security(info.fd, descriptor);
    case protocol::ObjectType::key: return key_security(handle, descriptor);
    default: descriptor = default_object_security(); return STATUS_SUCCESS;
    }
}

// The parts of `whole` that `info` asks for, self-relative.
std::vector<BYTE> select_parts(std::vector<BYTE>& whole, SECURITY_INFORMATION info) {
    PSECURITY_DESCRIPTOR sd = whole.data();
    PSID owner = nullptr, group = nullptr;
    ACL *dacl = nullptr, *sacl = nullptr;
    BOOLEAN defaulted = FALSE, dacl_present = FALSE, sacl_present = FALSE;
    SECURITY_DESCRIPTOR_CONTROL control = 0;
    ULONG revision = 0;
    RtlGetControlSecurityDescriptor(sd, &control, &revision);
    SECURITY_DESCRIPTOR_CONTROL kept = 0;
    if (info & OWNER_SECURITY_INFORMATION) {
        RtlGetOwnerSecurityDescriptor(sd, &owner, &defaulted);
        kept |= control & SE_OWNER_DEFAULTED;
    }
    if (info & GROUP_SECURITY_INFORMATION) {
        RtlGetGroupSecurityDescriptor(sd, &group, &defaulted);
        kept |= control & SE_GROUP_DEFAULTED;
    }
    if (info & DACL_SECURITY_INFORMATION) {
        RtlGetDaclSecurityDescriptor(sd, &dacl_present, &dacl, &defaulted);
        kept |= control & (SE_DACL_PRESENT | SE_DACL_DEFAULTED | SE_DACL_AUTO_INHERITED | SE_DACL_AUTO_INHERIT_REQ |
                           SE_DACL_PROTECTED);
    }
    AclBuilder labels;
    if (info & (SACL_SECURITY_INFORMATION | LABEL_SECURITY_INFORMATION)) {
        RtlGetSaclSecurityDescriptor(sd, &sacl_present, &sacl, &defaulted);
        if (sacl_present && sacl && !(info & SACL_SECURITY_INFORMATION)) {
            // Only the mandatory label ACEs.
            for (ULONG i = 0; i < sacl->AceCount; ++i) {
                void* ace = nullptr;
                if (RtlGetAce(sacl, i, &ace) < 0) break;
                auto* header = static_cast<ACE_HEADER*>(ace);
                if (header->AceType == SYSTEM_MANDATORY_LABEL_ACE_TYPE && header->AceSize >= 16)
                    labels.add(header->AceType, header->AceFlags, static_cast<ACCESS_ALLOWED_ACE*>(ace)->Mask,
                               &static_cast<ACCESS_ALLOWED_ACE*>(ace)->SidStart);
            }
            sacl = labels.get();
        }
        if (sacl_present)
            kept |= control & (SE_SACL_PRESENT | SE_SACL_DEFAULTED | SE_SACL_AUTO_INHERITED |
                               SE_SACL_AUTO_INHERIT_REQ | SE_SACL_PROTECTED);
    }
    return ntdll::make_relative(owner, group, dacl, sacl, kept);
}

}  // namespace

namespace ntdll {

std::vector<BYTE> make_relative(PSID owner, PSID group, ACL* dacl, ACL* sacl, SECURITY_DESCRIPTOR_CONTROL control) {
    SECURITY_DESCRIPTOR sd{};
    RtlCreateSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION);
    sd.Control = static_cast<SECURITY_DESCRIPTOR_CONTROL>(control & ~SE_SELF_RELATIVE);
    sd.Owner = owner;
    sd.Group = group;
    sd.Dacl = (control & SE_DACL_PRESENT) ? dacl : nullptr;
    sd.Sacl = (control & SE_SACL_PRESENT) ? sacl : nullptr;
    ULONG length = 0;
    RtlAbsoluteToSelfRelativeSD(&sd, nullptr, &length);
    std::vector<BYTE> out(length);
    RtlAbsoluteToSelfRelativeSD(&sd, out.data(), &length);
    return out;
}

NTSTATUS merge_security(const std::vector<BYTE>& current, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR update,
                        std::vector<BYTE>& merged) {
    auto* sd = const_cast<BYTE*>(current.data());
    PSID owner = nullptr, group = nullptr;
    ACL *dacl = nullptr, *sacl = nullptr;
    BOOLEAN defaulted = FALSE, dacl_present = FALSE, sacl_present = FALSE;
    SECURITY_DESCRIPTOR_CONTROL control = 0, new_control = 0;
    ULONG revision = 0;
    RtlGetControlSecurityDescriptor(sd, &control, &revision);
    RtlGetControlSecurityDescriptor(update, &new_control, &revision);
    RtlGetOwnerSecurityDescriptor(sd, &owner, &defaulted);
    RtlGetGroupSecurityDescriptor(sd, &group, &defaulted);
    RtlGetDaclSecurityDescriptor(sd, &dacl_present, &dacl, &defaulted);
    RtlGetSaclSecurityDescriptor(sd, &sacl_present, &sacl, &defaulted);
    auto take = [&](SECURITY_DESCRIPTOR_CONTROL bits) {
        control = static_cast<SECURITY_DESCRIPTOR_CONTROL>((control & ~bits) | (new_control & bits));
    };
    if (info & OWNER_SECURITY_INFORMATION) {
        RtlGetOwnerSecurityDescriptor(update, &owner, &defaulted);
        if (!owner) return STATUS_INVALID_OWNER;
        take(SE_OWNER_DEFAULTED);
    }
    if (info & GROUP_SECURITY_INFORMATION) {
        RtlGetGroupSecurityDescriptor(update, &group, &defaulted);
        if (!group) return STATUS_INVALID_PRIMARY_GROUP;
        take(SE_GROUP_DEFAULTED);
    }
    if (info & DACL_SECURITY_INFORMATION) {
        RtlGetDaclSecurityDescriptor(update, &dacl_present, &dacl, &defaulted);
        if (!dacl_present) dacl = nullptr;
        control |= SE_DACL_PRESENT;  // a DACL not given becomes a NULL DACL, as on Windows
        take(SE_DACL_DEFAULTED | SE_DACL_AUTO_INHERITED | SE_DACL_PROTECTED);
        if (info & PROTECTED_DACL_SECURITY_INFORMATION) control |= SE_DACL_PROTECTED;
        if (info & UNPROTECTED_DACL_SECURITY_INFORMATION) control &= ~SE_DACL_PROTECTED;
    }
    AclBuilder labels_and_audits;
    if (info & (SACL_SECURITY_INFORMATION | LABEL_SECURITY_INFORMATION)) {
        ACL* new_sacl = nullptr;
        BOOLEAN new_present = FALSE;
        RtlGetSaclSecurityDescriptor(update, &new_present, &new_sacl, &defaulted);
        if (!new_present) new_sacl = nullptr;
        // SACL replaces the audit ACEs, LABEL the label ACEs; each keeps the
        // other kind as it was.
        bool audits_from_new = info & SACL_SECURITY_INFORMATION;
        bool labels_from_new = info & (SACL_SECURITY_INFORMATION | LABEL_SECURITY_INFORMATION);
        for (ACL* source : {sacl, new_sacl}) {
            if (!source) continue;
            bool is_new = source == new_sacl;
            for (ULONG i = 0; i < source->AceCount; ++i) {
                void* ace = nullptr;
                if (RtlGetAce(source, i, &ace) < 0) break;
                auto* header = static_cast<ACE_HEADER*>(ace);
                bool label = header->AceType == SYSTEM_MANDATORY_LABEL_ACE_TYPE;
                bool from_new = label ? labels_from_new : audits_from_new;
                if (from_new != is_new || header->AceSize < 16) continue;
                labels_and_audits.add(header->AceType, header->AceFlags, static_cast<ACCESS_ALLOWED_ACE*>(ace)->Mask,
                                      &static_cast<ACCESS_ALLOWED_ACE*>(ace)->SidStart);
            }
        }
        sacl = labels_and_audits.get();
        control |= SE_SACL_PRESENT;
        if (audits_from_new) take(SE_SACL_AUTO_INHERITED | SE_SACL_PROTECTED);
        if (info & PROTECTED_SACL_SECURITY_INFORMATION) control |= SE_SACL_PROTECTED;
        if (info & UNPROTECTED_SACL_SECURITY_INFORMATION) control &= ~SE_SACL_PROTECTED;
    }
    merged = make_relative(owner, group, dacl, sacl, control);
    return STATUS_SUCCESS;
}

}  // namespace ntdll

VINE_EXPORT NTSTATUS NtQuerySecurityObject(HANDLE handle, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR sd,
                                           ULONG length, ULONG* needed) {
    if (!needed) return kBadPointer;
    vine::client::HandleInfo handle_info;
    if (pseudo_handle(handle)) {
        handle_info.access = kGenericAll;
    } else if (!vine::client::handle_info(handle, handle_info)) {
        return STATUS_INVALID_HANDLE;
    }
    ACCESS_MASK required = rights_for(info, false);
    if ((standard_rights(handle_info.access) & required) != required) return STATUS_ACCESS_DENIED;
    std::vector<BYTE> whole;
    if (NTSTATUS status = object_security(handle, handle_info, whole)) return status;
    std::vector<BYTE> out = select_parts(whole, info);
    *needed = static_cast<ULONG>(out.size());
    if (length < out.size()) return STATUS_BUFFER_TOO_SMALL;
    memcpy(sd, out.data(), out.size());
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtSetSecurityObject(HANDLE handle, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR sd) {
    if (!sd) return kBadPointer;
    if (!RtlValidSecurityDescriptor(sd)) return STATUS_INVALID_SECURITY_DESCR;
    if (info & ~kKnownInformation) return STATUS_INVALID_PARAMETER;
    vine::client::HandleInfo handle_info;
    if (!vine::client::handle_info(handle, handle_info)) return STATUS_INVALID_HANDLE;
    ACCESS_MASK required = rights_for(info, true);
    if ((standard_rights(handle_info.access) & required) != required) return STATUS_ACCESS_DENIED;
    switch (handle_info.type) {
    case protocol::ObjectType::file:
    case protocol::ObjectType::pipe:
        if (handle_info.fd < 0) return STATUS_INVALID_HANDLE;
        return ntdll::set_file_security(handle_info.fd, info, sd);
    case protocol::ObjectType::key: {
        std::vector<BYTE> current, merged;
        if (NTSTATUS status = key_security(handle, current)) return status;
        if (NTSTATUS status = ntdll::merge_security(current, info, sd, merged)) return status;
        return set_key_security(handle, merged);
    }
    default:
        // Nowhere to keep it: the other objects' descriptors are fixed.
        return STATUS_NOT_SUPPORTED;
    }
}
