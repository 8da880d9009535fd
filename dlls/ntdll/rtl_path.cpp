// Win32 path names on the NT side: RtlGetFullPathName_U (GetFullPathName's
// rules: absolute, "." and ".." resolved lexically, devices as "\\.\NUL"),
// RtlDosPathNameToNtPathName_U and its relative and status forms (the
// "\??\" names NtCreateFile takes; vine::paths::dos_to_nt_name),
// RtlDetermineDosPathNameType_U, the current directory (RtlGetCurrentDirectory_U,
// RtlSetCurrentDirectory_U: a DOS path and an open handle in the process
// parameters, as on Windows) and the PEB lock that guards it.
#include <unistd.h>

#include <mutex>
#include <vector>

#include "ntdll_private.h"
#include "rtl_path.h"
#include "vine/ntstatus.h"
#include "vine/nt_file.h"
#include "vine/paths.h"
#include "vine/server_client.h"
#include "vine/teb.h"
#include "vine/unicode.h"

namespace {

constexpr NTSTATUS STATUS_NAME_TOO_LONG = static_cast<NTSTATUS>(0xc0000106);

bool is_drive_letter(char16_t c) { return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z'); }
bool is_separator(char16_t c) { return c == u'\\' || c == u'/'; }

std::recursive_mutex g_peb_lock;

UNICODE_STRING& current_directory_string() {
    return current_teb()->ProcessEnvironmentBlock->ProcessParameters->CurrentDirectory.DosPath;
}

HANDLE process_heap() { return current_teb()->ProcessEnvironmentBlock->ProcessHeap; }

// Windows' RTL_PATH_TYPE.
enum PathType : ULONG {
    path_unknown,
    path_unc_absolute,         // \\server\share
    path_drive_absolute,       // C:\x
    path_drive_relative,       // C:x
    path_rooted,               // \x
    path_relative,             // x
    path_local_device,         // \\.\x, \\?\x
    path_root_local_device,    // \\. and \\?
};

PathType type_of(std::u16string_view path) {
    if (path.empty()) return path_relative;
    if (is_separator(path[0])) {
        if (path.size() < 2 || !is_separator(path[1])) return path_rooted;
        if (path.size() >= 3 && (path[2] == u'.' || path[2] == u'?')) {
            if (path.size() == 3) return path_root_local_device;
            if (is_separator(path[3])) return path_local_device;
        }
        return path_unc_absolute;
    }
    if (path.size() >= 2 && path[1] == u':' && is_drive_letter(path[0]))
        return path.size() >= 3 && is_separator(path[2]) ? path_drive_absolute : path_drive_relative;
    return path_relative;
}

// A heap copy of `text` as a UNICODE_STRING, NUL-terminated.
bool heap_string(const std::u16string& text, UNICODE_STRING& out) {
    size_t bytes = text.size() * sizeof(WCHAR);
    if (bytes + sizeof(WCHAR) > 0xffff) return false;
    auto* buffer = static_cast<WCHAR*>(RtlAllocateHeap(process_heap(), 0, bytes + sizeof(WCHAR)));
    if (!buffer) return false;
    std::copy(text.begin(), text.end(), buffer);
    buffer[text.size()] = 0;
    out.Buffer = buffer;
    out.Length = static_cast<USHORT>(bytes);
    out.MaximumLength = static_cast<USHORT>(bytes + sizeof(WCHAR));
    return true;
}

NTSTATUS to_nt_name(const WCHAR* dos, UNICODE_STRING* nt, WCHAR** file_part, ntdll::RTL_RELATIVE_NAME_U* relative) {
    if (file_part) *file_part = nullptr;
    if (relative) *relative = {};
    if (!dos || !*dos || !nt) return STATUS_OBJECT_NAME_INVALID;
    std::u16string_view view(dos, vine::utf16_length(dos));
    std::u16string text;
    size_t part = std::u16string::npos;
    // "\??\" names are NT names already and "\\?\" ones become NT names as
    // they are (no "." or ".." resolved, no slash turned, trailing dots and
    // spaces kept); the file part follows the last backslash.
    bool literal = view.rfind(u"\\??\\", 0) == 0 || view.rfind(u"\\\\?\\", 0) == 0;
    if (literal) {
        text = view[1] == u'?' ? std::u16string(view) : vine::paths::dos_to_nt_name(view);
        size_t slash = text.rfind(u'\\');
        if (slash + 1 < text.size()) part = slash + 1;
    } else {
        std::u16string full = ntdll::full_path_name(view, &part);
        text = vine::paths::dos_to_nt_name(full);
        // The file part keeps its place at the end of the name.
        if (part != std::u16string::npos) part = text.size() - (full.size() - part);
    }
    if (text.size() * sizeof(WCHAR) + sizeof(WCHAR) > 0xffff) return STATUS_NAME_TOO_LONG;
    if (!heap_string(text, *nt)) return STATUS_NO_MEMORY;
    if (file_part && part != std::u16string::npos && part < text.size()) *file_part = nt->Buffer + part;
    // RelativeName stays empty, as Windows leaves it for a name outside the
    // current directory: callers then open the full name, which ntdll
    // resolves as fast as a relative one.
    return STATUS_SUCCESS;
}

}  // namespace

namespace ntdll {

std::u16string current_directory() {
    std::lock_guard guard(g_peb_lock);
    const UNICODE_STRING& dir = current_directory_string();
    std::u16string text(dir.Buffer, dir.Length / sizeof(WCHAR));
    if (text.empty() || text.back() != u'\\') text += u'\\';
    return text;
}

std::u16string full_path_name(std::u16string_view name, size_t* file_part) {
    std::u16string path(name);
    for (auto& c : path)
        if (c == u'/') c = u'\\';
    if (file_part) *file_part = std::u16string::npos;
    // A DOS device ("NUL", "c:\dir\com1.txt") is "\\.\" and its name, in the caller's case.
    if (path.rfind(u"\\\\", 0) != 0) {
        if (std::u16string device = vine::paths::dos_device_name(path); !device.empty()) {
            size_t slash = path.find_last_of(u'\\');
            size_t start = slash == std::u16string::npos ? (path.size() >= 2 && path[1] == u':' ? 2 : 0) : slash + 1;
            return u"\\\\.\\" + path.substr(start, device.size());
        }
    }

    std::u16string root, rest;
    if (path.size() >= 2 && is_drive_letter(path[0]) && path[1] == u':') {
        root = {path[0], u':', u'\\'};
        if (path.size() >= 3 && path[2] == u'\\') {
            rest = path.substr(3);
        } else {
            // "X:name" is relative to X:'s current directory: the process's
            // when X is its drive, the root otherwise.
            std::u16string cwd = current_directory();
            if (vine::ascii_lower(cwd[0]) == vine::ascii_lower(path[0])) {
                root = cwd.substr(0, 3);
                rest = cwd.substr(3) + path.substr(2);
            } else {
                rest = path.substr(2);
            }
        }
    } else if (path.rfind(u"\\\\", 0) == 0) {
        // \\server\share is the root of a UNC path, \\.\ of a device's.
        size_t server_end = path.find(u'\\', 2);
        size_t share_end = server_end == std::u16string::npos ? server_end : path.find(u'\\', server_end + 1);
        // GetFullPathName resolves "\\?\" names like "\\.\" ones (only
        // RtlDosPathNameToNtPathName_U keeps them literal).
        if (path.rfind(u"\\\\.\\", 0) == 0 || path.rfind(u"\\\\?\\", 0) == 0) share_end = server_end;
        if (share_end == std::u16string::npos) return path;
        root = path.substr(0, share_end + 1);
        rest = path.substr(share_end + 1);
    } else if (!path.empty() && path[0] == u'\\') {
        root = current_directory().substr(0, 3);  // the current drive's root
        rest = path.substr(1);
    } else {
        std::u16string cwd = current_directory();
        root = cwd.substr(0, 3);
        rest = cwd.substr(3) + path;
    }

    // "." and ".." resolve lexically (a ".." never climbs above the root),
    // repeated separators collapse, and the last component loses trailing
    // dots and spaces, as Windows does.
    std::vector<std::u16string> parts;
    size_t pos = 0;
    bool trailing_separator = false;
    while (pos <= rest.size()) {
        size_t end = rest.find(u'\\', pos);
        if (end == std::u16string::npos) end = rest.size();
        std::u16string part = rest.substr(pos, end - pos);
        trailing_separator = end < rest.size() || (end == rest.size() && part.empty() && !rest.empty());
        pos = end + 1;
        if (part.empty() || part == u".") continue;
        if (part == u"..") {
            if (!parts.empty()) parts.pop_back();
            continue;
        }
        parts.push_back(std::move(part));
    }
    if (!parts.empty() && !trailing_separator) {
        auto& last = parts.back();
        size_t keep = last.find_last_not_of(u". ");
        if (keep != std::u16string::npos) {
            last.erase(keep + 1);
        } else {  // "..." and the like name the directory they are in
            parts.pop_back();
            trailing_separator = true;
        }
    }
    std::u16string full = root;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i) full += u'\\';
        if (i + 1 == parts.size() && file_part && !trailing_separator) *file_part = full.size();
        full += parts[i];
    }
    if (trailing_separator && !parts.empty()) full += u'\\';
    return full;
}

}  // namespace ntdll

