// hostile_client - misbehaving clients of vineserver, for the robustness
// tests (tests/server/*.sh). It finds the prefix's server as vine does
// (VINEPREFIX, VINE_SERVER_BASE).
//
//   hostile_client chaos SECONDS SEED
//       For SECONDS, opens connection after connection and misbehaves on
//       each in one of many ways (truncated headers, oversized sizes,
//       random bytes, garbage after a valid hello, dying in the middle of a
//       request, descriptors without requests, too many descriptors, never
//       reading replies, a wrong protocol version). Exits 0 unless it could
//       not connect at all.
//   hostile_client probe
//       Exit 0 if the server answers a control hello with our version.
//   hostile_client wrong-version
//       Sends hello with another protocol version: exit 0 if the server
//       answers with its own version and then hangs up.
//   hostile_client hoard
//       Connects as a process and creates events until the server refuses
//       (its per-process quota), then checks that another process can
//       still create one. Exit 0 if both hold.
//   hostile_client pid-claim VICTIM_PID
//       Lies about Unix pids to make the server kill VICTIM_PID: a child
//       announced by child_spawned with the victim's pid and then
//       terminated, and a real child (forked) whose init_process names
//       the victim's pid and which is then terminated. Exit 0 if the victim
//       survives and the server killed the real child instead.
//   hostile_client forge
//       Connects as a process holding no handle to anything, and tries to
//       reach other processes' events, mutexes and semaphores through what
//       the server handed it: maps the sync area writable (and, if that
//       works, sets every event, takes every mutex and raises every
//       semaphore it finds there, as the attack of issue 12 did), looks for
//       any such object in what it can read, and duplicates handles out of
//       processes it has no handle to. Exit 0 if nothing was reachable.
//   hostile_client crowd [hold]
//       Run against a server started with a small descriptor limit: opens
//       connections (each says hello) until the server refuses one with
//       too_many_open_files, checks that a second one over the limit is
//       refused too, then closes a few and checks that a new connection is
//       served. Exit 0 if the server refused cleanly and kept serving (a
//       server looping at its limit answers nothing more). With hold, it
//       prints "full" once refused and waits for standard input to close
//       before closing any connection.
//   hostile_client fake-server SOCKET
//       Listens on SOCKET as a server of another build: answers one hello
//       with a different version and hangs up; exits after one client.
#include <fcntl.h>
#include <sys/wait.h>
#include <linux/futex.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <atomic>
#include <climits>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "client_io.h"
#include "protocol.h"
#include "server_location.h"

namespace {

using namespace vine::protocol;

std::string g_socket_path;

int connect_server() {
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    memcpy(address.sun_path, g_socket_path.c_str(), g_socket_path.size() + 1);
    if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

template <typename Request>
std::string request_bytes(const Request& fixed, const std::string& var = {}, uint32_t fd_count = 0) {
    RequestHeader header{static_cast<uint32_t>(RequestTraits<Request>::opcode), sizeof(Request),
                         static_cast<uint32_t>(var.size()), fd_count, 0, 0};
    std::string out(reinterpret_cast<const char*>(&header), sizeof(header));
    out.append(reinterpret_cast<const char*>(&fixed), sizeof(fixed));
    return out + var;
}

// Sends bytes with descriptors attached; false once the server hung up.
bool send_with_fds(int fd, const std::string& bytes, const std::vector<int>& fds = {}) {
    iovec iov{const_cast<char*>(bytes.data()), bytes.size()};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 32)];
    msghdr message{};
    message.msg_iov = &iov;
    message.msg_iovlen = 1;
    if (!fds.empty()) {
        message.msg_control = control;
        message.msg_controllen = CMSG_SPACE(sizeof(int) * fds.size());
        cmsghdr* cmsg = CMSG_FIRSTHDR(&message);
        cmsg->cmsg_level = SOL_SOCKET;
        cmsg->cmsg_type = SCM_RIGHTS;
        cmsg->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
        memcpy(CMSG_DATA(cmsg), fds.data(), sizeof(int) * fds.size());
    }
    return sendmsg(fd, &message, MSG_NOSIGNAL) >= 0;
}

