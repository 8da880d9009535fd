// x64 table-based unwinding: finding a function's RUNTIME_FUNCTION in its
// module's .pdata (or in a table added with RtlAddFunctionTable) and undoing
// its prologue from the UNWIND_INFO codes in .xdata, or simulating its
// epilogue, as the public "x64 exception handling" documentation describes.
//
// Builtin DLLs are ELF code: they have a PE image but no .pdata. Their
// frames (and those of the vine executable and system libraries) are
// unwound from their DWARF CFI instead (dwarf_unwind.cpp); they have no
// language handler, so an exception passes through them without running
// their C++ destructors, as in Wine. vine_call_handler's frames (see
// seh.h) are the exception: the dispatcher steps over them itself.
#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

#include "vine/locks.h"
#include "dwarf_unwind.h"
#include "ntdll_private.h"
#include "seh.h"
#include "vine/loader.h"
#include "vine/ntstatus.h"

namespace {

RUNTIME_FUNCTION* search(RUNTIME_FUNCTION* table, size_t count, DWORD rva) {
    size_t low = 0, high = count;
    while (low < high) {
        size_t mid = (low + high) / 2;
        if (rva < table[mid].BeginAddress) high = mid;
        else if (rva >= table[mid].EndAddress) low = mid + 1;
        else return &table[mid];
    }
    return nullptr;
}

// Tables registered at run time for JIT code, searched after the modules:
// RtlAddFunctionTable's (any order), RtlAddGrowableFunctionTable's (sorted,
// growing in place) and RtlInstallFunctionTableCallback's (asked per pc).
struct DynamicTable {
    enum Kind { Fixed, Growable, Callback } kind;
    RUNTIME_FUNCTION* functions = nullptr;
    DWORD count = 0;
    DWORD maximum = 0;
    bool sorted = true;
    ULONG64 base = 0;            // what the RVAs are relative to
    ULONG64 begin = 0, end = 0;  // the pcs it covers
    PGET_RUNTIME_FUNCTION_CALLBACK callback = nullptr;
    void* callback_context = nullptr;
    ULONG64 identifier = 0;  // a callback table's, for RtlDeleteFunctionTable

    RUNTIME_FUNCTION* find(ULONG64 pc) {
        auto rva = static_cast<DWORD>(pc - base);
        if (sorted) return search(functions, count, rva);
        for (DWORD i = 0; i < count; ++i)
            if (rva >= functions[i].BeginAddress && rva < functions[i].EndAddress) return &functions[i];
        return nullptr;
    }
};
vine::Mutex dynamic_lock;
std::vector<std::unique_ptr<DynamicTable>> dynamic_tables;

RUNTIME_FUNCTION* dynamic_entry(ULONG64 pc, ULONG64* image_base) {
    PGET_RUNTIME_FUNCTION_CALLBACK callback = nullptr;
    void* callback_context = nullptr;
    ULONG64 callback_base = 0;
    {
        std::lock_guard guard(dynamic_lock);
        for (const auto& table : dynamic_tables) {
            if (pc < table->begin || pc >= table->end) continue;
            if (table->kind == DynamicTable::Callback) {
                callback = table->callback;
                callback_context = table->callback_context;
                callback_base = table->base;
                break;
            }
            if (RUNTIME_FUNCTION* found = table->find(pc)) {
                *image_base = table->base;
                return found;
            }
        }
    }
    // The program's callback runs without the lock: it may add tables.
    if (!callback) return nullptr;
    RUNTIME_FUNCTION* found = callback(pc, callback_context);
    if (found) *image_base = callback_base;
    return found;
}

void add_dynamic_table(std::unique_ptr<DynamicTable> table) {
    std::lock_guard guard(dynamic_lock);
    dynamic_tables.push_back(std::move(table));
}

const IMAGE_DATA_DIRECTORY* exception_directory(const uint8_t* base) {
    auto* dos = reinterpret_cast<const IMAGE_DOS_HEADER*>(base);
    auto* nt = reinterpret_cast<const IMAGE_NT_HEADERS64*>(base + dos->e_lfanew);
    if (nt->OptionalHeader.NumberOfRvaAndSizes <= IMAGE_DIRECTORY_ENTRY_EXCEPTION) return nullptr;
    const auto& dir = nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_EXCEPTION];
    return dir.VirtualAddress && dir.Size ? &dir : nullptr;
}

