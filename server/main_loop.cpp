#include "main_loop.h"

#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <unordered_map>

#include "busy_poll.h"
#include "fd_passing.h"
#include "registry.h"
#include "server.h"
#include "sync_area.h"
#include "user_shared_data.h"

namespace vine::server {

bool g_debug = false;

void log(const char* format, ...) {
    va_list args;
    va_start(args, format);
    fprintf(stderr, "vineserver: ");
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
}

namespace {

constexpr size_t kMaxQueuedOutput = 16u << 20;

struct Chunk {
    std::string data;
    std::vector<int> fds;
    size_t sent = 0;
};

struct Connection {
    Client client;
    std::deque<Chunk> queue;
    size_t queued_bytes = 0;
};

int g_epoll = -1;
int g_listen = -1;
int g_idle_timer = -1;
int g_persist = 3;
bool g_exit = false;
uint32_t g_next_id = 0x20;
std::unordered_map<int, std::unique_ptr<Connection>> g_connections;
std::unordered_map<uint32_t, std::weak_ptr<Process>> g_processes;
std::unordered_map<uint32_t, std::weak_ptr<Thread>> g_threads;
std::map<std::u16string, std::weak_ptr<Object>> g_names;
std::unordered_map<int, std::function<void()>> g_watched;

Connection* connection_of(Client& client) {
    auto found = g_connections.find(client.fd);
    return found == g_connections.end() ? nullptr : found->second.get();
}

size_t process_client_count() {
    size_t count = 0;
    for (auto& [fd, connection] : g_connections)
        if (connection->client.process && !connection->client.dead) ++count;
    return count;
}

// Armed while no process is connected: the server exits when it fires.
void update_idle_timer() {
    static bool armed = false;
    size_t processes = process_client_count();
    // The shared clock only runs while someone can read it.
    user_shared_data().set_ticking(processes > 0);
    bool idle = g_persist >= 0 && processes == 0;
    if (idle == armed) return;
    armed = idle;
    itimerspec spec{};
    if (idle) {
        spec.it_value.tv_sec = g_persist;
        spec.it_value.tv_nsec = g_persist ? 0 : 1;
    }
    timerfd_settime(g_idle_timer, 0, &spec, nullptr);
}

void close_fds(std::vector<int>& fds) {
    for (int fd : fds) close(fd);
    fds.clear();
}

void drop(Connection& connection, const char* why) {
    Client& client = connection.client;
    if (client.dead) return;
    client.dead = true;
    // A client that just went away is normal; one that broke the protocol
    // is worth a line.
    if (why && *why) log("dropping client %d: %s", client.fd, why);
    else if (g_debug) log("client %d went away", client.fd);
    epoll_ctl(g_epoll, EPOLL_CTL_DEL, client.fd, nullptr);
    if (client.process) {
        auto process = client.process;
        process->client = nullptr;
        // A process that ends without saying how: killed by a signal.
        if (!process->ended) end_process(*process, process->exit_reported ? process->exit_code : 1);
    }
    client.process.reset();
    close_fds(client.input_fds);
    for (auto& chunk : connection.queue) close_fds(chunk.fds);
}

// Sends what is queued; false if the client is gone.
bool flush(Connection& connection) {
    while (!connection.queue.empty()) {
        Chunk& chunk = connection.queue.front();
        iovec iov{chunk.data.data() + chunk.sent, chunk.data.size() - chunk.sent};
        msghdr message{};
        message.msg_iov = &iov;
        message.msg_iovlen = 1;
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * protocol::kMaxFds * 2)];
        if (chunk.sent == 0) protocol::attach_fds(message, control, chunk.fds.data(), chunk.fds.size());
        ssize_t sent = sendmsg(connection.client.fd, &message, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (sent < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) break;
            return false;
        }
        if (chunk.sent == 0) close_fds(chunk.fds);
        chunk.sent += sent;
        connection.queued_bytes -= sent;
        if (chunk.sent == chunk.data.size()) connection.queue.pop_front();
    }
    bool want_write = !connection.queue.empty();
    if (want_write != connection.client.writing) {
        epoll_event event{};
        event.events = EPOLLIN | (want_write ? uint32_t{EPOLLOUT} : 0u);
        event.data.fd = connection.client.fd;
        epoll_ctl(g_epoll, EPOLL_CTL_MOD, connection.client.fd, &event);
        connection.client.writing = want_write;
    }
    return true;
}