std::string hello_bytes(uint32_t role, uint32_t version = kVersion) {
    return request_bytes(hello_request{kMagic, version, role, getpid()});
}

// hello + init_process as a first process; the descriptors of hello's
// reply (the sync area, KUSER_SHARED_DATA) go to `shared`, or are closed.
bool become_process(int fd, std::vector<int>* shared = nullptr) {
    RawReply reply;
    if (!send_with_fds(fd, hello_bytes(hello_process)) || !receive_reply(fd, reply)) return false;
    for (int received : reply.fds) {
        if (shared)
            shared->push_back(received);
        else
            close(received);
    }
    int notice[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, notice) != 0) return false;
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    bool sent = send_with_fds(fd, request_bytes(init_process_request{getpid(), gettid()}, {}, 4),
                              {notice[1], null, null, null});
    close(notice[1]);
    close(null);
    bool ok = sent && receive_reply(fd, reply) && reply.header.status == 0;
    for (int received : reply.fds) close(received);
    close(notice[0]);
    return ok;
}

std::string random_bytes(std::mt19937& random, size_t size) {
    std::string out(size, '\0');
    for (auto& c : out) c = static_cast<char>(random());
    return out;
}

// One misbehaving connection.
void misbehave(std::mt19937& random, unsigned how) {
    int fd = connect_server();
    if (fd < 0) return;
    switch (how) {
    case 0:  // half a header, then gone
        send_with_fds(fd, hello_bytes(hello_process).substr(0, random() % sizeof(RequestHeader)));
        break;
    case 1: {  // an oversized var_size announced
        RequestHeader header{static_cast<uint32_t>(Opcode::create_sync), sizeof(create_sync_request),
                             0xffffff00u, 0, 0, 0};
        send_with_fds(fd, std::string(reinterpret_cast<char*>(&header), sizeof(header)));
        break;
    }
    case 2:  // random bytes
        send_with_fds(fd, random_bytes(random, 1 + random() % 4096));
        break;
    case 3:  // a valid hello, then garbage
        send_with_fds(fd, hello_bytes(hello_process) + random_bytes(random, 1 + random() % 512));
        break;
    case 4: {  // a process dying in the middle of a request (half its var data)
        if (!become_process(fd)) break;
        std::string name(400, 'x');
        std::string bytes = request_bytes(create_sync_request{1, 0x1f0003, 0, 0, 0, 0, 0, 0}, name);
        send_with_fds(fd, bytes.substr(0, bytes.size() / 2));
        break;
    }
    case 5: {  // descriptors with no request behind them, repeatedly
        if (!become_process(fd)) break;
        int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
        for (int i = 0; i < 8; ++i)
            if (!send_with_fds(fd, std::string(1, '\0'), {null, null, null, null})) break;
        close(null);
        break;
    }
    case 6: {  // far too many descriptors in one message
        int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
        send_with_fds(fd, hello_bytes(hello_process), std::vector<int>(30, null));
        close(null);
        break;
    }
    case 7: {  // requests, never reading a reply
        if (!become_process(fd)) break;
        std::string many;
        for (int i = 0; i < 2000; ++i) many += request_bytes(process_info_request{kCurrentProcess});
        for (int i = 0; i < 50 && send_with_fds(fd, many); ++i) {
        }
        break;
    }
    case 8: {  // a wrong version
        send_with_fds(fd, hello_bytes(hello_process, kVersion ^ 0x5a5a));
        break;
    }
    case 9: {  // a process that makes objects and dies holding a mutex
        if (!become_process(fd)) break;
        RawReply reply;
        std::string name = "\\BaseNamedObjects\\hostile" + std::to_string(random() % 4);
        std::u16string wide(name.begin(), name.end());
        std::string var(reinterpret_cast<const char*>(wide.data()), wide.size() * 2);
        for (int i = 0; i < 20; ++i) {
            if (!send_with_fds(fd, request_bytes(create_sync_request{2, 0x1f0001, 0, create_open_if, 1, 0, 0, 0}, var)) ||
                !receive_reply(fd, reply))
                break;
        }
        break;
    }
    case 10: {  // valid framing, nonsense fields in every request
        if (!become_process(fd)) break;
        for (int i = 0; i < 50; ++i) {
            auto opcode = static_cast<uint32_t>(random() % static_cast<uint32_t>(Opcode::count));
            RequestHeader header{opcode, 0, 0, 0, static_cast<uint32_t>(random()), 0};
            // The right fixed size for the opcode, so the server reads the fields.
            static const uint32_t sizes[] = {
#define SIZE(name) sizeof(name##_request),
                VINE_REQUESTS(SIZE)
#undef SIZE
            };
            header.fixed_size = sizes[opcode];
            header.var_size = random() % 64;
            std::string bytes(reinterpret_cast<char*>(&header), sizeof(header));
            bytes += random_bytes(random, header.fixed_size + header.var_size);
            if (!send_with_fds(fd, bytes)) break;
        }
        break;
    }
    case 11: {  // sections: odd sizes, a pipe as the backing file, two descriptors, a name of another type
        if (!become_process(fd)) break;
        RawReply reply;
        int pipe_fds[2];
        if (pipe2(pipe_fds, O_CLOEXEC) != 0) break;
        std::string name = "\\BaseNamedObjects\\hostile" + std::to_string(random() % 4);
        std::u16string wide(name.begin(), name.end());
        std::string var(reinterpret_cast<const char*>(wide.data()), wide.size() * 2);
        const uint64_t sizes[] = {0, 1, ~uint64_t{0}, uint64_t{1} << 47, 0x10000};
        for (int i = 0; i < 10; ++i) {
            create_section_request request{0xf001f, 0, static_cast<uint32_t>(random() % 4), 4, 0x8000000, 0,
                                           sizes[random() % 5]};
            std::vector<int> fds;
            if (random() % 2) fds.push_back(pipe_fds[0]);
            if (random() % 3 == 0) fds.push_back(pipe_fds[1]);
            if (!send_with_fds(fd, request_bytes(request, random() % 2 ? var : std::string(), fds.size()), fds) ||
                !receive_reply(fd, reply))
                break;
            for (int received : reply.fds) close(received);
        }
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        break;
    }
    case 12: {  // a file-backed section: bogus views, unmaps, cuts and extensions, then death with views left
        if (!become_process(fd)) break;
        RawReply reply;
        char path[] = "/tmp/vine-hostile-view-XXXXXX";
        int file = mkstemp(path);
        if (file < 0) break;
        unlink(path);
        if (ftruncate(file, 0x10000) != 0) {
            close(file);
            break;
        }
        struct stat st {};
        fstat(file, &st);
        uint64_t handles[2] = {0, 0};
        create_file_request open_file{0xc0000000, 7, 0, 0, st.st_dev, st.st_ino};
        if (send_with_fds(fd, request_bytes(open_file, {}, 1), {file}) && receive_reply(fd, reply) &&
            reply.header.status == 0 && reply.fixed.size() == sizeof(create_file_reply))
            memcpy(&handles[0], reply.fixed.data(), sizeof(uint64_t));
        create_section_request section{0xf001f, 0, 0, 4, 0x8000000, 0, 0x10000};
        if (send_with_fds(fd, request_bytes(section, {}, 1), {file}) && receive_reply(fd, reply) &&
            reply.header.status == 0 && reply.fixed.size() >= sizeof(uint64_t))
            memcpy(&handles[1], reply.fixed.data(), sizeof(uint64_t));
        close(file);
        const uint64_t bases[] = {0, 1, 0x10000, 0x7fff0000, uint64_t{1} << 47, ~uint64_t{0}, 0x20000};
        for (int i = 0; i < 40; ++i) {
            uint64_t handle = random() % 3 ? handles[random() % 2] : random();
            section_view_request view{handle, bases[random() % 7], static_cast<uint32_t>(random() % 3),
                                      static_cast<uint32_t>(random() % 8 == 0)};
            if (!send_with_fds(fd, request_bytes(view)) || !receive_reply(fd, reply)) break;
            check_truncate_request cut{random() % 3 ? handles[random() % 2] : random()};
            if (!send_with_fds(fd, request_bytes(cut)) || !receive_reply(fd, reply)) break;
            const uint64_t sizes[] = {0, 0x8000, 0x20000, 0x1000000, ~uint64_t{0}};
            extend_section_request grow{random() % 3 ? handles[random() % 2] : random(), sizes[random() % 5]};
            if (!send_with_fds(fd, request_bytes(grow)) || !receive_reply(fd, reply)) break;
        }
        break;
    }
    case 13: {  // jobs: bad handles, other types, huge id lists, itself as a member, then death
        if (!become_process(fd)) break;
        RawReply reply;
        std::string name = "\\BaseNamedObjects\\hostile" + std::to_string(random() % 4);
        std::u16string wide(name.begin(), name.end());
        std::string var(reinterpret_cast<const char*>(wide.data()), wide.size() * 2);
        uint64_t job = 0;
        bool named = random() % 2;
        if (send_with_fds(fd, request_bytes(create_job_request{0x1f003f, 0, create_open_if, 0}, named ? var : std::string())) &&
            receive_reply(fd, reply) && reply.header.status == 0 && reply.fixed.size() >= sizeof(uint64_t))
            memcpy(&job, reply.fixed.data(), sizeof(uint64_t));
        // Never KILL_ON_JOB_CLOSE (0x2000) with this process in the job:
        // every connection here is the same Unix process, which it would kill.
        const uint32_t flags[] = {0, 0x400, 0x800, 0x1000, 0x1c00, 0xffffffffu, 0x80000000u};
        for (int i = 0; i < 20; ++i) {
            uint64_t handle = random() % 3 ? job : random() % 3 ? kCurrentProcess : random();
            uint64_t process = random() % 2 ? kCurrentProcess : random() % 2 ? job : random();
            bool ok_so_far = true;
            switch (random() % 5) {
            case 0: ok_so_far = send_with_fds(fd, request_bytes(assign_job_request{handle, process})); break;
            case 1: ok_so_far = send_with_fds(fd, request_bytes(set_job_limits_request{handle, flags[random() % 7], 0})); break;
            case 2: {
                const uint32_t counts[] = {0, 1, 0xffffffffu, 0x40000000u};
                ok_so_far = send_with_fds(fd, request_bytes(job_info_request{handle, counts[random() % 4], 0}));
                break;
            }
            case 3: ok_so_far = send_with_fds(fd, request_bytes(process_in_job_request{process, random() % 2 ? handle : 0})); break;
            case 4:
                // Terminating a job spares the caller (it ends itself); only
                // an unnamed job, which no other connection (the same Unix
                // process) can have joined.
                if (named) handle = random();
                ok_so_far = send_with_fds(fd, request_bytes(terminate_job_request{handle, 7, 0}));
                break;
            }
            if (!ok_so_far || !receive_reply(fd, reply)) break;
        }
        break;
    }
    }
    // Some close at once, some linger a little first.
    if (random() % 4 == 0) {
        timespec pause{0, static_cast<long>(random() % 20) * 1000000};
        nanosleep(&pause, nullptr);
    }
    close(fd);
}

