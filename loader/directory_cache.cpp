// The entries of directories where a name had to be looked up ignoring
// case, kept per directory by folded name so a miss (a file about to be
// created, a probe for one that is not there) costs a hash lookup instead of
// reading the whole directory. Every cached directory has an inotify watch;
// pending events are applied before each lookup, so a change made by anyone
// (this process, another one, a Unix program) is seen by the next lookup,
// exactly: the kernel queues the event before the changing call returns.
// Without inotify (or past its watch limit) lookups read the directory.
#include "directory_cache.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "vine/paths.h"
#include "vine/thread_control.h"
#include "vine/unicode.h"

namespace vine::paths {
namespace {

std::u16string folded(std::string_view name) {
    std::u16string text = unix_to_utf16(name);
    for (auto& c : text) c = fold_case(c);
    return text;
}

struct Directory {
    int watch = -1;
    // The directory the listing is of: a path whose parent was renamed now
    // names another one, which no event on this one reports.
    dev_t device = 0;
    ino_t inode = 0;
    // Folded name -> the spellings present (usually one).
    std::unordered_map<std::u16string, std::vector<std::string>> entries;
};

constexpr size_t kMaxDirectories = 512;

class Cache {
public:
    std::optional<std::string> find(const std::string& directory, std::string_view name) {
        threads::NoInterrupt region;  // no thread may stop or die holding the lock
        std::lock_guard guard(lock_);
        if (!start()) return std::nullopt;
        drain();
        auto it = directories_.find(directory);
        if (it != directories_.end()) {
            struct stat st {};
            if (stat(directory.c_str(), &st) != 0 || st.st_ino != it->second.inode || st.st_dev != it->second.device) {
                forget(it);
                it = directories_.end();
            }
        }
        if (it == directories_.end()) {
            it = fill(directory);
            if (it == directories_.end()) return scan(directory, name);
        }
        auto entry = it->second.entries.find(folded(name));
        if (entry == it->second.entries.end() || entry->second.empty()) return std::nullopt;
        // Several spellings of one name can coexist on Linux: the smallest,
        // so every lookup picks the same file.
        return *std::min_element(entry->second.begin(), entry->second.end());
    }

    bool usable() {
        std::lock_guard guard(lock_);
        return start();
    }

private:
    bool start() {
        if (inotify_fd_ == -1) {
            inotify_fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
            if (inotify_fd_ < 0) inotify_fd_ = -2;  // no inotify: never again
        }
        return inotify_fd_ >= 0;
    }

    static void add(Directory& dir, std::string name) {
        auto& spellings = dir.entries[folded(name)];
        if (std::find(spellings.begin(), spellings.end(), name) == spellings.end()) spellings.push_back(std::move(name));
    }

    static void remove(Directory& dir, const std::string& name) {
        auto it = dir.entries.find(folded(name));
        if (it == dir.entries.end()) return;
        std::erase(it->second, name);
        if (it->second.empty()) dir.entries.erase(it);
    }

    void forget(std::unordered_map<std::string, Directory>::iterator it) {
        if (it->second.watch >= 0) {
            inotify_rm_watch(inotify_fd_, it->second.watch);
            by_watch_.erase(it->second.watch);
        }
        directories_.erase(it);
    }

    void forget_all() {
        for (auto& [path, dir] : directories_) inotify_rm_watch(inotify_fd_, dir.watch);
        directories_.clear();
        by_watch_.clear();
    }

    // Applies what happened since the last lookup.
    void drain() {
        alignas(inotify_event) char buffer[16384];
        for (;;) {
            ssize_t n = read(inotify_fd_, buffer, sizeof buffer);
            if (n <= 0) return;  // EAGAIN: nothing more
            for (ssize_t pos = 0; pos + static_cast<ssize_t>(sizeof(inotify_event)) <= n;) {
                auto* event = reinterpret_cast<inotify_event*>(buffer + pos);
                pos += sizeof(inotify_event) + event->len;
                if (event->mask & IN_Q_OVERFLOW) {
                    forget_all();  // events were lost: start again
                    continue;
                }
                auto watch = by_watch_.find(event->wd);
                if (watch == by_watch_.end()) continue;
                auto dir = directories_.find(watch->second);
                if (dir == directories_.end()) continue;
                if (event->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED | IN_UNMOUNT)) {
                    forget(dir);
                    continue;
                }
                std::string name = event->len ? std::string(event->name) : std::string();
                if (name.empty()) continue;
                if (event->mask & (IN_CREATE | IN_MOVED_TO)) add(dir->second, std::move(name));
                else if (event->mask & (IN_DELETE | IN_MOVED_FROM)) remove(dir->second, name);
            }
        }
    }

    std::unordered_map<std::string, Directory>::iterator fill(const std::string& directory) {
        if (directories_.size() >= kMaxDirectories) forget_all();
        // The watch first: what changes while we read is in the events.
        int watch = inotify_add_watch(inotify_fd_, directory.empty() ? "." : directory.c_str(),
                                      IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF |
                                          IN_MOVE_SELF | IN_ONLYDIR | IN_EXCL_UNLINK);
        if (watch < 0) return directories_.end();  // not a directory, or out of watches
        if (auto known = by_watch_.find(watch); known != by_watch_.end()) {
            // The same directory under another spelling of its path: one
            // watch can serve only one entry.
            if (auto other = directories_.find(known->second); other != directories_.end()) {
                other->second.watch = -1;
                directories_.erase(other);
            }
        }
        DIR* dir = opendir(directory.empty() ? "." : directory.c_str());
        if (!dir) {
            inotify_rm_watch(inotify_fd_, watch);
            by_watch_.erase(watch);
            return directories_.end();
        }
        Directory entries;
        entries.watch = watch;
        struct stat st {};
        if (fstat(dirfd(dir), &st) == 0) {
            entries.device = st.st_dev;
            entries.inode = st.st_ino;
        }
        while (dirent* entry = readdir(dir)) {
            std::string_view name = entry->d_name;
            if (name == "." || name == "..") continue;
            add(entries, std::string(name));
        }
        closedir(dir);
        by_watch_[watch] = directory;
        return directories_.insert_or_assign(directory, std::move(entries)).first;
    }

    // The uncached way, when no watch can be had.
    static std::optional<std::string> scan(const std::string& directory, std::string_view name) {
        return find_entry_by_reading(directory, name);
    }

    std::mutex lock_;
    int inotify_fd_ = -1;
    std::unordered_map<std::string, Directory> directories_;
    std::unordered_map<int, std::string> by_watch_;
};

Cache& cache() {
    static Cache* instance = new Cache;  // never destroyed: lookups may run during exit
    return *instance;
}

}  // namespace

std::optional<std::string> find_entry_by_reading(const std::string& directory, std::string_view name) {
    DIR* dir = opendir(directory.empty() ? "." : directory.c_str());
    if (!dir) return std::nullopt;
    const std::u16string wanted = unix_to_utf16(name);
    std::optional<std::string> found;
    while (dirent* entry = readdir(dir)) {
        std::string_view candidate = entry->d_name;
        if (!names_equal_ignoring_case(unix_to_utf16(candidate), wanted)) continue;
        if (!found || candidate < *found) found = std::string(candidate);
    }
    closedir(dir);
    return found;
}

std::optional<std::string> find_entry_cached(const std::string& directory, std::string_view name) {
    // Relative paths change meaning with the current directory: not cached.
    if (directory.empty() || directory[0] != '/' || !cache().usable()) return find_entry_by_reading(directory, name);
    return cache().find(directory, name);
}

}  // namespace vine::paths
