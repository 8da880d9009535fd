// vineserver's one thread: an epoll loop over the listening socket, every
// client connection and the idle timer.
#pragma once

namespace vine::server {

// Serves until told to exit or, with `persist_seconds` >= 0, that many
// seconds after the last process has gone (-1: forever).
int run_main_loop(int listen_fd, int persist_seconds);

}  // namespace vine::server
