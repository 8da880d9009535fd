// NtQueryInformationFile: what a file handle's descriptor (and, for the
// access mask and mode, the handle) says about the file, in the
// FILE_*_INFORMATION layouts of include/vine/nt_file.h. Runtimes (Go's os
// package, Rust's std) ask for the handle's mode, its size and its name this
// way rather than through kernel32.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>

#include "file_name.h"
#include "async_io.h"
#include "file_private.h"
#include "named_pipe.h"
#include "ntdll_private.h"
#include "vine/ntstatus.h"
#include "vine/paths.h"

using namespace vine::nt;

namespace {

// FileNameInformation is the path without its drive ("\dir\file"), the
// kernel's record of the open file (links resolved, the spelling on disk),
// so FileNormalizedNameInformation is the same; a pipe
// or terminal has no name in the file system. A buffer too small for the
// whole name gets what fits and STATUS_BUFFER_OVERFLOW, with the full
// length in FileNameLength, as Windows does.
NTSTATUS query_name(int fd, void* buffer, ULONG length, ULONG_PTR& written) {
    constexpr ULONG kHeader = sizeof(ULONG);
    std::string target = ntdll::path_of_fd(fd);
    if (target.empty()) return STATUS_INVALID_PARAMETER;
    std::u16string dos = vine::paths::unix_to_dos(target);
    std::u16string_view name = dos;
    if (name.size() >= 2 && name[1] == u':') name.remove_prefix(2);
    ULONG bytes = static_cast<ULONG>(name.size() * sizeof(char16_t));
    std::memcpy(buffer, &bytes, sizeof bytes);
    ULONG room = length - kHeader;
    ULONG copied = bytes < room ? bytes : room & ~1u;
    std::memcpy(static_cast<char*>(buffer) + kHeader, name.data(), copied);
    written = kHeader + copied;
    return copied < bytes ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

ULONG mode_of(const ntdll::OpenFile& file) {
    if (file.flags & vine::protocol::file_asynchronous) return 0;
    return (file.flags & vine::protocol::file_alertable) ? FILE_SYNCHRONOUS_IO_ALERT : FILE_SYNCHRONOUS_IO_NONALERT;
}

LONGLONG position_of(const ntdll::OpenFile& file, const struct stat& st) {
    // Pipes and terminals have no position; Windows reports 0 for them.
    if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) return 0;
    off_t position = lseek(file.fd, 0, SEEK_CUR);
    return position < 0 ? 0 : position;
}

ULONG size_of_class(ULONG info_class) {
    switch (info_class) {
    case FileBasicInformation: return sizeof(FILE_BASIC_INFORMATION);
    case FileStandardInformation: return sizeof(FILE_STANDARD_INFORMATION);
    case FileInternalInformation: return sizeof(FILE_INTERNAL_INFORMATION);
    case FileEaInformation: return sizeof(FILE_EA_INFORMATION);
    case FileAccessInformation: return sizeof(FILE_ACCESS_INFORMATION);
    case FileNameInformation:
    case FileNormalizedNameInformation: return sizeof(FILE_NAME_INFORMATION);
    case FilePositionInformation: return sizeof(FILE_POSITION_INFORMATION);
    case FileModeInformation: return sizeof(FILE_MODE_INFORMATION);
    case FileAlignmentInformation: return sizeof(FILE_ALIGNMENT_INFORMATION);
    case FileAllInformation: return sizeof(FILE_ALL_INFORMATION);
    case FileNetworkOpenInformation: return sizeof(FILE_NETWORK_OPEN_INFORMATION);
    case FileAttributeTagInformation: return sizeof(FILE_ATTRIBUTE_TAG_INFORMATION);
    case FileIdInformation: return sizeof(FILE_ID_INFORMATION);
    case FileStreamInformation: return offsetof(FILE_STREAM_INFORMATION, StreamName);
    default: return 0;
    }
}

// The rights a class needs: attributes need FILE_READ_ATTRIBUTES, as on
// Windows; the standard, internal, access, mode, position and name ones
// need none.
ACCESS_MASK rights_of_class(ULONG info_class) {
    switch (info_class) {
    case FileBasicInformation:
    case FileAllInformation:
    case FileNetworkOpenInformation:
    case FileAttributeTagInformation: return FILE_READ_ATTRIBUTES;
    case FileEaInformation: return FILE_READ_EA;
    default: return 0;
    }
}

template <typename T>
void put(void* buffer, const T& value) {
    std::memcpy(buffer, &value, sizeof value);
}

}  // namespace

