// Serial ports (serial.cpp): what file_create.cpp and file_io.cpp call.
#pragma once

#include <memory>

#include "async_io.h"
#include "vine/wintypes.h"

namespace ntdll::serial {

// A descriptor just opened as COMn: raw and non-blocking, and known as a
// port; false when it is no terminal (the name then opens a plain device).
bool opened(int fd);
// Whether `fd` is an opened port's tty.
bool is_port(int fd);
// Reads and writes honouring the port's SERIAL_TIMEOUTS.
NTSTATUS read(int fd, void* buffer, ULONG length, ULONG& got);
// An asynchronous handle's read: finished at once when the timeouts allow,
// else pending in the I/O engine until they end it (STATUS_PENDING).
NTSTATUS start_read(HANDLE handle, int fd, const std::shared_ptr<async::HandleState>& state, void* buffer,
                    ULONG length, async::Completion completion);
NTSTATUS write(int fd, const void* buffer, ULONG length, ULONG& done);

}  // namespace ntdll::serial
