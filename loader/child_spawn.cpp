// Starting a child process: the Unix half of CreateProcess. The server
// creates the Windows process and thread objects (new_process); this file
// gives the child its connection and starts it as a new `vine`.
//
// The child's connection is one end of a socket pair made here: the other
// end goes to the server with new_process, so the server knows the
// connection belongs to the new process before the child even exists. The
// child finds its end in VINE_SERVER_FD (loader/server_connection.cpp).
//
// Reaping: the child is our Unix child, but nobody needs its Unix exit
// status (the server records the Windows exit code the child reports, or
// the one TerminateProcess gave). Zombies are reaped by a SIGCHLD handler
// that calls waitpid(pid, WNOHANG) only for the pids spawned here, so other
// code of the process that waits for its own children (starting vineserver,
// a host library's popen) keeps seeing their exit status; SA_NOCLDWAIT or
// SIG_IGN would take that away from them. A child that ends before its pid
// is recorded is caught by the sweep right after recording it.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "vine/loader.h"
#include "vine/server_client.h"

extern char** environ;

namespace vine::client {
namespace {

// The descriptor number the child finds its connection at.
constexpr int kChildServerFd = 3;

constexpr size_t kMaxTracked = 1024;
std::atomic<pid_t> g_children[kMaxTracked];

void reap_children() {
    int saved = errno;  // also runs in a signal handler
    for (auto& slot : g_children) {
        pid_t pid = slot.load(std::memory_order_relaxed);
        if (pid <= 0) continue;
        int status;
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid || (done < 0 && errno == ECHILD)) {
            pid_t expected = pid;
            slot.compare_exchange_strong(expected, 0);
        }
    }
    errno = saved;
}

void on_child(int) { reap_children(); }

void track_child(pid_t pid) {
    static std::once_flag installed;
    std::call_once(installed, [] {
        struct sigaction action {};
        action.sa_handler = on_child;
        action.sa_flags = SA_RESTART | SA_NOCLDSTOP;
        sigemptyset(&action.sa_mask);
        sigaction(SIGCHLD, &action, nullptr);
    });
    for (auto& slot : g_children) {
        pid_t expected = 0;
        if (slot.compare_exchange_strong(expected, pid)) break;
    }
    // Ended before it was recorded: its SIGCHLD found nothing to reap.
    // (With every slot busy, it is reaped by a later sweep... or never; 1024
    // live children of one process is far beyond what programs do.)
    reap_children();
}

std::string self_executable() {
    char path[PATH_MAX];
    ssize_t size = readlink("/proc/self/exe", path, sizeof(path) - 1);
    if (size <= 0) return "/proc/self/exe";
    path[size] = 0;
    return path;
}

}  // namespace

uint32_t spawn_child(const protocol::new_process_request& request, const protocol::StartupStrings& startup,
                     const std::string& unix_image, protocol::new_process_reply& reply) {
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) return protocol::status::not_enough_memory;
    std::string var = protocol::encode_startup(startup);
    if (var.size() > protocol::kMaxVarSize) {
        close(pair[0]);
        close(pair[1]);
        return protocol::status::invalid_parameter;  // an environment of megabytes
    }
    // pair[0] goes to the server (it is closed here once sent).
    uint32_t status = call(request, reply, var.data(), static_cast<uint32_t>(var.size()), &pair[0], 1);
    close(pair[0]);
    if (status != 0) {
        close(pair[1]);
        return status;
    }

    // posix_spawn_file_actions_adddup2 onto the same number would keep
    // close-on-exec set on older C libraries: move it off first.
    int child_end = pair[1];
    if (child_end == kChildServerFd) {
        child_end = fcntl(pair[1], F_DUPFD_CLOEXEC, kChildServerFd + 1);
        close(pair[1]);
    }
    std::vector<std::string> environment_strings;
    for (char** entry = environ; *entry; ++entry)
        if (strncmp(*entry, "VINE_SERVER_FD=", 15) != 0) environment_strings.emplace_back(*entry);
    environment_strings.push_back("VINE_SERVER_FD=" + std::to_string(kChildServerFd));
    std::vector<char*> envp;
    for (auto& text : environment_strings) envp.push_back(text.data());
    envp.push_back(nullptr);

    std::string vine = self_executable();
    std::string image = unix_image;
    char* argv[] = {const_cast<char*>("vine"), image.data(), nullptr};

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, child_end, kChildServerFd);
    // The child's signal state starts clean: SIGCHLD handling is ours only.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGCHLD);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    sigset_t no_mask;
    sigemptyset(&no_mask);
    posix_spawnattr_setsigmask(&attributes, &no_mask);
    short spawn_flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK;
    // CREATE_NEW_PROCESS_GROUP: the child leads a Unix process group of its
    // own, which GenerateConsoleCtrlEvent can address by its process id.
    constexpr uint32_t CREATE_NEW_PROCESS_GROUP = 0x200;
    if (request.creation_flags & CREATE_NEW_PROCESS_GROUP) {
        spawn_flags |= POSIX_SPAWN_SETPGROUP;
        posix_spawnattr_setpgroup(&attributes, 0);
    }
    posix_spawnattr_setflags(&attributes, spawn_flags);
    pid_t pid = 0;
    loader::commit_stack_below(16 * 1024);  // posix_spawn blocks every signal while it clones
    int result = posix_spawn(&pid, vine.c_str(), &actions, &attributes, argv, envp.data());
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    close(child_end);
    if (result == 0) track_child(pid);

    protocol::child_spawned_request spawned{};
    spawned.process_handle = reply.process_handle;
    spawned.unix_pid = result == 0 ? pid : 0;
    spawned.exit_code = 1;
    protocol::child_spawned_reply ignored{};
    call(spawned, ignored);
    if (result != 0) {
        close_handle(reinterpret_cast<HANDLE>(reply.process_handle));
        close_handle(reinterpret_cast<HANDLE>(reply.thread_handle));
        return result == ENOMEM ? protocol::status::not_enough_memory : protocol::status::file_not_found;
    }
    return 0;
}

}  // namespace vine::client
