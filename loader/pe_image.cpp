// The validating PE32+ reader. Every read goes through read_at() or a span
// obtained from locate(), both of which check the bounds first with 64-bit
// arithmetic (all inputs are at most 32 bits wide, so sums cannot wrap).
#include "pe_image.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>

namespace vine::pe {
namespace {

constexpr uint32_t kPageSize = 0x1000;
// Fixed fields of IMAGE_OPTIONAL_HEADER64 before DataDirectory.
constexpr uint32_t kOptionalHeaderFixedSize = offsetof(IMAGE_OPTIONAL_HEADER64, DataDirectory);
constexpr uint32_t kNtFixedSize = sizeof(DWORD) + sizeof(IMAGE_FILE_HEADER);
// Bounds on work per accessor, far above anything a real image needs.
constexpr size_t kMaxImportedSymbols = 1u << 20;
constexpr uint32_t kMaxImportNameLength = 4096;
constexpr uint32_t kMaxDllNameLength = 1024;

__attribute__((format(printf, 1, 2))) Error fail(const char* format, ...) {
    char buffer[512];
    va_list args;
    va_start(args, format);
    std::vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    return make_error(buffer);
}

Error prefixed(const std::string& prefix, const Error& error) {
    return make_error(prefix + ": " + error.message);
}

using ull = unsigned long long;

std::string hex_string(uint64_t value) {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "0x%llx", ull(value));
    return buffer;
}

template <typename T>
bool read_at(std::span<const uint8_t> bytes, uint64_t offset, T& out) {
    if (offset > bytes.size() || sizeof(T) > bytes.size() - offset) return false;
    std::memcpy(&out, bytes.data() + offset, sizeof(T));
    return true;
}

bool is_power_of_two(uint32_t value) { return value != 0 && (value & (value - 1)) == 0; }

// VirtualSize 0 means "use SizeOfRawData", as the Windows loader does.
uint32_t virtual_size(const IMAGE_SECTION_HEADER& section) {
    return section.VirtualSize != 0 ? section.VirtualSize : section.SizeOfRawData;
}

// The bytes of the section that come from the file.
uint32_t raw_size_in_image(const IMAGE_SECTION_HEADER& section) {
    return std::min(section.SizeOfRawData, virtual_size(section));
}

std::string printable_name(const IMAGE_SECTION_HEADER& section) {
    std::string name;
    for (BYTE c : section.Name) {
        if (c == 0) break;
        name += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
    }
    return name.empty() ? std::string("(unnamed)") : name;
}

const char* machine_name(WORD machine) {
    switch (machine) {
    case IMAGE_FILE_MACHINE_I386: return "i386";
    case IMAGE_FILE_MACHINE_AMD64: return "x86-64";
    case 0x01c0: return "ARM";
    case 0x01c4: return "ARMv7 Thumb-2";
    case 0xaa64: return "ARM64";
    case 0xa641: return "ARM64EC";
    case 0x0200: return "Itanium";
    case 0x0000: return "unknown";
    default: return "unrecognised";
    }
}

const char* relocation_type_name(unsigned type) {
    switch (type) {
    case 1: return "IMAGE_REL_BASED_HIGH";
    case 2: return "IMAGE_REL_BASED_LOW";
    case 4: return "IMAGE_REL_BASED_HIGHADJ";
    case 5: return "IMAGE_REL_BASED_MIPS_JMPADDR/ARM_MOV32";
    case 6: return "reserved type 6";
    case 7: return "IMAGE_REL_BASED_THUMB_MOV32";
    case 8: return "IMAGE_REL_BASED_RISCV_LOW12S";
    case 9: return "IMAGE_REL_BASED_MIPS_JMPADDR16";
    default: return "undefined type";
    }
}

// A DLL name is looked up as a file name: no directories, no control bytes.
Expected<void> check_dll_name(std::string_view name, uint32_t rva) {
    if (name.empty()) return fail("DLL name at RVA 0x%x is empty", rva);
    for (char c : name) {
        const auto byte = static_cast<uint8_t>(c);
        if (byte < 0x20 || byte == 0x7f || c == '/' || c == '\\')
            return fail("DLL name at RVA 0x%x contains byte 0x%02x (control characters and path separators are not "
                        "allowed)",
                        rva, byte);
    }
    return {};
}

bool all_zero(const void* data, size_t size) {
    const auto* p = static_cast<const uint8_t*>(data);
    return std::all_of(p, p + size, [](uint8_t b) { return b == 0; });
}

}  // namespace

// ---------------------------------------------------------------- headers --

