// Framing and validation of requests, shared by vineserver and its fuzzer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "protocol.h"

namespace vine::protocol {

struct RequestView {
    Opcode opcode;
    const uint8_t* fixed;
    uint32_t fixed_size;
    const uint8_t* var;
    uint32_t var_size;
    uint32_t fd_count;
    uint32_t thread_id;
    size_t total_size;  // header + fixed + var: the bytes this request used
};

enum class FrameStatus { need_more, ready, invalid };
struct FrameResult {
    FrameStatus status;
    RequestView request;  // valid when ready
    const char* error;    // why, when invalid
};

// Looks at the bytes received so far. `ready` when a whole request with a
// known opcode and the right sizes is there; `invalid` when the bytes can
// never become a valid request (the connection cannot be resynchronized).
FrameResult decode_frame(const uint8_t* data, size_t size);

const char* opcode_name(Opcode opcode);
uint32_t request_fixed_size(Opcode opcode);

// StartupInfo plus its strings (UTF-16), in one var-data blob.
struct StartupStrings {
    StartupInfo info{};
    std::u16string image, command_line, current_directory, environment, title, desktop;
};
std::string encode_startup(const StartupStrings& startup);
// nullopt when the sizes don't add up or a size is odd.
std::optional<StartupStrings> decode_startup(const uint8_t* data, size_t size);

}  // namespace vine::protocol
