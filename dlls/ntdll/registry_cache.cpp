// NtQueryValueKey's cache (registry_cache.h). Small and simple: a program's
// hot values are few, so a full cache is emptied rather than managed, and
// only values up to kMaxData bytes are kept.
#include "registry_cache.h"

#include <list>
#include <mutex>
#include <unordered_map>

#include "vine/locks.h"
#include "vine/server_client.h"

namespace ntdll::registry_cache {
namespace {

constexpr size_t kMaxEntries = 512;
constexpr size_t kMaxData = 4096;

struct Entry {
    uint64_t generation;
    Answer answer;
};

struct KeyAndName {
    HANDLE key;
    std::u16string name;
    bool operator==(const KeyAndName&) const = default;
};

struct Hash {
    size_t operator()(const KeyAndName& k) const {
        return std::hash<std::u16string>()(k.name) ^ (reinterpret_cast<uintptr_t>(k.key) * 0x9e3779b97f4a7c15ull);
    }
};

vine::Mutex g_lock;
std::unordered_map<KeyAndName, Entry, Hash>* g_entries;  // made on first store, never freed (exit-time readers)
uint64_t g_closes;  // handles forgotten so far: a store begun before one is dropped

}  // namespace

bool lookup(HANDLE key, std::u16string_view name, Answer& answer) {
    uint64_t generation;
    if (!vine::client::registry_generation(generation)) return false;
    std::lock_guard guard(g_lock);
    if (!g_entries) return false;
    auto found = g_entries->find(KeyAndName{key, std::u16string(name)});
    if (found == g_entries->end()) return false;
    if (found->second.generation != generation) {
        g_entries->erase(found);
        return false;
    }
    answer = found->second.answer;
    return true;
}

Ticket begin() {
    Ticket ticket;
    ticket.usable = vine::client::registry_generation(ticket.generation);
    std::lock_guard guard(g_lock);
    ticket.closes = g_closes;
    return ticket;
}

void store(const Ticket& ticket, HANDLE key, std::u16string_view name, const Answer& answer) {
    if (!ticket.usable || answer.data.size() > kMaxData) return;
    if (answer.error != 0 && answer.error != vine::protocol::status::file_not_found) return;
    std::lock_guard guard(g_lock);
    if (ticket.closes != g_closes) return;  // the handle may have been closed and reused meanwhile
    if (!g_entries) g_entries = new std::unordered_map<KeyAndName, Entry, Hash>();
    if (g_entries->size() >= kMaxEntries) g_entries->clear();
    (*g_entries)[KeyAndName{key, std::u16string(name)}] = Entry{ticket.generation, answer};
}

void forget_handle(HANDLE key) {
    std::lock_guard guard(g_lock);
    ++g_closes;
    if (!g_entries || g_entries->empty()) return;
    std::erase_if(*g_entries, [&](const auto& entry) { return entry.first.key == key; });
}

}  // namespace ntdll::registry_cache