Expected<PeImage> PeImage::parse(std::span<const uint8_t> bytes, Layout layout) {
    PeImage image(bytes, layout);
    const size_t file_size = bytes.size();
    const char* buffer_name = layout == Layout::File ? "the file" : "the mapped image";

    if (!read_at(bytes, 0, image.dos_))
        return fail("truncated DOS header (0x%zx bytes, need 0x%zx)", file_size, sizeof(IMAGE_DOS_HEADER));
    if (image.dos_.e_magic != IMAGE_DOS_SIGNATURE)
        return fail("bad DOS signature 0x%04x (expected 0x5a4d \"MZ\")", image.dos_.e_magic);

    const uint32_t lfanew = static_cast<uint32_t>(image.dos_.e_lfanew);
    if (image.dos_.e_lfanew < 0 || lfanew >= file_size)
        return fail("e_lfanew 0x%x points past the end of %s (size 0x%zx)", lfanew, buffer_name, file_size);
    image.nt_offset_ = lfanew;

    DWORD signature = 0;
    IMAGE_FILE_HEADER file_header{};
    if (!read_at(bytes, lfanew, signature) || !read_at(bytes, uint64_t{lfanew} + 4, file_header))
        return fail("truncated NT headers at 0x%x (0x%zx bytes left, the signature and file header need 0x%x)",
                    lfanew, file_size - lfanew, kNtFixedSize);
    if (signature != IMAGE_NT_SIGNATURE)
        return fail("bad PE signature 0x%08x at 0x%x (expected 0x00004550 \"PE\\0\\0\")", signature, lfanew);

    const uint64_t optional_offset = uint64_t{lfanew} + kNtFixedSize;
    WORD magic = 0;
    if (file_header.SizeOfOptionalHeader < sizeof magic || !read_at(bytes, optional_offset, magic))
        return fail("truncated optional header at 0x%llx (SizeOfOptionalHeader 0x%x, %s is 0x%zx bytes)",
                    ull(optional_offset), file_header.SizeOfOptionalHeader, buffer_name, file_size);
    if (magic == IMAGE_NT_OPTIONAL_HDR32_MAGIC)
        return fail("this is a 32-bit PE32 image (optional header magic 0x10b, machine 0x%x %s); only x86-64 "
                    "PE32+ images are supported",
                    file_header.Machine, machine_name(file_header.Machine));
    if (magic != IMAGE_NT_OPTIONAL_HDR64_MAGIC)
        return fail("unknown optional header magic 0x%x (expected 0x20b, PE32+)", magic);
    if (file_header.Machine != IMAGE_FILE_MACHINE_AMD64)
        return fail("machine 0x%x (%s) is not x86-64 (0x8664); only x86-64 PE32+ images are supported",
                    file_header.Machine, machine_name(file_header.Machine));

    const uint32_t optional_size = file_header.SizeOfOptionalHeader;
    if (optional_size < kOptionalHeaderFixedSize)
        return fail("SizeOfOptionalHeader 0x%x is smaller than the PE32+ fixed fields (0x%x)", optional_size,
                    kOptionalHeaderFixedSize);
    if (optional_offset + optional_size > file_size)
        return fail("truncated optional header [0x%llx,0x%llx) (%s is 0x%zx bytes)", ull(optional_offset),
                    ull(optional_offset + optional_size), buffer_name, file_size);

    image.nt_.Signature = signature;
    image.nt_.FileHeader = file_header;
    std::memcpy(&image.nt_.OptionalHeader, bytes.data() + optional_offset,
                std::min<size_t>(optional_size, sizeof(IMAGE_OPTIONAL_HEADER64)));
    IMAGE_OPTIONAL_HEADER64& opt = image.nt_.OptionalHeader;

    if (opt.NumberOfRvaAndSizes > IMAGE_NUMBEROF_DIRECTORY_ENTRIES)
        return fail("NumberOfRvaAndSizes %u is more than %d", opt.NumberOfRvaAndSizes,
                    IMAGE_NUMBEROF_DIRECTORY_ENTRIES);
    const uint32_t directories_end = kOptionalHeaderFixedSize + opt.NumberOfRvaAndSizes * sizeof(IMAGE_DATA_DIRECTORY);
    if (optional_size < directories_end)
        return fail("SizeOfOptionalHeader 0x%x is too small for NumberOfRvaAndSizes %u (need 0x%x)", optional_size,
                    opt.NumberOfRvaAndSizes, directories_end);
    for (uint32_t i = opt.NumberOfRvaAndSizes; i < IMAGE_NUMBEROF_DIRECTORY_ENTRIES; ++i)
        opt.DataDirectory[i] = IMAGE_DATA_DIRECTORY{0, 0};

    if (!is_power_of_two(opt.SectionAlignment))
        return fail("SectionAlignment 0x%x is not a power of two", opt.SectionAlignment);
    if (!is_power_of_two(opt.FileAlignment))
        return fail("FileAlignment 0x%x is not a power of two", opt.FileAlignment);
    const bool low_alignment = opt.SectionAlignment < kPageSize && opt.FileAlignment < kPageSize;
    if (!low_alignment && opt.FileAlignment > opt.SectionAlignment)
        return fail("FileAlignment 0x%x is larger than SectionAlignment 0x%x", opt.FileAlignment,
                    opt.SectionAlignment);

    if (opt.SizeOfImage == 0) return fail("SizeOfImage is 0");
    if (opt.SizeOfHeaders > opt.SizeOfImage)
        return fail("SizeOfHeaders 0x%x is larger than SizeOfImage 0x%x", opt.SizeOfHeaders, opt.SizeOfImage);
    if (opt.AddressOfEntryPoint >= opt.SizeOfImage)
        return fail("AddressOfEntryPoint 0x%x is outside the image (SizeOfImage 0x%x)", opt.AddressOfEntryPoint,
                    opt.SizeOfImage);
    if (layout == Layout::Mapped && file_size < opt.SizeOfImage)
        return fail("the mapped image is 0x%zx bytes, less than SizeOfImage 0x%x", file_size, opt.SizeOfImage);

    const uint64_t table_offset = optional_offset + optional_size;
    const uint64_t table_end = table_offset + uint64_t{file_header.NumberOfSections} * sizeof(IMAGE_SECTION_HEADER);
    if (table_end > file_size)
        return fail("section table [0x%llx,0x%llx) (%u sections) lies past the end of %s (size 0x%zx)",
                    ull(table_offset), ull(table_end), file_header.NumberOfSections, buffer_name, file_size);
    if (table_end > opt.SizeOfHeaders)
        return fail("section table [0x%llx,0x%llx) lies outside the headers (SizeOfHeaders 0x%x)", ull(table_offset),
                    ull(table_end), opt.SizeOfHeaders);
    image.sections_offset_ = static_cast<uint32_t>(table_offset);
    image.section_count_ = file_header.NumberOfSections;

    image.section_table_.resize(file_header.NumberOfSections);
    for (size_t i = 0; i < image.section_table_.size(); ++i) {
        IMAGE_SECTION_HEADER& section = image.section_table_[i];
        read_at(bytes, table_offset + i * sizeof(IMAGE_SECTION_HEADER), section);  // in bounds: checked above
        const std::string name = printable_name(section);
        const uint64_t start = section.VirtualAddress;
        const uint64_t end = start + virtual_size(section);
        if (start % opt.SectionAlignment != 0)
            return fail("section %s VirtualAddress 0x%llx is not a multiple of SectionAlignment 0x%x", name.c_str(),
                        ull(start), opt.SectionAlignment);
        if (start < opt.SizeOfHeaders)
            return fail("section %s at RVA 0x%llx overlaps the headers (SizeOfHeaders 0x%x)", name.c_str(),
                        ull(start), opt.SizeOfHeaders);
        if (end > opt.SizeOfImage)
            return fail("section %s [0x%llx,0x%llx) runs past SizeOfImage 0x%x", name.c_str(), ull(start), ull(end),
                        opt.SizeOfImage);
        if (i > 0) {
            const IMAGE_SECTION_HEADER& previous = image.section_table_[i - 1];
            const uint64_t previous_end = uint64_t{previous.VirtualAddress} + virtual_size(previous);
            if (start < previous.VirtualAddress)
                return fail("section %s at RVA 0x%llx comes after section %s at RVA 0x%x (sections must be in "
                            "ascending order)",
                            name.c_str(), ull(start), printable_name(previous).c_str(), previous.VirtualAddress);
            if (start < previous_end)
                return fail("section %s [0x%llx,0x%llx) overlaps section %s [0x%x,0x%llx)", name.c_str(), ull(start),
                            ull(end), printable_name(previous).c_str(), previous.VirtualAddress, ull(previous_end));
        }
        if (layout == Layout::File && section.SizeOfRawData != 0) {
            const uint64_t raw_end = uint64_t{section.PointerToRawData} + section.SizeOfRawData;
            if (raw_end > file_size)
                return fail("section %s raw data [0x%x,0x%llx) lies past the end of the file (size 0x%zx)",
                            name.c_str(), section.PointerToRawData, ull(raw_end), file_size);
        }
    }
    return image;
}

