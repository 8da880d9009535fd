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
    // Without this, every file ever opened would leave an entry behind.
    if (device || inode) forget_open_file(*this);
    if (delete_on_close || delete_pending) delete_closed_file(*this);
    if (fd >= 0) close(fd);
}

NamedPipe::~NamedPipe() {
    if (client_fd >= 0) close(client_fd);
}

}  // namespace vine::server
