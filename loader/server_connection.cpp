// The connection to vineserver: finding or starting the server, the version
// handshake, announcing the process, and one request at a time from any
// thread. A server that dies is noticed even by a process blocked in a
// futex wait: the server holds one end of a "death notice" socket whose
// other end raises SIGIO here when it closes.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstring>
#include <ctime>
#include <mutex>

#include "address_space.h"
#include "busy_poll.h"
#include "client_io.h"
#include "codec.h"
#include "crash.h"
#include "memory_service.h"
#include "prefix.h"
#include "server_location.h"
#include "vine/debug.h"
#include "vine/loader.h"
#include "vine/server_client.h"
#include "vine/teb.h"
#include "vine/thread_control.h"
#include "vine/unicode.h"
#include "vine/user_shared_data.h"

extern char** environ;

namespace vine::client {

void set_sync_area(void* area);  // handle_cache.cpp

namespace {

int g_socket = -1;
int g_death_notice = -1;
std::timed_mutex g_call_lock;
// Most replies come within tens of microseconds: polling for them that
// long saves being woken (protocol/busy_poll.h). Under g_call_lock.
protocol::BusyPoll g_reply_poll{50000};

[[noreturn]] void fail(const std::string& message) {
    fprintf(stderr, "vine: %s\n", printable(message).c_str());
    _exit(1);
}

std::atomic<bool> g_exit_reported{false};

void server_died() {
    if (g_exit_reported) return;  // after process_exit the server may go
    static const char message[] = "vine: the vineserver of this prefix has died; ending the process\n";
    (void)!write(2, message, sizeof(message) - 1);
    _exit(1);
}

void on_death_notice(int) {
    char byte;
    if (recv(g_death_notice, &byte, 1, MSG_PEEK | MSG_DONTWAIT) == 0) server_died();
}

int connect_socket(const std::string& path) {
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (fd < 0 || path.size() >= sizeof(address.sun_path)) return -1;
    memcpy(address.sun_path, path.c_str(), path.size() + 1);
    if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

std::string server_binary() {
    if (const char* path = getenv("VINESERVER"); path && *path) return path;
    char self[PATH_MAX];
    ssize_t size = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (size <= 0) return "vineserver";
    self[size] = 0;
    std::string dir(self);
    return dir.substr(0, dir.rfind('/') + 1) + "vineserver";
}

// Starts vineserver and waits until it listens (or lost a start race to
// another vine process, which is as good).
void start_server() {
    int ready[2];
    if (pipe2(ready, O_CLOEXEC) != 0) fail("cannot create a pipe to start vineserver");
    std::string binary = server_binary();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, ready[1], 3);
    std::string ready_arg = "--ready-fd=3";
    char* argv[] = {const_cast<char*>("vineserver"), ready_arg.data(), nullptr};
    pid_t pid;
    int result = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(ready[1]);
    if (result != 0) fail("cannot start " + binary + ": " + strerror(result));
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    char byte;
    while (read(ready[0], &byte, 1) < 0 && errno == EINTR) {
    }
    close(ready[0]);
}

int connect_or_start(const protocol::ServerLocation& location) {
    int fd = connect_socket(location.socket);
    if (fd >= 0) return fd;
    for (int attempt = 0; attempt < 50 && fd < 0; ++attempt) {
        if (attempt % 10 == 0) start_server();
        fd = connect_socket(location.socket);
        if (fd < 0) {
            timespec pause{0, 10 * 1000 * 1000};
            nanosleep(&pause, nullptr);
        }
    }
    if (fd < 0) fail("cannot start or reach vineserver for the prefix " + location.prefix);
    return fd;
}

void close_all(std::vector<int>& fds) {
    for (int fd : fds) close(fd);
    fds.clear();
}

void hello() {
    protocol::hello_request request{protocol::kMagic, protocol::kVersion, protocol::hello_process, getpid()};
    protocol::hello_reply reply{};
    std::vector<int> fds;
    uint32_t status = call(request, reply, nullptr, 0, nullptr, 0, nullptr, &fds);
    if (status == 0 && reply.version != protocol::kVersion) {
        close_all(fds);
        fail("the running vineserver (pid " + std::to_string(reply.server_pid) +
             ") is from another build of Vine; stop it with 'vineserver -k' first");
    }
    if (status == protocol::status::too_many_open_files)
        fail("vineserver is out of file descriptors and refused the connection; try again when it has fewer processes");
    if (status != 0 || fds.size() != 2) fail("vineserver refused the connection");
    // Process and thread states, which only the server writes (sealed).
    void* area = mmap(nullptr, protocol::kSyncAreaSize, PROT_READ, MAP_SHARED, fds[0], 0);
    // Windows code reads KUSER_SHARED_DATA at its fixed address, read-only.
    void* user_data = address_space::map_fixed(kUserSharedDataAddress, kUserSharedDataSize, PROT_READ, fds[1]);
    close(fds[0]);
    close(fds[1]);
    if (area == MAP_FAILED) fail("cannot map the server's sync area");
    if (!user_data) fail("cannot map KUSER_SHARED_DATA at 0x7ffe0000");
    set_sync_area(area);
}

}  // namespace

uint32_t current_thread_id() {
    TEB* teb = current_teb();
    return teb ? static_cast<uint32_t>(reinterpret_cast<uintptr_t>(teb->ClientId.UniqueThread)) : 0;
}

uint32_t call_raw(protocol::Opcode opcode, const void* request, uint32_t request_size, void* reply,
                  uint32_t reply_size, const void* var, uint32_t var_size, const int* fds, uint32_t fd_count,
                  std::string* var_out, std::vector<int>* fds_out) {
    if (g_socket < 0) fail("no connection to vineserver");
    uint32_t thread_id = current_thread_id();
    protocol::RawReply raw;
    {
        // A thread stopped or ended while holding the socket would block
        // every other thread (TerminateThread, SuspendThread).
        threads::NoInterrupt region;
        std::lock_guard guard(g_call_lock);
        // A failed send may still have an answer waiting: a server out of
        // descriptors refuses a connection with a reply and hangs up,
        // possibly before the hello is sent.
        bool sent =
            protocol::send_request(g_socket, opcode, request, request_size, var, var_size, fds, fd_count, thread_id);
        if (!sent && errno != EPIPE) fail("lost the connection to vineserver (it was killed or stopped)");
        int64_t waited_from = protocol::BusyPoll::now_ns();
        int received = 0;
        if (sent) g_reply_poll.poll([&] { return (received = protocol::try_receive_reply(g_socket, raw)) != 0; });
        if (received == 0) {
            received = protocol::receive_reply(g_socket, raw) ? 1 : -1;
            if (sent) g_reply_poll.slept(protocol::BusyPoll::now_ns() - waited_from);
        }
        if (received < 0) fail("lost the connection to vineserver (it was killed or stopped)");
    }
    if (debug::enabled("server", debug::Class::Trace))
        debug::printf_raw("%04x:server: %s -> %u\n", thread_id, protocol::opcode_name(opcode), raw.header.status);
    if (raw.header.status == 0) {
        if (raw.fixed.size() != reply_size) fail("malformed reply from vineserver");
        memcpy(reply, raw.fixed.data(), reply_size);
    }
    if (var_out) *var_out = std::move(raw.var);
    if (fds_out)
        *fds_out = std::move(raw.fds);
    else
        close_all(raw.fds);
    return raw.header.status;
}

ProcessStart connect_process() {
    ProcessStart start;
    int inherited = -1;
    if (const char* fd_text = getenv("VINE_SERVER_FD")) {
        // A child started by CreateProcess: the parent set up our connection.
        inherited = atoi(fd_text);
        unsetenv("VINE_SERVER_FD");
        if (inherited < 0 || fcntl(inherited, F_SETFD, FD_CLOEXEC) != 0) fail("bad VINE_SERVER_FD");
        g_socket = inherited;
    } else {
        // The first vine of a prefix makes it (its tree and hives) before
        // the server, which loads the hives, starts.
        auto directory = protocol::prefix_directory();
        if (!directory) fail(directory.error().message);
        if (auto made = prefix::ensure(*directory); !made) fail(made.error().message);
        auto location = protocol::locate_server(true);
        if (!location) fail(location.error().message);
        g_socket = connect_or_start(*location);
    }
    hello();

    int notice[2];
    // Also the service socket: the server forwards other processes' calls
    // on our memory over it (loader/memory_service.cpp).
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, notice) != 0) fail("cannot create a socket pair");
    g_death_notice = notice[0];
    struct sigaction action {};
    action.sa_handler = on_death_notice;
    action.sa_flags = SA_RESTART | SA_ONSTACK;
    sigaction(SIGIO, &action, nullptr);
    fcntl(g_death_notice, F_SETOWN, getpid());
    fcntl(g_death_notice, F_SETFL, O_ASYNC | O_NONBLOCK);

    std::vector<int> fds = {notice[1]};
    if (inherited < 0) fds.insert(fds.end(), {0, 1, 2});
    protocol::init_process_request request{getpid(), gettid()};
    protocol::init_process_reply reply{};
    std::string var;
    uint32_t status = call(request, reply, nullptr, 0, fds.data(), static_cast<uint32_t>(fds.size()), &var);
    close(notice[1]);
    if (status != 0) fail("vineserver refused to start this process (error " + std::to_string(status) + ")");
    // The server may have died between the checks: look once now.
    on_death_notice(0);
    memory_service::start(g_death_notice, server_died);

    start.process_id = reply.process_id;
    start.thread_id = reply.thread_id;
    start.parent_id = reply.parent_id;
    start.process_slot = reply.process_slot;
    start.thread_slot = reply.thread_slot;
    start.is_child = reply.is_child;
    start.suspended = reply.suspended;
    start.creation_flags = reply.creation_flags;
    for (int i = 0; i < 3; ++i) start.std_handles[i] = reinterpret_cast<HANDLE>(reply.std_handles[i]);
    if (!start.is_child) {
        // Our own descriptors back the standard handles: no need to ask.
        for (int i = 0; i < 3; ++i) {
            HandleInfo info;
            info.type = protocol::ObjectType::file;
            info.access = protocol::access::generic_read | protocol::access::generic_write;
            info.fd = i;
            remember_handle(start.std_handles[i], info);
        }
    } else {
        auto startup = protocol::decode_startup(reinterpret_cast<const uint8_t*>(var.data()), var.size());
        if (!startup) fail("malformed startup information from vineserver");
        start.image = startup->image;
        start.command_line = startup->command_line;
        start.current_directory = startup->current_directory;
        start.environment = startup->environment;
        start.title = startup->title;
        start.startup_flags = startup->info.startup_flags;
        start.show_window = startup->info.show_window;
    }
    return start;
}

void wait_until_resumed() {
    protocol::wait_resume_request request{};
    protocol::wait_resume_reply reply{};
    call(request, reply);
}

void report_exit(uint32_t code) {
    if (g_socket < 0) return;
    // A thread may have died holding the lock (a crash): don't wait forever.
    if (!g_call_lock.try_lock_for(std::chrono::milliseconds(500))) return;
    protocol::process_exit_request request{code, 0};
    protocol::RawReply raw;
    if (protocol::send_request(g_socket, protocol::Opcode::process_exit, &request, sizeof(request), nullptr, 0,
                               nullptr, 0, current_thread_id()))
        protocol::receive_reply(g_socket, raw);
    for (int fd : raw.fds) close(fd);
    g_call_lock.unlock();
    // From here the server may go away: don't report that as a failure.
    g_exit_reported = true;
    signal(SIGIO, SIG_IGN);
}

}  // namespace vine::client
