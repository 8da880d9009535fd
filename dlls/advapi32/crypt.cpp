// The CryptoAPI calls programs use for random bytes and hashes: a
// verification context of the Microsoft base/enhanced/AES providers,
// CryptGenRandom, and MD5/SHA-1/SHA-2 hashes, all on bcrypt (CNG), as
// Windows' own providers sit on it. Key containers, keys, signing and
// encryption are not provided: an acquire that needs a key container fails
// as Windows fails for a missing one (NTE_BAD_KEYSET), creating one fails
// with ERROR_NOT_SUPPORTED, and a keyed hash with NTE_BAD_KEY.
#include <cstring>
#include <new>
#include <string>

#include "advapi32_private.h"
#include "vine/bcrypt.h"

extern "C" {
WINAPI NTSTATUS BCryptGenRandom(BCRYPT_ALG_HANDLE algorithm, UCHAR* buffer, ULONG size, ULONG flags);
WINAPI NTSTATUS BCryptCreateHash(BCRYPT_ALG_HANDLE algorithm, BCRYPT_HASH_HANDLE* hash, UCHAR* object,
                                 ULONG object_size, UCHAR* secret, ULONG secret_size, ULONG flags);
WINAPI NTSTATUS BCryptHashData(BCRYPT_HASH_HANDLE hash, UCHAR* input, ULONG size, ULONG flags);
WINAPI NTSTATUS BCryptFinishHash(BCRYPT_HASH_HANDLE hash, UCHAR* output, ULONG size, ULONG flags);
WINAPI NTSTATUS BCryptDuplicateHash(BCRYPT_HASH_HANDLE hash, BCRYPT_HASH_HANDLE* copy, UCHAR* object,
                                    ULONG object_size, ULONG flags);
WINAPI NTSTATUS BCryptDestroyHash(BCRYPT_HASH_HANDLE hash);
}

namespace {

using HCRYPTPROV = ULONG_PTR;
using HCRYPTHASH = ULONG_PTR;
using HCRYPTKEY = ULONG_PTR;
using ALG_ID = unsigned int;

// wincrypt.h / winerror.h values.
constexpr DWORD PROV_RSA_FULL = 1, PROV_RSA_SIG = 2, PROV_DSS = 3, PROV_DSS_DH = 13, PROV_RSA_SCHANNEL = 12,
                PROV_RSA_AES = 24;
constexpr DWORD CRYPT_VERIFYCONTEXT = 0xf0000000, CRYPT_NEWKEYSET = 0x8, CRYPT_DELETEKEYSET = 0x10,
                CRYPT_MACHINE_KEYSET = 0x20, CRYPT_SILENT = 0x40;
constexpr ALG_ID CALG_MD5 = 0x8003, CALG_SHA1 = 0x8004, CALG_SHA_256 = 0x800c, CALG_SHA_384 = 0x800d,
                 CALG_SHA_512 = 0x800e;
constexpr DWORD HP_ALGID = 1, HP_HASHVAL = 2, HP_HASHSIZE = 4;
constexpr DWORD NTE_BAD_HASH = 0x80090002, NTE_BAD_KEY = 0x80090003, NTE_BAD_FLAGS = 0x80090009,
                NTE_BAD_HASH_STATE = 0x8009000c, NTE_BAD_ALGID = 0x80090008, NTE_BAD_UID = 0x80090001,
                NTE_BAD_TYPE = 0x8009000a, NTE_BAD_KEYSET = 0x80090016, NTE_PROV_TYPE_NOT_DEF = 0x80090017;

constexpr uint32_t kProviderMagic = 0x76505256;  // "VRPv"
constexpr uint32_t kHashMagic = 0x76485348;      // "HSHv"

struct Provider {
    uint32_t magic = kProviderMagic;
    DWORD type;
    LONG references = 1;
};

struct Hash {
    uint32_t magic = kHashMagic;
    ALG_ID algorithm;
    DWORD size;
    BCRYPT_HASH_HANDLE cng;
    bool finished = false;
    UCHAR value[64];
};

Provider* provider_of(HCRYPTPROV handle) {
    auto* provider = reinterpret_cast<Provider*>(handle);
    return provider && provider->magic == kProviderMagic ? provider : nullptr;
}

Hash* hash_of(HCRYPTHASH handle) {
    auto* hash = reinterpret_cast<Hash*>(handle);
    return hash && hash->magic == kHashMagic ? hash : nullptr;
}

BOOL fail(DWORD error) {
    SetLastError(error);
    return FALSE;
}

// The CNG algorithm and digest size of a hash id; the SHA-2 family needs
// the AES provider type, as on Windows.
bool hash_algorithm(ALG_ID id, DWORD provider_type, uintptr_t& cng, DWORD& size) {
    switch (id) {
    case CALG_MD5: cng = BCRYPT_MD5_ALG_HANDLE, size = 16; return true;
    case CALG_SHA1: cng = BCRYPT_SHA1_ALG_HANDLE, size = 20; return true;
    case CALG_SHA_256: cng = BCRYPT_SHA256_ALG_HANDLE, size = 32; return provider_type == PROV_RSA_AES;
    case CALG_SHA_384: cng = BCRYPT_SHA384_ALG_HANDLE, size = 48; return provider_type == PROV_RSA_AES;
    case CALG_SHA_512: cng = BCRYPT_SHA512_ALG_HANDLE, size = 64; return provider_type == PROV_RSA_AES;
    default: return false;
    }
}

bool known_type(DWORD type) {
    return type == PROV_RSA_FULL || type == PROV_RSA_SIG || type == PROV_DSS || type == PROV_DSS_DH ||
           type == PROV_RSA_SCHANNEL || type == PROV_RSA_AES;
}

// Copies a parameter out with CryptGetHashParam's size rules.
BOOL give(const void* value, DWORD size, BYTE* data, DWORD* data_size) {
    if (!data_size) return fail(ERROR_INVALID_PARAMETER);
    DWORD room = *data_size;
    *data_size = size;
    if (!data) return TRUE;
    if (room < size) return fail(ERROR_MORE_DATA);
    memcpy(data, value, size);
    return TRUE;
}

}  // namespace

