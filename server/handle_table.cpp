#include "handle_table.h"

#include "objects.h"

namespace vine::server {
namespace {

bool to_index(uint64_t handle, size_t size, size_t& index) {
    if (handle == 0 || handle % 4 || handle / 4 > size) return false;
    index = handle / 4 - 1;
    return true;
}

}  // namespace

uint64_t HandleTable::insert(HandleEntry entry) {
    for (size_t i = first_free_hint_; i < entries_.size(); ++i) {
        if (!entries_[i].object) {
            entries_[i] = std::move(entry);
            first_free_hint_ = i + 1;
            ++used_;
            return (i + 1) * 4;
        }
    }
    if (entries_.size() >= kMaxHandles) return 0;
    entries_.push_back(std::move(entry));
    first_free_hint_ = entries_.size();
    ++used_;
    return entries_.size() * 4;
}

bool HandleTable::insert_at(uint64_t handle, HandleEntry entry) {
    if (handle == 0 || handle % 4 || handle / 4 > kMaxHandles) return false;
    size_t index = handle / 4 - 1;
    if (index >= entries_.size()) entries_.resize(index + 1);
    if (entries_[index].object) return false;
    entries_[index] = std::move(entry);
    ++used_;
    return true;
}

HandleEntry* HandleTable::find(uint64_t handle) {
    size_t index;
    if (!to_index(handle, entries_.size(), index) || !entries_[index].object) return nullptr;
    return &entries_[index];
}

HandleEntry HandleTable::remove(uint64_t handle) {
    size_t index;
    if (!to_index(handle, entries_.size(), index) || !entries_[index].object) return {};
    HandleEntry removed = std::move(entries_[index]);
    entries_[index] = HandleEntry{};
    if (index < first_free_hint_) first_free_hint_ = index;
    --used_;
    return removed;
}

void HandleTable::clear() {
    // Destroying objects can run code that looks at tables: move them out first.
    std::vector<HandleEntry> old = std::move(entries_);
    entries_.clear();
    first_free_hint_ = 0;
    used_ = 0;
    old.clear();
}

void HandleTable::for_each(const std::function<void(uint64_t, HandleEntry&)>& visit) {
    for (size_t i = 0; i < entries_.size(); ++i)
        if (entries_[i].object) visit((i + 1) * 4, entries_[i]);
}

}  // namespace vine::server