using Handler = void (*)(Request&, Reply&);
constexpr Handler kHandlers[] = {
#define VINE_HANDLER_ENTRY(name) handle_##name,
    VINE_REQUESTS(VINE_HANDLER_ENTRY)
#undef VINE_HANDLER_ENTRY
};

// False when the request breaks the protocol badly enough to drop the client.
bool dispatch(Connection& connection, const protocol::RequestView& view) {
    Client& client = connection.client;
    if (view.fd_count > client.input_fds.size()) return false;  // descriptors promised, not sent
    std::vector<int> fds(client.input_fds.begin(), client.input_fds.begin() + view.fd_count);
    client.input_fds.erase(client.input_fds.begin(), client.input_fds.begin() + view.fd_count);

    Reply reply;
    bool allowed;
    if (!client.said_hello)
        allowed = view.opcode == protocol::Opcode::hello;
    else if (client.role == protocol::hello_control)
        allowed = view.opcode == protocol::Opcode::kill_server;
    else if (!client.process || !client.process->initialized)
        allowed = view.opcode == protocol::Opcode::init_process;
    else
        allowed = view.opcode != protocol::Opcode::hello && view.opcode != protocol::Opcode::init_process &&
                  view.opcode != protocol::Opcode::kill_server;
    if (!allowed) {
        close_fds(fds);
        if (!client.said_hello) return false;
        reply.status = protocol::status::bad_request;
    } else {
        Request request{view, fds, client};
        kHandlers[static_cast<uint32_t>(view.opcode)](request, reply);
        close_fds(fds);  // whatever the handler did not take
    }
    if (g_debug)
        log("%d: %s -> %u%s", client.fd, protocol::opcode_name(view.opcode), reply.status,
            reply.deferred ? " (deferred)" : "");
    if (!reply.deferred) send_reply(client, reply);
    if (client.hang_up) drop(connection, "");
    return !client.dead;
}

// Takes what one recvmsg brought: its descriptors, then its bytes, and runs
// every complete request. The client may be dropped on the way.
void take_input(Connection& connection, const uint8_t* data, size_t size, const int* fds, size_t fd_count,
                bool control_truncated) {
    Client& client = connection.client;
    client.input_fds.insert(client.input_fds.end(), fds, fds + fd_count);
    if (control_truncated) {
        drop(connection, "too many descriptors");
        return;
    }
    if (client.input_fds.size() > protocol::kMaxFds * 4) {
        drop(connection, "descriptors without requests");
        return;
    }
    client.input.insert(client.input.end(), data, data + size);
    size_t offset = 0;
    for (;;) {
        auto frame = protocol::decode_frame(client.input.data() + offset, client.input.size() - offset);
        if (frame.status == protocol::FrameStatus::need_more) break;
        if (frame.status == protocol::FrameStatus::invalid) {
            drop(connection, frame.error);
            return;
        }
        offset += frame.request.total_size;
        if (!dispatch(connection, frame.request)) {
            if (!client.dead) drop(connection, "protocol violation");
            return;
        }
    }
    client.input.erase(client.input.begin(), client.input.begin() + offset);
}

// On a socket with SO_PASSCRED (a child's), the kernel's word for who sent
// the bytes just received.
void note_sender(Client& client, const msghdr& message) {
    for (cmsghdr* header = CMSG_FIRSTHDR(&message); header;
         header = CMSG_NXTHDR(const_cast<msghdr*>(&message), header)) {
        if (header->cmsg_level != SOL_SOCKET || header->cmsg_type != SCM_CREDENTIALS) continue;
        ucred credentials;
        memcpy(&credentials, CMSG_DATA(header), sizeof(credentials));
        client.sender_pid = credentials.pid;
    }
}