// Only verification contexts exist: Vine keeps no key containers, so an
// acquire that names or needs one fails as for a container that does not
// exist, and CRYPT_NEWKEYSET (making one) is refused as unsupported.
VINE_EXPORT BOOL CryptAcquireContextW(HCRYPTPROV* handle, LPCWSTR container, LPCWSTR provider_name, DWORD type,
                                      DWORD flags) {
    (void)provider_name;
    if (!handle) return fail(ERROR_INVALID_PARAMETER);
    *handle = 0;
    if (!known_type(type)) return fail(NTE_PROV_TYPE_NOT_DEF);
    if (flags & ~(CRYPT_VERIFYCONTEXT | CRYPT_NEWKEYSET | CRYPT_DELETEKEYSET | CRYPT_MACHINE_KEYSET | CRYPT_SILENT))
        return fail(NTE_BAD_FLAGS);
    if ((flags & CRYPT_VERIFYCONTEXT) != CRYPT_VERIFYCONTEXT) {
        if (flags & (CRYPT_NEWKEYSET | CRYPT_DELETEKEYSET)) return fail(ERROR_NOT_SUPPORTED);
        return fail(NTE_BAD_KEYSET);
    }
    if (container && *container) return fail(NTE_BAD_FLAGS);  // a verification context has no container
    auto* provider = new (std::nothrow) Provider{};
    if (!provider) return fail(ERROR_NOT_ENOUGH_MEMORY);
    provider->type = type;
    *handle = reinterpret_cast<HCRYPTPROV>(provider);
    return TRUE;
}

VINE_EXPORT BOOL CryptAcquireContextA(HCRYPTPROV* handle, LPCSTR container, LPCSTR provider_name, DWORD type,
                                      DWORD flags) {
    std::u16string wide = widen_ascii(container);
    (void)provider_name;
    return CryptAcquireContextW(handle, container ? wide.c_str() : nullptr, nullptr, type, flags);
}

VINE_EXPORT BOOL CryptContextAddRef(HCRYPTPROV handle, DWORD* reserved, DWORD flags) {
    Provider* provider = provider_of(handle);
    if (!provider) return fail(NTE_BAD_UID);
    if (reserved || flags) return fail(ERROR_INVALID_PARAMETER);
    __atomic_add_fetch(&provider->references, 1, __ATOMIC_RELAXED);
    return TRUE;
}

VINE_EXPORT BOOL CryptReleaseContext(HCRYPTPROV handle, DWORD flags) {
    Provider* provider = provider_of(handle);
    if (!provider) return fail(NTE_BAD_UID);
    if (__atomic_sub_fetch(&provider->references, 1, __ATOMIC_ACQ_REL) == 0) {
        provider->magic = 0;
        delete provider;
    }
    if (flags) return fail(NTE_BAD_FLAGS);
    return TRUE;
}

