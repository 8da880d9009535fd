// SetFileInformationByHandle: each FILE_INFO_BY_HANDLE_CLASS is one
// NtSetInformationFile class with the same layout (the rename classes get
// their Win32 path turned into an NT name first). Unknown classes fail with
// ERROR_INVALID_PARAMETER, as on Windows.
#include <cstring>

#include "file_info_class.h"
#include "kernel32_private.h"
#include "nt_path.h"
#include "nt_wait.h"
#include "vine/nt_file.h"

using namespace kernel32;
namespace nt = vine::nt;

namespace {

BOOL set(HANDLE file, const void* buffer, DWORD size, ULONG nt_class) {
    IO_STATUS_BLOCK io{};
    return nt_bool(NtSetInformationFile(file, &io, buffer, size, nt_class));
}

// FILE_RENAME_INFO has FILE_RENAME_INFORMATION's layout; a full Win32 path
// in it becomes an NT name, a bare name (or one relative to RootDirectory)
// stays as it is.
BOOL rename(HANDLE file, const void* buffer, DWORD size, ULONG nt_class) {
    constexpr size_t kNameOffset = offsetof(nt::FILE_RENAME_INFORMATION, FileName);
    if (size < kNameOffset) {
        set_error(ERROR_BAD_LENGTH);
        return FALSE;
    }
    nt::FILE_RENAME_INFORMATION info;
    std::memcpy(&info, buffer, kNameOffset);
    if (info.FileNameLength > size - kNameOffset || info.FileNameLength % 2) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    std::u16string name(info.FileNameLength / 2, u'\0');
    std::memcpy(name.data(), static_cast<const char*>(buffer) + kNameOffset, info.FileNameLength);
    bool full_path = name.size() >= 2 && (name[1] == u':' || (name[0] == u'\\' && name[1] == u'\\'));
    if (!info.RootDirectory && full_path) {
        NtPath path;
        if (!path.assign(name.c_str())) return FALSE;
        name = path.text();
    }
    std::string converted(kNameOffset + name.size() * sizeof(WCHAR), '\0');
    info.FileNameLength = static_cast<ULONG>(name.size() * sizeof(WCHAR));
    std::memcpy(converted.data(), &info, kNameOffset);
    std::memcpy(converted.data() + kNameOffset, name.data(), info.FileNameLength);
    return set(file, converted.data(), static_cast<DWORD>(converted.size()), nt_class);
}

}  // namespace

VINE_EXPORT BOOL SetFileInformationByHandle(HANDLE file, DWORD info_class, const void* buffer, DWORD size) {
    ULONG nt_class = 0;
    size_t needed = 0;
    switch (info_class) {
    case FileBasicInfo: nt_class = nt::FileBasicInformation, needed = sizeof(nt::FILE_BASIC_INFORMATION); break;
    case FileAllocationInfo: nt_class = nt::FileAllocationInformation, needed = sizeof(LARGE_INTEGER); break;
    case FileEndOfFileInfo: nt_class = nt::FileEndOfFileInformation, needed = sizeof(LARGE_INTEGER); break;
    case FileDispositionInfo: nt_class = nt::FileDispositionInformation, needed = sizeof(BOOLEAN); break;
    case FileDispositionInfoEx: nt_class = nt::FileDispositionInformationEx, needed = sizeof(DWORD); break;
    case FileRenameInfo:
    case FileRenameInfoEx:
        if (!buffer) break;
        return rename(file, buffer, size,
                      info_class == FileRenameInfo ? nt::FileRenameInformation : nt::FileRenameInformationEx);
    case FileIoPriorityHintInfo: needed = sizeof(DWORD); break;
    default: set_error(ERROR_INVALID_PARAMETER); return FALSE;
    }
    if (!buffer || size < needed) {
        set_error(ERROR_BAD_LENGTH);
        return FALSE;
    }
    // An I/O priority hint: Vine does not prioritise I/O; the handle must be one.
    if (!nt_class) {
        nt::FILE_STANDARD_INFORMATION standard{};
        IO_STATUS_BLOCK io{};
        return nt_bool(NtQueryInformationFile(file, &io, &standard, sizeof standard, nt::FileStandardInformation));
    }
    return set(file, buffer, size, nt_class);
}
