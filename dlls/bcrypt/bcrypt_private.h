// bcrypt's internal objects: an algorithm provider (what
// BCryptOpenAlgorithmProvider returns) and the lookup of handles, shared by
// the provider, property and hash files.
#pragma once

#include <nettle/nettle-meta.h>

#include <cstddef>
#include <cstdint>

#include "vine/bcrypt.h"

namespace vine::bcrypt {

enum class Kind { hash, rng };

// One algorithm as CNG names it; `hash` is nettle's description of it.
struct Algorithm {
    const char16_t* name;
    Kind kind;
    const nettle_hash* hash;  // null for the RNG
};

// Magic numbers at the start of each object, so a stale or foreign handle
// is refused with STATUS_INVALID_HANDLE instead of being used.
constexpr uint32_t provider_magic = 0x50524f56;  // "PROV"
constexpr uint32_t hash_magic = 0x48415348;      // "HASH"

struct Provider {
    uint32_t magic;
    const Algorithm* algorithm;
    ULONG flags;       // BCRYPT_ALG_HANDLE_HMAC_FLAG, BCRYPT_HASH_REUSABLE_FLAG
    bool pseudo;       // one of the fixed BCRYPT_*_ALG_HANDLE values
};

// The provider behind an algorithm handle (an opened one or a pseudo-handle),
// or null.
const Provider* provider_from_handle(BCRYPT_ALG_HANDLE handle);

// Largest nettle context among the supported hashes (SHA-512's).
constexpr size_t max_context_size = 256;

// A hash or HMAC object. It lives in the caller's pbHashObject buffer when
// one is given (as CNG documents) or in memory bcrypt allocates; nettle's
// contexts are plain structures, so copying the object duplicates the hash.
struct HashObject {
    uint32_t magic;
    bool owned;        // allocated by bcrypt, freed by BCryptDestroyHash
    bool hmac;
    bool reusable;
    const Algorithm* algorithm;
    alignas(16) uint8_t state[max_context_size];
    alignas(16) uint8_t inner[max_context_size];  // HMAC: key ^ ipad absorbed
    alignas(16) uint8_t outer[max_context_size];  // HMAC: key ^ opad absorbed
};

HashObject* hash_from_handle(BCRYPT_HASH_HANDLE handle);

// The size of the object BCryptCreateHash keeps in the caller's buffer
// (BCRYPT_OBJECT_LENGTH).
constexpr ULONG hash_object_length = sizeof(HashObject);

}  // namespace vine::bcrypt
