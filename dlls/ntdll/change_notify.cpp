// Directory change notifications: NtNotifyChangeDirectoryFile over inotify.
//
// A directory handle's first request makes its watch: an inotify instance
// watching the directory (and, for watch_tree, its subdirectories, new ones
// as they appear). From then on the changes queue up between requests, as
// Windows keeps them, so none is lost while the caller handles the last
// batch. A request takes what is queued (FILE_NOTIFY_INFORMATION records;
// STATUS_NOTIFY_ENUM_DIR when they do not fit, the changes then dropped),
// or waits: in the caller on a synchronous handle, in the I/O engine
// (io_engine.cpp) on an asynchronous one, which completes it through the
// event, APC or completion port like any other request; CancelIo(Ex)
// cancels it. Closing the handle ends a waiting request with
// STATUS_NOTIFY_CLEANUP.
#include <dirent.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "async_io.h"
#include "file_name.h"
#include "file_private.h"
#include "ntdll_private.h"
#include "vine/ntstatus.h"
#include "vine/thread_control.h"
#include "vine/unicode.h"

using namespace vine::nt;
namespace async = ntdll::async;

namespace {

constexpr NTSTATUS STATUS_NOTIFY_CLEANUP = static_cast<NTSTATUS>(0x0000010b);
constexpr NTSTATUS STATUS_NOTIFY_ENUM_DIR = static_cast<NTSTATUS>(0x0000010c);

struct Change {
    ULONG action;
    std::u16string name;  // relative to the watched directory, backslashes
};

struct Watch {
    int inotify = -1;
    ULONG filter = 0;
    bool tree = false;
    std::mutex lock;
    std::map<int, std::string> directories;  // watch descriptor -> path below the top ("" for it)
    std::string top;
    std::deque<Change> queue;
    ~Watch() {
        if (inotify >= 0) close(inotify);
    }
};

std::mutex g_lock;
std::unordered_map<HANDLE, std::shared_ptr<Watch>>& watches() {
    static auto* map = new std::unordered_map<HANDLE, std::shared_ptr<Watch>>;  // used at exit
    return *map;
}

uint32_t inotify_mask(ULONG filter) {
    uint32_t mask = IN_ONLYDIR | IN_EXCL_UNLINK;
    if (filter & (FILE_NOTIFY_CHANGE_FILE_NAME | FILE_NOTIFY_CHANGE_DIR_NAME | FILE_NOTIFY_CHANGE_CREATION))
        mask |= IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO;
    if (filter & (FILE_NOTIFY_CHANGE_ATTRIBUTES | FILE_NOTIFY_CHANGE_SECURITY)) mask |= IN_ATTRIB;
    if (filter & (FILE_NOTIFY_CHANGE_SIZE | FILE_NOTIFY_CHANGE_LAST_WRITE)) mask |= IN_MODIFY;
    if (filter & FILE_NOTIFY_CHANGE_LAST_ACCESS) mask |= IN_ACCESS;
    if (filter & FILE_NOTIFY_CHANGE_LAST_WRITE) mask |= IN_CLOSE_WRITE;
    return mask;
}

// Watches `relative` (below the top) and, for a tree, the directories in it.
void add_directory(Watch& watch, const std::string& relative) {
    std::string path = relative.empty() ? watch.top : watch.top + "/" + relative;
    int wd = inotify_add_watch(watch.inotify, path.c_str(), inotify_mask(watch.filter) | (watch.tree ? IN_CREATE : 0));
    if (wd < 0) return;
    watch.directories[wd] = relative;
    if (!watch.tree) return;
    DIR* dir = opendir(path.c_str());
    if (!dir) return;
    while (dirent* entry = readdir(dir)) {
        if (entry->d_type != DT_DIR || !strcmp(entry->d_name, ".") || !strcmp(entry->d_name, "..")) continue;
        add_directory(watch, relative.empty() ? entry->d_name : relative + "/" + entry->d_name);
    }
    closedir(dir);
}

// Moves what inotify has ready into the queue (the watch's lock held).
void drain(Watch& watch) {
    alignas(inotify_event) char buffer[16 * (sizeof(inotify_event) + NAME_MAX + 1)];
    for (;;) {
        ssize_t n = read(watch.inotify, buffer, sizeof(buffer));
        if (n <= 0) return;
        for (ssize_t pos = 0; pos < n;) {
            auto* event = reinterpret_cast<inotify_event*>(buffer + pos);
            pos += sizeof(inotify_event) + event->len;
            auto found = watch.directories.find(event->wd);
            if (event->mask & IN_IGNORED) {
                if (found != watch.directories.end()) watch.directories.erase(found);
                continue;
            }
            if (found == watch.directories.end() || !event->len) continue;
            std::string relative = found->second.empty() ? event->name : found->second + "/" + event->name;
            bool directory = event->mask & IN_ISDIR;
            if (directory && watch.tree && (event->mask & (IN_CREATE | IN_MOVED_TO))) add_directory(watch, relative);
            ULONG action = 0;
            bool naming = watch.filter & (directory ? FILE_NOTIFY_CHANGE_DIR_NAME : FILE_NOTIFY_CHANGE_FILE_NAME);
            if (event->mask & IN_CREATE) action = naming || (watch.filter & FILE_NOTIFY_CHANGE_CREATION) ? FILE_ACTION_ADDED : 0;
            else if (event->mask & IN_DELETE) action = naming ? FILE_ACTION_REMOVED : 0;
            else if (event->mask & IN_MOVED_FROM) action = naming ? FILE_ACTION_RENAMED_OLD_NAME : 0;
            else if (event->mask & IN_MOVED_TO) action = naming ? FILE_ACTION_RENAMED_NEW_NAME : 0;
            else if (event->mask & (IN_MODIFY | IN_ATTRIB | IN_ACCESS | IN_CLOSE_WRITE)) action = FILE_ACTION_MODIFIED;
            if (!action) continue;
            std::u16string name = vine::utf8_to_utf16(relative);
            for (auto& c : name)
                if (c == u'/') c = u'\\';
            // Writes in a row make one change, as Windows reports them.
            if (action == FILE_ACTION_MODIFIED && !watch.queue.empty() && watch.queue.back().action == action &&
                watch.queue.back().name == name)
                continue;
            watch.queue.push_back({action, std::move(name)});
        }
    }
}

// Fills `buffer` with the queued changes (the watch's lock held). The
// queue empties either way: changes that do not fit are reported as
// STATUS_NOTIFY_ENUM_DIR, the caller then re-reading the directory.
NTSTATUS fill(Watch& watch, void* buffer, ULONG length, ULONG_PTR& written) {
    written = 0;
    size_t total = 0;
    for (const Change& change : watch.queue)
        total += (offsetof(FILE_NOTIFY_INFORMATION, FileName) + change.name.size() * sizeof(WCHAR) + 3) & ~size_t{3};
    if (total > length || !buffer) {
        watch.queue.clear();
        return STATUS_NOTIFY_ENUM_DIR;
    }
    auto* out = static_cast<char*>(buffer);
    FILE_NOTIFY_INFORMATION* last = nullptr;
    size_t pos = 0;
    for (const Change& change : watch.queue) {
        auto* record = reinterpret_cast<FILE_NOTIFY_INFORMATION*>(out + pos);
        size_t bytes = change.name.size() * sizeof(WCHAR);
        record->NextEntryOffset = 0;
        record->Action = change.action;
        record->FileNameLength = static_cast<ULONG>(bytes);
        std::memcpy(record->FileName, change.name.data(), bytes);
        if (last) last->NextEntryOffset = static_cast<ULONG>(reinterpret_cast<char*>(record) - reinterpret_cast<char*>(last));
        last = record;
        pos += (offsetof(FILE_NOTIFY_INFORMATION, FileName) + bytes + 3) & ~size_t{3};
    }
    watch.queue.clear();
    written = offsetof(FILE_NOTIFY_INFORMATION, FileName) + last->FileNameLength +
              (reinterpret_cast<char*>(last) - out);
    return STATUS_SUCCESS;
}

// Takes what is queued now; false when nothing is.
bool take(Watch& watch, void* buffer, ULONG length, NTSTATUS& status, ULONG_PTR& written) {
    vine::threads::NoInterrupt region;
    std::lock_guard guard(watch.lock);
    drain(watch);
    if (watch.queue.empty()) return false;
    status = fill(watch, buffer, length, written);
    return true;
}

// A synchronous handle's wait in the caller, until inotify has something
// (false: CancelSynchronousIo ended it).
bool wait_for_change(const Watch& watch) { return async::wait_readable(watch.inotify) == STATUS_SUCCESS; }

}  // namespace