VINE_EXPORT void RtlAcquirePebLock() { g_peb_lock.lock(); }
VINE_EXPORT void RtlReleasePebLock() { g_peb_lock.unlock(); }

VINE_EXPORT ULONG RtlGetCurrentDirectory_U(ULONG size, WCHAR* buffer) {
    std::u16string dir = ntdll::current_directory();
    if (dir.size() > 3) dir.pop_back();  // only a root keeps its backslash
    ULONG bytes = static_cast<ULONG>(dir.size() * sizeof(WCHAR));
    if (bytes + sizeof(WCHAR) > size || !buffer) return bytes + sizeof(WCHAR);
    std::copy(dir.begin(), dir.end(), buffer);
    buffer[dir.size()] = 0;
    return bytes;
}

namespace {

CURDIR& current_directory_record() {
    return current_teb()->ProcessEnvironmentBlock->ProcessParameters->CurrentDirectory;
}

// Opens the directory `full` (a full DOS path ending in a backslash) as
// Windows opens a current directory: for traversal, sharing reads and
// writes but not deletes, so the directory cannot be removed or renamed
// while it is some process's current directory.
NTSTATUS open_directory(const std::u16string& full, HANDLE& handle) {
    std::u16string nt = vine::paths::dos_to_nt_name(full);
    if (nt.size() * sizeof(WCHAR) >= 0xffff) return STATUS_NAME_TOO_LONG;
    UNICODE_STRING name{static_cast<USHORT>(nt.size() * sizeof(WCHAR)), static_cast<USHORT>(nt.size() * sizeof(WCHAR)),
                        nt.data()};
    OBJECT_ATTRIBUTES attributes{sizeof(OBJECT_ATTRIBUTES), nullptr, &name, OBJ_CASE_INSENSITIVE, nullptr, nullptr};
    IO_STATUS_BLOCK io{};
    return NtOpenFile(&handle, vine::nt::FILE_TRAVERSE | vine::nt::SYNCHRONIZE, &attributes, &io,
                      vine::nt::FILE_SHARE_READ | vine::nt::FILE_SHARE_WRITE,
                      vine::nt::FILE_DIRECTORY_FILE | vine::nt::FILE_SYNCHRONOUS_IO_NONALERT);
}

// The Unix current directory follows the Windows one, for what still goes
// by it: relative Unix paths (wine_get_dos_file_name's), the loader's
// search of the current directory for native DLLs, the directory a child
// `vine` starts in before it takes the one its parent chose.
void follow_on_unix(HANDLE directory) {
    int fd = vine::client::handle_fd(directory);
    if (fd >= 0) (void)!fchdir(fd);
}

// Makes `full` (ending in a backslash) and `handle` the current directory;
// the previous handle is closed.
NTSTATUS store_current_directory(const std::u16string& full, HANDLE handle) {
    HANDLE previous = nullptr;
    {
        std::lock_guard guard(g_peb_lock);
        CURDIR& current = current_directory_record();
        UNICODE_STRING& dir = current.DosPath;
        size_t bytes = full.size() * sizeof(WCHAR);
        if (bytes + sizeof(WCHAR) > dir.MaximumLength) {
            // Windows keeps MAX_PATH; a longer path (a \\?\ one) gets a
            // buffer of its own, calloc'd as the loader made the first.
            size_t capacity = full.size() + 1 + 260;
            if (capacity * sizeof(WCHAR) > 0xffff) return STATUS_NAME_TOO_LONG;
            auto* buffer = static_cast<WCHAR*>(calloc(capacity, sizeof(WCHAR)));
            if (!buffer) return STATUS_NO_MEMORY;
            free(dir.Buffer);
            dir.Buffer = buffer;
            dir.MaximumLength = static_cast<USHORT>(capacity * sizeof(WCHAR));
        }
        std::copy(full.begin(), full.end(), dir.Buffer);
        dir.Buffer[full.size()] = 0;
        dir.Length = static_cast<USHORT>(bytes);
        previous = current.Handle;
        current.Handle = handle;
        follow_on_unix(handle);
    }
    if (previous) NtClose(previous);
    return STATUS_SUCCESS;
}

}  // namespace

