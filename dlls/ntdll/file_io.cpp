// NtReadFile and NtWriteFile on the descriptor behind a handle, and
// NtFlushBuffersFile. The file pointer is the descriptor's offset (shared,
// like Windows' file object's, by duplicated handles). On a synchronous
// handle an explicit ByteOffset also moves the pointer past the bytes
// moved, as Windows does; on an asynchronous one it does not. Regular files
// complete at once, on either kind of handle (their asynchronous requests
// then report through event, APC and port as completed ones). Pipes on an
// asynchronous handle complete at once when they can, else in the I/O
// engine (io_engine.cpp), returning STATUS_PENDING.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "async_io.h"
#include "file_name.h"
#include "file_private.h"
#include "ntdll_private.h"
#include "object.h"
#include "serial.h"
#include "sync_slot.h"
#include "vine/ntstatus.h"

using namespace vine::nt;
namespace async = ntdll::async;

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

bool is_pipe(async::Kind kind) {
    return kind == async::Kind::stream || kind == async::Kind::message || kind == async::Kind::fifo;
}

// A request that ended inside the call: as completed at once on an
// asynchronous handle, else as on a synchronous one.
NTSTATUS complete(const ntdll::OpenFile& file, async::HandleState& state, IO_STATUS_BLOCK* io, NTSTATUS status,
                  ULONG_PTR information, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context) {
    if (file.synchronous()) return ntdll::complete_sync(io, status, information, event);
    async::Completion completion;
    if (NTSTATUS failed = async::prepare(completion, state, event, apc, apc_context, io)) return failed;
    return async::finish(completion, status, information, true);
}

// A pipe request: blocking on a synchronous handle, else started on the engine.
NTSTATUS pipe_request(HANDLE handle, const ntdll::OpenFile& file, const std::shared_ptr<async::HandleState>& state,
                      async::Operation operation, void* buffer, ULONG length, HANDLE event, PIO_APC_ROUTINE apc,
                      PVOID apc_context, IO_STATUS_BLOCK* io) {
    if (state->kind != async::Kind::fifo && !state->pipe_loaded) async::load_pipe_modes(handle, *state);
    if (NTSTATUS status = async::check_connected(handle, *state)) return status;
    if (file.synchronous()) {
        async::Result result = operation == async::Operation::read
                                   ? async::blocking_read(file.fd, *state, buffer, length)
                                   : async::blocking_write(file.fd, *state, buffer, length);
        return ntdll::complete_sync(io, async::end_status(handle, *state, result.status), result.information, event);
    }
    auto request = std::make_unique<async::Request>();
    request->handle = handle;
    request->fd = file.fd;
    request->operation = operation;
    request->buffer = static_cast<char*>(buffer);
    request->length = length;
    request->state = state;
    if (NTSTATUS failed = async::prepare(request->completion, *state, event, apc, apc_context, io)) return failed;
    return async::start(std::move(request));
}

}  // namespace

