// I/O completion ports: a queue of completion packets that threads take
// from. A port is an in-process queue behind a handle to an unnamed
// notification event, which is signaled exactly while the queue holds
// packets; waiting for a packet is waiting on that event, so timeouts and
// alertable waits (APCs) are the NT wait layer's.
//
// Packets come from NtSetIoCompletion (PostQueuedCompletionStatus) and from
// the asynchronous I/O of files associated with the port (async_io.cpp),
// and are removed one or many at a time. Not supported: the concurrency
// limit (every waiting thread may take a packet), ports duplicated into or
// shared with other processes, and waiting on a port's handle with the
// generic waits (it looks like an event there, signaled while packets are
// queued, but only NtRemoveIoCompletion's waiters are woken by a packet).
#include <time.h>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "vine/locks.h"
#include "io_completion.h"
#include "ntdll_private.h"
#include "object.h"
#include "sync_slot.h"
#include "vine/ntstatus.h"

namespace ntdll::io_completion {

struct Packet {
    ULONG_PTR key, apc_context;
    NTSTATUS status;
    ULONG_PTR information;
};

struct Port {
    vine::Mutex lock;
    std::deque<Packet> packets;
    vine::protocol::SyncSlot* slot = nullptr;  // the event's, set while packets are queued
    // Threads in remove(): a packet queued while none waits needs no wake
    // (the futex system call is most of a packet's cost).
    std::atomic<int> waiters{0};
};

}  // namespace ntdll::io_completion

namespace {

using ntdll::io_completion::Packet;
using ntdll::io_completion::Port;

struct FILE_IO_COMPLETION_INFORMATION {
    ULONG_PTR KeyContext, ApcContext;
    IO_STATUS_BLOCK IoStatusBlock;
};
static_assert(sizeof(FILE_IO_COMPLETION_INFORMATION) == 32);

vine::Mutex ports_lock;
std::unordered_map<HANDLE, std::shared_ptr<Port>>& ports() {
    static auto* map = new std::unordered_map<HANDLE, std::shared_ptr<Port>>;  // never destroyed: used at exit
    return *map;
}

std::shared_ptr<Port> find_port(HANDLE handle) {
    std::lock_guard guard(ports_lock);
    auto it = ports().find(handle);
    return it == ports().end() ? nullptr : it->second;
}

LONGLONG monotonic_100ns() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 10000000LL + now.tv_nsec / 100;
}

// Takes up to `max` packets; the event is reset when the queue empties.
ULONG take(HANDLE handle, Port& port, FILE_IO_COMPLETION_INFORMATION* out, ULONG max) {
    std::lock_guard guard(port.lock);
    ULONG count = 0;
    while (count < max && !port.packets.empty()) {
        const Packet& packet = port.packets.front();
        out[count].KeyContext = packet.key;
        out[count].ApcContext = packet.apc_context;
        out[count].IoStatusBlock.Status = packet.status;
        out[count].IoStatusBlock.Information = packet.information;
        port.packets.pop_front();
        ++count;
    }
    if (count && port.packets.empty()) ntdll::sync::word(port.slot->state).store(0);
    return count;
}

// Waits until packets arrive and takes up to `max`. `timeout` is an NT
// timeout (null: forever; negative: relative; positive: absolute).
NTSTATUS remove(HANDLE handle, FILE_IO_COMPLETION_INFORMATION* out, ULONG max, ULONG* removed,
                const LARGE_INTEGER* timeout, BOOLEAN alertable) {
    std::shared_ptr<Port> port = find_port(handle);
    if (!port) return STATUS_OBJECT_TYPE_MISMATCH;
    if (max == 0) return STATUS_INVALID_PARAMETER;
    // A relative timeout is turned into a deadline once, since another
    // thread may take the packets this one was woken for.
    bool relative = timeout && timeout->QuadPart < 0;
    LONGLONG deadline = relative ? monotonic_100ns() - timeout->QuadPart : 0;
    if (ULONG count = take(handle, *port, out, max)) {
        if (removed) *removed = count;
        return STATUS_SUCCESS;
    }
    struct Waiting {
        Port& port;
        explicit Waiting(Port& p) : port(p) { port.waiters.fetch_add(1); }
        ~Waiting() { port.waiters.fetch_sub(1); }
    } waiting(*port);
    for (;;) {
        if (ULONG count = take(handle, *port, out, max)) {
            if (removed) *removed = count;
            return STATUS_SUCCESS;
        }
        LARGE_INTEGER remaining;
        const LARGE_INTEGER* wait_timeout = timeout;
        if (relative) {
            LONGLONG left = deadline - monotonic_100ns();
            remaining.QuadPart = left > 0 ? -left : 0;
            wait_timeout = &remaining;
        }
        NTSTATUS status = NtWaitForSingleObject(handle, alertable, wait_timeout);
        if (status != STATUS_WAIT_0) {
            if (removed) *removed = 0;
            return status;  // STATUS_TIMEOUT, STATUS_USER_APC or a failure
        }
    }
}

}  // namespace

