// Files: CreateFile, ReadFile, WriteFile and friends, as thin wrappers over
// ntdll's NT file calls (dlls/ntdll/file_*.cpp): Win32 names become NT
// names (nt_path.cpp), flags become NT options, NTSTATUS becomes the last
// error.
#include <cstring>

#include "kernel32_private.h"
#include "nt_path.h"
#include "nt_wait.h"
#include "vine/nt_file.h"

using namespace kernel32;
namespace nt = vine::nt;

namespace {

constexpr DWORD INVALID_SET_FILE_POINTER = 0xffffffff;
constexpr DWORD FILE_FLAG_WRITE_THROUGH = 0x80000000, FILE_FLAG_OVERLAPPED = 0x40000000,
                FILE_FLAG_NO_BUFFERING = 0x20000000, FILE_FLAG_RANDOM_ACCESS = 0x10000000,
                FILE_FLAG_SEQUENTIAL_SCAN = 0x08000000, FILE_FLAG_DELETE_ON_CLOSE = 0x04000000,
                FILE_FLAG_BACKUP_SEMANTICS = 0x02000000, FILE_FLAG_OPEN_REPARSE_POINT = 0x00200000;
constexpr DWORD FILE_ATTRIBUTE_VALID_FLAGS = 0x7fa7;
constexpr ULONG kShareAll = nt::FILE_SHARE_READ | nt::FILE_SHARE_WRITE | nt::FILE_SHARE_DELETE;

ULONG nt_disposition(DWORD disposition) {
    switch (disposition) {
    case CREATE_NEW: return nt::FILE_CREATE;
    case CREATE_ALWAYS: return nt::FILE_OVERWRITE_IF;
    case OPEN_EXISTING: return nt::FILE_OPEN;
    case OPEN_ALWAYS: return nt::FILE_OPEN_IF;
    case TRUNCATE_EXISTING: return nt::FILE_OVERWRITE;
    default: return ~0u;
    }
}

ULONG nt_options(DWORD flags) {
    ULONG options = 0;
    if (!(flags & FILE_FLAG_OVERLAPPED)) options |= nt::FILE_SYNCHRONOUS_IO_NONALERT;
    options |= (flags & FILE_FLAG_BACKUP_SEMANTICS) ? nt::FILE_OPEN_FOR_BACKUP_INTENT : nt::FILE_NON_DIRECTORY_FILE;
    if (flags & FILE_FLAG_DELETE_ON_CLOSE) options |= nt::FILE_DELETE_ON_CLOSE;
    if (flags & FILE_FLAG_WRITE_THROUGH) options |= nt::FILE_WRITE_THROUGH;
    if (flags & FILE_FLAG_NO_BUFFERING) options |= nt::FILE_NO_INTERMEDIATE_BUFFERING;
    if (flags & FILE_FLAG_RANDOM_ACCESS) options |= nt::FILE_RANDOM_ACCESS;
    if (flags & FILE_FLAG_SEQUENTIAL_SCAN) options |= nt::FILE_SEQUENTIAL_ONLY;
    if (flags & FILE_FLAG_OPEN_REPARSE_POINT) options |= nt::FILE_OPEN_REPARSE_POINT;
    return options;
}

// An open by name for a metadata change (attributes, delete, rename).
NTSTATUS open_by_name(const NtPath& path, ACCESS_MASK access, ULONG options, HANDLE& handle) {
    IO_STATUS_BLOCK io{};
    return NtOpenFile(&handle, access | nt::SYNCHRONIZE, path.attributes(), &io, kShareAll,
                      options | nt::FILE_SYNCHRONOUS_IO_NONALERT);
}

// The same open for use within this call only (a private handle: no server
// round trip for a directory, only the share check for a file).
NTSTATUS open_private(const NtPath& path, ACCESS_MASK access, ULONG options, HANDLE& handle) {
    IO_STATUS_BLOCK io{};
    return __vine_create_private_file(&handle, access | nt::SYNCHRONIZE, path.attributes(), &io, 0, kShareAll,
                                      nt::FILE_OPEN, options | nt::FILE_SYNCHRONOUS_IO_NONALERT);
}

BOOL query_handle(HANDLE file, void* buffer, ULONG size, ULONG info_class) {
    IO_STATUS_BLOCK io{};
    return nt_bool(NtQueryInformationFile(file, &io, buffer, size, info_class));
}

BOOL set_handle(HANDLE file, const void* buffer, ULONG size, ULONG info_class) {
    IO_STATUS_BLOCK io{};
    return nt_bool(NtSetInformationFile(file, &io, buffer, size, info_class));
}

}  // namespace

