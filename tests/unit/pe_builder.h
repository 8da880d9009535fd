// Builds small PE32+ images in memory for the PE reader's tests and the fuzz
// corpus. Sections get fixed RVAs when added (so data placed in one can name
// RVAs in another before the image is laid out); build() then produces either
// the on-disk layout or the mapped one.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "vine/pe_format.h"

namespace vine::pe::testing {

class PeBuilder {
public:
    static constexpr uint32_t kLfanew = 0x40;
    static constexpr uint32_t kFileHeaderOffset = kLfanew + 4;
    static constexpr uint32_t kOptionalHeaderOffset = kLfanew + 24;
    static constexpr uint32_t kSectionTableOffset = kOptionalHeaderOffset + sizeof(IMAGE_OPTIONAL_HEADER64);
    static constexpr uint32_t kHeadersSize = 0x400;
    static constexpr uint32_t kSectionAlignment = 0x1000;
    static constexpr uint32_t kFileAlignment = 0x200;

    static constexpr uint32_t directory_offset(int index) {
        return kOptionalHeaderOffset + offsetof(IMAGE_OPTIONAL_HEADER64, DataDirectory) + 8 * index;
    }
    static constexpr uint32_t section_header_offset(int index) { return kSectionTableOffset + 40 * index; }

    struct Section {
        IMAGE_SECTION_HEADER header{};
        std::vector<uint8_t> data;
        uint32_t span = 0;  // virtual bytes reserved for it
    };

    PeBuilder() {
        dos.e_magic = IMAGE_DOS_SIGNATURE;
        dos.e_lfanew = kLfanew;
        nt.Signature = IMAGE_NT_SIGNATURE;
        nt.FileHeader.Machine = IMAGE_FILE_MACHINE_AMD64;
        nt.FileHeader.SizeOfOptionalHeader = sizeof(IMAGE_OPTIONAL_HEADER64);
        nt.FileHeader.Characteristics = IMAGE_FILE_EXECUTABLE_IMAGE;
        auto& opt = nt.OptionalHeader;
        opt.Magic = IMAGE_NT_OPTIONAL_HDR64_MAGIC;
        opt.ImageBase = 0x140000000ull;
        opt.SectionAlignment = kSectionAlignment;
        opt.FileAlignment = kFileAlignment;
        opt.MajorSubsystemVersion = 6;
        opt.SizeOfHeaders = kHeadersSize;
        opt.Subsystem = IMAGE_SUBSYSTEM_WINDOWS_CUI;
        opt.SizeOfStackReserve = 0x100000;
        opt.SizeOfStackCommit = 0x1000;
        opt.SizeOfHeapReserve = 0x100000;
        opt.SizeOfHeapCommit = 0x1000;
        opt.NumberOfRvaAndSizes = IMAGE_NUMBEROF_DIRECTORY_ENTRIES;
    }

    // Adds a section reserving `pages` pages of address space; returns its index.
    int add_section(std::string_view name, DWORD characteristics, uint32_t pages = 1) {
        Section section;
        std::memcpy(section.header.Name, name.data(), std::min<size_t>(name.size(), 8));
        section.header.VirtualAddress = next_rva_;
        section.header.Characteristics = characteristics;
        section.span = pages * kSectionAlignment;
        next_rva_ += section.span;
        sections.push_back(std::move(section));
        return static_cast<int>(sections.size() - 1);
    }

    uint32_t rva_of(int section) const { return sections[section].header.VirtualAddress; }
    uint32_t here(int section) const { return rva_of(section) + static_cast<uint32_t>(sections[section].data.size()); }

