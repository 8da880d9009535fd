// Signals sent to client processes (vineserver -k, TerminateProcess). Kept
// apart so the request fuzzer links a harmless stand-in.
//
// A client's Unix pid is only ever the kernel's word (SO_PEERCRED of an
// accepted connection, the SCM_CREDENTIALS the kernel attaches to a child's
// init_process), never a number from a request. A pidfd is opened for it
// at once and signals go through the pidfd, so that a pid reused after the
// client ended cannot be hit.
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "server.h"

namespace vine::server {

int open_client_pidfd(int pid) {
    // Never a process group, "everyone" (-1) or the server itself.
    if (pid <= 0 || pid == getpid()) return -1;
    return static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
}

bool signal_unix_process(const Process& process, int signal_number) {
    if (process.pidfd < 0) return false;
    return syscall(SYS_pidfd_send_signal, process.pidfd, signal_number, nullptr, 0) == 0;
}

}  // namespace vine::server
