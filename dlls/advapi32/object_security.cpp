// The security of objects for Win32 programs: files by name
// (Get/SetFileSecurity), any handle (Get/SetKernelObjectSecurity,
// Get/SetSecurityInfo), files and registry keys by name
// (Get/SetNamedSecurityInfo) and keys by handle (RegGet/SetKeySecurity),
// all on ntdll's NtQuerySecurityObject and NtSetSecurityObject, which
// decide where each descriptor lives (dlls/ntdll/object_security.cpp).
#include <cstring>
#include <string>

#include "advapi32_private.h"
#include "vine/advapi32_exports.h"

namespace {

enum SE_OBJECT_TYPE {
    SE_UNKNOWN_OBJECT_TYPE = 0,
    SE_FILE_OBJECT,
    SE_SERVICE,
    SE_PRINTER,
    SE_REGISTRY_KEY,
    SE_LMSHARE,
    SE_KERNEL_OBJECT,
    SE_WINDOW_OBJECT,
    SE_DS_OBJECT,
    SE_DS_OBJECT_ALL,
    SE_PROVIDER_DEFINED_OBJECT,
    SE_WMIGUID_OBJECT,
    SE_REGISTRY_WOW64_32KEY,
    SE_REGISTRY_WOW64_64KEY,
};

constexpr ACCESS_MASK kReadControl = 0x20000, kWriteDac = 0x40000, kWriteOwner = 0x80000,
                      kAccessSystemSecurity = 0x01000000;
constexpr DWORD FILE_SHARE_ALL = 0x7, OPEN_EXISTING = 3, FILE_FLAG_BACKUP_SEMANTICS = 0x02000000;
const HANDLE kInvalidHandle = reinterpret_cast<HANDLE>(static_cast<intptr_t>(-1));

// The rights an open needs to read or change the parts `info` names.
ACCESS_MASK rights_for(SECURITY_INFORMATION info, bool change) {
    ACCESS_MASK rights = 0;
    if (change) {
        if (info & (OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION | LABEL_SECURITY_INFORMATION))
            rights |= kWriteOwner;
        if (info & DACL_SECURITY_INFORMATION) rights |= kWriteDac;
    } else if (info & (OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION |
                       LABEL_SECURITY_INFORMATION)) {
        rights |= kReadControl;
    }
    if (info & SACL_SECURITY_INFORMATION) rights |= kAccessSystemSecurity;
    return rights;
}

// A handle opened for one call.
struct Opened {
    HANDLE handle = nullptr;
    bool key = false;
    ~Opened() {
        if (!handle) return;
        if (key)
            RegCloseKey(handle);
        else
            CloseHandle(handle);
    }
};

DWORD open_file(LPCWSTR name, ACCESS_MASK access, Opened& out) {
    HANDLE file = CreateFileW(name, access, FILE_SHARE_ALL, nullptr, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr);
    if (file == kInvalidHandle) return GetLastError();
    out.handle = file;
    return ERROR_SUCCESS;
}

WCHAR upper(WCHAR c) { return (c >= u'a' && c <= u'z') ? static_cast<WCHAR>(c - 32) : c; }

// "MACHINE\Software\x", "CURRENT_USER\...", "USERS\...", "CLASSES_ROOT\...",
// "CURRENT_CONFIG\...", as the named-object functions spell key names.
DWORD open_key(LPCWSTR name, ACCESS_MASK access, Opened& out) {
    struct Root {
        const char16_t* prefix;
        uint32_t key;
    };
    static constexpr Root kRoots[] = {
        {u"CLASSES_ROOT", 0x80000000}, {u"CURRENT_USER", 0x80000001}, {u"MACHINE", 0x80000002},
        {u"USERS", 0x80000003},        {u"CURRENT_CONFIG", 0x80000005},
    };
    std::u16string path(name);
    for (const Root& root : kRoots) {
        size_t n = 0;
        while (root.prefix[n] && n < path.size() && upper(path[n]) == root.prefix[n]) ++n;
        if (root.prefix[n] || (n < path.size() && path[n] != u'\\')) continue;
        std::u16string rest = n < path.size() ? path.substr(n + 1) : std::u16string();
        HKEY key = nullptr;
        LSTATUS error = RegOpenKeyExW(predefined_key(root.key), rest.c_str(), 0, access, &key);
        if (error) return static_cast<DWORD>(error);
        out.handle = key;
        out.key = true;
        return ERROR_SUCCESS;
    }
    return ERROR_INVALID_PARAMETER;
}

DWORD open_named(LPCWSTR name, SE_OBJECT_TYPE type, ACCESS_MASK access, Opened& out) {
    if (!name) return ERROR_INVALID_PARAMETER;
    switch (type) {
    case SE_FILE_OBJECT: return open_file(name, access, out);
    case SE_REGISTRY_KEY:
    case SE_REGISTRY_WOW64_32KEY:
    case SE_REGISTRY_WOW64_64KEY: return open_key(name, access, out);
    default: return ERROR_INVALID_PARAMETER;
    }
}

// The descriptor of `handle` in LocalAlloc'd memory.
DWORD query_descriptor(HANDLE handle, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR* out) {
    ULONG needed = 0;
    NTSTATUS status = NtQuerySecurityObject(handle, info, nullptr, 0, &needed);
    if (status != STATUS_BUFFER_TOO_SMALL) return RtlNtStatusToDosError(status);
    for (;;) {
        void* sd = LocalAlloc(0, needed);
        if (!sd) return ERROR_NOT_ENOUGH_MEMORY;
        ULONG size = needed;
        status = NtQuerySecurityObject(handle, info, sd, size, &needed);
        if (status == STATUS_SUCCESS) {
            *out = sd;
            return ERROR_SUCCESS;
        }
        LocalFree(sd);
        if (status != STATUS_BUFFER_TOO_SMALL) return RtlNtStatusToDosError(status);
    }
}

// Predefined keys name no handle the NT functions know: a real one is
// opened for the call.
DWORD real_key(HKEY key, ACCESS_MASK access, Opened& opened, HANDLE& handle) {
    auto value = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(key));
    if (value < 0xffffffff80000000ull || value > 0xffffffff8000000full) {
        handle = key;
        return ERROR_SUCCESS;
    }
    HKEY real = nullptr;
    if (LSTATUS error = RegOpenKeyExW(key, u"", 0, access, &real)) return static_cast<DWORD>(error);
    opened.handle = real;
    opened.key = true;
    handle = real;
    return ERROR_SUCCESS;
}

