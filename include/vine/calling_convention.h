// VINE_CALL: the convention of Vine's own functions that builtin DLLs call
// (docs/architecture.md, "Calling conventions inside Vine").
#pragma once

// A helper a DLL's files share (declared in its private header), not an
// export: the Microsoft convention, like the exports, so an export calling
// it saves no registers. The saves happen only where a call enters System V
// code (glibc, libstdc++), in the function that makes that call. Not on a
// function that reads a thread_local of the DLL: GCC 12 calls
// __tls_get_addr from ms_abi code without saving RSI and RDI. Not on a
// variadic function (its va_list would be the Microsoft one).
#define VINE_CALL __attribute__((ms_abi))
