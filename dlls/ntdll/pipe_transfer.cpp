// Reads and writes on pipes: Unix pipes (CreatePipe), stream sockets (byte
// named pipes) and SOCK_SEQPACKET sockets (message named pipes). A message
// read into a short buffer keeps the rest for the next read (ERROR_MORE_DATA
// in message read mode), as Windows does; one recvmsg takes the message
// into the caller's buffer and the handle's scratch space at once.
// Blocking transfers wait in poll() together with the thread's cancel
// eventfd, so CancelSynchronousIo can end them.
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "vine/locks.h"
#include "async_io.h"
#include "file_name.h"
#include "ntdll_private.h"
#include "sync_io.h"
#include "vine/ntstatus.h"

namespace ntdll::async {
namespace {

// Linux caps a socket's buffer (and so a message) below this.
constexpr size_t kScratch = 512 * 1024;

Result broken() { return {STATUS_PIPE_BROKEN, 0}; }

std::optional<Result> read_error(int error) {
    if (error == EAGAIN || error == EWOULDBLOCK) return std::nullopt;
    if (error == ECONNRESET || error == EPIPE) return broken();
    return Result{status_from_errno(error), 0};
}

std::optional<Result> write_error(int error, ULONG done) {
    if (error == EAGAIN || error == EWOULDBLOCK) return std::nullopt;
    // No reader left: the pipe is closing (ERROR_NO_DATA), as Windows says.
    if (error == EPIPE || error == ECONNRESET || error == ENOTCONN) return Result{STATUS_PIPE_CLOSING, done};
    if (error == EMSGSIZE) return Result{STATUS_INVALID_PARAMETER, done};
    return Result{status_from_errno(error), done};
}

// A message-pipe read: the rest of a message first, then the next message.
// In message read mode one message (ERROR_MORE_DATA when it does not fit);
// in byte read mode the messages run together, as many as are there and fit.
std::optional<Result> read_message(int fd, HandleState& state, char* buffer, ULONG length) {
    std::lock_guard guard(state.lock);
    auto outcome = [&](size_t moved) {
        bool more = !state.leftover.empty();
        return Result{more && state.message_read ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS, moved};
    };
    size_t moved = 0;
    if (!state.leftover.empty()) {
        moved = std::min<size_t>(length, state.leftover.size());
        memcpy(buffer, state.leftover.data(), moved);
        state.leftover.erase(0, moved);
        if (state.message_read || !state.leftover.empty()) return outcome(moved);
    }
    static vine::Mutex scratch_lock;  // one scratch buffer per process is enough: these reads never block
    static std::vector<char> scratch(kScratch);
    std::lock_guard scratch_guard(scratch_lock);
    do {
        if (moved && moved == length) break;
        size_t room = length - moved;
        iovec parts[2] = {{buffer + moved, room}, {scratch.data(), scratch.size()}};
        msghdr message{};
        message.msg_iov = parts;
        message.msg_iovlen = 2;
        ssize_t n = recvmsg(fd, &message, MSG_DONTWAIT);
        if (n < 0) {
            if (moved) break;  // what was there
            return read_error(errno);
        }
        if (n == 0) {
            if (moved) break;
            // An empty message, or the end: the end has the peer gone.
            pollfd poller{fd, POLLIN | POLLRDHUP, 0};
            if (poll(&poller, 1, 0) == 1 && (poller.revents & (POLLHUP | POLLRDHUP))) return broken();
            return Result{STATUS_SUCCESS, 0};
        }
        if (static_cast<size_t>(n) > room) {
            state.leftover.assign(scratch.data(), static_cast<size_t>(n) - room);
            moved = length;
            break;
        }
        moved += static_cast<size_t>(n);
    } while (!state.message_read);
    return outcome(moved);
}

}  // namespace

bool readable_now(int fd) {
    pollfd poller{fd, POLLIN, 0};
    return poll(&poller, 1, 0) == 1;
}

std::optional<Result> try_read(int fd, HandleState& state, void* buffer, ULONG length) {
    char* bytes = static_cast<char*>(buffer);
    ssize_t n;
    switch (state.kind) {
    case Kind::message: return read_message(fd, state, bytes, length);
    case Kind::stream:
        if (length == 0) {
            // A read of nothing waits until there is something to read
            // (libuv's way to learn that a pipe is readable), and reports
            // the end as any read does.
            if (!readable_now(fd)) return std::nullopt;
            char probe;
            ssize_t queued = recv(fd, &probe, 1, MSG_DONTWAIT | MSG_PEEK);
            if (queued == 0) return broken();
            if (queued < 0) return read_error(errno);
            return Result{STATUS_SUCCESS, 0};
        }
        n = recv(fd, bytes, length, MSG_DONTWAIT);
        break;
    default: {
        // A Unix pipe shared with other processes cannot be made
        // non-blocking for us alone: read once poll says it will not block.
        pollfd poller{fd, POLLIN, 0};
        if (poll(&poller, 1, 0) != 1) return std::nullopt;
        do n = read(fd, bytes, length);
        while (n < 0 && errno == EINTR);
        break;
    }
    }
    if (n < 0) return read_error(errno);
    if (n == 0 && length) return broken();  // every write end closed
    return Result{STATUS_SUCCESS, static_cast<ULONG_PTR>(n)};
}

std::optional<Result> try_write(int fd, HandleState& state, const void* buffer, ULONG length, ULONG& done) {
    const char* bytes = static_cast<const char*>(buffer);
    if (state.kind == Kind::message) {
        ssize_t n = send(fd, bytes, length, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0) return write_error(errno, 0);
        done = length;
        return Result{STATUS_SUCCESS, length};
    }
    while (done < length) {
        ssize_t n;
        if (state.kind == Kind::stream) {
            n = send(fd, bytes + done, length - done, MSG_DONTWAIT | MSG_NOSIGNAL);
        } else {
            pollfd poller{fd, POLLOUT, 0};
            if (poll(&poller, 1, 0) != 1) return std::nullopt;
            // At most what is sure to fit without blocking (PIPE_BUF).
            n = write(fd, bytes + done, std::min<ULONG>(length - done, (poller.revents & POLLERR) ? 1 : 4096));
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return write_error(errno, done);
        done += static_cast<ULONG>(n);
    }
    return Result{STATUS_SUCCESS, done};
}

Result blocking_read(int fd, HandleState& state, void* buffer, ULONG length) {
    if (state.nowait) {
        if (auto result = try_read(fd, state, buffer, length)) return *result;
        return {STATUS_PIPE_EMPTY, 0};  // PIPE_NOWAIT: ERROR_NO_DATA
    }
    // Readiness first: a blocking read usually waits, and the rest of a
    // message is there at once.
    for (;;) {
        if (state.kind != Kind::message || state.leftover.empty())
            if (NTSTATUS status = sync_io::wait_ready(fd, POLLIN)) return {status, 0};
        if (state.kind == Kind::fifo) {
            // Readable now: one read (another process's reader may still
            // take the bytes first, and then this one waits in read()).
            ssize_t n;
            do n = read(fd, buffer, length);
            while (n < 0 && errno == EINTR);
            if (n < 0) return *read_error(errno == EAGAIN ? EIO : errno);
            if (n == 0 && length) return broken();
            return {STATUS_SUCCESS, static_cast<ULONG_PTR>(n)};
        }
        if (auto result = try_read(fd, state, buffer, length)) return *result;
    }
}

Result blocking_write(int fd, HandleState& state, const void* buffer, ULONG length) {
    ULONG done = 0;
    for (;;) {
        if (auto result = try_write(fd, state, buffer, length, done)) return *result;
        if (state.nowait) return {STATUS_SUCCESS, done};  // PIPE_NOWAIT: what fitted
        if (NTSTATUS status = sync_io::wait_ready(fd, POLLOUT)) return {status, done};
    }
}

NTSTATUS wait_readable(int fd) { return sync_io::wait_ready(fd, POLLIN); }

}  // namespace ntdll::async
