// I/O completion ports, as the rest of ntdll sees them (io_completion.cpp):
// NtClose drops a port's queue; asynchronous I/O posts completion packets
// to the port a file is associated with, also from the I/O engine's thread
// (which has no TEB, hence a port resolved beforehand, not a handle).
#pragma once

#include <memory>

#include "vine/wintypes.h"

namespace ntdll::io_completion {

struct Port;

// The handle was closed: if it was a port, its queue goes.
void forget_handle(HANDLE handle);
// The port behind a handle, or null if it is not one.
std::shared_ptr<Port> port_of(HANDLE handle);
// Queues a packet and wakes a waiter.
void post(Port& port, ULONG_PTR key, ULONG_PTR apc_context, NTSTATUS status, ULONG_PTR information);

}  // namespace ntdll::io_completion
