// Unwinding one ELF frame (builtin DLLs, the vine executable, system
// libraries) from its DWARF call frame information, on a Windows CONTEXT.
#pragma once

#include "vine/context.h"

namespace dwarf {

// Where a walk stands in an ELF frame.
enum class Pc {
    Return,  // context.Rip is a return address: the call before it is what runs
    Exact,   // context.Rip is the instruction that faulted (the first frame of a hardware exception)
};

// Replaces `context` by its caller's: CFA, return address, and the
// registers the CFI says were saved (rbx, rbp, rsi, rdi, r12-r15 and, for
// the Microsoft x64 functions of builtins, xmm6-xmm15); others keep their
// values. Records where saved registers were found in `pointers`. `next` is
// how the caller's pc is to be taken (Exact above a signal frame). False if
// no CFI covers the pc, the rules cannot be applied, or the CFI marks the
// end of the stack (an undefined return address).
bool step(CONTEXT& context, Pc pc, KNONVOLATILE_CONTEXT_POINTERS* pointers, Pc* next = nullptr);

}  // namespace dwarf
