// #DE is raised for a zero divisor and for a quotient too large for its
// register (INT_MIN / -1); Windows tells them apart by the divisor
// (EXCEPTION_INT_DIVIDE_BY_ZERO, EXCEPTION_INT_OVERFLOW), which Linux does
// not: both are FPE_INTDIV.
#pragma once

#include <ucontext.h>

namespace vine::crash {

// True if the div or idiv at the context's rip has a divisor other than
// zero (so the fault was an overflow); false for zero or another
// instruction. Called from the SIGFPE handler.
bool divisor_nonzero(const ucontext_t* uc);

}  // namespace vine::crash