DWORD get_security_info(HANDLE handle, SECURITY_INFORMATION info, PSID* owner, PSID* group, ACL** dacl, ACL** sacl,
                        PSECURITY_DESCRIPTOR* sd) {
    if ((owner || group || dacl || sacl) && !sd) return ERROR_INVALID_PARAMETER;
    PSECURITY_DESCRIPTOR descriptor = nullptr;
    if (DWORD error = query_descriptor(handle, info, &descriptor)) return error;
    BOOLEAN present = FALSE, defaulted = FALSE;
    if (owner) {
        *owner = nullptr;
        if (info & OWNER_SECURITY_INFORMATION) RtlGetOwnerSecurityDescriptor(descriptor, owner, &defaulted);
    }
    if (group) {
        *group = nullptr;
        if (info & GROUP_SECURITY_INFORMATION) RtlGetGroupSecurityDescriptor(descriptor, group, &defaulted);
    }
    if (dacl) {
        *dacl = nullptr;
        if (info & DACL_SECURITY_INFORMATION) RtlGetDaclSecurityDescriptor(descriptor, &present, dacl, &defaulted);
    }
    if (sacl) {
        *sacl = nullptr;
        if (info & (SACL_SECURITY_INFORMATION | LABEL_SECURITY_INFORMATION))
            RtlGetSaclSecurityDescriptor(descriptor, &present, sacl, &defaulted);
    }
    if (sd)
        *sd = descriptor;
    else
        LocalFree(descriptor);
    return ERROR_SUCCESS;
}

DWORD set_security_info(HANDLE handle, SECURITY_INFORMATION info, PSID owner, PSID group, ACL* dacl, ACL* sacl) {
    SECURITY_DESCRIPTOR sd;
    RtlCreateSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION);
    if (info & OWNER_SECURITY_INFORMATION) {
        if (!owner) return ERROR_INVALID_PARAMETER;
        sd.Owner = owner;
    }
    if (info & GROUP_SECURITY_INFORMATION) {
        if (!group) return ERROR_INVALID_PARAMETER;
        sd.Group = group;
    }
    if (info & DACL_SECURITY_INFORMATION) RtlSetDaclSecurityDescriptor(&sd, TRUE, dacl, FALSE);
    if (info & (SACL_SECURITY_INFORMATION | LABEL_SECURITY_INFORMATION))
        RtlSetSaclSecurityDescriptor(&sd, TRUE, sacl, FALSE);
    return RtlNtStatusToDosError(NtSetSecurityObject(handle, info, &sd));
}

BOOL result(DWORD error) {
    if (!error) return TRUE;
    SetLastError(error);
    return FALSE;
}

// The A and W forms of a name-taking function take the same path after
// the name is widened.
const WCHAR* wide_or_null(LPCSTR text, std::u16string& storage) {
    if (!text) return nullptr;
    storage = widen_acp(text);
    return storage.c_str();
}

}  // namespace

VINE_EXPORT BOOL GetKernelObjectSecurity(HANDLE handle, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR sd,
                                         DWORD length, DWORD* needed) {
    ULONG size = 0;
    NTSTATUS status = NtQuerySecurityObject(handle, info, sd, length, &size);
    if (needed) *needed = size;
    return succeeded(status);
}

VINE_EXPORT BOOL SetKernelObjectSecurity(HANDLE handle, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR sd) {
    return succeeded(NtSetSecurityObject(handle, info, sd));
}