namespace ntdll::io_completion {

void forget_handle(HANDLE handle) {
    std::lock_guard guard(ports_lock);
    ports().erase(handle);
}

std::shared_ptr<Port> port_of(HANDLE handle) { return find_port(handle); }

void post(Port& port, ULONG_PTR key, ULONG_PTR apc_context, NTSTATUS status, ULONG_PTR information) {
    std::lock_guard guard(port.lock);
    port.packets.push_back(Packet{key, apc_context, status, information});
    // Only the first packet signals: waiters that find more take them. A
    // waiter counts itself before it looks at the queue, so either it sees
    // this packet or this sees it.
    if (port.packets.size() == 1 && ntdll::sync::word(port.slot->state).exchange(1) == 0 &&
        port.waiters.load() > 0)
        ntdll::sync::wake_all(*port.slot);
}

}  // namespace ntdll::io_completion

VINE_EXPORT NTSTATUS NtCreateIoCompletion(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                                          ULONG threads) {
    if (!handle) return STATUS_INVALID_PARAMETER;
    if (attributes && attributes->ObjectName) return STATUS_NOT_SUPPORTED;  // named ports: not in Vine
    (void)access;
    (void)threads;  // no concurrency limit: see above
    HANDLE event = nullptr;
    NTSTATUS status = NtCreateEvent(&event, 0x1f0003 /* EVENT_ALL_ACCESS */, nullptr, NotificationEvent, FALSE);
    if (!NT_SUCCESS(status)) return status;
    auto port = std::make_shared<Port>();
    if (NTSTATUS slot_status = ntdll::sync_slot_of(event, vine::protocol::ObjectType::event, ntdll::MODIFY_STATE,
                                                   port->slot)) {
        NtClose(event);
        return slot_status;
    }
    {
        std::lock_guard guard(ports_lock);
        ports()[event] = port;
    }
    *handle = event;
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtSetIoCompletion(HANDLE handle, ULONG_PTR key, ULONG_PTR apc_context, NTSTATUS io_status,
                                       ULONG_PTR information) {
    std::shared_ptr<Port> port = find_port(handle);
    if (!port) return STATUS_OBJECT_TYPE_MISMATCH;
    ntdll::io_completion::post(*port, key, apc_context, io_status, information);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtRemoveIoCompletion(HANDLE handle, ULONG_PTR* key, ULONG_PTR* apc_context,
                                          IO_STATUS_BLOCK* io, const LARGE_INTEGER* timeout) {
    FILE_IO_COMPLETION_INFORMATION packet{};
    NTSTATUS status = remove(handle, &packet, 1, nullptr, timeout, FALSE);
    if (status != STATUS_SUCCESS) return status;
    if (key) *key = packet.KeyContext;
    if (apc_context) *apc_context = packet.ApcContext;
    if (io) *io = packet.IoStatusBlock;
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtRemoveIoCompletionEx(HANDLE handle, FILE_IO_COMPLETION_INFORMATION* packets, ULONG count,
                                            ULONG* removed, const LARGE_INTEGER* timeout, BOOLEAN alertable) {
    if (!packets) return STATUS_INVALID_PARAMETER;
    return remove(handle, packets, count, removed, timeout, alertable);
}
