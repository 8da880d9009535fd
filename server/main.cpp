// vineserver: the server of one Vine prefix (see protocol/protocol.h).
//   vineserver [-f] [-d] [-p[n]]   serve (in the background unless -f)
//   vineserver -k[n]               kill every process of the prefix and the server
//   vineserver -w                  wait until the server exits
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "client_io.h"
#include "main_loop.h"
#include "registry.h"
#include "server.h"
#include "server_location.h"
#include "standard_descriptors.h"
#include "sync_area.h"
#include "user_shared_data.h"

namespace {

using namespace vine;

void usage(FILE* out) {
    fprintf(out,
            "usage: vineserver [options]\n"
            "  -d        debug: log every request (also VINEDEBUG=+server)\n"
            "  -f        stay in the foreground\n"
            "  -k[n]     kill the current server and its processes (with signal n, default 9)\n"
            "  -p[n]     persistent: stay n seconds after the last process ends (forever without n)\n"
            "  -w        wait until the current server exits\n"
            "  -h        this help\n"
            "The prefix is VINEPREFIX (default ~/.vine).\n");
}

int connect_to(const std::string& path) {
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path.size() >= sizeof(address.sun_path)) return -1;
    memcpy(address.sun_path, path.c_str(), path.size() + 1);
    if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

// -k / -w: a control connection to the running server.
int control(bool kill, int signal_number) {
    auto location = protocol::locate_server(false);
    if (!location) {
        fprintf(stderr, "vineserver: %s\n", location.error().message.c_str());
        return 1;
    }
    int fd = connect_to(location->socket);
    if (fd < 0) return kill ? 1 : 0;  // no server: nothing to kill or wait for
    protocol::hello_request hello{protocol::kMagic, protocol::kVersion, protocol::hello_control, getpid()};
    protocol::RawReply reply;
    if (!protocol::send_request(fd, protocol::Opcode::hello, &hello, sizeof(hello), nullptr, 0, nullptr, 0, 0) ||
        !protocol::receive_reply(fd, reply))
        return 1;
    protocol::hello_reply info{};
    if (reply.fixed.size() == sizeof(info)) memcpy(&info, reply.fixed.data(), sizeof(info));
    if (info.version != protocol::kVersion) {
        fprintf(stderr, "vineserver: the running server (pid %u) is from another build of Vine\n", info.server_pid);
        // (Never pid 0 or 1 from a reply we could not read: kill(0) would
        // signal our own process group.)
        if (kill && info.server_pid > 1 && ::kill(static_cast<pid_t>(info.server_pid), SIGTERM) == 0) return 0;
        return 1;
    }
    if (kill) {
        protocol::kill_server_request request{signal_number, 0};
        protocol::send_request(fd, protocol::Opcode::kill_server, &request, sizeof(request), nullptr, 0, nullptr, 0, 0);
    }
    // Both wait for the server to go: its end of the socket closes.
    char byte;
    while (read(fd, &byte, 1) > 0 || errno == EINTR) {
    }
    return 0;
}

int serve(bool foreground, int persist, int ready_fd) {
    auto location = protocol::locate_server(true);
    if (!location) {
        fprintf(stderr, "vineserver: %s\n", location.error().message.c_str());
        return 1;
    }
    int lock = open(location->lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock < 0 || flock(lock, LOCK_EX | LOCK_NB) != 0) {
        if (ready_fd < 0) fprintf(stderr, "vineserver: a server is already running for %s\n", location->prefix.c_str());
        return 2;
    }
    // Each client holds a few descriptors here: use all the kernel allows.
    if (rlimit limit{}; getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
    unlink(location->socket.c_str());
    int listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (location->socket.size() >= sizeof(address.sun_path)) {
        fprintf(stderr, "vineserver: socket path too long: %s\n", location->socket.c_str());
        return 1;
    }
    memcpy(address.sun_path, location->socket.c_str(), location->socket.size() + 1);
    if (bind(listen_fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 || listen(listen_fd, 128) != 0) {
        fprintf(stderr, "vineserver: cannot listen on %s: %s\n", location->socket.c_str(), strerror(errno));
        return 1;
    }
    if (!server::user_shared_data().create()) {
        fprintf(stderr, "vineserver: cannot create the shared user data page: %s\n", strerror(errno));
        return 1;
    }
    if (!server::sync_area().create()) {
        fprintf(stderr, "vineserver: cannot create the shared sync area: %s\n", strerror(errno));
        return 1;
    }
    // Before daemonizing, so a damaged hive is reported where vine started us.
    server::registry::load(location->prefix);
    if (!foreground) {
        // Daemon: the parent returns once the socket is ready.
        pid_t child = fork();
        if (child < 0) return 1;
        if (child > 0) _exit(0);
        setsid();
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, 0);
            dup2(null, 1);
            if (!server::g_debug) dup2(null, 2);
            if (null > 2) close(null);
        }
    }
    if (ready_fd >= 0) {
        char ok = 1;
        (void)!write(ready_fd, &ok, 1);
        close(ready_fd);
    }
    signal(SIGPIPE, SIG_IGN);
    int status = server::run_main_loop(listen_fd, persist);
    server::registry::save_all();
    unlink(location->socket.c_str());
    // The lock goes before the clients' connections (closed at exit, in no
    // set order): `vineserver -k`, which returns when its connection closes,
    // must find the prefix free for the next server.
    close(lock);
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    // Before anything is opened: the listening socket must not become 0-2.
    if (!vine::protocol::open_standard_descriptors()) return 1;
    bool foreground = false;
    int persist = 3;
    int ready_fd = -1;
    if (const char* debug = getenv("VINEDEBUG"); debug && strstr(debug, "+server")) vine::server::g_debug = true;
    for (int i = 1; i < argc; ++i) {
        const char* arg = argv[i];
        if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(arg, "-f")) {
            foreground = true;
        } else if (!strcmp(arg, "-d")) {
            vine::server::g_debug = true;
        } else if (!strncmp(arg, "-p", 2)) {
            persist = arg[2] ? atoi(arg + 2) : -1;
        } else if (!strncmp(arg, "-k", 2)) {
            return control(true, arg[2] ? atoi(arg + 2) : SIGKILL);
        } else if (!strcmp(arg, "-w")) {
            return control(false, 0);
        } else if (!strncmp(arg, "--ready-fd=", 11)) {
            ready_fd = atoi(arg + 11);
        } else {
            usage(stderr);
            return 2;
        }
    }
    return serve(foreground, persist, ready_fd);
}