const IMAGE_DOS_HEADER& PeImage::dos_header() const { return dos_; }
const IMAGE_NT_HEADERS64& PeImage::nt_headers() const { return nt_; }
std::span<const IMAGE_SECTION_HEADER> PeImage::sections() const { return section_table_; }

bool PeImage::is_dll() const { return (nt_.FileHeader.Characteristics & IMAGE_FILE_DLL) != 0; }

bool PeImage::is_dotnet() const { return directory(IMAGE_DIRECTORY_ENTRY_COM_DESCRIPTOR).VirtualAddress != 0; }

IMAGE_DATA_DIRECTORY PeImage::directory(int index) const {
    if (index < 0 || index >= IMAGE_NUMBEROF_DIRECTORY_ENTRIES) return IMAGE_DATA_DIRECTORY{0, 0};
    return nt_.OptionalHeader.DataDirectory[index];  // zeroed past NumberOfRvaAndSizes
}

// ---------------------------------------------------------- RVA → bytes --

int PeImage::section_index(uint32_t rva) const {
    // Sections are validated to be ascending and disjoint: binary search.
    auto after = std::upper_bound(section_table_.begin(), section_table_.end(), rva,
                                  [](uint32_t value, const IMAGE_SECTION_HEADER& s) { return value < s.VirtualAddress; });
    if (after == section_table_.begin()) return -1;
    const IMAGE_SECTION_HEADER& section = *(after - 1);
    if (uint64_t{rva} - section.VirtualAddress >= virtual_size(section)) return -1;
    return static_cast<int>(after - 1 - section_table_.begin());
}

std::string PeImage::section_label(int index) const {
    if (index < 0) return "the headers";
    const IMAGE_SECTION_HEADER& s = section_table_[static_cast<size_t>(index)];
    char range[64];
    std::snprintf(range, sizeof range, " [0x%x,0x%llx)", s.VirtualAddress,
                  ull(uint64_t{s.VirtualAddress} + virtual_size(s)));
    return "section " + printable_name(s) + range;
}

static std::string what_prefix(std::string_view what) {
    return what.empty() ? std::string() : std::string(what) + " ";
}

Expected<PeImage::Extent> PeImage::extent_at(std::string_view what, uint32_t rva) const {
    const IMAGE_OPTIONAL_HEADER64& opt = nt_.OptionalHeader;
    const std::string subject = what_prefix(what);
    if (rva >= opt.SizeOfImage)
        return fail("%sRVA 0x%x is outside the image (SizeOfImage 0x%x)", subject.c_str(), rva, opt.SizeOfImage);
    Extent extent;
    extent.section = section_index(rva);
    if (layout_ == Layout::Mapped) {
        extent.offset = rva;
        extent.in_region = extent.in_bytes = opt.SizeOfImage - rva;
        return extent;
    }
    if (rva < opt.SizeOfHeaders) {
        extent.offset = rva;
        extent.in_region = opt.SizeOfHeaders - rva;
        extent.in_bytes = rva < bytes_.size() ? std::min<uint64_t>(opt.SizeOfHeaders, bytes_.size()) - rva : 0;
        return extent;
    }
    if (extent.section < 0) return fail("%sRVA 0x%x is not in any section", subject.c_str(), rva);
    const IMAGE_SECTION_HEADER& section = section_table_[static_cast<size_t>(extent.section)];
    const uint32_t delta = rva - section.VirtualAddress;
    const uint32_t raw = raw_size_in_image(section);
    extent.offset = uint64_t{section.PointerToRawData} + delta;
    extent.in_region = virtual_size(section) - delta;
    extent.in_bytes = delta < raw ? raw - delta : 0;
    return extent;
}

