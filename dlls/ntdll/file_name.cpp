// NT file names to Unix paths: the lexical part is vine::paths (loader/
// nt_names.cpp); here drives become the prefix's dosdevices/ links, names
// relative to a directory handle are joined to its path, devices to their
// Unix counterparts, and every component is looked up ignoring case.
#include "file_name.h"
#include "object.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>

#include "vine/ntstatus.h"
#include "vine/paths.h"
#include "vine/server_client.h"
#include "vine/unicode.h"

namespace ntdll {

std::string path_of_fd(int fd) {
    char link[64], target[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t size = readlink(link, target, sizeof target - 1);
    if (size <= 0 || target[0] != '/') return {};
    return std::string(target, static_cast<size_t>(size));
}

NTSTATUS status_from_errno(int error) {
    switch (error) {
    case 0: return STATUS_SUCCESS;
    case EBADF: return STATUS_INVALID_HANDLE;
    case EACCES:
    case EPERM:
    case EROFS: return STATUS_ACCESS_DENIED;
    case ENOENT: return STATUS_OBJECT_NAME_NOT_FOUND;
    case ENOTDIR: return STATUS_OBJECT_PATH_NOT_FOUND;
    case EEXIST: return STATUS_OBJECT_NAME_COLLISION;
    case EISDIR: return STATUS_FILE_IS_A_DIRECTORY;
    case ENOTEMPTY: return STATUS_DIRECTORY_NOT_EMPTY;
    case ENOSPC:
    case EDQUOT: return STATUS_DISK_FULL;
    case EMFILE:
    case ENFILE: return STATUS_TOO_MANY_OPENED_FILES;
    case ENAMETOOLONG: return STATUS_OBJECT_NAME_INVALID;
    case EPIPE: return STATUS_PIPE_BROKEN;
    case EXDEV: return STATUS_NOT_SAME_DEVICE;
    case EBUSY: return STATUS_SHARING_VIOLATION;
    case EINVAL: return STATUS_INVALID_PARAMETER;
    case ENOMEM: return STATUS_NO_MEMORY;
    case EFBIG: return STATUS_DISK_FULL;
    default: return STATUS_UNSUCCESSFUL;
    }
}

NTSTATUS status_of_path_error(const std::string& path, int error) {
    if (error != ENOENT && error != ENOTDIR) return status_from_errno(error);
    std::string parent = path;
    while (parent.size() > 1 && parent.back() == '/') parent.pop_back();
    auto slash = parent.rfind('/');
    if (slash == std::string::npos) return STATUS_OBJECT_NAME_NOT_FOUND;
    parent.erase(slash == 0 ? 1 : slash);
    struct stat st {};
    return stat(parent.c_str(), &st) == 0 && S_ISDIR(st.st_mode) ? STATUS_OBJECT_NAME_NOT_FOUND
                                                                  : STATUS_OBJECT_PATH_NOT_FOUND;
}

namespace {

// The Unix device behind a DOS device: NUL is /dev/null; COMn and LPTn are
// what the prefix's dosdevices/comN (lptN) link names, when it exists.
NTSTATUS device_path(const std::u16string& device, UnixName& out) {
    out.is_device = true;
    if (device == u"NUL") {
        out.path = "/dev/null";
        return STATUS_SUCCESS;
    }
    if (device.rfind(u"COM", 0) == 0 || device.rfind(u"LPT", 0) == 0) {
        std::u16string lower = {vine::ascii_lower(device[0]), vine::ascii_lower(device[1]), vine::ascii_lower(device[2]),
                                device[3]};
        // dosdevices/ sits beside drive c:'s link.
        auto c_drive = vine::paths::dos_to_unix(u"C:");
        if (c_drive) {
            std::string link = c_drive->substr(0, c_drive->size() - 2) + vine::utf16_to_utf8(lower);
            struct stat st {};
            if (stat(link.c_str(), &st) == 0) {
                out.path = link;
                out.port = device[0] == u'C' ? UnixName::Port::serial : UnixName::Port::parallel;
                return STATUS_SUCCESS;
            }
        }
    }
    // CON, AUX, PRN and unmapped ports: no Unix counterpart here.
    return STATUS_OBJECT_NAME_NOT_FOUND;
}

}  // namespace

NTSTATUS unix_name_of_direct(const OBJECT_ATTRIBUTES* attributes, UnixName& out);

namespace {

// A name under a "\??" link DefineDosDevice made ("\??\Q:\x" with Q: ->
// "\??\C:\dir"): the name through the link's most recent mapping, when
// that is a "\??" name itself (links to \Device names lead nowhere here).
bool through_dos_link(std::u16string_view name, std::u16string& resolved) {
    constexpr std::u16string_view prefix = u"\\??\\";
    if (!name.starts_with(prefix)) return false;
    std::u16string_view rest = name.substr(prefix.size());
    size_t end = rest.find(u'\\');
    std::u16string target;
    if (!dos_link_target(rest.substr(0, end), target) || !target.starts_with(prefix)) return false;
    resolved = target;
    if (end != std::u16string_view::npos) {
        if (!resolved.empty() && resolved.back() == u'\\') resolved.pop_back();
        resolved += rest.substr(end);
    }
    return true;
}

}  // namespace

NTSTATUS unix_name_of(const OBJECT_ATTRIBUTES* attributes, UnixName& out) {
    NTSTATUS status = unix_name_of_direct(attributes, out);
    if (status != STATUS_OBJECT_PATH_NOT_FOUND && status != STATUS_OBJECT_NAME_NOT_FOUND) return status;
    if (attributes->RootDirectory) return status;
    // Names the prefix does not map may go through a defined link (a few levels at most).
    OBJECT_ATTRIBUTES linked = *attributes;
    std::u16string name(attributes->ObjectName->Buffer, attributes->ObjectName->Length / 2), resolved;
    for (int depth = 0; depth < 8 && through_dos_link(name, resolved); ++depth) {
        name = resolved;
        UNICODE_STRING string{static_cast<USHORT>(name.size() * 2), static_cast<USHORT>(name.size() * 2), name.data()};
        linked.ObjectName = &string;
        NTSTATUS again = unix_name_of_direct(&linked, out);
        if (again != STATUS_OBJECT_PATH_NOT_FOUND && again != STATUS_OBJECT_NAME_NOT_FOUND) return again;
    }
    return status;
}

NTSTATUS unix_name_of_direct(const OBJECT_ATTRIBUTES* attributes, UnixName& out) {
    out = UnixName{};
    if (!attributes || !attributes->ObjectName) return STATUS_INVALID_PARAMETER;
    const UNICODE_STRING& object_name = *attributes->ObjectName;
    if (object_name.Length % 2 || (object_name.Length && !object_name.Buffer)) return STATUS_OBJECT_NAME_INVALID;
    std::u16string_view name(object_name.Buffer ? object_name.Buffer : u"", object_name.Length / 2);
    vine::paths::NtName parsed;
    std::string base;
    if (attributes->RootDirectory) {
        int fd = vine::client::handle_fd(attributes->RootDirectory);
        if (fd < 0) return STATUS_INVALID_HANDLE;
        base = path_of_fd(fd);
        if (base.empty()) return STATUS_OBJECT_TYPE_MISMATCH;
        if (NTSTATUS status = vine::paths::parse_relative_nt_name(name, parsed)) return status;
        std::string rest = vine::utf16_to_unix(parsed.rest);
        for (auto& c : rest)
            if (c == '\\') c = '/';
        out.path = rest.empty() ? base : base + (base.back() == '/' ? "" : "/") + rest;
    } else {
        if (NTSTATUS status = vine::paths::parse_nt_name(name, parsed)) return status;
        switch (parsed.kind) {
        case vine::paths::NtName::Kind::device: return device_path(parsed.device, out);
        case vine::paths::NtName::Kind::unc: return STATUS_BAD_NETWORK_PATH;  // no network redirector
        case vine::paths::NtName::Kind::drive: {
            std::u16string dos = {parsed.drive, u':', u'\\'};
            dos += parsed.rest;
            auto unix_path = vine::paths::dos_to_unix(dos);
            if (!unix_path) return STATUS_OBJECT_PATH_NOT_FOUND;  // a drive the prefix does not map
            out.path = std::move(*unix_path);
            // "\??\D:" itself, not its root "\??\D:\".
            out.volume = parsed.rest.empty() && name.back() == u':';
            break;
        }
        }
    }
    out.trailing_separator = parsed.trailing_separator;
    out.path = vine::paths::lookup_ignoring_case(out.path);
    return STATUS_SUCCESS;
}

}  // namespace ntdll
