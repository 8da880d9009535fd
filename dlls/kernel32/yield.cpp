// SwitchToThread. (Sleep(0) is in wait.cpp; YieldProcessor is a compiler
// intrinsic, `pause`, and never reaches kernel32.)
#include "kernel32_private.h"

VINE_EXPORT BOOL SwitchToThread() { return NtYieldExecution() != STATUS_NO_YIELD_PERFORMED; }
