// The process's handle table. Until the server lands (it will own handles),
// handles live in the process: a handle is an index into this table times 4,
// as on Windows, and names either a Unix file descriptor or an in-process
// object.
#pragma once

#include <memory>

#include "vine/wintypes.h"

namespace vine::handles {

// An object a handle can name besides a file descriptor (events,
// semaphores, ...). Destroyed when its last handle closes.
struct Object {
    virtual ~Object() = default;
};

HANDLE insert_fd(int fd);
HANDLE insert_object(std::shared_ptr<Object> object);
// The descriptor behind `handle`, or -1 (not a handle, or not a file).
int fd(HANDLE handle);
std::shared_ptr<Object> object(HANDLE handle);
// Closes the handle (and its descriptor); false for an invalid handle.
bool close(HANDLE handle);

}  // namespace vine::handles