DWORD read32(const UNWIND_CODE* codes) { return codes[0].FrameOffset | (DWORD{codes[1].FrameOffset} << 16); }

// How many UNWIND_CODE slots an operation takes.
unsigned code_slots(const UNWIND_CODE& code, unsigned version) {
    switch (code.UnwindOp) {
    case UWOP_ALLOC_LARGE: return code.OpInfo ? 3 : 2;
    case UWOP_SAVE_NONVOL:
    case UWOP_SAVE_XMM128: return 2;
    case UWOP_SAVE_NONVOL_FAR:
    case UWOP_SAVE_XMM128_FAR: return 3;
    case UWOP_EPILOG: return version >= 2 ? 1 : 2;  // version 1: UWOP_SAVE_XMM
    case UWOP_SPARE_CODE: return version >= 2 ? 1 : 3;  // version 1: UWOP_SAVE_XMM_FAR
    default: return 1;
    }
}

UNWIND_INFO* unwind_info(ULONG64 base, const RUNTIME_FUNCTION* function) {
    return reinterpret_cast<UNWIND_INFO*>(base + function->UnwindData);
}

// The data after the codes: the handler RVA, or the chained RUNTIME_FUNCTION.
void* unwind_info_tail(UNWIND_INFO* info) { return &info->UnwindCode[(info->CountOfCodes + 1) & ~1]; }

// An entry whose UnwindData has bit 0 set points at another entry (shared
// unwind data).
RUNTIME_FUNCTION* resolve_indirect(ULONG64 base, RUNTIME_FUNCTION* function) {
    for (int i = 0; i < 8 && (function->UnwindData & 1); ++i)
        function = reinterpret_cast<RUNTIME_FUNCTION*>(base + (function->UnwindData & ~1u));
    return function;
}

void pop_register(CONTEXT* context, unsigned reg, KNONVOLATILE_CONTEXT_POINTERS* pointers) {
    auto* slot = reinterpret_cast<DWORD64*>(context->Rsp);
    if (pointers) pointers->IntegerContext[reg] = slot;
    context->reg(reg) = *slot;
    context->Rsp += 8;
}

