// GetFileTime/SetFileTime: FileBasicInformation through ntdll. Unix keeps
// no creation time: the status change time stands in for it when read, and
// setting it is accepted and ignored. A null pointer or a zero FILETIME
// leaves that time as it is; setting needs FILE_WRITE_ATTRIBUTES.
#include "kernel32_private.h"
#include "nt_wait.h"
#include "vine/nt_file.h"

using namespace kernel32;
namespace nt = vine::nt;

namespace {

FILETIME filetime_of(const LARGE_INTEGER& time) { return FILETIME{time.u.LowPart, static_cast<DWORD>(time.u.HighPart)}; }

LARGE_INTEGER nt_time_of(const FILETIME* time) {
    LARGE_INTEGER value{};
    if (time) value.QuadPart = static_cast<LONGLONG>((static_cast<uint64_t>(time->dwHighDateTime) << 32) | time->dwLowDateTime);
    return value;
}

}  // namespace

VINE_EXPORT BOOL GetFileTime(HANDLE file, FILETIME* creation, FILETIME* access, FILETIME* write) {
    nt::FILE_BASIC_INFORMATION info{};
    IO_STATUS_BLOCK io{};
    if (!nt_bool(NtQueryInformationFile(file, &io, &info, sizeof info, nt::FileBasicInformation))) return FALSE;
    if (creation) *creation = filetime_of(info.CreationTime);
    if (access) *access = filetime_of(info.LastAccessTime);
    if (write) *write = filetime_of(info.LastWriteTime);
    return TRUE;
}

VINE_EXPORT BOOL SetFileTime(HANDLE file, const FILETIME* creation, const FILETIME* access, const FILETIME* write) {
    nt::FILE_BASIC_INFORMATION info{};
    info.CreationTime = nt_time_of(creation);
    info.LastAccessTime = nt_time_of(access);
    info.LastWriteTime = nt_time_of(write);
    IO_STATUS_BLOCK io{};
    return nt_bool(NtSetInformationFile(file, &io, &info, sizeof info, nt::FileBasicInformation));
}
