// Thread-local storage slots: 64 in the TEB, 1024 more in an expansion
// array allocated on first use.
#include <bitset>
#include <cstdlib>
#include <mutex>

#include "vine/locks.h"
#include "kernel32_private.h"
#include "vine/hot_path.h"
#include "vine/thread_control.h"

using namespace kernel32;

namespace {

constexpr DWORD TLS_OUT_OF_INDEXES = 0xffffffff;
constexpr size_t kSlots = kTlsMinimumAvailable + kTlsExpansionSlots;

vine::Mutex lock;
std::bitset<kSlots> used;

// A slot reads as NULL in every thread once it is allocated again, as
// Windows clears it everywhere when it is freed.
void clear_everywhere(size_t index) {
    vine::threads::for_each_teb(
        [](TEB* teb, void* data) {
            auto i = reinterpret_cast<size_t>(data);
            if (i < kTlsMinimumAvailable) teb->TlsSlots[i] = nullptr;
            else if (teb->TlsExpansionSlots) teb->TlsExpansionSlots[i - kTlsMinimumAvailable] = nullptr;
        },
        reinterpret_cast<void*>(index));
}

// The first expansion slot a thread sets: out of TlsSetValue's fast path.
VINE_SLOW_PATH PVOID* allocate_expansion_slots(TEB* teb) {
    teb->TlsExpansionSlots = static_cast<PVOID*>(calloc(kTlsExpansionSlots, sizeof(PVOID)));
    return teb->TlsExpansionSlots;
}

}  // namespace

VINE_EXPORT DWORD TlsAlloc() {
    vine::threads::NoInterrupt region;
    std::lock_guard guard(lock);
    for (size_t i = 0; i < kSlots; ++i) {
        if (used[i]) continue;
        used[i] = true;
        clear_everywhere(i);
        return static_cast<DWORD>(i);
    }
    set_error(ERROR_NOT_ENOUGH_MEMORY);
    return TLS_OUT_OF_INDEXES;
}

VINE_EXPORT BOOL TlsFree(DWORD index) {
    vine::threads::NoInterrupt region;
    std::lock_guard guard(lock);
    if (index >= kSlots || !used[index]) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    used[index] = false;
    clear_everywhere(index);
    return TRUE;
}

VINE_EXPORT LPVOID TlsGetValue(DWORD index) {
    // The TEB's own 64 slots: two gs:-relative accesses, no TEB pointer.
    if (index < kTlsMinimumAvailable) [[likely]] {
        vine::hot::set_last_error(ERROR_SUCCESS);  // documented: success clears the last error
        return vine::hot::tls_slot(index);
    }
    TEB* teb = current_teb();
    if (index >= kSlots) {
        set_error(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    teb->LastErrorValue = ERROR_SUCCESS;
    return teb->TlsExpansionSlots ? teb->TlsExpansionSlots[index - kTlsMinimumAvailable] : nullptr;
}

namespace {

// TlsSetValue beyond the TEB's 64 slots, out of line: with the allocation in
// the export itself, GCC gave its fast path a frame and two pushes.
VINE_SLOW_PATH BOOL set_expansion_value(DWORD index, LPVOID value) {
    TEB* teb = current_teb();
    if (index >= kSlots) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    PVOID* expansion = teb->TlsExpansionSlots;
    if (!expansion && !(expansion = allocate_expansion_slots(teb))) {
        set_error(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    expansion[index - kTlsMinimumAvailable] = value;
    return TRUE;
}

}  // namespace

VINE_EXPORT BOOL TlsSetValue(DWORD index, LPVOID value) {
    if (index < kTlsMinimumAvailable) [[likely]] {
        vine::hot::set_tls_slot(index, value);
        return TRUE;
    }
    return set_expansion_value(index, value);
}