VINE_EXPORT NTSTATUS NtReadFile(HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context,
                                IO_STATUS_BLOCK* io, PVOID buffer, ULONG length, const LARGE_INTEGER* offset,
                                const ULONG* key) {
    if (!io) return ntdll::kStatusAccessViolation;
    ntdll::OpenFile file;
    if (NTSTATUS status = ntdll::open_file_of(handle, FILE_READ_DATA, file)) return status;
    if (file.flags & vine::protocol::file_is_directory) return STATUS_INVALID_DEVICE_REQUEST;
    auto state = async::state_of(handle, file);
    if (is_pipe(state->kind))
        return pipe_request(handle, file, state, async::Operation::read, buffer, length, event, apc, apc_context, io);
    if (state->kind == async::Kind::other && ntdll::serial::is_port(file.fd)) {
        if (!file.synchronous()) {
            async::Completion completion;
            if (NTSTATUS failed = async::prepare(completion, *state, event, apc, apc_context, io)) return failed;
            return ntdll::serial::start_read(handle, file.fd, state, buffer, length, completion);
        }
        ULONG got = 0;
        NTSTATUS status = ntdll::serial::read(file.fd, buffer, length, got);
        return complete(file, *state, io, status, got, event, apc, apc_context);
    }
    off_t position;
    if (NTSTATUS status = position_of(offset, false, file, position)) return status;
    if (state->kind != async::Kind::seekable) position = -1;  // devices read in order
    else if (NTSTATUS locked = ntdll::check_locks(handle, file.fd, position, length, false))
        return complete(file, *state, io, locked, 0, event, apc, apc_context);
    ssize_t n;
    do n = position >= 0 ? pread(file.fd, buffer, length, position) : read(file.fd, buffer, length);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        NTSTATUS status = errno == EISDIR ? STATUS_INVALID_DEVICE_REQUEST : ntdll::status_from_errno(errno);
        return complete(file, *state, io, status, 0, event, apc, apc_context);
    }
    if (position >= 0 && file.synchronous()) lseek(file.fd, position + n, SEEK_SET);
    // A file (or NUL) at its end: STATUS_END_OF_FILE.
    if (n == 0 && length) return complete(file, *state, io, STATUS_END_OF_FILE, 0, event, apc, apc_context);
    return complete(file, *state, io, STATUS_SUCCESS, static_cast<ULONG_PTR>(n), event, apc, apc_context);
}

VINE_EXPORT NTSTATUS NtWriteFile(HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context,
                                 IO_STATUS_BLOCK* io, const void* buffer, ULONG length, const LARGE_INTEGER* offset,
                                 const ULONG* key) {
    if (!io) return ntdll::kStatusAccessViolation;
    ntdll::OpenFile file;
    if (NTSTATUS status = ntdll::open_file_of(handle, FILE_WRITE_DATA | FILE_APPEND_DATA, file, true)) return status;
    if (file.flags & vine::protocol::file_is_directory) return STATUS_INVALID_DEVICE_REQUEST;
    auto state = async::state_of(handle, file);
    if (is_pipe(state->kind))
        return pipe_request(handle, file, state, async::Operation::write, const_cast<void*>(buffer), length, event,
                            apc, apc_context, io);
    if (state->kind == async::Kind::other && ntdll::serial::is_port(file.fd)) {
        ULONG done = 0;
        NTSTATUS status = ntdll::serial::write(file.fd, buffer, length, done);
        return complete(file, *state, io, status, done, event, apc, apc_context);
    }
    off_t position;
    if (NTSTATUS status = position_of(offset, true, file, position)) return status;
    bool append_only = !(file.access & FILE_WRITE_DATA);  // the descriptor has O_APPEND
    if (append_only || state->kind != async::Kind::seekable) position = -1;
    if (state->kind == async::Kind::seekable)
        if (NTSTATUS locked = ntdll::check_locks(handle, file.fd, position, length, true))
            return complete(file, *state, io, locked, 0, event, apc, apc_context);
    const char* bytes = static_cast<const char*>(buffer);
    ULONG done = 0;
    while (done < length) {
        ssize_t n = position >= 0 ? pwrite(file.fd, bytes + done, length - done, position + done)
                                  : write(file.fd, bytes + done, length - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            NTSTATUS status = errno == EPIPE ? STATUS_PIPE_CLOSING : ntdll::status_from_errno(errno);
            if (position >= 0 && file.synchronous() && done) lseek(file.fd, position + done, SEEK_SET);
            return complete(file, *state, io, status, done, event, apc, apc_context);
        }
        done += static_cast<ULONG>(n);
    }
    if (position >= 0 && file.synchronous()) lseek(file.fd, position + done, SEEK_SET);
    return complete(file, *state, io, STATUS_SUCCESS, done, event, apc, apc_context);
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

// The end of a request on a synchronous handle: the I/O status and the event.
NTSTATUS ntdll::complete_sync(IO_STATUS_BLOCK* io, NTSTATUS status, ULONG_PTR information, HANDLE event) {
    io->Status = status;
    io->Information = information;
    if (event) NtSetEvent(event, nullptr);
    return status;
}
