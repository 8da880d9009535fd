#include "client_io.h"

#include "fd_passing.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace vine::protocol {
namespace {

// Reads exactly `size` bytes, collecting descriptors that come with them.
bool read_all(int socket, void* data, size_t size, std::vector<int>& fds) {
    auto* out = static_cast<char*>(data);
    while (size) {
        iovec iov{out, size};
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxFds)];
        msghdr message{};
        message.msg_iov = &iov;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof(control);
        ssize_t got = recvmsg(socket, &message, MSG_CMSG_CLOEXEC);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return false;
        collect_fds(message, fds);
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

bool receive_reply(int socket, RawReply& reply) {
    reply.fds.clear();
    if (!read_all(socket, &reply.header, sizeof(reply.header), reply.fds)) return false;
    if (reply.header.fixed_size > kMaxFixedSize || reply.header.var_size > kMaxVarSize ||
        reply.header.fd_count > kMaxFds)
        return false;
    reply.fixed.resize(reply.header.fixed_size);
    reply.var.resize(reply.header.var_size);
    if (!read_all(socket, reply.fixed.data(), reply.fixed.size(), reply.fds)) return false;
    if (!read_all(socket, reply.var.data(), reply.var.size(), reply.fds)) return false;
    return true;
}

}  // namespace vine::protocol
