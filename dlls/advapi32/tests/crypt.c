/* CryptoAPI: verification contexts, CryptGenRandom, MD5/SHA-1/SHA-256
 * hashes (RFC 1321 and FIPS 180-2 test vectors), Windows' error codes. */
#include <windows.h>
#include <wincrypt.h>

#include "vinetest.h"

static void hex(const BYTE *data, DWORD size, char *out)
{
    for (DWORD i = 0; i < size; i++) sprintf(out + 2 * i, "%02x", data[i]);
}

static int hash_is(HCRYPTPROV prov, ALG_ID alg, const char *text, const char *expected)
{
    HCRYPTHASH hash;
    BYTE value[64];
    DWORD size = sizeof(value);
    char printed[129];
    if (!CryptCreateHash(prov, alg, 0, 0, &hash)) return 0;
    CryptHashData(hash, (const BYTE *)text, (DWORD)strlen(text), 0);
    if (!CryptGetHashParam(hash, HP_HASHVAL, value, &size, 0)) return 0;
    CryptDestroyHash(hash);
    hex(value, size, printed);
    return !strcmp(printed, expected);
}

int main(void)
{
    HCRYPTPROV prov = 0, aes = 0;
    HCRYPTHASH hash;
    BYTE a[32] = {0}, b[32] = {0}, value[64];
    DWORD size, algid;

    ok(CryptAcquireContextW(&prov, NULL, NULL, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT), "verification context");
    ok(CryptGenRandom(prov, sizeof(a), a) && CryptGenRandom(prov, sizeof(b), b) && memcmp(a, b, sizeof(a)),
       "CryptGenRandom gives different bytes each time");

    ok(hash_is(prov, CALG_MD5, "abc", "900150983cd24fb0d6963f7d28e17f72"), "MD5 abc");
    ok(hash_is(prov, CALG_SHA1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"), "SHA-1 abc");
    SetLastError(0);
    ok(!CryptCreateHash(prov, CALG_SHA_256, 0, 0, &hash) && GetLastError() == NTE_BAD_ALGID,
       "SHA-256 needs the AES provider: %lx", GetLastError());

    ok(CryptAcquireContextA(&aes, NULL, NULL, PROV_RSA_AES, CRYPT_VERIFYCONTEXT), "AES provider");
    ok(hash_is(aes, CALG_SHA_256, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
       "SHA-256 abc");
    ok(hash_is(aes, CALG_SHA_512, "",
               "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
               "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"),
       "SHA-512 of nothing");

    ok(CryptCreateHash(aes, CALG_SHA1, 0, 0, &hash), "create");
    size = sizeof(algid);
    ok(CryptGetHashParam(hash, HP_ALGID, (BYTE *)&algid, &size, 0) && algid == CALG_SHA1, "HP_ALGID");
    size = sizeof(algid);
    ok(CryptGetHashParam(hash, HP_HASHSIZE, (BYTE *)&algid, &size, 0) && algid == 20, "HP_HASHSIZE");
    size = 0;
    ok(CryptGetHashParam(hash, HP_HASHVAL, NULL, &size, 0) && size == 20, "size query");
    size = 4;
    SetLastError(0);
    ok(!CryptGetHashParam(hash, HP_HASHVAL, value, &size, 0) && GetLastError() == ERROR_MORE_DATA && size == 20,
       "short buffer: %lu", GetLastError());
    size = sizeof(value);
    ok(CryptGetHashParam(hash, HP_HASHVAL, value, &size, 0) && size == 20, "value");
    SetLastError(0);
    ok(!CryptHashData(hash, (const BYTE *)"x", 1, 0) && GetLastError() == NTE_BAD_HASH_STATE,
       "no data after the value was read: %lx", GetLastError());
    ok(CryptDestroyHash(hash), "destroy");

    SetLastError(0);
    ok(!CryptCreateHash(prov, 0x1234, 0, 0, &hash) && GetLastError() == NTE_BAD_ALGID, "unknown algorithm");
    SetLastError(0);
    ok(!CryptAcquireContextW(&prov, NULL, NULL, 999, CRYPT_VERIFYCONTEXT) && GetLastError() == NTE_PROV_TYPE_NOT_DEF,
       "unknown provider type: %lx", GetLastError());
    ok(CryptReleaseContext(aes, 0), "release");
    return vt_summary();
}
