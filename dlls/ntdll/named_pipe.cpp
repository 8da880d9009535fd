// Named pipes on the NT layer: NtCreateNamedPipeFile, the client's open
// (NtCreateFile of \??\pipe\NAME or \Device\NamedPipe\NAME), the pipe
// controls of NtFsControlFile (listen, disconnect, wait, peek, transceive,
// impersonate, connection attributes) and the pipe information classes.
// The server makes the rendezvous (server/requests_pipe.cpp); data moves
// between the processes on the socket pair of the instance.
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

#include "async_io.h"
#include "file_name.h"
#include "named_pipe.h"
#include "ntdll_private.h"
#include "object.h"
#include "vine/ntstatus.h"
#include "vine/unicode.h"

using namespace vine::nt;
namespace protocol = vine::protocol;
namespace async = ntdll::async;

namespace {

constexpr ULONG kUnlimitedInstances = 255;

std::u16string_view name_of(const OBJECT_ATTRIBUTES* attributes) {
    if (!attributes || !attributes->ObjectName || !attributes->ObjectName->Buffer) return {};
    return {attributes->ObjectName->Buffer, attributes->ObjectName->Length / 2u};
}

uintptr_t value_of(HANDLE handle) { return reinterpret_cast<uintptr_t>(handle); }

NTSTATUS status_of(uint32_t error) {
    switch (error) {
    case protocol::status::file_not_found: return STATUS_OBJECT_NAME_NOT_FOUND;
    case protocol::status::pipe_busy: return STATUS_PIPE_NOT_AVAILABLE;
    case protocol::status::access_denied: return STATUS_ACCESS_DENIED;
    case protocol::status::invalid_name: return STATUS_OBJECT_NAME_INVALID;
    case protocol::status::invalid_function: return STATUS_ILLEGAL_FUNCTION;
    case protocol::status::invalid_handle: return STATUS_INVALID_HANDLE;
    case protocol::status::too_many_open_files: return STATUS_TOO_MANY_OPENED_FILES;
    case protocol::status::not_enough_memory: return STATUS_NO_MEMORY;
    default: return STATUS_INVALID_PARAMETER;
    }
}

ULONG nt_pipe_state(uint32_t state) {
    switch (state) {
    case protocol::pipe_listening: return FILE_PIPE_LISTENING_STATE;
    case protocol::pipe_connected: return FILE_PIPE_CONNECTED_STATE;
    case protocol::pipe_closing: return FILE_PIPE_CLOSING_STATE;
    default: return FILE_PIPE_DISCONNECTED_STATE;
    }
}

// A pipe handle: its file and state (modes loaded).
NTSTATUS pipe_of(HANDLE handle, ntdll::OpenFile& file, std::shared_ptr<async::HandleState>& state) {
    if (NTSTATUS status = ntdll::open_file_of(handle, 0, file)) return status;
    state = async::state_of(handle, file);
    if (state->kind == async::Kind::fifo) return STATUS_SUCCESS;  // an anonymous pipe
    if (state->kind != async::Kind::stream && state->kind != async::Kind::message) return STATUS_INVALID_PARAMETER;
    if (!state->pipe_loaded) async::load_pipe_modes(handle, *state);
    return state->named_pipe ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

NTSTATUS info_of(HANDLE handle, protocol::named_pipe_info_reply& info) {
    protocol::named_pipe_info_request request{value_of(handle)};
    if (uint32_t error = vine::client::call(request, info)) return status_of(error);
    return STATUS_SUCCESS;
}

NTSTATUS done(IO_STATUS_BLOCK* io, NTSTATUS status, ULONG_PTR information = 0) {
    io->Status = status;
    io->Information = information;
    return status;
}

// ---- FSCTL_PIPE_LISTEN: ConnectNamedPipe ----
NTSTATUS listen(HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context, IO_STATUS_BLOCK* io) {
    ntdll::OpenFile file;
    std::shared_ptr<async::HandleState> state;
    if (NTSTATUS status = pipe_of(handle, file, state)) return status == STATUS_INVALID_PARAMETER ? STATUS_ILLEGAL_FUNCTION : status;
    if (!state->server_end) return STATUS_ILLEGAL_FUNCTION;
    protocol::connect_named_pipe_request request{value_of(handle)};
    protocol::connect_named_pipe_reply reply{};
    std::vector<int> fds;
    if (uint32_t error = vine::client::call(request, reply, nullptr, 0, nullptr, 0, nullptr, &fds)) {
        for (int fd : fds) close(fd);
        return status_of(error);
    }
    int connected_fd = fds.empty() ? -1 : fds[0];
    for (size_t i = 1; i < fds.size(); ++i) close(fds[i]);
    if (reply.state == protocol::pipe_closing) return STATUS_PIPE_CLOSING;  // the client came and went: ERROR_NO_DATA
    if (reply.state == protocol::pipe_connected) {
        if (connected_fd >= 0) close(connected_fd);
        return STATUS_PIPE_CONNECTED;
    }
    if (connected_fd < 0) return STATUS_INVALID_PARAMETER;
    {
        std::lock_guard guard(state->lock);
        if (state->connect_fd >= 0) close(state->connect_fd);
        state->connect_fd = connected_fd;
    }
    if (file.synchronous()) {
        if (NTSTATUS status = async::wait_readable(connected_fd)) return done(io, status);
        state->seen_connected = true;
        if (event) NtSetEvent(event, nullptr);
        return done(io, STATUS_SUCCESS);
    }
    auto waiting = std::make_unique<async::Request>();
    waiting->handle = handle;
    waiting->fd = connected_fd;
    waiting->operation = async::Operation::wait_readable;
    waiting->buffer = nullptr;
    waiting->length = 0;
    waiting->state = state;
    if (NTSTATUS status = async::prepare(waiting->completion, *state, event, apc, apc_context, io)) return status;
    return async::start(std::move(waiting));
}

// ---- FSCTL_PIPE_DISCONNECT ----
NTSTATUS disconnect(HANDLE handle, IO_STATUS_BLOCK* io) {
    ntdll::OpenFile file;
    std::shared_ptr<async::HandleState> state;
    if (NTSTATUS status = pipe_of(handle, file, state)) return status == STATUS_INVALID_PARAMETER ? STATUS_ILLEGAL_FUNCTION : status;
    if (!state->server_end) return STATUS_ILLEGAL_FUNCTION;
    // Pending requests end first: their descriptor is about to change.
    async::cancel(handle, nullptr, 0, STATUS_PIPE_DISCONNECTED);
    protocol::disconnect_named_pipe_request request{value_of(handle)};
    protocol::disconnect_named_pipe_reply reply{};
    std::vector<int> fds;
    if (uint32_t error = vine::client::call(request, reply, nullptr, 0, nullptr, 0, nullptr, &fds)) {
        for (int fd : fds) close(fd);
        return status_of(error);
    }
    if (fds.empty()) return STATUS_INVALID_PARAMETER;
    // The handle keeps its descriptor number: the cache's entry stays right.
    dup3(fds[0], file.fd, O_CLOEXEC);
    for (int fd : fds) close(fd);
    std::lock_guard guard(state->lock);
    state->leftover.clear();
    state->seen_connected = false;
    if (state->connect_fd >= 0) close(state->connect_fd);
    state->connect_fd = -1;
    return done(io, STATUS_SUCCESS);
}

// ---- FSCTL_PIPE_WAIT: WaitNamedPipe ----
LONGLONG monotonic_100ns() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 10000000LL + now.tv_nsec / 100;
}

NTSTATUS wait_for_instance(HANDLE root, const void* in, ULONG in_size, IO_STATUS_BLOCK* io) {
    ntdll::OpenFile file;
    if (NTSTATUS status = ntdll::open_file_of(root, 0, file)) return status;
    if (!(file.flags & protocol::file_pipe_root)) return STATUS_INVALID_PARAMETER;
    if (!in || in_size < offsetof(FILE_PIPE_WAIT_FOR_BUFFER, Name)) return STATUS_INVALID_PARAMETER;
    FILE_PIPE_WAIT_FOR_BUFFER header;
    memcpy(&header, in, offsetof(FILE_PIPE_WAIT_FOR_BUFFER, Name));
    if (header.NameLength % 2 || header.NameLength > in_size - offsetof(FILE_PIPE_WAIT_FOR_BUFFER, Name))
        return STATUS_INVALID_PARAMETER;
    const char* name = static_cast<const char*>(in) + offsetof(FILE_PIPE_WAIT_FOR_BUFFER, Name);
    LONGLONG deadline = 0;
    bool started = false;
    // The server cannot block for us: ask, then look again every few
    // milliseconds until an instance listens or the time is up.
    for (;;) {
        protocol::wait_named_pipe_request request{};
        protocol::wait_named_pipe_reply reply{};
        if (uint32_t error = vine::client::call(request, reply, name, header.NameLength)) return status_of(error);
        if (reply.listening) return done(io, STATUS_SUCCESS);
        if (!started) {
            LONGLONG timeout = header.TimeoutSpecified ? header.Timeout.QuadPart : reply.default_timeout;
            if (timeout > 0) return STATUS_INVALID_PARAMETER;  // absolute times: not for pipes
            deadline = timeout == INT64_MIN ? INT64_MAX : monotonic_100ns() - timeout;
            started = true;
        }
        if (monotonic_100ns() >= deadline) return STATUS_IO_TIMEOUT;
        LARGE_INTEGER pause;
        pause.QuadPart = -std::min<LONGLONG>(20000, std::max<LONGLONG>(deadline - monotonic_100ns(), 1));
        NtDelayExecution(FALSE, &pause);
    }
}

// ---- FSCTL_PIPE_PEEK: PeekNamedPipe ----
// The bytes waiting in an anonymous (Unix) pipe, copied without consuming
// them: tee(2) into a scratch pipe.
ULONG peek_fifo(int fd, char* out, ULONG size, ULONG available) {
    if (!size || !available) return 0;
    int scratch[2];
    ULONG copied = 0;
    if (pipe2(scratch, O_CLOEXEC | O_NONBLOCK) == 0) {
        ssize_t n = tee(fd, scratch[1], std::min<size_t>(std::min(size, available), 65536), SPLICE_F_NONBLOCK);
        if (n > 0) {
            ssize_t got = read(scratch[0], out, static_cast<size_t>(n));
            copied = got > 0 ? static_cast<ULONG>(got) : 0;
        }
        close(scratch[0]);
        close(scratch[1]);
    }
    return copied;
}

bool peer_gone(int fd) {
    pollfd poller{fd, POLLIN | POLLRDHUP, 0};
    return poll(&poller, 1, 0) == 1 && (poller.revents & (POLLHUP | POLLRDHUP | POLLERR));
}

NTSTATUS peek(HANDLE handle, void* out, ULONG out_size, IO_STATUS_BLOCK* io) {
    ntdll::OpenFile file;
    std::shared_ptr<async::HandleState> state;
    if (NTSTATUS status = pipe_of(handle, file, state)) return status;
    if (!(file.access & FILE_READ_DATA)) return STATUS_ACCESS_DENIED;
    constexpr ULONG header = offsetof(FILE_PIPE_PEEK_BUFFER, Data);
    if (!out || out_size < header) return STATUS_BUFFER_TOO_SMALL;
    char* data = static_cast<char*>(out) + header;
    ULONG room = out_size - header;
    int queued = 0;
    if (ioctl(file.fd, FIONREAD, &queued) != 0) return ntdll::status_from_errno(errno);
    FILE_PIPE_PEEK_BUFFER result{};
    result.NamedPipeState = FILE_PIPE_CONNECTED_STATE;
    ULONG copied = 0;
    if (state->kind == async::Kind::fifo) {
        if (queued == 0 && peer_gone(file.fd)) return STATUS_PIPE_BROKEN;
        result.ReadDataAvailable = static_cast<ULONG>(queued);
        copied = peek_fifo(file.fd, data, room, result.ReadDataAvailable);
    } else {
        std::lock_guard guard(state->lock);
        ULONG left = static_cast<ULONG>(state->leftover.size());
        if (queued == 0 && !left && peer_gone(file.fd)) return STATUS_PIPE_BROKEN;
        result.ReadDataAvailable = static_cast<ULONG>(queued) + left;
        if (state->kind == async::Kind::message) {
            // The next message: the rest of one read in part, or the first queued.
            if (left) {
                result.MessageLength = left;
                copied = std::min(room, left);
                memcpy(data, state->leftover.data(), copied);
            } else if (queued > 0) {
                ssize_t length = recv(file.fd, data, room, MSG_PEEK | MSG_DONTWAIT | MSG_TRUNC);
                if (length > 0) {
                    result.MessageLength = static_cast<ULONG>(length);
                    copied = std::min<ULONG>(room, static_cast<ULONG>(length));
                }
            }
            result.NumberOfMessages = result.ReadDataAvailable ? 1 : 0;  // at least; Linux does not count them
        } else if (queued > 0 && room) {
            ssize_t n = recv(file.fd, data, std::min<ULONG>(room, static_cast<ULONG>(queued)), MSG_PEEK | MSG_DONTWAIT);
            copied = n > 0 ? static_cast<ULONG>(n) : 0;
        }
    }
    memcpy(out, &result, header);
    bool partial = state->kind == async::Kind::message ? copied < result.MessageLength : copied < result.ReadDataAvailable;
    return done(io, partial && copied == room ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS, header + copied);
}

// ---- FSCTL_PIPE_TRANSCEIVE: TransactNamedPipe ----
NTSTATUS transceive(HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context, IO_STATUS_BLOCK* io,
                    const void* in, ULONG in_size, void* out, ULONG out_size) {
    ntdll::OpenFile file;
    std::shared_ptr<async::HandleState> state;
    if (NTSTATUS status = pipe_of(handle, file, state)) return status;
    if (state->kind != async::Kind::message || !state->message_read) return STATUS_INVALID_PIPE_STATE;
    if ((file.access & (FILE_READ_DATA | FILE_WRITE_DATA)) != (FILE_READ_DATA | FILE_WRITE_DATA))
        return STATUS_ACCESS_DENIED;
    {
        // Unread data: the transaction's answer could not be told apart.
        std::lock_guard guard(state->lock);
        int queued = 0;
        if (!state->leftover.empty() || (ioctl(file.fd, FIONREAD, &queued) == 0 && queued > 0)) return STATUS_PIPE_BUSY;
    }
    async::Result written = async::blocking_write(file.fd, *state, in, in_size);
    if (written.status) return written.status;
    return NtReadFile(handle, event, apc, apc_context, io, out, out_size, nullptr, nullptr);
}

// ---- FSCTL_PIPE_GET_CONNECTION_ATTRIBUTE: GetNamedPipeClient/ServerProcessId ----
NTSTATUS connection_attribute(HANDLE handle, const void* in, ULONG in_size, void* out, ULONG out_size,
                              IO_STATUS_BLOCK* io) {
    if (!in) return STATUS_INVALID_PARAMETER;
    std::string_view name(static_cast<const char*>(in), strnlen(static_cast<const char*>(in), in_size));
    bool client = name == "ClientProcessId", server = name == "ServerProcessId";
    if (!client && !server) return STATUS_INVALID_PARAMETER;
    if (!out || out_size < sizeof(ULONG)) return STATUS_BUFFER_TOO_SMALL;
    protocol::named_pipe_info_reply info{};
    if (NTSTATUS status = info_of(handle, info)) return status;
    ULONG pid = client ? info.client_pid : info.server_pid;
    memcpy(out, &pid, sizeof pid);
    return done(io, STATUS_SUCCESS, sizeof pid);
}

}  // namespace

