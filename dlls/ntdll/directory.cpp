// NtQueryDirectoryFile(Ex): a directory's entries through its handle, in
// the FILE_*_DIR_INFORMATION layouts (include/vine/nt_file.h), filtered by
// the mask given with the first call (or a restart), as Windows keeps it in
// the file object. The listing position is the descriptor's own (getdents64
// offsets), so it belongs to the handle as Windows' does to the file
// object; an entry that does not fit is left for the next call.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <string>
#include <unordered_map>

#include "vine/locks.h"
#include "file_name.h"
#include "file_private.h"
#include "ntdll_private.h"
#include "vine/ntstatus.h"
#include "vine/paths.h"
#include "vine/thread_control.h"
#include "vine/unicode.h"

using namespace vine::nt;

namespace {

struct linux_dirent64 {
    uint64_t d_ino;
    int64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

// The mask each listing handle was given, and whether it has returned an
// entry yet (the first call's "nothing" is STATUS_NO_SUCH_FILE, later ones'
// STATUS_NO_MORE_FILES). Keyed by handle; NtClose forgets it.
struct Listing {
    std::u16string mask;
    bool returned = false;
};
vine::Mutex g_lock;
std::unordered_map<uint64_t, Listing> g_listings;

uint64_t key_of(HANDLE handle) { return reinterpret_cast<uintptr_t>(handle); }

ULONG name_offset_of(ULONG info_class) {
    switch (info_class) {
    case FileDirectoryInformation: return kDirectoryNameOffset;
    case FileFullDirectoryInformation: return kFullNameOffset;
    case FileBothDirectoryInformation: return kBothNameOffset;
    case FileNamesInformation: return kNamesNameOffset;
    case FileIdBothDirectoryInformation: return kIdBothNameOffset;
    case FileIdFullDirectoryInformation: return kIdFullNameOffset;
    default: return 0;
    }
}

bool is_root(int fd) { return ntdll::path_of_fd(fd) == "/"; }

// One entry at `out` (zeroed up to the name first).
void put_entry(BYTE* out, ULONG info_class, ULONG name_offset, const struct stat& st, const std::u16string& name) {
    std::memset(out, 0, name_offset);
    ULONG name_bytes = static_cast<ULONG>(name.size() * sizeof(char16_t));
    if (info_class == FileNamesInformation) {
        std::memcpy(out + 8, &name_bytes, sizeof name_bytes);
    } else {
        FILE_NETWORK_OPEN_INFORMATION info = ntdll::network_open_info_of(st);
        FILE_DIRECTORY_HEADER header{0, 0, info.CreationTime, info.LastAccessTime, info.LastWriteTime,
                                     info.ChangeTime, info.EndOfFile, info.AllocationSize, info.FileAttributes,
                                     name_bytes};
        std::memcpy(out, &header, sizeof header);
        LONGLONG id = static_cast<LONGLONG>(st.st_ino);
        if (info_class == FileIdBothDirectoryInformation) std::memcpy(out + kIdBothFileIdOffset, &id, sizeof id);
        if (info_class == FileIdFullDirectoryInformation) std::memcpy(out + kIdFullFileIdOffset, &id, sizeof id);
        // An 8.3-valid name is its own short name, which Windows leaves empty.
    }
    std::memcpy(out + name_offset, name.data(), name_bytes);
}

}  // namespace

namespace ntdll {

void forget_listing(HANDLE handle) {
    vine::threads::NoInterrupt region;
    std::lock_guard guard(g_lock);
    g_listings.erase(key_of(handle));
}

}  // namespace ntdll

VINE_EXPORT NTSTATUS NtQueryDirectoryFileEx(HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context,
                                            IO_STATUS_BLOCK* io, void* buffer, ULONG length, ULONG info_class,
                                            ULONG flags, const UNICODE_STRING* mask) {
    ULONG name_offset = name_offset_of(info_class);
    if (!name_offset) return STATUS_INVALID_INFO_CLASS;
    if (length < name_offset) return STATUS_INFO_LENGTH_MISMATCH;
    if (!io || !buffer) return ntdll::kStatusAccessViolation;
    ntdll::OpenFile file;
    if (NTSTATUS status = ntdll::open_file_of(handle, FILE_LIST_DIRECTORY, file)) return status;
    if (!(file.flags & vine::protocol::file_is_directory)) return STATUS_INVALID_PARAMETER;
    bool restart = flags & SL_RESTART_SCAN, single = flags & SL_RETURN_SINGLE_ENTRY;

    uint64_t key = key_of(handle);
    std::u16string pattern;
    bool first;
    {
        vine::threads::NoInterrupt region;
        std::lock_guard guard(g_lock);
        auto [it, fresh] = g_listings.try_emplace(key);
        if (restart || fresh) {
            it->second.returned = false;
            if (mask && mask->Length) it->second.mask.assign(mask->Buffer, mask->Length / sizeof(WCHAR));
            else if (fresh) it->second.mask.clear();
        }
        pattern = it->second.mask;
        first = !it->second.returned;
    }
    if (restart && lseek(file.fd, 0, SEEK_SET) < 0) return ntdll::status_from_errno(errno);
    bool match_all = pattern.empty() || pattern == u"*";
    off_t resume = lseek(file.fd, 0, SEEK_CUR);  // where the next entry starts
    bool root = is_root(file.fd);
    auto* out = static_cast<BYTE*>(buffer);
    size_t used = 0, last_end = 0;
    BYTE* previous = nullptr;
    alignas(8) char entries[16384];
    bool full = false;
    for (;;) {
        long got = syscall(SYS_getdents64, file.fd, entries, sizeof entries);
        if (got < 0) return errno == ENOTDIR ? STATUS_INVALID_PARAMETER : ntdll::status_from_errno(errno);
        if (got == 0) break;
        for (long at = 0; at < got;) {
            auto* entry = reinterpret_cast<linux_dirent64*>(entries + at);
            at += entry->d_reclen;
            std::string_view unix_name = entry->d_name;
            bool dots = unix_name == "." || unix_name == "..";
            std::u16string name = vine::unix_to_utf16(unix_name);
            struct stat st {};
            // A drive's root has no "." or ".."; a dangling symbolic link is
            // still listed, as the link itself.
            bool skip = (dots && root) || (!match_all && !vine::paths::nt_mask_matches(pattern, name, true)) ||
                        (fstatat(file.fd, entry->d_name, &st, 0) != 0 &&
                         fstatat(file.fd, entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0);
            if (skip) {
                resume = entry->d_off;
                continue;
            }
            size_t size = name_offset + name.size() * sizeof(char16_t);
            if (used + size > length) {
                full = true;
                break;
            }
            put_entry(out + used, info_class, name_offset, st, name);
            if (previous) {
                ULONG next = static_cast<ULONG>(out + used - previous);
                std::memcpy(previous, &next, sizeof next);
            }
            previous = out + used;
            last_end = used + size;
            used += (size + 7) & ~size_t{7};  // entries start 8-byte aligned
            resume = entry->d_off;
            if (single) break;
        }
        if (full || previous) break;
    }
    lseek(file.fd, resume, SEEK_SET);  // the first entry not returned comes next
    NTSTATUS status;
    if (previous) {
        status = STATUS_SUCCESS;
        vine::threads::NoInterrupt region;
        std::lock_guard guard(g_lock);
        g_listings[key].returned = true;
    } else {
        // Not even one entry fitted, or none is left.
        status = full ? STATUS_BUFFER_OVERFLOW : first ? STATUS_NO_SUCH_FILE : STATUS_NO_MORE_FILES;
    }
    io->Status = status;
    io->Information = previous ? last_end : 0;
    if (event) NtSetEvent(event, nullptr);
    return status;
}

VINE_EXPORT NTSTATUS NtQueryDirectoryFile(HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context,
                                          IO_STATUS_BLOCK* io, void* buffer, ULONG length, ULONG info_class,
                                          BOOLEAN single_entry, const UNICODE_STRING* mask, BOOLEAN restart) {
    ULONG flags = (restart ? SL_RESTART_SCAN : 0) | (single_entry ? SL_RETURN_SINGLE_ENTRY : 0);
    return NtQueryDirectoryFileEx(handle, event, apc, apc_context, io, buffer, length, info_class, flags, mask);
}
