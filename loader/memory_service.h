// The process's service thread: performs the memory operations other
// processes ask of this one (VirtualAllocEx, VirtualQueryEx ...), which the
// server forwards over the service socket (server/requests_memory.cpp).
#pragma once

namespace vine::memory_service {

// Starts the thread reading `socket` (the death notice, SOCK_SEQPACKET);
// it calls `on_closed` when the server's end goes. False if no thread
// could be started.
bool start(int socket, void (*on_closed)());

}  // namespace vine::memory_service
