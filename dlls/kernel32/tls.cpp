// Thread-local storage slots: 64 in the TEB, 1024 more in an expansion
// array allocated on first use.
#include <bitset>
#include <cstdlib>
#include <mutex>

#include "kernel32_private.h"

using namespace kernel32;

namespace {

constexpr DWORD TLS_OUT_OF_INDEXES = 0xffffffff;
constexpr size_t kSlots = kTlsMinimumAvailable + kTlsExpansionSlots;

std::mutex lock;
std::bitset<kSlots> used;

}  // namespace

VINE_EXPORT DWORD TlsAlloc() {
    std::lock_guard guard(lock);
    for (size_t i = 0; i < kSlots; ++i) {
        if (used[i]) continue;
        used[i] = true;
        // A new slot reads as NULL in every thread.
        TEB* teb = current_teb();
        if (i < kTlsMinimumAvailable) teb->TlsSlots[i] = nullptr;
        else if (teb->TlsExpansionSlots) teb->TlsExpansionSlots[i - kTlsMinimumAvailable] = nullptr;
        return static_cast<DWORD>(i);
    }
    set_error(ERROR_NOT_ENOUGH_MEMORY);
    return TLS_OUT_OF_INDEXES;
}

VINE_EXPORT BOOL TlsFree(DWORD index) {
    std::lock_guard guard(lock);
    if (index >= kSlots || !used[index]) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    used[index] = false;
    return TRUE;
}

VINE_EXPORT LPVOID TlsGetValue(DWORD index) {
    TEB* teb = current_teb();
    if (index >= kSlots) {
        set_error(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    teb->LastErrorValue = ERROR_SUCCESS;  // documented: success clears the last error
    if (index < kTlsMinimumAvailable) return teb->TlsSlots[index];
    return teb->TlsExpansionSlots ? teb->TlsExpansionSlots[index - kTlsMinimumAvailable] : nullptr;
}

VINE_EXPORT BOOL TlsSetValue(DWORD index, LPVOID value) {
    TEB* teb = current_teb();
    if (index >= kSlots) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (index < kTlsMinimumAvailable) {
        teb->TlsSlots[index] = value;
        return TRUE;
    }
    if (!teb->TlsExpansionSlots) {
        teb->TlsExpansionSlots = static_cast<PVOID*>(calloc(kTlsExpansionSlots, sizeof(PVOID)));
        if (!teb->TlsExpansionSlots) {
            set_error(ERROR_NOT_ENOUGH_MEMORY);
            return FALSE;
        }
    }
    teb->TlsExpansionSlots[index - kTlsMinimumAvailable] = value;
    return TRUE;
}