VINE_EXPORT HANDLE CreateFileW(LPCWSTR name, DWORD access, DWORD share, SECURITY_ATTRIBUTES* security,
                               DWORD disposition, DWORD flags, HANDLE template_file) {
    ULONG nt_disp = nt_disposition(disposition);
    if (nt_disp == ~0u || (disposition == TRUNCATE_EXISTING && !(access & (GENERIC_WRITE | nt::GENERIC_ALL |
                                                                             nt::FILE_WRITE_DATA)))) {
        set_error(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    NtPath path;
    if (!path.assign(name, security && security->bInheritHandle)) return INVALID_HANDLE_VALUE;
    HANDLE handle = nullptr;
    IO_STATUS_BLOCK io{};
    // CreateFile always asks to wait on the handle and read its attributes,
    // and to delete the file when it deletes it on close.
    if (flags & FILE_FLAG_DELETE_ON_CLOSE) access |= nt::DELETE;
    NTSTATUS status = NtCreateFile(&handle, access | nt::SYNCHRONIZE | nt::FILE_READ_ATTRIBUTES, path.attributes(),
                                   &io, nullptr, flags & FILE_ATTRIBUTE_VALID_FLAGS, share, nt_disp,
                                   nt_options(flags), nullptr, 0);
    if (status == STATUS_OBJECT_NAME_COLLISION) {
        set_error(ERROR_FILE_EXISTS);  // CREATE_NEW of an existing file
        return INVALID_HANDLE_VALUE;
    }
    if (!NT_SUCCESS(status)) return handle_result(status, handle);
    bool existed = io.Information == nt::FILE_OPENED || io.Information == nt::FILE_OVERWRITTEN;
    set_error(existed && (disposition == CREATE_ALWAYS || disposition == OPEN_ALWAYS) ? ERROR_ALREADY_EXISTS
                                                                                     : ERROR_SUCCESS);
    return handle;
}

VINE_EXPORT HANDLE CreateFileA(LPCSTR name, DWORD access, DWORD share, SECURITY_ATTRIBUTES* security,
                               DWORD disposition, DWORD flags, HANDLE template_file) {
    if (!name) {
        set_error(ERROR_PATH_NOT_FOUND);
        return INVALID_HANDLE_VALUE;
    }
    std::u16string wide = wide_from_file_api(name);
    return CreateFileW(wide.c_str(), access, share, security, disposition, flags, template_file);
}

VINE_EXPORT BOOL ReadFile(HANDLE file, LPVOID buffer, DWORD to_read, DWORD* read_count, OVERLAPPED* overlapped) {
    if (read_count) *read_count = 0;
    OverlappedRequest request(overlapped);
    NTSTATUS status = NtReadFile(file, request.event, nullptr, request.apc_context, request.io, buffer, to_read,
                                 request.offset_pointer, nullptr);
    if (status == STATUS_PENDING) {
        set_error(ERROR_IO_PENDING);
        return FALSE;
    }
    // The end of a file read synchronously is a successful read of nothing;
    // through an OVERLAPPED it is ERROR_HANDLE_EOF.
    if (status == STATUS_END_OF_FILE && !overlapped) return TRUE;
    if (NT_ERROR(status)) return nt_bool(status);
    // Success, or a warning (ERROR_MORE_DATA: part of a message) with its bytes.
    if (read_count) *read_count = static_cast<DWORD>(request.io->Information);
    return nt_bool(status);
}

VINE_EXPORT BOOL WriteFile(HANDLE file, LPCVOID buffer, DWORD to_write, DWORD* written, OVERLAPPED* overlapped) {
    if (written) *written = 0;
    OverlappedRequest request(overlapped);
    NTSTATUS status = NtWriteFile(file, request.event, nullptr, request.apc_context, request.io, buffer, to_write,
                                  request.offset_pointer, nullptr);
    if (status == STATUS_PENDING) {
        set_error(ERROR_IO_PENDING);
        return FALSE;
    }
    if (written && (NT_SUCCESS(status) || request.io->Status == status))
        *written = static_cast<DWORD>(request.io->Information);
    return nt_bool(status);
}

VINE_EXPORT BOOL SetFilePointerEx(HANDLE file, LARGE_INTEGER distance, LARGE_INTEGER* new_position, DWORD method) {
    LARGE_INTEGER origin{};
    switch (method) {
    case FILE_BEGIN: break;
    case FILE_CURRENT:
        if (!query_handle(file, &origin, sizeof origin, nt::FilePositionInformation)) return FALSE;
        break;
    case FILE_END: {
        nt::FILE_STANDARD_INFORMATION standard{};
        if (!query_handle(file, &standard, sizeof standard, nt::FileStandardInformation)) return FALSE;
        origin = standard.EndOfFile;
        break;
    }
    default: set_error(ERROR_INVALID_PARAMETER); return FALSE;
    }
    LARGE_INTEGER target;
    target.QuadPart = origin.QuadPart + distance.QuadPart;
    if (target.QuadPart < 0) {
        set_error(ERROR_NEGATIVE_SEEK);
        return FALSE;
    }
    if (!set_handle(file, &target, sizeof target, nt::FilePositionInformation)) return FALSE;
    if (new_position) *new_position = target;
    return TRUE;
}

VINE_EXPORT DWORD SetFilePointer(HANDLE file, LONG distance, LONG* distance_high, DWORD method) {
    LARGE_INTEGER move, position;
    move.QuadPart = distance_high ? (static_cast<LONGLONG>(*distance_high) << 32) | static_cast<DWORD>(distance)
                                  : distance;
    if (!SetFilePointerEx(file, move, &position, method)) return INVALID_SET_FILE_POINTER;
    if (distance_high) *distance_high = position.u.HighPart;
    set_error(ERROR_SUCCESS);
    return position.u.LowPart;
}

VINE_EXPORT BOOL GetFileSizeEx(HANDLE file, LARGE_INTEGER* size) {
    nt::FILE_STANDARD_INFORMATION standard{};
    if (!query_handle(file, &standard, sizeof standard, nt::FileStandardInformation)) return FALSE;
    *size = standard.EndOfFile;
    return TRUE;
}

VINE_EXPORT DWORD GetFileSize(HANDLE file, DWORD* high) {
    LARGE_INTEGER size;
    if (!GetFileSizeEx(file, &size)) return 0xffffffff;
    if (high) *high = static_cast<DWORD>(size.u.HighPart);
    set_error(ERROR_SUCCESS);
    return size.u.LowPart;
}

VINE_EXPORT DWORD GetFileType(HANDLE file) {
    nt::FILE_FS_DEVICE_INFORMATION device{};
    IO_STATUS_BLOCK io{};
    NTSTATUS status = NtQueryVolumeInformationFile(file, &io, &device, sizeof device, nt::FileFsDeviceInformation);
    if (!NT_SUCCESS(status)) {
        set_nt_error(status);
        return FILE_TYPE_UNKNOWN;
    }
    set_error(ERROR_SUCCESS);
    switch (device.DeviceType) {
    case nt::FILE_DEVICE_DISK:
    case nt::FILE_DEVICE_CD_ROM: return FILE_TYPE_DISK;
    case nt::FILE_DEVICE_NAMED_PIPE: return FILE_TYPE_PIPE;
    default: return FILE_TYPE_CHAR;
    }
}

VINE_EXPORT BOOL FlushFileBuffers(HANDLE file) {
    IO_STATUS_BLOCK io{};
    return nt_bool(NtFlushBuffersFile(file, &io));
}

VINE_EXPORT BOOL SetEndOfFile(HANDLE file) {
    LARGE_INTEGER position{};
    if (!query_handle(file, &position, sizeof position, nt::FilePositionInformation)) return FALSE;
    return set_handle(file, &position, sizeof position, nt::FileEndOfFileInformation);
}

VINE_EXPORT BOOL DeleteFileW(LPCWSTR name) {
    // As Windows does it: what an open for DELETE sharing everything and
    // its close do, in one call (it fails while the file is open without
    // FILE_SHARE_DELETE; directories and read-only files refuse).
    NtPath path;
    if (!path.assign(name)) return FALSE;
    return nt_bool(__vine_delete_file(path.attributes()));
}

VINE_EXPORT BOOL DeleteFileA(LPCSTR name) {
    std::u16string wide = wide_from_file_api(name ? name : "");
    return DeleteFileW(wide.c_str());
}

VINE_EXPORT DWORD GetFileAttributesW(LPCWSTR name) {
    NtPath path;
    if (!path.assign(name)) return INVALID_FILE_ATTRIBUTES;
    nt::FILE_BASIC_INFORMATION info{};
    if (!nt_bool(NtQueryAttributesFile(path.attributes(), &info))) return INVALID_FILE_ATTRIBUTES;
    return info.FileAttributes;
}

VINE_EXPORT DWORD GetFileAttributesA(LPCSTR name) {
    std::u16string wide = wide_from_file_api(name ? name : "");
    return GetFileAttributesW(wide.c_str());
}

VINE_EXPORT BOOL CreateDirectoryW(LPCWSTR name, SECURITY_ATTRIBUTES* security) {
    NtPath path;
    if (!path.assign(name, security && security->bInheritHandle)) return FALSE;
    HANDLE handle = nullptr;
    IO_STATUS_BLOCK io{};
    NTSTATUS status = __vine_create_private_file(&handle, nt::FILE_LIST_DIRECTORY | nt::SYNCHRONIZE, path.attributes(),
                                                 &io, 0, nt::FILE_SHARE_READ | nt::FILE_SHARE_WRITE, nt::FILE_CREATE,
                                                 nt::FILE_DIRECTORY_FILE | nt::FILE_SYNCHRONOUS_IO_NONALERT);
    if (!NT_SUCCESS(status)) return nt_bool(status);
    return nt_bool(NtClose(handle));
}

VINE_EXPORT BOOL RemoveDirectoryW(LPCWSTR name) {
    NtPath path;
    if (!path.assign(name)) return FALSE;
    HANDLE handle = nullptr;
    NTSTATUS status = open_by_name(path, nt::DELETE, nt::FILE_DIRECTORY_FILE | nt::FILE_OPEN_FOR_BACKUP_INTENT, handle);
    if (!NT_SUCCESS(status)) return nt_bool(status);
    nt::FILE_DISPOSITION_INFORMATION disposition{TRUE};
    BOOL ok = set_handle(handle, &disposition, sizeof disposition, nt::FileDispositionInformation);
    DWORD error = ok ? 0 : RtlGetLastWin32Error();
    NtClose(handle);
    if (!ok) set_error(error);
    return ok;
}

VINE_EXPORT BOOL MoveFileExW(LPCWSTR from, LPCWSTR to, DWORD flags) {
    constexpr DWORD MOVEFILE_REPLACE_EXISTING = 1, MOVEFILE_COPY_ALLOWED = 2;
    NtPath source, target;
    if (!source.assign(from) || !target.assign(to)) return FALSE;
    HANDLE handle = nullptr;
    NTSTATUS status = open_by_name(source, nt::DELETE, nt::FILE_OPEN_FOR_BACKUP_INTENT, handle);
    if (!NT_SUCCESS(status)) return nt_bool(status);
    // FILE_RENAME_INFORMATION with the target's NT name after it.
    const std::u16string& name = target.text();
    constexpr size_t kNameOffset = offsetof(nt::FILE_RENAME_INFORMATION, FileName);
    std::string buffer(kNameOffset + name.size() * sizeof(WCHAR), '\0');
    nt::FILE_RENAME_INFORMATION info{};
    info.ReplaceIfExists = (flags & MOVEFILE_REPLACE_EXISTING) ? TRUE : FALSE;
    info.FileNameLength = static_cast<ULONG>(name.size() * sizeof(WCHAR));
    std::memcpy(buffer.data(), &info, kNameOffset);
    std::memcpy(buffer.data() + kNameOffset, name.data(), info.FileNameLength);
    IO_STATUS_BLOCK io{};
    status = NtSetInformationFile(handle, &io, buffer.data(), static_cast<ULONG>(buffer.size()),
                                  nt::FileRenameInformation);
    bool directory = false;
    if (status == STATUS_NOT_SAME_DEVICE) {
        nt::FILE_STANDARD_INFORMATION standard{};
        directory = NT_SUCCESS(NtQueryInformationFile(handle, &io, &standard, sizeof standard,
                                                      nt::FileStandardInformation)) &&
                    standard.Directory;
    }
    NtClose(handle);
    if (status == STATUS_NOT_SAME_DEVICE && (flags & MOVEFILE_COPY_ALLOWED) && !directory) {
        // Another file system: a copy, then the source's delete.
        if (!CopyFileW(from, to, !(flags & MOVEFILE_REPLACE_EXISTING))) return FALSE;
        return DeleteFileW(from);
    }
    return nt_bool(status);
}

VINE_EXPORT BOOL MoveFileExA(LPCSTR from, LPCSTR to, DWORD flags) {
    std::u16string wide_from = wide_from_file_api(from ? from : ""), wide_to = wide_from_file_api(to ? to : "");
    return MoveFileExW(wide_from.c_str(), wide_to.c_str(), flags);
}

VINE_EXPORT BOOL MoveFileA(LPCSTR from, LPCSTR to) { return MoveFileExA(from, to, 0); }

VINE_EXPORT BOOL MoveFileW(LPCWSTR from, LPCWSTR to) { return MoveFileExW(from, to, 0); }

VINE_EXPORT HANDLE GetStdHandle(DWORD which) {
    auto* params = current_teb()->ProcessEnvironmentBlock->ProcessParameters;
    switch (which) {
    case STD_INPUT_HANDLE: return params->StandardInput;
    case STD_OUTPUT_HANDLE: return params->StandardOutput;
    case STD_ERROR_HANDLE: return params->StandardError;
    default: set_error(ERROR_INVALID_HANDLE); return INVALID_HANDLE_VALUE;
    }
}

VINE_EXPORT BOOL SetStdHandle(DWORD which, HANDLE handle) {
    auto* params = current_teb()->ProcessEnvironmentBlock->ProcessParameters;
    switch (which) {
    case STD_INPUT_HANDLE: params->StandardInput = handle; return TRUE;
    case STD_OUTPUT_HANDLE: params->StandardOutput = handle; return TRUE;
    case STD_ERROR_HANDLE: params->StandardError = handle; return TRUE;
    default: set_error(ERROR_INVALID_HANDLE); return FALSE;
    }
}

struct BY_HANDLE_FILE_INFORMATION {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
    DWORD dwVolumeSerialNumber;
    DWORD nFileSizeHigh, nFileSizeLow;
    DWORD nNumberOfLinks;
    DWORD nFileIndexHigh, nFileIndexLow;
};
static_assert(sizeof(BY_HANDLE_FILE_INFORMATION) == 52);

namespace {

FILETIME filetime_of(const LARGE_INTEGER& time) {
    return FILETIME{time.u.LowPart, static_cast<DWORD>(time.u.HighPart)};
}

}  // namespace

VINE_EXPORT BOOL GetFileInformationByHandle(HANDLE file, BY_HANDLE_FILE_INFORMATION* info) {
    nt::FILE_BASIC_INFORMATION basic{};
    nt::FILE_STANDARD_INFORMATION standard{};
    nt::FILE_ID_INFORMATION id{};
    if (!query_handle(file, &basic, sizeof basic, nt::FileBasicInformation) ||
        !query_handle(file, &standard, sizeof standard, nt::FileStandardInformation) ||
        !query_handle(file, &id, sizeof id, nt::FileIdInformation))
        return FALSE;
    uint64_t index = 0;
    std::memcpy(&index, id.FileId.Identifier, sizeof index);
    info->dwFileAttributes = basic.FileAttributes;
    info->ftCreationTime = filetime_of(basic.CreationTime);
    info->ftLastAccessTime = filetime_of(basic.LastAccessTime);
    info->ftLastWriteTime = filetime_of(basic.LastWriteTime);
    info->dwVolumeSerialNumber = static_cast<DWORD>(id.VolumeSerialNumber);
    info->nFileSizeHigh = static_cast<DWORD>(static_cast<uint64_t>(standard.EndOfFile.QuadPart) >> 32);
    info->nFileSizeLow = static_cast<DWORD>(standard.EndOfFile.QuadPart);
    info->nNumberOfLinks = standard.NumberOfLinks;
    info->nFileIndexHigh = static_cast<DWORD>(index >> 32);
    info->nFileIndexLow = static_cast<DWORD>(index);
    return TRUE;
}

VINE_EXPORT BOOL CreateDirectoryA(LPCSTR name, SECURITY_ATTRIBUTES* security) {
    std::u16string wide = wide_from_file_api(name ? name : "");
    return CreateDirectoryW(wide.c_str(), security);
}

VINE_EXPORT BOOL RemoveDirectoryA(LPCSTR name) {
    std::u16string wide = wide_from_file_api(name ? name : "");
    return RemoveDirectoryW(wide.c_str());
}

struct WIN32_FILE_ATTRIBUTE_DATA {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
    DWORD nFileSizeHigh, nFileSizeLow;
};
static_assert(sizeof(WIN32_FILE_ATTRIBUTE_DATA) == 36);

VINE_EXPORT BOOL GetFileAttributesExW(LPCWSTR name, int level, void* out) {
    constexpr int GetFileExInfoStandard = 0;
    if (level != GetFileExInfoStandard || !out) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    NtPath path;
    if (!path.assign(name)) return FALSE;
    nt::FILE_NETWORK_OPEN_INFORMATION info{};
    if (!nt_bool(NtQueryFullAttributesFile(path.attributes(), &info))) return FALSE;
    auto* data = static_cast<WIN32_FILE_ATTRIBUTE_DATA*>(out);
    data->dwFileAttributes = info.FileAttributes;
    data->ftCreationTime = filetime_of(info.CreationTime);
    data->ftLastAccessTime = filetime_of(info.LastAccessTime);
    data->ftLastWriteTime = filetime_of(info.LastWriteTime);
    data->nFileSizeHigh = static_cast<DWORD>(static_cast<uint64_t>(info.EndOfFile.QuadPart) >> 32);
    data->nFileSizeLow = static_cast<DWORD>(info.EndOfFile.QuadPart);
    return TRUE;
}

VINE_EXPORT BOOL GetFileAttributesExA(LPCSTR name, int level, void* out) {
    std::u16string wide = wide_from_file_api(name ? name : "");
    return GetFileAttributesExW(wide.c_str(), level, out);
}

VINE_EXPORT BOOL SetFileAttributesW(LPCWSTR name, DWORD attributes) {
    NtPath path;
    if (!path.assign(name)) return FALSE;
    HANDLE handle = nullptr;
    NTSTATUS status = open_private(path, nt::FILE_WRITE_ATTRIBUTES, nt::FILE_OPEN_FOR_BACKUP_INTENT, handle);
    if (!NT_SUCCESS(status)) return nt_bool(status);
    // 0 means "unchanged" to NtSetInformationFile; FILE_ATTRIBUTE_NORMAL
    // (alone) clears the others.
    nt::FILE_BASIC_INFORMATION info{};
    info.FileAttributes = attributes ? attributes : FILE_ATTRIBUTE_NORMAL;
    BOOL ok = set_handle(handle, &info, sizeof info, nt::FileBasicInformation);
    DWORD error = ok ? 0 : RtlGetLastWin32Error();
    NtClose(handle);
    if (!ok) set_error(error);
    return ok;
}

VINE_EXPORT BOOL SetFileAttributesA(LPCSTR name, DWORD attributes) {
    std::u16string wide = wide_from_file_api(name ? name : "");
    return SetFileAttributesW(wide.c_str(), attributes);
}
