// Integer division faults (see divide_fault.h): the faulting div or idiv
// (F6/F7 /6 or /7) is decoded, with its prefixes, REX, ModRM, SIB and
// displacement, and its divisor read from the registers or memory.
#include "divide_fault.h"

#include <cstring>

#include "vine/teb.h"

namespace vine::crash {

bool divisor_nonzero(const ucontext_t* uc) {
    const greg_t* r = uc->uc_mcontext.gregs;
    static constexpr int kRegisters[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
                                           REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};
    const auto* pc = reinterpret_cast<const uint8_t*>(r[REG_RIP]);
    bool operand16 = false, address32 = false, gs = false;
    uint8_t rex = 0;
    size_t i = 0;
    for (;; ++i) {
        if (i > 14) return false;
        uint8_t b = pc[i];
        if (b == 0x66) operand16 = true;
        else if (b == 0x67) address32 = true;
        else if (b == 0x65) gs = true;
        else if (b == 0xf0 || b == 0xf2 || b == 0xf3 || b == 0x2e || b == 0x36 || b == 0x3e || b == 0x26 || b == 0x64) continue;
        else break;
    }
    if ((pc[i] & 0xf0) == 0x40) rex = pc[i++];
    uint8_t opcode = pc[i++];
    if (opcode != 0xf6 && opcode != 0xf7) return false;
    uint8_t modrm = pc[i++];
    unsigned mod = modrm >> 6, reg = (modrm >> 3) & 7, rm = modrm & 7;
    if (reg != 6 && reg != 7) return false;
    unsigned size = opcode == 0xf6 ? 1 : (rex & 8) ? 8 : operand16 ? 2 : 4;
    uint64_t value = 0;
    if (mod == 3) {
        unsigned index = rm + ((rex & 1) ? 8 : 0);
        uint64_t full = static_cast<uint64_t>(r[kRegisters[index]]);
        // Without REX, byte registers 4-7 are ah, ch, dh, bh.
        if (size == 1 && !rex && rm >= 4) value = (static_cast<uint64_t>(r[kRegisters[rm - 4]]) >> 8) & 0xff;
        else value = full;
    } else {
        uint64_t address = 0;
        if (rm == 4) {
            uint8_t sib = pc[i++];
            unsigned scale = sib >> 6, index = ((sib >> 3) & 7) + ((rex & 2) ? 8 : 0), base = sib & 7;
            if (index != 4) address += static_cast<uint64_t>(r[kRegisters[index]]) << scale;
            if (base == 5 && mod == 0) {
                int32_t disp;
                memcpy(&disp, pc + i, 4);
                i += 4;
                address += static_cast<uint64_t>(static_cast<int64_t>(disp));
            } else {
                address += static_cast<uint64_t>(r[kRegisters[base + ((rex & 1) ? 8 : 0)]]);
            }
        } else if (rm == 5 && mod == 0) {
            int32_t disp;
            memcpy(&disp, pc + i, 4);
            i += 4;
            // rip-relative: from the end of the instruction (no immediate follows a div).
            address = r[REG_RIP] + i + static_cast<uint64_t>(static_cast<int64_t>(disp));
        } else {
            address = static_cast<uint64_t>(r[kRegisters[rm + ((rex & 1) ? 8 : 0)]]);
        }
        if (mod == 1) {
            address += static_cast<uint64_t>(static_cast<int64_t>(static_cast<int8_t>(pc[i++])));
        } else if (mod == 2) {
            int32_t disp;
            memcpy(&disp, pc + i, 4);
            i += 4;
            address += static_cast<uint64_t>(static_cast<int64_t>(disp));
        }
        if (address32) address &= 0xffffffffu;
        if (gs) address += reinterpret_cast<uint64_t>(current_teb());
        // The instruction ran far enough to divide: its operand was readable.
        memcpy(&value, reinterpret_cast<const void*>(address), size);
    }
    if (size < 8) value &= (uint64_t{1} << (size * 8)) - 1;
    return value != 0;
}

}  // namespace vine::crash