namespace ntdll {

void open_initial_directory() {
    std::u16string full = current_directory();
    {
        std::lock_guard guard(g_peb_lock);
        if (current_directory_record().Handle) return;
    }
    HANDLE handle = nullptr;
    // The loader made the Unix current directory this one; a directory
    // that cannot be opened (no longer there) stays without a handle.
    if (NT_SUCCESS(open_directory(full, handle))) {
        std::lock_guard guard(g_peb_lock);
        current_directory_record().Handle = handle;
    }
}

}  // namespace ntdll

VINE_EXPORT NTSTATUS RtlSetCurrentDirectory_U(const UNICODE_STRING* name) {
    if (!name || !name->Buffer || !name->Length) return STATUS_OBJECT_NAME_INVALID;
    std::u16string full =
        ntdll::full_path_name(std::u16string_view(name->Buffer, name->Length / sizeof(WCHAR)), nullptr);
    if (full.empty()) return STATUS_OBJECT_NAME_INVALID;
    if (full.back() != u'\\') full += u'\\';
    HANDLE handle = nullptr;
    if (NTSTATUS status = open_directory(full, handle)) return status;
    NTSTATUS status = store_current_directory(full, handle);
    if (status) NtClose(handle);
    return status;
}

VINE_EXPORT ULONG RtlDetermineDosPathNameType_U(const WCHAR* path) {
    if (!path) return path_unknown;
    return type_of(std::u16string_view(path, vine::utf16_length(path)));
}