namespace ntdll {

std::optional<PipeTarget> pipe_target_of(const OBJECT_ATTRIBUTES* attributes) {
    std::u16string_view name = name_of(attributes);
    if (attributes && attributes->RootDirectory) {
        vine::client::HandleInfo info;
        if (!vine::client::handle_info(attributes->RootDirectory, info) || info.type != protocol::ObjectType::file)
            return std::nullopt;
        if (info.file_flags & protocol::file_pipe_root) return PipeTarget{std::u16string(name), nullptr};
        if ((info.file_flags & protocol::file_is_pipe) && name.empty())
            return PipeTarget{std::u16string(), attributes->RootDirectory};
        return std::nullopt;
    }
    for (std::u16string_view prefix : {std::u16string_view(u"\\??\\pipe\\"), std::u16string_view(u"\\Device\\NamedPipe\\")})
        if (name.size() >= prefix.size() && vine::equal_ignore_case(name.substr(0, prefix.size()), prefix))
            return PipeTarget{std::u16string(name.substr(prefix.size())), nullptr};
    // Without the final separator: the file system itself.
    for (std::u16string_view root : {std::u16string_view(u"\\??\\pipe"), std::u16string_view(u"\\Device\\NamedPipe")})
        if (vine::equal_ignore_case(name, root)) return PipeTarget{};
    return std::nullopt;
}

NTSTATUS open_named_pipe(HANDLE* handle, ACCESS_MASK access, const PipeTarget& target, bool inherit, ULONG options,
                         ULONG disposition, IO_STATUS_BLOCK* io) {
    uint32_t flags = (options & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT))
                         ? 0u
                         : uint32_t{protocol::file_asynchronous};
    if (target.root()) {
        // \Device\NamedPipe\: a handle WaitNamedPipe sends FSCTL_PIPE_WAIT
        // through, and unnamed pipes are created relative to.
        int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (fd < 0) return status_from_errno(errno);
        uint32_t error = 0;
        HANDLE result = vine::client::add_file(fd, access, 7, inherit, flags | protocol::file_pipe_root, error);
        if (!result) {
            close(fd);
            return status_of(error);
        }
        *handle = result;
        return done(io, STATUS_SUCCESS, FILE_OPENED);
    }
    if (disposition != FILE_OPEN && disposition != FILE_OPEN_IF) return STATUS_INVALID_PARAMETER;
    protocol::open_named_pipe_request request{access, inherit ? 1u : 0u, flags, 0, value_of(target.server)};
    protocol::open_named_pipe_reply reply{};
    if (uint32_t error = vine::client::call(request, reply, target.name.data(),
                                            static_cast<uint32_t>(target.name.size() * 2)))
        return status_of(error);
    *handle = reinterpret_cast<HANDLE>(reply.handle);
    return done(io, STATUS_SUCCESS, FILE_OPENED);
}

