// LockFile(Ex) and UnlockFile(Ex): thin wrappers over NtLockFile and
// NtUnlockFile (dlls/ntdll/file_lock.cpp, where the locks are kept).
#include "kernel32_private.h"
#include "nt_wait.h"
#include "vine/nt_file.h"

using namespace kernel32;

namespace {

constexpr DWORD LOCKFILE_FAIL_IMMEDIATELY = 1, LOCKFILE_EXCLUSIVE_LOCK = 2;

LARGE_INTEGER large(DWORD low, DWORD high) {
    LARGE_INTEGER value;
    value.QuadPart = static_cast<LONGLONG>((static_cast<ULONGLONG>(high) << 32) | low);
    return value;
}

}  // namespace

VINE_EXPORT BOOL LockFile(HANDLE file, DWORD offset_low, DWORD offset_high, DWORD length_low, DWORD length_high) {
    LARGE_INTEGER offset = large(offset_low, offset_high), length = large(length_low, length_high);
    IO_STATUS_BLOCK io{};
    return nt_bool(NtLockFile(file, nullptr, nullptr, nullptr, &io, &offset, &length, 0, TRUE, TRUE));
}

VINE_EXPORT BOOL LockFileEx(HANDLE file, DWORD flags, DWORD reserved, DWORD length_low, DWORD length_high,
                            OVERLAPPED* overlapped) {
    if (reserved || !overlapped) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    OverlappedRequest request(overlapped);
    LARGE_INTEGER length = large(length_low, length_high);
    NTSTATUS status = NtLockFile(file, request.event, nullptr, request.apc_context, request.io, &request.offset,
                                 &length, 0, (flags & LOCKFILE_FAIL_IMMEDIATELY) != 0,
                                 (flags & LOCKFILE_EXCLUSIVE_LOCK) != 0);
    if (status == STATUS_PENDING) {
        set_error(ERROR_IO_PENDING);
        return FALSE;
    }
    return nt_bool(status);
}

VINE_EXPORT BOOL UnlockFile(HANDLE file, DWORD offset_low, DWORD offset_high, DWORD length_low, DWORD length_high) {
    LARGE_INTEGER offset = large(offset_low, offset_high), length = large(length_low, length_high);
    IO_STATUS_BLOCK io{};
    return nt_bool(NtUnlockFile(file, &io, &offset, &length, 0));
}

VINE_EXPORT BOOL UnlockFileEx(HANDLE file, DWORD reserved, DWORD length_low, DWORD length_high,
                              OVERLAPPED* overlapped) {
    if (reserved || !overlapped) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    LARGE_INTEGER offset = large(overlapped->u.s.Offset, overlapped->u.s.OffsetHigh);
    LARGE_INTEGER length = large(length_low, length_high);
    IO_STATUS_BLOCK io{};
    return nt_bool(NtUnlockFile(file, &io, &offset, &length, 0));
}
