// Device controls: NtDeviceIoControlFile (device_control.cpp) hands a
// request to the device behind the handle: a serial port (serial.cpp), a
// parallel port (parallel.cpp) or a CD-ROM drive's volume (cdrom.cpp).
#pragma once

#include <string>

#include "file_private.h"
#include "vine/nt_file.h"

namespace ntdll {

struct DeviceRequest {
    HANDLE handle;
    const OpenFile& file;
    HANDLE event;
    PIO_APC_ROUTINE apc;
    PVOID apc_context;
    IO_STATUS_BLOCK* io;
    ULONG code;
    PVOID in;
    ULONG in_size;
    PVOID out;
    ULONG out_size;
};

// Ends a control that finished inside the call: on an asynchronous handle
// through its event, APC and port as a request completed at once.
NTSTATUS complete_control(const DeviceRequest& request, NTSTATUS status, ULONG_PTR information);

namespace serial {
// IOCTL_SERIAL_* on a port (`request.file` is one, serial::is_port).
NTSTATUS device_control(const DeviceRequest& request);
}  // namespace serial

namespace parallel {
// A descriptor just opened as LPTn: known as a parallel port from now on
// (whatever the Unix file is: a printer, a parport, or a stand-in).
void opened(int fd);
bool is_port(int fd);
// IOCTL_PAR_* on such a port.
NTSTATUS control(int fd, ULONG code, const void* in, ULONG in_size, void* out, ULONG out_size, ULONG_PTR& info);
}  // namespace parallel

namespace cdrom {
// The Unix device of the CD-ROM drive whose volume (\\.\D:, the drive's
// root) `fd` is open on; false for any other file.
bool device_of_volume(int fd, std::string& device);
// IOCTL_CDROM_* and IOCTL_STORAGE_* on that device.
NTSTATUS control(const std::string& device, ULONG code, const void* in, ULONG in_size, void* out, ULONG out_size,
                 ULONG_PTR& info);
}  // namespace cdrom

}  // namespace ntdll
