// vineserver's global state and the pieces of its one-threaded main loop.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "codec.h"
#include "objects.h"

namespace vine::server {

// One connection: a process, or a control client (vineserver -k/-w).
struct Client {
    int fd = -1;
    int peer_pid = 0;  // SO_PEERCRED of an accepted connection, else 0
    int sender_pid = 0;  // the kernel's SCM_CREDENTIALS of the last message (children's sockets)
    bool said_hello = false;
    uint32_t role = protocol::hello_process;
    std::vector<uint8_t> input;
    std::vector<int> input_fds;  // received, not yet claimed by a request
    std::string output;
    std::vector<int> output_fds;  // to send with the first byte of `output`
    bool writing = false;         // EPOLLOUT registered
    std::shared_ptr<Process> process;
    bool dead = false;
    bool hang_up = false;  // drop after the reply is sent
};

// The reply a handler builds.
struct Reply {
    uint32_t status = protocol::status::success;
    std::string fixed;
    std::string var;
    std::vector<int> fds;  // owned by the reply: sent, then closed
    bool deferred = false;  // the handler keeps the client waiting

    template <typename T>
    void set(const T& value) {
        fixed.assign(reinterpret_cast<const char*>(&value), sizeof(value));
    }
    // Ends a handler with an error: `return reply.fail(status::...);`.
    void fail(uint32_t error) { status = error; }
};

// The request being handled, with its descriptors (owned by the handler:
// whatever it doesn't keep, the loop closes).
struct Request {
    const protocol::RequestView& view;
    std::vector<int>& fds;
    Client& client;
    template <typename T>
    T get() const {
        T value;
        memcpy(&value, view.fixed, sizeof(T));
        return value;
    }
};

// Request handlers, one per opcode (requests_*.cpp).
#define VINE_DECLARE_HANDLER(name) void handle_##name(Request& request, Reply& reply);
VINE_REQUESTS(VINE_DECLARE_HANDLER)
#undef VINE_DECLARE_HANDLER

// ---- state shared by the handlers ----
uint32_t allocate_client_id();  // process and thread ids: multiples of 4
int64_t now_filetime();
std::shared_ptr<Process> find_process(uint32_t id);
std::shared_ptr<Thread> find_thread(uint32_t id);
// The thread a handle names in the caller, resolving the pseudo-handle
// GetCurrentThread() with the calling thread's id (requests_process.cpp).
std::shared_ptr<Thread> resolve_thread(Request& request, uint64_t handle, uint32_t* access);
void register_process(const std::shared_ptr<Process>& process);
void register_thread(const std::shared_ptr<Thread>& thread);
// Ends a process: its threads, abandoned mutexes, handles, signalled state.
void end_process(Process& process, uint32_t exit_code);
void end_thread(Thread& thread, uint32_t exit_code);
// The object behind `handle` in `process`, with pseudo-handles resolved;
// null if invalid.
std::shared_ptr<Object> resolve_handle(Process& process, uint64_t handle, uint32_t* access = nullptr);
// A new handle in `process` to `object`; 0 when its table is full.
uint64_t insert_handle(Process& process, std::shared_ptr<Object> object, uint32_t access, bool inherit);
template <typename T>
std::shared_ptr<T> resolve_as(Process& process, uint64_t handle, ObjectType type, uint32_t* access = nullptr) {
    auto object = resolve_handle(process, handle, access);
    if (!object || object->type != type) return nullptr;
    return std::static_pointer_cast<T>(object);
}
// Adds a new client for a connected socket (the server end of a child).
Client* add_client(int fd);
// Sends a reply owed to a client (deferred replies).
void send_reply(Client& client, Reply& reply);
std::vector<Client*> all_clients();
// dup() with close-on-exec, -1 on failure.
int fcntl_dup(int fd);
// Named objects: full names like u"Session\\foo" / u"Global\\foo".
std::shared_ptr<Object> lookup_name(const std::u16string& name);
void insert_name(const std::u16string& name, const std::shared_ptr<Object>& object);
void remove_name(const std::u16string& name, const Object* object);
// The live objects whose names start with `prefix`, in name order.
std::vector<std::shared_ptr<Object>> names_under(const std::u16string& prefix);
// The namespace path of an object name ("\BaseNamedObjects\x", session
// and Global/Local links resolved), or a status (requests_sync.cpp).
uint32_t full_object_name(const std::u16string& name, std::u16string& full);
// The object a create request with `name` (empty: unnamed) and flags
// (create_open_existing / create_open_if) opens: `found` stays null when the
// name is free (`full`: its namespace path) and the request may create it;
// else a status: already_exists, invalid_handle (another type),
// file_not_found (create_open_existing of a free name) (requests_sync.cpp).
uint32_t find_for_create(const std::u16string& name, uint32_t flags, ObjectType type, std::u16string& full,
                         std::shared_ptr<Object>& found);
// Other descriptors the main loop watches for input (timers): `on_ready`
// runs when `fd` is readable, until unwatch_fd.
void watch_fd(int fd, std::function<void()> on_ready);
void unwatch_fd(int fd);
// A pidfd for a client's Unix pid as the kernel reported it, or -1 for a
// pid that is not a single other process (unix_signal.cpp).
int open_client_pidfd(int pid);
// Sends a signal to a client's Unix process through its pidfd; false when
// the server knows no process for it.
bool signal_unix_process(const Process& process, int signal_number);
// Whether an image section of the file (device, inode) lives (held by a
// handle or a view): such a file opens for no writing and is not deleted,
// as on Windows (requests_section.cpp).
bool file_has_image_section(uint64_t device, uint64_t inode);
// A file object is going: its share-mode record goes too (requests_file.cpp).
void forget_open_file(const FileObject& file);
// The last handle of a file object with a pending delete is gone: removes
// the file unless other opens of it remain (they inherit the delete).
void delete_closed_file(FileObject& file);
// The service socket (the death notice) of a process is connected / going:
// calls on its memory forwarded there start / fail (requests_memory.cpp).
void start_memory_service(Process& process);
void stop_memory_service(Process& process);
// Asks the main loop to exit (after -k).
void request_exit();
// False once the main loop is ending: objects dying then (the server's own
// teardown) must not act on other processes.
bool server_running();
// A new child of `parent` joins the parent's job unless it breaks away;
// access_denied when it asks to (CREATE_BREAKAWAY_FROM_JOB) and the job does
// not allow it (requests_job.cpp).
uint32_t job_check_breakaway(const Process& parent, uint32_t creation_flags);
// Ends the members of KILL_ON_JOB_CLOSE jobs that lost their last handle;
// the main loop calls it after serving what woke it.
void end_doomed_processes();
void job_add_child(const Process& parent, const std::shared_ptr<Process>& child, uint32_t creation_flags);

extern bool g_debug;  // VINEDEBUG=+server: log every request and reply
void log(const char* format, ...) __attribute__((format(printf, 1, 2)));

}  // namespace vine::server