Expected<uint64_t> PeImage::locate(std::string_view what, uint32_t rva, uint64_t size) const {
    auto extent = extent_at(what, rva);
    if (!extent) return extent.error();
    const std::string subject = what_prefix(what);
    const ull end = ull(uint64_t{rva} + size);
    if (size > extent->in_region) {
        if (layout_ == Layout::Mapped)
            return fail("%sRVA range [0x%x,0x%llx) runs past the end of the image (SizeOfImage 0x%x)",
                        subject.c_str(), rva, end, nt_.OptionalHeader.SizeOfImage);
        if (extent->section < 0)
            return fail("%sRVA range [0x%x,0x%llx) runs past the end of the headers (SizeOfHeaders 0x%x)",
                        subject.c_str(), rva, end, nt_.OptionalHeader.SizeOfHeaders);
        return fail("%sRVA range [0x%x,0x%llx) runs past the end of %s", subject.c_str(), rva, end,
                    section_label(extent->section).c_str());
    }
    if (size > extent->in_bytes) {
        if (extent->section < 0)
            return fail("%sRVA range [0x%x,0x%llx) lies past the end of the file (size 0x%zx)", subject.c_str(), rva,
                        end, bytes_.size());
        const IMAGE_SECTION_HEADER& section = section_table_[static_cast<size_t>(extent->section)];
        return fail("%sRVA range [0x%x,0x%llx) lies past the raw data of %s (only its first 0x%x bytes are in the "
                    "file)",
                    subject.c_str(), rva, end, section_label(extent->section).c_str(), raw_size_in_image(section));
    }
    return extent->offset;
}

Expected<uint64_t> PeImage::rva_to_offset(uint32_t rva, uint32_t size) const { return locate({}, rva, size); }

Expected<std::span<const uint8_t>> PeImage::bytes_at_rva(uint32_t rva, uint32_t size) const {
    auto offset = locate({}, rva, size);
    if (!offset) return offset.error();
    return bytes_.subspan(*offset, size);
}

Expected<std::string_view> PeImage::string_at(std::string_view what, uint32_t rva, uint32_t max_length) const {
    auto extent = extent_at(what, rva);
    if (!extent) return extent.error();
    const uint64_t available = std::min(extent->in_region, extent->in_bytes);
    const uint64_t window = std::min<uint64_t>(available, uint64_t{max_length} + 1);
    const auto* start = reinterpret_cast<const char*>(bytes_.data() + extent->offset);
    const void* nul = window == 0 ? nullptr : std::memchr(start, 0, window);
    if (nul != nullptr) return std::string_view(start, static_cast<const char*>(nul) - start);
    const std::string subject = what_prefix(what);
    if (available > max_length)
        return fail("%sstring at RVA 0x%x is longer than 0x%x bytes", subject.c_str(), rva, max_length);
    if (extent->in_bytes < extent->in_region)
        return fail("%sstring at RVA 0x%x is not NUL-terminated before the end of the file data of %s",
                    subject.c_str(), rva, section_label(extent->section).c_str());
    return fail("%sstring at RVA 0x%x is not NUL-terminated before the end of %s", subject.c_str(), rva,
                layout_ == Layout::Mapped ? "the image" : section_label(extent->section).c_str());
}

Expected<std::string_view> PeImage::string_at_rva(uint32_t rva, uint32_t max_length) const {
    return string_at({}, rva, max_length);
}

// ---------------------------------------------------------------- imports --

uint64_t PeImage::walk_limit(const Extent& extent, uint32_t rva) const {
    uint64_t limit = std::min(extent.in_region, extent.in_bytes);
    if (extent.section >= 0) {
        const IMAGE_SECTION_HEADER& section = section_table_[static_cast<size_t>(extent.section)];
        limit = std::min<uint64_t>(limit, uint64_t{section.VirtualAddress} + virtual_size(section) - rva);
    }
    return limit;
}