NTSTATUS set_pipe_information(HANDLE handle, const void* buffer, ULONG length) {
    if (length < sizeof(FILE_PIPE_INFORMATION)) return STATUS_INFO_LENGTH_MISMATCH;
    FILE_PIPE_INFORMATION info;
    memcpy(&info, buffer, sizeof info);
    if (info.ReadMode > FILE_PIPE_MESSAGE_MODE || info.CompletionMode > FILE_PIPE_COMPLETE_OPERATION)
        return STATUS_INVALID_PARAMETER;
    ntdll::OpenFile file;
    std::shared_ptr<async::HandleState> state;
    if (NTSTATUS status = pipe_of(handle, file, state)) return status;
    // Changing a handle's modes needs FILE_WRITE_ATTRIBUTES, as on Windows.
    if (!(file.access & FILE_WRITE_ATTRIBUTES)) return STATUS_ACCESS_DENIED;
    if (state->kind == async::Kind::fifo) {
        // An anonymous pipe is a byte pipe; its completion mode is this
        // handle's own (Unix pipes are shared, so it is kept here).
        if (info.ReadMode == FILE_PIPE_MESSAGE_MODE) return STATUS_INVALID_PARAMETER;
        std::lock_guard guard(state->lock);
        state->nowait = info.CompletionMode == FILE_PIPE_COMPLETE_OPERATION;
        return STATUS_SUCCESS;
    }
    protocol::set_named_pipe_mode_request request{value_of(handle), info.ReadMode, info.CompletionMode};
    protocol::set_named_pipe_mode_reply reply{};
    if (uint32_t error = vine::client::call(request, reply)) return status_of(error);
    std::lock_guard guard(state->lock);
    state->message_read = info.ReadMode == FILE_PIPE_MESSAGE_MODE;
    state->nowait = info.CompletionMode == FILE_PIPE_COMPLETE_OPERATION;
    return STATUS_SUCCESS;
}

