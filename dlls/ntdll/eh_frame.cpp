// The FDE for an address: dl_iterate_phdr finds the ELF object whose PT_LOAD
// segments contain it, its PT_GNU_EH_FRAME segment (.eh_frame_hdr) holds a
// table of (function start, FDE) pairs sorted by start, which is searched
// binarily; the FDE and its CIE are then parsed (layouts from the LSB's
// "Exception Frames" chapter). PE images are not ELF objects, so Windows
// code is never found here.
#include "eh_frame.h"

#include <link.h>

#include <cstring>

#include "dwarf_reader.h"

namespace dwarf {
namespace {

struct Search {
    uint64_t pc;
    const uint8_t* header = nullptr;  // the object's .eh_frame_hdr
    uint64_t base = 0;
    bool inside = false;
};

int find_object(dl_phdr_info* info, size_t, void* data) {
    auto* search = static_cast<Search*>(data);
    const ElfW(Phdr)* eh_frame_header = nullptr;
    bool inside = false;
    for (unsigned i = 0; i < info->dlpi_phnum; ++i) {
        const ElfW(Phdr)& phdr = info->dlpi_phdr[i];
        if (phdr.p_type == PT_LOAD) {
            uint64_t start = info->dlpi_addr + phdr.p_vaddr;
            if (search->pc >= start && search->pc - start < phdr.p_memsz) inside = true;
        } else if (phdr.p_type == PT_GNU_EH_FRAME) {
            eh_frame_header = &phdr;
        }
    }
    if (!inside) return 0;
    search->inside = true;
    search->base = info->dlpi_addr;
    if (eh_frame_header) search->header = reinterpret_cast<const uint8_t*>(info->dlpi_addr + eh_frame_header->p_vaddr);
    return 1;
}

// A record's extent: its 32-bit (or 0xffffffff and 64-bit) length. The
// reader is left at the field after the length.
bool record_extent(Reader& reader) {
    uint64_t length = reader.fixed<uint32_t>();
    if (length == 0xffffffff) length = reader.fixed<uint64_t>();
    if (!reader.ok() || !length) return false;
    reader.end = reader.p + length;
    return true;
}

bool parse_cie(const uint8_t* at, Cie& cie) {
    Reader reader{at, at + 16};
    if (!record_extent(reader) || reader.fixed<uint32_t>() != 0) return false;  // a CIE's id is 0
    uint8_t version = reader.u8();
    if (version != 1 && version != 3 && version != 4) return false;
    const char* augmentation = reinterpret_cast<const char*>(reader.p);
    size_t length = strnlen(augmentation, reader.end - reader.p);
    reader.p += length + 1;
    if (version == 4) reader.p += 2;  // address and segment selector sizes
    if (augmentation[0] == 'e' && augmentation[1] == 'h') {
        reader.p += sizeof(uint64_t);  // an old GCC's exception-table pointer
        augmentation += 2;
    }
    cie.code_align = reader.uleb();
    cie.data_align = reader.sleb();
    cie.return_register = version == 1 ? reader.u8() : static_cast<unsigned>(reader.uleb());
    if (augmentation[0] == 'z') {
        cie.augmented = true;
        uint64_t data_length = reader.uleb();
        const uint8_t* data_end = reader.p + data_length;
        for (const char* c = augmentation + 1; *c && reader.ok(); ++c) {
            if (*c == 'R') cie.fde_encoding = reader.u8();
            else if (*c == 'L') reader.u8();  // the LSDA's encoding: only a personality reads it
            else if (*c == 'P') reader.pointer(reader.u8() & 0x7f);
            else if (*c == 'S') cie.signal_frame = true;
            else break;  // unknown: the length lets us skip the rest
        }
        reader.p = data_end;
    } else if (augmentation[0]) {
        return false;  // an augmentation we cannot skip
    }
    cie.instructions = reader.p;
    cie.instructions_end = reader.end;
    return reader.ok();
}

bool parse_fde(const uint8_t* at, Fde& fde) {
    Reader reader{at, at + 16};
    if (!record_extent(reader)) return false;
    const uint8_t* id_field = reader.p;
    uint32_t cie_offset = reader.fixed<uint32_t>();
    if (!cie_offset || !parse_cie(id_field - cie_offset, fde.cie)) return false;
    fde.begin = reader.pointer(fde.cie.fde_encoding);
    fde.end = fde.begin + reader.pointer(fde.cie.fde_encoding & 0x0f);
    if (fde.cie.augmented) reader.p += reader.uleb();  // the FDE's augmentation data
    fde.instructions = reader.p;
    fde.instructions_end = reader.end;
    return reader.ok();
}

}  // namespace

bool find_fde(uint64_t pc, Fde& fde) {
    Search search{pc};
    dl_iterate_phdr(find_object, &search);
    if (!search.header || search.header[0] != 1) return false;
    const uint8_t* header = search.header;
    uint8_t frame_encoding = header[1], count_encoding = header[2], table_encoding = header[3];
    // GNU ld writes the table as pairs of 32-bit offsets from the header.
    if (count_encoding == kPeOmit || table_encoding != (kPeDatarel | kPeSdata4)) return false;
    Reader reader{header + 4, header + 4 + 2 * sizeof(uint64_t)};
    auto data_base = reinterpret_cast<uint64_t>(header);
    reader.pointer(frame_encoding, data_base);
    uint64_t count = reader.pointer(count_encoding, data_base);
    if (!reader.ok() || !count) return false;
    const auto* table = reinterpret_cast<const int32_t*>(reader.p);
    // The last entry starting at or below pc.
    uint64_t low = 0, high = count;
    while (high - low > 1) {
        uint64_t mid = (low + high) / 2;
        if (data_base + static_cast<int64_t>(table[2 * mid]) <= pc) low = mid;
        else high = mid;
    }
    if (data_base + static_cast<int64_t>(table[2 * low]) > pc) return false;
    if (!parse_fde(header + table[2 * low + 1], fde)) return false;
    fde.object_base = search.base;
    return pc >= fde.begin && pc < fde.end;
}

}  // namespace dwarf
