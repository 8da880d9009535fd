// I/O completion ports, as NtClose sees them (io_completion.cpp).
#pragma once

#include "vine/wintypes.h"

namespace ntdll::io_completion {

// The handle was closed: if it was a port, its queue goes.
void forget_handle(HANDLE handle);

}  // namespace ntdll::io_completion
