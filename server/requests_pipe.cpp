// Named pipes: the rendezvous only. Each instance is a connected Unix
// socket pair made here (SOCK_SEQPACKET for message pipes, so messages keep
// their boundaries); the creator's handle holds one end, the client that
// opens a listening instance receives the other, and from then on the two
// processes move data between themselves. The end of a pipe (every handle
// to one end closed) is the socket's EOF, which ReadFile turns into
// ERROR_BROKEN_PIPE. The instance's eventfd becomes readable when a client
// connects: ConnectNamedPipe waits on it in the server process (blocking,
// or in its I/O engine), without holding the connection to this server.
#include <fcntl.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "server.h"

namespace vine::server {

using namespace protocol;

namespace {

constexpr uint32_t kMaxPipeName = 256;  // Windows' limit for the whole name
constexpr uint32_t kUnlimitedInstances = 255;
// Big enough for the messages programs send in one piece (a message pipe's
// message must fit the socket's send buffer); Linux caps it at wmem_max.
constexpr int kSocketBuffer = 1 << 20;

// The namespace key of a pipe name (case-insensitive, as on Windows); false
// for an empty, too long or invalid name.
bool pipe_key(const Request& request, std::u16string& key) {
    uint32_t size = request.view.var_size;
    if (size == 0 || size % 2 || size / 2 > kMaxPipeName) return false;
    std::u16string name(size / 2, u'\0');
    memcpy(name.data(), request.view.var, size);
    for (auto& c : name) {
        if (c == 0) return false;
        if (c >= u'A' && c <= u'Z') c = static_cast<char16_t>(c - u'A' + u'a');
    }
    key = u"\\Device\\NamedPipe\\" + name;
    return true;
}

std::shared_ptr<NamedPipeName> find_pipe(const std::u16string& key) {
    auto object = lookup_name(key);
    if (!object || object->type != ObjectType::named_pipe) return nullptr;
    return std::static_pointer_cast<NamedPipeName>(object);
}

// A fresh socket pair for an instance: [0] the server end, [1] the client's.
bool make_pair(bool message, int pair[2]) {
    if (socketpair(AF_UNIX, (message ? SOCK_SEQPACKET : SOCK_STREAM) | SOCK_CLOEXEC, 0, pair) != 0) return false;
    for (int i = 0; i < 2; ++i) {
        setsockopt(pair[i], SOL_SOCKET, SO_SNDBUF, &kSocketBuffer, sizeof kSocketBuffer);
        setsockopt(pair[i], SOL_SOCKET, SO_RCVBUF, &kSocketBuffer, sizeof kSocketBuffer);
    }
    return true;
}

uint64_t insert_file(Process& process, const std::shared_ptr<FileObject>& file, uint32_t access, bool inherit) {
    HandleEntry entry;
    entry.object = file;
    entry.access = access;
    entry.inherit = inherit;
    return process.handles.insert(std::move(entry));
}

// The file object of a pipe handle (either end), or null.
std::shared_ptr<FileObject> pipe_end(Request& request, uint64_t handle) {
    auto file = resolve_as<FileObject>(*request.client.process, handle, ObjectType::file);
    return file && file->pipe_instance ? file : nullptr;
}

void clear_connected(NamedPipe& instance) {
    uint64_t count;
    (void)!read(instance.event_fd, &count, sizeof count);  // non-blocking: 0 when nothing was written
}

}  // namespace

void handle_create_named_pipe(Request& request, Reply& reply) {
    auto req = request.get<create_named_pipe_request>();
    std::u16string key;
    bool unnamed = request.view.var_size == 0;
    if (!unnamed && !pipe_key(request, key)) return reply.fail(status::invalid_name);
    if (req.max_instances == 0 || req.max_instances > kUnlimitedInstances) return reply.fail(status::invalid_parameter);
    auto pipe = unnamed ? nullptr : find_pipe(key);
    if (!pipe && !unnamed && lookup_name(key)) return reply.fail(status::access_denied);
    if (pipe) {
        // FILE_FLAG_FIRST_PIPE_INSTANCE refuses an existing pipe; the
        // instances are the first creator's count.
        if (req.disposition == pipe_create) return reply.fail(status::access_denied);
        if (pipe->max_instances != kUnlimitedInstances && pipe->live_instances() >= pipe->max_instances)
            return reply.fail(status::pipe_busy);
    } else {
        // A new instance of an existing pipe only (FILE_OPEN).
        if (req.disposition == pipe_open && !unnamed) return reply.fail(status::file_not_found);
        pipe = std::make_shared<NamedPipeName>();
        pipe->message_type = req.message_type != 0;
        pipe->max_instances = req.max_instances;
        pipe->in_size = req.in_size;
        pipe->out_size = req.out_size;
        pipe->default_timeout = req.default_timeout;
    }
    int pair[2];
    if (!make_pair(pipe->message_type, pair)) return reply.fail(status::not_enough_memory);
    auto instance = std::make_shared<NamedPipe>();
    instance->pipe = pipe;
    instance->client_fd = pair[1];
    instance->event_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    instance->server_pid = request.client.process->id;
    auto server_end = std::make_shared<FileObject>();
    server_end->fd = pair[0];
    server_end->flags = file_is_pipe | (req.flags & (file_asynchronous | file_alertable));
    server_end->access = req.access;
    server_end->sharing = 3;
    server_end->pipe_instance = instance;
    server_end->pipe_server_end = true;
    server_end->pipe_message_read = req.message_read != 0 && pipe->message_type;
    server_end->pipe_nowait = req.nowait != 0;
    if (instance->event_fd < 0) return reply.fail(status::too_many_open_files);
    uint64_t handle = insert_file(*request.client.process, server_end, req.access, req.inherit != 0);
    if (!handle) return reply.fail(status::not_enough_memory);
    pipe->instances.push_back(instance);
    if (!unnamed && pipe->name.empty()) insert_name(key, pipe);
    reply.set(create_named_pipe_reply{handle});
}

void handle_open_named_pipe(Request& request, Reply& reply) {
    auto req = request.get<open_named_pipe_request>();
    std::shared_ptr<NamedPipe> instance;
    if (req.server_handle) {
        // The client end of the instance a server handle holds.
        auto server = pipe_end(request, req.server_handle);
        if (!server || !server->pipe_server_end) return reply.fail(status::invalid_handle);
        instance = server->pipe_instance;
        if (instance->state != pipe_listening || instance->client_fd < 0) return reply.fail(status::pipe_busy);
    } else {
        std::u16string key;
        if (!pipe_key(request, key)) return reply.fail(status::invalid_name);
        auto pipe = find_pipe(key);
        if (!pipe) return reply.fail(status::file_not_found);
        pipe->live_instances();
        for (auto& weak : pipe->instances)
            if (auto candidate = weak.lock();
                candidate && candidate->state == pipe_listening && candidate->client_fd >= 0) {
                instance = candidate;
                break;
            }
        if (!instance) return reply.fail(status::pipe_busy);
    }
    auto client_end = std::make_shared<FileObject>();
    client_end->fd = instance->client_fd;
    client_end->flags = file_is_pipe | (req.flags & (file_asynchronous | file_alertable));
    client_end->access = req.access;
    client_end->sharing = 3;
    client_end->pipe_instance = instance;
    uint64_t handle = insert_file(*request.client.process, client_end, req.access, req.inherit != 0);
    if (!handle) {
        client_end->fd = -1;  // stays with the instance
        return reply.fail(status::not_enough_memory);
    }
    instance->client_fd = -1;
    instance->client_end = client_end.get();
    instance->client_pid = request.client.process->id;
    instance->state = pipe_connected;
    uint64_t one = 1;
    (void)!write(instance->event_fd, &one, sizeof one);
    reply.set(open_named_pipe_reply{handle});
}

void handle_connect_named_pipe(Request& request, Reply& reply) {
    auto req = request.get<connect_named_pipe_request>();
    auto file = pipe_end(request, req.handle);
    if (!file) {
        auto any = resolve_as<FileObject>(*request.client.process, req.handle, ObjectType::file);
        return reply.fail(any ? status::invalid_function : status::invalid_handle);
    }
    if (!file->pipe_server_end) return reply.fail(status::invalid_function);
    NamedPipe& instance = *file->pipe_instance;
    if (instance.state == pipe_disconnected) instance.state = pipe_listening;
    if (instance.state == pipe_listening || instance.state == pipe_connected) {
        int copy = fcntl(instance.event_fd, F_DUPFD_CLOEXEC, 0);
        if (copy < 0) return reply.fail(status::too_many_open_files);
        reply.fds.push_back(copy);
    }
    reply.set(connect_named_pipe_reply{instance.state, 0});
}

void handle_disconnect_named_pipe(Request& request, Reply& reply) {
    auto req = request.get<disconnect_named_pipe_request>();
    auto file = pipe_end(request, req.handle);
    if (!file) return reply.fail(status::invalid_handle);
    if (!file->pipe_server_end) return reply.fail(status::invalid_function);
    NamedPipe& instance = *file->pipe_instance;
    int pair[2];
    if (!make_pair(instance.pipe->message_type, pair)) return reply.fail(status::not_enough_memory);
    int copy = fcntl(pair[0], F_DUPFD_CLOEXEC, 0);
    if (copy < 0) {
        close(pair[0]);
        close(pair[1]);
        return reply.fail(status::too_many_open_files);
    }
    // The old pair is cut: the client's end reads its end once the caller
    // has replaced its descriptor too.
    if (file->fd >= 0) close(file->fd);
    file->fd = pair[0];
    if (instance.client_fd >= 0) close(instance.client_fd);
    instance.client_fd = pair[1];
    instance.client_end = nullptr;
    instance.client_pid = 0;
    instance.state = pipe_disconnected;
    clear_connected(instance);
    reply.fds.push_back(copy);
    reply.set(disconnect_named_pipe_reply{});
}

void handle_named_pipe_info(Request& request, Reply& reply) {
    auto req = request.get<named_pipe_info_request>();
    auto file = pipe_end(request, req.handle);
    if (!file) return reply.fail(status::invalid_handle);
    NamedPipe& instance = *file->pipe_instance;
    NamedPipeName& pipe = *instance.pipe;
    named_pipe_info_reply info{};
    info.server_end = file->pipe_server_end;
    info.message_type = pipe.message_type;
    info.message_read = file->pipe_message_read;
    info.nowait = file->pipe_nowait;
    info.max_instances = pipe.max_instances;
    info.current_instances = static_cast<uint32_t>(pipe.live_instances());
    info.in_size = pipe.in_size;
    info.out_size = pipe.out_size;
    info.state = instance.state;
    info.server_pid = instance.server_pid;
    info.client_pid = instance.client_pid;
    info.end_current = file->pipe_server_end || instance.client_end == file.get();
    info.default_timeout = pipe.default_timeout;
    reply.set(info);
}

void handle_set_named_pipe_mode(Request& request, Reply& reply) {
    auto req = request.get<set_named_pipe_mode_request>();
    auto file = pipe_end(request, req.handle);
    if (!file) return reply.fail(status::invalid_handle);
    // A byte pipe has no messages to read.
    if (req.message_read && !file->pipe_instance->pipe->message_type) return reply.fail(status::invalid_parameter);
    file->pipe_message_read = req.message_read != 0;
    file->pipe_nowait = req.nowait != 0;
    reply.set(set_named_pipe_mode_reply{});
}

void handle_wait_named_pipe(Request& request, Reply& reply) {
    std::u16string key;
    if (!pipe_key(request, key)) return reply.fail(status::invalid_name);
    auto pipe = find_pipe(key);
    if (!pipe) return reply.fail(status::file_not_found);
    uint32_t listening = 0;
    pipe->live_instances();
    for (auto& weak : pipe->instances)
        if (auto instance = weak.lock(); instance && instance->state == pipe_listening) listening = 1;
    reply.set(wait_named_pipe_reply{pipe->default_timeout, listening, 0});
}

}  // namespace vine::server
