// Converting between the kernel's signal frame (ucontext_t) and the Windows
// CONTEXT, for GetThreadContext/SetThreadContext.
#pragma once

#include <ucontext.h>

#include "vine/context.h"

namespace vine::threads {

// Fills every part of `out` (CONTEXT_ALL) from an interrupted thread's state.
// Segment registers get Windows' x64 values; debug registers read 0.
void context_from_ucontext(const ucontext_t& in, CONTEXT& out);
// Writes the parts of `in` selected by `flags` into the frame the thread
// returns through. Segments and debug registers cannot be changed and are
// ignored; reserved MXCSR and EFLAGS bits are cleared.
void context_to_ucontext(const CONTEXT& in, DWORD flags, ucontext_t& out);
// Copies the parts selected by `flags` from one CONTEXT to another.
void copy_context_parts(const CONTEXT& from, DWORD flags, CONTEXT& to);

}  // namespace vine::threads
