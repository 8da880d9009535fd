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

FileObject::~FileObject() {
    // Without this, every file ever opened would leave an entry behind.
    if (device || inode) forget_open_file(*this);
    if (fd >= 0) close(fd);
}

}  // namespace vine::server