void receive(Connection& connection) {
    Client& client = connection.client;
    for (;;) {
        uint8_t buffer[65536];
        iovec iov{buffer, sizeof(buffer)};
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 16) + CMSG_SPACE(sizeof(ucred))];
        msghdr message{};
        message.msg_iov = &iov;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof(control);
        ssize_t got = recvmsg(client.fd, &message, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0 && errno == EAGAIN) break;
        if (got <= 0) {
            drop(connection, "");
            return;
        }
        std::vector<int> fds;
        protocol::collect_fds(message, fds);
        note_sender(client, message);
        take_input(connection, buffer, got, fds.data(), fds.size(), message.msg_flags & MSG_CTRUNC);
        if (client.dead || got < static_cast<ssize_t>(sizeof(buffer))) break;
    }
}

// A descriptor held back for the moment the server runs out of them: freed
// to accept one connection and refuse it, so that the listening socket,
// which stays readable while connections wait, does not make the loop spin
// and the client learns why instead of waiting for a hello reply forever.
int g_reserve_fd = -1;
bool g_listener_paused = false;

void open_reserve_descriptor() {
    if (g_reserve_fd < 0) g_reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
}

// Whether a waiting connection was refused: accept4 fails with EMFILE
// before it looks at the queue, so EMFILE does not mean one is waiting, and
// the reserve's accept answers EAGAIN when none is.
bool refuse_one_connection() {
    if (g_reserve_fd < 0) {
        // No reserve to spend: stop listening until a connection closes.
        epoll_ctl(g_epoll, EPOLL_CTL_DEL, g_listen, nullptr);
        g_listener_paused = true;
        log("out of file descriptors: not accepting connections until one closes");
        return false;
    }
    close(g_reserve_fd);
    g_reserve_fd = -1;
    int fd = accept4(g_listen, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd >= 0) {
        // The reply the client's hello will read: an error, no data.
        protocol::ReplyHeader refusal{protocol::status::too_many_open_files, 0, 0, 0};
        (void)!send(fd, &refusal, sizeof(refusal), MSG_DONTWAIT | MSG_NOSIGNAL);
        close(fd);
        log("out of file descriptors: refused a connection");
    }
    open_reserve_descriptor();
    return fd >= 0;
}

void resume_listening() {
    if (!g_listener_paused) return;
    open_reserve_descriptor();
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = g_listen;
    if (epoll_ctl(g_epoll, EPOLL_CTL_ADD, g_listen, &event) == 0) g_listener_paused = false;
}

void accept_clients() {
    for (;;) {
        int fd = accept4(g_listen, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0 && (errno == EMFILE || errno == ENFILE)) {
            if (!refuse_one_connection()) return;
            continue;
        }
        if (fd < 0) return;
        Client* client = add_client(fd);
        // The kernel's word for who connected, rather than the client's: it
        // is the process vineserver -k and TerminateProcess will signal.
        ucred credentials{};
        socklen_t length = sizeof(credentials);
        if (client && getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0)
            client->peer_pid = credentials.pid;
    }
}

void reap_dead() {
    for (auto it = g_connections.begin(); it != g_connections.end();) {
        if (it->second->client.dead) {
            close(it->first);
            it = g_connections.erase(it);
            resume_listening();
        } else {
            ++it;
        }
    }
}

}  // namespace

Client* add_client(int fd) {
    auto connection = std::make_unique<Connection>();
    connection->client.fd = fd;
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = fd;
    if (epoll_ctl(g_epoll, EPOLL_CTL_ADD, fd, &event) != 0) {
        close(fd);
        return nullptr;
    }
    Client* client = &connection->client;
    g_connections[fd] = std::move(connection);
    return client;
}

void send_reply(Client& client, Reply& reply) {
    Connection* connection = connection_of(client);
    if (!connection || client.dead) {
        close_fds(reply.fds);
        return;
    }
    protocol::ReplyHeader header{};
    header.status = reply.status;
    if (reply.status != protocol::status::success) {
        reply.fixed.clear();
        reply.var.clear();
        close_fds(reply.fds);
    }
    header.fixed_size = static_cast<uint32_t>(reply.fixed.size());
    header.var_size = static_cast<uint32_t>(reply.var.size());
    header.fd_count = static_cast<uint32_t>(reply.fds.size());
    Chunk chunk;
    chunk.data.assign(reinterpret_cast<const char*>(&header), sizeof(header));
    chunk.data += reply.fixed;
    chunk.data += reply.var;
    chunk.fds = std::move(reply.fds);
    reply.fds.clear();
    connection->queued_bytes += chunk.data.size();
    connection->queue.push_back(std::move(chunk));
    if (connection->queued_bytes > kMaxQueuedOutput || !flush(*connection))
        drop(*connection, connection->queued_bytes > kMaxQueuedOutput ? "not reading its replies" : "");
}

