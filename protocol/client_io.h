// The client end of one request: send it, read its reply. Used by vine (for
// every server call) and by vineserver -k/-w. Blocking; the caller
// serializes requests on one socket.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "protocol.h"

namespace vine::protocol {

struct RawReply {
    ReplyHeader header{};
    std::string fixed;
    std::string var;
    std::vector<int> fds;
};

// False when the socket failed (the server is gone).
bool send_request(int socket, Opcode opcode, const void* fixed, uint32_t fixed_size, const void* var,
                  uint32_t var_size, const int* fds, uint32_t fd_count, uint32_t thread_id);
// The reply to the one request outstanding on the socket (the server
// sends nothing else, so whatever has arrived belongs to it).
bool receive_reply(int socket, RawReply& reply);
// The same if it has begun to arrive: 1 read, 0 not yet, -1 failed.
int try_receive_reply(int socket, RawReply& reply);

}  // namespace vine::protocol