// Bytes written without the NUL, or the bytes needed with it; 0 for no name.
VINE_EXPORT ULONG RtlGetFullPathName_U(const WCHAR* name, ULONG size, WCHAR* buffer, WCHAR** file_part) {
    if (file_part) *file_part = nullptr;
    if (!name || !*name) return 0;
    size_t part;
    std::u16string full = ntdll::full_path_name(std::u16string_view(name, vine::utf16_length(name)), &part);
    ULONG bytes = static_cast<ULONG>(full.size() * sizeof(WCHAR));
    if (bytes + sizeof(WCHAR) > size || !buffer) return bytes + sizeof(WCHAR);
    std::copy(full.begin(), full.end(), buffer);
    buffer[full.size()] = 0;
    if (file_part && part != std::u16string::npos) *file_part = buffer + part;
    return bytes;
}

VINE_EXPORT NTSTATUS RtlDosPathNameToNtPathName_U_WithStatus(const WCHAR* dos, UNICODE_STRING* nt, WCHAR** file_part,
                                                            void* relative) {
    return to_nt_name(dos, nt, file_part, reinterpret_cast<ntdll::RTL_RELATIVE_NAME_U*>(relative));
}

VINE_EXPORT BOOLEAN RtlDosPathNameToNtPathName_U(const WCHAR* dos, UNICODE_STRING* nt, WCHAR** file_part,
                                                 void* relative) {
    return NT_SUCCESS(RtlDosPathNameToNtPathName_U_WithStatus(dos, nt, file_part, relative));
}

VINE_EXPORT NTSTATUS RtlDosPathNameToRelativeNtPathName_U_WithStatus(const WCHAR* dos, UNICODE_STRING* nt,
                                                                    WCHAR** file_part,
                                                                    ntdll::RTL_RELATIVE_NAME_U* relative) {
    return to_nt_name(dos, nt, file_part, relative);
}

VINE_EXPORT BOOLEAN RtlDosPathNameToRelativeNtPathName_U(const WCHAR* dos, UNICODE_STRING* nt, WCHAR** file_part,
                                                         ntdll::RTL_RELATIVE_NAME_U* relative) {
    return NT_SUCCESS(to_nt_name(dos, nt, file_part, relative));
}

// The reference to the current directory a relative name held (none in Vine).
VINE_EXPORT void RtlReleaseRelativeName(ntdll::RTL_RELATIVE_NAME_U* relative) {
    if (relative) relative->CurDirRef = nullptr;
}
