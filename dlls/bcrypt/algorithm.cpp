// BCryptOpenAlgorithmProvider / BCryptCloseAlgorithmProvider: the table of
// algorithms Vine's bcrypt provides, and the handles naming them. The hashes
// are GNU Nettle's (Debian's nettle-dev), so Vine carries no hash code of its
// own.
#include <nettle/nettle-meta.h>

#include <cstdlib>
#include <iterator>
#include <string_view>

#include "bcrypt_private.h"
#include "vine/unicode.h"

namespace vine::bcrypt {
namespace {

const Algorithm algorithms[] = {
    {u"MD5", Kind::hash, &nettle_md5},
    {u"SHA1", Kind::hash, &nettle_sha1},
    {u"SHA256", Kind::hash, &nettle_sha256},
    {u"SHA384", Kind::hash, &nettle_sha384},
    {u"SHA512", Kind::hash, &nettle_sha512},
    {u"RNG", Kind::rng, nullptr},
};

const Algorithm* find_algorithm(std::u16string_view name) {
    for (const Algorithm& algorithm : algorithms)
        if (equal_ignore_case(name, algorithm.name)) return &algorithm;
    return nullptr;
}

// The Windows 10 pseudo-handles, each a fixed provider that is never opened
// or closed.
struct PseudoHandle {
    uintptr_t value;
    Provider provider;
};
constexpr ULONG hmac = BCRYPT_ALG_HANDLE_HMAC_FLAG;
const PseudoHandle pseudo_handles[] = {
    {BCRYPT_MD5_ALG_HANDLE, {provider_magic, &algorithms[0], 0, true}},
    {BCRYPT_SHA1_ALG_HANDLE, {provider_magic, &algorithms[1], 0, true}},
    {BCRYPT_SHA256_ALG_HANDLE, {provider_magic, &algorithms[2], 0, true}},
    {BCRYPT_SHA384_ALG_HANDLE, {provider_magic, &algorithms[3], 0, true}},
    {BCRYPT_SHA512_ALG_HANDLE, {provider_magic, &algorithms[4], 0, true}},
    {BCRYPT_RNG_ALG_HANDLE, {provider_magic, &algorithms[5], 0, true}},
    {BCRYPT_HMAC_MD5_ALG_HANDLE, {provider_magic, &algorithms[0], hmac, true}},
    {BCRYPT_HMAC_SHA1_ALG_HANDLE, {provider_magic, &algorithms[1], hmac, true}},
    {BCRYPT_HMAC_SHA256_ALG_HANDLE, {provider_magic, &algorithms[2], hmac, true}},
    {BCRYPT_HMAC_SHA384_ALG_HANDLE, {provider_magic, &algorithms[3], hmac, true}},
    {BCRYPT_HMAC_SHA512_ALG_HANDLE, {provider_magic, &algorithms[4], hmac, true}},
};

const Provider* pseudo_provider(uintptr_t value) {
    for (const PseudoHandle& pseudo : pseudo_handles)
        if (pseudo.value == value) return &pseudo.provider;
    return nullptr;
}

constexpr std::u16string_view primitive_provider = u"Microsoft Primitive Provider";

}  // namespace

const Provider* provider_from_handle(BCRYPT_ALG_HANDLE handle) {
    auto value = reinterpret_cast<uintptr_t>(handle);
    if (value == 0) return nullptr;
    // Pseudo-handles are small odd numbers; no allocation lives there.
    if (value < 0x1000) return pseudo_provider(value);
    auto* provider = static_cast<const Provider*>(handle);
    return provider->magic == provider_magic ? provider : nullptr;
}

}  // namespace vine::bcrypt

using namespace vine::bcrypt;

VINE_EXPORT NTSTATUS BCryptOpenAlgorithmProvider(BCRYPT_ALG_HANDLE* handle, const WCHAR* id,
                                                 const WCHAR* implementation, ULONG flags) {
    if (!handle || !id) return STATUS_INVALID_PARAMETER;
    if (flags & ~(BCRYPT_ALG_HANDLE_HMAC_FLAG | BCRYPT_HASH_REUSABLE_FLAG))
        return STATUS_INVALID_PARAMETER;
    // Only the primitive provider exists here, as on a default Windows.
    if (implementation && !vine::equal_ignore_case(implementation, primitive_provider))
        return STATUS_NOT_FOUND;
    const Algorithm* algorithm = find_algorithm(id);
    if (!algorithm) return STATUS_NOT_FOUND;
    if ((flags & BCRYPT_ALG_HANDLE_HMAC_FLAG) && algorithm->kind != Kind::hash)
        return STATUS_NOT_SUPPORTED;
    auto* provider = static_cast<Provider*>(std::malloc(sizeof(Provider)));
    if (!provider) return STATUS_NO_MEMORY;
    *provider = {provider_magic, algorithm, flags, false};
    *handle = provider;
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS BCryptCloseAlgorithmProvider(BCRYPT_ALG_HANDLE handle, ULONG flags) {
    auto* provider = const_cast<Provider*>(provider_from_handle(handle));
    // Pseudo-handles are not opened, so they cannot be closed either.
    if (!provider || provider->pseudo) return STATUS_INVALID_HANDLE;
    provider->magic = 0;
    std::free(provider);
    return STATUS_SUCCESS;
}