    // Appends raw bytes to a section (aligned to `align`); returns their RVA.
    uint32_t put(int section, const void* data, size_t size, size_t align = 1) {
        auto& bytes = sections[section].data;
        while (bytes.size() % align != 0) bytes.push_back(0);
        const uint32_t rva = rva_of(section) + static_cast<uint32_t>(bytes.size());
        const auto* p = static_cast<const uint8_t*>(data);
        bytes.insert(bytes.end(), p, p + size);
        return rva;
    }
    template <typename T>
    uint32_t put(int section, const T& value, size_t align = alignof(T)) {
        return put(section, &value, sizeof value, align);
    }
    uint32_t put_string(int section, std::string_view text) {
        const uint32_t rva = put(section, text.data(), text.size(), 1);
        put(section, "", 1, 1);
        return rva;
    }
    uint32_t put_hint_name(int section, uint16_t hint, std::string_view name) {
        const uint32_t rva = put(section, hint, 2);
        put_string(section, name);
        return rva;
    }
    uint32_t put_zeros(int section, size_t size, size_t align = 1) {
        std::vector<uint8_t> zeros(size);
        return put(section, zeros.data(), zeros.size(), align);
    }
    // Overwrites bytes already placed at rva.
    template <typename T>
    void patch_rva(uint32_t rva, const T& value) {
        for (auto& section : sections) {
            const uint32_t start = section.header.VirtualAddress;
            if (rva >= start && rva + sizeof value <= start + section.data.size()) {
                std::memcpy(section.data.data() + (rva - start), &value, sizeof value);
                return;
            }
        }
        throw std::string("patch_rva: RVA not in placed data");
    }

    void set_directory(int index, uint32_t rva, uint32_t size) {
        nt.OptionalHeader.DataDirectory[index] = IMAGE_DATA_DIRECTORY{rva, size};
    }

    // Lays the image out. Section headers are filled from the data unless a
    // test has set the fields already (nonzero).
    std::vector<uint8_t> build(bool mapped) const {
        PeBuilder copy = *this;
        return copy.finish(mapped);
    }
    std::vector<uint8_t> file() const { return build(false); }
    std::vector<uint8_t> mapped() const { return build(true); }

    IMAGE_DOS_HEADER dos{};
    IMAGE_NT_HEADERS64 nt{};
    std::vector<Section> sections;

private:
    static uint32_t align_up(uint32_t value, uint32_t alignment) { return (value + alignment - 1) & ~(alignment - 1); }

    std::vector<uint8_t> finish(bool mapped) {
        nt.FileHeader.NumberOfSections = static_cast<WORD>(sections.size());
        uint32_t raw = kHeadersSize;
        for (auto& section : sections) {
            auto& h = section.header;
            const uint32_t size = static_cast<uint32_t>(section.data.size());
            if (h.VirtualSize == 0) h.VirtualSize = size ? size : 1;
            if (h.SizeOfRawData == 0) h.SizeOfRawData = align_up(size, kFileAlignment);
            if (h.PointerToRawData == 0 && h.SizeOfRawData != 0) h.PointerToRawData = raw;
            raw += align_up(size, kFileAlignment);
        }
        if (nt.OptionalHeader.SizeOfImage == 0) nt.OptionalHeader.SizeOfImage = next_rva_;
        if (nt.OptionalHeader.AddressOfEntryPoint == 0 && !sections.empty())
            nt.OptionalHeader.AddressOfEntryPoint = sections[0].header.VirtualAddress;

        std::vector<uint8_t> out(mapped ? nt.OptionalHeader.SizeOfImage : raw);
        std::memcpy(out.data(), &dos, sizeof dos);
        std::memcpy(out.data() + kLfanew, &nt, sizeof nt);
        for (size_t i = 0; i < sections.size(); ++i) {
            std::memcpy(out.data() + section_header_offset(static_cast<int>(i)), &sections[i].header,
                        sizeof(IMAGE_SECTION_HEADER));
            const auto& h = sections[i].header;
            const size_t at = mapped ? h.VirtualAddress : h.PointerToRawData;
            const size_t n = std::min<size_t>(sections[i].data.size(), out.size() > at ? out.size() - at : 0);
            if (n) std::memcpy(out.data() + at, sections[i].data.data(), n);
        }
        return out;
    }

