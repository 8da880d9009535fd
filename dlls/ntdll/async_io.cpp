// The end of an I/O request as Windows reports it: the IO_STATUS_BLOCK
// first, then the event, then the APC or the completion port's packet, with
// the rules of asynchronous handles (a request that fails at once reports
// only through its status; FILE_SKIP_* modes). And the per-handle state
// that asynchronous I/O and named pipes keep in the process.
#include <linux/futex.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <climits>
#include <cstring>
#include <unordered_map>

#include "vine/locks.h"
#include "apc.h"
#include "async_io.h"
#include "object.h"
#include "sync_slot.h"
#include "vine/ntstatus.h"
#include "vine/thread_control.h"

namespace ntdll::async {
namespace {

vine::Mutex g_lock;
std::unordered_map<HANDLE, std::shared_ptr<HandleState>>& states() {
    static auto* map = new std::unordered_map<HANDLE, std::shared_ptr<HandleState>>;  // used at exit
    return *map;
}

Kind kind_of(int fd) {
    struct stat st {};
    if (fstat(fd, &st) != 0) return Kind::other;
    if (S_ISREG(st.st_mode) || S_ISBLK(st.st_mode) || S_ISDIR(st.st_mode)) return Kind::seekable;
    if (S_ISFIFO(st.st_mode)) return Kind::fifo;
    if (S_ISSOCK(st.st_mode)) {
        int type = 0;
        socklen_t size = sizeof type;
        getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &size);
        return type == SOCK_SEQPACKET ? Kind::message : Kind::stream;
    }
    return Kind::other;
}

}  // namespace

HandleState::~HandleState() {
    if (connect_fd >= 0) close(connect_fd);
}

std::shared_ptr<HandleState> state_of(HANDLE handle, const OpenFile& file) {
    {
        vine::threads::NoInterrupt region;
        std::lock_guard guard(g_lock);
        if (auto found = states().find(handle); found != states().end()) return found->second;
    }
    auto fresh = std::make_shared<HandleState>();
    fresh->kind = kind_of(file.fd);
    vine::threads::NoInterrupt region;
    std::lock_guard guard(g_lock);
    auto [it, inserted] = states().emplace(handle, fresh);
    return it->second;
}

vine::protocol::SyncSlot* file_event_of(HANDLE handle) {
    OpenFile file;
    if (open_file_of(handle, 0, file)) return nullptr;
    return &state_of(handle, file)->file_event;
}

void forget_handle(HANDLE handle) {
    cancel(handle, nullptr, 0, STATUS_CANCELLED);
    vine::threads::NoInterrupt region;
    std::lock_guard guard(g_lock);
    states().erase(handle);
}

void load_pipe_modes(HANDLE handle, HandleState& state) {
    std::lock_guard guard(state.lock);
    if (state.pipe_loaded) return;
    vine::protocol::named_pipe_info_request request{reinterpret_cast<uintptr_t>(handle)};
    vine::protocol::named_pipe_info_reply reply{};
    if (vine::client::call(request, reply) == 0) {
        state.named_pipe = true;
        state.server_end = reply.server_end != 0;
        state.message_read = reply.message_read != 0;
        state.nowait = reply.nowait != 0;
    }
    state.pipe_loaded = true;
}

NTSTATUS check_connected(HANDLE handle, HandleState& state) {
    if (!state.named_pipe || !state.server_end || state.seen_connected) return STATUS_SUCCESS;
    vine::protocol::named_pipe_info_request request{reinterpret_cast<uintptr_t>(handle)};
    vine::protocol::named_pipe_info_reply reply{};
    if (vine::client::call(request, reply) != 0) return STATUS_SUCCESS;
    if (reply.state == vine::protocol::pipe_listening) return STATUS_PIPE_LISTENING;
    if (reply.state == vine::protocol::pipe_disconnected) return STATUS_PIPE_DISCONNECTED;
    std::lock_guard guard(state.lock);
    state.seen_connected = true;
    return STATUS_SUCCESS;
}

NTSTATUS end_status(HANDLE handle, HandleState& state, NTSTATUS status) {
    if (!state.named_pipe || state.server_end || (status != STATUS_PIPE_BROKEN && status != STATUS_PIPE_CLOSING))
        return status;
    vine::protocol::named_pipe_info_request request{reinterpret_cast<uintptr_t>(handle)};
    vine::protocol::named_pipe_info_reply reply{};
    if (vine::client::call(request, reply) == 0 && !reply.end_current) return STATUS_PIPE_DISCONNECTED;
    return status;
}

