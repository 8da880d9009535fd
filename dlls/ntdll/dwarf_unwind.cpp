// A DWARF call frame information interpreter (DWARF 4, section 6.4, with
// the GNU extensions GCC emits), written for SEH: it undoes one ELF frame on
// a Windows CONTEXT so the dispatcher and RtlUnwindEx can walk through
// builtin code to the Windows frames above it.
//
// Why not libunwind or libgcc's unwinder: they unwind the running thread
// through their own cursors, know only the System V callee-saved registers
// (builtin exports are Microsoft x64 functions whose prologues also save
// rsi, rdi and xmm6-xmm15, which GCC describes in the CFI and the guest
// expects back), and would add a dependency; the walk here must also
// interleave with .pdata frames one step at a time.
//
// Saved registers are only read from the thread's stack, so a corrupt
// frame ends the walk instead of faulting inside the dispatcher.
#include "dwarf_unwind.h"

#include <cstring>

#include "dwarf_reader.h"
#include "eh_frame.h"
#include "vine/teb.h"

namespace dwarf {
namespace {

constexpr unsigned kRegisters = 33;  // rax..r15 (0-15), the return address (16), xmm0-xmm15 (17-32)
constexpr unsigned kRsp = 7;
constexpr unsigned kReturnAddress = 16;
constexpr unsigned kFirstXmm = 17;

// DWARF's numbers of rax..r15 to CONTEXT::reg's (Windows') numbers.
constexpr unsigned kToWindows[16] = {0, 2, 1, 3, 6, 7, 5, 4, 8, 9, 10, 11, 12, 13, 14, 15};

struct Rule {
    enum Kind : uint8_t { Same, Undefined, Offset, ValOffset, Register, Expression, ValExpression } kind = Same;
    int64_t value = 0;  // the offset, the register, or the address of the length-prefixed expression
};

struct Row {
    Rule reg[kRegisters];
    unsigned cfa_reg = kRsp;  // the CFA is cfa_reg + cfa_offset, or the expression's value
    int64_t cfa_offset = 8;
    const uint8_t* cfa_expression = nullptr;
};

bool readable(uint64_t address, size_t size) {
    TEB* teb = current_teb();
    auto low = reinterpret_cast<uint64_t>(teb->Tib.StackLimit);
    auto high = reinterpret_cast<uint64_t>(teb->Tib.StackBase);
    if (!low || !high) return true;
    return address >= low && address <= high - size;
}

bool register_value(const CONTEXT& context, uint64_t reg, uint64_t& value) {
    if (reg < 16) value = const_cast<CONTEXT&>(context).reg(kToWindows[reg]);
    else if (reg == kReturnAddress) value = context.Rip;
    else return false;
    return true;
}

// Evaluates a DWARF expression (a length-prefixed block) over the frame's
// registers; `initial` is pushed first for register rules. Only what CFI
// uses: constants, register-relative values, arithmetic, stack operations,
// dereferences and branches.
bool evaluate(const uint8_t* block, const CONTEXT& context, const uint64_t* initial, uint64_t& result) {
    Reader reader{block, block + 16};
    uint64_t length = reader.uleb();
    reader.end = reader.p + length;
    const uint8_t* start = reader.p;
    uint64_t stack[16];
    unsigned top = 0;
    if (initial) stack[top++] = *initial;
    auto push = [&](uint64_t value) {
        if (top == 16) return false;
        stack[top++] = value;
        return true;
    };
    for (unsigned steps = 0; reader.more() && steps < 1000; ++steps) {
        uint8_t op = reader.u8();
        bool good = true;
        if (op >= 0x30 && op <= 0x4f) {  // DW_OP_lit0..31
            good = push(op - 0x30);
        } else if (op >= 0x70 && op <= 0x8f) {  // DW_OP_breg0..31
            uint64_t value;
            good = register_value(context, op - 0x70, value) && push(value + reader.sleb());
        } else if (op == 0x92) {  // DW_OP_bregx
            uint64_t reg = reader.uleb(), value;
            good = register_value(context, reg, value) && push(value + reader.sleb());
        } else if (op >= 0x08 && op <= 0x11) {  // constants
            uint64_t value = 0;
            switch (op) {
            case 0x08: value = reader.u8(); break;
            case 0x09: value = static_cast<uint64_t>(int64_t{reader.fixed<int8_t>()}); break;
            case 0x0a: value = reader.fixed<uint16_t>(); break;
            case 0x0b: value = static_cast<uint64_t>(int64_t{reader.fixed<int16_t>()}); break;
            case 0x0c: value = reader.fixed<uint32_t>(); break;
            case 0x0d: value = static_cast<uint64_t>(int64_t{reader.fixed<int32_t>()}); break;
            case 0x0e:
            case 0x0f: value = reader.fixed<uint64_t>(); break;
            case 0x10: value = reader.uleb(); break;
            case 0x11: value = static_cast<uint64_t>(reader.sleb()); break;
            }
            good = push(value);
        } else if (op == 0x03) {  // DW_OP_addr
            good = push(reader.fixed<uint64_t>());
        } else if (op == 0x96) {  // DW_OP_nop
        } else if (op == 0x2f || op == 0x28) {  // DW_OP_skip, DW_OP_bra
            auto offset = reader.fixed<int16_t>();
            bool jump = true;
            if (op == 0x28) {
                if (!top) return false;
                jump = stack[--top] != 0;
            }
            if (jump) {
                const uint8_t* target = reader.p + offset;
                if (target < start || target > reader.end) return false;
                reader.p = target;
            }
        } else {
            // Everything else takes operands from the stack.
            if (!top) return false;
            uint64_t& a = stack[top - 1];
            switch (op) {
            case 0x06:  // DW_OP_deref
                if (!readable(a, 8)) return false;
                memcpy(&a, reinterpret_cast<const void*>(a), 8);
                break;
            case 0x94: {  // DW_OP_deref_size
                uint8_t size = reader.u8();
                if (size > 8 || !readable(a, size)) return false;
                uint64_t value = 0;
                memcpy(&value, reinterpret_cast<const void*>(a), size);
                a = value;
                break;
            }
            case 0x12: good = push(a); break;  // dup
            case 0x13: --top; break;           // drop
            case 0x19: a = static_cast<int64_t>(a) < 0 ? -a : a; break;
            case 0x1f: a = -a; break;
            case 0x20: a = ~a; break;
            case 0x23: a += reader.uleb(); break;  // plus_uconst
            case 0x15: {                          // pick
                uint8_t index = reader.u8();
                good = index < top && push(stack[top - 1 - index]);
                break;
            }
            default: {
                if (top < 2) return false;
                uint64_t b = stack[--top];
                uint64_t& under = stack[top - 1];
                switch (op) {
                case 0x14: {  // over: a b -> a b a
                    uint64_t a0 = under;
                    stack[top++] = b;
                    if (!push(a0)) return false;
                    break;
                }
                case 0x16: stack[top++] = under; under = b; break;  // swap
                case 0x1a: under &= b; break;
                case 0x1b: if (!b) return false; under = static_cast<uint64_t>(static_cast<int64_t>(under) / static_cast<int64_t>(b)); break;
                case 0x1c: under -= b; break;
                case 0x1d: if (!b) return false; under %= b; break;
                case 0x1e: under *= b; break;
                case 0x21: under |= b; break;
                case 0x22: under += b; break;
                case 0x24: under = b < 64 ? under << b : 0; break;
                case 0x25: under = b < 64 ? under >> b : 0; break;
                case 0x26: under = static_cast<uint64_t>(static_cast<int64_t>(under) >> (b < 64 ? b : 63)); break;
                case 0x27: under ^= b; break;
                case 0x29: under = under == b; break;
                case 0x2a: under = static_cast<int64_t>(under) >= static_cast<int64_t>(b); break;
                case 0x2b: under = static_cast<int64_t>(under) > static_cast<int64_t>(b); break;
                case 0x2c: under = static_cast<int64_t>(under) <= static_cast<int64_t>(b); break;
                case 0x2d: under = static_cast<int64_t>(under) < static_cast<int64_t>(b); break;
                case 0x2e: under = under != b; break;
                default: return false;
                }
            }
            }
        }
        if (!good || !reader.ok()) return false;
    }
    if (!top || !reader.ok()) return false;
    result = stack[top - 1];
    return true;
}

// Skips a length-prefixed block and returns its start.
const uint8_t* block(Reader& reader) {
    const uint8_t* start = reader.p;
    uint64_t length = reader.uleb();
    reader.p += length;
    return start;
}

// Runs CFI instructions on `row` while the location they describe stays at
// or below `target`. `initial` is the CIE's row (for DW_CFA_restore), null
// while running the CIE's own instructions.
bool execute(Reader reader, const Cie& cie, uint64_t loc, uint64_t target, Row& row, const Row* initial) {
    Row saved[4];
    unsigned depth = 0;
    auto set = [&](uint64_t reg, Rule::Kind kind, int64_t value) {
        if (reg < kRegisters) row.reg[reg] = Rule{kind, value};
    };
    auto restore = [&](uint64_t reg) {
        if (reg < kRegisters) row.reg[reg] = initial ? initial->reg[reg] : Rule{};
    };
    auto advance = [&](uint64_t delta) {
        loc += delta * cie.code_align;
        return loc <= target;
    };
    while (reader.more()) {
        uint8_t op = reader.u8();
        uint64_t low = op & 0x3f;
        switch (op >> 6) {
        case 1:  // DW_CFA_advance_loc
            if (!advance(low)) return true;
            continue;
        case 2:  // DW_CFA_offset
            set(low, Rule::Offset, static_cast<int64_t>(reader.uleb()) * cie.data_align);
            continue;
        case 3:  // DW_CFA_restore
            restore(low);
            continue;
        }
        switch (op) {
        case 0x00: break;  // nop
        case 0x01:         // set_loc
            loc = reader.pointer(cie.fde_encoding);
            if (loc > target) return true;
            break;
        case 0x02: if (!advance(reader.u8())) return true; break;
        case 0x03: if (!advance(reader.fixed<uint16_t>())) return true; break;
        case 0x04: if (!advance(reader.fixed<uint32_t>())) return true; break;
        case 0x05: {  // offset_extended
            uint64_t reg = reader.uleb();
            set(reg, Rule::Offset, static_cast<int64_t>(reader.uleb()) * cie.data_align);
            break;
        }
        case 0x06: restore(reader.uleb()); break;
        case 0x07: set(reader.uleb(), Rule::Undefined, 0); break;
        case 0x08: set(reader.uleb(), Rule::Same, 0); break;
        case 0x09: {  // register
            uint64_t reg = reader.uleb();
            set(reg, Rule::Register, static_cast<int64_t>(reader.uleb()));
            break;
        }
        case 0x0a:  // remember_state (the CFA rule included, as GCC expects)
            if (depth == 4) return false;
            saved[depth++] = row;
            break;
        case 0x0b:  // restore_state
            if (!depth) return false;
            row = saved[--depth];
            break;
        case 0x0c:  // def_cfa
            row.cfa_reg = static_cast<unsigned>(reader.uleb());
            row.cfa_offset = static_cast<int64_t>(reader.uleb());
            row.cfa_expression = nullptr;
            break;
        case 0x0d:  // def_cfa_register
            row.cfa_reg = static_cast<unsigned>(reader.uleb());
            row.cfa_expression = nullptr;
            break;
        case 0x0e: row.cfa_offset = static_cast<int64_t>(reader.uleb()); break;
        case 0x0f: row.cfa_expression = block(reader); break;
        case 0x10:    // expression
        case 0x16: {  // val_expression
            uint64_t reg = reader.uleb();
            set(reg, op == 0x10 ? Rule::Expression : Rule::ValExpression,
                static_cast<int64_t>(reinterpret_cast<uintptr_t>(block(reader))));
            break;
        }
        case 0x11: {  // offset_extended_sf
            uint64_t reg = reader.uleb();
            set(reg, Rule::Offset, reader.sleb() * cie.data_align);
            break;
        }
        case 0x12:  // def_cfa_sf
            row.cfa_reg = static_cast<unsigned>(reader.uleb());
            row.cfa_offset = reader.sleb() * cie.data_align;
            row.cfa_expression = nullptr;
            break;
        case 0x13: row.cfa_offset = reader.sleb() * cie.data_align; break;
        case 0x14: {  // val_offset
            uint64_t reg = reader.uleb();
            set(reg, Rule::ValOffset, static_cast<int64_t>(reader.uleb()) * cie.data_align);
            break;
        }
        case 0x15: {  // val_offset_sf
            uint64_t reg = reader.uleb();
            set(reg, Rule::ValOffset, reader.sleb() * cie.data_align);
            break;
        }
        case 0x2e: reader.uleb(); break;  // GNU_args_size: only a personality needs it
        case 0x2f: {                      // GNU_negative_offset_extended
            uint64_t reg = reader.uleb();
            set(reg, Rule::Offset, -static_cast<int64_t>(reader.uleb()) * cie.data_align);
            break;
        }
        default: return false;
        }
    }
    return reader.ok();
}

}  // namespace

bool step(CONTEXT& context, Pc pc, KNONVOLATILE_CONTEXT_POINTERS* pointers, Pc* next) {
    // Above a call, the row that applies is the call's own: the return
    // address may already be past the function's end (a noreturn call).
    uint64_t target = context.Rip - (pc == Pc::Return ? 1 : 0);
    Fde fde;
    if (!find_fde(target, fde) || fde.cie.return_register != kReturnAddress) return false;
    Row initial;
    if (!execute(Reader{fde.cie.instructions, fde.cie.instructions_end}, fde.cie, fde.begin, ~uint64_t{0}, initial,
                 nullptr))
        return false;
    Row row = initial;
    if (!execute(Reader{fde.instructions, fde.instructions_end}, fde.cie, fde.begin, target, row, &initial))
        return false;

    uint64_t cfa;
    if (row.cfa_expression) {
        if (!evaluate(row.cfa_expression, context, nullptr, cfa)) return false;
    } else {
        if (!register_value(context, row.cfa_reg, cfa)) return false;
        cfa += row.cfa_offset;
    }
    // The caller's frame is above this one; anything else is a corrupt
    // stack or a loop.
    if (cfa <= context.Rsp) return false;
    const Rule& return_rule = row.reg[kReturnAddress];
    if (return_rule.kind == Rule::Undefined || return_rule.kind == Rule::Same) return false;  // the outermost frame

    // Every value comes from the frame's registers, so compute into a copy.
    CONTEXT caller = context;
    for (unsigned reg = 0; reg < kRegisters; ++reg) {
        const Rule& rule = row.reg[reg];
        if (reg == kRsp || rule.kind == Rule::Same || rule.kind == Rule::Undefined) continue;
        bool xmm = reg >= kFirstXmm;
        uint64_t value = 0, address = 0;
        bool in_memory = false;
        switch (rule.kind) {
        case Rule::Offset:
            address = cfa + rule.value;
            in_memory = true;
            break;
        case Rule::ValOffset: value = cfa + rule.value; break;
        case Rule::Register:
            if (!register_value(context, static_cast<uint64_t>(rule.value), value)) return false;
            break;
        case Rule::Expression:
        case Rule::ValExpression: {
            const auto* expression = reinterpret_cast<const uint8_t*>(static_cast<uintptr_t>(rule.value));
            if (!evaluate(expression, context, &cfa, rule.kind == Rule::Expression ? address : value)) return false;
            in_memory = rule.kind == Rule::Expression;
            break;
        }
        default: break;
        }
        if (xmm) {
            if (!in_memory) continue;  // a value rule cannot describe a 128-bit register
            if (!readable(address, 16)) return false;
            memcpy(&caller.Xmm[reg - kFirstXmm], reinterpret_cast<const void*>(address), 16);
            if (pointers) pointers->FloatingContext[reg - kFirstXmm] = reinterpret_cast<M128A*>(address);
            continue;
        }
        if (in_memory) {
            if (!readable(address, 8)) return false;
            memcpy(&value, reinterpret_cast<const void*>(address), 8);
            if (pointers && reg < 16) pointers->IntegerContext[kToWindows[reg]] = reinterpret_cast<DWORD64*>(address);
        }
        if (reg == kReturnAddress) caller.Rip = value;
        else caller.reg(kToWindows[reg]) = value;
    }
    caller.Rsp = cfa;
    context = caller;
    if (next) *next = fde.cie.signal_frame ? Pc::Exact : Pc::Return;
    return true;
}

}  // namespace dwarf
