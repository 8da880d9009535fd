// Apartments: CoInitializeEx puts the calling thread in a single-threaded
// apartment (STA) or the process's multithreaded one (MTA). Each thread
// counts its initializations; the apartment ends with the last
// CoUninitialize. A thread asking for the other model than the one it is in
// gets RPC_E_CHANGED_MODE and its count is not touched. Threads that never
// initialized belong implicitly to the MTA while any thread holds it.
#include <atomic>

#include "ole32_private.h"
#include "vine/kernel32_exports.h"
#include "vine/winerror.h"

namespace {

struct Apartment {
    int count = 0;  // CoInitialize(Ex) calls not yet undone
    bool multithreaded = false;
};
thread_local Apartment t_apartment;

// GCC 12 emits the __tls_get_addr call of a thread_local access without
// saving RDI/RSI, which an ms_abi function must preserve (see
// dlls/msvcrt/msvcrt_private.h); an out-of-line System V accessor makes GCC
// save them around the call.
__attribute__((noinline)) Apartment& this_thread() { return t_apartment; }

std::atomic<int> g_mta_threads{0};      // threads that initialized the MTA
std::atomic<DWORD> g_main_sta_thread{0};  // the first STA's thread, 0 if none

constexpr DWORD kKnownFlags = COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE | COINIT_SPEED_OVER_MEMORY;

}  // namespace

namespace ole32 {
bool com_usable() { return this_thread().count > 0 || g_mta_threads.load() > 0; }
}  // namespace ole32

// `reserved` is ignored, as Windows ignores it (16-bit OLE passed an IMalloc).
VINE_EXPORT HRESULT CoInitializeEx(void* /*reserved*/, DWORD flags) {
    if (flags & ~kKnownFlags) return E_INVALIDARG;
    const bool multithreaded = !(flags & COINIT_APARTMENTTHREADED);
    Apartment& apartment = this_thread();
    if (apartment.count > 0) {
        if (apartment.multithreaded != multithreaded) return RPC_E_CHANGED_MODE;
        ++apartment.count;
        return S_FALSE;
    }
    apartment.count = 1;
    apartment.multithreaded = multithreaded;
    if (multithreaded) {
        ++g_mta_threads;
    } else {
        DWORD none = 0;
        g_main_sta_thread.compare_exchange_strong(none, GetCurrentThreadId());
    }
    return S_OK;
}

VINE_EXPORT HRESULT CoInitialize(void* reserved) { return CoInitializeEx(reserved, COINIT_APARTMENTTHREADED); }

VINE_EXPORT void CoUninitialize() {
    Apartment& apartment = this_thread();
    if (apartment.count == 0 || --apartment.count > 0) return;
    if (apartment.multithreaded) {
        --g_mta_threads;
    } else {
        DWORD self = GetCurrentThreadId();
        g_main_sta_thread.compare_exchange_strong(self, 0);
    }
}

VINE_EXPORT HRESULT CoGetApartmentType(APTTYPE* type, APTTYPEQUALIFIER* qualifier) {
    if (!type || !qualifier) return E_INVALIDARG;
    const Apartment& apartment = this_thread();
    *qualifier = APTTYPEQUALIFIER_NONE;
    if (apartment.count > 0) {
        if (apartment.multithreaded) *type = APTTYPE_MTA;
        else *type = g_main_sta_thread.load() == GetCurrentThreadId() ? APTTYPE_MAINSTA : APTTYPE_STA;
        return S_OK;
    }
    if (g_mta_threads.load() > 0) {
        *type = APTTYPE_MTA;
        *qualifier = APTTYPEQUALIFIER_IMPLICIT_MTA;
        return S_OK;
    }
    *type = APTTYPE_CURRENT;
    return CO_E_NOTINITIALIZED;
}
