// Byte-range locks: NtLockFile and NtUnlockFile, and the check NtReadFile and
// NtWriteFile make before they move bytes (Windows' locks are mandatory).
//
// The kernel holds them, as Linux open-file-description ("OFD") locks on
// the handle's descriptor: they are seen by every process of the machine
// without a server round trip, they belong to the file object (the open
// file description, shared by duplicated and inherited handles, as
// Windows' locks belong to the file object), and a blocking lock is a
// kernel wait. Linux's locks merge and split where Windows' stay as they
// were taken (each unlocked by its exact range, a shared and an exclusive
// lock of one range unlocked one at a time), and a handle's own shared
// lock stops its own writes: so each handle also keeps the list of the
// locks it took (in this process), and the kernel's lock on every piece of
// a range is recomputed from that list. NtClose unlocks what the handle
// still holds (the server's copy of the descriptor would keep them).
//
// OFD locks rather than the server: they give Windows' rules between file
// objects (two CreateFile handles of one file conflict, even in one
// process, unlike POSIX process-owned locks) and they go when the last
// descriptor of the file object closes, so a process that ends holding a
// lock releases it. What they do not give is left to this file: the
// mandatory check (NtReadFile/NtWriteFile probe with F_OFD_GETLK) and the
// exact-range bookkeeping above. Limits: Linux wants a descriptor open for
// writing to take a write lock, so an exclusive lock through a handle
// without write access is a read lock (it keeps other handles from
// writing, not from reading or from taking shared locks); the mandatory
// check and the transfer after it are not one atomic step.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "async_io.h"
#include "file_name.h"
#include "file_private.h"
#include "ntdll_private.h"
#include "vine/ntstatus.h"
#include "vine/thread_control.h"

using namespace vine::nt;
namespace async = ntdll::async;

