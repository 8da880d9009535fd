// WSAStartup/WSACleanup: Windows Sockets counts its users per process; each
// WSAStartup must be matched by a WSACleanup. Vine's sockets need no state
// of their own yet, so this is the count and the version negotiation the
// WSAStartup documentation describes (Windows Sockets 2.2 at most).
#include <atomic>
#include <cstring>

#include "vine/kernel32_exports.h"
#include "vine/wintypes.h"
#include "ws2_32_private.h"

namespace {

using ws2_32::SOCKET_ERROR;
using ws2_32::WSANOTINITIALISED;
constexpr int WSAEFAULT = 10014, WSAVERNOTSUPPORTED = 10092;
constexpr WORD kHighestVersion = 0x0202;  // 2.2: minor in the high byte

// The x64 layout (the description fields follow the vendor pointer there).
struct WSADATA {
    WORD wVersion, wHighVersion;
    unsigned short iMaxSockets, iMaxUdpDg;
    char* lpVendorInfo;
    char szDescription[257];
    char szSystemStatus[129];
};
static_assert(sizeof(WSADATA) == 408);

std::atomic<int> startups{0};

}  // namespace

bool ws2_32::started() { return startups.load() > 0; }

VINE_EXPORT int WSAStartup(WORD requested, WSADATA* data) {
    if (!data) return WSAEFAULT;
    BYTE major = requested & 0xff, minor = requested >> 8;
    // Versions below 1.0 do not exist; one above 2.2 gets 2.2, which the
    // caller may accept or not.
    if (major < 1) return WSAVERNOTSUPPORTED;
    std::memset(data, 0, sizeof *data);
    data->wVersion = (major > 2 || (major == 2 && minor > 2)) ? kHighestVersion : requested;
    data->wHighVersion = kHighestVersion;
    std::strcpy(data->szDescription, "WinSock 2.0");
    std::strcpy(data->szSystemStatus, "Running");
    startups.fetch_add(1);
    return 0;
}

VINE_EXPORT int WSACleanup() {
    int count = startups.load();
    while (count > 0 && !startups.compare_exchange_weak(count, count - 1)) {
    }
    if (count <= 0) {
        SetLastError(WSANOTINITIALISED);
        return SOCKET_ERROR;
    }
    return 0;
}
