// Windows thread stacks as Windows commits them: reserved whole, committed
// from the top, with a guard page below the committed part that moves down
// as the stack grows. crash.cpp asks here about every access fault.
#pragma once

#include <cstdint>

namespace vine::stack_guard {

enum class Fault {
    None,      // not below the committed part of the calling thread's stack
    Grown,     // the stack grew to cover the address: retry the instruction
    Overflow,  // the stack reached its overflow reserve (or is exhausted): STATUS_STACK_OVERFLOW
};

// Called from the SIGSEGV handler for an access to an inaccessible page.
// Async-signal-safe.
Fault on_fault(uintptr_t address);

}  // namespace vine::stack_guard
