// Signals sent to client processes (vineserver -k, TerminateProcess). Kept
// apart so the request fuzzer links a harmless stand-in: the pids come from
// clients, and a fuzzer must not kill whatever they name.
#include <signal.h>
#include <unistd.h>

#include "server.h"

namespace vine::server {

bool signal_unix_process(int pid, int signal_number) {
    // Never a process group, "everyone" (-1) or the server itself, whatever
    // a client claimed its pid was.
    if (pid <= 0 || pid == getpid()) return false;
    return kill(pid, signal_number) == 0;
}

}  // namespace vine::server
