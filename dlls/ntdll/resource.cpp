// LdrFindResource_U and LdrAccessResource: a module's resources, found in
// its mapped image by the loader's validating PE reader (loader/resources.cpp).
// kernel32's FindResource, LoadResource and SizeofResource wrap these.
#include <vector>

#include "vine/loader.h"
#include "vine/ntstatus.h"
#include "vine/wintypes.h"

namespace {

struct LDR_RESOURCE_INFO {
    ULONG_PTR Type;
    ULONG_PTR Name;
    ULONG Language;
};

// An id below 64 KiB, or a pointer to a NUL-terminated name (kernel32
// has already turned "#123" into id 123).
vine::loader::ResourceKey key_of(ULONG_PTR value) {
    vine::loader::ResourceKey key;
    if (value < 0x10000) {
        key.id = static_cast<uint16_t>(value);
        return key;
    }
    key.named = true;
    for (const auto* text = reinterpret_cast<const char16_t*>(value); *text; ++text) key.name.push_back(*text);
    return key;
}

}  // namespace

VINE_EXPORT NTSTATUS LdrFindResource_U(HMODULE module, const LDR_RESOURCE_INFO* info, ULONG level,
                                       const void** entry) {
    // Only the full path (type, name, language) to a data entry; the
    // shallower levels name directories, which LdrFindResourceDirectory_U
    // would return.
    if (!info || !entry || level != 3) return STATUS_INVALID_PARAMETER;
    return vine::loader::find_resource(module, key_of(info->Type), key_of(info->Name),
                                       static_cast<uint16_t>(info->Language), entry);
}

VINE_EXPORT NTSTATUS LdrAccessResource(HMODULE module, const void* entry, void** data, ULONG* size) {
    if (!entry) return STATUS_INVALID_PARAMETER;
    const void* bytes = nullptr;
    uint32_t length = 0;
    NTSTATUS status = vine::loader::resource_bytes(module, entry, &bytes, &length);
    if (status != STATUS_SUCCESS) return status;
    if (data) *data = const_cast<void*>(bytes);
    if (size) *size = length;
    return STATUS_SUCCESS;
}
