// Serial ports (serial.cpp): what file_create.cpp and file_io.cpp call.
#pragma once

#include "vine/wintypes.h"

namespace ntdll::serial {

// A descriptor just opened as COMn: raw and non-blocking, and known as a
// port; false when it is no terminal (the name then opens a plain device).
bool opened(int fd);
// Whether `fd` is an opened port's tty.
bool is_port(int fd);
// Reads and writes honouring the port's SERIAL_TIMEOUTS.
NTSTATUS read(int fd, void* buffer, ULONG length, ULONG& got);
NTSTATUS write(int fd, const void* buffer, ULONG length, ULONG& done);

}  // namespace ntdll::serial