NTSTATUS query_pipe_information(HANDLE handle, void* buffer, ULONG length, ULONG info_class, ULONG_PTR& written) {
    ntdll::OpenFile file;
    std::shared_ptr<async::HandleState> state;
    if (NTSTATUS status = pipe_of(handle, file, state)) return status;
    protocol::named_pipe_info_reply info{};
    if (state->kind == async::Kind::fifo) {
        // CreatePipe's pipe as Windows makes it: a one-instance byte pipe
        // whose read end is the server end.
        info.server_end = (file.access & FILE_READ_DATA) ? 1 : 0;
        info.nowait = state->nowait;
        info.max_instances = info.current_instances = 1;
        info.state = protocol::pipe_connected;
    } else if (NTSTATUS status = info_of(handle, info)) {
        return status;
    }
    if (info_class == FilePipeInformation) {
        if (length < sizeof(FILE_PIPE_INFORMATION)) return STATUS_INFO_LENGTH_MISMATCH;
        FILE_PIPE_INFORMATION out{info.message_read ? FILE_PIPE_MESSAGE_MODE : FILE_PIPE_BYTE_STREAM_MODE,
                                  info.nowait ? FILE_PIPE_COMPLETE_OPERATION : FILE_PIPE_QUEUE_OPERATION};
        memcpy(buffer, &out, sizeof out);
        written = sizeof out;
        return STATUS_SUCCESS;
    }
    if (length < sizeof(FILE_PIPE_LOCAL_INFORMATION)) return STATUS_INFO_LENGTH_MISMATCH;
    FILE_PIPE_LOCAL_INFORMATION out{};
    out.NamedPipeType = info.message_type ? FILE_PIPE_MESSAGE_TYPE : FILE_PIPE_BYTE_STREAM_TYPE;
    bool reads = file.access & FILE_READ_DATA, writes = file.access & FILE_WRITE_DATA;
    // The configuration is the server end's view of the direction.
    out.NamedPipeConfiguration = (reads && writes) ? FILE_PIPE_FULL_DUPLEX
                                 : (reads == (info.server_end != 0)) ? FILE_PIPE_INBOUND
                                                                   : FILE_PIPE_OUTBOUND;
    out.MaximumInstances = info.max_instances == kUnlimitedInstances ? ~0u : info.max_instances;
    out.CurrentInstances = info.current_instances;
    out.InboundQuota = info.in_size;
    out.OutboundQuota = info.out_size;
    int queued = 0;
    if (ioctl(file.fd, FIONREAD, &queued) == 0) out.ReadDataAvailable = static_cast<ULONG>(queued);
    out.WriteQuotaAvailable = info.out_size;
    out.NamedPipeState = nt_pipe_state(info.state);
    out.NamedPipeEnd = info.server_end ? FILE_PIPE_SERVER_END : FILE_PIPE_CLIENT_END;
    memcpy(buffer, &out, sizeof out);
    written = sizeof out;
    return STATUS_SUCCESS;
}

}  // namespace ntdll

