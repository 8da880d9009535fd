// Asynchronous I/O inside the process: what a file handle's requests
// complete through (async_io.cpp), the per-process I/O engine that finishes
// requests which could not complete at once (io_engine.cpp), and the
// transfers on pipes both use (pipe_transfer.cpp). No server round trip is
// involved: a request either completes in the caller's thread or waits in
// the engine's epoll set for its descriptor to be ready.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "vine/locks.h"
#include "file_private.h"
#include "io_completion.h"
#include "vine/nt_file.h"

namespace ntdll::async {

// What the descriptor behind a handle is, found once per handle.
enum class Kind : uint8_t { seekable, stream, message, fifo, other };

// What ntdll keeps per file handle in this process.
struct HandleState {
    Kind kind = Kind::other;
    vine::Mutex lock;
    // CreateIoCompletionPort / FileCompletionInformation.
    std::shared_ptr<io_completion::Port> port;
    ULONG_PTR key = 0;
    ULONG notification_modes = 0;  // FILE_SKIP_* (SetFileCompletionNotificationModes)
    // Named pipes: which end, how it reads (fetched once from the server).
    bool pipe_loaded = false, named_pipe = false, server_end = false, message_read = false, nowait = false;
    // A server end seen connected since it was made or last disconnected.
    bool seen_connected = false;
    // The rest of a message that a short buffer could not take: read next.
    std::string leftover;
    // The server end's "a client connected" eventfd, once ConnectNamedPipe asked.
    int connect_fd = -1;
    // The file object's own event, which waits on the handle see: reset when
    // a request starts, set when one without an event of its own ends
    // (Rust waits on the handle for a pending NtReadFile). A notification
    // event's slot, in this process's memory.
    vine::protocol::SyncSlot file_event{0, 1, 0, 0};
    ~HandleState();
};

// The state of a file handle (made at the first call that needs it).
std::shared_ptr<HandleState> state_of(HANDLE handle, const OpenFile& file);
// What a wait on a file handle waits for (its file object's event).
vine::protocol::SyncSlot* file_event_of(HANDLE handle);
// The count of threads waiting on a file object's event (its slot's
// otherwise unused `abandoned` word): completing a request wakes only then.
inline std::atomic_ref<uint32_t> file_event_waiters(vine::protocol::SyncSlot& event) {
    return std::atomic_ref<uint32_t>(event.abandoned);
}
// NtClose: its requests are cancelled and its state goes.
void forget_handle(HANDLE handle);
// Named pipes: read mode, completion mode and end (a server call the first time).
void load_pipe_modes(HANDLE handle, HandleState& state);
// Before a transfer on a named pipe's server end: STATUS_PIPE_LISTENING or
// STATUS_PIPE_DISCONNECTED without a client (asked of the server until it
// has been seen connected once).
NTSTATUS check_connected(HANDLE handle, HandleState& state);
// After a transfer on a client end found the pipe's end: whether the server
// disconnected it (STATUS_PIPE_DISCONNECTED) rather than closed it.
NTSTATUS end_status(HANDLE handle, HandleState& state, NTSTATUS status);

// NtSetInformationFile's FileCompletionInformation (CreateIoCompletionPort
// on a file) and FileIoCompletionNotificationInformation
// (SetFileCompletionNotificationModes); NtQueryInformationFile's latter.
NTSTATUS set_completion_information(HANDLE handle, const void* buffer, ULONG length, ULONG info_class);
NTSTATUS query_completion_modes(HANDLE handle, void* buffer, ULONG length, ULONG_PTR& written);

constexpr ULONG FILE_SKIP_COMPLETION_PORT_ON_SUCCESS = 1, FILE_SKIP_SET_EVENT_ON_HANDLE = 2,
                FILE_SKIP_SET_USER_EVENT_ON_FAST_IO = 4;

// Where one request reports its end besides its IO_STATUS_BLOCK, resolved
// in the caller's thread (the engine's thread has no TEB and uses no handles).
struct Completion {
    IO_STATUS_BLOCK* io = nullptr;
    vine::protocol::SyncSlot* event = nullptr;
    vine::protocol::SyncSlot* file_event = nullptr;
    PIO_APC_ROUTINE apc = nullptr;
    PVOID apc_context = nullptr;
    uint32_t thread_id = 0;  // who asked: its APC runs there, CancelIo cancels its requests
    std::shared_ptr<io_completion::Port> port;
    ULONG_PTR key = 0;
    ULONG notification_modes = 0;
};

// Resolves the event (and resets it, as Windows does when a request
// starts), the APC and the port of a request on `handle`.
NTSTATUS prepare(Completion& out, HandleState& state, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context,
                 IO_STATUS_BLOCK* io);
// Writes the IO_STATUS_BLOCK, then sets the event, queues the APC or posts
// the packet. `at_once`: the request finished inside the call that made it
// (then an error reports only through the status, and skip-on-success
// modes apply). Returns `status`.
NTSTATUS finish(const Completion& completion, NTSTATUS status, ULONG_PTR information, bool at_once);

// ---- transfers on pipes (pipe_transfer.cpp) ----
struct Result {
    NTSTATUS status;
    ULONG_PTR information;
};
// One attempt without blocking; nullopt when it would block. `done` counts
// the bytes of a write already sent by earlier attempts.
std::optional<Result> try_read(int fd, HandleState& state, void* buffer, ULONG length);
std::optional<Result> try_write(int fd, HandleState& state, const void* buffer, ULONG length, ULONG& done);
// The same, waiting until done; CancelSynchronousIo ends the wait with
// STATUS_CANCELLED.
Result blocking_read(int fd, HandleState& state, void* buffer, ULONG length);
Result blocking_write(int fd, HandleState& state, const void* buffer, ULONG length);
// Waits until `fd` is readable (or CancelSynchronousIo); STATUS_SUCCESS or STATUS_CANCELLED.
NTSTATUS wait_readable(int fd);
// Whether `fd` (a socket) is readable now.
bool readable_now(int fd);

// ---- the engine (io_engine.cpp) ----
// `custom`: the request's own attempt, run in order with the reads when its
// descriptor is readable (directory change notifications, change_notify.cpp;
// reads on a serial port, serial.cpp). `watch`: the same, but apart from
// the reads' order, each on its own (a serial port's WaitCommEvent pending
// beside a ReadFile). Either may also set a deadline at which the engine
// attempts it again whether or not the descriptor became ready (timeouts,
// states epoll cannot see such as modem lines).
enum class Operation : uint8_t { read, write, wait_readable, custom, watch };
struct Request {
    HANDLE handle;
    int fd;
    Operation operation;
    char* buffer;
    ULONG length, done = 0;
    std::shared_ptr<HandleState> state;
    Completion completion;
    std::function<std::optional<Result>()> custom;  // Operation::custom and watch
    // CLOCK_MONOTONIC milliseconds at which to attempt again (0: only on
    // readiness); the attempt may move it.
    uint64_t deadline_ms = 0;
    // Operation::watch: whether the descriptor's readability is of interest
    // (else only the deadline wakes the request).
    bool wants_readable = true;
};
// CLOCK_MONOTONIC now in milliseconds, the clock of deadline_ms.
uint64_t now_ms();
// Runs the request now if it can complete at once (then `at_once` rules
// apply), else leaves it to the engine and returns STATUS_PENDING.
NTSTATUS start(std::unique_ptr<Request> request);
// Ends the pending requests of `handle` (only those of `io` when given, only
// those `thread_id` made when non-zero) with `status`; returns how many.
size_t cancel(HANDLE handle, const IO_STATUS_BLOCK* io, uint32_t thread_id, NTSTATUS status);
// A thread ended: its pending requests end with STATUS_CANCELLED, but for
// those on handles associated with a completion port.
void cancel_thread(uint32_t thread_id);

}  // namespace ntdll::async
