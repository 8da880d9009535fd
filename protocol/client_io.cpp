#include "client_io.h"

#include "fd_passing.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace vine::protocol {
namespace {

// One recvmsg into `data` (retried on EINTR), collecting the descriptors
// that come with it: the bytes read, 0 at end of stream, -1 on error.
ssize_t receive_some(int socket, void* data, size_t size, int flags, std::vector<int>& fds) {
    iovec iov{data, size};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxFds)];
    msghdr message{};
    message.msg_iov = &iov;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof(control);
    ssize_t got;
    while ((got = recvmsg(socket, &message, MSG_CMSG_CLOEXEC | flags)) < 0 && errno == EINTR) {
    }
    if (got > 0) collect_fds(message, fds);
    return got;
}

// Reads exactly `size` bytes, collecting descriptors that come with them.
bool read_all(int socket, void* data, size_t size, std::vector<int>& fds) {
    auto* out = static_cast<char*>(data);
    while (size) {
        ssize_t got = receive_some(socket, out, size, 0, fds);
        if (got <= 0) return false;
        out += got;
        size -= got;
    }
    return true;
}

}  // namespace

bool send_request(int socket, Opcode opcode, const void* fixed, uint32_t fixed_size, const void* var,
                  uint32_t var_size, const int* fds, uint32_t fd_count, uint32_t thread_id) {
    RequestHeader header{static_cast<uint32_t>(opcode), fixed_size, var_size, fd_count, thread_id, 0};
    iovec iov[3] = {{&header, sizeof(header)}, {const_cast<void*>(fixed), fixed_size}, {const_cast<void*>(var), var_size}};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxFds)];
    msghdr message{};
    message.msg_iov = iov;
    message.msg_iovlen = var_size ? 3 : 2;
    attach_fds(message, control, fds, fd_count);
    size_t total = sizeof(header) + fixed_size + var_size;
    size_t sent_total = 0;
    while (sent_total < total) {
        ssize_t sent = sendmsg(socket, &message, MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR) continue;
        if (sent <= 0) return false;
        sent_total += sent;
        // Descriptors went with the first bytes; continue with the rest.
        message.msg_control = nullptr;
        message.msg_controllen = 0;
        size_t skip = sent;
        while (message.msg_iovlen && skip >= message.msg_iov[0].iov_len) {
            skip -= message.msg_iov[0].iov_len;
            ++message.msg_iov;
            --message.msg_iovlen;
        }
        if (message.msg_iovlen) {
            message.msg_iov[0].iov_base = static_cast<char*>(message.msg_iov[0].iov_base) + skip;
            message.msg_iov[0].iov_len -= skip;
        }
    }
    return true;
}

namespace {

// Reads the reply, its first recvmsg with `first_flags`: 1 when it is
// read, 0 when nothing has come yet (MSG_DONTWAIT), -1 when the socket
// failed or the server sent more than one reply. As the server sends
// nothing but replies, one to each request, everything that has come is
// this reply's, and one recvmsg usually takes it whole instead of one per
// part.
int read_reply(int socket, RawReply& reply, int first_flags) {
    reply.fds.clear();
    char buffer[4096];
    ssize_t got = receive_some(socket, buffer, sizeof(buffer), first_flags, reply.fds);
    if (got < 0 && errno == EAGAIN && (first_flags & MSG_DONTWAIT)) return 0;
    if (got <= 0) return -1;
    size_t have = static_cast<size_t>(got);
    if (have < sizeof(reply.header)) {
        if (!read_all(socket, buffer + have, sizeof(reply.header) - have, reply.fds)) return -1;
        have = sizeof(reply.header);
    }
    memcpy(&reply.header, buffer, sizeof(reply.header));
    if (reply.header.fixed_size > kMaxFixedSize || reply.header.var_size > kMaxVarSize ||
        reply.header.fd_count > kMaxFds)
        return -1;
    const char* extra = buffer + sizeof(reply.header);
    size_t extra_size = have - sizeof(reply.header);
    if (extra_size > size_t{reply.header.fixed_size} + reply.header.var_size) return -1;
    // Each part: what came with the header, then the rest from the socket.
    auto fill = [&](std::string& part, size_t size) {
        size_t from_buffer = size < extra_size ? size : extra_size;
        part.assign(extra, from_buffer);
        extra += from_buffer;
        extra_size -= from_buffer;
        part.resize(size);
        return read_all(socket, part.data() + from_buffer, size - from_buffer, reply.fds);
    };
    return fill(reply.fixed, reply.header.fixed_size) && fill(reply.var, reply.header.var_size) ? 1 : -1;
}

}  // namespace

bool receive_reply(int socket, RawReply& reply) { return read_reply(socket, reply, 0) == 1; }

int try_receive_reply(int socket, RawReply& reply) { return read_reply(socket, reply, MSG_DONTWAIT); }

}  // namespace vine::protocol