VINE_EXPORT BOOL CryptGenRandom(HCRYPTPROV handle, DWORD size, BYTE* buffer) {
    if (!provider_of(handle)) return fail(NTE_BAD_UID);
    if (size && !buffer) return fail(ERROR_INVALID_PARAMETER);
    return succeeded(BCryptGenRandom(nullptr, buffer, size, BCRYPT_USE_SYSTEM_PREFERRED_RNG));
}

VINE_EXPORT BOOL CryptCreateHash(HCRYPTPROV provider_handle, ALG_ID algorithm, HCRYPTKEY key, DWORD flags,
                                 HCRYPTHASH* handle) {
    Provider* provider = provider_of(provider_handle);
    if (!provider) return fail(NTE_BAD_UID);
    if (!handle) return fail(ERROR_INVALID_PARAMETER);
    if (flags) return fail(NTE_BAD_FLAGS);
    if (key) return fail(NTE_BAD_KEY);  // keyed hashes (HMAC, MAC) need keys, which Vine does not provide
    uintptr_t cng = 0;
    DWORD size = 0;
    if (!hash_algorithm(algorithm, provider->type, cng, size)) return fail(NTE_BAD_ALGID);
    auto* hash = new (std::nothrow) Hash{};
    if (!hash) return fail(ERROR_NOT_ENOUGH_MEMORY);
    hash->algorithm = algorithm;
    hash->size = size;
    if (!succeeded(BCryptCreateHash(reinterpret_cast<BCRYPT_ALG_HANDLE>(cng), &hash->cng, nullptr, 0, nullptr, 0, 0))) {
        delete hash;
        return FALSE;
    }
    *handle = reinterpret_cast<HCRYPTHASH>(hash);
    return TRUE;
}

VINE_EXPORT BOOL CryptHashData(HCRYPTHASH handle, const BYTE* data, DWORD size, DWORD flags) {
    Hash* hash = hash_of(handle);
    if (!hash) return fail(NTE_BAD_HASH);
    if (flags) return fail(NTE_BAD_FLAGS);
    if (hash->finished) return fail(NTE_BAD_HASH_STATE);
    if (size && !data) return fail(ERROR_INVALID_PARAMETER);
    return succeeded(BCryptHashData(hash->cng, const_cast<BYTE*>(data), size, 0));
}

VINE_EXPORT BOOL CryptGetHashParam(HCRYPTHASH handle, DWORD parameter, BYTE* data, DWORD* data_size, DWORD flags) {
    Hash* hash = hash_of(handle);
    if (!hash) return fail(NTE_BAD_HASH);
    if (flags) return fail(NTE_BAD_FLAGS);
    switch (parameter) {
    case HP_ALGID: return give(&hash->algorithm, sizeof(ALG_ID), data, data_size);
    case HP_HASHSIZE: return give(&hash->size, sizeof(DWORD), data, data_size);
    case HP_HASHVAL:
        // Reading the value ends the hash: more data is then refused.
        if (data && data_size && *data_size >= hash->size && !hash->finished) {
            if (!succeeded(BCryptFinishHash(hash->cng, hash->value, hash->size, 0))) return FALSE;
            hash->finished = true;
        }
        if (!hash->finished && data && data_size && *data_size < hash->size) {
            *data_size = hash->size;
            return fail(ERROR_MORE_DATA);
        }
        return give(hash->value, hash->size, hash->finished ? data : nullptr, data_size);
    default: return fail(NTE_BAD_TYPE);
    }
}

VINE_EXPORT BOOL CryptDuplicateHash(HCRYPTHASH handle, DWORD* reserved, DWORD flags, HCRYPTHASH* copy_handle) {
    Hash* hash = hash_of(handle);
    if (!hash) return fail(NTE_BAD_HASH);
    if (reserved || flags || !copy_handle) return fail(ERROR_INVALID_PARAMETER);
    auto* copy = new (std::nothrow) Hash(*hash);
    if (!copy) return fail(ERROR_NOT_ENOUGH_MEMORY);
    if (!hash->finished && !succeeded(BCryptDuplicateHash(hash->cng, &copy->cng, nullptr, 0, 0))) {
        delete copy;
        return FALSE;
    }
    if (hash->finished) copy->cng = nullptr;
    *copy_handle = reinterpret_cast<HCRYPTHASH>(copy);
    return TRUE;
}

VINE_EXPORT BOOL CryptDestroyHash(HCRYPTHASH handle) {
    Hash* hash = hash_of(handle);
    if (!hash) return fail(NTE_BAD_HASH);
    if (hash->cng) BCryptDestroyHash(hash->cng);
    hash->magic = 0;
    delete hash;
    return TRUE;
}