namespace ntdll {

void forget_watch(HANDLE handle) {
    std::shared_ptr<Watch> watch;
    {
        vine::threads::NoInterrupt region;
        std::lock_guard guard(g_lock);
        auto found = watches().find(handle);
        if (found == watches().end()) return;
        watch = std::move(found->second);
        watches().erase(found);
    }
    // Its waiting requests sit in the I/O engine: they end here, not cancelled.
    async::cancel(handle, nullptr, 0, STATUS_NOTIFY_CLEANUP);
}

}  // namespace ntdll

VINE_EXPORT NTSTATUS NtNotifyChangeDirectoryFile(HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context,
                                                 IO_STATUS_BLOCK* io, PVOID buffer, ULONG length, ULONG filter,
                                                 BOOLEAN watch_tree) {
    if (!io) return ntdll::kStatusAccessViolation;
    if (!filter || (filter & ~0x17fu)) return STATUS_INVALID_PARAMETER;
    ntdll::OpenFile file;
    if (NTSTATUS status = ntdll::open_file_of(handle, FILE_LIST_DIRECTORY, file)) return status;
    if (!(file.flags & vine::protocol::file_is_directory)) return STATUS_INVALID_PARAMETER;

    std::shared_ptr<Watch> watch;
    {
        vine::threads::NoInterrupt region;
        std::lock_guard guard(g_lock);
        auto& slot = watches()[handle];
        if (!slot) {
            auto made = std::make_shared<Watch>();
            made->inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
            made->top = ntdll::path_of_fd(file.fd);
            made->filter = filter;
            made->tree = watch_tree != 0;
            if (made->inotify < 0 || made->top.empty()) {
                watches().erase(handle);
                return STATUS_INSUFFICIENT_RESOURCES;
            }
            std::lock_guard watch_guard(made->lock);
            add_directory(*made, "");
            if (made->directories.empty()) {
                watches().erase(handle);
                return ntdll::status_from_errno(errno);
            }
            slot = std::move(made);
        }
        watch = slot;
    }

    auto state = async::state_of(handle, file);
    async::Completion completion;
    if (!file.synchronous())
        if (NTSTATUS failed = async::prepare(completion, *state, event, apc, apc_context, io)) return failed;
    auto done = [&](NTSTATUS status, ULONG_PTR written, bool at_once) {
        return file.synchronous() ? ntdll::complete_sync(io, status, written, event)
                                  : async::finish(completion, status, written, at_once);
    };

    NTSTATUS status = STATUS_SUCCESS;
    ULONG_PTR written = 0;
    if (take(*watch, buffer, length, status, written)) return done(status, written, true);
    if (file.synchronous()) {
        for (;;) {
            if (!wait_for_change(*watch)) return done(STATUS_CANCELLED, 0, false);
            if (take(*watch, buffer, length, status, written)) return done(status, written, false);
        }
    }
    // The I/O engine waits for the inotify descriptor, so CancelIo(Ex) and
    // the end of the requesting thread end the request as they end others.
    auto request = std::make_unique<async::Request>();
    request->handle = handle;
    request->fd = watch->inotify;
    request->operation = async::Operation::custom;
    request->buffer = static_cast<char*>(buffer);
    request->length = length;
    request->state = state;
    request->completion = completion;
    request->custom = [watch, buffer, length]() -> std::optional<async::Result> {
        NTSTATUS result = STATUS_SUCCESS;
        ULONG_PTR bytes = 0;
        if (!take(*watch, buffer, length, result, bytes)) return std::nullopt;
        return async::Result{result, bytes};
    };
    return async::start(std::move(request));
}

VINE_EXPORT NTSTATUS NtNotifyChangeDirectoryFileEx(HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context,
                                                   IO_STATUS_BLOCK* io, PVOID buffer, ULONG length, ULONG filter,
                                                   BOOLEAN watch_tree, ULONG info_class) {
    // DirectoryNotifyInformation (1) is the plain form's records.
    if (info_class != 1) return STATUS_INVALID_INFO_CLASS;
    return NtNotifyChangeDirectoryFile(handle, event, apc, apc_context, io, buffer, length, filter, watch_tree);
}
