// ProcessPrng: cryptographically random bytes. Windows documents that it
// always returns TRUE; the kernel's getrandom(2) never fails for a buffer
// in our address space once the pool is initialized, so we loop over
// interruptions and partial reads.
#include <sys/random.h>

#include "vine/wintypes.h"

VINE_EXPORT BOOL ProcessPrng(BYTE* data, SIZE_T size) {
    while (size > 0) {
        ssize_t got = getrandom(data, size, 0);
        if (got < 0) continue;  // EINTR; EAGAIN needs GRND_NONBLOCK
        data += got;
        size -= static_cast<SIZE_T>(got);
    }
    return TRUE;
}
