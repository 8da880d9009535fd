// WSAEnumProtocols: the catalog of transport providers. Vine has no socket
// provider yet (socket() and the rest are stubs), so the catalog is empty
// and every enumeration lists no protocol, which is what Windows answers
// for protocols no provider offers. Go's net package asks at start-up
// (whether its sockets may skip completion packets on success).
#include "vine/kernel32_exports.h"
#include "vine/wintypes.h"
#include "ws2_32_private.h"

namespace {

int enumerate(const int* protocols, void* buffer, DWORD* length) {
    (void)protocols;
    (void)buffer;
    if (!ws2_32::started()) {
        SetLastError(ws2_32::WSANOTINITIALISED);
        return ws2_32::SOCKET_ERROR;
    }
    constexpr int WSAEFAULT = 10014;
    if (!length) {
        SetLastError(WSAEFAULT);
        return ws2_32::SOCKET_ERROR;
    }
    // No entries: nothing to copy, whatever the buffer's length.
    return 0;
}

}  // namespace

VINE_EXPORT int WSAEnumProtocolsW(const int* protocols, void* buffer, DWORD* length) {
    return enumerate(protocols, buffer, length);
}

VINE_EXPORT int WSAEnumProtocolsA(const int* protocols, void* buffer, DWORD* length) {
    return enumerate(protocols, buffer, length);
}