Expected<std::vector<ImportedSymbol>> PeImage::read_thunks(uint32_t lookup_rva, uint32_t iat_rva) const {
    auto extent = extent_at("import lookup table", lookup_rva);
    if (!extent) return extent.error();
    const uint64_t available = walk_limit(*extent, lookup_rva);
    std::vector<ImportedSymbol> symbols;
    for (uint64_t index = 0;; ++index) {
        const uint64_t position = index * sizeof(ULONGLONG);
        if (position + sizeof(ULONGLONG) > available)
            return fail("import lookup table at RVA 0x%x runs past the end of %s without a terminating zero entry "
                        "(after %llu entries)",
                        lookup_rva, section_label(extent->section).c_str(), ull(index));
        if (index >= kMaxImportedSymbols)
            return fail("import lookup table at RVA 0x%x has more than %zu entries", lookup_rva, kMaxImportedSymbols);
        ULONGLONG entry = 0;
        read_at(bytes_, extent->offset + position, entry);
        if (entry == 0) break;

        const uint64_t slot = uint64_t{iat_rva} + position;
        if (slot + sizeof(ULONGLONG) > size_of_image())
            return fail("import address table slot at RVA 0x%llx is outside the image (SizeOfImage 0x%x)", ull(slot),
                        size_of_image());
        // The headers are read-only once mapped: binding there would rewrite
        // what the image was validated by (e_lfanew, the directories).
        if (slot < optional_header().SizeOfHeaders)
            return fail("import address table slot at RVA 0x%llx lies in the headers (SizeOfHeaders 0x%x)", ull(slot),
                        optional_header().SizeOfHeaders);
        ImportedSymbol symbol;
        symbol.iat_slot_rva = static_cast<uint32_t>(slot);
        if (entry & IMAGE_ORDINAL_FLAG64) {
            if ((entry & ~IMAGE_ORDINAL_FLAG64) > 0xffff)
                return fail("import lookup entry 0x%llx at RVA 0x%llx has bits set besides the ordinal flag and a "
                            "16-bit ordinal",
                            ull(entry), ull(lookup_rva + position));
            symbol.by_ordinal = true;
            symbol.ordinal = static_cast<uint16_t>(entry);
        } else {
            if (entry > 0x7fffffff)
                return fail("import lookup entry 0x%llx at RVA 0x%llx is neither an ordinal nor a hint/name RVA",
                            ull(entry), ull(lookup_rva + position));
            const uint32_t hint_rva = static_cast<uint32_t>(entry);
            auto hint_offset = locate("import hint/name entry", hint_rva, sizeof(WORD));
            if (!hint_offset) return hint_offset.error();
            read_at(bytes_, *hint_offset, symbol.hint);
            auto name = string_at("import name", hint_rva + 2, kMaxImportNameLength);
            if (!name) return name.error();
            if (name->empty()) return fail("import name at RVA 0x%x is empty", hint_rva + 2);
            symbol.name = *name;
        }
        symbols.push_back(symbol);
    }
    return symbols;
}

namespace {

// The descriptor arrays end with an all-zero entry; walking them is bounded by
// the region (section) the directory starts in.
template <typename Descriptor, typename Visit>
Expected<void> walk_descriptors(std::span<const uint8_t> bytes, uint64_t offset, uint64_t available,
                                uint32_t directory_rva, const char* kind, const std::string& region, Visit visit) {
    for (uint64_t index = 0;; ++index) {
        const uint64_t position = index * sizeof(Descriptor);
        if (position + sizeof(Descriptor) > available)
            return fail("%s list at RVA 0x%x runs past the end of %s without an all-zero terminator (after %llu "
                        "descriptors)",
                        kind, directory_rva, region.c_str(), ull(index));
        Descriptor descriptor{};
        read_at(bytes, offset + position, descriptor);
        if (all_zero(&descriptor, sizeof descriptor)) return {};
        auto result = visit(descriptor, static_cast<uint32_t>(directory_rva + position));
        if (!result) return result.error();
    }
}

}  // namespace

Expected<std::vector<ImportedModule>> PeImage::imports() const {
    std::vector<ImportedModule> modules;
    const IMAGE_DATA_DIRECTORY dir = directory(IMAGE_DIRECTORY_ENTRY_IMPORT);
    if (dir.VirtualAddress == 0) return modules;
    auto extent = extent_at("import directory", dir.VirtualAddress);
    if (!extent) return extent.error();
    size_t total_symbols = 0;
    auto walked = walk_descriptors<IMAGE_IMPORT_DESCRIPTOR>(
        bytes_, extent->offset, walk_limit(*extent, dir.VirtualAddress), dir.VirtualAddress,
        "import descriptor", section_label(extent->section),
        [&](const IMAGE_IMPORT_DESCRIPTOR& d, uint32_t descriptor_rva) -> Expected<void> {
            auto name = string_at("import DLL name", d.Name, kMaxDllNameLength);
            if (!name) return prefixed("import descriptor at RVA " + hex_string(descriptor_rva), name.error());
            if (auto valid = check_dll_name(*name, d.Name); !valid)
                return prefixed("import descriptor at RVA " + hex_string(descriptor_rva), valid.error());
            const std::string context = "imports from " + std::string(*name);
            if (d.FirstThunk == 0) return fail("%s: FirstThunk (the import address table) is 0", context.c_str());
            auto symbols = read_thunks(d.OriginalFirstThunk != 0 ? d.OriginalFirstThunk : d.FirstThunk, d.FirstThunk);
            if (!symbols) return prefixed(context, symbols.error());
            total_symbols += symbols->size();
            if (total_symbols > kMaxImportedSymbols)
                return fail("more than %zu imported symbols", kMaxImportedSymbols);
            modules.push_back(ImportedModule{*name, std::move(*symbols), 0, 0});
            return {};
        });
    if (!walked) return walked.error();
    return modules;
}

