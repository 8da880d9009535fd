// Where the server of a prefix listens: /tmp/.vine-UID/server-DEV-INO/socket,
// DEV and INO being those of the prefix directory (as Wine does), so every
// process of one prefix finds the same server. Shared by vine and vineserver.
// Tests may set VINE_SERVER_BASE to use another directory than /tmp/.vine-UID.
#pragma once

#include <string>

#include "vine/expected.h"

namespace vine::protocol {

struct ServerLocation {
    std::string prefix;     // the prefix directory (VINEPREFIX or ~/.vine)
    std::string directory;  // /tmp/.vine-UID/server-DEV-INO
    std::string socket;     // directory + "/socket"
    std::string lock;       // directory + "/lock", held by the running server
};

// The prefix directory's absolute path: VINEPREFIX, else ~/.vine, without
// trailing slashes. Nothing is created or checked.
Expected<std::string> prefix_directory();

// Finds (and with `create`, makes) the prefix and the server directory,
// refusing a prefix or directory owned by another user or open to others.
Expected<ServerLocation> locate_server(bool create);

}  // namespace vine::protocol
