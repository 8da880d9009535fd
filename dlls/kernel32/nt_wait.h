// Converting between Win32 calls (milliseconds, BOOL + last error, WAIT_*
// values) and the NT calls behind them (LARGE_INTEGER timeouts, NTSTATUS).
#pragma once

#include "kernel32_private.h"

namespace kernel32 {

constexpr DWORD INFINITE_WAIT = 0xffffffff;
constexpr DWORD WAIT_FAILED = 0xffffffff;

// A relative NT timeout for `milliseconds`, or null for INFINITE.
inline const LARGE_INTEGER* nt_timeout(DWORD milliseconds, LARGE_INTEGER& storage) {
    if (milliseconds == INFINITE_WAIT) return nullptr;
    storage.QuadPart = -static_cast<LONGLONG>(milliseconds) * 10000;
    return &storage;
}

// The last error for a failed NT call (Windows' BaseSetLastNTError).
inline void set_nt_error(NTSTATUS status) { set_error(RtlNtStatusToDosError(status)); }

// A BOOL result: TRUE for success, FALSE with the last error set.
inline BOOL nt_bool(NTSTATUS status) {
    if (NT_SUCCESS(status)) return TRUE;
    set_nt_error(status);
    return FALSE;
}

// A wait's result: the WAIT_* value the status already is (WAIT_OBJECT_0+i,
// WAIT_ABANDONED_0+i, WAIT_IO_COMPLETION, WAIT_TIMEOUT share their values
// with the statuses), or WAIT_FAILED with the last error set.
inline DWORD wait_result(NTSTATUS status) {
    if (NT_SUCCESS(status)) return static_cast<DWORD>(status);
    set_nt_error(status);
    return WAIT_FAILED;
}

}  // namespace kernel32
