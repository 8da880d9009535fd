/* WSAStartup/WSACleanup: version negotiation and the per-process count. */
#include <winsock2.h>
#include <windows.h>
#include <string.h>

#include "vinetest.h"

int main(void)
{
    WSADATA data;
    memset(&data, 0xcc, sizeof(data));
    {
        /* Before WSAStartup even the protocol catalog is refused. */
        static WSAPROTOCOL_INFOW infos[16];
        INT tcp[2] = {IPPROTO_TCP, 0};
        DWORD length = sizeof(infos);
        ok_int(WSAEnumProtocolsW(tcp, infos, &length), SOCKET_ERROR);
        ok_int(WSAGetLastError(), WSANOTINITIALISED);
    }
    ok_int(WSAStartup(MAKEWORD(2, 2), &data), 0);
    ok_int(data.wVersion, 0x0202);
    ok_int(data.wHighVersion, 0x0202);
    ok(strcmp(data.szDescription, "WinSock 2.0") == 0, "description is \"%s\"", data.szDescription);
    ok(strcmp(data.szSystemStatus, "Running") == 0, "status is \"%s\"", data.szSystemStatus);

    /* A newer version than 2.2 is answered with 2.2. */
    ok_int(WSAStartup(MAKEWORD(3, 0), &data), 0);
    ok_int(data.wVersion, 0x0202);
    /* An older one that exists is granted as asked. */
    ok_int(WSAStartup(MAKEWORD(1, 1), &data), 0);
    ok_int(data.wVersion, 0x0101);
    ok_int(WSAStartup(MAKEWORD(1, 0), &data), 0);
    ok_int(data.wVersion, 0x0001);
    ok_int(WSAStartup(MAKEWORD(0, 9), &data), WSAVERNOTSUPPORTED);

    /* Four successful starts, four cleanups, then the library is closed. */
    ok_int(WSACleanup(), 0);
    ok_int(WSACleanup(), 0);
    ok_int(WSACleanup(), 0);
    ok_int(WSACleanup(), 0);
    ok_int(WSACleanup(), SOCKET_ERROR);
    ok_int(WSAGetLastError(), WSANOTINITIALISED);

    WSASetLastError(12345);
    ok_int(GetLastError(), 12345);
    SetLastError(54321);
    ok_int(WSAGetLastError(), 54321);
    return vt_summary();
}
