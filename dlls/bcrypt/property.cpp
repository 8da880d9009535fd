// BCryptGetProperty: the sizes a caller needs before creating a hash
// (object, digest and block length) and the algorithm's name, asked of an
// algorithm handle or of a hash handle.
#include <cstring>
#include <string_view>

#include "bcrypt_private.h"

using namespace vine::bcrypt;

namespace {

NTSTATUS put_property(const void* value, ULONG size, UCHAR* output, ULONG output_size,
                      ULONG* result) {
    *result = size;
    if (!output) return STATUS_SUCCESS;
    if (output_size < size) return STATUS_BUFFER_TOO_SMALL;
    std::memcpy(output, value, size);
    return STATUS_SUCCESS;
}

}  // namespace

VINE_EXPORT NTSTATUS BCryptGetProperty(BCRYPT_HANDLE handle, const WCHAR* property, UCHAR* output,
                                       ULONG output_size, ULONG* result, ULONG flags) {
    const Algorithm* algorithm = nullptr;
    if (const Provider* provider = provider_from_handle(handle))
        algorithm = provider->algorithm;
    else if (const HashObject* hash = hash_from_handle(handle))
        algorithm = hash->algorithm;
    if (!algorithm) return STATUS_INVALID_HANDLE;
    if (!property || !result) return STATUS_INVALID_PARAMETER;
    std::u16string_view name = property;
    if (name == u"AlgorithmName") {
        std::u16string_view value = algorithm->name;
        return put_property(value.data(), static_cast<ULONG>((value.size() + 1) * sizeof(char16_t)),
                            output, output_size, result);
    }
    if (algorithm->kind != Kind::hash) return STATUS_NOT_SUPPORTED;
    ULONG value;
    if (name == u"ObjectLength")
        value = hash_object_length;
    else if (name == u"HashDigestLength")
        value = static_cast<ULONG>(algorithm->hash->digest_size);
    else if (name == u"HashBlockLength")
        value = static_cast<ULONG>(algorithm->hash->block_size);
    else
        return STATUS_NOT_SUPPORTED;
    return put_property(&value, sizeof(value), output, output_size, result);
}
