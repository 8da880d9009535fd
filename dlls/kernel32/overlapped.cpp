// Overlapped I/O, the Win32 side: an OVERLAPPED is the request's
// IO_STATUS_BLOCK plus its offset and event; GetOverlappedResult(Ex) waits
// for and reads it; ReadFileEx/WriteFileEx complete through an APC;
// CancelIo(Ex), CancelSynchronousIo and SetFileCompletionNotificationModes
// wrap the NT calls. The I/O itself is ntdll's (file_io.cpp, io_engine.cpp).
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>

#include "kernel32_private.h"
#include "nt_wait.h"
#include "vine/nt_file.h"

using namespace kernel32;
namespace nt = vine::nt;

namespace {

constexpr DWORD WAIT_TIMEOUT_ERROR = 258, WAIT_IO_COMPLETION = 0xc0;

using LPOVERLAPPED_COMPLETION_ROUTINE = void(WINAPI*)(DWORD error, DWORD bytes, OVERLAPPED* overlapped);

BOOL file_ex_result(NTSTATUS status) {
    if (NT_ERROR(status)) return nt_bool(status);
    set_error(ERROR_SUCCESS);
    return TRUE;
}

// Sleeps until the request's status is no longer STATUS_PENDING (ntdll
// wakes the word when it completes a pending request), or the timeout.
NTSTATUS wait_on_status(OVERLAPPED* overlapped, DWORD milliseconds) {
    auto* word = reinterpret_cast<uint32_t*>(&overlapped->Internal);
    timespec deadline{};
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    if (milliseconds != INFINITE_WAIT) {
        deadline.tv_sec += milliseconds / 1000;
        deadline.tv_nsec += (milliseconds % 1000) * 1000000L;
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000L;
        }
    }
    while (std::atomic_ref<uint32_t>(*word).load(std::memory_order_acquire) == static_cast<uint32_t>(STATUS_PENDING)) {
        timespec left{}, now{};
        const timespec* timeout = nullptr;
        if (milliseconds != INFINITE_WAIT) {
            clock_gettime(CLOCK_MONOTONIC, &now);
            long long ns = (deadline.tv_sec - now.tv_sec) * 1000000000LL + (deadline.tv_nsec - now.tv_nsec);
            if (ns <= 0) return STATUS_TIMEOUT;
            left.tv_sec = ns / 1000000000LL;
            left.tv_nsec = ns % 1000000000LL;
            timeout = &left;
        }
        syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, static_cast<uint32_t>(STATUS_PENDING), timeout, nullptr, 0);
    }
    return STATUS_SUCCESS;
}

}  // namespace

namespace kernel32 {

// The I/O APC of ReadFileEx/WriteFileEx (and ReadDirectoryChangesW): the
// Win32 routine, with the request's Win32 error.
void WINAPI file_ex_apc(PVOID context, IO_STATUS_BLOCK* io, ULONG) {
    auto routine = reinterpret_cast<LPOVERLAPPED_COMPLETION_ROUTINE>(context);
    DWORD error = io->Status == STATUS_SUCCESS ? 0 : RtlNtStatusToDosError(io->Status);
    routine(error, static_cast<DWORD>(io->Information), reinterpret_cast<OVERLAPPED*>(io));
}

}  // namespace kernel32

namespace kernel32 {

OverlappedRequest::OverlappedRequest(OVERLAPPED* overlapped) {
    if (!overlapped) return;
    static_assert(sizeof(IO_STATUS_BLOCK) == 2 * sizeof(ULONG_PTR));
    io = reinterpret_cast<IO_STATUS_BLOCK*>(overlapped);
    offset.u.LowPart = overlapped->u.s.Offset;
    offset.u.HighPart = static_cast<LONG>(overlapped->u.s.OffsetHigh);
    offset_pointer = &offset;
    // The low bit of hEvent asks for no completion port packet.
    auto value = reinterpret_cast<ULONG_PTR>(overlapped->hEvent);
    event = reinterpret_cast<HANDLE>(value & ~ULONG_PTR{1});
    apc_context = (value & 1) ? nullptr : overlapped;
    io->Status = STATUS_PENDING;
    io->Information = 0;
}

}  // namespace kernel32

