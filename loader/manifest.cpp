// The EXE's application manifest (its RT_MANIFEST resource, ID 1) and the
// Windows versions its <compatibility> section declares (supportedOS Ids),
// which decide what GetVersionEx tells the program: Windows lies to
// programs that do not say they know the newer versions.
#include "manifest.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>
#include <string>

#include "pe_image.h"

namespace vine::manifest {
namespace {

constexpr int kResourceDirectory = 2;
constexpr uint32_t RT_MANIFEST = 24;
constexpr uint32_t CREATEPROCESS_MANIFEST_RESOURCE_ID = 1;
constexpr uint32_t kSubdirectory = 0x80000000u, kNamed = 0x80000000u;

uint32_t supported = 0;

uint32_t read32(std::span<const uint8_t> bytes, size_t at) {
    uint32_t value;
    memcpy(&value, bytes.data() + at, 4);
    return value;
}

// The entry of the resource directory at `offset` whose numeric id is `id`
// (the first id entry when `id` is 0); its OffsetToData, or nullopt.
std::optional<uint32_t> find_entry(std::span<const uint8_t> resources, uint32_t offset, uint32_t id) {
    if (offset > resources.size() || resources.size() - offset < 16) return std::nullopt;
    uint16_t named, ids;
    memcpy(&named, resources.data() + offset + 12, 2);
    memcpy(&ids, resources.data() + offset + 14, 2);
    size_t first = offset + 16 + size_t{named} * 8, end = first + size_t{ids} * 8;
    if (end > resources.size()) return std::nullopt;
    for (size_t at = first; at < end; at += 8) {
        uint32_t name = read32(resources, at);
        if (name & kNamed) continue;
        if (id == 0 || name == id) return read32(resources, at + 4);
    }
    return std::nullopt;
}

// The manifest's text, or nullopt when the image has none (or a broken
// resource directory, which Windows would refuse to run with a manifest).
std::optional<std::string> manifest_text(const pe::PeImage& image) {
    IMAGE_DATA_DIRECTORY directory = image.directory(kResourceDirectory);
    if (!directory.VirtualAddress || !directory.Size) return std::nullopt;
    auto resources = image.bytes_at_rva(directory.VirtualAddress, directory.Size);
    if (!resources) return std::nullopt;
    // type -> name -> language -> data entry
    auto type = find_entry(*resources, 0, RT_MANIFEST);
    if (!type || !(*type & kSubdirectory)) return std::nullopt;
    auto name = find_entry(*resources, *type & ~kSubdirectory, CREATEPROCESS_MANIFEST_RESOURCE_ID);
    if (!name || !(*name & kSubdirectory)) return std::nullopt;
    auto language = find_entry(*resources, *name & ~kSubdirectory, 0);
    if (!language || (*language & kSubdirectory) || *language > resources->size() ||
        resources->size() - *language < 16)
        return std::nullopt;
    auto data = image.bytes_at_rva(read32(*resources, *language), read32(*resources, *language + 4));
    if (!data) return std::nullopt;
    return std::string(reinterpret_cast<const char*>(data->data()), data->size());
}

}  // namespace

uint32_t supported_os(std::string_view manifest) {
    std::string text(manifest);
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    // The GUIDs Microsoft documents for <supportedOS Id="...">, newest first.
    const struct {
        const char* guid;
        uint32_t version;
    } known[] = {
        {"{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}", loader::kWindows10},
        {"{1f676c76-80e1-4239-95bb-83d0f6d0da78}", loader::kWindows81},
        {"{4a2f28e3-53b9-4441-ba9c-d69d4a4a6e38}", loader::kWindows8},
        {"{35138b9a-5d96-4fbd-8e2d-a2440225f93a}", loader::kWindows7},
        {"{e2011457-1546-43c5-a5fe-008deee3d3f0}", loader::kWindowsVista},
    };
    for (const auto& os : known) {
        // Only inside a supportedOS element: a GUID elsewhere means nothing.
        for (size_t at = text.find(os.guid); at != std::string::npos; at = text.find(os.guid, at + 1)) {
            size_t element = text.rfind('<', at);
            if (element != std::string::npos && text.compare(element, 12, "<supportedos") == 0 &&
                text.find('>', element) > at)
                return os.version;
        }
    }
    return 0;
}

void record_exe(const uint8_t* base, size_t size) {
    auto image = pe::PeImage::parse(std::span<const uint8_t>(base, size), pe::Layout::Mapped);
    if (!image) return;
    if (auto text = manifest_text(*image)) supported = supported_os(*text);
}

}  // namespace vine::manifest

uint32_t vine::loader::exe_supported_os() { return manifest::supported; }