Expected<std::vector<ImportedModule>> PeImage::delay_imports() const {
    std::vector<ImportedModule> modules;
    const IMAGE_DATA_DIRECTORY dir = directory(IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT);
    if (dir.VirtualAddress == 0) return modules;
    auto extent = extent_at("delay-load import directory", dir.VirtualAddress);
    if (!extent) return extent.error();
    size_t total_symbols = 0;
    auto walked = walk_descriptors<IMAGE_DELAYLOAD_DESCRIPTOR>(
        bytes_, extent->offset, walk_limit(*extent, dir.VirtualAddress), dir.VirtualAddress,
        "delay-load descriptor", section_label(extent->section),
        [&](const IMAGE_DELAYLOAD_DESCRIPTOR& d, uint32_t descriptor_rva) -> Expected<void> {
            if ((d.Attributes & 1) == 0)
                return fail("delay-load descriptor at RVA 0x%x uses the old VA-based form (Attributes 0x%x); only "
                            "RVA-based descriptors are supported",
                            descriptor_rva, d.Attributes);
            auto name = string_at("delay-load DLL name", d.DllNameRVA, kMaxDllNameLength);
            if (!name) return name.error();
            if (auto valid = check_dll_name(*name, d.DllNameRVA); !valid)
                return prefixed("delay-load descriptor at RVA " + hex_string(descriptor_rva), valid.error());
            const std::string context = "delay-load imports from " + std::string(*name);
            if (d.ImportNameTableRVA == 0 || d.ImportAddressTableRVA == 0)
                return fail("%s: import name table RVA 0x%x / import address table RVA 0x%x must both be set",
                            context.c_str(), d.ImportNameTableRVA, d.ImportAddressTableRVA);
            if (d.ModuleHandleRVA != 0 && uint64_t{d.ModuleHandleRVA} + sizeof(ULONGLONG) > size_of_image())
                return fail("%s: module handle RVA 0x%x is outside the image (SizeOfImage 0x%x)", context.c_str(),
                            d.ModuleHandleRVA, size_of_image());
            auto symbols = read_thunks(d.ImportNameTableRVA, d.ImportAddressTableRVA);
            if (!symbols) return prefixed(context, symbols.error());
            total_symbols += symbols->size();
            if (total_symbols > kMaxImportedSymbols)
                return fail("more than %zu delay-load imported symbols", kMaxImportedSymbols);
            modules.push_back(ImportedModule{*name, std::move(*symbols), descriptor_rva, d.ModuleHandleRVA});
            return {};
        });
    if (!walked) return walked.error();
    return modules;
}

// ---------------------------------------------------------------- exports --

Expected<std::string_view> PeImage::export_module_name() const {
    const IMAGE_DATA_DIRECTORY dir = directory(IMAGE_DIRECTORY_ENTRY_EXPORT);
    if (dir.VirtualAddress == 0) return std::string_view();
    IMAGE_EXPORT_DIRECTORY export_dir{};
    auto offset = locate("export directory", dir.VirtualAddress, sizeof export_dir);
    if (!offset) return offset.error();
    read_at(bytes_, *offset, export_dir);
    if (export_dir.Name == 0) return std::string_view();
    return string_at("export module name", export_dir.Name, kMaxDllNameLength);
}

Expected<std::vector<Export>> PeImage::exports() const {
    std::vector<Export> exports;
    const IMAGE_DATA_DIRECTORY dir = directory(IMAGE_DIRECTORY_ENTRY_EXPORT);
    if (dir.VirtualAddress == 0) return exports;
    IMAGE_EXPORT_DIRECTORY export_dir{};
    auto dir_offset = locate("export directory", dir.VirtualAddress, sizeof export_dir);
    if (!dir_offset) return dir_offset.error();
    read_at(bytes_, *dir_offset, export_dir);

    const uint32_t function_count = export_dir.NumberOfFunctions;
    const uint32_t name_count = export_dir.NumberOfNames;
    if (function_count != 0 && uint64_t{export_dir.Base} + function_count - 1 > 0xffff)
        return fail("export ordinals run past 0xffff (Base 0x%x, NumberOfFunctions 0x%x)", export_dir.Base,
                    function_count);
    if (name_count > 0x10000) return fail("NumberOfNames 0x%x is more than 0x10000", name_count);

    auto functions = locate("export address table", export_dir.AddressOfFunctions, uint64_t{function_count} * 4);
    if (!functions) return functions.error();
    auto names = locate("export name pointer table", export_dir.AddressOfNames, uint64_t{name_count} * 4);
    if (!names) return names.error();
    auto ordinals = locate("export ordinal table", export_dir.AddressOfNameOrdinals, uint64_t{name_count} * 2);
    if (!ordinals) return ordinals.error();

    // (function index, name, name table index) for every name, grouped by
    // function index.
    struct Named {
        uint32_t index;
        std::string_view name;
        uint32_t name_index;
    };
    std::vector<Named> named;
    named.reserve(name_count);
    for (uint32_t i = 0; i < name_count; ++i) {
        DWORD name_rva = 0;
        WORD index = 0;
        read_at(bytes_, *names + uint64_t{i} * 4, name_rva);
        read_at(bytes_, *ordinals + uint64_t{i} * 2, index);
        auto name = string_at("export name", name_rva, kMaxImportNameLength);
        if (!name) return name.error();
        if (name->empty()) return fail("export name %u at RVA 0x%x is empty", i, name_rva);
        if (index >= function_count)
            return fail("export %.*s has ordinal index 0x%x past the export address table (0x%x entries)",
                        static_cast<int>(name->size()), name->data(), index, function_count);
        named.push_back(Named{index, *name, i});
    }
    std::stable_sort(named.begin(), named.end(), [](const auto& a, const auto& b) { return a.index < b.index; });

    const uint64_t dir_end = uint64_t{dir.VirtualAddress} + dir.Size;
    auto next_name = named.begin();
    for (uint32_t index = 0; index < function_count; ++index) {
        Export entry;
        entry.ordinal = export_dir.Base + index;
        read_at(bytes_, *functions + uint64_t{index} * 4, entry.rva);
        if (entry.rva != 0 && entry.rva >= dir.VirtualAddress && entry.rva < dir_end) {
            auto forwarder = string_at("export forwarder", entry.rva, kMaxImportNameLength);
            if (!forwarder) return forwarder.error();
            const size_t dot = forwarder->find('.');
            if (dot == 0 || dot == std::string_view::npos || dot + 1 == forwarder->size())
                return fail("export ordinal %u forwarder \"%.*s\" is not of the form DLL.Function or DLL.#N",
                            entry.ordinal, static_cast<int>(std::min<size_t>(forwarder->size(), 200)),
                            forwarder->data());
            entry.forwarder = *forwarder;
        } else if (entry.rva >= size_of_image()) {
            return fail("export ordinal %u RVA 0x%x is outside the image (SizeOfImage 0x%x)", entry.ordinal,
                        entry.rva, size_of_image());
        }
        if (next_name == named.end() || next_name->index != index) {
            exports.push_back(entry);
            continue;
        }
        for (; next_name != named.end() && next_name->index == index; ++next_name) {
            entry.name = next_name->name;
            entry.name_index = next_name->name_index;
            exports.push_back(entry);
        }
    }
    return exports;
}

