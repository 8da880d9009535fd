// RtlLookupFunctionEntry's answer for ELF code (builtin DLLs, the vine
// executable's trampolines, system libraries), which has no .pdata: an
// entry made up from the FDE covering the address, so that Windows code
// walking the stack with RtlLookupFunctionEntry and RtlVirtualUnwind (stack
// traces, garbage collectors, C++ runtimes) steps through builtin frames as
// through any other function with unwind data. RtlVirtualUnwind recognises
// these entries and unwinds them from the DWARF CFI.
//
// The entries live in a fixed table, never freed, since callers keep the
// pointer; nothing here allocates (the caller may be a handler of an
// exception raised inside the allocator).
#include <mutex>

#include "vine/locks.h"
#include "eh_frame.h"
#include "seh.h"
#include "vine/loader.h"

namespace {

struct Slot {
    ULONG64 begin;  // the function's address; 0 for a free slot
    RUNTIME_FUNCTION entry;
};
constexpr size_t kSlots = 4096;  // distinct functions; past that, walks through more builtins stop
Slot slots[kSlots];
vine::Mutex slots_lock;

}  // namespace

RUNTIME_FUNCTION* elf_function_entry(ULONG64 pc, ULONG64* image_base) {
    dwarf::Fde fde;
    if (!dwarf::find_fde(pc, fde)) return nullptr;
    // Builtins' PE image precedes their code (cmake/vine_dll.ld), so their
    // RVAs are relative to the HMODULE, as for a native DLL.
    ULONG64 base = fde.object_base;
    auto module = reinterpret_cast<ULONG64>(vine::loader::module_from_address(reinterpret_cast<void*>(pc)));
    if (module && module <= fde.begin) base = module;
    if (fde.begin < base || fde.end - base > 0xffffffffu) return nullptr;

    std::lock_guard guard(slots_lock);
    size_t hash = static_cast<size_t>((fde.begin * 0x9e3779b97f4a7c15ull) >> 52);
    for (size_t probe = 0; probe < kSlots; ++probe) {
        Slot& slot = slots[(hash + probe) % kSlots];
        if (slot.begin && slot.begin != fde.begin) continue;
        if (!slot.begin) {
            slot.entry.BeginAddress = static_cast<DWORD>(fde.begin - base);
            slot.entry.EndAddress = static_cast<DWORD>(fde.end - base);
            slot.entry.UnwindData = 0;  // no UNWIND_INFO: see is_elf_function_entry
            slot.begin = fde.begin;
        }
        *image_base = slot.begin - slot.entry.BeginAddress;
        return &slot.entry;
    }
    return nullptr;
}

bool is_elf_function_entry(const RUNTIME_FUNCTION* function) {
    auto address = reinterpret_cast<uintptr_t>(function);
    return address >= reinterpret_cast<uintptr_t>(&slots[0]) && address < reinterpret_cast<uintptr_t>(&slots[kSlots]);
}
