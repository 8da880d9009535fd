// Finding the DWARF call frame information (.eh_frame) that describes an
// address in ELF code of the vine process: builtin DLLs, the vine
// executable (relay and stub trampolines), the system libraries.
#pragma once

#include <cstdint>

namespace dwarf {

// A CIE's fields that the CFI interpreter needs.
struct Cie {
    const uint8_t* instructions = nullptr;  // the initial instructions
    const uint8_t* instructions_end = nullptr;
    uint64_t code_align = 1;
    int64_t data_align = -8;
    unsigned return_register = 16;
    uint8_t fde_encoding = 0;  // DW_EH_PE_* of the FDE's addresses
    bool augmented = false;  // 'z': CIE and FDEs carry augmentation data
    bool signal_frame = false;  // 'S': the return address is the interrupted instruction
};

// An FDE: the function [begin, end) and its CFI program.
struct Fde {
    uint64_t begin = 0;
    uint64_t end = 0;
    const uint8_t* instructions = nullptr;
    const uint8_t* instructions_end = nullptr;
    Cie cie;
    uint64_t object_base = 0;  // the ELF object's load bias (dlpi_addr)
};

// The FDE covering `pc`, found through the .eh_frame_hdr search table of
// the loaded ELF object containing it. False for Windows (PE) code, code
// without CFI, or unreadable tables.
bool find_fde(uint64_t pc, Fde& fde);

}  // namespace dwarf