// ------------------------------------------------------------ relocations --

Expected<std::vector<Relocation>> PeImage::relocations() const {
    std::vector<Relocation> relocations;
    auto count = walk_relocations(&relocations);
    if (!count) return count.error();
    return relocations;
}

Expected<size_t> PeImage::relocation_count() const { return walk_relocations(nullptr); }

// Validates the relocation table, appending each relocation to `out` when
// there is one; returns how many there are.
Expected<size_t> PeImage::walk_relocations(std::vector<Relocation>* out) const {
    size_t count = 0;
    const IMAGE_DATA_DIRECTORY dir = directory(IMAGE_DIRECTORY_ENTRY_BASERELOC);
    if (dir.VirtualAddress == 0 || dir.Size == 0) return count;
    auto offset = locate("relocation directory", dir.VirtualAddress, dir.Size);
    if (!offset) return offset.error();

    uint32_t position = 0;
    while (position < dir.Size) {
        const uint32_t block_rva = dir.VirtualAddress + position;
        IMAGE_BASE_RELOCATION block{};
        if (dir.Size - position < sizeof block)
            return fail("relocation directory [0x%x,0x%llx) ends with 0x%x bytes, too few for a block header",
                        dir.VirtualAddress, ull(uint64_t{dir.VirtualAddress} + dir.Size), dir.Size - position);
        read_at(bytes_, *offset + position, block);
        if (block.SizeOfBlock < sizeof block || block.SizeOfBlock % 2 != 0)
            return fail("relocation block at RVA 0x%x has size 0x%x (must be >= 8 and a multiple of 2)", block_rva,
                        block.SizeOfBlock);
        if (block.SizeOfBlock > dir.Size - position)
            return fail("relocation block at RVA 0x%x has size 0x%x, past the end of the relocation directory "
                        "(0x%x bytes left)",
                        block_rva, block.SizeOfBlock, dir.Size - position);
        if (block.VirtualAddress >= size_of_image())
            return fail("relocation block at RVA 0x%x is for page RVA 0x%x, outside the image (SizeOfImage 0x%x)",
                        block_rva, block.VirtualAddress, size_of_image());
        const uint32_t entry_count = (block.SizeOfBlock - sizeof block) / 2;
        for (uint32_t i = 0; i < entry_count; ++i) {
            WORD entry = 0;
            read_at(bytes_, *offset + position + sizeof block + uint64_t{i} * 2, entry);
            const uint16_t type = entry >> 12;
            const uint64_t target = uint64_t{block.VirtualAddress} + (entry & 0xfff);
            uint64_t width = 0;
            if (type == IMAGE_REL_BASED_ABSOLUTE) continue;
            if (type == IMAGE_REL_BASED_DIR64) width = 8;
            else if (type == IMAGE_REL_BASED_HIGHLOW) width = 4;
            else
                return fail("relocation block at RVA 0x%x entry %u has type %u (%s); only ABSOLUTE, HIGHLOW and "
                            "DIR64 are supported",
                            block_rva, i, type, relocation_type_name(type));
            if (target + width > size_of_image())
                return fail("relocation block at RVA 0x%x entry %u patches [0x%llx,0x%llx), outside the image "
                            "(SizeOfImage 0x%x)",
                            block_rva, i, ull(target), ull(target + width), size_of_image());
            if (out) out->push_back(Relocation{static_cast<uint32_t>(target), type});
            ++count;
        }
        position += block.SizeOfBlock;
    }
    return count;
}

// -------------------------------------------------------------------- TLS --

Expected<std::optional<IMAGE_TLS_DIRECTORY64>> PeImage::tls_directory() const {
    const IMAGE_DATA_DIRECTORY dir = directory(IMAGE_DIRECTORY_ENTRY_TLS);
    if (dir.VirtualAddress == 0) return std::optional<IMAGE_TLS_DIRECTORY64>();
    IMAGE_TLS_DIRECTORY64 tls{};
    auto offset = locate("TLS directory", dir.VirtualAddress, sizeof tls);
    if (!offset) return offset.error();
    read_at(bytes_, *offset, tls);
    return std::optional<IMAGE_TLS_DIRECTORY64>(tls);
}

