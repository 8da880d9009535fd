// I/O completion ports, the Win32 side: wrappers over ntdll's
// Nt*IoCompletion calls (dlls/ntdll/io_completion.cpp says what a port
// supports). CreateIoCompletionPort with a file associates it with the port
// through FileCompletionInformation: its asynchronous requests then post
// their packets there.
#include "kernel32_private.h"
#include "nt_wait.h"
#include "vine/nt_file.h"
#include "vine/ntstatus.h"

using namespace kernel32;

namespace {

constexpr DWORD WAIT_TIMEOUT_ERROR = 258;  // the last error of a wait that timed out

struct OVERLAPPED_ENTRY {
    ULONG_PTR lpCompletionKey;
    void* lpOverlapped;
    ULONG_PTR Internal;
    DWORD dwNumberOfBytesTransferred;
};
static_assert(sizeof(OVERLAPPED_ENTRY) == 32);

struct FILE_IO_COMPLETION_INFORMATION {
    ULONG_PTR KeyContext, ApcContext;
    IO_STATUS_BLOCK IoStatusBlock;
};

}  // namespace

extern "C" {
WINAPI NTSTATUS NtCreateIoCompletion(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                                     ULONG threads);
WINAPI NTSTATUS NtSetIoCompletion(HANDLE handle, ULONG_PTR key, ULONG_PTR apc_context, NTSTATUS io_status,
                                  ULONG_PTR information);
WINAPI NTSTATUS NtRemoveIoCompletion(HANDLE handle, ULONG_PTR* key, ULONG_PTR* apc_context, IO_STATUS_BLOCK* io,
                                     const LARGE_INTEGER* timeout);
WINAPI NTSTATUS NtRemoveIoCompletionEx(HANDLE handle, FILE_IO_COMPLETION_INFORMATION* packets, ULONG count,
                                       ULONG* removed, const LARGE_INTEGER* timeout, BOOLEAN alertable);
}

VINE_EXPORT HANDLE CreateIoCompletionPort(HANDLE file, HANDLE existing, ULONG_PTR key, DWORD threads) {
    if (file == INVALID_HANDLE_VALUE && existing) {
        set_error(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    HANDLE port = existing;
    if (!port) {
        NTSTATUS status = NtCreateIoCompletion(&port, 0x1f0003 /* IO_COMPLETION_ALL_ACCESS */, nullptr, threads);
        if (!NT_SUCCESS(status)) {
            set_nt_error(status);
            return nullptr;
        }
    }
    if (file == INVALID_HANDLE_VALUE) return port;
    vine::nt::FILE_COMPLETION_INFORMATION info{port, reinterpret_cast<PVOID>(key)};
    IO_STATUS_BLOCK io{};
    NTSTATUS status = NtSetInformationFile(file, &io, &info, sizeof info, vine::nt::FileCompletionInformation);
    if (!NT_SUCCESS(status)) {
        if (!existing) NtClose(port);
        set_nt_error(status);
        return nullptr;
    }
    return port;
}

VINE_EXPORT BOOL PostQueuedCompletionStatus(HANDLE port, DWORD bytes, ULONG_PTR key, void* overlapped) {
    return nt_bool(NtSetIoCompletion(port, key, reinterpret_cast<ULONG_PTR>(overlapped), STATUS_SUCCESS, bytes));
}

VINE_EXPORT BOOL GetQueuedCompletionStatus(HANDLE port, DWORD* bytes, ULONG_PTR* key, void** overlapped,
                                           DWORD milliseconds) {
    LARGE_INTEGER storage;
    IO_STATUS_BLOCK io{};
    ULONG_PTR apc_context = 0;
    NTSTATUS status = NtRemoveIoCompletion(port, key, &apc_context, &io, nt_timeout(milliseconds, storage));
    if (status == STATUS_SUCCESS) {
        *overlapped = reinterpret_cast<void*>(apc_context);
        *bytes = static_cast<DWORD>(io.Information);
        // A packet of a failed operation: dequeued, but FALSE with its error.
        if (NT_SUCCESS(io.Status)) return TRUE;
        set_nt_error(io.Status);
        return FALSE;
    }
    *overlapped = nullptr;
    if (status == STATUS_TIMEOUT) set_error(WAIT_TIMEOUT_ERROR);
    else set_nt_error(status);
    return FALSE;
}

VINE_EXPORT BOOL GetQueuedCompletionStatusEx(HANDLE port, OVERLAPPED_ENTRY* entries, ULONG count, ULONG* removed,
                                             DWORD milliseconds, BOOL alertable) {
    static_assert(sizeof(OVERLAPPED_ENTRY) == sizeof(FILE_IO_COMPLETION_INFORMATION));
    LARGE_INTEGER storage;
    // The two layouts differ only in where the status and the count sit.
    auto* packets = reinterpret_cast<FILE_IO_COMPLETION_INFORMATION*>(entries);
    ULONG taken = 0;
    NTSTATUS status = NtRemoveIoCompletionEx(port, packets, count, &taken, nt_timeout(milliseconds, storage),
                                             alertable ? TRUE : FALSE);
    if (status == STATUS_SUCCESS) {
        for (ULONG i = 0; i < taken; ++i) {
            FILE_IO_COMPLETION_INFORMATION packet = packets[i];
            entries[i].lpCompletionKey = packet.KeyContext;
            entries[i].lpOverlapped = reinterpret_cast<void*>(packet.ApcContext);
            entries[i].Internal = static_cast<ULONG_PTR>(static_cast<uint32_t>(packet.IoStatusBlock.Status));
            entries[i].dwNumberOfBytesTransferred = static_cast<DWORD>(packet.IoStatusBlock.Information);
        }
        *removed = taken;
        return TRUE;
    }
    *removed = 0;
    if (status == STATUS_TIMEOUT) set_error(WAIT_TIMEOUT_ERROR);
    else if (status == STATUS_USER_APC) set_error(0xc0 /* WAIT_IO_COMPLETION */);
    else set_nt_error(status);
    return FALSE;
}
