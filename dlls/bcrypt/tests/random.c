/* BCryptGenRandom: the system-preferred RNG with no handle (what Rust's
 * and other runtimes' standard libraries call), an opened RNG provider, and
 * the documented failures. */
#include <windows.h>
#include <bcrypt.h>
#include <string.h>

#include "vinetest.h"

/* Windows 10's pseudo-handles; older mingw-w64 headers lack them. */
#ifndef BCRYPT_SHA256_ALG_HANDLE
#define BCRYPT_SHA256_ALG_HANDLE ((BCRYPT_ALG_HANDLE)0x00000041)
#endif
#ifndef BCRYPT_RNG_ALG_HANDLE
#define BCRYPT_RNG_ALG_HANDLE ((BCRYPT_ALG_HANDLE)0x00000081)
#endif

#ifndef STATUS_INVALID_HANDLE
#define STATUS_INVALID_HANDLE ((NTSTATUS)0xC0000008)
#endif
#ifndef STATUS_INVALID_PARAMETER
#define STATUS_INVALID_PARAMETER ((NTSTATUS)0xC000000D)
#endif

static int differs(const UCHAR *a, const UCHAR *b, size_t size) { return memcmp(a, b, size) != 0; }

int main(void)
{
    UCHAR first[64], second[64], zero[64] = {0};
    UCHAR big[100000];
    BCRYPT_ALG_HANDLE rng = NULL, sha = NULL;
    size_t i, zeros = 0;
    NTSTATUS status;

    memset(first, 0, sizeof(first));
    memset(second, 0, sizeof(second));
    status = BCryptGenRandom(NULL, first, sizeof(first), BCRYPT_USE_SYSTEM_PREFERRED_RNG);
    ok(status == 0, "system-preferred RNG with a NULL handle: %#lx", (unsigned long)status);
    ok(BCryptGenRandom(NULL, second, sizeof(second), BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0, "again");
    /* 512 random bits: equal or all zero only by a miracle. */
    ok(differs(first, second, sizeof(first)), "two calls give different bytes");
    ok(differs(first, zero, sizeof(first)), "the bytes are not all zero");
    ok(BCryptGenRandom(NULL, first, 0, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0, "an empty request");

    /* A large buffer: every byte value appears about 390 times. */
    memset(big, 0, sizeof(big));
    ok(BCryptGenRandom(NULL, big, sizeof(big), BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0, "100000 bytes");
    for (i = 0; i < sizeof(big); i++) zeros += big[i] == 0;
    ok(zeros > 200 && zeros < 700, "zero bytes in 100000: %u (expected about 390)", (unsigned)zeros);

    ok(BCryptGenRandom(NULL, first, sizeof(first), 0) == STATUS_INVALID_HANDLE,
       "no handle and no flag: STATUS_INVALID_HANDLE");

    status = BCryptOpenAlgorithmProvider(&rng, BCRYPT_RNG_ALGORITHM, NULL, 0);
    ok(status == 0 && rng, "open the RNG provider: %#lx", (unsigned long)status);
    memset(first, 0, sizeof(first));
    ok(BCryptGenRandom(rng, first, sizeof(first), 0) == 0, "random bytes from the RNG handle");
    ok(differs(first, zero, sizeof(first)) && differs(first, second, sizeof(first)),
       "they are new random bytes");
    ok(BCryptCloseAlgorithmProvider(rng, 0) == 0, "close the RNG provider");

    ok(BCryptGenRandom(BCRYPT_RNG_ALG_HANDLE, first, sizeof(first), 0) == 0,
       "the BCRYPT_RNG_ALG_HANDLE pseudo-handle");

    ok(BCryptOpenAlgorithmProvider(&sha, BCRYPT_SHA256_ALGORITHM, NULL, 0) == 0, "open SHA256");
    ok(BCryptGenRandom(sha, first, sizeof(first), 0) == STATUS_INVALID_HANDLE,
       "a hash provider is not an RNG");
    BCryptCloseAlgorithmProvider(sha, 0);
    return vt_summary();
}