VINE_EXPORT NTSTATUS NtCreateNamedPipeFile(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                                           IO_STATUS_BLOCK* io, ULONG sharing, ULONG disposition, ULONG options,
                                           ULONG pipe_type, ULONG read_mode, ULONG completion_mode,
                                           ULONG max_instances, ULONG inbound_quota, ULONG outbound_quota,
                                           const LARGE_INTEGER* timeout) {
    if (!handle || !io) return ntdll::kStatusAccessViolation;
    *handle = nullptr;
    // An empty name relative to \Device\NamedPipe\: an unnamed pipe.
    auto target = ntdll::pipe_target_of(attributes);
    if (!target || target->server || (target->name.empty() && !(attributes && attributes->RootDirectory)))
        return STATUS_OBJECT_NAME_INVALID;
    const std::u16string* name = &target->name;
    if (disposition != FILE_CREATE && disposition != FILE_OPEN_IF && disposition != FILE_OPEN)
        return STATUS_INVALID_PARAMETER;
    if (pipe_type > FILE_PIPE_MESSAGE_TYPE || read_mode > FILE_PIPE_MESSAGE_MODE ||
        completion_mode > FILE_PIPE_COMPLETE_OPERATION)
        return STATUS_INVALID_PARAMETER;
    // A byte pipe cannot be read in messages.
    if (pipe_type == FILE_PIPE_BYTE_STREAM_TYPE && read_mode == FILE_PIPE_MESSAGE_MODE) return STATUS_INVALID_PARAMETER;
    if (max_instances == 0) return STATUS_INVALID_PARAMETER;
    if (max_instances > kUnlimitedInstances) max_instances = kUnlimitedInstances;
    if ((options & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT)) && !(access & SYNCHRONIZE))
        return STATUS_INVALID_PARAMETER;
    (void)sharing;
    protocol::create_named_pipe_request request{};
    request.access = map_generic_file_rights(access);
    request.inherit = attributes && (attributes->Attributes & OBJ_INHERIT) ? 1 : 0;
    request.flags = (options & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT))
                        ? 0u
                        : uint32_t{protocol::file_asynchronous};
    if (options & FILE_SYNCHRONOUS_IO_ALERT) request.flags |= protocol::file_alertable;
    request.message_type = pipe_type;
    request.message_read = read_mode;
    request.nowait = completion_mode;
    request.max_instances = max_instances;
    request.disposition = disposition == FILE_CREATE ? protocol::pipe_create
                          : disposition == FILE_OPEN ? protocol::pipe_open
                                                     : protocol::pipe_open_if;
    request.in_size = inbound_quota;
    request.out_size = outbound_quota;
    request.default_timeout = timeout ? timeout->QuadPart : -500000;  // Windows' default: 50 ms
    protocol::create_named_pipe_reply reply{};
    if (uint32_t error = vine::client::call(request, reply, name->data(), static_cast<uint32_t>(name->size() * 2)))
        return error == protocol::status::pipe_busy ? STATUS_INSTANCE_NOT_AVAILABLE : status_of(error);
    *handle = reinterpret_cast<HANDLE>(reply.handle);
    return done(io, STATUS_SUCCESS, FILE_CREATED);
}

