// The input format of server_request_fuzz, shared with its seed writer.
//
// An input is a sequence of chunks, each standing for what one recvmsg on
// one connection brings:
//   byte 0      bits 0-2: how many descriptors come with it (0-7: more than
//               protocol::kMaxFds is allowed, the server must cope);
//               bits 3-7: which connection (modulo the live ones: the two
//               the fuzzer opens, then children made by new_process)
//   bytes 1-2   length L of the data, little-endian (cut to what is left)
//   L bytes     the data: request headers, structs, variable data
#pragma once

#include <cstdint>
#include <string>

namespace vine::fuzz {

inline void append_chunk(std::string& out, unsigned connection, unsigned fd_count, const std::string& data) {
    out += static_cast<char>((fd_count & 7) | (connection << 3));
    out += static_cast<char>(data.size() & 0xff);
    out += static_cast<char>((data.size() >> 8) & 0xff);
    out += data;
}

}  // namespace vine::fuzz