// If the instructions at pc are an epilogue (the documented forms: an
// optional "add rsp, imm" or "lea rsp, [reg+disp]", pops, then ret or a jmp
// that leaves the function), executes them on the context and returns true.
bool unwind_epilogue(ULONG64 pc, ULONG64 begin, ULONG64 end, CONTEXT* context,
                     KNONVOLATILE_CONTEXT_POINTERS* pointers) {
    const auto* p = reinterpret_cast<const BYTE*>(pc);
    // First only recognise, so the context is untouched if this is not one.
    enum class Adjust { None, Add, Lea } adjust = Adjust::None;
    ULONG64 amount = 0;
    unsigned lea_base = 0;
    size_t i = 0;
    if ((p[0] & 0xfe) == 0x48 && p[1] == 0x83 && p[2] == 0xc4) {
        adjust = Adjust::Add;
        amount = static_cast<ULONG64>(static_cast<int8_t>(p[3]));
        i = 4;
    } else if ((p[0] & 0xfe) == 0x48 && p[1] == 0x81 && p[2] == 0xc4) {
        int32_t value;
        memcpy(&value, p + 3, 4);
        adjust = Adjust::Add;
        amount = static_cast<ULONG64>(static_cast<int64_t>(value));
        i = 7;
    } else if ((p[0] & 0xfe) == 0x48 && p[1] == 0x8d && ((p[2] >> 3) & 7) == 4) {
        unsigned mod = p[2] >> 6, rm = p[2] & 7;
        if (mod == 3 || (mod == 0 && rm == 5)) return false;
        lea_base = rm + ((p[0] & 1) ? 8 : 0);
        i = 3;
        if (rm == 4) {
            if (p[3] != 0x24) return false;  // [base] only, no index
            ++i;
        }
        int32_t disp = 0;
        if (mod == 1) disp = static_cast<int8_t>(p[i++]);
        else if (mod == 2) {
            memcpy(&disp, p + i, 4);
            i += 4;
        }
        adjust = Adjust::Lea;
        amount = static_cast<ULONG64>(static_cast<int64_t>(disp));
    }
    size_t pops_start = i;
    for (;;) {
        if (p[i] >= 0x58 && p[i] <= 0x5f) i += 1;
        else if (p[i] == 0x41 && p[i + 1] >= 0x58 && p[i + 1] <= 0x5f) i += 2;
        else break;
    }
    size_t pops_end = i;
    bool terminator = false;
    if (p[i] == 0xc3 || p[i] == 0xc2 || (p[i] == 0xf3 && p[i + 1] == 0xc3)) {
        terminator = true;
    } else if (p[i] == 0xe9 || p[i] == 0xeb) {
        int32_t rel;
        if (p[i] == 0xeb) rel = static_cast<int8_t>(p[i + 1]);
        else memcpy(&rel, p + i + 1, 4);
        ULONG64 target = pc + i + (p[i] == 0xeb ? 2 : 5) + static_cast<int64_t>(rel);
        terminator = target < begin || target >= end;  // a tail call, not a jump within
    } else if ((p[i] & 0xf8) == 0x48 && p[i + 1] == 0xff && ((p[i + 2] >> 3) & 7) == 4) {
        terminator = true;  // "rex.W jmp": compilers mark tail jumps this way
    } else if (p[i] == 0xff && ((p[i + 1] >> 3) & 7) == 4 && (p[i + 1] >> 6) == 0) {
        terminator = true;  // jmp [mem]
    }
    if (!terminator) return false;

    if (adjust == Adjust::Add) context->Rsp += amount;
    else if (adjust == Adjust::Lea) context->Rsp = context->reg(lea_base) + amount;
    for (i = pops_start; i < pops_end;) {
        if (p[i] == 0x41) {
            pop_register(context, 8 + (p[i + 1] - 0x58), pointers);
            i += 2;
        } else {
            pop_register(context, p[i] - 0x58, pointers);
            i += 1;
        }
    }
    context->Rip = *reinterpret_cast<DWORD64*>(context->Rsp);
    context->Rsp += 8;
    return true;
}

// The entry covering `pc` in its module's .pdata, else in a dynamic table.
RUNTIME_FUNCTION* table_entry(ULONG64 pc, ULONG64* image_base) {
    auto* base = static_cast<uint8_t*>(vine::loader::module_from_address(reinterpret_cast<void*>(pc)));
    if (base && exception_directory(base)) {
        const IMAGE_DATA_DIRECTORY* dir = exception_directory(base);
        auto* table = reinterpret_cast<RUNTIME_FUNCTION*>(base + dir->VirtualAddress);
        RUNTIME_FUNCTION* found = search(table, dir->Size / sizeof(RUNTIME_FUNCTION),
                                         static_cast<DWORD>(pc - reinterpret_cast<ULONG64>(base)));
        if (found) *image_base = reinterpret_cast<ULONG64>(base);
        return found;
    }
    return dynamic_entry(pc, image_base);
}

}  // namespace

// The entry covering `pc`: from .pdata or a dynamic table, or made up from
// the DWARF CFI of ELF code.
VINE_EXPORT RUNTIME_FUNCTION* RtlLookupFunctionEntry(ULONG64 pc, ULONG64* image_base, UNWIND_HISTORY_TABLE*) {
    if (RUNTIME_FUNCTION* found = table_entry(pc, image_base)) return found;
    return elf_function_entry(pc, image_base);
}