int chaos(double seconds, unsigned seed) {
    std::mt19937 random(seed);
    timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    unsigned connections = 0;
    do {
        int probe = connect_server();
        if (probe < 0) {
            fprintf(stderr, "hostile_client: cannot connect to %s after %u connections\n", g_socket_path.c_str(),
                    connections);
            return 1;
        }
        close(probe);
        misbehave(random, random() % 14);
        ++connections;
        clock_gettime(CLOCK_MONOTONIC, &now);
    } while ((now.tv_sec - start.tv_sec) + (now.tv_nsec - start.tv_nsec) / 1e9 < seconds);
    printf("hostile_client: %u hostile connections\n", connections);
    return 0;
}

int probe() {
    int fd = connect_server();
    RawReply reply;
    if (fd < 0 || !send_with_fds(fd, hello_bytes(hello_control)) || !receive_reply(fd, reply)) {
        fprintf(stderr, "hostile_client: the server does not answer\n");
        return 1;
    }
    hello_reply info{};
    if (reply.header.status != 0 || reply.fixed.size() != sizeof(info)) return 1;
    memcpy(&info, reply.fixed.data(), sizeof(info));
    printf("server pid %u answers\n", info.server_pid);
    return info.version == kVersion ? 0 : 1;
}

// Creates unnamed events on `fd` (a process connection) until refused;
// the number created.
uint32_t create_events_until_refused(int fd, uint32_t limit) {
    create_sync_request request{};
    request.kind = static_cast<uint32_t>(SyncKind::event);
    request.access = access::event_all_access;
    for (uint32_t created = 0; created < limit; ++created) {
        RawReply reply;
        if (!send_with_fds(fd, request_bytes(request)) || !receive_reply(fd, reply) || reply.header.status != 0)
            return created;
    }
    return limit;
}

