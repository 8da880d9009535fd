// Windows Error Reporting flags. Vine sends no reports; the flags are kept
// so a program reads back what it set (the Go runtime sets
// WER_FAULT_REPORTING_NO_UI at start-up).
#include <atomic>

#include "kernel32_private.h"

namespace {

// WER_FAULT_REPORTING_* flags documented for WerSetFlags.
constexpr DWORD kKnownFlags = 0x1 | 0x2 | 0x4 | 0x8 | 0x10 | 0x20 | 0x40 | 0x80 | 0x100;

std::atomic<DWORD> g_flags{0};

}  // namespace

VINE_EXPORT HRESULT WerSetFlags(DWORD flags) {
    if (flags & ~kKnownFlags) return E_INVALIDARG;
    g_flags.store(flags);
    return S_OK;
}

VINE_EXPORT HRESULT WerGetFlags(HANDLE process, DWORD* flags) {
    if (!flags) return E_INVALIDARG;
    // Another process's flags live in that process; only ours are known.
    if (process != reinterpret_cast<HANDLE>(-1) && GetProcessId(process) != GetCurrentProcessId())
        return E_INVALIDARG;
    *flags = g_flags.load();
    return S_OK;
}