// A resource offset must lie inside the resource directory's Size, so a
// tree cannot point outside its own data (or loop through other sections).
Expected<std::vector<ResourceEntry>> PeImage::resource_directory(uint32_t offset) const {
    std::vector<ResourceEntry> entries;
    const IMAGE_DATA_DIRECTORY dir = directory(IMAGE_DIRECTORY_ENTRY_RESOURCE);
    if (dir.VirtualAddress == 0) return entries;
    auto inside = [&](uint64_t at, uint64_t size) { return at <= dir.Size && size <= dir.Size - at; };
    if (!inside(offset, sizeof(IMAGE_RESOURCE_DIRECTORY)))
        return fail("resource directory at offset 0x%x lies outside the resource data (size 0x%x)", offset, dir.Size);
    IMAGE_RESOURCE_DIRECTORY header{};
    auto header_at = locate("resource directory", dir.VirtualAddress + offset, sizeof header);
    if (!header_at) return header_at.error();
    read_at(bytes_, *header_at, header);
    const uint64_t count = uint64_t{header.NumberOfNamedEntries} + header.NumberOfIdEntries;
    const uint64_t table = uint64_t{offset} + sizeof header;
    if (!inside(table, count * sizeof(IMAGE_RESOURCE_DIRECTORY_ENTRY)))
        return fail("resource directory at offset 0x%x has %llu entries, more than the resource data holds", offset,
                    ull(count));
    auto table_at = locate("resource directory entries", static_cast<uint32_t>(dir.VirtualAddress + table),
                           count * sizeof(IMAGE_RESOURCE_DIRECTORY_ENTRY));
    if (!table_at) return table_at.error();
    entries.reserve(count);
    for (uint64_t i = 0; i < count; ++i) {
        IMAGE_RESOURCE_DIRECTORY_ENTRY raw{};
        read_at(bytes_, *table_at + i * sizeof raw, raw);
        ResourceEntry entry;
        entry.directory = raw.OffsetToData & IMAGE_RESOURCE_DATA_IS_DIRECTORY;
        entry.offset = raw.OffsetToData & ~IMAGE_RESOURCE_DATA_IS_DIRECTORY;
        const uint64_t target_size = entry.directory ? sizeof(IMAGE_RESOURCE_DIRECTORY) : sizeof(IMAGE_RESOURCE_DATA_ENTRY);
        if (!inside(entry.offset, target_size))
            return fail("resource entry %llu of the directory at offset 0x%x points at offset 0x%x, outside the "
                        "resource data (size 0x%x)", ull(i), offset, entry.offset, dir.Size);
        // A subdirectory at or before its parent could make a walk loop.
        if (entry.directory && entry.offset <= offset)
            return fail("resource subdirectory at offset 0x%x does not follow its parent at 0x%x", entry.offset, offset);
        if (raw.Name & IMAGE_RESOURCE_NAME_IS_STRING) {
            const uint32_t name_offset = raw.Name & ~IMAGE_RESOURCE_NAME_IS_STRING;
            WORD length = 0;
            if (!inside(name_offset, sizeof length))
                return fail("resource name at offset 0x%x lies outside the resource data", name_offset);
            auto length_at = locate("resource name", dir.VirtualAddress + name_offset, sizeof length);
            if (!length_at) return length_at.error();
            read_at(bytes_, *length_at, length);
            if (!inside(uint64_t{name_offset} + 2, uint64_t{length} * 2))
                return fail("resource name at offset 0x%x (%u characters) runs past the resource data", name_offset,
                            length);
            auto text_at = locate("resource name", dir.VirtualAddress + name_offset + 2, uint64_t{length} * 2);
            if (!text_at) return text_at.error();
            entry.named = true;
            entry.name.resize(length);
            std::memcpy(entry.name.data(), bytes_.data() + *text_at, uint64_t{length} * 2);
        } else {
            entry.id = static_cast<uint16_t>(raw.Name);
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

Expected<ResourceData> PeImage::resource_data(uint32_t offset) const {
    const IMAGE_DATA_DIRECTORY dir = directory(IMAGE_DIRECTORY_ENTRY_RESOURCE);
    if (dir.VirtualAddress == 0) return fail("the image has no resources");
    if (offset > dir.Size || sizeof(IMAGE_RESOURCE_DATA_ENTRY) > dir.Size - offset)
        return fail("resource data entry at offset 0x%x lies outside the resource data (size 0x%x)", offset, dir.Size);
    IMAGE_RESOURCE_DATA_ENTRY raw{};
    auto entry_at = locate("resource data entry", dir.VirtualAddress + offset, sizeof raw);
    if (!entry_at) return entry_at.error();
    read_at(bytes_, *entry_at, raw);
    // The bytes themselves must be present (in Layout::File, in the file).
    auto data_at = locate("resource data", raw.OffsetToData, raw.Size);
    if (!data_at) return data_at.error();
    return ResourceData{raw.OffsetToData, raw.Size, raw.CodePage};
}

// ------------------------------------------------------------------------ --

std::optional<std::string> unsupported_reason(const PeImage& image) {
    const IMAGE_NT_HEADERS64& nt = image.nt_headers();
    if (nt.FileHeader.Machine != IMAGE_FILE_MACHINE_AMD64)
        return std::string("not an x86-64 image (machine ") + machine_name(nt.FileHeader.Machine) + ")";
    if (image.is_dotnet())
        return std::string(".NET assembly (it has a CLR header); Vine does not run managed code");
    if ((nt.FileHeader.Characteristics & IMAGE_FILE_EXECUTABLE_IMAGE) == 0)
        return std::string("not marked as an executable image (IMAGE_FILE_EXECUTABLE_IMAGE is clear)");
    const WORD subsystem = nt.OptionalHeader.Subsystem;
    if (subsystem == 1)
        return std::string("native-subsystem image (a driver or native NT program), not a Win32 program");
    if (subsystem >= 10 && subsystem <= 13) return std::string("EFI image, not a Win32 program");
    return std::nullopt;
}

}  // namespace vine::pe
