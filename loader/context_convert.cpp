#include "context_convert.h"

#include <cstring>

namespace vine::threads {
namespace {

// Windows x64 user-mode selectors (what GetThreadContext reports).
constexpr WORD kCodeSelector = 0x33, kDataSelector = 0x2b, kTebSelector = 0x53;

// The kernel's marker for an XSAVE frame after the 512-byte legacy area
// (its "software reserved" bytes at offset 464 of the FXSAVE image).
constexpr uint32_t kXstateMagic1 = 0x46505853;
constexpr size_t kSwReservedOffset = 464;
constexpr uint64_t kXstateFpSse = 0x3;  // x87 and SSE components

struct Gpr {
    int reg;
    DWORD64 CONTEXT::*field;
};
constexpr Gpr kIntegerRegisters[] = {
    {REG_RAX, &CONTEXT::Rax}, {REG_RCX, &CONTEXT::Rcx}, {REG_RDX, &CONTEXT::Rdx}, {REG_RBX, &CONTEXT::Rbx},
    {REG_RBP, &CONTEXT::Rbp}, {REG_RSI, &CONTEXT::Rsi}, {REG_RDI, &CONTEXT::Rdi}, {REG_R8, &CONTEXT::R8},
    {REG_R9, &CONTEXT::R9},   {REG_R10, &CONTEXT::R10}, {REG_R11, &CONTEXT::R11}, {REG_R12, &CONTEXT::R12},
    {REG_R13, &CONTEXT::R13}, {REG_R14, &CONTEXT::R14}, {REG_R15, &CONTEXT::R15},
};

bool has(DWORD flags, DWORD part) { return (flags & part & ~CONTEXT_AMD64) != 0; }

}  // namespace

void context_from_ucontext(const ucontext_t& in, CONTEXT& out) {
    const greg_t* r = in.uc_mcontext.gregs;
    out.ContextFlags = CONTEXT_ALL;
    for (const Gpr& gpr : kIntegerRegisters) out.*gpr.field = static_cast<DWORD64>(r[gpr.reg]);
    out.Rsp = static_cast<DWORD64>(r[REG_RSP]);
    out.Rip = static_cast<DWORD64>(r[REG_RIP]);
    out.EFlags = static_cast<DWORD>(r[REG_EFL]);
    out.SegCs = kCodeSelector;
    out.SegSs = out.SegDs = out.SegEs = out.SegGs = kDataSelector;
    out.SegFs = kTebSelector;
    out.Dr0 = out.Dr1 = out.Dr2 = out.Dr3 = out.Dr6 = out.Dr7 = 0;
    if (in.uc_mcontext.fpregs) {
        static_assert(sizeof(*in.uc_mcontext.fpregs) == sizeof(XMM_SAVE_AREA32));
        memcpy(&out.FltSave, in.uc_mcontext.fpregs, sizeof(XMM_SAVE_AREA32));
        out.MxCsr = out.FltSave.MxCsr;
    }
}

void context_to_ucontext(const CONTEXT& in, DWORD flags, ucontext_t& out) {
    greg_t* r = out.uc_mcontext.gregs;
    if (has(flags, CONTEXT_CONTROL)) {
        r[REG_RIP] = static_cast<greg_t>(in.Rip);
        r[REG_RSP] = static_cast<greg_t>(in.Rsp);
        // sigreturn takes only the flags user code may change.
        r[REG_EFL] = static_cast<greg_t>(in.EFlags);
    }
    if (has(flags, CONTEXT_INTEGER))
        for (const Gpr& gpr : kIntegerRegisters) r[gpr.reg] = static_cast<greg_t>(in.*gpr.field);
    if (has(flags, CONTEXT_FLOATING_POINT) && out.uc_mcontext.fpregs) {
        auto* area = reinterpret_cast<uint8_t*>(out.uc_mcontext.fpregs);
        XMM_SAVE_AREA32 fp;
        memcpy(&fp, &in.FltSave, sizeof(fp));
        // sigreturn refuses reserved MXCSR bits (the frame would be bad).
        DWORD mask = out.uc_mcontext.fpregs->mxcr_mask ? out.uc_mcontext.fpregs->mxcr_mask : 0xffbf;
        fp.MxCsr = in.MxCsr & mask;
        fp.MxCsr_Mask = out.uc_mcontext.fpregs->mxcr_mask;
        // Bytes 464..511 belong to the kernel (they describe the frame).
        memcpy(area, &fp, kSwReservedOffset);
        uint32_t magic;
        memcpy(&magic, area + kSwReservedOffset, sizeof(magic));
        if (magic == kXstateMagic1) {
            // XSAVE frame: make sure the restore loads x87/SSE from what we
            // wrote instead of resetting them to their initial state.
            uint64_t present;
            memcpy(&present, area + 512, sizeof(present));
            present |= kXstateFpSse;
            memcpy(area + 512, &present, sizeof(present));
        }
    }
}

void copy_context_parts(const CONTEXT& from, DWORD flags, CONTEXT& to) {
    if (has(flags, CONTEXT_CONTROL)) {
        to.Rip = from.Rip;
        to.Rsp = from.Rsp;
        to.EFlags = from.EFlags;
        to.SegCs = from.SegCs;
        to.SegSs = from.SegSs;
    }
    if (has(flags, CONTEXT_INTEGER)) {
        to.Rax = from.Rax, to.Rcx = from.Rcx, to.Rdx = from.Rdx, to.Rbx = from.Rbx;
        to.Rbp = from.Rbp, to.Rsi = from.Rsi, to.Rdi = from.Rdi;
        to.R8 = from.R8, to.R9 = from.R9, to.R10 = from.R10, to.R11 = from.R11;
        to.R12 = from.R12, to.R13 = from.R13, to.R14 = from.R14, to.R15 = from.R15;
    }
    if (has(flags, CONTEXT_SEGMENTS)) {
        to.SegDs = from.SegDs, to.SegEs = from.SegEs, to.SegFs = from.SegFs, to.SegGs = from.SegGs;
    }
    if (has(flags, CONTEXT_FLOATING_POINT)) {
        to.FltSave = from.FltSave;
        to.MxCsr = from.MxCsr;
    }
    if (has(flags, CONTEXT_DEBUG_REGISTERS)) {
        to.Dr0 = from.Dr0, to.Dr1 = from.Dr1, to.Dr2 = from.Dr2, to.Dr3 = from.Dr3;
        to.Dr6 = from.Dr6, to.Dr7 = from.Dr7;
    }
}

}  // namespace vine::threads
