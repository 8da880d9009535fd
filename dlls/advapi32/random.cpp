// SystemFunction036 (RtlGenRandom): cryptographically random bytes, as the
// CRT's rand_s and many programs' seeding ask for. getrandom(2) fills the
// buffer; it only returns short or fails with EINTR, which we retry.
#include <sys/random.h>

#include <cerrno>

#include "vine/wintypes.h"

VINE_EXPORT BOOLEAN SystemFunction036(void* buffer, ULONG length) {
    auto* out = static_cast<unsigned char*>(buffer);
    while (length > 0) {
        ssize_t got = getrandom(out, length, 0);
        if (got < 0) {
            if (errno == EINTR) continue;
            return FALSE;
        }
        out += got;
        length -= static_cast<ULONG>(got);
    }
    return TRUE;
}