    uint32_t next_rva_ = kSectionAlignment;
};

template <typename T>
void poke(std::vector<uint8_t>& bytes, size_t offset, const T& value) {
    std::memcpy(bytes.data() + offset, &value, sizeof value);
}

// A complete image exercising every directory the reader understands:
// imports by name and ordinal (with and without OriginalFirstThunk), a
// delay-load import, exports with a forwarder and an ordinal-only export,
// DIR64 relocations and a TLS directory.
struct SampleImage {
    PeBuilder builder;
    int text = -1, rdata = -1, data = -1, edata = -1, reloc = -1;
    uint32_t iat_kernel32 = 0, iat_msvcrt = 0, iat_delay = 0, delay_handle = 0;
    uint32_t export_dir = 0, export_func_a = 0, export_func_b = 0, tls_dir = 0;
};

inline SampleImage make_sample_image(bool dll = true) {
    SampleImage s;
    PeBuilder& b = s.builder;
    if (dll) b.nt.FileHeader.Characteristics |= IMAGE_FILE_DLL;
    b.nt.OptionalHeader.DllCharacteristics = IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE;
    s.text = b.add_section(".text", IMAGE_SCN_CNT_CODE | IMAGE_SCN_MEM_EXECUTE | IMAGE_SCN_MEM_READ);
    s.rdata = b.add_section(".rdata", IMAGE_SCN_CNT_INITIALIZED_DATA | IMAGE_SCN_MEM_READ);
    s.data = b.add_section(".data", IMAGE_SCN_CNT_INITIALIZED_DATA | IMAGE_SCN_MEM_READ | IMAGE_SCN_MEM_WRITE);
    s.edata = b.add_section(".edata", IMAGE_SCN_CNT_INITIALIZED_DATA | IMAGE_SCN_MEM_READ);
    s.reloc = b.add_section(".reloc", IMAGE_SCN_CNT_INITIALIZED_DATA | IMAGE_SCN_MEM_READ | IMAGE_SCN_MEM_DISCARDABLE);

    // .text: a few functions (ret).
    const uint8_t code[] = {0xc3, 0xcc, 0xcc, 0xcc, 0xc3, 0xcc, 0xcc, 0xcc, 0xc3};
    s.export_func_a = b.put(s.text, code, 4);
    s.export_func_b = b.put(s.text, code + 4, 4);
    b.put(s.text, code + 8, 1);

    // .rdata: names, lookup tables, then the import descriptors.
    const uint32_t k32_name = b.put_string(s.rdata, "KERNEL32.dll");
    const uint32_t msvcrt_name = b.put_string(s.rdata, "msvcrt.dll");
    const uint32_t delay_name = b.put_string(s.rdata, "USER32.dll");
    const uint32_t hn_exit = b.put_hint_name(s.rdata, 0x167, "ExitProcess");
    const uint32_t hn_getproc = b.put_hint_name(s.rdata, 0x2b1, "GetProcAddress");
    const uint32_t hn_printf = b.put_hint_name(s.rdata, 0x4c, "printf");
    const uint32_t hn_msgbox = b.put_hint_name(s.rdata, 0x285, "MessageBoxA");

    const ULONGLONG k32_thunks[] = {hn_exit, IMAGE_ORDINAL_FLAG64 | 42, hn_getproc, 0};
    const uint32_t k32_ilt = b.put(s.rdata, k32_thunks, sizeof k32_thunks, 8);
    const ULONGLONG delay_thunks[] = {hn_msgbox, IMAGE_ORDINAL_FLAG64 | 7, 0};
    const uint32_t delay_int = b.put(s.rdata, delay_thunks, sizeof delay_thunks, 8);

    // .data: the IATs (msvcrt has no OriginalFirstThunk: its IAT is its lookup table).
    s.iat_kernel32 = b.put(s.data, k32_thunks, sizeof k32_thunks, 8);
    const ULONGLONG msvcrt_thunks[] = {hn_printf, 0};
    s.iat_msvcrt = b.put(s.data, msvcrt_thunks, sizeof msvcrt_thunks, 8);
    s.iat_delay = b.put_zeros(s.data, sizeof delay_thunks, 8);
    s.delay_handle = b.put_zeros(s.data, 8, 8);

    // TLS: raw data template, index slot, callback array.
    const uint32_t tls_index = b.put_zeros(s.data, 4, 4);
    const uint32_t tls_callbacks = b.put_zeros(s.data, 16, 8);
    const uint32_t tls_template = b.put_string(s.rdata, "tls template");
    const uint64_t base = b.nt.OptionalHeader.ImageBase;
    IMAGE_TLS_DIRECTORY64 tls{};
    tls.StartAddressOfRawData = base + tls_template;
    tls.EndAddressOfRawData = base + tls_template + 13;
    tls.AddressOfIndex = base + tls_index;
    tls.AddressOfCallBacks = base + tls_callbacks;
    tls.SizeOfZeroFill = 16;
    s.tls_dir = b.put(s.rdata, tls, 8);
    b.set_directory(IMAGE_DIRECTORY_ENTRY_TLS, s.tls_dir, sizeof tls);

    IMAGE_IMPORT_DESCRIPTOR imports[3] = {};
    imports[0].OriginalFirstThunk = k32_ilt;
    imports[0].Name = k32_name;
    imports[0].FirstThunk = s.iat_kernel32;
    imports[1].Name = msvcrt_name;
    imports[1].FirstThunk = s.iat_msvcrt;
    const uint32_t import_dir = b.put(s.rdata, imports, sizeof imports, 4);
    b.set_directory(IMAGE_DIRECTORY_ENTRY_IMPORT, import_dir, sizeof imports);

    IMAGE_DELAYLOAD_DESCRIPTOR delay[2] = {};
    delay[0].Attributes = 1;
    delay[0].DllNameRVA = delay_name;
    delay[0].ModuleHandleRVA = s.delay_handle;
    delay[0].ImportAddressTableRVA = s.iat_delay;
    delay[0].ImportNameTableRVA = delay_int;
    const uint32_t delay_dir = b.put(s.rdata, delay, sizeof delay, 4);
    b.set_directory(IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT, delay_dir, sizeof delay);

    // .edata: ordinals 5..8 (Base 5): FuncA, FuncB, unused slot, forwarder;
    // FuncB also exported as "AliasB", and ordinal 7 is ordinal-only (unused).
    const uint32_t dir_rva = b.here(s.edata);
    b.put_zeros(s.edata, sizeof(IMAGE_EXPORT_DIRECTORY), 4);
    const uint32_t forwarder = b.put_string(s.edata, "NTDLL.RtlAllocateHeap");
    const uint32_t module_name = b.put_string(s.edata, "sample.dll");
    const uint32_t name_a = b.put_string(s.edata, "FuncA");
    const uint32_t name_alias = b.put_string(s.edata, "AliasB");
    const uint32_t name_b = b.put_string(s.edata, "FuncB");
    const uint32_t name_fwd = b.put_string(s.edata, "HeapAlloc");
    const DWORD functions[] = {s.export_func_a, s.export_func_b, 0, forwarder};
    const uint32_t functions_rva = b.put(s.edata, functions, sizeof functions, 4);
    const DWORD names[] = {name_alias, name_a, name_b, name_fwd};
    const uint32_t names_rva = b.put(s.edata, names, sizeof names, 4);
    const WORD ordinals[] = {1, 0, 1, 3};
    const uint32_t ordinals_rva = b.put(s.edata, ordinals, sizeof ordinals, 2);
    IMAGE_EXPORT_DIRECTORY ed{};
    ed.Name = module_name;
    ed.Base = 5;
    ed.NumberOfFunctions = 4;
    ed.NumberOfNames = 4;
    ed.AddressOfFunctions = functions_rva;
    ed.AddressOfNames = names_rva;
    ed.AddressOfNameOrdinals = ordinals_rva;
    b.patch_rva(dir_rva, ed);
    s.export_dir = dir_rva;
    b.set_directory(IMAGE_DIRECTORY_ENTRY_EXPORT, dir_rva, b.here(s.edata) - dir_rva);

    // .reloc: one block for .data with two DIR64 fixups and a padding entry.
    const WORD entries[] = {static_cast<WORD>((IMAGE_REL_BASED_DIR64 << 12) | 0x000),
                            static_cast<WORD>((IMAGE_REL_BASED_DIR64 << 12) | 0x010),
                            static_cast<WORD>((IMAGE_REL_BASED_HIGHLOW << 12) | 0x020),
                            static_cast<WORD>(IMAGE_REL_BASED_ABSOLUTE << 12)};
    const uint32_t reloc_rva = b.put(s.reloc, IMAGE_BASE_RELOCATION{b.rva_of(s.data), 8 + sizeof entries}, 4);
    b.put(s.reloc, entries, sizeof entries, 2);
    b.set_directory(IMAGE_DIRECTORY_ENTRY_BASERELOC, reloc_rva, b.here(s.reloc) - reloc_rva);

    b.nt.OptionalHeader.AddressOfEntryPoint = s.export_func_a;
    return s;
}

// ---- export and import tables, for tests that need their own ----

struct ExportDef {
    std::string name;       // empty: exported by ordinal only
    uint32_t rva = 0;       // the function (ignored when forwarded)
    std::string forwarder;  // "DLL.Function" / "DLL.#N": a forwarder instead
};

// Writes an export directory into `section` and points the export data
// directory at it. Function i gets ordinal base + i; the named ones enter the
// name pointer table in the order given (so an import hint i names the i-th
// named definition; duplicate names are allowed). Returns the directory RVA.
inline uint32_t put_exports(PeBuilder& b, int section, std::string_view module_name, uint32_t base,
                            const std::vector<ExportDef>& defs) {
    const uint32_t dir_rva = b.put_zeros(section, sizeof(IMAGE_EXPORT_DIRECTORY), 4);
    const uint32_t name_rva = b.put_string(section, module_name);
    std::vector<DWORD> functions, names;
    std::vector<WORD> ordinals;
    for (size_t i = 0; i < defs.size(); ++i) {
        // Forwarder strings must lie inside the export directory's range.
        functions.push_back(defs[i].forwarder.empty() ? defs[i].rva : b.put_string(section, defs[i].forwarder));
        if (!defs[i].name.empty()) {
            names.push_back(b.put_string(section, defs[i].name));
            ordinals.push_back(static_cast<WORD>(i));
        }
    }
    const uint32_t functions_rva = b.put(section, functions.data(), functions.size() * 4, 4);
    const uint32_t names_rva = names.empty() ? 0 : b.put(section, names.data(), names.size() * 4, 4);
    const uint32_t ordinals_rva = ordinals.empty() ? 0 : b.put(section, ordinals.data(), ordinals.size() * 2, 2);
    IMAGE_EXPORT_DIRECTORY ed{};
    ed.Name = name_rva;
    ed.Base = base;
    ed.NumberOfFunctions = static_cast<DWORD>(functions.size());
    ed.NumberOfNames = static_cast<DWORD>(names.size());
    ed.AddressOfFunctions = functions_rva;
    ed.AddressOfNames = names_rva;
    ed.AddressOfNameOrdinals = ordinals_rva;
    b.patch_rva(dir_rva, ed);
    b.set_directory(IMAGE_DIRECTORY_ENTRY_EXPORT, dir_rva, b.here(section) - dir_rva);
    return dir_rva;
}

struct ImportDef {
    std::string name;  // empty: by ordinal
    uint16_t ordinal = 0;
    uint16_t hint = 0;
};

struct ImportedDll {
    std::string dll;
    std::vector<ImportDef> symbols;
    // Filled by put_imports: where each table landed.
    uint32_t lookup_rva = 0, iat_rva = 0, descriptor_rva = 0;
};

// Writes import descriptors (names and lookup tables in `rdata`, the IATs
// in `data`) and points the import data directory at them.
inline void put_imports(PeBuilder& b, int rdata, int data, std::vector<ImportedDll>& dlls) {
    std::vector<IMAGE_IMPORT_DESCRIPTOR> descriptors;
    for (auto& dll : dlls) {
        std::vector<ULONGLONG> thunks;
        for (const auto& symbol : dll.symbols)
            thunks.push_back(symbol.name.empty() ? IMAGE_ORDINAL_FLAG64 | symbol.ordinal
                                                 : b.put_hint_name(rdata, symbol.hint, symbol.name));
        thunks.push_back(0);
        IMAGE_IMPORT_DESCRIPTOR d{};
        d.Name = b.put_string(rdata, dll.dll);
        dll.lookup_rva = d.OriginalFirstThunk = b.put(rdata, thunks.data(), thunks.size() * 8, 8);
        dll.iat_rva = d.FirstThunk = b.put(data, thunks.data(), thunks.size() * 8, 8);
        descriptors.push_back(d);
    }
    descriptors.push_back(IMAGE_IMPORT_DESCRIPTOR{});
    const uint32_t dir = b.put(rdata, descriptors.data(), descriptors.size() * sizeof(IMAGE_IMPORT_DESCRIPTOR), 4);
    for (size_t i = 0; i < dlls.size(); ++i) dlls[i].descriptor_rva = dir + static_cast<uint32_t>(i * sizeof(IMAGE_IMPORT_DESCRIPTOR));
    b.set_directory(IMAGE_DIRECTORY_ENTRY_IMPORT, dir, static_cast<uint32_t>(descriptors.size() * sizeof(IMAGE_IMPORT_DESCRIPTOR)));
}

}  // namespace vine::pe::testing
