/* CNG hashing: BCryptOpenAlgorithmProvider, the size properties,
 * BCryptCreateHash/HashData/FinishHash/DuplicateHash/DestroyHash and
 * BCryptHash, for MD5, SHA-1, SHA-256, SHA-384, SHA-512 and their HMACs.
 * Digests are the test vectors of RFC 1321, FIPS 180-2 (appendices), RFC
 * 2202 and RFC 4231. */
#include <windows.h>
#include <bcrypt.h>
#include <stdio.h>
#include <string.h>

#include "vinetest.h"

/* Windows 10's pseudo-handles; older mingw-w64 headers lack them. */
#ifndef BCRYPT_SHA256_ALG_HANDLE
#define BCRYPT_SHA256_ALG_HANDLE ((BCRYPT_ALG_HANDLE)0x00000041)
#endif
#ifndef BCRYPT_RNG_ALG_HANDLE
#define BCRYPT_RNG_ALG_HANDLE ((BCRYPT_ALG_HANDLE)0x00000081)
#endif

#ifndef STATUS_NOT_FOUND
#define STATUS_NOT_FOUND ((NTSTATUS)0xC0000225)
#endif
#ifndef STATUS_INVALID_HANDLE
#define STATUS_INVALID_HANDLE ((NTSTATUS)0xC0000008)
#endif
#ifndef STATUS_BUFFER_TOO_SMALL
#define STATUS_BUFFER_TOO_SMALL ((NTSTATUS)0xC0000023)
#endif
#ifndef STATUS_INVALID_PARAMETER
#define STATUS_INVALID_PARAMETER ((NTSTATUS)0xC000000D)
#endif
#ifndef STATUS_NOT_SUPPORTED
#define STATUS_NOT_SUPPORTED ((NTSTATUS)0xC00000BB)
#endif

static void to_hex(const UCHAR *bytes, ULONG size, char *out)
{
    ULONG i;
    for (i = 0; i < size; i++) sprintf(out + 2 * i, "%02x", bytes[i]);
    out[2 * size] = 0;
}

struct vector {
    const WCHAR *algorithm;
    ULONG digest_size, block_size;
    const char *abc;   /* digest of "abc" */
    const char *jefe;  /* HMAC with key "Jefe" of "what do ya want for nothing?" */
};