VINE_EXPORT NTSTATUS NtQueryInformationFile(HANDLE handle, IO_STATUS_BLOCK* io, void* buffer, ULONG length,
                                            ULONG info_class) {
    if (info_class == FilePipeInformation || info_class == FilePipeLocalInformation ||
        info_class == FileIoCompletionNotificationInformation) {
        if (!io || !buffer) return ntdll::kStatusAccessViolation;
        ULONG_PTR written = 0;
        NTSTATUS status = info_class == FileIoCompletionNotificationInformation
                              ? ntdll::async::query_completion_modes(handle, buffer, length, written)
                              : ntdll::query_pipe_information(handle, buffer, length, info_class, written);
        if (status) return status;
        io->Status = STATUS_SUCCESS;
        io->Information = written;
        return STATUS_SUCCESS;
    }
    ULONG needed = size_of_class(info_class);
    if (!needed) return STATUS_INVALID_INFO_CLASS;
    if (length < needed) return STATUS_INFO_LENGTH_MISMATCH;
    if (!io || !buffer) return ntdll::kStatusAccessViolation;
    ntdll::OpenFile file;
    if (NTSTATUS status = ntdll::open_file_of(handle, 0, file)) return status;
    if (ACCESS_MASK rights = rights_of_class(info_class); rights && !(file.access & rights))
        return STATUS_ACCESS_DENIED;

    NTSTATUS status = STATUS_SUCCESS;
    ULONG_PTR written = needed;
    struct stat st {};
    bool needs_stat = info_class != FileModeInformation && info_class != FileNameInformation &&
                      info_class != FileNormalizedNameInformation &&
                      info_class != FileAccessInformation;
    if (needs_stat && fstat(file.fd, &st) != 0) return ntdll::status_from_errno(errno);
    switch (info_class) {
    case FileBasicInformation: put(buffer, ntdll::basic_info_of(st)); break;
    case FileStandardInformation: put(buffer, ntdll::standard_info_of(st)); break;
    case FilePositionInformation: put(buffer, FILE_POSITION_INFORMATION{{.QuadPart = position_of(file, st)}}); break;
    case FileModeInformation: put(buffer, FILE_MODE_INFORMATION{mode_of(file)}); break;
    // The file's index, as in GetFileInformationByHandle: its inode.
    case FileInternalInformation:
        put(buffer, FILE_INTERNAL_INFORMATION{{.QuadPart = static_cast<LONGLONG>(st.st_ino)}});
        break;
    case FileEaInformation: put(buffer, FILE_EA_INFORMATION{0}); break;  // Linux files carry no NT EAs
    case FileAccessInformation: put(buffer, FILE_ACCESS_INFORMATION{file.access}); break;
    case FileAlignmentInformation: put(buffer, FILE_ALIGNMENT_INFORMATION{0}); break;  // byte alignment
    case FileNetworkOpenInformation: put(buffer, ntdll::network_open_info_of(st)); break;
    // Vine creates no reparse points: symbolic links are followed.
    case FileAttributeTagInformation: put(buffer, FILE_ATTRIBUTE_TAG_INFORMATION{ntdll::attributes_of(st), 0}); break;
    case FileIdInformation: {
        FILE_ID_INFORMATION info{};
        info.VolumeSerialNumber = st.st_dev;
        uint64_t inode = st.st_ino;
        std::memcpy(info.FileId.Identifier, &inode, sizeof inode);
        put(buffer, info);
        break;
    }
    case FileAllInformation: {
        FILE_ALL_INFORMATION info{};
        info.BasicInformation = ntdll::basic_info_of(st);
        info.StandardInformation = ntdll::standard_info_of(st);
        info.InternalInformation.IndexNumber.QuadPart = static_cast<LONGLONG>(st.st_ino);
        info.AccessInformation.AccessFlags = file.access;
        info.PositionInformation.CurrentByteOffset.QuadPart = position_of(file, st);
        info.ModeInformation.Mode = mode_of(file);
        constexpr ULONG kNameOffset = offsetof(FILE_ALL_INFORMATION, NameInformation);
        std::memcpy(buffer, &info, kNameOffset);
        ULONG_PTR name_written = 0;
        status = query_name(file.fd, static_cast<char*>(buffer) + kNameOffset, length - kNameOffset, name_written);
        if (status == STATUS_INVALID_PARAMETER) {  // no name: an empty one
            put(static_cast<char*>(buffer) + kNameOffset, ULONG{0});
            name_written = sizeof(ULONG);
            status = STATUS_SUCCESS;
        }
        written = kNameOffset + name_written;
        break;
    }
    // Linux files have one data stream, the unnamed one; a directory has
    // none (as on NTFS without alternate streams).
    case FileStreamInformation: {
        written = 0;
        if (S_ISDIR(st.st_mode)) break;
        constexpr std::u16string_view kName = u"::$DATA";
        FILE_STREAM_INFORMATION info{};
        info.StreamNameLength = static_cast<ULONG>(kName.size() * sizeof(char16_t));
        info.StreamSize.QuadPart = st.st_size;
        info.StreamAllocationSize.QuadPart = static_cast<LONGLONG>(st.st_blocks) * 512;
        constexpr ULONG kHeader = offsetof(FILE_STREAM_INFORMATION, StreamName);
        if (length < kHeader + info.StreamNameLength) return STATUS_BUFFER_OVERFLOW;
        std::memcpy(buffer, &info, kHeader);
        std::memcpy(static_cast<char*>(buffer) + kHeader, kName.data(), info.StreamNameLength);
        written = kHeader + info.StreamNameLength;
        break;
    }
    case FileNameInformation:
    case FileNormalizedNameInformation:
        status = query_name(file.fd, buffer, length, written);
        // A warning (STATUS_BUFFER_OVERFLOW) still fills the I/O status.
        if (static_cast<uint32_t>(status) >> 30 == 3) return status;
        break;
    }
    io->Status = status;
    io->Information = written;
    return status;
}