std::vector<Client*> all_clients() {
    std::vector<Client*> out;
    for (auto& [fd, connection] : g_connections)
        if (!connection->client.dead) out.push_back(&connection->client);
    return out;
}

uint32_t allocate_client_id() {
    // Windows ids are multiples of 4 from one pool for processes and threads.
    uint32_t id = g_next_id;
    g_next_id += 4;
    if (g_next_id >= 0xfffffff0u) g_next_id = 0x20;
    return id;
}

int64_t now_filetime() {
    timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    // 100 ns units since 1601-01-01.
    return (static_cast<int64_t>(now.tv_sec) + 11644473600LL) * 10000000LL + now.tv_nsec / 100;
}

std::shared_ptr<Process> find_process(uint32_t id) {
    auto found = g_processes.find(id);
    return found == g_processes.end() ? nullptr : found->second.lock();
}

std::shared_ptr<Thread> find_thread(uint32_t id) {
    auto found = g_threads.find(id);
    return found == g_threads.end() ? nullptr : found->second.lock();
}

void register_process(const std::shared_ptr<Process>& process) { g_processes[process->id] = process; }
void register_thread(const std::shared_ptr<Thread>& thread) { g_threads[thread->id] = thread; }

void end_thread(Thread& thread, uint32_t exit_code) {
    if (thread.ended) return;
    thread.ended = true;
    thread.exit_code = exit_code;
    thread.exit_time = now_filetime();
    sync_area().abandon_mutexes(thread.id);
    registry::thread_ended(thread.id);
    sync_area().signal(thread.slot, 1);
    g_threads.erase(thread.id);
}

void end_process(Process& process, uint32_t exit_code) {
    if (process.ended) return;
    process.ended = true;
    process.exit_code = exit_code;
    process.exit_time = now_filetime();
    for (auto& thread : process.threads) end_thread(*thread, exit_code);
    process.threads.clear();
    process.handles.clear();
    process.physical_pages.reset();  // an ended process's AWE pages go back to the system
    process.file_views.clear();
    stop_memory_service(process);
    if (process.death_notice >= 0) {
        close(process.death_notice);
        process.death_notice = -1;
    }
    if (process.pidfd >= 0) {
        close(process.pidfd);
        process.pidfd = -1;
    }
    sync_area().signal(process.slot, 1);
    g_processes.erase(process.id);
    if (process.client && !process.client->dead) {
        // Its connection goes too (TerminateProcess of a child).
        if (Connection* connection = connection_of(*process.client)) {
            process.client->process.reset();
            drop(*connection, "");
        }
    }
    process.client = nullptr;
    update_idle_timer();
}

std::shared_ptr<Object> lookup_name(const std::u16string& name) {
    auto found = g_names.find(name);
    return found == g_names.end() ? nullptr : found->second.lock();
}

void insert_name(const std::u16string& name, const std::shared_ptr<Object>& object) {
    object->name = name;
    g_names[name] = object;
}

void remove_name(const std::u16string& name, const Object* object) {
    auto found = g_names.find(name);
    if (found == g_names.end()) return;
    auto current = found->second.lock();
    if (!current || current.get() == object) g_names.erase(found);
}

std::vector<std::shared_ptr<Object>> names_under(const std::u16string& prefix) {
    std::vector<std::shared_ptr<Object>> found;
    for (auto it = g_names.lower_bound(prefix); it != g_names.end() && it->first.starts_with(prefix); ++it)
        if (auto object = it->second.lock()) found.push_back(std::move(object));
    return found;
}

void request_exit() { g_exit = true; }
bool server_running() { return !g_exit; }