namespace {

constexpr NTSTATUS STATUS_FILE_LOCK_CONFLICT = static_cast<NTSTATUS>(0xc0000054);
constexpr NTSTATUS STATUS_LOCK_NOT_GRANTED = static_cast<NTSTATUS>(0xc0000055);
constexpr NTSTATUS STATUS_RANGE_NOT_LOCKED = static_cast<NTSTATUS>(0xc000007e);

struct ByteLock {
    uint64_t offset, length;
    bool exclusive;
    uint64_t end() const { return offset + length; }
    bool overlaps(uint64_t start, uint64_t stop) const { return length && offset < stop && start < end(); }
};

std::mutex g_lock;
std::unordered_map<HANDLE, std::vector<ByteLock>>& handle_locks() {
    static auto* map = new std::unordered_map<HANDLE, std::vector<ByteLock>>;  // used at exit
    return *map;
}
// Locks held through handles of this process: the read/write check looks
// at the lists only when there are some.
std::atomic<size_t> g_lock_count{0};

// The kernel's range for a Windows one: off_t cannot name bytes past 2^63.
bool kernel_range(uint64_t start, uint64_t stop, off_t& from, off_t& length) {
    constexpr uint64_t limit = static_cast<uint64_t>(LLONG_MAX);
    if (start >= limit || stop <= start) return false;
    from = static_cast<off_t>(start);
    length = static_cast<off_t>(std::min(stop, limit) - start);
    return true;
}

// The kernel lock type standing for a Windows one on this descriptor: an
// exclusive lock is a write lock, a shared one a read lock, but Linux asks
// for a descriptor open for writing (reading) to take one, so a handle
// without that right takes the other kind.
short kernel_type(int fd, bool exclusive) {
    int mode = fcntl(fd, F_GETFL) & O_ACCMODE;
    if (exclusive) return mode == O_RDONLY ? F_RDLCK : F_WRLCK;
    return mode == O_WRONLY ? F_WRLCK : F_RDLCK;
}

int set_kernel_lock(int fd, short type, off_t from, off_t length, bool wait) {
    struct flock lock {};
    lock.l_type = type;
    lock.l_whence = SEEK_SET;
    lock.l_start = from;
    lock.l_len = length;
    int result;
    do result = fcntl(fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &lock);
    while (result < 0 && errno == EINTR);
    return result < 0 ? errno : 0;
}

// Makes the kernel's locks of [start, stop) what `locks` say, piece by
// piece: a write lock where an exclusive lock covers, a read lock where a
// shared one does, none elsewhere. Changing a lock's type is atomic, so a
// piece that stays locked is never open to others in between. Returns the
// errno of the first piece refused.
int apply(int fd, uint64_t start, uint64_t stop, const std::vector<ByteLock>& locks, bool wait) {
    std::vector<uint64_t> cuts{start, stop};
    for (const ByteLock& lock : locks) {
        if (!lock.overlaps(start, stop)) continue;
        if (lock.offset > start) cuts.push_back(lock.offset);
        if (lock.end() < stop) cuts.push_back(lock.end());
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    for (size_t i = 0; i + 1 < cuts.size(); ++i) {
        uint64_t from = cuts[i], to = cuts[i + 1];
        bool shared = false, exclusive = false;
        for (const ByteLock& lock : locks)
            if (lock.overlaps(from, to)) (lock.exclusive ? exclusive : shared) = true;
        off_t kernel_from, kernel_length;
        if (!kernel_range(from, to, kernel_from, kernel_length)) continue;
        short type = exclusive ? kernel_type(fd, true) : shared ? kernel_type(fd, false) : F_UNLCK;
        if (int error = set_kernel_lock(fd, type, kernel_from, kernel_length, wait)) return error;
    }
    return 0;
}

// Windows' rule within one handle: an exclusive lock overlaps nothing the
// handle holds; a shared one may overlap its shared locks and its own
// exclusive ones. Other handles are the kernel's business.
bool conflicts_with_own(const std::vector<ByteLock>& locks, const ByteLock& wanted) {
    if (!wanted.length) return false;
    if (!wanted.exclusive) return false;
    return std::any_of(locks.begin(), locks.end(),
                       [&](const ByteLock& lock) { return lock.overlaps(wanted.offset, wanted.end()); });
}

void remember(HANDLE handle, const ByteLock& lock) {
    handle_locks()[handle].push_back(lock);
    ++g_lock_count;
}

// Takes the lock in the kernel (waiting when `wait`), `locks` being those
// the handle holds; on refusal the kernel's locks are put back as they say.
NTSTATUS take(int fd, std::vector<ByteLock> locks, const ByteLock& wanted, bool wait) {
    locks.push_back(wanted);
    int error = apply(fd, wanted.offset, wanted.end(), locks, wait);
    if (!error) return STATUS_SUCCESS;
    locks.pop_back();
    apply(fd, wanted.offset, wanted.end(), locks, false);  // only lowers or removes: cannot be refused
    if (error == EAGAIN || error == EACCES || error == EDEADLK) return STATUS_LOCK_NOT_GRANTED;
    return ntdll::status_from_errno(error);
}

}  // namespace

namespace ntdll {

NTSTATUS check_locks(HANDLE handle, int fd, LONGLONG position, ULONG length, bool writing) {
    if (!length) return STATUS_SUCCESS;
    if (position < 0) {
        position = lseek(fd, 0, writing && (fcntl(fd, F_GETFL) & O_APPEND) ? SEEK_END : SEEK_CUR);
        if (position < 0) return STATUS_SUCCESS;
    }
    uint64_t start = static_cast<uint64_t>(position), stop = start + length;
    if (writing && g_lock_count.load(std::memory_order_relaxed)) {
        vine::threads::NoInterrupt region;
        std::lock_guard guard(g_lock);
        if (auto found = handle_locks().find(handle); found != handle_locks().end())
            for (const ByteLock& lock : found->second)
                if (!lock.exclusive && lock.overlaps(start, stop)) return STATUS_FILE_LOCK_CONFLICT;
    }
    // Another file object's lock: a read meets an exclusive one, a write any.
    struct flock probe {};
    probe.l_type = writing ? F_WRLCK : F_RDLCK;
    probe.l_whence = SEEK_SET;
    off_t from, span;
    if (!kernel_range(start, stop, from, span)) return STATUS_SUCCESS;
    probe.l_start = from;
    probe.l_len = span;
    if (fcntl(fd, F_OFD_GETLK, &probe) == 0 && probe.l_type != F_UNLCK) return STATUS_FILE_LOCK_CONFLICT;
    return STATUS_SUCCESS;
}

void release_locks(HANDLE handle) {
    if (!g_lock_count.load(std::memory_order_relaxed)) return;
    std::vector<ByteLock> locks;
    {
        vine::threads::NoInterrupt region;
        std::lock_guard guard(g_lock);
        auto found = handle_locks().find(handle);
        if (found == handle_locks().end()) return;
        locks = std::move(found->second);
        handle_locks().erase(found);
        g_lock_count -= locks.size();
    }
    OpenFile file;
    if (open_file_of(handle, 0, file)) return;
    for (const ByteLock& lock : locks) {
        off_t from, length;
        if (kernel_range(lock.offset, lock.end(), from, length)) set_kernel_lock(file.fd, F_UNLCK, from, length, false);
    }
}

}  // namespace ntdll

VINE_EXPORT NTSTATUS NtLockFile(HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context,
                                IO_STATUS_BLOCK* io, const LARGE_INTEGER* offset, const LARGE_INTEGER* length,
                                ULONG key, BOOLEAN fail_immediately, BOOLEAN exclusive) {
    if (!io || !offset || !length) return ntdll::kStatusAccessViolation;
    ntdll::OpenFile file;
    if (NTSTATUS status = ntdll::open_file_of(handle, FILE_READ_DATA | FILE_WRITE_DATA, file, true)) return status;
    if (file.flags & vine::protocol::file_is_directory) return STATUS_INVALID_DEVICE_REQUEST;
    ByteLock wanted{static_cast<uint64_t>(offset->QuadPart), static_cast<uint64_t>(length->QuadPart),
                    exclusive != 0};
    if (wanted.length && wanted.end() < wanted.offset) return static_cast<NTSTATUS>(0xc00001a1);  // STATUS_INVALID_LOCK_RANGE
    auto state = async::state_of(handle, file);
    if (state->kind != async::Kind::seekable) return STATUS_INVALID_DEVICE_REQUEST;

    async::Completion completion;
    if (!file.synchronous())
        if (NTSTATUS failed = async::prepare(completion, *state, event, apc, apc_context, io)) return failed;
    auto done = [&](NTSTATUS status, bool at_once) {
        return file.synchronous() ? ntdll::complete_sync(io, status, 0, event)
                                  : async::finish(completion, status, 0, at_once);
    };

    NTSTATUS status;
    bool own_conflict = false;
    {
        vine::threads::NoInterrupt region;
        std::lock_guard guard(g_lock);
        auto& locks = handle_locks()[handle];
        if (conflicts_with_own(locks, wanted)) {
            status = STATUS_LOCK_NOT_GRANTED;
            own_conflict = true;  // Windows would wait for ever: refused at once
        } else {
            status = take(file.fd, locks, wanted, false);
            if (status == STATUS_SUCCESS) remember(handle, wanted);
        }
    }
    if (status != STATUS_LOCK_NOT_GRANTED || fail_immediately || own_conflict) return done(status, true);
    std::vector<ByteLock> held;
    {
        vine::threads::NoInterrupt region;
        std::lock_guard guard(g_lock);
        held = handle_locks()[handle];
    }

    // A lock that must wait: here on a synchronous handle; on an
    // asynchronous one a thread waits in the kernel and the request pends.
    if (file.synchronous()) {
        status = take(file.fd, held, wanted, true);
        if (status == STATUS_SUCCESS) {
            vine::threads::NoInterrupt region;
            std::lock_guard guard(g_lock);
            remember(handle, wanted);
        }
        return done(status, false);
    }
    int fd = dup(file.fd);  // the same file object: the lock is the handle's
    if (fd < 0) return done(ntdll::status_from_errno(errno), true);
    io->Status = STATUS_PENDING;
    std::thread([handle, fd, wanted, completion, state, held = std::move(held)] {
        NTSTATUS result = take(fd, held, wanted, true);
        if (result == STATUS_SUCCESS) {
            std::lock_guard guard(g_lock);
            remember(handle, wanted);
        }
        close(fd);
        async::finish(completion, result, 0, false);
    }).detach();
    return STATUS_PENDING;
}

VINE_EXPORT NTSTATUS NtUnlockFile(HANDLE handle, IO_STATUS_BLOCK* io, const LARGE_INTEGER* offset,
                                  const LARGE_INTEGER* length, ULONG key) {
    if (!io || !offset || !length) return ntdll::kStatusAccessViolation;
    ntdll::OpenFile file;
    if (NTSTATUS status = ntdll::open_file_of(handle, FILE_READ_DATA | FILE_WRITE_DATA, file, true)) return status;
    uint64_t start = static_cast<uint64_t>(offset->QuadPart), size = static_cast<uint64_t>(length->QuadPart);
    vine::threads::NoInterrupt region;
    std::lock_guard guard(g_lock);
    auto found = handle_locks().find(handle);
    if (found == handle_locks().end()) return STATUS_RANGE_NOT_LOCKED;
    auto& locks = found->second;
    // The exact range; of an exclusive and a shared lock of it, the exclusive one first.
    auto match = std::find_if(locks.begin(), locks.end(), [&](const ByteLock& lock) {
        return lock.offset == start && lock.length == size && lock.exclusive;
    });
    if (match == locks.end())
        match = std::find_if(locks.begin(), locks.end(),
                             [&](const ByteLock& lock) { return lock.offset == start && lock.length == size; });
    if (match == locks.end()) return STATUS_RANGE_NOT_LOCKED;
    locks.erase(match);
    --g_lock_count;
    apply(file.fd, start, start + size, locks, false);
    if (locks.empty()) handle_locks().erase(found);
    io->Status = STATUS_SUCCESS;
    io->Information = 0;
    return STATUS_SUCCESS;
}
