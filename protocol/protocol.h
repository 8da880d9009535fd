// The vineserver request protocol, defined once for both sides.
//
// A client (a vine process, or vineserver -k/-w) talks to the server over a
// Unix stream socket. Every request is a RequestHeader, the request's
// fixed-size struct, then `var_size` bytes of variable data (names, startup
// information), with `fd_count` file descriptors attached (SCM_RIGHTS) to
// the message's first byte. Every reply is a ReplyHeader, the reply's fixed
// struct (only when status is 0), then variable data and descriptors.
//
// The structs are plain data with fixed-width fields and no pointers, so a
// request is validated by checking its sizes (protocol/codec.h) and then
// each field by its handler. The version below changes whenever this file
// changes (CMake hashes it), so a client and a server from different builds
// refuse each other.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "protocol_version.h"  // generated in the build tree

namespace vine::protocol {

constexpr uint32_t kMagic = 0x656e6976;  // "vine"
constexpr uint32_t kVersion = VINE_PROTOCOL_VERSION;
// Limits that make a hostile request cheap to refuse.
constexpr uint32_t kMaxVarSize = 1u << 20;
constexpr uint32_t kMaxFds = 4;
constexpr uint32_t kMaxFixedSize = 256;

// Object names, in UTF-16 code units (MAX_PATH-ish, as Windows' 32767 would
// let one client make the server hold megabytes of names cheaply).
constexpr uint32_t kMaxNameLength = 32767;

// Windows' pseudo-handles, understood by every request taking a handle.
constexpr uint64_t kCurrentProcess = ~uint64_t{0};     // (HANDLE)-1
constexpr uint64_t kCurrentThread = ~uint64_t{0} - 1;  // (HANDLE)-2

// Where waitable objects keep their state (SyncSlot), so that clients wait
// and signal with atomics and futexes on `state`, without asking the server:
// - Processes and threads: a slot of the sync area, one memfd the server
//   alone writes (it signals their ends) and seals before handing it out,
//   so every client maps it read-only.
// - Events, mutexes, semaphores and timers: each object its own memfd of
//   one page (kSyncObjectSize), handed (SCM_RIGHTS) only to the processes
//   given a handle to it (create_sync, handle_info), so a process without a
//   handle can neither read nor change it. Their slot numbers, from
//   kFirstSyncObject up, name them and are never reused while the server
//   runs; they index nothing a client could reach.
// Every process holding a handle can scribble on the object's state, so the
// server treats what it reads there as untrusted numbers and never derives
// an index or a size from them.
constexpr uint32_t kSyncSlotCount = 1u << 20;  // 16 MiB, touched only as used
constexpr uint32_t kFirstSyncObject = kSyncSlotCount;
constexpr uint32_t kSyncObjectSize = 4096;
// How many process and thread slots the processes and threads one process
// starts may hold at once, so that one process cannot take them all from
// the others.
constexpr uint32_t kSyncSlotsPerProcess = 1u << 16;
// How many events, mutexes, semaphores and timers one process may have
// created and not yet seen destroyed (each costs the server a descriptor
// and a mapping).
constexpr uint32_t kSyncObjectsPerProcess = 4096;
constexpr bool is_sync_object_slot(uint32_t slot) { return slot >= kFirstSyncObject; }
enum class SyncKind : uint32_t { none, event, mutex, semaphore, process, thread, timer };
struct SyncSlot {
    // event/timer: 1 signaled, 0 not; semaphore: count; mutex: owning
    // thread id or 0; process/thread: 1 once it has ended.
    uint32_t state;
    // event/timer: 1 manual reset; semaphore: maximum; mutex: recursion.
    uint32_t aux;
    uint32_t kind;  // SyncKind, written by the server
    // mutex: 1 when its owner ended without releasing it; timer: how many
    // times it has expired (a futex word for completion routines).
    uint32_t abandoned;
};
static_assert(sizeof(SyncSlot) == 16);
// Slot 0 of the sync area names no object. Its first eight bytes count the
// registry's changes: the server adds one before it answers a request that
// changes a key or a value (and before it fires the notifications), and
// when a key handle is closed from outside its process (DuplicateHandle
// with DUPLICATE_CLOSE_SOURCE), so a client may keep the values it read
// through a handle for as long as the count has not moved.
constexpr uint32_t kRegistryGenerationSlot = 0;
constexpr size_t kSyncAreaSize = kSyncSlotCount * sizeof(SyncSlot);

// Kinds of objects a handle can name.
enum class ObjectType : uint32_t {
    none, event, mutex, semaphore, process, thread, file, pipe, timer,
    named_pipe,  // a named pipe's name in the namespace (never in a handle table)
    key,         // a registry key
    token,       // an access token
    section,     // a file mapping (section object)
    symlink,     // an object-manager symbolic link (\??\X: and the like)
    directory,   // an object-manager directory, opened to list it
    job,         // a job object (a set of processes)
    count
};

// The object type of the sync objects create_sync makes (none for others).
constexpr ObjectType object_type_of(SyncKind kind) {
    switch (kind) {
    case SyncKind::event: return ObjectType::event;
    case SyncKind::mutex: return ObjectType::mutex;
    case SyncKind::semaphore: return ObjectType::semaphore;
    case SyncKind::timer: return ObjectType::timer;
    default: return ObjectType::none;
    }
}

// Win32 error codes the server replies with (0 = success).
namespace status {
constexpr uint32_t success = 0;
constexpr uint32_t file_not_found = 2;
constexpr uint32_t path_not_found = 3;
constexpr uint32_t access_denied = 5;
constexpr uint32_t invalid_handle = 6;
constexpr uint32_t too_many_open_files = 4;  // the server is out of descriptors
constexpr uint32_t not_enough_memory = 8;
constexpr uint32_t invalid_data = 13;
constexpr uint32_t not_supported = 50;
constexpr uint32_t invalid_parameter = 87;
constexpr uint32_t sharing_violation = 32;
constexpr uint32_t delete_pending = 303;  // an open of a file whose delete is pending
constexpr uint32_t already_exists = 183;
constexpr uint32_t signal_refused = 156;
constexpr uint32_t invalid_name = 123;
constexpr uint32_t pipe_busy = 231;
constexpr uint32_t pipe_connected = 535;
constexpr uint32_t invalid_function = 1;  // a pipe control on the wrong end
constexpr uint32_t no_token = 1008;         // the thread does not impersonate
constexpr uint32_t bad_token_type = 1349;   // a primary token where an impersonation one is needed
constexpr uint32_t privilege_not_held = 1314;
constexpr uint32_t no_system_resources = 1450;  // the pages could not be had
constexpr uint32_t invalid_address = 487;       // STATUS_CONFLICTING_ADDRESSES
constexpr uint32_t user_mapped_file = 1224;     // STATUS_USER_MAPPED_FILE
constexpr uint32_t section_not_extended = 14;   // ERROR_OUTOFMEMORY: STATUS_SECTION_NOT_EXTENDED
constexpr uint32_t disk_full = 112;
constexpr uint32_t bad_request = 0x20000001;  // not a Win32 code: protocol error
constexpr uint32_t cannot_delete = 0x20000002;  // not a Win32 code: STATUS_CANNOT_DELETE (ERROR_ACCESS_DENIED)
}  // namespace status

// Access rights the server checks (values from winnt.h).
namespace access {
constexpr uint32_t synchronize = 0x00100000;
constexpr uint32_t generic_read = 0x80000000, generic_write = 0x40000000;
constexpr uint32_t generic_execute = 0x20000000, generic_all = 0x10000000;
constexpr uint32_t maximum_allowed = 0x02000000;
constexpr uint32_t process_terminate = 0x0001, process_dup_handle = 0x0040;
constexpr uint32_t process_vm_operation = 0x0008;
constexpr uint32_t process_query_information = 0x0400, process_query_limited_information = 0x1000;
constexpr uint32_t process_set_information = 0x0200;
constexpr uint32_t process_all_access = 0x001fffff;
constexpr uint32_t thread_terminate = 0x0001, thread_suspend_resume = 0x0002;
constexpr uint32_t thread_query_information = 0x0040, thread_query_limited_information = 0x0800;
constexpr uint32_t thread_set_information = 0x0020, thread_set_limited_information = 0x0400;
constexpr uint32_t thread_all_access = 0x001fffff;
constexpr uint32_t event_modify_state = 0x0002, event_all_access = 0x001f0003;
constexpr uint32_t mutex_all_access = 0x001f0001;
constexpr uint32_t semaphore_modify_state = 0x0002, semaphore_all_access = 0x001f0003;
constexpr uint32_t timer_modify_state = 0x0002, timer_all_access = 0x001f0003;
constexpr uint32_t section_query = 0x0001, section_map_write = 0x0002, section_map_read = 0x0004;
constexpr uint32_t section_map_execute = 0x0008, section_extend_size = 0x0010;
constexpr uint32_t job_assign_process = 0x0001, job_set_attributes = 0x0002, job_query = 0x0004;
constexpr uint32_t job_terminate = 0x0008, job_all_access = 0x001f003f;
}  // namespace access

struct RequestHeader {
    uint32_t opcode;
    uint32_t fixed_size;  // must equal sizeof the opcode's request struct
    uint32_t var_size;
    uint32_t fd_count;
    // The calling thread (one socket serves all threads of a process): it
    // resolves the current-thread pseudo-handle.
    uint32_t thread_id;
    uint32_t reserved;
};
struct ReplyHeader {
    uint32_t status;      // Win32 error code; 0 = success
    uint32_t fixed_size;  // sizeof the reply struct, or 0 on error
    uint32_t var_size;
    uint32_t fd_count;
};
static_assert(sizeof(RequestHeader) == 24 && sizeof(ReplyHeader) == 16);

// ---- requests -------------------------------------------------------------
// Each request NAME has NAME_request and NAME_reply structs and one line in
// VINE_REQUESTS below. Variable data and descriptors are described beside
// each.

// First message on every connection.
enum : uint32_t { hello_process = 0, hello_control = 1 };
struct hello_request {
    uint32_t magic;
    uint32_t version;
    uint32_t role;  // hello_process or hello_control (vineserver -k/-w)
    int32_t unix_pid;
};
// fds: the sync area of process and thread slots and the KUSER_SHARED_DATA
// page, both sealed against writable mappings (processes only).
// The server answers even a client of another version, with its own
// version, so the client can say what is wrong; then it hangs up.
struct hello_reply {
    uint32_t server_pid;
    uint32_t version;
};

// A process announces itself (after hello). The first process of a tree
// passes its standard input, output and error as descriptors and receives
// handles for them; a child started by new_process receives its startup
// information as var data (see StartupInfo).
// fds: [death_notice] + for a first process, its 3 standard descriptors.
struct init_process_request {
    int32_t unix_pid;
    int32_t unix_tid;
};
struct init_process_reply {
    uint32_t process_id;
    uint32_t thread_id;
    uint32_t process_slot;
    uint32_t thread_slot;
    uint64_t std_handles[3];
    uint32_t is_child;    // 1: var data holds the StartupInfo from the parent
    uint32_t suspended;   // CREATE_SUSPENDED: call wait_resume before running
    uint32_t creation_flags;
    uint32_t parent_id;
};

// The startup information a parent hands its child; var data of
// new_process and of init_process's reply: this struct, then the strings
// (UTF-16, sizes in bytes), in this order.
struct StartupInfo {
    uint32_t image_size, command_line_size, current_directory_size, environment_size;
    uint32_t title_size, desktop_size;
    uint32_t startup_flags;  // STARTUPINFO.dwFlags
    uint32_t show_window;
    uint64_t std_handles[3];  // the child's handle values
};

// A child process, started by the caller afterwards as `vine` with the other
// end of the socket pair in the descriptor VINE_SERVER_FD names
// (loader/child_spawn.cpp). The server creates the process and thread
// objects and copies inheritable handles when asked.
// var: StartupInfo + strings. fds: [server end of the child's socket pair]
struct new_process_request {
    uint32_t inherit_handles;
    uint32_t creation_flags;
    uint32_t process_access, thread_access;
    uint32_t process_inherit, thread_inherit;  // bInheritHandle of the attributes
};
struct new_process_reply {
    uint64_t process_handle;
    uint64_t thread_handle;
    uint32_t process_id;
    uint32_t thread_id;
};
// Tells the server the unix pid of a spawned child, or that the spawn failed.
struct child_spawned_request {
    uint64_t process_handle;
    int32_t unix_pid;  // <= 0: exec failed, the process is ended
    uint32_t exit_code;
};
struct child_spawned_reply {
    uint32_t reserved;
};

// A suspended child's main thread blocks here until ResumeThread.
struct wait_resume_request {
    uint32_t reserved;
};
struct wait_resume_reply {
    uint32_t reserved;
};

// A new thread of the calling process (the calling thread is its creator;
// the new thread itself calls init_thread).
struct new_thread_request {
    uint32_t access;
    uint32_t inherit;
    uint32_t suspended;
    uint32_t reserved;
};
struct new_thread_reply {
    uint64_t handle;
    uint32_t thread_id;
    uint32_t slot;
};
struct init_thread_request {
    uint32_t thread_id;
    int32_t unix_tid;
};
struct init_thread_reply {
    uint32_t reserved;
};

// The calling process's thread `thread_id` has ended (ExitThread or return).
struct thread_exit_request {
    uint32_t thread_id;
    uint32_t exit_code;
};
struct thread_exit_reply {
    uint32_t last_thread;  // 1: it was the process's last thread
};

// The calling process is ending with `exit_code` (ExitProcess).
struct process_exit_request {
    uint32_t exit_code;
    uint32_t reserved;
};
struct process_exit_reply {
    uint32_t reserved;
};

// TerminateProcess: ends another process (SIGKILL) with `exit_code`; for the
// caller's own process the caller then exits.
struct terminate_process_request {
    uint64_t handle;
    uint32_t exit_code;
    uint32_t reserved;
};
struct terminate_process_reply {
    uint32_t self;  // 1: the handle names the calling process
};
struct terminate_thread_request {
    uint64_t handle;
    uint32_t exit_code;
    uint32_t reserved;
};
struct terminate_thread_reply {
    uint32_t self;
    int32_t unix_tid;  // the thread to signal, when it is in the caller
    uint32_t thread_id;
    uint32_t reserved;
};

struct close_handle_request {
    uint64_t handle;
};
struct close_handle_reply {
    uint32_t reserved;
};

enum : uint32_t { duplicate_close_source = 1, duplicate_same_access = 2 };
struct duplicate_handle_request {
    uint64_t source_process;
    uint64_t source_handle;
    uint64_t target_process;  // 0: no target (only closing the source)
    uint32_t access;
    uint32_t inherit;
    uint32_t options;
    uint32_t reserved;
};
struct duplicate_handle_reply {
    uint64_t handle;
};

// What a handle of the calling process names, for the client's cache.
// fds: the object's descriptor, for files, pipes and sections; the memfd of
// its state for events, mutexes, semaphores and timers.
struct handle_info_request {
    uint64_t handle;
};
struct handle_info_reply {
    uint32_t type;  // ObjectType
    uint32_t access;
    uint32_t slot;  // sync slot for waitables, else 0
    uint32_t inherit;
    uint32_t object_id;  // process/thread id for those types
    uint32_t file_flags;  // sections: their page protection
    uint32_t section_attributes;  // sections: SEC_* flags
    uint32_t reserved;
    uint64_t section_size;  // sections: the size in bytes
};

struct set_handle_flags_request {
    uint64_t handle;
    uint32_t mask;   // HANDLE_FLAG_INHERIT = 1, HANDLE_FLAG_PROTECT_FROM_CLOSE = 2
    uint32_t flags;
};
struct set_handle_flags_reply {
    uint32_t old_flags;
};

// Events, mutexes, semaphores and timers, named or not.
// var: the name in UTF-16 (no terminator), empty for an unnamed object; a
// full object-manager path ("\BaseNamedObjects\x",
// "\Sessions\1\BaseNamedObjects\x", "Global" and "Local" links inside).
// Without a flag, an existing name fails with already_exists
// (STATUS_OBJECT_NAME_COLLISION); an existing object of another type fails
// with invalid_handle (STATUS_OBJECT_TYPE_MISMATCH).
// fds of the reply: the object's state (kSyncObjectSize bytes, SyncSlot at 0).
enum : uint32_t {
    create_open_existing = 1,  // NtOpen*: fail if it does not exist (file_not_found)
    create_open_if = 2,        // OBJ_OPENIF: open the object if the name exists
};
struct create_sync_request {
    uint32_t kind;  // SyncKind: event, mutex, semaphore or timer
    uint32_t access;
    uint32_t inherit;
    uint32_t flags;
    uint32_t initial;  // event: signaled; mutex: owned by caller; semaphore: count
    uint32_t maximum;  // semaphore maximum; event/timer: manual reset
    uint32_t thread_id;  // the caller, for an initially owned mutex
    uint32_t reserved;
};
struct create_sync_reply {
    uint64_t handle;
    uint32_t slot;
    uint32_t existed;  // opened an existing object (STATUS_OBJECT_NAME_EXISTS)
};

// Files and pipes: the client opens the descriptor and hands it over; the
// server keeps one for inheritance and duplication and checks share modes.
// fds: [fd]; var: the Unix path of a file or directory opened by name
// (UTF-8, no terminator), which the server deletes for a pending delete.
// file_asynchronous: opened without FILE_SYNCHRONOUS_IO_*; file_alertable:
// with FILE_SYNCHRONOUS_IO_ALERT.
enum : uint32_t {
    file_is_pipe = 1,
    file_is_console = 2,
    file_delete_on_close = 4,
    file_asynchronous = 8,
    file_alertable = 16,
    file_is_directory = 32,
    file_pipe_root = 64,  // the named pipe file system itself (\Device\NamedPipe\)
    // Only the checks an open of the regular file (device, inode) meets
    // (share modes, a pending delete), for a handle the client keeps to
    // itself for one call (loader/handle_cache.cpp, private handles): no
    // descriptor, no handle made; the reply's handle is 0.
    file_check_only = 128,
};
struct create_file_request {
    uint32_t access;
    uint32_t sharing;
    uint32_t inherit;
    uint32_t flags;
    uint64_t device;  // st_dev/st_ino of a regular file, for share modes
    uint64_t inode;
};
struct create_file_reply {
    uint64_t handle;
};

// FileDispositionInformation(Ex) on a file handle: the file (not just this
// handle) is deleted once its last handle is closed, or, with POSIX
// semantics, its name is removed as soon as this handle is closed.
// Fails with invalid_parameter for a handle opened without a path.
enum : uint32_t { disposition_keep = 0, disposition_delete = 1, disposition_delete_posix = 2 };
struct set_file_disposition_request {
    uint64_t handle;
    uint32_t mode;  // disposition_*
    uint32_t reserved;
};
struct set_file_disposition_reply {
    uint32_t delete_pending;  // the state now
    uint32_t reserved;
};

// DeleteFile/NtDeleteFile in one request: what an open for DELETE sharing
// everything followed by its close would do. Fails with sharing_violation
// while an open of the file does not share delete, delete_pending while its
// delete is pending; while other opens (all sharing delete) remain, the
// delete becomes pending on them and the last close removes the name;
// otherwise the server removes it now (unlink, or rmdir for a directory)
// and `error` is that call's errno (0 on success).
// var: the Unix path (UTF-8).
struct delete_file_request {
    uint64_t device;  // st_dev/st_ino the client found at the path
    uint64_t inode;
};
struct delete_file_reply {
    uint32_t error;    // errno of the unlink/rmdir, 0 when done or pending
    uint32_t pending;  // 1: other opens keep the file until they close
};

// After a rename through a handle: the path the server deletes from.
// var: the new Unix path (UTF-8).
struct set_file_path_request {
    uint64_t handle;
};
struct set_file_path_reply {
    uint32_t reserved;
};

// Sections (file mappings), named or not: pagefile-backed ones get a memfd
// the server makes; file-backed ones bring the file's descriptor. Every view
// maps the descriptor handle_info hands out. flags as for create_sync.
// var: the name in UTF-16 (no terminator), empty for an unnamed section.
// fds: [] or [the file's descriptor]; for SEC_IMAGE [the image laid out,
// the PE file]: the section locks the PE file against writing and deleting
// while it lives (a handle or a view holds it), as Windows does.
// view_base: a SEC_IMAGE section the loader made for a module it mapped
// from the same layout: no handle is made, the view at view_base (named
// by view_cookie, as section_view's) is recorded instead, in one request.
struct create_section_request {
    uint32_t access;
    uint32_t inherit;
    uint32_t flags;
    uint32_t protect;     // PAGE_* of the section
    uint32_t attributes;  // SEC_*
    uint32_t view_cookie;
    uint64_t size;  // pagefile-backed: the size; file-backed: as the client computed it
    uint64_t view_base;
};
struct create_section_reply {
    uint64_t handle;
    uint64_t size;
    uint32_t protect;
    uint32_t attributes;
    uint32_t existed;
    uint32_t reserved;
};

// Named pipes. A name (\Device\NamedPipe\NAME) holds up to
// max_instances instances; each instance is a connected Unix socket pair
// made here (SOCK_STREAM for byte pipes, SOCK_SEQPACKET for message pipes,
// whose packets keep message boundaries): the creator's handle holds one
// end, the client that opens a listening instance receives the other, and
// data then moves between the two processes without the server. The server
// only makes the rendezvous: each instance has an eventfd that it makes
// readable when a client connects, which the server process waits on
// (blocking, or in its I/O engine for an overlapped ConnectNamedPipe).
// var: the pipe's name after \Device\NamedPipe\ (UTF-16, case-insensitive);
// empty for an unnamed pipe, which only its server end's handle reaches.
enum : uint32_t {
    pipe_listening = 1,     // waiting for a client (CreateFile takes it)
    pipe_connected = 2,     // a client has the other end
    pipe_closing = 3,       // the client closed its end
    pipe_disconnected = 4,  // DisconnectNamedPipe, until the next connect
};
enum : uint32_t { pipe_open_if = 0, pipe_create = 1, pipe_open = 2 };
struct create_named_pipe_request {
    uint32_t access;
    uint32_t inherit;
    uint32_t flags;          // file_* flags of the server end (file_asynchronous)
    uint32_t message_type;   // PIPE_TYPE_MESSAGE
    uint32_t message_read;   // PIPE_READMODE_MESSAGE
    uint32_t nowait;         // PIPE_NOWAIT
    uint32_t max_instances;  // 1..255 (255: unlimited)
    uint32_t disposition;    // pipe_open_if, pipe_create (FILE_FLAG_FIRST_PIPE_INSTANCE), pipe_open
    uint32_t in_size, out_size;
    int64_t default_timeout; // 100 ns units, negative (relative), as NtCreateNamedPipeFile takes it
};
struct create_named_pipe_reply {
    uint64_t handle;
};
// var: the pipe's name, as for create_named_pipe; or empty with
// server_handle, the server end of an unnamed pipe (NtCreateNamedPipeFile
// relative to \Device\NamedPipe\ without a name) whose client end is opened
// relative to that handle.
struct open_named_pipe_request {
    uint32_t access;
    uint32_t inherit;
    uint32_t flags;  // file_* flags of the client end (file_asynchronous)
    uint32_t reserved;
    uint64_t server_handle;
};
struct open_named_pipe_reply {
    uint64_t handle;
};
// ConnectNamedPipe (FSCTL_PIPE_LISTEN) on a server end: a disconnected
// instance starts listening. state: pipe_*; fds: [the instance's eventfd]
// while listening or connected (readable once a client has connected).
struct connect_named_pipe_request {
    uint64_t handle;
};
struct connect_named_pipe_reply {
    uint32_t state;
    uint32_t reserved;
};
// DisconnectNamedPipe: the client loses its end; fds: [a fresh, unconnected
// server end], which the caller puts in place of its descriptor (dup2).
struct disconnect_named_pipe_request {
    uint64_t handle;
};
struct disconnect_named_pipe_reply {
    uint32_t reserved;
};
// What a pipe handle (either end) is: GetNamedPipeInfo/HandleState,
// FilePipe(Local)Information, GetNamedPipeClient/ServerProcessId.
struct named_pipe_info_request {
    uint64_t handle;
};
struct named_pipe_info_reply {
    uint32_t server_end;  // 1: the end CreateNamedPipe made
    uint32_t message_type, message_read, nowait;
    uint32_t max_instances, current_instances;
    uint32_t in_size, out_size;
    uint32_t state;  // pipe_*
    uint32_t server_pid, client_pid;
    uint32_t end_current;  // 0: a client end DisconnectNamedPipe cut off
    int64_t default_timeout;
};
// SetNamedPipeHandleState: read mode and completion mode of this end.
struct set_named_pipe_mode_request {
    uint64_t handle;
    uint32_t message_read;
    uint32_t nowait;
};
struct set_named_pipe_mode_reply {
    uint32_t reserved;
};
// WaitNamedPipe (FSCTL_PIPE_WAIT): whether an instance listens now (else
// the client waits and asks again), file_not_found for no such pipe, and
// the timeout the first CreateNamedPipe gave (NMPWAIT_USE_DEFAULT_WAIT).
// var: the pipe's name.
struct wait_named_pipe_request {
    uint32_t reserved;
};
struct wait_named_pipe_reply {
    int64_t default_timeout;
    uint32_t listening;
    uint32_t reserved;
};

struct process_info_request {
    uint64_t handle;
};
struct process_info_reply {
    uint32_t process_id;
    uint32_t parent_id;
    uint32_t exit_code;  // STILL_ACTIVE (259) while it runs
    uint32_t slot;
    int64_t create_time;  // Windows FILETIME units
    int64_t exit_time;
    int32_t unix_pid;
    uint32_t reserved;
};
struct thread_info_request {
    uint64_t handle;
};
struct thread_info_reply {
    uint32_t thread_id;
    uint32_t process_id;
    uint32_t exit_code;
    uint32_t slot;
    int32_t unix_tid;
    int32_t priority;
    int64_t create_time;
    int64_t exit_time;
    uint32_t priority_boost_disabled;
    uint32_t ideal_processor;
};

struct open_process_request {
    uint32_t process_id;
    uint32_t access;
    uint32_t inherit;
    uint32_t reserved;
};
struct open_process_reply {
    uint64_t handle;
};
struct open_thread_request {
    uint32_t thread_id;
    uint32_t access;
    uint32_t inherit;
    uint32_t reserved;
};
struct open_thread_reply {
    uint64_t handle;
};

// Resume/suspend counts for threads of the caller's process and suspended
// children (see issue notes: running threads are stopped by the client).
struct resume_thread_request {
    uint64_t handle;
    int32_t delta;  // +1 suspend, -1 resume
    uint32_t reserved;
};
struct resume_thread_reply {
    uint32_t previous_count;
    int32_t unix_tid;
    uint32_t in_caller;  // 1: the thread belongs to the calling process
    uint32_t thread_id;
};

struct set_thread_priority_request {
    uint64_t handle;
    int32_t priority;
    uint32_t reserved;
};
struct set_thread_priority_reply {
    uint32_t reserved;
};

// A process's priority class and priority boost (Get/SetPriorityClass,
// Get/SetProcessPriorityBoost): `set` says which fields to change (1 the
// class, 2 the boost); the reply holds the values after the change.
enum : uint32_t { process_priority_set_class = 1, process_priority_set_boost = 2 };
struct process_priority_request {
    uint64_t handle;
    uint32_t set;
    uint32_t priority_class;
    uint32_t boost_disabled;
    uint32_t reserved;
};
struct process_priority_reply {
    uint32_t priority_class;
    uint32_t boost_disabled;
};

// Thread attributes only the server keeps; `mask` says which to set.
enum : uint32_t { thread_set_boost = 1, thread_set_ideal_processor = 2 };
struct set_thread_info_request {
    uint64_t handle;
    uint32_t mask;
    uint32_t priority_boost_disabled;
    uint32_t ideal_processor;  // < 64
    uint32_t reserved;
};
struct set_thread_info_reply {
    uint32_t previous_ideal_processor;
    uint32_t reserved;
};

// SetThreadDescription / GetThreadDescription. var: the description in
// UTF-16, no terminator (at most kMaxNameLength units).
struct set_thread_description_request {
    uint64_t handle;
};
struct set_thread_description_reply {
    uint32_t reserved;
};
struct get_thread_description_request {
    uint64_t handle;
};
// var: the description.
struct get_thread_description_reply {
    uint32_t reserved;
};

// Waitable timers: the server expires them (a timerfd in its loop), sets
// the slot's state and counts the expiry in its `abandoned` word. `due` is
// Windows' LARGE_INTEGER: negative = relative in 100 ns units, otherwise an
// absolute FILETIME (UTC). Setting resets the signaled state.
struct set_timer_request {
    uint64_t handle;
    int64_t due;
    uint32_t period;  // milliseconds, 0 = once; at most 0x7fffffff
    uint32_t reserved;
};
struct set_timer_reply {
    uint32_t was_active;
    uint32_t reserved;
};
struct cancel_timer_request {
    uint64_t handle;
};
struct cancel_timer_reply {
    uint32_t was_active;
    uint32_t reserved;
};

// vineserver -k: kill every client with `signal`, then exit.
struct kill_server_request {
    int32_t signal;
    uint32_t reserved;
};
struct kill_server_reply {
    uint32_t clients;
};


// ---- the registry (server/registry.cpp) ----
// Keys are named by a path relative to `root` (a key handle), or, with root
// 0, by a full path "\Registry\Machine\...". Names and data are var data:
// a request's name is UTF-16; set_value carries the name's bytes, then the
// data. Failures are Win32 codes (file_not_found, access_denied, ...; the
// registry-specific ones below).
namespace status {
constexpr uint32_t more_data = 234;
constexpr uint32_t no_more_items = 259;
constexpr uint32_t key_deleted = 1018;
constexpr uint32_t child_must_be_volatile = 1021;
constexpr uint32_t registry_corrupt = 1015;
constexpr uint32_t hive_in_use = 170;  // ERROR_BUSY: a key of the hive is open (NtUnloadKey's STATUS_CANNOT_DELETE)
}  // namespace status
// A path through a link key (key_create_link makes one; its target is its
// REG_LINK value "SymbolicLinkValue", a full path) goes on at the target,
// except for the last component with key_open_link (OBJ_OPENLINK).
// key_merged_classes (root 0): var is the full path of a user's classes key
// ("\Registry\User\SID\Software\Classes"); the handle is the merged view
// of it over \Registry\Machine\Software\Classes that HKEY_CLASSES_ROOT is,
// both made if missing. Keys opened relative to such a handle are merged too.
enum : uint32_t { key_create = 1, key_volatile = 2, key_create_link = 4, key_open_link = 8, key_merged_classes = 16 };
struct open_key_request {
    uint64_t root;
    uint32_t access;
    uint32_t flags;  // key_*
    uint32_t inherit;
    uint32_t reserved;
};
struct open_key_reply {
    uint64_t handle;
    uint32_t created;  // REG_CREATED_NEW_KEY rather than REG_OPENED_EXISTING_KEY
    uint32_t reserved;
};
// var: the value's name (name_bytes bytes, UTF-16), then its data.
struct set_value_request {
    uint64_t handle;
    uint32_t type;
    uint32_t name_bytes;
};
struct set_value_reply {
    uint32_t reserved;
};
// var: the value's name. Reply var: its data.
struct query_value_request {
    uint64_t handle;
};
struct query_value_reply {
    uint32_t type;
    uint32_t reserved;
};
// The index-th subkey (in Windows' order: names compared ignoring case).
// Reply var: its name.
struct enum_key_request {
    uint64_t handle;
    uint32_t index;
    uint32_t reserved;
};
struct enum_key_reply {
    int64_t modified;
};
// The index-th value (in the order values were first set). Reply var: the
// name (name_bytes bytes), then the data.
struct enum_value_request {
    uint64_t handle;
    uint32_t index;
    uint32_t reserved;
};
struct enum_value_reply {
    uint32_t type;
    uint32_t name_bytes;
};
// Many values of a key in one reply, from index `first` on: reply var is
// `count` records, each a key_value_record then the name (UTF-16) and the
// data; `next` is the index to ask from for the rest, and `done` says that
// none is left. For readers of whole keys (the start-up environment).
struct key_values_request {
    uint64_t handle;
    uint32_t first;
    uint32_t reserved;
};
struct key_values_reply {
    uint32_t count;
    uint32_t next;
    uint32_t done;
    uint32_t reserved;
};
struct key_value_record {
    uint32_t type;
    uint32_t name_bytes;
    uint32_t data_bytes;
};
// What RegQueryInfoKey tells (KEY_QUERY_VALUE). Reply var: the key's own
// name. With query_key_full_name, no right is needed and var is the key's
// full name as Windows gives it (KeyNameInformation), such as
// "\REGISTRY\MACHINE\SOFTWARE\Vine" or "\REGISTRY\USER\SID_Classes\.txt".
// With query_key_handle_only, the handle is only checked (no right needed).
enum : uint32_t { query_key_counts = 0, query_key_full_name = 1, query_key_handle_only = 2 };
struct query_key_request {
    uint64_t handle;
    uint32_t what;  // query_key_*
    uint32_t reserved;
};
struct query_key_reply {
    int64_t modified;
    uint32_t subkeys;
    uint32_t max_subkey_length;  // characters
    uint32_t values;
    uint32_t max_value_name_length;  // characters
    uint32_t max_value_data;         // bytes
    uint32_t is_volatile;
    uint32_t is_link;
    uint32_t name_length;  // characters of the key's own name
};
// Deletes the key of `handle` (it must have no subkeys), or with var data
// the value of that name.
struct delete_key_request {
    uint64_t handle;
};
struct delete_key_reply {
    uint32_t reserved;
};
struct delete_value_request {
    uint64_t handle;
};
struct delete_value_reply {
    uint32_t reserved;
};
// Writes the key's hive to its file now.
struct flush_key_request {
    uint64_t handle;
};
struct flush_key_reply {
    uint32_t reserved;
};

// A change notification on a key (NtNotifyChangeKey): `event` is reset now
// and set once, at the first change in the key (or below it, with
// `subtree`) that `filter` (REG_NOTIFY_CHANGE_*) names; also when the key
// is deleted, when the handle's key object is closed, and when the calling
// thread ends unless `thread_agnostic`. Then the registration is gone.
// The filter and subtree of a handle's first registration stay for its
// later ones (Windows ignores new ones on the same handle).
// With `second` (NtNotifyChangeMultipleKeys' subordinate key, a key handle
// with KEY_NOTIFY that may be closed once this returns), a change in either
// key fires the one registration; the second must be in another hive, as
// Windows counts hives (\REGISTRY\MACHINE\SOFTWARE, ...\SYSTEM, a user's
// key, a user's classes), else invalid_parameter.
struct notify_key_request {
    uint64_t handle;  // with KEY_NOTIFY
    uint64_t event;   // an event handle of the caller
    uint32_t filter;
    uint32_t subtree;
    uint32_t thread_agnostic;
    uint32_t reserved;
    uint64_t second;  // 0: none
};
struct notify_key_reply {
    uint32_t reserved;
};
// Renames the key of `handle` (KEY_WRITE) to the var name (one component,
// UTF-16). A sibling of that name fails with already_exists; a hive's
// root or \Registry itself with access_denied.
struct rename_key_request {
    uint64_t handle;
};
struct rename_key_reply {
    uint32_t reserved;
};
// Copies the values and subkeys of `source` (KEY_READ) into `target`
// (KEY_CREATE_SUB_KEY), merging with what is there (RegCopyTree).
struct copy_tree_request {
    uint64_t source;
    uint64_t target;
};
struct copy_tree_reply {
    uint32_t reserved;
};
// Deletes the subtree of `handle` in one step (RegDeleteTree): with
// keep_key, its subkeys and values (KEY_SET_VALUE | KEY_ENUMERATE_SUB_KEYS);
// otherwise the key too (DELETE | KEY_ENUMERATE_SUB_KEYS; not a hive's
// root).
struct delete_tree_request {
    uint64_t handle;
    uint32_t keep_key;
    uint32_t reserved;
};
struct delete_tree_reply {
    uint32_t reserved;
};
// The subtree of `handle` written to the file `file` in the hives' text
// format, paths relative to the key (NtSaveKey; needs SeBackupPrivilege
// enabled in the process token, else privilege_not_held).
struct save_key_request {
    uint64_t handle;
    uint64_t file;  // a file handle of the caller, written at its position
};
struct save_key_reply {
    uint32_t reserved;
};
// The subkeys and values of `handle` replaced by those of the file `file`
// (a file save_key wrote; NtRestoreKey; needs SeRestorePrivilege). A file
// that does not read whole fails with registry_corrupt, changing nothing.
struct restore_key_request {
    uint64_t handle;
    uint64_t file;
};
struct restore_key_reply {
    uint32_t reserved;
};
// The hive file `file` (a handle of the caller; its text, a file save_key
// wrote, or empty for a new hive) mounted as the new key named by var
// (relative to `root`, or a full path with root 0) right below
// \Registry\Machine or \Registry\User (NtLoadKey; needs SeRestorePrivilege
// and SeBackupPrivilege enabled). The file is then written back as the
// prefix's hives are. A file that does not read whole fails with
// registry_corrupt and mounts nothing; a file already mounted fails with
// sharing_violation.
// With load_app_hive (RegLoadAppKey; no privilege needed) the var path is
// "\Registry\A\NAME" (root 0): the hive is mounted outside the namespace,
// reached only through the handle the reply gives (`access` to it); a file
// already loaded so gives a handle to that hive instead, unless either load
// is load_private (REG_PROCESS_PRIVATE), which fails with
// sharing_violation. The hive is unloaded when its last handle is closed.
enum : uint32_t { load_app_hive = 1, load_private = 2 };
struct load_key_request {
    uint64_t root;
    uint64_t file;
    uint32_t flags;  // load_*
    uint32_t access;
};
struct load_key_reply {
    uint64_t handle;  // load_app_hive: the hive's root
};
// The hive load_key mounted at the key named by var (as load_key's) written
// and removed (NtUnloadKey; the same privileges); any other key fails with
// access_denied. A key of it still open fails it with hive_in_use, unless
// `force` (REG_FORCE_UNLOAD): then the handles see their keys deleted.
struct unload_key_request {
    uint64_t root;
    uint32_t force;
    uint32_t reserved;
};
struct unload_key_reply {
    uint32_t reserved;
};
// The file of the hive holding the key of `handle` replaced for the next
// start of the server (NtReplaceKey; SeRestorePrivilege and
// SeBackupPrivilege enabled): the hive's file becomes `old_file`'s name and
// is written there from now on, and `new_file` (a file save_key wrote; one
// that does not read whole fails with registry_corrupt) takes the hive's
// file's name. The running registry is left as it is.
struct replace_key_request {
    uint64_t handle;
    uint64_t new_file;  // file handles of the caller
    uint64_t old_file;
};
struct replace_key_reply {
    uint32_t reserved;
};

// ---- access tokens (server/requests_token.cpp) ----
// A process's primary token is one object that every open_token of that
// process names, so privileges adjusted through one handle are seen through
// all; duplicate_token makes an independent copy. Privilege sets travel as
// bit masks: bit n is the privilege whose LUID is n (2..36).
struct open_token_request {
    uint64_t process;  // a process handle (pseudo-handles allowed)
    uint32_t access;
    uint32_t inherit;
};
struct open_token_reply {
    uint64_t handle;
};
struct duplicate_token_request {
    uint64_t token;
    uint32_t access;
    uint32_t type;   // TOKEN_TYPE: 1 primary, 2 impersonation
    uint32_t level;  // SECURITY_IMPERSONATION_LEVEL
    uint32_t inherit;
};
struct duplicate_token_reply {
    uint64_t handle;
};
// With enable, disable and disable_all all 0 the token is only queried
// (TOKEN_QUERY); otherwise it needs TOKEN_ADJUST_PRIVILEGES. Bits naming
// privileges the token does not hold are ignored (not_all_assigned set).
struct token_privileges_request {
    uint64_t token;
    uint64_t enable;
    uint64_t disable;
    uint32_t disable_all;
    uint32_t reserved;
};
struct token_privileges_reply {
    uint64_t present;
    uint64_t enabled_before;
    uint64_t enabled;
    uint64_t token_id;
    uint64_t modified_id;
    uint32_t type;
    uint32_t level;
    uint32_t not_all_assigned;
    uint32_t anonymous;  // the anonymous logon's token (ImpersonateAnonymousToken)
};

// A thread's impersonation token (ImpersonateSelf, SetThreadToken). token
// 0 reverts to the process's token. The thread handle needs
// THREAD_SET_THREAD_TOKEN, the token TOKEN_IMPERSONATE and must be an
// impersonation token (ERROR_BAD_TOKEN_TYPE otherwise).
// With `anonymous`, the thread gets a new token of the anonymous logon
// instead (needs THREAD_IMPERSONATE; token is ignored).
struct set_thread_token_request {
    uint64_t thread;
    uint64_t token;
    uint32_t anonymous;
    uint32_t reserved;
};
struct set_thread_token_reply {
    uint32_t reserved;
};
// A handle to the thread's impersonation token: ERROR_NO_TOKEN when it has
// none. The thread handle needs THREAD_QUERY_INFORMATION.
struct open_thread_token_request {
    uint64_t thread;
    uint32_t access;
    uint32_t inherit;
};
struct open_thread_token_reply {
    uint64_t handle;
};
// A token's owner, primary group or default DACL (TOKEN_INFORMATION_CLASS
// 4, 5, 6) as SetTokenInformation last set it: with `set`, var is the new
// value (a SID or an ACL, checked by the client; needs TOKEN_ADJUST_DEFAULT);
// without, the reply's var is the value, empty when never set (TOKEN_QUERY).
struct token_default_request {
    uint64_t token;
    uint32_t info_class;
    uint32_t set;
};
struct token_default_reply {
    uint32_t size;
    uint32_t reserved;
};

// ---- security descriptors of keys (server/requests_key_security.cpp) ----
// Reply var: the descriptor set on the key (self-relative), empty when none
// was: the caller then uses the default. Needs READ_CONTROL.
struct get_key_security_request {
    uint64_t handle;
};
struct get_key_security_reply {
    uint32_t size;
    uint32_t reserved;
};
// Request var: the key's whole new descriptor, self-relative. Needs
// WRITE_DAC, WRITE_OWNER or ACCESS_SYSTEM_SECURITY.
struct set_key_security_request {
    uint64_t handle;
};
struct set_key_security_reply {
    uint32_t reserved;
};

// Address Windowing Extensions: "physical" pages of a process, one memfd
// per process kept by the server (server/requests_physical_pages.cpp),
// locked in RAM by the server's own mapping of it. A page frame number is
// the owning process's id in the high 32 bits and the page's index in the
// memfd in the low 32, so a frame of another process is recognised as such.
constexpr unsigned kPfnIndexBits = 32;
constexpr uint64_t pfn_of(uint32_t process_id, uint64_t index) {
    return (uint64_t{process_id} << kPfnIndexBits) | index;
}
constexpr uint32_t pfn_process(uint64_t pfn) { return static_cast<uint32_t>(pfn >> kPfnIndexBits); }
constexpr uint64_t pfn_index(uint64_t pfn) { return pfn & ((uint64_t{1} << kPfnIndexBits) - 1); }
// The most pages one reply carries (its var is the frame numbers).
constexpr uint64_t kMaxPfnsPerRequest = kMaxVarSize / sizeof(uint64_t);

// AllocateUserPhysicalPages: needs SeLockMemoryPrivilege enabled in the
// caller's token (privilege_not_held) and PROCESS_VM_OPERATION on `process`.
// Grants up to `count` pages (fewer when the process's limit is reached);
// var out: their frame numbers. `locked` is 0 when RLIMIT_MEMLOCK kept the
// server from locking them (they are then ordinary, swappable memory).
struct allocate_physical_request {
    uint64_t process;
    uint64_t count;
};
struct allocate_physical_reply {
    uint64_t count;
    uint32_t locked;
    uint32_t reserved;
};
// FreeUserPhysicalPages: var: the frame numbers, all of `process`'s
// allocated pages (else invalid_parameter and nothing is freed). Pages the
// caller's own process has mapped are unmapped (var out: the addresses
// that held them, for the client to make inaccessible); a page mapped in
// another process is refused (invalid_address).
struct free_physical_request {
    uint64_t process;
};
struct free_physical_reply {
    uint64_t count;  // pages freed
};
// MapUserPhysicalPages(Scatter), in the caller's process: var: pairs
// (address, frame number, 0 to unmap the address). All or nothing: every
// frame must be an allocated page of the caller, named once, and mapped
// nowhere else unless that address is remapped by the same request. First
// every address of [clear_start, clear_end) is forgotten (VirtualFree of an
// AWE region). fds out: the memfd, when `want_fd`.
struct map_physical_request {
    uint64_t clear_start;
    uint64_t clear_end;
    uint32_t want_fd;
    uint32_t reserved;
};
struct map_physical_reply {
    uint32_t reserved;
};

// Memory operations on another process (NtAllocateVirtualMemory,
// NtFreeVirtualMemory, NtProtectVirtualMemory, NtQueryVirtualMemory with
// its handle): that process's region map is in it, so the server checks the
// handle (PROCESS_VM_OPERATION; PROCESS_QUERY_INFORMATION for a query) and
// forwards the call over the target's service socket (the death notice, a
// SOCK_SEQPACKET pair: one RemoteMemoryCall in, one RemoteMemoryResult
// back); the target's service thread (loader/memory_service.cpp) performs it
// with its own virtual memory manager and the server passes the result on.
// A call made before the target has connected waits for it; a target that
// ends first answers STATUS_PROCESS_IS_TERMINATING.
enum RemoteMemoryOp : uint32_t { remote_allocate, remote_free, remote_protect, remote_query };
struct RemoteMemoryCall {
    uint64_t call_id;
    uint32_t op;
    uint32_t type;     // MEM_* of allocate and free
    uint64_t address;  // in and out, as the Nt functions take them
    uint64_t size;
    uint32_t protect;
    uint32_t reserved;
    uint64_t lowest, highest, alignment;  // allocate's placement (0: none)
};
struct RemoteMemoryResult {
    uint64_t call_id;
    uint32_t status;  // an NTSTATUS
    uint32_t old_protect;
    uint64_t address;
    uint64_t size;
    // A query's MEMORY_BASIC_INFORMATION.
    uint64_t base, allocation_base, region_size;
    uint32_t allocation_protect, state, protect, type;
};
struct remote_memory_request {
    uint64_t process;
    RemoteMemoryCall call;  // call_id is the server's
};
struct remote_memory_reply {
    RemoteMemoryResult result;
};

// A view of a file-backed section was mapped (mapped = 1) or unmapped (0)
// at `base` (page-aligned) in the caller. The server keeps them, per
// process, until they are unmapped or the process ends, so that cutting
// the file fails while a view of it is mapped in any process
// (STATUS_USER_MAPPED_FILE, as on Windows). Views of pagefile-backed
// sections are not reported (invalid_parameter). The client names each
// view with a cookie of its choice, so that the unmap of an old view cannot
// forget a new one at the same base: unmapping a base not reported with
// that cookie is invalid_address.
struct section_view_request {
    uint64_t handle;  // of the section, with a SECTION_MAP_* right (mapped = 1)
    uint64_t base;
    uint32_t mapped;
    uint32_t cookie;
};
struct section_view_reply {
    uint32_t reserved;
};
// Before SetEndOfFile (or an allocation size) cuts the file behind
// `handle`: user_mapped_file when a view of a section of it is mapped.
struct check_truncate_request {
    uint64_t handle;
};
struct check_truncate_reply {
    uint32_t reserved;
};
// NtExtendSection: a file-backed section grows to `size` (its file with
// it, when the section is writable; section_not_extended for a read-only
// one whose file is shorter, and for pagefile-backed sections), needing
// SECTION_EXTEND_SIZE. A size not above the section's changes nothing;
// size 0 only asks the size (with SECTION_QUERY or a map right). The reply
// is the section's size after the call.
struct extend_section_request {
    uint64_t handle;
    uint64_t size;
};
struct extend_section_reply {
    uint64_t size;
};

// Object-manager symbolic links (NtCreateSymbolicLinkObject,
// NtOpenSymbolicLinkObject): var is the link's name (name_size bytes,
// UTF-16, "\??\Q:"), then for a create its target. Names match ignoring
// case. A permanent link outlives its handles (DefineDosDevice's); others
// die with their last handle.
enum : uint32_t { symlink_open = 1, symlink_permanent = 2 };
struct create_symlink_request {
    uint32_t access;
    uint32_t inherit;
    uint32_t flags;  // symlink_open: open an existing link (no target)
    uint32_t name_size;
};
struct create_symlink_reply {
    uint64_t handle;
};
// A link's target (var of the reply), after making it temporary when asked
// (NtMakeTemporaryObject: it then dies with its last handle).
struct query_symlink_request {
    uint64_t handle;
    uint32_t make_temporary;
    uint32_t reserved;
};
struct query_symlink_reply {
    uint32_t target_size;
    uint32_t reserved;
};
// An object-manager directory (NtOpenDirectoryObject; var: its path, "\??"),
// and its entries (NtQueryDirectoryObject): var of the reply, for each
// entry its name, a NUL, its type name, a NUL (UTF-16).
struct open_directory_request {
    uint32_t access;
    uint32_t inherit;
};
struct open_directory_reply {
    uint64_t handle;
};
struct query_directory_request {
    uint64_t handle;
};
struct query_directory_reply {
    uint32_t count;
    uint32_t reserved;
};

// Job objects (server/requests_job.cpp). create_job: var is the name as for
// create_sync (flags create_open_existing / create_open_if likewise).
struct create_job_request {
    uint32_t access;
    uint32_t inherit;
    uint32_t flags;
    uint32_t reserved;
};
struct create_job_reply {
    uint64_t handle;
    uint32_t existed;
    uint32_t reserved;
};
// Puts a process in a job. A process is in at most one job (no nesting):
// access_denied when it is already in another.
struct assign_job_request {
    uint64_t job;
    uint64_t process;
};
struct assign_job_reply {
    uint32_t reserved;
};
// The job's limit flags (JOBOBJECT_BASIC_LIMIT_INFORMATION.LimitFlags).
struct set_job_limits_request {
    uint64_t job;
    uint32_t limit_flags;
    uint32_t reserved;
};
struct set_job_limits_reply {
    uint32_t reserved;
};
// What a job is: var of the reply, the ids of its live members (uint32_t
// each, at most max_ids of them). job 0: the caller's own job.
struct job_info_request {
    uint64_t job;
    uint32_t max_ids;
    uint32_t reserved;
};
struct job_info_reply {
    uint32_t limit_flags;
    uint32_t total_processes;   // ever in the job
    uint32_t active_processes;  // in it and running
    uint32_t terminated_processes;
    uint32_t id_count;          // ids in var
    uint32_t reserved;
};
// Ends every running member with exit_code. self: the caller is a member
// (it ends itself once the reply comes).
struct terminate_job_request {
    uint64_t job;
    uint32_t exit_code;
    uint32_t reserved;
};
struct terminate_job_reply {
    uint32_t self;
    uint32_t reserved;
};
// Whether a process is in a job (job 0: in any job).
struct process_in_job_request {
    uint64_t process;
    uint64_t job;
};
struct process_in_job_reply {
    uint32_t in_job;
    uint32_t reserved;
};

#define VINE_REQUESTS(X) \
    X(hello)             \
    X(init_process)      \
    X(new_process)       \
    X(child_spawned)     \
    X(wait_resume)       \
    X(new_thread)        \
    X(init_thread)       \
    X(thread_exit)       \
    X(process_exit)      \
    X(terminate_process) \
    X(terminate_thread)  \
    X(close_handle)      \
    X(duplicate_handle)  \
    X(handle_info)       \
    X(set_handle_flags)  \
    X(create_sync)       \
    X(create_file)       \
    X(set_file_disposition) \
    X(set_file_path)     \
    X(delete_file)       \
    X(create_section)    \
    X(create_named_pipe) \
    X(open_named_pipe)   \
    X(connect_named_pipe) \
    X(disconnect_named_pipe) \
    X(named_pipe_info)   \
    X(set_named_pipe_mode) \
    X(wait_named_pipe)   \
    X(process_info)      \
    X(thread_info)       \
    X(open_process)      \
    X(open_thread)       \
    X(resume_thread)     \
    X(set_thread_priority) \
    X(process_priority)  \
    X(set_thread_info)   \
    X(set_thread_description) \
    X(get_thread_description) \
    X(set_timer)         \
    X(cancel_timer)      \
    X(open_key)          \
    X(set_value)         \
    X(query_value)       \
    X(enum_key)          \
    X(enum_value)        \
    X(key_values)        \
    X(query_key)         \
    X(delete_key)        \
    X(delete_value)      \
    X(flush_key)         \
    X(notify_key)        \
    X(rename_key)        \
    X(copy_tree)         \
    X(delete_tree)       \
    X(save_key)          \
    X(restore_key)       \
    X(load_key)          \
    X(unload_key)        \
    X(replace_key)       \
    X(open_token)        \
    X(duplicate_token)   \
    X(token_privileges)  \
    X(set_thread_token)  \
    X(open_thread_token) \
    X(token_default)     \
    X(get_key_security)  \
    X(set_key_security)  \
    X(allocate_physical) \
    X(free_physical)     \
    X(map_physical)      \
    X(remote_memory)     \
    X(section_view)      \
    X(check_truncate)    \
    X(extend_section)    \
    X(create_symlink)    \
    X(query_symlink)     \
    X(open_directory)    \
    X(query_directory)   \
    X(create_job)        \
    X(assign_job)        \
    X(set_job_limits)    \
    X(job_info)          \
    X(terminate_job)     \
    X(process_in_job)    \
    X(kill_server)

enum class Opcode : uint32_t {
#define VINE_OPCODE(name) name,
    VINE_REQUESTS(VINE_OPCODE)
#undef VINE_OPCODE
        count
};

// Compile-time link from a request struct to its opcode and reply.
template <typename Request>
struct RequestTraits;
#define VINE_TRAITS(name)                                                                \
    static_assert(std::is_trivially_copyable_v<name##_request> && sizeof(name##_request) <= kMaxFixedSize); \
    template <>                                                                          \
    struct RequestTraits<name##_request> {                                               \
        static constexpr Opcode opcode = Opcode::name;                                   \
        static constexpr const char* name_string = #name;                                \
        using Reply = name##_reply;                                                      \
    };
VINE_REQUESTS(VINE_TRAITS)
#undef VINE_TRAITS

}  // namespace vine::protocol
