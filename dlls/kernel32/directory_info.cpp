// Listing a directory through its handle: GetFileInformationByHandleEx's
// FileFullDirectoryInfo and FileIdBothDirectoryInfo classes (and their
// "Restart" forms), which Go's os package uses for ReadDir. The listing
// position is the descriptor's own (getdents64 offsets), so it belongs to
// the handle as Windows' does to the file object; an entry that does not fit
// is left for the next call.
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <climits>
#include <cstddef>
#include <cstring>

#include "directory_info.h"
#include "vine/server_client.h"
#include "vine/unicode.h"

namespace {

constexpr DWORD ERROR_BAD_LENGTH = 24, ERROR_MORE_DATA = 234;

struct linux_dirent64 {
    uint64_t d_ino;
    int64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

// The fixed part both layouts share (FILE_FULL_DIR_INFO up to EaSize).
struct DirectoryHeader {
    ULONG NextEntryOffset, FileIndex;
    LARGE_INTEGER CreationTime, LastAccessTime, LastWriteTime, ChangeTime, EndOfFile, AllocationSize;
    ULONG FileAttributes, FileNameLength, EaSize;
};
static_assert(sizeof(DirectoryHeader) == 72 && offsetof(DirectoryHeader, EaSize) == 64);
constexpr size_t kFullNameOffset = 68;       // FILE_FULL_DIR_INFO.FileName
constexpr size_t kIdBothShortLength = 68;    // FILE_ID_BOTH_DIR_INFO.ShortNameLength
constexpr size_t kIdBothFileId = 96;         // FILE_ID_BOTH_DIR_INFO.FileId
constexpr size_t kIdBothNameOffset = 104;    // FILE_ID_BOTH_DIR_INFO.FileName

LONGLONG quad(const FILETIME& time) {
    return static_cast<LONGLONG>((static_cast<uint64_t>(time.dwHighDateTime) << 32) | time.dwLowDateTime);
}

bool is_root(int fd) {
    char link[64], target[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t size = readlink(link, target, sizeof target);
    return size == 1 && target[0] == '/';
}

}  // namespace

namespace kernel32 {

BOOL list_directory(HANDLE handle, bool id_both, bool restart, void* buffer, DWORD length) {
    int fd = vine::client::handle_fd(handle);
    if (fd < 0) {
        set_error(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    size_t name_offset = id_both ? kIdBothNameOffset : kFullNameOffset;
    // Smaller than the structure itself: NtQueryDirectoryFile's
    // STATUS_INFO_LENGTH_MISMATCH.
    if (length < (id_both ? 112u : 72u)) {
        set_error(ERROR_BAD_LENGTH);
        return FALSE;
    }
    if (restart && lseek(fd, 0, SEEK_SET) < 0) return fail_errno();
    off_t resume = lseek(fd, 0, SEEK_CUR);  // where the next entry starts
    bool root = is_root(fd);
    auto* out = static_cast<BYTE*>(buffer);
    size_t used = 0;
    DirectoryHeader* previous = nullptr;
    alignas(8) char entries[16384];
    bool full = false;
    for (;;) {
        long got = syscall(SYS_getdents64, fd, entries, sizeof entries);
        if (got < 0) {
            if (errno == ENOTDIR) {
                set_error(ERROR_INVALID_PARAMETER);
                return FALSE;
            }
            return fail_errno();
        }
        if (got == 0) break;
        for (long at = 0; at < got;) {
            auto* entry = reinterpret_cast<linux_dirent64*>(entries + at);
            at += entry->d_reclen;
            std::string_view unix_name = entry->d_name;
            bool dots = unix_name == "." || unix_name == "..";
            struct stat st {};
            // A dangling symbolic link is still listed, as the link itself.
            bool skip = (dots && root) || (fstatat(fd, entry->d_name, &st, 0) != 0 &&
                                           fstatat(fd, entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0);
            if (skip) {
                resume = entry->d_off;
                continue;
            }
            std::u16string name = vine::utf8_to_utf16(unix_name);
            size_t size = name_offset + name.size() * sizeof(char16_t);
            if (used + size > length) {
                full = true;
                break;
            }
            auto* header = reinterpret_cast<DirectoryHeader*>(out + used);
            std::memset(out + used, 0, name_offset);
            header->CreationTime.QuadPart = quad(filetime_from(st.st_ctim));
            header->LastAccessTime.QuadPart = quad(filetime_from(st.st_atim));
            header->LastWriteTime.QuadPart = quad(filetime_from(st.st_mtim));
            header->ChangeTime.QuadPart = quad(filetime_from(st.st_ctim));
            bool directory = S_ISDIR(st.st_mode);
            header->EndOfFile.QuadPart = directory ? 0 : st.st_size;
            header->AllocationSize.QuadPart = directory ? 0 : static_cast<LONGLONG>(st.st_blocks) * 512;
            header->FileAttributes = attributes_from(st);
            header->FileNameLength = static_cast<ULONG>(name.size() * sizeof(char16_t));
            if (id_both) {
                out[used + kIdBothShortLength] = 0;  // no 8.3 names in Vine
                LONGLONG id = static_cast<LONGLONG>(st.st_ino);
                std::memcpy(out + used + kIdBothFileId, &id, sizeof id);
            }
            std::memcpy(out + used + name_offset, name.data(), name.size() * sizeof(char16_t));
            if (previous)
                previous->NextEntryOffset = static_cast<ULONG>(reinterpret_cast<BYTE*>(header) -
                                                               reinterpret_cast<BYTE*>(previous));
            previous = header;
            used += (size + 7) & ~size_t{7};  // entries start 8-byte aligned
            resume = entry->d_off;
        }
        if (full || previous) break;
    }
    lseek(fd, resume, SEEK_SET);  // the first entry not returned comes next
    if (!previous) {
        // Not even one entry fitted, or none is left.
        set_error(full ? ERROR_MORE_DATA : ERROR_NO_MORE_FILES);
        return FALSE;
    }
    return TRUE;
}

}  // namespace kernel32
