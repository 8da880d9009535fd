// A validating reader for PE32+ images. It works on either layout:
//  - File: the bytes of a .exe/.dll as stored on disk (RVAs are translated to
//    file offsets through the section table);
//  - Mapped: an image already laid out in memory at its base (a mapped native
//    module, or the in-memory image vinebuild generates for a builtin), where
//    an RVA is an offset from the start of the bytes.
// Every offset and size is checked against the buffer before it is read, with
// overflow checks; bad input yields an Error whose message completes the
// sentence "vine: bad PE image: ...". Views point into the buffer: the bytes
// must outlive the PeImage.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vine/expected.h"
#include "vine/pe_format.h"

namespace vine::pe {

enum class Layout { File, Mapped };

struct ImportedSymbol {
    bool by_ordinal = false;
    uint16_t ordinal = 0;        // when by_ordinal
    uint16_t hint = 0;           // when by name
    std::string_view name;       // when by name
    uint32_t iat_slot_rva = 0;   // where the resolved address is written
};

struct ImportedModule {
    std::string_view dll_name;
    std::vector<ImportedSymbol> symbols;
    // For delay-load imports only: the descriptor's RVA and the RVA of the
    // HMODULE slot it names (0 when absent).
    uint32_t delay_descriptor_rva = 0;
    uint32_t delay_module_handle_rva = 0;
};

struct Export {
    uint32_t ordinal = 0;             // biased (Base added), as programs see it
    std::string_view name;            // empty when exported by ordinal only
    uint32_t rva = 0;                 // 0 for an unused slot
    std::string_view forwarder;       // "DLL.Function" or "DLL.#123" when forwarded
    uint32_t name_index = 0;          // when named: its place in the name pointer table (what import hints index)
};

struct Relocation {
    uint32_t rva;   // address of the field to fix up
    uint16_t type;  // IMAGE_REL_BASED_*
};

// One entry of a resource directory level: a type, a name or a language.
struct ResourceEntry {
    bool named = false;
    uint16_t id = 0;         // when not named
    std::u16string name;     // when named (copied: the bytes may be unaligned)
    bool directory = false;  // a subdirectory follows, else a data entry
    uint32_t offset = 0;     // of that subdirectory or data entry, from the resource directory's start
};

// A resource's bytes: where they are (an RVA) and their size.
struct ResourceData {
    uint32_t rva = 0;
    uint32_t size = 0;
    uint32_t code_page = 0;
};

class PeImage {
public:
    // Validates the headers and the section table (and, for Layout::File,
    // that every section's raw data lies inside the file). Directories are
    // validated by the accessors below, on first use.
    static Expected<PeImage> parse(std::span<const uint8_t> bytes, Layout layout);

    const IMAGE_DOS_HEADER& dos_header() const;
    const IMAGE_NT_HEADERS64& nt_headers() const;
    const IMAGE_OPTIONAL_HEADER64& optional_header() const { return nt_headers().OptionalHeader; }
    std::span<const IMAGE_SECTION_HEADER> sections() const;
    Layout layout() const { return layout_; }
    std::span<const uint8_t> bytes() const { return bytes_; }

    bool is_dll() const;
    bool is_dotnet() const;  // has a COM descriptor (CLR header) directory
    uint64_t preferred_base() const { return optional_header().ImageBase; }
    uint32_t size_of_image() const { return optional_header().SizeOfImage; }
    uint32_t entry_point_rva() const { return optional_header().AddressOfEntryPoint; }
    IMAGE_DATA_DIRECTORY directory(int index) const;  // {0,0} when absent

    // Bytes at [rva, rva+size) if they lie wholly inside one section (or the
    // headers) and, for Layout::File, inside the file's raw data. Bytes of a
    // section past its raw data (zero-filled when mapped) are not available
    // in Layout::File: the Error says so.
    Expected<std::span<const uint8_t>> bytes_at_rva(uint32_t rva, uint32_t size) const;
    // A NUL-terminated string at rva, at most max_length bytes (without NUL).
    Expected<std::string_view> string_at_rva(uint32_t rva, uint32_t max_length = 4096) const;

    Expected<std::vector<ImportedModule>> imports() const;
    Expected<std::vector<ImportedModule>> delay_imports() const;
    Expected<std::vector<Export>> exports() const;
    // The export directory's module name ("KERNEL32.dll"), empty when none.
    Expected<std::string_view> export_module_name() const;
    Expected<std::vector<Relocation>> relocations() const;
    // How many relocations the table has, validated as relocations() does
    // but without gathering them: what an image loaded at its preferred base
    // needs (an 80 MB EXE has some 100,000).
    Expected<size_t> relocation_count() const;
    // The TLS directory, if any (its fields are VAs at the preferred base).
    Expected<std::optional<IMAGE_TLS_DIRECTORY64>> tls_directory() const;
    // The entries of the resource directory at `offset` from the start of
    // the resource directory (0: the root, whose entries are the types).
    // Empty when the image has no resources.
    Expected<std::vector<ResourceEntry>> resource_directory(uint32_t offset = 0) const;
    // The data entry at `offset`, checked to describe bytes inside the image.
    Expected<ResourceData> resource_data(uint32_t offset) const;

private:
    // Where an RVA's bytes are: offset into bytes_, how many bytes follow it in
    // its region (section, headers or image) and how many of those are
    // present in bytes_; section is -1 for the headers / a Mapped gap.
    struct Extent {
        uint64_t offset = 0;
        uint64_t in_region = 0;
        uint64_t in_bytes = 0;
        int section = -1;
    };

    PeImage(std::span<const uint8_t> bytes, Layout layout) : bytes_(bytes), layout_(layout) {}
    Expected<uint64_t> rva_to_offset(uint32_t rva, uint32_t size) const;
    Expected<std::vector<ImportedSymbol>> read_thunks(uint32_t lookup_rva, uint32_t iat_rva) const;
    Expected<size_t> walk_relocations(std::vector<Relocation>* out) const;
    Expected<Extent> extent_at(std::string_view what, uint32_t rva) const;
    Expected<uint64_t> locate(std::string_view what, uint32_t rva, uint64_t size) const;
    Expected<std::string_view> string_at(std::string_view what, uint32_t rva, uint32_t max_length) const;
    int section_index(uint32_t rva) const;
    // How far a zero-terminated table starting at rva may run: to the end of
    // its section (or headers / image) and of the bytes present.
    uint64_t walk_limit(const Extent& extent, uint32_t rva) const;
    std::string section_label(int index) const;

    std::span<const uint8_t> bytes_;
    Layout layout_;
    uint32_t nt_offset_ = 0;
    uint32_t sections_offset_ = 0;
    uint16_t section_count_ = 0;
    // Validated copies: the buffer may be unaligned, so no references into it.
    // Directories past NumberOfRvaAndSizes are zeroed in nt_.
    IMAGE_DOS_HEADER dos_{};
    IMAGE_NT_HEADERS64 nt_{};
    std::vector<IMAGE_SECTION_HEADER> section_table_;
};

// A clear one-line reason why `image` cannot run as an x86-64 Windows program
// in Vine (PE32, .NET, wrong machine), or nullopt when it can.
std::optional<std::string> unsupported_reason(const PeImage& image);

}  // namespace vine::pe
