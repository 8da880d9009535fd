// libFuzzer target for vineserver's request path: framing (decode_frame),
// the per-client state machine (hello, init_process, ...) and every
// handler, driven in-process through feed_client() as if the bytes and
// descriptors had come from clients' sockets (see server_input.h for the
// input format). Replies really are sent, over socket pairs whose other
// ends the fuzzer drains. After each input every connection is dropped and
// the server must be back to empty: no process left, no sync slot held (a
// reference cycle between objects would show here as a leak).
#include <dirent.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "main_loop.h"
#include "server.h"
#include "sync_area.h"
#include "user_shared_data.h"

namespace vine::server {

// The real ones open pidfds and signal them; here nothing is signalled.
int open_client_pidfd(int) { return -1; }
bool signal_unix_process(const Process& process, int) { return process.unix_pid > 0; }

}  // namespace vine::server

namespace {

using namespace vine;

std::vector<int> g_peers;  // our ends of every connection's socket pair

// Reads and discards whatever the server sent (closing descriptors).
void drain(int fd) {
    for (;;) {
        char buffer[65536];
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 16)];
        iovec iov{buffer, sizeof(buffer)};
        msghdr message{};
        message.msg_iov = &iov;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof(control);
        ssize_t got = recvmsg(fd, &message, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
        if (got <= 0) return;
        for (cmsghdr* header = CMSG_FIRSTHDR(&message); header; header = CMSG_NXTHDR(&message, header)) {
            if (header->cmsg_level != SOL_SOCKET || header->cmsg_type != SCM_RIGHTS) continue;
            size_t count = (header->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            for (size_t i = 0; i < count; ++i) {
                int received;
                memcpy(&received, CMSG_DATA(header) + i * sizeof(int), sizeof(int));
                close(received);
            }
        }
    }
}

// A connected pair: the server's end is returned, ours kept in g_peers;
// -1 when out of descriptors (an input can ask for thousands).
int new_socket_pair() {
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, pair) != 0) return -1;
    g_peers.push_back(pair[1]);
    return pair[0];
}

// Descriptors of the kinds clients send: sockets (death notices, children's
// connections), a file, a pipe.
int make_descriptor(unsigned kind) {
    switch (kind % 3) {
    case 0: return new_socket_pair();
    case 1: return open("/dev/null", O_RDWR | O_CLOEXEC);
    default: {
        int pipe_fds[2];
        if (pipe2(pipe_fds, O_CLOEXEC) != 0) return -1;
        close(pipe_fds[1]);
        return pipe_fds[0];
    }
    }
}

int g_baseline_descriptors = 0;

int open_descriptors() {
    DIR* directory = opendir("/proc/self/fd");
    if (!directory) abort();
    int count = 0;
    while (readdir(directory)) ++count;
    closedir(directory);
    return count;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // VINEDEBUG=+server logs every request, to follow a reproducer.
    if (const char* debug = getenv("VINEDEBUG"); debug && strstr(debug, "+server")) server::g_debug = true;
    if (!server::sync_area().create() || !server::user_shared_data().create() || !server::init_main_loop(3)) {
        perror("server_request_fuzz: setup");
        abort();
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    g_baseline_descriptors = open_descriptors();
    for (int i = 0; i < 2; ++i) server::add_client(new_socket_pair());
    if (g_peers.size() != 2) abort();
    size_t offset = 0;
    while (offset + 3 <= size) {
        uint8_t selector = data[offset];
        size_t length = data[offset + 1] | size_t{data[offset + 2]} << 8;
        offset += 3;
        if (length > size - offset) length = size - offset;
        // By descriptor: the two first connections, then children in order.
        auto clients = server::all_clients();
        if (clients.empty()) break;
        std::sort(clients.begin(), clients.end(), [](auto* a, auto* b) { return a->fd < b->fd; });
        server::Client& client = *clients[(selector >> 3) % clients.size()];
        int fds[7];
        unsigned fd_count = 0;
        while (fd_count < (selector & 7u) && (fds[fd_count] = make_descriptor(fd_count + offset)) >= 0) ++fd_count;
        server::feed_client(client, data + offset, length, fds, fd_count);
        offset += length;
        for (int peer : g_peers) drain(peer);
    }
    server::drop_all_clients();
    for (int peer : g_peers) {
        drain(peer);
        close(peer);
    }
    g_peers.clear();
    if (size_t held = server::sync_area().in_use()) {
        fprintf(stderr, "server_request_fuzz: %zu sync slots still held after every client left\n", held);
        abort();
    }
    // Every descriptor a request brought must have been closed with it.
    if (int open = open_descriptors(); open != g_baseline_descriptors) {
        fprintf(stderr, "server_request_fuzz: %d descriptors open after every client left, %d before\n", open,
                g_baseline_descriptors);
        abort();
    }
    return 0;
}
