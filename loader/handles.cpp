#include "vine/handles.h"

#include <unistd.h>

#include <mutex>
#include <vector>

namespace vine::handles {
namespace {

struct Entry {
    bool used = false;
    int fd = -1;
    std::shared_ptr<Object> object;
};

std::mutex lock;
std::vector<Entry> table(1);  // index 0 is never a handle (NULL)

HANDLE to_handle(size_t index) { return reinterpret_cast<HANDLE>(index * 4); }

Entry* find(HANDLE handle) {
    auto value = reinterpret_cast<uintptr_t>(handle);
    if (value % 4 || value / 4 >= table.size()) return nullptr;
    Entry& entry = table[value / 4];
    return entry.used ? &entry : nullptr;
}

HANDLE insert(Entry entry) {
    std::lock_guard guard(lock);
    entry.used = true;
    for (size_t i = 1; i < table.size(); ++i) {
        if (!table[i].used) {
            table[i] = std::move(entry);
            return to_handle(i);
        }
    }
    table.push_back(std::move(entry));
    return to_handle(table.size() - 1);
}

}  // namespace

HANDLE insert_fd(int fd) { return insert(Entry{true, fd, nullptr}); }

HANDLE insert_object(std::shared_ptr<Object> object) { return insert(Entry{true, -1, std::move(object)}); }

int fd(HANDLE handle) {
    std::lock_guard guard(lock);
    Entry* entry = find(handle);
    return entry ? entry->fd : -1;
}

std::shared_ptr<Object> object(HANDLE handle) {
    std::lock_guard guard(lock);
    Entry* entry = find(handle);
    return entry ? entry->object : nullptr;
}

bool close(HANDLE handle) {
    Entry removed;
    {
        std::lock_guard guard(lock);
        Entry* entry = find(handle);
        if (!entry) return false;
        removed = std::move(*entry);
        *entry = Entry{};
    }
    if (removed.fd >= 0) ::close(removed.fd);
    return true;
}

}  // namespace vine::handles