int hoard() {
    int hoarder = connect_server();
    if (hoarder < 0 || !become_process(hoarder)) {
        fprintf(stderr, "hostile_client: cannot connect as a process\n");
        return 1;
    }
    uint32_t hoarded = create_events_until_refused(hoarder, kSyncObjectsPerProcess + 16);
    int other = connect_server();
    bool other_ok = other >= 0 && become_process(other) && create_events_until_refused(other, 1) == 1;
    printf("one process created %u events before the server refused; another %s create one\n", hoarded,
           other_ok ? "could still" : "could NOT");
    return hoarded == kSyncObjectsPerProcess && other_ok ? 0 : 1;
}

// Sets every event, takes every mutex and raises every semaphore in the
// slots of a writable sync area; how many it changed.
uint32_t scribble(SyncSlot* slots, uint32_t count) {
    uint32_t changed = 0;
    for (uint32_t i = 1; i < count; ++i) {
        std::atomic_ref<uint32_t> state(slots[i].state);
        switch (static_cast<SyncKind>(std::atomic_ref<uint32_t>(slots[i].kind).load())) {
        case SyncKind::event: state.store(1); break;
        case SyncKind::mutex: state.store(0x7ffc); break;
        case SyncKind::semaphore: state.fetch_add(1); break;
        default: continue;
        }
        syscall(SYS_futex, &slots[i].state, FUTEX_WAKE, INT_MAX, nullptr, nullptr, 0);
        ++changed;
    }
    return changed;
}

