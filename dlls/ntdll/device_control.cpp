// NtDeviceIoControlFile: a control goes to the device the handle is open
// on, by the device type its code names (CTL_CODE's high word): serial and
// parallel ports, and the volume of a CD-ROM drive, whose controls come as
// IOCTL_CDROM_* and as the generic IOCTL_STORAGE_*. Anything else has no
// device controls here: STATUS_INVALID_DEVICE_REQUEST (ERROR_INVALID_FUNCTION),
// what Windows' drivers answer a control they do not know.
#include "async_io.h"
#include "device.h"
#include "ntdll_private.h"
#include "serial.h"
#include "vine/cdrom.h"
#include "vine/ntstatus.h"
#include "vine/parallel.h"

using namespace vine::nt;
namespace async = ntdll::async;

NTSTATUS ntdll::complete_control(const DeviceRequest& request, NTSTATUS status, ULONG_PTR information) {
    if (request.file.synchronous()) return ntdll::complete_sync(request.io, status, information, request.event);
    auto state = async::state_of(request.handle, request.file);
    async::Completion completion;
    if (NTSTATUS failed = async::prepare(completion, *state, request.event, request.apc, request.apc_context, request.io))
        return failed;
    return async::finish(completion, status, information, true);
}

VINE_EXPORT NTSTATUS NtDeviceIoControlFile(HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context,
                                           IO_STATUS_BLOCK* io, ULONG code, PVOID in, ULONG in_size, PVOID out,
                                           ULONG out_size) {
    if (!io) return ntdll::kStatusAccessViolation;
    ntdll::OpenFile file;
    if (NTSTATUS status = ntdll::open_file_of(handle, 0, file)) return status;
    ntdll::DeviceRequest request{handle, file, event, apc, apc_context, io, code, in, in_size, out, out_size};
    ULONG device_type = code >> 16;
    ULONG_PTR information = 0;
    if (device_type == FILE_DEVICE_SERIAL_PORT && ntdll::serial::is_port(file.fd))
        return ntdll::serial::device_control(request);
    if (device_type == FILE_DEVICE_PARALLEL_PORT && ntdll::parallel::is_port(file.fd)) {
        NTSTATUS status = ntdll::parallel::control(file.fd, code, in, in_size, out, out_size, information);
        return ntdll::complete_control(request, status, information);
    }
    if (device_type == FILE_DEVICE_CD_ROM || device_type == FILE_DEVICE_MASS_STORAGE) {
        std::string device;
        if (ntdll::cdrom::device_of_volume(file.fd, device)) {
            NTSTATUS status = ntdll::cdrom::control(device, code, in, in_size, out, out_size, information);
            return ntdll::complete_control(request, status, information);
        }
    }
    return STATUS_INVALID_DEVICE_REQUEST;
}
