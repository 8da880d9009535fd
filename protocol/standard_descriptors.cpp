#include "standard_descriptors.h"

#include <fcntl.h>
#include <unistd.h>

namespace vine::protocol {

bool open_standard_descriptors() {
    for (int fd = 0; fd <= 2; ++fd) {
        if (fcntl(fd, F_GETFD) >= 0) continue;
        // open returns the lowest free descriptor, which is this one.
        int opened = open("/dev/null", O_RDWR);
        if (opened < 0) return false;
        if (opened != fd) {
            close(opened);
            return false;
        }
    }
    return true;
}

}  // namespace vine::protocol
