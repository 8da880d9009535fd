// NtReadFile, NtWriteFile and NtFlushBuffersFile on the descriptor behind
// a handle, synchronously. The file pointer is the descriptor's offset
// (shared, like Windows' file object's, by duplicated handles). On a
// synchronous handle an explicit ByteOffset also moves the pointer past the
// bytes moved, as Windows does; on an asynchronous one it does not, and the
// call completes at once (status, event and APC as for a completed request).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "file_name.h"
#include "file_private.h"
#include "ntdll_private.h"
#include "vine/ntstatus.h"

using namespace vine::nt;

namespace {

// Where a transfer happens: at the file pointer (-1), or at an offset.
NTSTATUS position_of(const LARGE_INTEGER* offset, bool writing, const ntdll::OpenFile& file, off_t& position) {
    position = -1;
    if (!offset) return file.synchronous() ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
    LONGLONG value = offset->QuadPart;
    if (value == FILE_USE_FILE_POINTER_POSITION) return file.synchronous() ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
    if (value == FILE_WRITE_TO_END_OF_FILE && writing) {
        struct stat st {};
        if (fstat(file.fd, &st) != 0) return ntdll::status_from_errno(errno);
        position = S_ISREG(st.st_mode) ? st.st_size : -1;
        return STATUS_SUCCESS;
    }
    if (value < 0) return STATUS_INVALID_PARAMETER;
    position = static_cast<off_t>(value);
    return STATUS_SUCCESS;
}

bool seekable(int fd) {
    struct stat st {};
    return fstat(fd, &st) == 0 && (S_ISREG(st.st_mode) || S_ISBLK(st.st_mode) || S_ISDIR(st.st_mode));
}

// The end of a completed request: the I/O status, then the event and the
// APC the caller asked for.
NTSTATUS complete(IO_STATUS_BLOCK* io, NTSTATUS status, ULONG_PTR information, HANDLE event, PIO_APC_ROUTINE apc,
                  PVOID apc_context, const ntdll::OpenFile& file) {
    io->Status = status;
    io->Information = information;
    if (event) NtSetEvent(event, nullptr);
    // Windows queues the APC of a request that completed with an error
    // only on asynchronous handles; so do we, and for successes too.
    if (apc && !file.synchronous())
        // The I/O APC takes (context, io, reserved): three pointer-sized
        // arguments, as an ordinary APC routine does.
        NtQueueApcThread(reinterpret_cast<HANDLE>(-2), reinterpret_cast<PNTAPCFUNC>(reinterpret_cast<void*>(apc)),
                         reinterpret_cast<ULONG_PTR>(apc_context), reinterpret_cast<ULONG_PTR>(io), 0);
    return status;
}

}  // namespace

VINE_EXPORT NTSTATUS NtReadFile(HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context,
                                IO_STATUS_BLOCK* io, PVOID buffer, ULONG length, const LARGE_INTEGER* offset,
                                const ULONG* key) {
    if (!io) return ntdll::kStatusAccessViolation;
    ntdll::OpenFile file;
    if (NTSTATUS status = ntdll::open_file_of(handle, FILE_READ_DATA, file)) return status;
    if (file.flags & vine::protocol::file_is_directory) return STATUS_INVALID_DEVICE_REQUEST;
    off_t position;
    if (NTSTATUS status = position_of(offset, false, file, position)) return status;
    if (position >= 0 && !seekable(file.fd)) position = -1;  // pipes and devices read in order
    ssize_t n;
    do n = position >= 0 ? pread(file.fd, buffer, length, position) : read(file.fd, buffer, length);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        NTSTATUS status = errno == EISDIR ? STATUS_INVALID_DEVICE_REQUEST : ntdll::status_from_errno(errno);
        return complete(io, status, 0, event, apc, apc_context, file);
    }
    if (position >= 0 && file.synchronous()) lseek(file.fd, position + n, SEEK_SET);
    if (n == 0 && length) {
        // Every write end of a pipe closed: Windows' broken pipe. A file
        // (or NUL) at its end: STATUS_END_OF_FILE.
        struct stat st {};
        bool pipe = fstat(file.fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
        return complete(io, pipe ? STATUS_PIPE_BROKEN : STATUS_END_OF_FILE, 0, event, apc, apc_context, file);
    }
    return complete(io, STATUS_SUCCESS, static_cast<ULONG_PTR>(n), event, apc, apc_context, file);
}

VINE_EXPORT NTSTATUS NtWriteFile(HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context,
                                 IO_STATUS_BLOCK* io, const void* buffer, ULONG length, const LARGE_INTEGER* offset,
                                 const ULONG* key) {
    if (!io) return ntdll::kStatusAccessViolation;
    ntdll::OpenFile file;
    if (NTSTATUS status = ntdll::open_file_of(handle, FILE_WRITE_DATA | FILE_APPEND_DATA, file, true)) return status;
    if (file.flags & vine::protocol::file_is_directory) return STATUS_INVALID_DEVICE_REQUEST;
    off_t position;
    if (NTSTATUS status = position_of(offset, true, file, position)) return status;
    bool append_only = !(file.access & FILE_WRITE_DATA);  // the descriptor has O_APPEND
    if (append_only || (position >= 0 && !seekable(file.fd))) position = -1;
    const char* bytes = static_cast<const char*>(buffer);
    ULONG done = 0;
    while (done < length) {
        ssize_t n = position >= 0 ? pwrite(file.fd, bytes + done, length - done, position + done)
                                  : write(file.fd, bytes + done, length - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            // No reader left: the pipe is closing (ERROR_NO_DATA), as Windows says.
            NTSTATUS status = errno == EPIPE ? STATUS_PIPE_CLOSING : ntdll::status_from_errno(errno);
            if (position >= 0 && file.synchronous() && done) lseek(file.fd, position + done, SEEK_SET);
            return complete(io, status, done, event, apc, apc_context, file);
        }
        done += static_cast<ULONG>(n);
    }
    if (position >= 0 && file.synchronous()) lseek(file.fd, position + done, SEEK_SET);
    return complete(io, STATUS_SUCCESS, done, event, apc, apc_context, file);
}

VINE_EXPORT NTSTATUS NtFlushBuffersFile(HANDLE handle, IO_STATUS_BLOCK* io) {
    if (!io) return ntdll::kStatusAccessViolation;
    ntdll::OpenFile file;
    if (NTSTATUS status = ntdll::open_file_of(handle, FILE_WRITE_DATA | FILE_APPEND_DATA, file, true)) return status;
    // Pipes and terminals refuse fsync, and need none.
    fsync(file.fd);
    io->Status = STATUS_SUCCESS;
    io->Information = 0;
    return STATUS_SUCCESS;
}
