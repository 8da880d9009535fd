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
    if (fd >= 0) close(fd);
}

NamedPipe::~NamedPipe() {
    if (client_fd >= 0) close(client_fd);
}

}  // namespace vine::server
