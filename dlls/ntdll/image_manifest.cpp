// Finds RT_MANIFEST (type 24; the first name, the first language) in the
// mapped EXE's resource directory. Every offset is checked against the
// resource section's size, since the image is the program's.
#include "image_manifest.h"

#include <cstring>

#include "ntdll_private.h"
#include "vine/pe_format.h"
#include "vine/teb.h"

namespace ntdll {

namespace {

struct Resources {
    const unsigned char* base;  // the resource directory
    size_t size;
    const unsigned char* image;
    size_t image_size;
};

const IMAGE_RESOURCE_DIRECTORY_ENTRY* first_entry(const Resources& r, DWORD offset, bool want_id, WORD id) {
    if (offset > r.size || r.size - offset < sizeof(IMAGE_RESOURCE_DIRECTORY)) return nullptr;
    IMAGE_RESOURCE_DIRECTORY dir;
    memcpy(&dir, r.base + offset, sizeof(dir));
    size_t count = size_t{dir.NumberOfNamedEntries} + dir.NumberOfIdEntries;
    size_t entries = offset + sizeof(dir);
    if (count > (r.size - entries) / sizeof(IMAGE_RESOURCE_DIRECTORY_ENTRY)) return nullptr;
    auto* list = reinterpret_cast<const IMAGE_RESOURCE_DIRECTORY_ENTRY*>(r.base + entries);
    for (size_t i = 0; i < count; ++i)
        if (!want_id || (!(list[i].Name & 0x80000000) && (list[i].Name & 0xffff) == id)) return &list[i];
    return nullptr;
}

}  // namespace

std::string_view exe_manifest() {
    auto* image = static_cast<const unsigned char*>(current_teb()->ProcessEnvironmentBlock->ImageBaseAddress);
    if (!image) return {};
    IMAGE_DOS_HEADER dos;
    memcpy(&dos, image, sizeof(dos));
    IMAGE_NT_HEADERS64 nt;
    memcpy(&nt, image + dos.e_lfanew, sizeof(nt));
    size_t image_size = nt.OptionalHeader.SizeOfImage;
    if (nt.OptionalHeader.NumberOfRvaAndSizes <= IMAGE_DIRECTORY_ENTRY_RESOURCE) return {};
    IMAGE_DATA_DIRECTORY dir = nt.OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_RESOURCE];
    if (!dir.VirtualAddress || dir.VirtualAddress > image_size || dir.Size > image_size - dir.VirtualAddress) return {};
    Resources r{image + dir.VirtualAddress, dir.Size, image, image_size};
    const IMAGE_RESOURCE_DIRECTORY_ENTRY* entry = first_entry(r, 0, true, RT_MANIFEST_ID);
    for (int level = 0; entry && level < 2; ++level) {
        if (!(entry->OffsetToData & 0x80000000)) return {};
        entry = first_entry(r, entry->OffsetToData & 0x7fffffff, false, 0);
    }
    if (!entry || (entry->OffsetToData & 0x80000000)) return {};
    DWORD offset = entry->OffsetToData;
    if (offset > r.size || r.size - offset < sizeof(IMAGE_RESOURCE_DATA_ENTRY)) return {};
    IMAGE_RESOURCE_DATA_ENTRY data;
    memcpy(&data, r.base + offset, sizeof(data));
    if (data.OffsetToData > image_size || data.Size > image_size - data.OffsetToData) return {};
    return std::string_view(reinterpret_cast<const char*>(image + data.OffsetToData), data.Size);
}

bool manifest_wants_utf8(std::string_view manifest) {
    // <activeCodePage> holds "UTF-8" (any case), maybe with white space; the
    // element may carry a namespace prefix.
    size_t at = manifest.find("activeCodePage");
    while (at != std::string_view::npos && at > 0 && manifest[at - 1] != '<' && manifest[at - 1] != ':')
        at = manifest.find("activeCodePage", at + 1);
    if (at == std::string_view::npos) return false;
    size_t close = manifest.find('>', at);
    if (close == std::string_view::npos || manifest[close - 1] == '/') return false;
    std::string_view value = manifest.substr(close + 1);
    value = value.substr(0, value.find('<'));
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t' || value.front() == '\r' || value.front() == '\n'))
        value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r' || value.back() == '\n'))
        value.remove_suffix(1);
    if (value.size() != 5) return false;
    static const char kUtf8[] = "utf-8";
    for (size_t i = 0; i < 5; ++i)
        if ((value[i] | 0x20) != kUtf8[i]) return false;
    return true;
}

}  // namespace ntdll
