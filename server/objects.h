// The objects vineserver owns. Handles hold shared_ptrs; an object dies with
// its last handle (and, for running processes and threads, with the end of
// what it describes).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "codec.h"
#include "handle_table.h"
#include "protocol.h"

namespace vine::server {

using protocol::ObjectType;
using protocol::SyncKind;

struct Object {
    explicit Object(ObjectType type) : type(type) {}
    virtual ~Object();
    Object(const Object&) = delete;
    Object& operator=(const Object&) = delete;

    const ObjectType type;
    // The full name in the namespace ("" if unnamed); removed from the
    // namespace when the object dies.
    std::u16string name;
};

// An object whose state lives in a slot of the shared sync area.
struct SyncObject : Object {
    SyncObject(ObjectType type, SyncKind kind);
    ~SyncObject() override;
    const SyncKind kind;
    uint32_t slot = 0;  // 0: the area was full
};

// A file or pipe: the server keeps a descriptor for inheritance, duplication
// into other processes, and the share-mode checks.
struct FileObject : Object {
    FileObject() : Object(ObjectType::file) {}
    ~FileObject() override;
    int fd = -1;
    uint32_t access = 0, sharing = 0, flags = 0;
    uint64_t device = 0, inode = 0;
    // A file opened by name: its path, for a pending delete.
    std::string path;
    bool delete_on_close = false;  // FILE_DELETE_ON_CLOSE
    bool delete_pending = false, delete_posix = false;  // FileDispositionInformation(Ex)
    // Either end of a named pipe: its instance, which end, and the end's
    // read and completion modes (SetNamedPipeHandleState).
    std::shared_ptr<struct NamedPipe> pipe_instance;
    bool pipe_server_end = false, pipe_message_read = false, pipe_nowait = false;
};

// A section (file mapping): the descriptor every view maps (a memfd for a
// pagefile-backed section, the file's for a file-backed one).
struct SectionObject : Object {
    SectionObject() : Object(ObjectType::section) {}
    ~SectionObject() override;
    int fd = -1;
    uint64_t size = 0;
    uint32_t protect = 0, attributes = 0;
    bool file_backed = false;        // on a regular file: which one
    uint64_t device = 0, inode = 0;
};

// One instance of a named pipe, named in the namespace while its server end
// lives. Its sync slot (an event) is signaled when a client connects.
// A named pipe's name: what every instance shares, as the first
// CreateNamedPipe set it. It lives while an instance does.
struct NamedPipeName : Object {
    NamedPipeName() : Object(ObjectType::named_pipe) {}
    bool message_type = false;
    uint32_t max_instances = 1, in_size = 0, out_size = 0;
    int64_t default_timeout = 0;
    std::vector<std::weak_ptr<struct NamedPipe>> instances;
    size_t live_instances();
};

// One instance: held by its server end's file object (and its client's).
struct NamedPipe {
    ~NamedPipe();
    std::shared_ptr<NamedPipeName> pipe;
    uint32_t state = protocol::pipe_listening;
    int client_fd = -1;  // the end a client will take; -1 once taken
    int event_fd = -1;   // readable while a client is connected
    uint32_t server_pid = 0, client_pid = 0;
    const FileObject* client_end = nullptr;  // to notice the client's close
};

// An object-manager symbolic link; `display` is its name as created (the
// namespace key is upper-cased: these names match ignoring case).
struct SymlinkObject : Object {
    SymlinkObject() : Object(ObjectType::symlink) {}
    std::u16string display, target;
    bool permanent = false;
};

// An object-manager directory opened for listing: its path ("\??").
struct DirectoryObject : Object {
    DirectoryObject() : Object(ObjectType::directory) {}
    std::u16string path;
};

struct Client;
struct Process;
struct PhysicalPages;  // AWE pages (requests_physical_pages.cpp)

struct Thread : SyncObject {
    Thread() : SyncObject(ObjectType::thread, SyncKind::thread) {}
    uint32_t id = 0;
    int unix_tid = 0;
    std::weak_ptr<Process> process;
    uint32_t process_id = 0;
    uint32_t exit_code = 259;  // STILL_ACTIVE
    bool ended = false;
    int suspend_count = 0;
    int priority = 0;
    bool priority_boost_disabled = false;
    uint32_t ideal_processor = 0;
    std::u16string description;  // SetThreadDescription
    int64_t create_time = 0, exit_time = 0;
};

// A waitable timer: its state is a sync slot like an event's; while armed,
// a timerfd in the main loop expires it.
struct TimerObject : SyncObject {
    TimerObject() : SyncObject(ObjectType::timer, SyncKind::timer) {}
    ~TimerObject() override;
    int fd = -1;  // armed: a timerfd watched by the main loop
    uint32_t period = 0;
};

// An access token. Vine has one user, so a token's identity (user, groups)
// is fixed and lives in ntdll; what changes is which privileges are
// enabled and the defaults of new objects, so that is what the server keeps.
struct TokenObject : Object {
    TokenObject() : Object(ObjectType::token) {}
    uint64_t present = 0;  // bit n: the privilege with LUID n is held
    uint64_t enabled = 0;
    uint64_t id = 0, modified_id = 0;
    uint32_t type = 1;  // TokenPrimary
    uint32_t level = 0;
    // SetTokenInformation's owner, primary group and default DACL (the
    // bytes of a SID or an ACL), empty while never set.
    std::string owner, primary_group, default_dacl;
    bool anonymous = false;  // the anonymous logon's, not the user's
};

// A job's membership and limits. The processes in a job hold this, not the
// job object, so that the job object dies with its last handle (which is
// when JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE acts) while its members, and the
// children they make, stay in the job as on Windows.
struct JobState {
    uint32_t limit_flags = 0;
    uint32_t total_processes = 0;  // ever assigned or born in the job
    std::vector<std::weak_ptr<Process>> members;
    // The members still running (pruning the gone ones).
    std::vector<std::shared_ptr<Process>> running();
};

struct JobObject : Object {
    JobObject() : Object(ObjectType::job), state(std::make_shared<JobState>()) {}
    ~JobObject() override;  // KILL_ON_JOB_CLOSE (requests_job.cpp)
    std::shared_ptr<JobState> state;
};

struct Process : SyncObject {
    Process() : SyncObject(ObjectType::process, SyncKind::process) {}
    uint32_t id = 0;
    uint32_t parent_id = 0;
    int unix_pid = 0;  // from the kernel, never from a request (0: not known)
    int pidfd = -1;    // of unix_pid: what signals go through
    uint32_t exit_code = 259;
    bool exit_reported = false;
    bool ended = false;
    bool initialized = false;
    int64_t create_time = 0, exit_time = 0;
    HandleTable handles;
    std::vector<std::shared_ptr<Thread>> threads;
    Client* client = nullptr;  // its connection, while it lives
    // For a child: what init_process hands it.
    bool is_child = false;
    uint32_t creation_flags = 0;
    protocol::StartupStrings startup;
    // The resume_wait reply owed to a CREATE_SUSPENDED child.
    bool waiting_resume = false;
    // Held while the process lives; its closing tells the client the server died.
    int death_notice = -1;
    // Its views of file-backed sections, by base, with the client's cookie
    // for each (requests_section.cpp).
    struct FileView {
        std::shared_ptr<SectionObject> section;
        uint32_t cookie = 0;
    };
    std::map<uint64_t, FileView> file_views;
    // VirtualAllocEx and co. made before it connected (requests_memory.cpp).
    std::vector<protocol::RemoteMemoryCall> queued_memory_calls;
    uint32_t priority_class = 0x20;  // NORMAL_PRIORITY_CLASS
    bool priority_boost_disabled = false;
    std::shared_ptr<TokenObject> token;  // its primary token, made when first opened
    std::shared_ptr<PhysicalPages> physical_pages;  // AllocateUserPhysicalPages, made on first use
    std::shared_ptr<JobState> job;  // the job it is in, if any (no nesting)
};

}  // namespace vine::server