int forge() {
    int fd = connect_server();
    std::vector<int> shared;
    if (fd < 0 || !become_process(fd, &shared) || shared.size() != 2) {
        fprintf(stderr, "hostile_client: cannot connect as a process\n");
        return 1;
    }
    int failures = 0;
    // 1. The sync area, writable: refused, as is a writable KUSER_SHARED_DATA.
    void* writable = mmap(nullptr, kSyncAreaSize, PROT_READ | PROT_WRITE, MAP_SHARED, shared[0], 0);
    if (writable != MAP_FAILED) {
        uint32_t changed = scribble(static_cast<SyncSlot*>(writable), kSyncSlotCount);
        printf("FAIL: the sync area maps writable; %u objects of other processes changed through it\n", changed);
        ++failures;
        munmap(writable, kSyncAreaSize);
    } else {
        printf("ok: the sync area does not map writable (%s)\n", strerror(errno));
    }
    void* page = mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, shared[1], 0);
    printf("%s: KUSER_SHARED_DATA %s\n", page == MAP_FAILED ? "ok" : "FAIL",
           page == MAP_FAILED ? "does not map writable" : "maps writable");
    if (page != MAP_FAILED) ++failures;
    // 2. Read-only, it maps; it cannot be made writable, and holds no event,
    // mutex, semaphore or timer (only processes' and threads' ends).
    void* readable = mmap(nullptr, kSyncAreaSize, PROT_READ, MAP_SHARED, shared[0], 0);
    if (readable == MAP_FAILED) {
        printf("FAIL: the sync area does not even map read-only (%s)\n", strerror(errno));
        ++failures;
    } else {
        bool upgraded = mprotect(readable, kSyncAreaSize, PROT_READ | PROT_WRITE) == 0;
        printf("%s: the read-only mapping %s\n", upgraded ? "FAIL" : "ok",
               upgraded ? "was made writable" : "cannot be made writable");
        if (upgraded) {
            printf("   %u objects changed through it\n", scribble(static_cast<SyncSlot*>(readable), kSyncSlotCount));
            ++failures;
        }
        const auto* slots = static_cast<const SyncSlot*>(readable);
        uint32_t objects = 0, ends = 0;
        for (uint32_t i = 1; i < kSyncSlotCount; ++i) {
            auto kind = static_cast<SyncKind>(slots[i].kind);
            if (kind == SyncKind::event || kind == SyncKind::mutex || kind == SyncKind::semaphore ||
                kind == SyncKind::timer)
                ++objects;
            else if (kind == SyncKind::process || kind == SyncKind::thread)
                ++ends;
        }
        printf("%s: %u events, mutexes, semaphores or timers readable there (and %u process and thread slots)\n",
               objects ? "FAIL" : "ok", objects, ends);
        if (objects || ends == 0) ++failures;  // no slot at all: not the area
        munmap(readable, kSyncAreaSize);
    }
    // 3. Handles out of other processes: it holds no process handle.
    uint32_t duplicated = 0;
    for (uint64_t process = 4; process <= 1024; process += 4) {
        for (uint64_t handle = 4; handle <= 64; handle += 4) {
            duplicate_handle_request request{};
            request.source_process = process;
            request.source_handle = handle;
            request.target_process = kCurrentProcess;
            request.options = duplicate_same_access;
            RawReply reply;
            if (!send_with_fds(fd, request_bytes(request)) || !receive_reply(fd, reply)) {
                printf("FAIL: the server hung up on duplicate_handle\n");
                return 1;
            }
            for (int received : reply.fds) close(received);
            if (reply.header.status == 0) ++duplicated;
        }
    }
    printf("%s: %u handles duplicated out of processes it has no handle to\n", duplicated ? "FAIL" : "ok",
           duplicated);
    if (duplicated) ++failures;
    for (int received : shared) close(received);
    close(fd);
    return failures ? 1 : 0;
}

