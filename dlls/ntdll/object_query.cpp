// NtQueryObject: what a handle names. ObjectNameInformation of a file or
// directory is its full NT name, the volume device of its drive and its
// path there ("\Device\HarddiskVolume3\users\a.txt" for C:\users\a.txt),
// from the kernel's record of the open file (links resolved). The other
// classes, and the names of objects that are not files, are not there yet.
#include <cstring>

#include "file_name.h"
#include "file_private.h"
#include "ntdll_private.h"
#include "vine/ntstatus.h"
#include "vine/paths.h"

using namespace vine::nt;

namespace {

NTSTATUS query_name(HANDLE handle, void* buffer, ULONG length, ULONG* returned) {
    ntdll::OpenFile file;
    if (NTSTATUS status = ntdll::open_file_of(handle, 0, file)) {
        // Events, keys and the rest keep their names in the server.
        return status == STATUS_OBJECT_TYPE_MISMATCH ? STATUS_NOT_IMPLEMENTED : status;
    }
    std::string target = ntdll::path_of_fd(file.fd);
    if (target.empty()) return STATUS_NOT_IMPLEMENTED;  // a pipe or terminal: not in the file system
    std::u16string dos = vine::paths::unix_to_dos(target);
    if (dos.size() < 2 || dos[1] != u':') return STATUS_OBJECT_PATH_NOT_FOUND;
    std::u16string name = vine::paths::volume_device_name(dos[0]) + dos.substr(2);
    ULONG bytes = static_cast<ULONG>(name.size() * sizeof(char16_t));
    ULONG needed = sizeof(OBJECT_NAME_INFORMATION) + bytes + sizeof(char16_t);
    if (returned) *returned = needed;
    if (length < sizeof(OBJECT_NAME_INFORMATION)) return STATUS_INFO_LENGTH_MISMATCH;
    if (!buffer) return ntdll::kStatusAccessViolation;
    if (length < needed) return STATUS_BUFFER_OVERFLOW;
    auto* info = static_cast<OBJECT_NAME_INFORMATION*>(buffer);
    auto* text = reinterpret_cast<WCHAR*>(info + 1);
    std::memcpy(text, name.c_str(), bytes + sizeof(char16_t));
    info->Name = UNICODE_STRING{static_cast<USHORT>(bytes), static_cast<USHORT>(bytes + sizeof(char16_t)), text};
    return STATUS_SUCCESS;
}

}  // namespace

VINE_EXPORT NTSTATUS NtQueryObject(HANDLE handle, ULONG info_class, void* buffer, ULONG length, ULONG* returned) {
    switch (info_class) {
    case ObjectNameInformation: return query_name(handle, buffer, length, returned);
    default: return STATUS_NOT_IMPLEMENTED;
    }
}
