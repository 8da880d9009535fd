#include "objects.h"

#include <unistd.h>

#include "server.h"
#include "sync_area.h"

namespace vine::server {

Object::~Object() {
    if (!name.empty()) remove_name(name, this);
}

SyncObject::SyncObject(ObjectType type, SyncKind kind) : Object(type), kind(kind) {}

SyncObject::~SyncObject() { sync_area().release(slot); }

TimerObject::~TimerObject() {
    // The last handle is gone: a timer nobody can wait for stops.
    if (fd >= 0) {
        unwatch_fd(fd);
        close(fd);
    }
}

FileObject::~FileObject() {
    // The client's end is gone: its server end is closing (ERROR_NO_DATA).
    if (pipe_instance && !pipe_server_end && pipe_instance->client_end == this) {
        pipe_instance->client_end = nullptr;
        if (pipe_instance->state == protocol::pipe_connected) pipe_instance->state = protocol::pipe_closing;
    }
    // Without this, every file ever opened would leave an entry behind.
    if (device || inode) forget_open_file(*this);
    if (delete_on_close || delete_pending) delete_closed_file(*this);
    if (fd >= 0) close(fd);
}

NamedPipe::~NamedPipe() {
    if (client_fd >= 0) close(client_fd);
    if (event_fd >= 0) close(event_fd);
}

size_t NamedPipeName::live_instances() {
    std::erase_if(instances, [](const std::weak_ptr<NamedPipe>& instance) { return instance.expired(); });
    return instances.size();
}

}  // namespace vine::server
