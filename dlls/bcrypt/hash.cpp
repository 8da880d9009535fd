// Hash and HMAC objects: BCryptCreateHash, HashData, FinishHash,
// DuplicateHash, DestroyHash and the one-call BCryptHash. Nettle does the
// arithmetic; HMAC is nettle's generic construction over the same hash.
#include <nettle/hmac.h>

#include <cstdlib>
#include <cstring>

#include "bcrypt_private.h"

namespace vine::bcrypt {

static_assert(sizeof(sha512_ctx) <= max_context_size && sizeof(sha256_ctx) <= max_context_size &&
              sizeof(sha1_ctx) <= max_context_size && sizeof(md5_ctx) <= max_context_size);

HashObject* hash_from_handle(BCRYPT_HASH_HANDLE handle) {
    if (!handle) return nullptr;
    auto* hash = static_cast<HashObject*>(handle);
    return hash->magic == hash_magic ? hash : nullptr;
}

namespace {

// Where a new object goes: the caller's buffer, or memory of our own when
// the caller passes none (allowed since Windows 7).
NTSTATUS place_object(UCHAR* buffer, ULONG size, HashObject** object) {
    if (!buffer) {
        if (size != 0) return STATUS_INVALID_PARAMETER;
        *object = static_cast<HashObject*>(std::aligned_alloc(alignof(HashObject), sizeof(HashObject)));
        if (!*object) return STATUS_NO_MEMORY;
        (*object)->owned = true;
        return STATUS_SUCCESS;
    }
    if (size < hash_object_length) return STATUS_BUFFER_TOO_SMALL;
    // A caller's buffer need not be 16-byte aligned; nettle's contexts only
    // need the alignment of their 64-bit words, which HeapAlloc gives.
    if (reinterpret_cast<uintptr_t>(buffer) % alignof(uint64_t) != 0) return STATUS_INVALID_PARAMETER;
    *object = reinterpret_cast<HashObject*>(buffer);
    (*object)->owned = false;
    return STATUS_SUCCESS;
}

void release_object(HashObject* hash) {
    bool owned = hash->owned;
    // Key material must not outlive the object.
    std::memset(static_cast<void*>(hash), 0, sizeof(*hash));
    if (owned) std::free(hash);
}

}  // namespace

}  // namespace vine::bcrypt

using namespace vine::bcrypt;

VINE_EXPORT NTSTATUS BCryptCreateHash(BCRYPT_ALG_HANDLE algorithm_handle, BCRYPT_HASH_HANDLE* handle,
                                      UCHAR* object, ULONG object_size, UCHAR* secret,
                                      ULONG secret_size, ULONG flags) {
    const Provider* provider = provider_from_handle(algorithm_handle);
    if (!provider) return STATUS_INVALID_HANDLE;
    if (provider->algorithm->kind != Kind::hash) return STATUS_NOT_SUPPORTED;
    if (!handle || (flags & ~BCRYPT_HASH_REUSABLE_FLAG)) return STATUS_INVALID_PARAMETER;
    bool hmac = provider->flags & BCRYPT_ALG_HANDLE_HMAC_FLAG;
    if (hmac && secret_size != 0 && !secret) return STATUS_INVALID_PARAMETER;
    HashObject* hash;
    if (NTSTATUS status = place_object(object, object_size, &hash); status != STATUS_SUCCESS)
        return status;
    const nettle_hash* meta = provider->algorithm->hash;
    hash->magic = hash_magic;
    hash->hmac = hmac;
    hash->reusable = (flags | provider->flags) & BCRYPT_HASH_REUSABLE_FLAG;
    hash->algorithm = provider->algorithm;
    if (hmac)
        hmac_set_key(hash->outer, hash->inner, hash->state, meta, secret_size, secret);
    else
        meta->init(hash->state);
    *handle = hash;
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS BCryptHashData(BCRYPT_HASH_HANDLE handle, UCHAR* input, ULONG input_size,
                                    ULONG flags) {
    HashObject* hash = hash_from_handle(handle);
    if (!hash) return STATUS_INVALID_HANDLE;
    if (flags != 0 || (input_size != 0 && !input)) return STATUS_INVALID_PARAMETER;
    hash->algorithm->hash->update(hash->state, input_size, input);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS BCryptFinishHash(BCRYPT_HASH_HANDLE handle, UCHAR* output, ULONG output_size,
                                      ULONG flags) {
    HashObject* hash = hash_from_handle(handle);
    if (!hash) return STATUS_INVALID_HANDLE;
    const nettle_hash* meta = hash->algorithm->hash;
    // CNG wants exactly the digest's size, neither more nor less.
    if (flags != 0 || !output || output_size != meta->digest_size) return STATUS_INVALID_PARAMETER;
    // Both leave the object ready for a new message, as a reusable hash
    // must be; CNG does not define reusing a non-reusable one.
    if (hash->hmac)
        hmac_digest(hash->outer, hash->inner, hash->state, meta, output_size, output);
    else
        meta->digest(hash->state, output_size, output);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS BCryptDuplicateHash(BCRYPT_HASH_HANDLE handle, BCRYPT_HASH_HANDLE* copy_handle,
                                         UCHAR* object, ULONG object_size, ULONG flags) {
    HashObject* hash = hash_from_handle(handle);
    if (!hash) return STATUS_INVALID_HANDLE;
    if (!copy_handle || flags != 0) return STATUS_INVALID_PARAMETER;
    HashObject* copy;
    if (NTSTATUS status = place_object(object, object_size, &copy); status != STATUS_SUCCESS)
        return status;
    bool owned = copy->owned;
    std::memcpy(static_cast<void*>(copy), hash, sizeof(*copy));
    copy->owned = owned;
    *copy_handle = copy;
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS BCryptDestroyHash(BCRYPT_HASH_HANDLE handle) {
    HashObject* hash = hash_from_handle(handle);
    if (!hash) return STATUS_INVALID_HANDLE;
    release_object(hash);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS BCryptHash(BCRYPT_ALG_HANDLE algorithm, UCHAR* secret, ULONG secret_size,
                                UCHAR* input, ULONG input_size, UCHAR* output, ULONG output_size) {
    BCRYPT_HASH_HANDLE hash;
    NTSTATUS status = BCryptCreateHash(algorithm, &hash, nullptr, 0, secret, secret_size, 0);
    if (status != STATUS_SUCCESS) return status;
    status = BCryptHashData(hash, input, input_size, 0);
    if (status == STATUS_SUCCESS) status = BCryptFinishHash(hash, output, output_size, 0);
    BCryptDestroyHash(hash);
    return status;
}
