// BCryptGenRandom: the system RNG. The bytes come from bcryptprimitives'
// ProcessPrng, as on Windows, so Vine has one random source
// (getrandom(2)) behind every API that hands out random bytes.
#include "bcrypt_private.h"

extern "C" __attribute__((ms_abi)) BOOL ProcessPrng(BYTE* data, SIZE_T size);

using namespace vine::bcrypt;

VINE_EXPORT NTSTATUS BCryptGenRandom(BCRYPT_ALG_HANDLE algorithm, UCHAR* buffer, ULONG size,
                                     ULONG flags) {
    if (flags & ~(BCRYPT_RNG_USE_ENTROPY_IN_BUFFER | BCRYPT_USE_SYSTEM_PREFERRED_RNG))
        return STATUS_INVALID_PARAMETER;
    if (flags & BCRYPT_USE_SYSTEM_PREFERRED_RNG) {
        // The system RNG is named by the flag; a handle as well is an error.
        if (algorithm) return STATUS_INVALID_PARAMETER;
    } else {
        const Provider* provider = provider_from_handle(algorithm);
        if (!provider) return STATUS_INVALID_HANDLE;
        if (provider->algorithm->kind != Kind::rng) return STATUS_INVALID_HANDLE;
    }
    if (size != 0 && !buffer) return STATUS_INVALID_PARAMETER;
    // Extra entropy in the buffer is allowed to be ignored (Windows 8 and
    // later ignore it); the kernel's pool needs none.
    ProcessPrng(buffer, size);
    return STATUS_SUCCESS;
}
