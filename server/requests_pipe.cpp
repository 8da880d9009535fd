// Named pipes, for the simple case programs use to talk to a child: byte
// mode, one instance, blocking. Each instance is a connected Unix socket
// pair made here; the creator's handle holds one end, the first client's
// CreateFile receives the other. The end of a pipe (every handle to one end
// closed) is the socket's EOF, which ReadFile turns into ERROR_BROKEN_PIPE.
#include <sys/socket.h>
#include <unistd.h>

#include "server.h"
#include "sync_area.h"

namespace vine::server {

using namespace protocol;

namespace {

constexpr uint32_t kMaxPipeName = 256;  // Windows' limit for the whole name

// The namespace key of a pipe name (case-insensitive, as on Windows); false
// for an empty, too long or invalid name.
bool pipe_key(const Request& request, std::u16string& key) {
    uint32_t size = request.view.var_size;
    if (size == 0 || size % 2 || size / 2 > kMaxPipeName) return false;
    std::u16string name(size / 2, u'\0');
    memcpy(name.data(), request.view.var, size);
    for (auto& c : name) {
        if (c == u'\\' || c == 0) return false;
        if (c >= u'A' && c <= u'Z') c = static_cast<char16_t>(c - u'A' + u'a');
    }
    key = u"\\Device\\NamedPipe\\" + name;
    return true;
}

uint64_t insert_file(Process& process, const std::shared_ptr<FileObject>& file, uint32_t access, bool inherit) {
    HandleEntry entry;
    entry.object = file;
    entry.access = access;
    entry.inherit = inherit;
    return process.handles.insert(std::move(entry));
}

}  // namespace

void handle_create_named_pipe(Request& request, Reply& reply) {
    auto req = request.get<create_named_pipe_request>();
    std::u16string key;
    if (!pipe_key(request, key)) return reply.fail(status::invalid_name);
    if (req.max_instances == 0) return reply.fail(status::invalid_parameter);
    // One instance per name: a second CreateNamedPipe finds it busy.
    if (lookup_name(key)) return reply.fail(status::pipe_busy);
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) return reply.fail(status::not_enough_memory);
    auto instance = std::make_shared<NamedPipe>();
    instance->client_fd = pair[1];
    instance->slot = sync_area().allocate(SyncKind::event, 0, 1, request.client.process->id);
    auto server_end = std::make_shared<FileObject>();
    server_end->fd = pair[0];
    server_end->flags = file_is_pipe;
    server_end->access = req.access;
    server_end->sharing = 3;
    server_end->pipe_instance = instance;
    if (!instance->slot) return reply.fail(status::not_enough_memory);
    uint64_t handle = insert_file(*request.client.process, server_end, req.access, req.inherit != 0);
    if (!handle) return reply.fail(status::not_enough_memory);
    insert_name(key, instance);
    reply.set(create_named_pipe_reply{handle});
}

void handle_open_named_pipe(Request& request, Reply& reply) {
    auto req = request.get<open_named_pipe_request>();
    std::u16string key;
    if (!pipe_key(request, key)) return reply.fail(status::invalid_name);
    auto object = lookup_name(key);
    if (!object || object->type != ObjectType::named_pipe) return reply.fail(status::file_not_found);
    auto instance = std::static_pointer_cast<NamedPipe>(object);
    if (instance->connected || instance->client_fd < 0) return reply.fail(status::pipe_busy);
    auto client_end = std::make_shared<FileObject>();
    client_end->fd = instance->client_fd;
    client_end->flags = file_is_pipe;
    client_end->access = req.access;
    client_end->sharing = 3;
    uint64_t handle = insert_file(*request.client.process, client_end, req.access, req.inherit != 0);
    if (!handle) {
        client_end->fd = -1;  // stays with the instance
        reply.status = status::not_enough_memory;
        return;
    }
    instance->client_fd = -1;
    instance->connected = true;
    sync_area().signal(instance->slot, 1);
    reply.set(open_named_pipe_reply{handle});
}

void handle_connect_named_pipe(Request& request, Reply& reply) {
    auto req = request.get<connect_named_pipe_request>();
    auto file = resolve_as<FileObject>(*request.client.process, req.handle, ObjectType::file);
    if (!file) return reply.fail(status::invalid_handle);
    if (!file->pipe_instance) {
        reply.status = status::invalid_parameter;  // not the server end of a named pipe
        return;
    }
    auto& instance = static_cast<NamedPipe&>(*file->pipe_instance);
    reply.set(connect_named_pipe_reply{instance.connected ? 1u : 0u, instance.slot});
}

}  // namespace vine::server