VINE_EXPORT BOOLEAN RtlAddFunctionTable(RUNTIME_FUNCTION* functions, DWORD count, ULONG64 base) {
    if (!functions || !count) return FALSE;
    auto table = std::make_unique<DynamicTable>();
    table->kind = DynamicTable::Fixed;
    table->functions = functions;
    table->count = count;
    table->base = base;
    DWORD low = functions[0].BeginAddress, high = functions[0].EndAddress;
    for (DWORD i = 1; i < count; ++i) {
        if (functions[i].BeginAddress < functions[i - 1].BeginAddress) table->sorted = false;
        low = std::min(low, functions[i].BeginAddress);
        high = std::max(high, functions[i].EndAddress);
    }
    table->begin = base + low;
    table->end = base + high;
    add_dynamic_table(std::move(table));
    return TRUE;
}

// The identifier's two low bits are set, which tells it from a table
// pointer in RtlDeleteFunctionTable.
VINE_EXPORT BOOLEAN RtlInstallFunctionTableCallback(ULONG64 identifier, ULONG64 base, DWORD length,
                                                    PGET_RUNTIME_FUNCTION_CALLBACK callback, void* context,
                                                    const WCHAR* out_of_process_dll) {
    (void)out_of_process_dll;  // only debuggers load it
    if ((identifier & 3) != 3 || !callback || !length) return FALSE;
    auto table = std::make_unique<DynamicTable>();
    table->kind = DynamicTable::Callback;
    table->identifier = identifier;
    table->base = base;
    table->begin = base;
    table->end = base + length;
    table->callback = callback;
    table->callback_context = context;
    add_dynamic_table(std::move(table));
    return TRUE;
}

VINE_EXPORT BOOLEAN RtlDeleteFunctionTable(RUNTIME_FUNCTION* functions) {
    std::lock_guard guard(dynamic_lock);
    auto key = reinterpret_cast<ULONG64>(functions);
    for (auto it = dynamic_tables.begin(); it != dynamic_tables.end(); ++it) {
        const DynamicTable& table = **it;
        if ((table.kind == DynamicTable::Fixed && table.functions == functions) ||
            (table.kind == DynamicTable::Callback && table.identifier == key)) {
            dynamic_tables.erase(it);
            return TRUE;
        }
    }
    return FALSE;
}

// A table a JIT extends in place as it emits functions (in address order):
// `count` entries now, up to `maximum`, covering [range_base, range_end).
VINE_EXPORT NTSTATUS RtlAddGrowableFunctionTable(void** handle, RUNTIME_FUNCTION* functions, DWORD count,
                                                 DWORD maximum, ULONG_PTR range_base, ULONG_PTR range_end) {
    if (!handle || !functions || count > maximum || range_end <= range_base) return STATUS_INVALID_PARAMETER;
    auto table = std::make_unique<DynamicTable>();
    table->kind = DynamicTable::Growable;
    table->functions = functions;
    table->count = count;
    table->maximum = maximum;
    table->base = range_base;
    table->begin = range_base;
    table->end = range_end;
    *handle = table.get();
    add_dynamic_table(std::move(table));
    return STATUS_SUCCESS;
}

VINE_EXPORT void RtlGrowFunctionTable(void* handle, DWORD count) {
    std::lock_guard guard(dynamic_lock);
    for (const auto& table : dynamic_tables) {
        if (table.get() == handle && table->kind == DynamicTable::Growable) {
            if (count >= table->count && count <= table->maximum) table->count = count;
            return;
        }
    }
}

VINE_EXPORT void RtlDeleteGrowableFunctionTable(void* handle) {
    std::lock_guard guard(dynamic_lock);
    for (auto it = dynamic_tables.begin(); it != dynamic_tables.end(); ++it) {
        if (it->get() == handle && (*it)->kind == DynamicTable::Growable) {
            dynamic_tables.erase(it);
            return;
        }
    }
}

