#include "value_index.h"

namespace vine::server {
namespace {

uint32_t hash_of(std::u16string_view name) {
    uint32_t hash = 2166136261u;  // FNV-1a over the folded characters
    for (char16_t c : name) hash = (hash ^ fold_char(c)) * 16777619u;
    return hash;
}

bool same(std::u16string_view a, std::u16string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (fold_char(a[i]) != fold_char(b[i])) return false;
    return true;
}

}  // namespace

std::ptrdiff_t ValueIndex::find(const std::vector<hive::Value>& values, std::u16string_view name) const {
    if (slots_.empty()) return -1;
    uint32_t hash = hash_of(name);
    size_t mask = slots_.size() - 1;
    for (size_t at = hash & mask;; at = (at + 1) & mask) {
        const Slot& slot = slots_[at];
        if (!slot.position_plus_one) return -1;
        if (slot.hash == hash && same(values[slot.position_plus_one - 1].name, name))
            return slot.position_plus_one - 1;
    }
}

void ValueIndex::place(uint32_t hash, uint32_t position) {
    size_t mask = slots_.size() - 1;
    size_t at = hash & mask;
    while (slots_[at].position_plus_one) at = (at + 1) & mask;
    slots_[at] = Slot{hash, position + 1};
}

void ValueIndex::grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{0, 0});
    for (const Slot& slot : old)
        if (slot.position_plus_one) place(slot.hash, slot.position_plus_one - 1);
}

void ValueIndex::add(const std::vector<hive::Value>& values, size_t position) {
    if ((used_ + 1) * 2 > slots_.size()) grow();
    place(hash_of(values[position].name), static_cast<uint32_t>(position));
    ++used_;
}

void ValueIndex::erase(const std::vector<hive::Value>& values, size_t position) {
    if (slots_.empty()) return;
    uint32_t hash = hash_of(values[position].name);
    size_t mask = slots_.size() - 1;
    size_t at = hash & mask;
    while (slots_[at].position_plus_one != position + 1) {
        if (!slots_[at].position_plus_one) return;  // not recorded
        at = (at + 1) & mask;
    }
    // Backward-shift deletion: later members of the run move into the
    // hole when their home is at or before it, so no search stops early.
    for (size_t next = (at + 1) & mask; slots_[next].position_plus_one; next = (next + 1) & mask) {
        size_t home = slots_[next].hash & mask;
        if (((next - home) & mask) >= ((next - at) & mask)) {
            slots_[at] = slots_[next];
            at = next;
        }
    }
    slots_[at] = Slot{0, 0};
    --used_;
    for (Slot& slot : slots_)
        if (slot.position_plus_one > position + 1) --slot.position_plus_one;
}

}  // namespace vine::server
