// Event tracing for Windows (ETW) providers: programs register a provider
// and write events through it. Vine has no trace sessions, so no consumer
// ever listens: registration succeeds with a handle, every write succeeds
// and is dropped, and "is anyone listening?" answers no, which is what
// Windows does for a provider that no session has enabled.
#include <atomic>

#include "vine/wintypes.h"

using REGHANDLE = ULONGLONG;

namespace {

constexpr ULONG ERROR_SUCCESS = 0, ERROR_INVALID_PARAMETER = 87, ERROR_INVALID_HANDLE = 6;
std::atomic<ULONGLONG> g_next_handle{1};

}  // namespace

VINE_EXPORT ULONG EventRegister(const void* provider, void* /*callback*/, void* /*context*/, REGHANDLE* handle) {
    if (!provider || !handle) return ERROR_INVALID_PARAMETER;
    *handle = g_next_handle.fetch_add(1);
    return ERROR_SUCCESS;
}

VINE_EXPORT ULONG EventUnregister(REGHANDLE handle) { return handle ? ERROR_SUCCESS : ERROR_INVALID_HANDLE; }

VINE_EXPORT ULONG EventSetInformation(REGHANDLE handle, int /*info_class*/, void* /*info*/, ULONG /*size*/) {
    return handle ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
}

VINE_EXPORT BOOLEAN EventEnabled(REGHANDLE /*handle*/, const void* /*descriptor*/) { return FALSE; }

VINE_EXPORT BOOLEAN EventProviderEnabled(REGHANDLE /*handle*/, UCHAR /*level*/, ULONGLONG /*keyword*/) { return FALSE; }

VINE_EXPORT ULONG EventWrite(REGHANDLE /*handle*/, const void* descriptor, ULONG /*count*/, void* /*data*/) {
    return descriptor ? ERROR_SUCCESS : ERROR_INVALID_PARAMETER;
}

VINE_EXPORT ULONG EventWriteTransfer(REGHANDLE /*handle*/, const void* descriptor, const void* /*activity*/,
                                     const void* /*related*/, ULONG /*count*/, void* /*data*/) {
    return descriptor ? ERROR_SUCCESS : ERROR_INVALID_PARAMETER;
}

VINE_EXPORT ULONG EventWriteEx(REGHANDLE /*handle*/, const void* descriptor, ULONG64 /*filter*/, ULONG /*flags*/,
                               const void* /*activity*/, const void* /*related*/, ULONG /*count*/, void* /*data*/) {
    return descriptor ? ERROR_SUCCESS : ERROR_INVALID_PARAMETER;
}

VINE_EXPORT ULONG EventWriteString(REGHANDLE /*handle*/, UCHAR /*level*/, ULONGLONG /*keyword*/, LPCWSTR text) {
    return text ? ERROR_SUCCESS : ERROR_INVALID_PARAMETER;
}