VINE_EXPORT PEXCEPTION_ROUTINE RtlVirtualUnwind(DWORD handler_type, ULONG64 base, ULONG64 pc, RUNTIME_FUNCTION* function,
                                                CONTEXT* context, void** handler_data, ULONG64* establisher_frame,
                                                KNONVOLATILE_CONTEXT_POINTERS* pointers) {
    if (is_elf_function_entry(function)) {
        // The walker gives return addresses (its own context's first pc is
        // one too); the frame has no handler. The end of the stack leaves
        // rip 0, where walkers stop.
        *handler_data = nullptr;
        *establisher_frame = context->Rsp;
        if (!dwarf::step(*context, dwarf::Pc::Return, pointers)) context->Rip = 0;
        return nullptr;
    }
    function = resolve_indirect(base, function);
    UNWIND_INFO* info = unwind_info(base, function);
    ULONG64 offset = pc - base - function->BeginAddress;
    bool in_prologue = offset < info->SizeOfProlog;
    *handler_data = nullptr;

    // The establisher frame: the frame register minus its offset once the
    // prologue has set it, else rsp. Saved registers are found relative to it.
    ULONG64 frame = context->Rsp;
    if (info->FrameRegister) {
        bool set = !in_prologue;
        for (unsigned i = 0; in_prologue && i < info->CountOfCodes; i += code_slots(info->UnwindCode[i], info->Version))
            if (info->UnwindCode[i].UnwindOp == UWOP_SET_FPREG && info->UnwindCode[i].CodeOffset <= offset) set = true;
        if (set) frame = context->reg(info->FrameRegister) - info->FrameOffset * 16ull;
    }
    *establisher_frame = frame;

    if (!in_prologue && unwind_epilogue(pc, base + function->BeginAddress, base + function->EndAddress, context, pointers))
        return nullptr;

    bool machine_frame = false;
    for (int depth = 0; depth < 32; ++depth) {
        ULONG64 rel = pc - base - function->BeginAddress;
        bool partial = rel < info->SizeOfProlog;
        for (unsigned i = 0; i < info->CountOfCodes;) {
            const UNWIND_CODE& code = info->UnwindCode[i];
            unsigned slots = code_slots(code, info->Version);
            if (partial && code.CodeOffset > rel) {  // not executed yet
                i += slots;
                continue;
            }
            const UNWIND_CODE* next = &info->UnwindCode[i + 1];
            switch (code.UnwindOp) {
            case UWOP_PUSH_NONVOL: pop_register(context, code.OpInfo, pointers); break;
            case UWOP_ALLOC_LARGE: context->Rsp += code.OpInfo ? read32(next) : next->FrameOffset * 8ull; break;
            case UWOP_ALLOC_SMALL: context->Rsp += code.OpInfo * 8ull + 8; break;
            case UWOP_SET_FPREG: context->Rsp = context->reg(info->FrameRegister) - info->FrameOffset * 16ull; break;
            case UWOP_SAVE_NONVOL:
            case UWOP_SAVE_NONVOL_FAR: {
                ULONG64 at = frame + (code.UnwindOp == UWOP_SAVE_NONVOL ? next->FrameOffset * 8ull : read32(next));
                if (pointers) pointers->IntegerContext[code.OpInfo] = reinterpret_cast<DWORD64*>(at);
                context->reg(code.OpInfo) = *reinterpret_cast<DWORD64*>(at);
                break;
            }
            case UWOP_SAVE_XMM128:
            case UWOP_SAVE_XMM128_FAR: {
                ULONG64 at = frame + (code.UnwindOp == UWOP_SAVE_XMM128 ? next->FrameOffset * 16ull : read32(next));
                if (pointers) pointers->FloatingContext[code.OpInfo] = reinterpret_cast<M128A*>(at);
                memcpy(&context->Xmm[code.OpInfo], reinterpret_cast<void*>(at), sizeof(M128A));
                break;
            }
            case UWOP_PUSH_MACHFRAME: {
                // An interrupt frame: [error code], rip, cs, eflags, rsp, ss.
                if (code.OpInfo) context->Rsp += 8;
                auto* machine = reinterpret_cast<const DWORD64*>(context->Rsp);
                context->Rip = machine[0];
                context->SegCs = static_cast<WORD>(machine[1]);
                context->EFlags = static_cast<DWORD>(machine[2]);
                context->Rsp = machine[3];
                context->SegSs = static_cast<WORD>(machine[4]);
                machine_frame = true;
                break;
            }
            default: break;  // epilogue descriptions and obsolete codes change nothing here
            }
            i += slots;
        }
        if (!(info->Flags & UNW_FLAG_CHAININFO)) break;
        function = resolve_indirect(base, static_cast<RUNTIME_FUNCTION*>(unwind_info_tail(info)));
        info = unwind_info(base, function);
    }
    if (!machine_frame) {
        context->Rip = *reinterpret_cast<DWORD64*>(context->Rsp);
        context->Rsp += 8;
    }
    // The primary entry (the end of a chain) names the handler; none while in
    // the prologue, whose frame has no live scopes yet.
    if (in_prologue || !(info->Flags & handler_type & (UNW_FLAG_EHANDLER | UNW_FLAG_UHANDLER))) return nullptr;
    auto* handler_rva = static_cast<DWORD*>(unwind_info_tail(info));
    *handler_data = handler_rva + 1;
    return reinterpret_cast<PEXCEPTION_ROUTINE>(base + *handler_rva);
}

