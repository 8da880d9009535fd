// Converting between Win32 waits (milliseconds, BOOL + last error) and the
// NT calls behind them (LARGE_INTEGER timeouts, NTSTATUS).
#pragma once

#include "kernel32_private.h"

namespace kernel32 {

constexpr DWORD ERROR_GEN_FAILURE = 31;
constexpr DWORD INFINITE_WAIT = 0xffffffff;

// A relative NT timeout for `milliseconds`, or null for INFINITE.
inline const LARGE_INTEGER* nt_timeout(DWORD milliseconds, LARGE_INTEGER& storage) {
    if (milliseconds == INFINITE_WAIT) return nullptr;
    storage.QuadPart = -static_cast<LONGLONG>(milliseconds) * 10000;
    return &storage;
}

// The Win32 error for the statuses the synchronization calls return.
inline DWORD error_from_sync_status(NTSTATUS status) {
    switch (static_cast<uint32_t>(status)) {
    case 0x102: return ERROR_TIMEOUT;            // STATUS_TIMEOUT
    case 0xc000000d: return ERROR_INVALID_PARAMETER;
    default: return ERROR_GEN_FAILURE;           // STATUS_UNSUCCESSFUL
    }
}

}  // namespace kernel32
