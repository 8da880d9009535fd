// vineserver's main thread: an epoll loop over the listening socket, every
// client connection and the idle timer.
#pragma once

#include <cstddef>
#include <cstdint>

namespace vine::server {

// Serves until told to exit or, with `persist_seconds` >= 0, that many
// seconds after the last process has gone (-1: forever).
int run_main_loop(int listen_fd, int persist_seconds);

// The loop's pieces without the loop, so the request fuzzer can drive the
// server in-process (tests/fuzz/server_request_fuzz.cpp).
struct Client;
// Sets up the state run_main_loop needs (epoll, idle timer); false on failure.
bool init_main_loop(int persist_seconds);
// As if one recvmsg on `client` had brought `data` with `fds` attached:
// runs every complete request in it. Takes ownership of the descriptors.
void feed_client(Client& client, const uint8_t* data, size_t size, const int* fds, size_t fd_count);
// Drops every connection (their processes end) and forgets them; with
// nothing left, process and thread ids start again from the first.
void drop_all_clients();

}  // namespace vine::server
