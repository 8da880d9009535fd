// Shared between ws2_32's source files only.
#pragma once

namespace ws2_32 {

constexpr int WSANOTINITIALISED = 10093;
constexpr int SOCKET_ERROR = -1;

// Whether WSAStartup has been called more often than WSACleanup (startup.cpp).
bool started();

}  // namespace ws2_32