// new_process on `fd` (a process connection): the child's process handle,
// 0 if refused. `child_end` is the socket the "child" will talk on.
uint64_t announce_child(int fd, int child_end) {
    new_process_request request{0, 0, 0x1fffff, 0x1fffff, 0, 0};
    StartupInfo info{};
    std::string var(reinterpret_cast<const char*>(&info), sizeof(info));
    RawReply reply;
    if (!send_with_fds(fd, request_bytes(request, var, 1), {child_end}) || !receive_reply(fd, reply)) return 0;
    for (int received : reply.fds) close(received);
    new_process_reply out{};
    if (reply.header.status != 0 || reply.fixed.size() != sizeof(out)) return 0;
    memcpy(&out, reply.fixed.data(), sizeof(out));
    return out.process_handle;
}

// child_spawned naming `claimed_pid`, then TerminateProcess of the child.
bool claim_and_terminate(int fd, uint64_t child, pid_t claimed_pid) {
    RawReply reply;
    if (!send_with_fds(fd, request_bytes(child_spawned_request{child, claimed_pid, 0})) ||
        !receive_reply(fd, reply))
        return false;
    return send_with_fds(fd, request_bytes(terminate_process_request{child, 9, 0})) && receive_reply(fd, reply);
}

int pid_claim(pid_t victim) {
    int fd = connect_server();
    if (fd < 0 || !become_process(fd)) {
        fprintf(stderr, "hostile_client: cannot connect as a process\n");
        return 1;
    }
    // 1. A child that never started, announced with the victim's pid.
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) return 1;
    uint64_t phantom = announce_child(fd, pair[1]);
    close(pair[1]);
    bool phantom_ok = phantom && claim_and_terminate(fd, phantom, victim);
    close(pair[0]);

    // 2. A real child (forked) whose init_process names the victim's pid.
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) return 1;
    uint64_t child_handle = announce_child(fd, pair[1]);
    close(pair[1]);
    int ready[2];
    if (!child_handle || pipe2(ready, O_CLOEXEC) != 0) return 1;
    pid_t child = fork();
    if (child == 0) {
        close(ready[0]);
        RawReply reply;
        int notice[2];
        if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, notice) != 0) _exit(2);
        bool started = send_with_fds(pair[0], hello_bytes(hello_process)) && receive_reply(pair[0], reply) &&
                       send_with_fds(pair[0], request_bytes(init_process_request{victim, victim}, {}, 1),
                                     {notice[1]}) &&
                       receive_reply(pair[0], reply) && reply.header.status == 0;
        char byte = started ? 1 : 0;
        if (write(ready[1], &byte, 1) != 1) _exit(2);
        for (;;) pause();  // until the server kills us, as it should
    }
    close(ready[1]);
    close(pair[0]);
    char started = 0;
    if (read(ready[0], &started, 1) != 1) started = 0;
    bool terminated = started && claim_and_terminate(fd, child_handle, victim);
    int child_status = 0;
    // The server signals the real child; give it a moment, then clean up.
    for (int i = 0; i < 200 && waitpid(child, &child_status, WNOHANG) == 0; ++i) usleep(10000);
    bool child_killed = WIFSIGNALED(child_status) && WTERMSIG(child_status) == SIGKILL;
    if (!child_killed) {
        kill(child, SIGKILL);
        waitpid(child, nullptr, 0);
    }
    bool victim_alive = kill(victim, 0) == 0;
    printf("phantom child: %s; real child: %s, %s; victim %d %s\n", phantom_ok ? "terminated" : "refused",
           started ? "started" : "did not start", child_killed ? "killed" : "NOT killed", victim,
           victim_alive ? "alive" : "KILLED");
    return phantom_ok && started && terminated && child_killed && victim_alive ? 0 : 1;
}

