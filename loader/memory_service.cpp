// The service thread (see memory_service.h). It runs no Windows code and
// takes no part in the process's signals; each call is one message in and
// one out, performed with this process's own virtual memory manager, so
// another process's VirtualAllocEx follows exactly the rules of ours.
#include "memory_service.h"

#include <asm/prctl.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

#include "protocol.h"
#include "vine/teb.h"
#include "vine/virtual_memory.h"

namespace vine::memory_service {

namespace {

int g_socket = -1;
void (*g_on_closed)() = nullptr;

// What current_teb() reads on this thread: no TEB (Self is null), so the
// memory manager describes no stack as this thread's own.
alignas(64) TEB g_no_teb{};

protocol::RemoteMemoryResult perform(const protocol::RemoteMemoryCall& call) {
    protocol::RemoteMemoryResult result{};
    result.call_id = call.call_id;
    void* address = reinterpret_cast<void*>(call.address);
    SIZE_T size = call.size;
    NTSTATUS status;
    switch (call.op) {
    case protocol::remote_allocate: {
        vm::Placement placement;
        placement.lowest = call.lowest;
        placement.highest = call.highest;
        placement.alignment = call.alignment;
        status = vm::allocate(&address, &size, call.type, call.protect, placement);
        break;
    }
    case protocol::remote_free: status = vm::free(&address, &size, call.type); break;
    case protocol::remote_protect: {
        ULONG old_protect = 0;
        status = vm::protect(&address, &size, call.protect, &old_protect);
        result.old_protect = old_protect;
        break;
    }
    case protocol::remote_query: {
        MEMORY_BASIC_INFORMATION info{};
        status = vm::query(address, &info);
        result.base = reinterpret_cast<uintptr_t>(info.BaseAddress);
        result.allocation_base = reinterpret_cast<uintptr_t>(info.AllocationBase);
        result.region_size = info.RegionSize;
        result.allocation_protect = info.AllocationProtect;
        result.state = info.State;
        result.protect = info.Protect;
        result.type = info.Type;
        break;
    }
    default: status = static_cast<NTSTATUS>(0xc000000d);  // STATUS_INVALID_PARAMETER
    }
    result.status = static_cast<uint32_t>(status);
    result.address = reinterpret_cast<uintptr_t>(address);
    result.size = size;
    return result;
}

void* run(void*) {
    syscall(SYS_arch_prctl, ARCH_SET_GS, &g_no_teb);
    // The socket's SIGIO (server death) was for the whole process; each
    // message would interrupt some thread of the program: this thread,
    // which sees the end itself, takes it (and keeps it blocked).
    f_owner_ex owner{F_OWNER_TID, static_cast<pid_t>(gettid())};
    fcntl(g_socket, F_SETOWN_EX, &owner);
    for (;;) {
        pollfd ready{g_socket, POLLIN, 0};
        if (poll(&ready, 1, -1) < 0) continue;
        protocol::RemoteMemoryCall call{};
        ssize_t n = recv(g_socket, &call, sizeof(call), MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        if (n <= 0) break;
        if (n != static_cast<ssize_t>(sizeof(call))) continue;
        protocol::RemoteMemoryResult result = perform(call);
        send(g_socket, &result, sizeof(result), MSG_NOSIGNAL);
    }
    if (g_on_closed) g_on_closed();
    return nullptr;
}

}  // namespace

bool start(int socket, void (*on_closed)()) {
    g_socket = socket;
    g_on_closed = on_closed;
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setstacksize(&attributes, 256 * 1024);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_t thread;
    bool started = pthread_create(&thread, &attributes, run, nullptr) == 0;
    pthread_attr_destroy(&attributes);
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return started;
}

}  // namespace vine::memory_service
