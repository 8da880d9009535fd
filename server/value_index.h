// Where each value of a registry key is in the key's list of values, by its
// name ignoring case, so a key with thousands of values finds one without a
// scan. An open-addressed table of positions, with nothing allocated per
// value (a hash map of folded names allocated two blocks per value, and
// freeing a key of 10,000 values was mostly freeing those): names are
// hashed and compared folded on the fly, against the values themselves.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "hive_file.h"

namespace vine::server {

// A character of a registry name folded to upper case, as the registry
// compares names (registry::fold).
inline char16_t fold_char(char16_t c) {
    return (c >= u'a' && c <= u'z') || (c >= 0xe0 && c <= 0xfe && c != 0xf7) ? static_cast<char16_t>(c - 32) : c;
}

class ValueIndex {
public:
    // The position of the value named `name` in `values`, or -1.
    std::ptrdiff_t find(const std::vector<hive::Value>& values, std::u16string_view name) const;
    // Records that values[position] (not yet recorded) is there.
    void add(const std::vector<hive::Value>& values, size_t position);
    // values[position] is about to be erased: it is forgotten and later
    // positions move down by one.
    void erase(const std::vector<hive::Value>& values, size_t position);
    void clear() { slots_.clear(), used_ = 0; }

private:
    struct Slot {
        uint32_t hash;
        uint32_t position_plus_one;  // 0: empty
    };
    void grow();
    void place(uint32_t hash, uint32_t position);
    std::vector<Slot> slots_;  // a power of two of them, at most half used
    size_t used_ = 0;
};

}  // namespace vine::server