NTSTATUS set_completion_information(HANDLE handle, const void* buffer, ULONG length, ULONG info_class) {
    OpenFile file;
    if (NTSTATUS status = open_file_of(handle, 0, file)) return status;
    auto state = state_of(handle, file);
    if (info_class == vine::nt::FileCompletionInformation) {
        if (length < sizeof(vine::nt::FILE_COMPLETION_INFORMATION)) return STATUS_INFO_LENGTH_MISMATCH;
        vine::nt::FILE_COMPLETION_INFORMATION info;
        memcpy(&info, buffer, sizeof info);
        // Only asynchronous handles complete through a port, and a handle
        // is associated once.
        if (file.synchronous()) return STATUS_INVALID_PARAMETER;
        auto port = io_completion::port_of(info.Port);
        if (!port) return STATUS_INVALID_HANDLE;
        std::lock_guard guard(state->lock);
        if (state->port) return STATUS_INVALID_PARAMETER;
        state->port = port;
        state->key = reinterpret_cast<ULONG_PTR>(info.Key);
        return STATUS_SUCCESS;
    }
    if (length < sizeof(vine::nt::FILE_IO_COMPLETION_NOTIFICATION_INFORMATION)) return STATUS_INFO_LENGTH_MISMATCH;
    ULONG flags;
    memcpy(&flags, buffer, sizeof flags);
    constexpr ULONG known =
        FILE_SKIP_COMPLETION_PORT_ON_SUCCESS | FILE_SKIP_SET_EVENT_ON_HANDLE | FILE_SKIP_SET_USER_EVENT_ON_FAST_IO;
    if (flags & ~known) return STATUS_INVALID_PARAMETER;
    std::lock_guard guard(state->lock);
    state->notification_modes |= flags;  // modes are only ever added, as on Windows
    return STATUS_SUCCESS;
}

NTSTATUS query_completion_modes(HANDLE handle, void* buffer, ULONG length, ULONG_PTR& written) {
    if (length < sizeof(ULONG)) return STATUS_INFO_LENGTH_MISMATCH;
    OpenFile file;
    if (NTSTATUS status = open_file_of(handle, 0, file)) return status;
    auto state = state_of(handle, file);
    std::lock_guard guard(state->lock);
    memcpy(buffer, &state->notification_modes, sizeof(ULONG));
    written = sizeof(ULONG);
    return STATUS_SUCCESS;
}

NTSTATUS prepare(Completion& out, HandleState& state, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context,
                 IO_STATUS_BLOCK* io) {
    out.io = io;
    out.file_event = &state.file_event;
    sync::word(state.file_event.state).store(0);
    if (event) {
        if (NTSTATUS status = sync_slot_of(event, vine::protocol::ObjectType::event, MODIFY_STATE, out.event))
            return status;
        sync::word(out.event->state).store(0);
    }
    out.apc = apc;
    out.apc_context = apc_context;
    out.thread_id = vine::client::current_thread_id();
    std::lock_guard guard(state.lock);
    out.port = state.port;
    out.key = state.key;
    out.notification_modes = state.notification_modes;
    return STATUS_SUCCESS;
}

NTSTATUS finish(const Completion& completion, NTSTATUS status, ULONG_PTR information, bool at_once) {
    IO_STATUS_BLOCK* io = completion.io;
    io->Information = information;
    std::atomic_ref<uint32_t> word(*reinterpret_cast<uint32_t*>(&io->Status));
    word.store(static_cast<uint32_t>(status), std::memory_order_release);
    // GetOverlappedResult without an event sleeps on the status word.
    if (!at_once) syscall(SYS_futex, &io->Status, FUTEX_WAKE_PRIVATE, INT_MAX, nullptr, nullptr, 0);
    if (at_once && NT_ERROR(status)) return status;
    bool fast_success = at_once && NT_SUCCESS(status);
    if (completion.event && !(fast_success && (completion.notification_modes & FILE_SKIP_SET_USER_EVENT_ON_FAST_IO)))
        if (sync::word(completion.event->state).exchange(1) == 0) sync::wake_all(*completion.event);
    // The file object's event, when the request has none of its own.
    if (!completion.event && !(completion.notification_modes & FILE_SKIP_SET_EVENT_ON_HANDLE))
        if (sync::word(completion.file_event->state).exchange(1) == 0 &&
            file_event_waiters(*completion.file_event).load() > 0)
            sync::wake_all(*completion.file_event);
    if (completion.apc) {
        PIO_APC_ROUTINE routine = completion.apc;
        PVOID context = completion.apc_context;
        apc::queue(completion.thread_id, [routine, context, io] { routine(context, io, 0); });
    } else if (completion.port && completion.apc_context &&
               !(fast_success && (completion.notification_modes & FILE_SKIP_COMPLETION_PORT_ON_SUCCESS))) {
        io_completion::post(*completion.port, completion.key, reinterpret_cast<ULONG_PTR>(completion.apc_context),
                            status, information);
    }
    return status;
}

}  // namespace ntdll::async
