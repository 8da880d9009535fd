#include "fd_passing.h"

#include <cstring>

namespace vine::protocol {

void attach_fds(msghdr& message, char* control, const int* fds, size_t count) {
    if (!count) {
        message.msg_control = nullptr;
        message.msg_controllen = 0;
        return;
    }
    message.msg_control = control;
    message.msg_controllen = fd_control_size(count);
    cmsghdr* header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof(int) * count);
    memcpy(CMSG_DATA(header), fds, sizeof(int) * count);
}

void collect_fds(const msghdr& message, std::vector<int>& fds) {
    for (cmsghdr* header = CMSG_FIRSTHDR(&message); header;
         header = CMSG_NXTHDR(const_cast<msghdr*>(&message), header)) {
        if (header->cmsg_level != SOL_SOCKET || header->cmsg_type != SCM_RIGHTS) continue;
        size_t count = (header->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (size_t i = 0; i < count; ++i) {
            int fd;
            memcpy(&fd, CMSG_DATA(header) + i * sizeof(int), sizeof(int));
            fds.push_back(fd);
        }
    }
}

}  // namespace vine::protocol