// Connects without blocking on a full backlog and says hello as a control
// client; the reply's status, -1 if none came within `seconds`, -2 if the
// server hung up without one. The connection stays open in *out when served.
int hello_within(double seconds, int* out) {
    *out = -1;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    memcpy(address.sun_path, g_socket_path.c_str(), g_socket_path.size() + 1);
    if (fd < 0) return -2;
    timespec start{};
    clock_gettime(CLOCK_MONOTONIC, &start);
    auto elapsed = [&] {
        timespec now{};
        clock_gettime(CLOCK_MONOTONIC, &now);
        return double(now.tv_sec - start.tv_sec) + double(now.tv_nsec - start.tv_nsec) / 1e9;
    };
    // A Unix socket's connect fails with EAGAIN while the backlog is full
    // (a server that stopped accepting): retry until the deadline.
    while (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
        if (errno != EAGAIN || elapsed() > seconds) {
            int error = errno;
            close(fd);
            return error == EAGAIN ? -1 : -2;
        }
        usleep(10000);
    }
    std::string hello = hello_bytes(hello_control);
    if (send(fd, hello.data(), hello.size(), MSG_NOSIGNAL) < 0 && errno != EPIPE && errno != ECONNRESET) {
        close(fd);
        return -2;
    }
    pollfd wait{fd, POLLIN, 0};
    int remaining_ms = static_cast<int>((seconds - elapsed()) * 1000);
    if (poll(&wait, 1, remaining_ms > 0 ? remaining_ms : 0) != 1) {
        close(fd);
        return -1;
    }
    int flags = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    RawReply reply;
    if (!receive_reply(fd, reply)) {
        close(fd);
        return -2;
    }
    for (int received : reply.fds) close(received);
    if (reply.header.status != 0) {
        close(fd);
        return static_cast<int>(reply.header.status);
    }
    *out = fd;
    return 0;
}