VINE_EXPORT BOOL GetOverlappedResultEx(HANDLE file, OVERLAPPED* overlapped, DWORD* bytes, DWORD milliseconds,
                                       BOOL alertable) {
    auto status = [&] { return static_cast<NTSTATUS>(static_cast<uint32_t>(overlapped->Internal)); };
    if (status() == STATUS_PENDING) {
        if (milliseconds == 0) {
            set_error(ERROR_IO_INCOMPLETE);
            return FALSE;
        }
        HANDLE event = reinterpret_cast<HANDLE>(reinterpret_cast<ULONG_PTR>(overlapped->hEvent) & ~ULONG_PTR{1});
        NTSTATUS waited;
        LARGE_INTEGER storage;
        if (event) {
            waited = NtWaitForSingleObject(event, alertable ? TRUE : FALSE, nt_timeout(milliseconds, storage));
        } else if (alertable) {
            // The file handle is signaled when a request without an event
            // ends, as this one: an alertable wait on it can run APCs.
            waited = NtWaitForSingleObject(file, TRUE, nt_timeout(milliseconds, storage));
        } else {
            waited = wait_on_status(overlapped, milliseconds);
        }
        if (waited == STATUS_TIMEOUT) {
            set_error(WAIT_TIMEOUT_ERROR);
            return FALSE;
        }
        if (waited == STATUS_USER_APC) {
            set_error(WAIT_IO_COMPLETION);
            return FALSE;
        }
        if (!NT_SUCCESS(waited)) return nt_bool(waited);
        // The event was set by someone else (or another request of the
        // handle ended) while this one runs on.
        if (status() == STATUS_PENDING && wait_on_status(overlapped, milliseconds) == STATUS_TIMEOUT) {
            set_error(WAIT_TIMEOUT_ERROR);
            return FALSE;
        }
    }
    if (bytes) *bytes = static_cast<DWORD>(overlapped->InternalHigh);
    // A warning (ERROR_MORE_DATA) fails as errors do, with its bytes.
    return nt_bool(status());
}

VINE_EXPORT BOOL GetOverlappedResult(HANDLE file, OVERLAPPED* overlapped, DWORD* bytes, BOOL wait) {
    return GetOverlappedResultEx(file, overlapped, bytes, wait ? INFINITE_WAIT : 0, FALSE);
}

VINE_EXPORT BOOL ReadFileEx(HANDLE file, LPVOID buffer, DWORD to_read, OVERLAPPED* overlapped,
                            LPOVERLAPPED_COMPLETION_ROUTINE routine) {
    if (!overlapped || !routine) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    OverlappedRequest request(overlapped);
    return file_ex_result(NtReadFile(file, nullptr, file_ex_apc, reinterpret_cast<PVOID>(routine), request.io,
                                     buffer, to_read, request.offset_pointer, nullptr));
}

VINE_EXPORT BOOL WriteFileEx(HANDLE file, LPCVOID buffer, DWORD to_write, OVERLAPPED* overlapped,
                             LPOVERLAPPED_COMPLETION_ROUTINE routine) {
    if (!overlapped || !routine) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    OverlappedRequest request(overlapped);
    return file_ex_result(NtWriteFile(file, nullptr, file_ex_apc, reinterpret_cast<PVOID>(routine), request.io,
                                      buffer, to_write, request.offset_pointer, nullptr));
}

VINE_EXPORT BOOL CancelIo(HANDLE file) {
    IO_STATUS_BLOCK io{};
    return nt_bool(NtCancelIoFile(file, &io));
}

VINE_EXPORT BOOL CancelIoEx(HANDLE file, OVERLAPPED* overlapped) {
    IO_STATUS_BLOCK io{};
    return nt_bool(NtCancelIoFileEx(file, reinterpret_cast<IO_STATUS_BLOCK*>(overlapped), &io));
}

VINE_EXPORT BOOL CancelSynchronousIo(HANDLE thread) {
    IO_STATUS_BLOCK io{};
    return nt_bool(NtCancelSynchronousIoFile(thread, nullptr, &io));
}

VINE_EXPORT BOOL SetFileCompletionNotificationModes(HANDLE file, UCHAR flags) {
    nt::FILE_IO_COMPLETION_NOTIFICATION_INFORMATION info{flags};
    IO_STATUS_BLOCK io{};
    return nt_bool(NtSetInformationFile(file, &io, &info, sizeof info, nt::FileIoCompletionNotificationInformation));
}
