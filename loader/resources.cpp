// Resources of loaded modules and of PE files on disk: the lookups behind
// FindResource, EnumResource*, LoadString and version.dll. The tree is read
// through PeImage's validating accessors every time, so a damaged or
// hostile .rsrc gives STATUS_INVALID_IMAGE_FORMAT, never a wild read.
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <initializer_list>
#include <mutex>
#include <optional>

#include "module.h"
#include "pe_image.h"
#include "vine/debug.h"
#include "vine/loader.h"
#include "vine/ntstatus.h"
#include "vine/paths.h"
#include "vine/ui_language.h"

namespace vine::loader {

namespace {

using pe::PeImage;
using pe::ResourceEntry;

bool matches(const ResourceEntry& entry, const ResourceKey& key) {
    if (entry.named != key.named) return false;
    return key.named ? paths::names_equal_ignoring_case(entry.name, key.name) : entry.id == key.id;
}

ResourceKey key_of(const ResourceEntry& entry) { return ResourceKey{entry.named, entry.id, entry.name}; }

NTSTATUS damaged(const Error& error) {
    WARN_("resource", "%s\n", error.message.c_str());
    return STATUS_INVALID_IMAGE_FORMAT;
}

// The subdirectory `key` names in the directory at `offset`.
NTSTATUS descend(const PeImage& image, uint32_t& offset, const ResourceKey& key, NTSTATUS missing) {
    auto entries = image.resource_directory(offset);
    if (!entries) return damaged(entries.error());
    for (const auto& entry : *entries)
        if (entry.directory && matches(entry, key)) {
            offset = entry.offset;
            return STATUS_SUCCESS;
        }
    return missing;
}

constexpr uint16_t primary_language(uint16_t language) { return language & 0x3ff; }

// The data entry of the best language in the language directory at
// `offset`: see find_resource in vine/loader.h.
NTSTATUS pick_language(const PeImage& image, uint32_t offset, uint16_t language, uint32_t& data_offset) {
    auto entries = image.resource_directory(offset);
    if (!entries) return damaged(entries.error());
    auto find = [&](uint16_t wanted) -> const ResourceEntry* {
        for (const auto& entry : *entries)
            if (!entry.directory && !entry.named && entry.id == wanted) return &entry;
        return nullptr;
    };
    const ResourceEntry* found = nullptr;
    if (language == 0) {
        // Neutral, then Vine's UI language and its primary language, the
        // process- and system-default neutrals; then whatever is there.
        const uint16_t ui = ui_language_id;
        for (uint16_t candidate : {uint16_t{0x0000}, ui, primary_language(ui), uint16_t{0x0400}, uint16_t{0x0800}})
            if ((found = find(candidate))) break;
    } else if (primary_language(language) != 0) {
        found = find(language);
        if (!found) return STATUS_RESOURCE_LANG_NOT_FOUND;
    }
    if (!found)
        for (const auto& entry : *entries)
            if (!entry.directory) {
                found = &entry;
                break;
            }
    if (!found) return STATUS_RESOURCE_LANG_NOT_FOUND;
    data_offset = found->offset;
    return STATUS_SUCCESS;
}

// Finds type/name/language in an image; `data_offset` is the data entry's
// offset from the resource directory's start.
NTSTATUS locate(const PeImage& image, const ResourceKey& type, const ResourceKey& name, uint16_t language,
                uint32_t& data_offset) {
    if (image.directory(IMAGE_DIRECTORY_ENTRY_RESOURCE).VirtualAddress == 0) return STATUS_RESOURCE_DATA_NOT_FOUND;
    uint32_t offset = 0;
    if (NTSTATUS status = descend(image, offset, type, STATUS_RESOURCE_TYPE_NOT_FOUND)) return status;
    if (NTSTATUS status = descend(image, offset, name, STATUS_RESOURCE_NAME_NOT_FOUND)) return status;
    return pick_language(image, offset, language, data_offset);
}

// The mapped image of a loaded module, parsed; nullopt if `module` is none.
std::optional<PeImage> image_of(HMODULE handle) {
    std::lock_guard guard(loader_mutex());
    Module* module = find_module(handle);
    if (!module) return std::nullopt;
    auto image = PeImage::parse(std::span<const uint8_t>(module->base, module->size), pe::Layout::Mapped);
    if (!image) {
        damaged(image.error());
        return std::nullopt;
    }
    return std::move(*image);
}

}  // namespace

NTSTATUS resource_entries(HMODULE module, const std::vector<ResourceKey>& path, std::vector<ResourceKey>& out) {
    auto image = image_of(module);
    if (!image) return STATUS_INVALID_HANDLE;
    if (image->directory(IMAGE_DIRECTORY_ENTRY_RESOURCE).VirtualAddress == 0) return STATUS_RESOURCE_DATA_NOT_FOUND;
    uint32_t offset = 0;
    const NTSTATUS missing[] = {STATUS_RESOURCE_TYPE_NOT_FOUND, STATUS_RESOURCE_NAME_NOT_FOUND};
    for (size_t level = 0; level < path.size() && level < 2; ++level)
        if (NTSTATUS status = descend(*image, offset, path[level], missing[level])) return status;
    auto entries = image->resource_directory(offset);
    if (!entries) return damaged(entries.error());
    out.clear();
    for (const auto& entry : *entries) out.push_back(key_of(entry));
    return STATUS_SUCCESS;
}

NTSTATUS find_resource(HMODULE module, const ResourceKey& type, const ResourceKey& name, uint16_t language,
                       const void** data_entry) {
    auto image = image_of(module);
    if (!image) return STATUS_INVALID_HANDLE;
    uint32_t data_offset = 0;
    if (NTSTATUS status = locate(*image, type, name, language, data_offset)) return status;
    // Checks that the entry describes bytes inside the image.
    auto data = image->resource_data(data_offset);
    if (!data) return damaged(data.error());
    const uint32_t root = image->directory(IMAGE_DIRECTORY_ENTRY_RESOURCE).VirtualAddress;
    *data_entry = image->bytes().data() + root + data_offset;
    return STATUS_SUCCESS;
}

NTSTATUS resource_bytes(HMODULE module, const void* data_entry, const void** data, uint32_t* size) {
    auto image = image_of(module);
    if (!image) return STATUS_INVALID_HANDLE;
    const uint32_t root = image->directory(IMAGE_DIRECTORY_ENTRY_RESOURCE).VirtualAddress;
    if (root == 0) return STATUS_RESOURCE_DATA_NOT_FOUND;
    auto* entry = static_cast<const uint8_t*>(data_entry);
    const uint8_t* start = image->bytes().data() + root;
    if (entry < start || entry >= image->bytes().data() + image->bytes().size()) return STATUS_RESOURCE_DATA_NOT_FOUND;
    auto found = image->resource_data(static_cast<uint32_t>(entry - start));
    if (!found) return damaged(found.error());
    *data = image->bytes().data() + found->rva;
    *size = found->size;
    return STATUS_SUCCESS;
}

NTSTATUS file_resource(std::u16string_view dos_path, const ResourceKey& type, const ResourceKey& name,
                       std::vector<uint8_t>& out) {
    std::optional<std::string> unix_path = paths::dos_to_unix(dos_path);
    if (!unix_path) return STATUS_OBJECT_PATH_NOT_FOUND;
    int fd = open(paths::lookup_ignoring_case(*unix_path).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno == ENOENT ? STATUS_OBJECT_NAME_NOT_FOUND : STATUS_ACCESS_DENIED;
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
        close(fd);
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    void* mapped = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (mapped == MAP_FAILED) return STATUS_NO_MEMORY;
    std::span<const uint8_t> bytes(static_cast<const uint8_t*>(mapped), static_cast<size_t>(st.st_size));
    NTSTATUS status = STATUS_SUCCESS;
    if (auto image = PeImage::parse(bytes, pe::Layout::File)) {
        uint32_t data_offset = 0;
        status = locate(*image, type, name, 0, data_offset);
        if (status == STATUS_SUCCESS) {
            auto data = image->resource_data(data_offset);
            if (!data) {
                status = damaged(data.error());
            } else if (auto view = image->bytes_at_rva(data->rva, data->size)) {
                out.assign(view->begin(), view->end());
            } else {
                status = damaged(view.error());
            }
        }
    } else {
        status = STATUS_INVALID_IMAGE_FORMAT;
    }
    munmap(mapped, static_cast<size_t>(st.st_size));
    return status;
}

}  // namespace vine::loader