bool frame_on_stack(ULONG64 frame) {
    TEB* teb = current_teb();
    auto low = reinterpret_cast<ULONG64>(teb->DeallocationStack);
    auto high = reinterpret_cast<ULONG64>(teb->Tib.StackBase);
    return !(frame & 7) && (!low || (frame >= low && frame <= high));
}

Step unwind_step(DWORD handler_type, CONTEXT& context, FrameInfo& info, const HandlerCall*& call, bool& at_fault) {
    info = FrameInfo{};
    info.control_pc = context.Rip;
    if (context.Rip == reinterpret_cast<ULONG64>(vine_call_handler_return)) {
        call = *reinterpret_cast<const HandlerCall* const*>(context.Rsp + 0x28);
        at_fault = call->resume_at_fault;
        return Step::Handler;
    }
    bool exact = at_fault;
    at_fault = false;
    if (!context.Rip || !frame_on_stack(context.Rsp)) return Step::End;
    info.function = table_entry(context.Rip, &info.image_base);
    if (info.function) {
        info.handler = RtlVirtualUnwind(handler_type, info.image_base, context.Rip, info.function, &context,
                                        &info.handler_data, &info.establisher, nullptr);
        return Step::Frame;
    }
    auto* module = static_cast<uint8_t*>(vine::loader::module_from_address(reinterpret_cast<void*>(context.Rip)));
    info.image_base = reinterpret_cast<ULONG64>(module);
    info.establisher = context.Rsp;
    if (module && exception_directory(module)) {
        // No entry in a native module: a leaf function, which keeps rsp at
        // the return address.
        context.Rip = *reinterpret_cast<DWORD64*>(context.Rsp);
        context.Rsp += 8;
        return Step::Frame;
    }
    // ELF code: a builtin, the vine executable or a system library. Its
    // establisher frame is its own rsp, below the CFA, which is its
    // caller's frame.
    dwarf::Pc next = dwarf::Pc::Return;
    if (!dwarf::step(context, exact ? dwarf::Pc::Exact : dwarf::Pc::Return, nullptr, &next)) return Step::End;
    SEH_TRACE("ELF frame at %016llx, caller %016llx rsp %016llx\n", static_cast<unsigned long long>(info.control_pc),
              static_cast<unsigned long long>(context.Rip), static_cast<unsigned long long>(context.Rsp));
    at_fault = next == dwarf::Pc::Exact;
    return Step::Frame;
}
