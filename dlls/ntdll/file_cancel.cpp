// Cancelling I/O: NtCancelIoFile (the calling thread's requests on a
// handle), NtCancelIoFileEx (one request, or all of a handle's, from any
// thread), NtCancelSynchronousIoFile (the blocking call another thread is
// in). Cancelled requests complete with STATUS_CANCELLED through their
// event, APC or port, as Windows completes them.
#include "async_io.h"
#include "ntdll_private.h"
#include "object.h"
#include "sync_io.h"
#include "vine/ntstatus.h"

namespace {

NTSTATUS answer(IO_STATUS_BLOCK* io, NTSTATUS status) {
    if (io) {
        io->Status = status;
        io->Information = 0;
    }
    return status;
}

}  // namespace

VINE_EXPORT NTSTATUS NtCancelIoFile(HANDLE handle, IO_STATUS_BLOCK* io) {
    ntdll::OpenFile file;
    if (NTSTATUS status = ntdll::open_file_of(handle, 0, file)) return status;
    ntdll::async::cancel(handle, nullptr, vine::client::current_thread_id(), STATUS_CANCELLED);
    return answer(io, STATUS_SUCCESS);
}

VINE_EXPORT NTSTATUS NtCancelIoFileEx(HANDLE handle, IO_STATUS_BLOCK* request, IO_STATUS_BLOCK* io) {
    ntdll::OpenFile file;
    if (NTSTATUS status = ntdll::open_file_of(handle, 0, file)) return status;
    if (!ntdll::async::cancel(handle, request, 0, STATUS_CANCELLED)) return STATUS_NOT_FOUND;
    return answer(io, STATUS_SUCCESS);
}

VINE_EXPORT NTSTATUS NtCancelSynchronousIoFile(HANDLE thread, IO_STATUS_BLOCK* request, IO_STATUS_BLOCK* io) {
    uint32_t thread_id;
    if (thread == ntdll::kCurrentThread) {
        thread_id = vine::client::current_thread_id();
    } else {
        vine::client::HandleInfo info;
        if (!vine::client::handle_info(thread, info)) return STATUS_INVALID_HANDLE;
        if (info.type != vine::protocol::ObjectType::thread) return STATUS_OBJECT_TYPE_MISMATCH;
        thread_id = info.object_id;
    }
    (void)request;  // a thread is in one synchronous request at a time
    if (!ntdll::sync_io::cancel(thread_id)) return STATUS_NOT_FOUND;
    return answer(io, STATUS_SUCCESS);
}