static const struct vector vectors[] = {
    {L"MD5", 16, 64, "900150983cd24fb0d6963f7d28e17f72", "750c783e6ab0b503eaa86e310a5db738"},
    {L"SHA1", 20, 64, "a9993e364706816aba3e25717850c26c9cd0d89d",
     "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
    {L"SHA256", 32, 64, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
    {L"SHA384", 48, 128,
     "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
     "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649"},
    {L"SHA512", 64, 128,
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
     "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
     "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
     "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"},
};

static ULONG get_ulong(BCRYPT_HANDLE handle, const WCHAR *property)
{
    ULONG value = 0xdeadbeef, got = 0;
    NTSTATUS status = BCryptGetProperty(handle, property, (UCHAR *)&value, sizeof(value), &got, 0);
    ok(status == 0 && got == sizeof(value), "BCryptGetProperty(%ls): status %#lx, %lu bytes",
       property, (unsigned long)status, (unsigned long)got);
    return value;
}

static void test_algorithm(const struct vector *v)
{
    BCRYPT_ALG_HANDLE alg = NULL, hmac = NULL;
    BCRYPT_HASH_HANDLE hash = NULL, copy = NULL;
    UCHAR digest[64], object[2048], object2[2048];
    char hex[129];
    ULONG object_size, got;
    NTSTATUS status;

    status = BCryptOpenAlgorithmProvider(&alg, v->algorithm, NULL, 0);
    ok(status == 0 && alg != NULL, "open %ls: %#lx", v->algorithm, (unsigned long)status);
    if (status) return;
    ok(get_ulong(alg, BCRYPT_HASH_LENGTH) == v->digest_size, "%ls: hash length", v->algorithm);
    ok(get_ulong(alg, BCRYPT_HASH_BLOCK_LENGTH) == v->block_size, "%ls: block length", v->algorithm);
    object_size = get_ulong(alg, BCRYPT_OBJECT_LENGTH);
    ok(object_size > 0 && object_size <= sizeof(object), "%ls: object length %lu", v->algorithm,
       (unsigned long)object_size);

    /* Size query with no buffer, then a buffer too small. */
    got = 0;
    ok(BCryptGetProperty(alg, BCRYPT_HASH_LENGTH, NULL, 0, &got, 0) == 0 && got == sizeof(ULONG),
       "%ls: the property's size without a buffer", v->algorithm);
    ok(BCryptGetProperty(alg, BCRYPT_HASH_LENGTH, digest, 2, &got, 0) == STATUS_BUFFER_TOO_SMALL,
       "%ls: a 2-byte buffer is too small", v->algorithm);

    /* "abc" in the caller's object buffer, in two pieces. */
    status = BCryptCreateHash(alg, &hash, object, object_size, NULL, 0, 0);
    ok(status == 0, "%ls: create hash in the caller's buffer: %#lx", v->algorithm, (unsigned long)status);
    ok(get_ulong(hash, BCRYPT_HASH_LENGTH) == v->digest_size, "%ls: hash length of the hash handle",
       v->algorithm);
    ok(BCryptHashData(hash, (UCHAR *)"a", 1, 0) == 0, "%ls: hash 'a'", v->algorithm);
    /* The copy continues from the same state. */
    status = BCryptDuplicateHash(hash, &copy, object2, object_size, 0);
    ok(status == 0, "%ls: duplicate: %#lx", v->algorithm, (unsigned long)status);
    ok(BCryptHashData(hash, (UCHAR *)"bc", 2, 0) == 0, "%ls: hash 'bc'", v->algorithm);
    ok(BCryptFinishHash(hash, digest, v->digest_size - 1, 0) == STATUS_INVALID_PARAMETER,
       "%ls: an output one byte short", v->algorithm);
    ok(BCryptFinishHash(hash, digest, v->digest_size, 0) == 0, "%ls: finish", v->algorithm);
    to_hex(digest, v->digest_size, hex);
    ok(!strcmp(hex, v->abc), "%ls(\"abc\") = %s", v->algorithm, hex);
    ok(BCryptHashData(copy, (UCHAR *)"bc", 2, 0) == 0, "%ls: the copy hashes 'bc'", v->algorithm);
    ok(BCryptFinishHash(copy, digest, v->digest_size, 0) == 0, "%ls: the copy finishes", v->algorithm);
    to_hex(digest, v->digest_size, hex);
    ok(!strcmp(hex, v->abc), "%ls: the copy's digest is the same: %s", v->algorithm, hex);
    ok(BCryptDestroyHash(copy) == 0, "%ls: destroy the copy", v->algorithm);
    ok(BCryptDestroyHash(hash) == 0, "%ls: destroy", v->algorithm);

    /* A buffer smaller than BCRYPT_OBJECT_LENGTH. */
    ok(BCryptCreateHash(alg, &hash, object, object_size - 1, NULL, 0, 0) == STATUS_BUFFER_TOO_SMALL,
       "%ls: an object buffer one byte short", v->algorithm);

    /* The one-call form and bcrypt-allocated objects. */
    memset(digest, 0, sizeof(digest));
    status = BCryptHash(alg, NULL, 0, (UCHAR *)"abc", 3, digest, v->digest_size);
    to_hex(digest, v->digest_size, hex);
    ok(status == 0 && !strcmp(hex, v->abc), "BCryptHash %ls: %#lx %s", v->algorithm,
       (unsigned long)status, hex);

    /* HMAC. */
    status = BCryptOpenAlgorithmProvider(&hmac, v->algorithm, NULL, BCRYPT_ALG_HANDLE_HMAC_FLAG);
    ok(status == 0, "open HMAC-%ls: %#lx", v->algorithm, (unsigned long)status);
    if (!status) {
        static const char data[] = "what do ya want for nothing?";
        status = BCryptCreateHash(hmac, &hash, NULL, 0, (UCHAR *)"Jefe", 4, BCRYPT_HASH_REUSABLE_FLAG);
        ok(status == 0, "HMAC-%ls: create with a key: %#lx", v->algorithm, (unsigned long)status);
        /* Reusable: the same message twice gives the same MAC. */
        int round;
        for (round = 0; round < 2 && status == 0; round++) {
            ok(BCryptHashData(hash, (UCHAR *)data, sizeof(data) - 1, 0) == 0, "HMAC-%ls: data",
               v->algorithm);
            ok(BCryptFinishHash(hash, digest, v->digest_size, 0) == 0, "HMAC-%ls: finish", v->algorithm);
            to_hex(digest, v->digest_size, hex);
            ok(!strcmp(hex, v->jefe), "HMAC-%ls round %d = %s", v->algorithm, round, hex);
        }
        if (status == 0) ok(BCryptDestroyHash(hash) == 0, "HMAC-%ls: destroy", v->algorithm);
        memset(digest, 0, sizeof(digest));
        status = BCryptHash(hmac, (UCHAR *)"Jefe", 4, (UCHAR *)data, sizeof(data) - 1, digest,
                            v->digest_size);
        to_hex(digest, v->digest_size, hex);
        ok(status == 0 && !strcmp(hex, v->jefe), "BCryptHash HMAC-%ls: %#lx %s", v->algorithm,
           (unsigned long)status, hex);
        ok(BCryptCloseAlgorithmProvider(hmac, 0) == 0, "close HMAC-%ls", v->algorithm);
    }
    ok(BCryptCloseAlgorithmProvider(alg, 0) == 0, "close %ls", v->algorithm);
}

/* Longer inputs: FIPS 180-2's two-block SHA-256 message, a million 'a's
 * fed in uneven pieces to SHA-1, and RFC 4231's key longer than a block. */
static void test_long_inputs(void)
{
    static const char two_blocks[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    static const char big_key_data[] = "Test Using Larger Than Block-Size Key - Hash Key First";
    BCRYPT_ALG_HANDLE alg;
    BCRYPT_HASH_HANDLE hash;
    UCHAR digest[32], a_block[997], key[131];
    char hex[65];
    ULONG done, piece;

    ok(BCryptOpenAlgorithmProvider(&alg, BCRYPT_SHA256_ALGORITHM, NULL, 0) == 0, "open SHA256");
    ok(BCryptHash(alg, NULL, 0, (UCHAR *)two_blocks, sizeof(two_blocks) - 1, digest, 32) == 0,
       "SHA-256 of the two-block message");
    to_hex(digest, 32, hex);
    ok_str(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    BCryptCloseAlgorithmProvider(alg, 0);

    ok(BCryptOpenAlgorithmProvider(&alg, BCRYPT_SHA1_ALGORITHM, NULL, 0) == 0, "open SHA1");
    ok(BCryptCreateHash(alg, &hash, NULL, 0, NULL, 0, 0) == 0, "SHA-1 hash object from bcrypt");
    memset(a_block, 'a', sizeof(a_block));
    for (done = 0; done < 1000000; done += piece) {
        piece = 1000000 - done < sizeof(a_block) ? 1000000 - done : sizeof(a_block);
        if (BCryptHashData(hash, a_block, piece, 0)) break;
    }
    ok(done == 1000000, "a million 'a's hashed");
    ok(BCryptFinishHash(hash, digest, 20, 0) == 0, "finish");
    to_hex(digest, 20, hex);
    ok_str(hex, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    BCryptDestroyHash(hash);
    BCryptCloseAlgorithmProvider(alg, 0);

    ok(BCryptOpenAlgorithmProvider(&alg, BCRYPT_SHA256_ALGORITHM, MS_PRIMITIVE_PROVIDER,
                                   BCRYPT_ALG_HANDLE_HMAC_FLAG) == 0,
       "open HMAC-SHA256 from the primitive provider");
    memset(key, 0xaa, sizeof(key));
    ok(BCryptHash(alg, key, sizeof(key), (UCHAR *)big_key_data, sizeof(big_key_data) - 1, digest, 32) == 0,
       "HMAC-SHA256 with a 131-byte key");
    to_hex(digest, 32, hex);
    ok_str(hex, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    BCryptCloseAlgorithmProvider(alg, 0);
}

static void test_errors(void)
{
    BCRYPT_ALG_HANDLE alg = (BCRYPT_ALG_HANDLE)0x1234;
    BCRYPT_HASH_HANDLE hash;
    UCHAR digest[32];
    ULONG got;

    ok(BCryptOpenAlgorithmProvider(&alg, L"NOSUCHHASH", NULL, 0) == STATUS_NOT_FOUND,
       "an unknown algorithm is STATUS_NOT_FOUND");
    ok(BCryptOpenAlgorithmProvider(&alg, BCRYPT_SHA256_ALGORITHM, L"No Such Provider", 0) == STATUS_NOT_FOUND,
       "an unknown provider is STATUS_NOT_FOUND");
    ok(BCryptCreateHash(NULL, &hash, NULL, 0, NULL, 0, 0) == STATUS_INVALID_HANDLE,
       "BCryptCreateHash with no algorithm handle");
    ok(BCryptHashData(NULL, digest, 1, 0) == STATUS_INVALID_HANDLE, "BCryptHashData with no handle");
    ok(BCryptFinishHash(NULL, digest, 32, 0) == STATUS_INVALID_HANDLE, "BCryptFinishHash with no handle");
    ok(BCryptDestroyHash(NULL) == STATUS_INVALID_HANDLE, "BCryptDestroyHash with no handle");
    ok(BCryptCloseAlgorithmProvider(NULL, 0) == STATUS_INVALID_HANDLE, "close with no handle");
    ok(BCryptGetProperty(NULL, BCRYPT_HASH_LENGTH, digest, 4, &got, 0) == STATUS_INVALID_HANDLE,
       "BCryptGetProperty with no handle");

    ok(BCryptOpenAlgorithmProvider(&alg, BCRYPT_SHA256_ALGORITHM, NULL, 0) == 0, "open SHA256");
    ok(BCryptGetProperty(alg, L"NoSuchProperty", digest, 4, &got, 0) == STATUS_NOT_SUPPORTED,
       "an unknown property is STATUS_NOT_SUPPORTED");
    BCryptCloseAlgorithmProvider(alg, 0);

    /* Windows 10's pseudo-handles need no opening. */
    ok(BCryptHash(BCRYPT_SHA256_ALG_HANDLE, NULL, 0, (UCHAR *)"abc", 3, digest, 32) == 0,
       "BCryptHash with BCRYPT_SHA256_ALG_HANDLE");
    ok(digest[0] == 0xba && digest[31] == 0xad, "gives SHA-256(\"abc\")");
}

int main(void)
{
    size_t i;
    for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) test_algorithm(&vectors[i]);
    test_long_inputs();
    test_errors();
    return vt_summary();
}
