// One process's handle table. Handle values are multiples of 4 starting at
// 4, as on Windows; the value is (index + 1) * 4.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace vine::server {

struct Object;

struct HandleEntry {
    std::shared_ptr<Object> object;
    uint32_t access = 0;
    bool inherit = false;
    bool protect = false;  // HANDLE_FLAG_PROTECT_FROM_CLOSE
};

class HandleTable {
public:
    // 0 when the table is full (Windows' per-process limit is ~16M handles;
    // ours is smaller, to bound what one client can make the server hold).
    uint64_t insert(HandleEntry entry);
    // Puts `entry` at exactly `handle` (inheritance keeps handle values).
    bool insert_at(uint64_t handle, HandleEntry entry);
    HandleEntry* find(uint64_t handle);
    // The removed entry; an empty one when `handle` is not valid.
    HandleEntry remove(uint64_t handle);
    void clear();
    void for_each(const std::function<void(uint64_t, HandleEntry&)>& visit);
    size_t count() const { return used_; }

    static constexpr size_t kMaxHandles = 1u << 20;

private:
    std::vector<HandleEntry> entries_;
    size_t first_free_hint_ = 0;
    size_t used_ = 0;
};

}  // namespace vine::server