VINE_EXPORT NTSTATUS NtFsControlFile(HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context,
                                     IO_STATUS_BLOCK* io, ULONG code, const void* in, ULONG in_size, void* out,
                                     ULONG out_size) {
    if (!io) return ntdll::kStatusAccessViolation;
    switch (code) {
    case FSCTL_PIPE_LISTEN: return listen(handle, event, apc, apc_context, io);
    case FSCTL_PIPE_DISCONNECT: return disconnect(handle, io);
    case FSCTL_PIPE_WAIT: return wait_for_instance(handle, in, in_size, io);
    case FSCTL_PIPE_PEEK: return peek(handle, out, out_size, io);
    case FSCTL_PIPE_TRANSCEIVE: return transceive(handle, event, apc, apc_context, io, in, in_size, out, out_size);
    case FSCTL_PIPE_IMPERSONATE: {
        // Every process runs as the one user: impersonating the client
        // changes nothing.
        ntdll::OpenFile file;
        std::shared_ptr<async::HandleState> state;
        if (NTSTATUS status = pipe_of(handle, file, state)) return status;
        return done(io, STATUS_SUCCESS);
    }
    case FSCTL_PIPE_GET_CONNECTION_ATTRIBUTE: return connection_attribute(handle, in, in_size, out, out_size, io);
    default: return STATUS_INVALID_DEVICE_REQUEST;
    }
}
