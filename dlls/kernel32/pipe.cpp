// Pipes: anonymous pipes (CreatePipe: a Unix pipe), named pipes in the
// simple byte-mode, one-instance, blocking case (a socket pair the server
// makes; server/requests_pipe.cpp), and PeekNamedPipe for both. ReadFile
// and WriteFile need nothing special: the end of the data is ERROR_BROKEN_PIPE
// (file.cpp), a write without a reader fails with EPIPE = ERROR_NO_DATA
// (vine ignores SIGPIPE).
#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "kernel32_private.h"
#include "vine/server_client.h"
#include "vine/unicode.h"

using namespace kernel32;

namespace {

constexpr DWORD SYNCHRONIZE = 0x00100000;
constexpr DWORD PIPE_ACCESS_INBOUND = 1, PIPE_ACCESS_OUTBOUND = 2;

uint64_t value_of(HANDLE handle) { return reinterpret_cast<uintptr_t>(handle); }

bool inheritable(const SECURITY_ATTRIBUTES* attributes) { return attributes && attributes->bInheritHandle; }

// "\\.\pipe\NAME" -> NAME; nullopt for other names.
std::optional<std::u16string> pipe_name_of(std::u16string_view path) {
    constexpr std::u16string_view prefix = u"\\\\.\\pipe\\";
    if (path.size() <= prefix.size() || !vine::equal_ignore_case(path.substr(0, prefix.size()), prefix))
        return std::nullopt;
    return std::u16string(path.substr(prefix.size()));
}

}  // namespace

namespace kernel32 {

std::optional<HANDLE> open_named_pipe(LPCWSTR path, DWORD access, SECURITY_ATTRIBUTES* security) {
    auto name = pipe_name_of(std::u16string_view(path, vine::utf16_length(path)));
    if (!name) return std::nullopt;
    vine::protocol::open_named_pipe_request request{access, inheritable(security) ? 1u : 0u};
    vine::protocol::open_named_pipe_reply reply{};
    if (DWORD error = vine::client::call(request, reply, name->data(), static_cast<uint32_t>(name->size() * 2))) {
        set_error(error == ERROR_INVALID_NAME ? ERROR_FILE_NOT_FOUND : error);
        return INVALID_HANDLE_VALUE;
    }
    set_error(ERROR_SUCCESS);
    return reinterpret_cast<HANDLE>(reply.handle);
}

}  // namespace kernel32

VINE_EXPORT BOOL CreatePipe(HANDLE* read_end, HANDLE* write_end, SECURITY_ATTRIBUTES* security, DWORD size) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return fail_errno();
    // The size is a hint on Windows; Linux's default (64 KiB) is bigger
    // than what programs ask for.
    bool inherit = inheritable(security);
    uint32_t error = 0;
    HANDLE reader = vine::client::add_file(fds[0], GENERIC_READ | SYNCHRONIZE, 3, inherit,
                                           vine::protocol::file_is_pipe, error);
    if (!reader) {
        close(fds[0]);
        close(fds[1]);
        set_error(error);
        return FALSE;
    }
    HANDLE writer = vine::client::add_file(fds[1], GENERIC_WRITE | SYNCHRONIZE, 3, inherit,
                                           vine::protocol::file_is_pipe, error);
    if (!writer) {
        close(fds[1]);
        vine::client::close_handle(reader);
        set_error(error);
        return FALSE;
    }
    *read_end = reader;
    *write_end = writer;
    return TRUE;
}