void watch_fd(int fd, std::function<void()> on_ready) {
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = fd;
    if (epoll_ctl(g_epoll, EPOLL_CTL_ADD, fd, &event) == 0) g_watched[fd] = std::move(on_ready);
}

void unwatch_fd(int fd) {
    if (g_watched.erase(fd)) epoll_ctl(g_epoll, EPOLL_CTL_DEL, fd, nullptr);
}

bool init_main_loop(int persist_seconds) {
    g_persist = persist_seconds;
    g_epoll = epoll_create1(EPOLL_CLOEXEC);
    g_idle_timer = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
    if (g_epoll < 0 || g_idle_timer < 0) {
        log("cannot create the event loop: %s", strerror(errno));
        return false;
    }
    return true;
}

void feed_client(Client& client, const uint8_t* data, size_t size, const int* fds, size_t fd_count) {
    Connection* connection = connection_of(client);
    if (!connection || client.dead) {
        for (size_t i = 0; i < fd_count; ++i) close(fds[i]);
        return;
    }
    take_input(*connection, data, size, fds, fd_count, false);
}

void drop_all_clients() {
    for (Client* client : all_clients())
        if (Connection* connection = connection_of(*client)) drop(*connection, "");
    reap_dead();
    // Nothing is left: ids start afresh, so the same input replays the same.
    if (g_processes.empty() && g_threads.empty()) g_next_id = 0x20;
}

int run_main_loop(int listen_fd, int persist_seconds) {
    if (!init_main_loop(persist_seconds)) return 1;
    g_listen = listen_fd;
    open_reserve_descriptor();
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = g_listen;
    epoll_ctl(g_epoll, EPOLL_CTL_ADD, g_listen, &event);
    event.data.fd = g_idle_timer;
    epoll_ctl(g_epoll, EPOLL_CTL_ADD, g_idle_timer, &event);
    update_idle_timer();

    // After serving a client, the next request of a burst usually comes
    // within microseconds: polling for it that long saves being woken
    // (protocol/busy_poll.h). Every ready connection is served as before.
    protocol::BusyPoll request_poll{50000};
    bool served = false;
    while (!g_exit) {
        epoll_event events[64];
        int count = 0;
        // Every ready request has been answered: the loop's deferred frees.
        if (served) registry::free_retired();
        int64_t idle_from = served ? protocol::BusyPoll::now_ns() : 0;
        if (served) request_poll.poll([&] { return (count = epoll_wait(g_epoll, events, 64, 0)) != 0; });
        if (count == 0) {
            count = epoll_wait(g_epoll, events, 64, -1);
            if (served) request_poll.slept(protocol::BusyPoll::now_ns() - idle_from);
        }
        served = false;
        if (count < 0) {
            if (errno == EINTR) continue;
            log("epoll_wait: %s", strerror(errno));
            return 1;
        }
        // Only the listening socket and the connections change the set of
        // clients: a loop woken by timers alone (the shared clock ticks every
        // millisecond) skips the bookkeeping over all connections.
        bool clients_touched = false;
        for (int i = 0; i < count; ++i) {
            int fd = events[i].data.fd;
            if (fd == g_listen) {
                clients_touched = true;
                accept_clients();
            } else if (fd == g_idle_timer) {
                uint64_t expirations;
                if (read(g_idle_timer, &expirations, sizeof(expirations)) > 0 && process_client_count() == 0)
                    g_exit = true;
            } else if (auto watched = g_watched.find(fd); watched != g_watched.end()) {
                // A copy: the callback may unwatch (and so destroy) itself.
                auto on_ready = watched->second;
                on_ready();
            } else {
                auto found = g_connections.find(fd);
                if (found == g_connections.end()) continue;
                clients_touched = true;
                Connection& connection = *found->second;
                if (connection.client.dead) continue;
                if (events[i].events & EPOLLOUT) {
                    if (!flush(connection)) drop(connection, "");
                }
                if (!connection.client.dead && (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
                    receive(connection);
            }
        }
        end_doomed_processes();
        if (!clients_touched) continue;
        served = true;
        reap_dead();
        update_idle_timer();
    }
    return 0;
}

}  // namespace vine::server
