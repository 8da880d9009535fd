// Processes and threads: connecting, starting children, ending, querying.
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

#include "server.h"
#include "sync_area.h"
#include "user_shared_data.h"

namespace vine::server {

using namespace protocol;

namespace {

constexpr uint32_t STARTF_USESTDHANDLES = 0x100;
constexpr uint32_t DETACHED_PROCESS = 0x8;
constexpr uint32_t CREATE_SUSPENDED = 0x4;
constexpr uint32_t MAXIMUM_SUSPEND_COUNT = 127;

std::shared_ptr<Thread> new_thread_object(const std::shared_ptr<Process>& process) {
    auto thread = std::make_shared<Thread>();
    thread->slot = sync_area().allocate(SyncKind::thread, 0, 0, process->id);
    if (!thread->slot) return nullptr;
    thread->id = allocate_client_id();
    thread->process = process;
    thread->process_id = process->id;
    thread->create_time = now_filetime();
    // Windows spreads new threads' ideal processors round robin.
    static uint32_t next_ideal = 0;
    long processors = sysconf(_SC_NPROCESSORS_ONLN);
    thread->ideal_processor = next_ideal++ % static_cast<uint32_t>(processors > 0 && processors <= 64 ? processors : 1);
    process->threads.push_back(thread);
    register_thread(thread);
    return thread;
}

// `creator`: the parent's id, whose quota the child's slot counts against
// (0 for a process that connected by itself).
std::shared_ptr<Process> new_process_object(uint32_t creator) {
    auto process = std::make_shared<Process>();
    process->slot = sync_area().allocate(SyncKind::process, 0, 0, creator);
    if (!process->slot) return nullptr;
    process->id = allocate_client_id();
    process->create_time = now_filetime();
    register_process(process);
    return process;
}

bool can_query(uint32_t granted, uint32_t full, uint32_t limited) { return granted & (full | limited); }

}  // namespace

// The thread a handle names in the caller, resolving the pseudo-handle
// GetCurrentThread() with the calling thread's id.
std::shared_ptr<Thread> resolve_thread(Request& request, uint64_t handle, uint32_t* access) {
    Process& process = *request.client.process;
    if (handle == kCurrentThread) {
        auto thread = find_thread(request.view.thread_id);
        if (!thread || thread->process_id != process.id) return nullptr;
        if (access) *access = access::thread_all_access;
        return thread;
    }
    return resolve_as<Thread>(process, handle, ObjectType::thread, access);
}

void handle_hello(Request& request, Reply& reply) {
    auto req = request.get<hello_request>();
    Client& client = request.client;
    reply.set(hello_reply{static_cast<uint32_t>(getpid()), kVersion});
    if (req.magic != kMagic || req.version != kVersion) {
        // Answer with our version, then hang up: the client says what's wrong.
        client.hang_up = true;
        log("refusing a client of protocol version %08x (ours is %08x)", req.version, kVersion);
        return;
    }
    client.said_hello = true;
    client.role = req.role == hello_control ? hello_control : hello_process;
    if (client.role == hello_process) {
        // The sync area, then the KUSER_SHARED_DATA page.
        for (int shared : {sync_area().fd(), user_shared_data().fd()}) {
            int copy = fcntl_dup(shared);
            if (copy < 0) return reply.fail(status::not_enough_memory);
            reply.fds.push_back(copy);
        }
    }
}

void handle_init_process(Request& request, Reply& reply) {
    auto req = request.get<init_process_request>();
    Client& client = request.client;
    if (request.fds.empty()) return reply.fail(status::invalid_parameter);
    std::shared_ptr<Process> process = client.process;
    init_process_reply out{};
    if (process) {
        // A child: everything was prepared by new_process.
        if (process->ended) return reply.fail(status::access_denied);
        // The pid the kernel attached to this request (the socket passes
        // credentials since new_process), not the one it names.
        (void)req;
        if (process->pidfd < 0 && client.sender_pid > 0) {
            process->unix_pid = client.sender_pid;
            process->pidfd = open_client_pidfd(process->unix_pid);
        }
        out.is_child = 1;
        out.suspended = (process->creation_flags & CREATE_SUSPENDED) ? 1 : 0;
        out.creation_flags = process->creation_flags;
        for (int i = 0; i < 3; ++i) out.std_handles[i] = process->startup.info.std_handles[i];
        reply.var = encode_startup(process->startup);
    } else {
        if (request.fds.size() != 4) return reply.fail(status::invalid_parameter);
        process = new_process_object(0);
        if (!process || !new_thread_object(process)) return reply.fail(status::not_enough_memory);
        // Who connected, as the kernel says (SO_PEERCRED), never req.unix_pid.
        process->unix_pid = client.peer_pid;
        process->pidfd = open_client_pidfd(process->unix_pid);
        process->client = &client;
        client.process = process;
        // Its standard descriptors become its first handles.
        for (int i = 0; i < 3; ++i) {
            auto file = std::make_shared<FileObject>();
            file->fd = request.fds[1 + i];
            request.fds[1 + i] = -1;
            file->flags = isatty(file->fd) ? uint32_t{file_is_console} : 0u;
            file->access = access::generic_read | access::generic_write | access::synchronize;
            file->sharing = 7;
            out.std_handles[i] = insert_handle(*process, file, file->access, true);
        }
    }
    if (process->death_notice >= 0) {
        stop_memory_service(*process);
        close(process->death_notice);
    }
    process->death_notice = request.fds[0];
    request.fds[0] = -1;
    start_memory_service(*process);
    std::erase(request.fds, -1);
    Thread& main_thread = *process->threads.front();
    main_thread.unix_tid = req.unix_tid;
    process->initialized = true;
    out.process_id = process->id;
    out.thread_id = main_thread.id;
    out.process_slot = process->slot;
    out.thread_slot = main_thread.slot;
    out.parent_id = process->parent_id;
    reply.set(out);
}

void handle_new_process(Request& request, Reply& reply) {
    auto req = request.get<new_process_request>();
    Process& parent = *request.client.process;
    auto startup = decode_startup(request.view.var, request.view.var_size);
    if (!startup || request.fds.size() != 1) return reply.fail(status::invalid_parameter);
    if (uint32_t error = job_check_breakaway(parent, req.creation_flags)) return reply.fail(error);
    auto child = new_process_object(parent.id);
    std::shared_ptr<Thread> main_thread = child ? new_thread_object(child) : nullptr;
    if (!main_thread) return reply.fail(status::not_enough_memory);
    child->parent_id = parent.id;
    child->is_child = true;
    child->creation_flags = req.creation_flags;
    job_add_child(parent, child, req.creation_flags);
    if (req.creation_flags & CREATE_SUSPENDED) main_thread->suspend_count = 1;
    if (req.inherit_handles) {
        parent.handles.for_each([&](uint64_t handle, HandleEntry& entry) {
            if (entry.inherit) child->handles.insert_at(handle, entry);
        });
    }
    // Without STARTF_USESTDHANDLES the child shares its parent's standard
    // handles (the console, or whatever they were redirected to).
    StartupInfo& info = startup->info;
    if (!(info.startup_flags & STARTF_USESTDHANDLES)) {
        for (auto& handle : info.std_handles) {
            if (req.creation_flags & DETACHED_PROCESS) {
                handle = 0;
                continue;
            }
            if (child->handles.find(handle)) continue;  // inherited with its value
            HandleEntry* entry = parent.handles.find(handle);
            handle = entry ? child->handles.insert(*entry) : 0;
        }
    }
    child->startup = std::move(*startup);

    // The kernel then attaches the sender's pid to every message on it:
    // that is how init_process learns who the child is.
    int pass_credentials = 1;
    setsockopt(request.fds[0], SOL_SOCKET, SO_PASSCRED, &pass_credentials, sizeof(pass_credentials));
    Client* child_client = add_client(request.fds[0]);
    request.fds[0] = -1;
    std::erase(request.fds, -1);
    if (!child_client) {
        end_process(*child, 1);
        reply.status = status::not_enough_memory;
        return;
    }
    child_client->process = child;
    child->client = child_client;

    new_process_reply out{};
    out.process_handle = insert_handle(parent, child, req.process_access, req.process_inherit);
    out.thread_handle = insert_handle(parent, main_thread, req.thread_access, req.thread_inherit);
    out.process_id = child->id;
    out.thread_id = main_thread->id;
    reply.set(out);
}

void handle_child_spawned(Request& request, Reply& reply) {
    auto req = request.get<child_spawned_request>();
    auto child = resolve_as<Process>(*request.client.process, req.process_handle, ObjectType::process);
    if (!child || child->parent_id != request.client.process->id) return reply.fail(status::invalid_handle);
    // Only the failure is taken from the parent: the pid it names is not
    // trusted; the child's own init_process tells the kernel's.
    if (req.unix_pid <= 0) end_process(*child, req.exit_code);
    reply.set(child_spawned_reply{});
}

void handle_wait_resume(Request& request, Reply& reply) {
    Process& process = *request.client.process;
    reply.set(wait_resume_reply{});
    if (!process.threads.empty() && process.threads.front()->suspend_count > 0) {
        process.waiting_resume = true;
        reply.deferred = true;
    }
}

void handle_new_thread(Request& request, Reply& reply) {
    auto req = request.get<new_thread_request>();
    auto process = find_process(request.client.process->id);
    auto thread = process ? new_thread_object(process) : nullptr;
    if (!thread) return reply.fail(status::not_enough_memory);
    if (req.suspended) thread->suspend_count = 1;
    uint64_t handle = insert_handle(*process, thread, req.access, req.inherit);
    reply.set(new_thread_reply{handle, thread->id, thread->slot});
}

void handle_init_thread(Request& request, Reply& reply) {
    auto req = request.get<init_thread_request>();
    auto thread = find_thread(req.thread_id);
    if (!thread || thread->process_id != request.client.process->id) return reply.fail(status::invalid_parameter);
    thread->unix_tid = req.unix_tid;
    reply.set(init_thread_reply{});
}

void handle_thread_exit(Request& request, Reply& reply) {
    auto req = request.get<thread_exit_request>();
    Process& process = *request.client.process;
    auto thread = find_thread(req.thread_id);
    if (!thread || thread->process_id != process.id) return reply.fail(status::invalid_parameter);
    end_thread(*thread, req.exit_code);
    std::erase_if(process.threads, [](const auto& t) { return t->ended; });
    reply.set(thread_exit_reply{process.threads.empty() ? 1u : 0u});
}

void handle_process_exit(Request& request, Reply& reply) {
    auto req = request.get<process_exit_request>();
    Process& process = *request.client.process;
    process.exit_code = req.exit_code;
    process.exit_reported = true;
    reply.set(process_exit_reply{});
}

void handle_terminate_process(Request& request, Reply& reply) {
    auto req = request.get<terminate_process_request>();
    Process& caller = *request.client.process;
    uint32_t granted = 0;
    auto target = resolve_as<Process>(caller, req.handle, ObjectType::process, &granted);
    if (!target) return reply.fail(status::invalid_handle);
    if (!(granted & access::process_terminate) || target->ended) return reply.fail(status::access_denied);
    if (target->id == caller.id) {
        caller.exit_code = req.exit_code;
        caller.exit_reported = true;
        reply.set(terminate_process_reply{1});
        return;
    }
    signal_unix_process(*target, SIGKILL);
    end_process(*target, req.exit_code);
    reply.set(terminate_process_reply{0});
}

void handle_terminate_thread(Request& request, Reply& reply) {
    auto req = request.get<terminate_thread_request>();
    uint32_t granted = 0;
    auto thread = resolve_thread(request, req.handle, &granted);
    if (!thread) return reply.fail(status::invalid_handle);
    if (!(granted & access::thread_terminate) || thread->ended) return reply.fail(status::access_denied);
    terminate_thread_reply out{};
    out.self = thread->id == request.view.thread_id;
    out.unix_tid = thread->process_id == request.client.process->id ? thread->unix_tid : 0;
    out.thread_id = thread->id;
    if (!out.self) {
        Process* owner = thread->process.lock().get();
        end_thread(*thread, req.exit_code);
        if (owner) std::erase_if(owner->threads, [](const auto& t) { return t->ended; });
        // Another process's thread: Vine cannot stop it from here.
        if (owner && owner->id != request.client.process->id && owner->threads.empty())
            end_process(*owner, req.exit_code);
    }
    reply.set(out);
}

uint64_t insert_handle(Process& process, std::shared_ptr<Object> object, uint32_t access, bool inherit) {
    HandleEntry entry;
    entry.object = std::move(object);
    entry.access = access;
    entry.inherit = inherit;
    return process.handles.insert(std::move(entry));
}

void handle_process_info(Request& request, Reply& reply) {
    auto req = request.get<process_info_request>();
    uint32_t granted = 0;
    auto process = resolve_as<Process>(*request.client.process, req.handle, ObjectType::process, &granted);
    if (!process) return reply.fail(status::invalid_handle);
    if (!can_query(granted, access::process_query_information, access::process_query_limited_information))
        return reply.fail(status::access_denied);
    process_info_reply out{};
    out.process_id = process->id;
    out.parent_id = process->parent_id;
    out.exit_code = process->ended ? process->exit_code : 259;
    out.slot = process->slot;
    out.create_time = process->create_time;
    out.exit_time = process->exit_time;
    out.unix_pid = process->unix_pid;
    reply.set(out);
}

void handle_thread_info(Request& request, Reply& reply) {
    auto req = request.get<thread_info_request>();
    uint32_t granted = 0;
    auto thread = resolve_thread(request, req.handle, &granted);
    if (!thread) return reply.fail(status::invalid_handle);
    if (!can_query(granted, access::thread_query_information, access::thread_query_limited_information))
        return reply.fail(status::access_denied);
    thread_info_reply out{};
    out.thread_id = thread->id;
    out.process_id = thread->process_id;
    out.exit_code = thread->ended ? thread->exit_code : 259;
    out.slot = thread->slot;
    out.unix_tid = thread->process_id == request.client.process->id ? thread->unix_tid : 0;
    out.priority = thread->priority;
    out.create_time = thread->create_time;
    out.exit_time = thread->exit_time;
    out.priority_boost_disabled = thread->priority_boost_disabled;
    out.ideal_processor = thread->ideal_processor;
    reply.set(out);
}

namespace {

// OpenProcess / OpenThread: a new handle in the caller to the live object
// with that id; ERROR_INVALID_PARAMETER when there is none, as on Windows.
template <typename ReplyStruct>
void open_by_id(Request& request, Reply& reply, std::shared_ptr<Object> object, uint32_t access, uint32_t inherit) {
    if (!object) return reply.fail(status::invalid_parameter);
    uint64_t handle = insert_handle(*request.client.process, std::move(object), access, inherit);
    if (!handle) return reply.fail(status::not_enough_memory);
    reply.set(ReplyStruct{handle});
}

}  // namespace

void handle_open_process(Request& request, Reply& reply) {
    auto req = request.get<open_process_request>();
    open_by_id<open_process_reply>(request, reply, find_process(req.process_id), req.access, req.inherit);
}

void handle_open_thread(Request& request, Reply& reply) {
    auto req = request.get<open_thread_request>();
    open_by_id<open_thread_reply>(request, reply, find_thread(req.thread_id), req.access, req.inherit);
}

void handle_resume_thread(Request& request, Reply& reply) {
    auto req = request.get<resume_thread_request>();
    uint32_t granted = 0;
    auto thread = resolve_thread(request, req.handle, &granted);
    if (!thread) return reply.fail(status::invalid_handle);
    if (!(granted & access::thread_suspend_resume)) return reply.fail(status::access_denied);
    resume_thread_reply out{};
    out.previous_count = static_cast<uint32_t>(thread->suspend_count);
    out.thread_id = thread->id;
    if (req.delta > 0) {
        if (thread->suspend_count >= static_cast<int>(MAXIMUM_SUSPEND_COUNT)) return reply.fail(status::signal_refused);
        ++thread->suspend_count;
    } else if (thread->suspend_count > 0) {
        --thread->suspend_count;
    }
    out.in_caller = thread->process_id == request.client.process->id;
    out.unix_tid = out.in_caller ? thread->unix_tid : 0;
    // A CREATE_SUSPENDED child waits in wait_resume until its count is 0.
    if (thread->suspend_count == 0) {
        auto owner = thread->process.lock();
        if (owner && owner->waiting_resume && owner->client && !owner->threads.empty() &&
            owner->threads.front() == thread) {
            owner->waiting_resume = false;
            Reply resumed;
            resumed.set(wait_resume_reply{});
            send_reply(*owner->client, resumed);
        }
    }
    reply.set(out);
}

void handle_set_thread_priority(Request& request, Reply& reply) {
    auto req = request.get<set_thread_priority_request>();
    uint32_t granted = 0;
    auto thread = resolve_thread(request, req.handle, &granted);
    if (!thread) return reply.fail(status::invalid_handle);
    thread->priority = req.priority;
    reply.set(set_thread_priority_reply{});
}

void handle_process_priority(Request& request, Reply& reply) {
    auto req = request.get<process_priority_request>();
    uint32_t granted = 0;
    auto process = resolve_as<Process>(*request.client.process, req.handle, ObjectType::process, &granted);
    if (!process) return reply.fail(status::invalid_handle);
    if (req.set) {
        if (!(granted & access::process_set_information)) return reply.fail(status::access_denied);
        // IDLE, BELOW_NORMAL, NORMAL, ABOVE_NORMAL, HIGH, REALTIME.
        constexpr uint32_t kClasses[] = {0x40, 0x4000, 0x20, 0x8000, 0x80, 0x100};
        if (req.set & process_priority_set_class) {
            if (std::find(std::begin(kClasses), std::end(kClasses), req.priority_class) == std::end(kClasses))
                return reply.fail(status::invalid_parameter);
            process->priority_class = req.priority_class;
        }
        if (req.set & process_priority_set_boost) process->priority_boost_disabled = req.boost_disabled != 0;
    } else if (!can_query(granted, access::process_query_information, access::process_query_limited_information)) {
        return reply.fail(status::access_denied);
    }
    reply.set(process_priority_reply{process->priority_class, process->priority_boost_disabled ? 1u : 0u});
}

void handle_set_thread_info(Request& request, Reply& reply) {
    auto req = request.get<set_thread_info_request>();
    uint32_t granted = 0;
    auto thread = resolve_thread(request, req.handle, &granted);
    if (!thread) return reply.fail(status::invalid_handle);
    if (!(granted & (access::thread_set_information | access::thread_set_limited_information)))
        return reply.fail(status::access_denied);
    if ((req.mask & ~uint32_t{thread_set_boost | thread_set_ideal_processor}) ||
        ((req.mask & thread_set_ideal_processor) && req.ideal_processor >= 64)) {
        reply.status = status::invalid_parameter;
        return;
    }
    set_thread_info_reply out{thread->ideal_processor, 0};
    if (req.mask & thread_set_boost) thread->priority_boost_disabled = req.priority_boost_disabled != 0;
    if (req.mask & thread_set_ideal_processor) thread->ideal_processor = req.ideal_processor;
    reply.set(out);
}

void handle_set_thread_description(Request& request, Reply& reply) {
    auto req = request.get<set_thread_description_request>();
    uint32_t granted = 0;
    auto thread = resolve_thread(request, req.handle, &granted);
    if (!thread) return reply.fail(status::invalid_handle);
    if (!(granted & (access::thread_set_information | access::thread_set_limited_information)))
        return reply.fail(status::access_denied);
    if (request.view.var_size % 2 || request.view.var_size / 2 > kMaxNameLength)
        return reply.fail(status::invalid_parameter);
    thread->description.assign(request.view.var_size / 2, u'\0');
    memcpy(thread->description.data(), request.view.var, request.view.var_size);
    reply.set(set_thread_description_reply{});
}

void handle_get_thread_description(Request& request, Reply& reply) {
    auto req = request.get<get_thread_description_request>();
    uint32_t granted = 0;
    auto thread = resolve_thread(request, req.handle, &granted);
    if (!thread) return reply.fail(status::invalid_handle);
    if (!can_query(granted, access::thread_query_information, access::thread_query_limited_information))
        return reply.fail(status::access_denied);
    reply.var.assign(reinterpret_cast<const char*>(thread->description.data()), thread->description.size() * 2);
    reply.set(get_thread_description_reply{});
}

void handle_kill_server(Request& request, Reply& reply) {
    auto req = request.get<kill_server_request>();
    int signal = req.signal > 0 && req.signal < 65 ? req.signal : SIGKILL;
    uint32_t count = 0;
    for (Client* client : all_clients()) {
        if (client->process && signal_unix_process(*client->process, signal)) ++count;
    }
    reply.set(kill_server_reply{count});
    request_exit();
}

}  // namespace vine::server
