// Descriptors carried by a message (SCM_RIGHTS), for both ends of the
// protocol.
#pragma once

#include <sys/socket.h>

#include <cstddef>
#include <vector>

namespace vine::protocol {

// Room for `count` descriptors in a msghdr's control data.
constexpr size_t fd_control_size(size_t count) { return CMSG_SPACE(sizeof(int) * count); }
// Points `message` at `control` (fd_control_size(count) bytes, cmsghdr
// aligned) holding `fds`; nothing when count is 0.
void attach_fds(msghdr& message, char* control, const int* fds, size_t count);
// Appends the descriptors a received message carries to `fds`.
void collect_fds(const msghdr& message, std::vector<int>& fds);

}  // namespace vine::protocol
