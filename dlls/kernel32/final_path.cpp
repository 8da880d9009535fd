// GetFinalPathNameByHandleW/A: the path of the file a handle has open, as
// the file system spells it (links resolved), built from ntdll's names of
// the open file as kernelbase builds it on Windows: NtQueryObject
// (ObjectNameInformation) gives the NT name ("\Device\HarddiskVolumeN" and
// the path), whose volume device maps back to its drive letter (the devices
// QueryDosDeviceW lists); NtQueryInformationFile (FileNormalizedName- or
// FileNameInformation) the path within the volume. VOLUME_NAME_DOS gives
// "\\?\Z:\dir\file", VOLUME_NAME_NT "\Device\HarddiskVolume26\dir\file",
// VOLUME_NAME_NONE "\dir\file". Vine has no volume GUIDs for its drives
// (no mount manager): VOLUME_NAME_GUID fails with ERROR_NOT_SUPPORTED.
#include <cstring>
#include <string>
#include <vector>

#include "kernel32_private.h"
#include "nt_wait.h"
#include "vine/nt_file.h"
#include "vine/paths.h"

using namespace kernel32;

namespace {

constexpr DWORD VOLUME_NAME_DOS = 0x0, VOLUME_NAME_GUID = 0x1, VOLUME_NAME_NT = 0x2, VOLUME_NAME_NONE = 0x4;
constexpr DWORD FILE_NAME_OPENED = 0x8;

// The NT name of the open file, or empty with the last error set.
std::u16string nt_name_of(HANDLE file) {
    std::vector<BYTE> buffer(1024);
    ULONG needed = 0;
    NTSTATUS status = NtQueryObject(file, vine::nt::ObjectNameInformation, buffer.data(),
                                    static_cast<ULONG>(buffer.size()), &needed);
    if (status == STATUS_BUFFER_OVERFLOW || status == STATUS_INFO_LENGTH_MISMATCH) {
        buffer.resize(needed);
        status = NtQueryObject(file, vine::nt::ObjectNameInformation, buffer.data(), needed, &needed);
    }
    if (!NT_SUCCESS(status)) {
        // Not a file-system object (a pipe, a console, an event).
        set_error(status == STATUS_INVALID_HANDLE ? ERROR_INVALID_HANDLE : ERROR_INVALID_FUNCTION);
        return {};
    }
    const auto* info = reinterpret_cast<const vine::nt::OBJECT_NAME_INFORMATION*>(buffer.data());
    return std::u16string(reinterpret_cast<const char16_t*>(info->Name.Buffer), info->Name.Length / sizeof(WCHAR));
}

// The path within its volume ("\dir\file"), or empty with the last error set.
std::u16string volume_path_of(HANDLE file, bool normalized) {
    std::vector<BYTE> buffer(1024);
    IO_STATUS_BLOCK io{};
    ULONG info_class = normalized ? vine::nt::FileNormalizedNameInformation : vine::nt::FileNameInformation;
    for (;;) {
        NTSTATUS status = NtQueryInformationFile(file, &io, buffer.data(), static_cast<ULONG>(buffer.size()), info_class);
        ULONG length = 0;
        std::memcpy(&length, buffer.data(), sizeof length);
        if (status == STATUS_BUFFER_OVERFLOW) {
            buffer.resize(sizeof(ULONG) + length);
            continue;
        }
        if (!NT_SUCCESS(status)) {
            set_error(status == STATUS_INVALID_HANDLE ? ERROR_INVALID_HANDLE : ERROR_INVALID_FUNCTION);
            return {};
        }
        return std::u16string(reinterpret_cast<const char16_t*>(buffer.data() + sizeof(ULONG)), length / sizeof(WCHAR));
    }
}

// The path, or an empty string with the last error set.
std::u16string final_path(HANDLE file, DWORD flags) {
    if (flags & ~(VOLUME_NAME_GUID | VOLUME_NAME_NT | VOLUME_NAME_NONE | FILE_NAME_OPENED)) {
        set_error(ERROR_INVALID_PARAMETER);
        return {};
    }
    DWORD volume = flags & (VOLUME_NAME_GUID | VOLUME_NAME_NT | VOLUME_NAME_NONE);
    if (volume != VOLUME_NAME_DOS && volume != VOLUME_NAME_NT && volume != VOLUME_NAME_NONE) {
        set_error(volume == VOLUME_NAME_GUID ? ERROR_NOT_SUPPORTED : ERROR_INVALID_PARAMETER);
        return {};
    }
    std::u16string nt_name = nt_name_of(file);
    if (nt_name.empty()) return {};
    size_t device_length = 0;
    char16_t drive = vine::paths::drive_of_volume_device(nt_name, device_length);
    if (!drive) {
        set_error(ERROR_PATH_NOT_FOUND);  // a device that is no drive's volume
        return {};
    }
    // FILE_NAME_OPENED asks for the name as opened; ntdll's names are both
    // the kernel's record of the open file, which keeps no other spelling.
    std::u16string path = volume_path_of(file, !(flags & FILE_NAME_OPENED));
    if (path.empty()) return {};
    if (volume == VOLUME_NAME_NONE) return path;
    if (volume == VOLUME_NAME_NT) return nt_name.substr(0, device_length) + path;
    return std::u16string(u"\\\\?\\") + drive + u':' + path;
}

// Copies `path` if it fits with its terminator and returns its length;
// otherwise returns the size needed, terminator included, as Windows does.
template <typename CharT>
DWORD store(const std::basic_string<CharT>& path, CharT* buffer, DWORD size) {
    DWORD length = static_cast<DWORD>(path.size());
    if (!buffer || length + 1 > size) return length + 1;
    std::memcpy(buffer, path.c_str(), (length + 1) * sizeof(CharT));
    return length;
}

}  // namespace

namespace kernel32 {

std::u16string final_path_of(HANDLE file) {
    std::u16string path = final_path(file, VOLUME_NAME_DOS);
    return path.size() > 4 ? path.substr(4) : std::u16string();
}

}  // namespace kernel32

VINE_EXPORT DWORD GetFinalPathNameByHandleW(HANDLE file, LPWSTR buffer, DWORD size, DWORD flags) {
    std::u16string path = final_path(file, flags);
    if (path.empty()) return 0;
    return store(path, buffer, size);
}

VINE_EXPORT DWORD GetFinalPathNameByHandleA(HANDLE file, LPSTR buffer, DWORD size, DWORD flags) {
    std::u16string path = final_path(file, flags);
    if (path.empty()) return 0;
    return store(file_api_from_wide(path.c_str()), buffer, size);
}
