// CNG (bcrypt.h) constants for host code. Values are the
// documented ones from the Windows SDK's bcrypt.h and ntstatus.h.
#pragma once

#include "vine/ntstatus.h"
#include "vine/wintypes.h"

using BCRYPT_HANDLE = void*;
using BCRYPT_ALG_HANDLE = void*;
using BCRYPT_HASH_HANDLE = void*;

// BCryptOpenAlgorithmProvider flags.
constexpr ULONG BCRYPT_ALG_HANDLE_HMAC_FLAG = 0x00000008;
constexpr ULONG BCRYPT_HASH_REUSABLE_FLAG = 0x00000020;
// BCryptGenRandom flags.
constexpr ULONG BCRYPT_RNG_USE_ENTROPY_IN_BUFFER = 0x00000001;
constexpr ULONG BCRYPT_USE_SYSTEM_PREFERRED_RNG = 0x00000002;

// Pseudo-handles usable without BCryptOpenAlgorithmProvider (Windows 10).
constexpr uintptr_t BCRYPT_MD5_ALG_HANDLE = 0x21;
constexpr uintptr_t BCRYPT_SHA1_ALG_HANDLE = 0x31;
constexpr uintptr_t BCRYPT_SHA256_ALG_HANDLE = 0x41;
constexpr uintptr_t BCRYPT_SHA384_ALG_HANDLE = 0x51;
constexpr uintptr_t BCRYPT_SHA512_ALG_HANDLE = 0x61;
constexpr uintptr_t BCRYPT_RNG_ALG_HANDLE = 0x81;
constexpr uintptr_t BCRYPT_HMAC_MD5_ALG_HANDLE = 0x91;
constexpr uintptr_t BCRYPT_HMAC_SHA1_ALG_HANDLE = 0xa1;
constexpr uintptr_t BCRYPT_HMAC_SHA256_ALG_HANDLE = 0xb1;
constexpr uintptr_t BCRYPT_HMAC_SHA384_ALG_HANDLE = 0xc1;
constexpr uintptr_t BCRYPT_HMAC_SHA512_ALG_HANDLE = 0xd1;