int crowd(bool hold) {
    std::vector<int> held;
    int refused = 0;
    for (int attempt = 0; attempt < 4096 && refused == 0; ++attempt) {
        int fd;
        int status = hello_within(10, &fd);
        if (status == 0) {
            held.push_back(fd);
        } else if (status == static_cast<int>(status::too_many_open_files)) {
            refused = 1;
        } else {
            printf("connection %zu: %s\n", held.size() + 1,
                   status == -1 ? "no answer" : status == -2 ? "hung up without a reply" : "unexpected status");
            return 1;
        }
    }
    if (!refused) {
        printf("the server took %zu connections and refused none (no descriptor limit?)\n", held.size());
        return 1;
    }
    printf("the server served %zu connections and refused the next\n", held.size());
    int fd;
    int again = hello_within(10, &fd);
    if (again != static_cast<int>(status::too_many_open_files)) {
        printf("a second connection over the limit got %d instead of a refusal\n", again);
        return 1;
    }
    if (hold) {
        // The caller tries its own client against the full server, then
        // closes our standard input.
        printf("full\n");
        fflush(stdout);
        char byte;
        while (read(0, &byte, 1) > 0) {
        }
    }
    for (int i = 0; i < 4 && !held.empty(); ++i) {
        close(held.back());
        held.pop_back();
    }
    // The server frees the closed connections' descriptors when it reads
    // their hang-ups, which may come after our next connect: refusals until
    // then are fine, silence is not.
    int served = static_cast<int>(status::too_many_open_files);
    for (int retry = 0; retry < 200 && served == static_cast<int>(status::too_many_open_files); ++retry) {
        if (retry) usleep(50000);
        served = hello_within(10, &fd);
    }
    if (served != 0) {
        printf("after four connections closed, a new one got %d: the server stopped serving\n", served);
        return 1;
    }
    printf("after four connections closed, a new one was served\n");
    close(fd);
    for (int held_fd : held) close(held_fd);
    return 0;
}

int wrong_version() {
    int fd = connect_server();
    RawReply reply;
    if (fd < 0 || !send_with_fds(fd, hello_bytes(hello_process, kVersion ^ 1)) || !receive_reply(fd, reply)) {
        fprintf(stderr, "hostile_client: no reply to a hello of another version\n");
        return 1;
    }
    hello_reply info{};
    if (reply.fixed.size() == sizeof(info)) memcpy(&info, reply.fixed.data(), sizeof(info));
    char byte;
    bool hung_up = read(fd, &byte, 1) == 0;
    printf("server answered version %08x (ours %08x), %s\n", info.version, kVersion ^ 1,
           hung_up ? "then hung up" : "and kept the connection");
    return info.version == kVersion && hung_up && reply.fds.empty() ? 0 : 1;
}

int fake_server(const char* path) {
    int listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    snprintf(address.sun_path, sizeof(address.sun_path), "%s", path);
    unlink(path);
    if (bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 || listen(listener, 4) != 0) {
        perror("hostile_client: fake server");
        return 1;
    }
    printf("listening\n");
    fflush(stdout);
    int fd = accept(listener, nullptr, nullptr);
    if (fd < 0) return 1;
    RequestHeader header;
    hello_request hello;
    if (read(fd, &header, sizeof(header)) != sizeof(header) || read(fd, &hello, sizeof(hello)) != sizeof(hello))
        return 1;
    ReplyHeader out{0, sizeof(hello_reply), 0, 0};
    hello_reply info{static_cast<uint32_t>(getpid()), kVersion ^ 0x01010101};
    std::string bytes(reinterpret_cast<char*>(&out), sizeof(out));
    bytes.append(reinterpret_cast<char*>(&info), sizeof(info));
    send_with_fds(fd, bytes);
    close(fd);
    unlink(path);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    signal(SIGPIPE, SIG_IGN);
    std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "fake-server" && argc > 2) return fake_server(argv[2]);
    auto location = locate_server(false);
    if (!location) {
        fprintf(stderr, "hostile_client: %s\n", location.error().message.c_str());
        return 1;
    }
    g_socket_path = location->socket;
    if (mode == "chaos" && argc > 3) return chaos(atof(argv[2]), static_cast<unsigned>(atoi(argv[3])));
    if (mode == "probe") return probe();
    if (mode == "wrong-version") return wrong_version();
    if (mode == "hoard") return hoard();
    if (mode == "pid-claim" && argc > 2) return pid_claim(static_cast<pid_t>(atoi(argv[2])));
    if (mode == "forge") return forge();
    if (mode == "crowd") return crowd(argc > 2 && !strcmp(argv[2], "hold"));
    fprintf(stderr,
            "usage: hostile_client chaos SECONDS SEED | probe | wrong-version | hoard | pid-claim PID | forge | crowd [hold] | fake-server SOCKET\n");
    return 2;
}
