// The client side of vineserver, in the vine executable (it is what Wine
// keeps in ntdll's Unix half): the connection, the process's handle cache
// and where waitable objects' states are mapped. Builtin DLLs call these; kernel32 builds the
// Win32 API on them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "codec.h"
#include "protocol.h"
#include "vine/wintypes.h"

namespace vine::client {

// What the server told a starting process.
struct ProcessStart {
    uint32_t process_id = 0, thread_id = 0, parent_id = 0;
    uint32_t process_slot = 0, thread_slot = 0;
    HANDLE std_handles[3] = {};
    bool is_child = false;
    bool suspended = false;
    uint32_t creation_flags = 0;
    // For a child: image path, command line, directory, environment...
    std::u16string image, command_line, current_directory, environment, title;
    uint32_t startup_flags = 0, show_window = 0;
};

// Connects to the prefix's server, starting it when none is running, and
// announces this process. Fails the process with a clear message if the
// server cannot be reached or is from another build.
ProcessStart connect_process();
// A CREATE_SUSPENDED child's main thread waits here for ResumeThread.
void wait_until_resumed();

// One request; returns the server's Win32 status (0 = success). `reply`
// gets the fixed reply; var data and descriptors go where asked (received
// descriptors are closed when `fds_out` is null).
uint32_t call_raw(protocol::Opcode opcode, const void* request, uint32_t request_size, void* reply,
                  uint32_t reply_size, const void* var = nullptr, uint32_t var_size = 0, const int* fds = nullptr,
                  uint32_t fd_count = 0, std::string* var_out = nullptr, std::vector<int>* fds_out = nullptr);

template <typename Request>
uint32_t call(const Request& request, typename protocol::RequestTraits<Request>::Reply& reply,
              const void* var = nullptr, uint32_t var_size = 0, const int* fds = nullptr, uint32_t fd_count = 0,
              std::string* var_out = nullptr, std::vector<int>* fds_out = nullptr) {
    return call_raw(protocol::RequestTraits<Request>::opcode, &request, sizeof(request), &reply, sizeof(reply), var,
                    var_size, fds, fd_count, var_out, fds_out);
}

// Starts a child process (CreateProcess): new_process with `request` and
// `startup`, then a new `vine` running `unix_image` that connects as the
// child. Returns 0 with the handles and ids in `reply`, or a Win32 error.
uint32_t spawn_child(const protocol::new_process_request& request, const protocol::StartupStrings& startup,
                     const std::string& unix_image, protocol::new_process_reply& reply);

// ---- handles ----
struct HandleInfo {
    protocol::ObjectType type = protocol::ObjectType::none;
    uint32_t access = 0;
    uint32_t slot = 0;       // sync slot of a waitable
    // A waitable's state: in the read-only sync area (processes, threads) or
    // this handle's mapping of the object's own memfd (owned by the cache).
    protocol::SyncSlot* state = nullptr;
    uint32_t object_id = 0;  // process or thread id
    uint32_t file_flags = 0;  // sections: their PAGE_* protection
    uint32_t section_attributes = 0;  // sections: SEC_*
    uint64_t section_size = 0;
    int fd = -1;             // files, pipes, sections: our descriptor (owned by the cache)
};
// What `handle` names (cached after the first ask); false for an invalid
// handle. Pseudo-handles are not resolved here.
bool handle_info(HANDLE handle, HandleInfo& info);
// Records what the caller already knows about a handle it just received.
void remember_handle(HANDLE handle, const HandleInfo& info);
// Drops a handle from the cache (closed by the server on our behalf).
void forget_handle(HANDLE handle);
// CloseHandle: ERROR_INVALID_HANDLE (6) for a bad one, else 0. Once the
// server has closed it, `also_forget` (when given) drops what else the
// process keeps for the value, before any other thread can reuse it.
uint32_t close_handle(HANDLE handle, void (*also_forget)(HANDLE) = nullptr);
// Held across a request that closes one of this process's handles other
// than through close_handle (duplicate_handle with DUPLICATE_CLOSE_SOURCE),
// and until what the process kept for it is forgotten. The server may give
// the value to another thread's new handle as soon as it has closed it; this
// keeps that thread from caching its handle before the old one is forgotten
// (or its entry would be the one forgotten, and its object's state unmapped
// under a waiter that then watches whatever is mapped there next). Take it
// after any handle_info call: it holds the cache's lock.
class HandleClosing {
public:
    HandleClosing();
    ~HandleClosing();
    HandleClosing(const HandleClosing&) = delete;
    HandleClosing& operator=(const HandleClosing&) = delete;
    // The server has closed `handle`: drops its cache entry.
    void forget(HANDLE handle);
};
// Hands an open descriptor to the server as a file or pipe object; the
// server checks share modes. Returns the handle, or null with `error`.
// On failure the descriptor is not closed. `unix_path`, when given, is the
// file's path, which the server needs to delete it later.
HANDLE add_file(int fd, uint32_t access, uint32_t sharing, bool inherit, uint32_t flags, uint32_t& error,
                const std::string* unix_path = nullptr);
// A private handle: a file handle the server never sees, for a file or
// directory a DLL opens for the span of one call (a directory listing, an
// attribute change) where a server handle would only add round trips. It
// owns `fd`, works with every call that goes by the descriptor, and is
// closed by close_handle without a request; the server knows nothing of it,
// so it must not escape to the program (no inheritance, duplication, waits).
// Null when the private range is used up.
HANDLE add_private_file(int fd, uint32_t access, uint32_t flags);
// The checks an open of the regular file (device, inode) with `access`
// and `sharing` meets in the server, share modes and a pending delete, with
// no handle made: 0 or the server's status refusing it.
uint32_t check_open(uint64_t device, uint64_t inode, uint32_t access, uint32_t sharing);
// The descriptor behind a file or pipe handle, or -1.
int handle_fd(HANDLE handle);

// ---- where waitable objects keep their state (protocol.h) ----
// A process's or thread's slot in the read-only sync area.
protocol::SyncSlot* sync_slot(uint32_t index);
// The registry's change count (protocol.h, kRegistryGenerationSlot); false
// before the sync area is mapped.
bool registry_generation(uint64_t& generation);
// Maps the state of an event, mutex, semaphore or timer from the memfd the
// server handed with a handle to it, and closes `fd`; null on failure.
protocol::SyncSlot* map_sync_object(int fd);
// Undoes map_sync_object (the handle's cache entry does, when it goes).
void unmap_sync_object(protocol::SyncSlot* state);

// Tells the server how this process ends, just before it exits.
void report_exit(uint32_t code);
// This thread's Windows id (from the TEB).
uint32_t current_thread_id();

}  // namespace vine::client