VINE_EXPORT BOOL PeekNamedPipe(HANDLE pipe, LPVOID buffer, DWORD size, DWORD* read_count, DWORD* available,
                               DWORD* message_left) {
    int fd = vine::client::handle_fd(pipe);
    struct stat st {};
    if (fd < 0 || fstat(fd, &st) != 0) {
        set_error(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    bool socket = S_ISSOCK(st.st_mode);
    if (!socket && !S_ISFIFO(st.st_mode)) {
        set_error(ERROR_INVALID_PARAMETER);  // not a pipe
        return FALSE;
    }
    int count = 0;
    if (ioctl(fd, FIONREAD, &count) != 0) return fail_errno();
    if (count == 0) {
        // Nothing buffered and no writer left: the pipe has ended.
        pollfd poller{fd, POLLIN | POLLRDHUP, 0};
        if (poll(&poller, 1, 0) == 1 && (poller.revents & (POLLHUP | POLLRDHUP | POLLERR))) {
            set_error(ERROR_BROKEN_PIPE);
            return FALSE;
        }
    }
    DWORD copied = 0;
    if (buffer && size && count > 0) {
        size_t want = std::min<size_t>(size, count);
        if (socket) {
            ssize_t n = recv(fd, buffer, want, MSG_PEEK | MSG_DONTWAIT);
            copied = n > 0 ? static_cast<DWORD>(n) : 0;
        } else {
            // A Unix pipe cannot be peeked at; tee(2) copies its contents
            // into a scratch pipe without consuming them.
            int scratch[2];
            if (pipe2(scratch, O_CLOEXEC | O_NONBLOCK) == 0) {
                ssize_t n = tee(fd, scratch[1], std::min<size_t>(want, 65536), SPLICE_F_NONBLOCK);
                if (n > 0) {
                    ssize_t got = read(scratch[0], buffer, static_cast<size_t>(n));
                    copied = got > 0 ? static_cast<DWORD>(got) : 0;
                }
                close(scratch[0]);
                close(scratch[1]);
            }
        }
    }
    if (read_count) *read_count = copied;
    if (available) *available = static_cast<DWORD>(count);
    if (message_left) *message_left = 0;  // byte mode
    return TRUE;
}

VINE_EXPORT HANDLE CreateNamedPipeW(LPCWSTR name, DWORD open_mode, DWORD pipe_mode, DWORD max_instances,
                                    DWORD out_size, DWORD in_size, DWORD timeout, SECURITY_ATTRIBUTES* security) {
    auto pipe_name = name ? pipe_name_of(std::u16string_view(name, vine::utf16_length(name))) : std::nullopt;
    if (!pipe_name) {
        set_error(ERROR_INVALID_NAME);
        return INVALID_HANDLE_VALUE;
    }
    DWORD access = SYNCHRONIZE;
    if (open_mode & PIPE_ACCESS_INBOUND) access |= GENERIC_READ;
    if (open_mode & PIPE_ACCESS_OUTBOUND) access |= GENERIC_WRITE;
    vine::protocol::create_named_pipe_request request{};
    request.access = access;
    request.inherit = inheritable(security);
    request.open_mode = open_mode;
    request.pipe_mode = pipe_mode;
    request.max_instances = max_instances;
    vine::protocol::create_named_pipe_reply reply{};
    if (DWORD error = vine::client::call(request, reply, pipe_name->data(),
                                         static_cast<uint32_t>(pipe_name->size() * 2))) {
        set_error(error);
        return INVALID_HANDLE_VALUE;
    }
    set_error(ERROR_SUCCESS);
    return reinterpret_cast<HANDLE>(reply.handle);
}

VINE_EXPORT HANDLE CreateNamedPipeA(LPCSTR name, DWORD open_mode, DWORD pipe_mode, DWORD max_instances,
                                    DWORD out_size, DWORD in_size, DWORD timeout, SECURITY_ATTRIBUTES* security) {
    if (!name) {
        set_error(ERROR_INVALID_NAME);
        return INVALID_HANDLE_VALUE;
    }
    std::u16string wide = wide_from_ansi(name);
    return CreateNamedPipeW(wide.c_str(), open_mode, pipe_mode, max_instances, out_size, in_size, timeout,
                            security);
}

// Blocks until a client opens the pipe (overlapped connects are not
// supported: the call blocks as without OVERLAPPED).
VINE_EXPORT BOOL ConnectNamedPipe(HANDLE pipe, OVERLAPPED* overlapped) {
    vine::protocol::connect_named_pipe_request request{value_of(pipe)};
    vine::protocol::connect_named_pipe_reply reply{};
    if (DWORD error = vine::client::call(request, reply)) {
        set_error(error == ERROR_INVALID_PARAMETER ? ERROR_INVALID_FUNCTION : error);
        return FALSE;
    }
    if (reply.connected) {
        set_error(ERROR_PIPE_CONNECTED);
        return FALSE;
    }
    vine::protocol::SyncSlot* slot = vine::client::sync_slot(reply.slot);
    if (!slot) {
        set_error(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    // The server sets the state to 1 and wakes the slot's waiters (a
    // shared futex) when the client connects.
    auto* state = reinterpret_cast<std::atomic<uint32_t>*>(&slot->state);
    while (state->load(std::memory_order_acquire) == 0)
        syscall(SYS_futex, &slot->state, FUTEX_WAIT, 0, nullptr, nullptr, 0);
    set_error(ERROR_SUCCESS);
    return TRUE;
}