VINE_EXPORT BOOL GetFileSecurityW(LPCWSTR name, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR sd, DWORD length,
                                  DWORD* needed) {
    Opened file;
    if (DWORD error = open_named(name, SE_FILE_OBJECT, rights_for(info, false), file)) return result(error);
    return GetKernelObjectSecurity(file.handle, info, sd, length, needed);
}

VINE_EXPORT BOOL GetFileSecurityA(LPCSTR name, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR sd, DWORD length,
                                  DWORD* needed) {
    std::u16string wide;
    return GetFileSecurityW(wide_or_null(name, wide), info, sd, length, needed);
}

VINE_EXPORT BOOL SetFileSecurityW(LPCWSTR name, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR sd) {
    Opened file;
    if (DWORD error = open_named(name, SE_FILE_OBJECT, rights_for(info, true), file)) return result(error);
    return SetKernelObjectSecurity(file.handle, info, sd);
}

VINE_EXPORT BOOL SetFileSecurityA(LPCSTR name, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR sd) {
    std::u16string wide;
    return SetFileSecurityW(wide_or_null(name, wide), info, sd);
}

VINE_EXPORT DWORD GetSecurityInfo(HANDLE handle, SE_OBJECT_TYPE type, SECURITY_INFORMATION info, PSID* owner,
                                  PSID* group, ACL** dacl, ACL** sacl, PSECURITY_DESCRIPTOR* sd) {
    if (!handle) return ERROR_INVALID_HANDLE;
    Opened opened;
    if (type == SE_REGISTRY_KEY) {
        if (DWORD error = real_key(handle, rights_for(info, false), opened, handle)) return error;
    }
    return get_security_info(handle, info, owner, group, dacl, sacl, sd);
}

VINE_EXPORT DWORD SetSecurityInfo(HANDLE handle, SE_OBJECT_TYPE type, SECURITY_INFORMATION info, PSID owner,
                                  PSID group, ACL* dacl, ACL* sacl) {
    if (!handle) return ERROR_INVALID_HANDLE;
    Opened opened;
    if (type == SE_REGISTRY_KEY) {
        if (DWORD error = real_key(handle, rights_for(info, true), opened, handle)) return error;
    }
    return set_security_info(handle, info, owner, group, dacl, sacl);
}

VINE_EXPORT DWORD GetNamedSecurityInfoW(LPCWSTR name, SE_OBJECT_TYPE type, SECURITY_INFORMATION info, PSID* owner,
                                        PSID* group, ACL** dacl, ACL** sacl, PSECURITY_DESCRIPTOR* sd) {
    Opened opened;
    if (DWORD error = open_named(name, type, rights_for(info, false), opened)) return error;
    return get_security_info(opened.handle, info, owner, group, dacl, sacl, sd);
}

VINE_EXPORT DWORD GetNamedSecurityInfoA(LPCSTR name, SE_OBJECT_TYPE type, SECURITY_INFORMATION info, PSID* owner,
                                        PSID* group, ACL** dacl, ACL** sacl, PSECURITY_DESCRIPTOR* sd) {
    std::u16string wide;
    return GetNamedSecurityInfoW(wide_or_null(name, wide), type, info, owner, group, dacl, sacl, sd);
}

VINE_EXPORT DWORD SetNamedSecurityInfoW(LPWSTR name, SE_OBJECT_TYPE type, SECURITY_INFORMATION info, PSID owner,
                                        PSID group, ACL* dacl, ACL* sacl) {
    Opened opened;
    if (DWORD error = open_named(name, type, rights_for(info, true), opened)) return error;
    return set_security_info(opened.handle, info, owner, group, dacl, sacl);
}

VINE_EXPORT DWORD SetNamedSecurityInfoA(LPSTR name, SE_OBJECT_TYPE type, SECURITY_INFORMATION info, PSID owner,
                                        PSID group, ACL* dacl, ACL* sacl) {
    std::u16string wide;
    return SetNamedSecurityInfoW(const_cast<WCHAR*>(wide_or_null(name, wide)), type, info, owner, group, dacl, sacl);
}

VINE_EXPORT LSTATUS RegGetKeySecurity(HKEY key, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR sd, DWORD* size) {
    if (!size) return ERROR_INVALID_PARAMETER;
    Opened opened;
    HANDLE handle = nullptr;
    if (DWORD error = real_key(key, rights_for(info, false), opened, handle)) return static_cast<LSTATUS>(error);
    ULONG needed = 0;
    NTSTATUS status = NtQuerySecurityObject(handle, info, sd, *size, &needed);
    *size = needed;
    return static_cast<LSTATUS>(RtlNtStatusToDosError(status));
}

VINE_EXPORT LSTATUS RegSetKeySecurity(HKEY key, SECURITY_INFORMATION info, PSECURITY_DESCRIPTOR sd) {
    if (!sd) return ERROR_INVALID_PARAMETER;
    Opened opened;
    HANDLE handle = nullptr;
    if (DWORD error = real_key(key, rights_for(info, true), opened, handle)) return static_cast<LSTATUS>(error);
    return static_cast<LSTATUS>(RtlNtStatusToDosError(NtSetSecurityObject(handle, info, sd)));
}
