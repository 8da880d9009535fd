// The registry's files: Wine's text format ("WINE REGISTRY Version 2"),
// which users and tools read and edit. Parsing never trusts the bytes: a
// line it cannot read is reported with its number and the rest still loads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vine::server::hive {

struct Value {
    std::u16string name;  // empty: the key's default value
    uint32_t type = 0;    // REG_*
    std::string data;     // the bytes as RegQueryValueEx returns them
};

struct Key {
    std::u16string path;    // relative to the hive's root, '\' separated
    int64_t modified = 0;   // FILETIME of the last write
    std::vector<Value> values;
    bool is_link = false;   // a symbolic link ("#link"), its target in its values
    // The security descriptor set on the key (self-relative bytes, written
    // as "#security=HEX", an option line Wine's parser skips); empty: none.
    std::string security;
};

struct Parsed {
    std::vector<Key> keys;
    // "line N: what is wrong", for each line that could not be read (and a
    // missing header or a cut-off last line).
    std::vector<std::string> errors;
};

Parsed parse(std::string_view text);

// A key path as the files write it (backslashes doubled, brackets escaped),
// for a header's root.
std::string escape_key_path(std::u16string_view path);

// The file's text for `keys`, the header naming `root` (e.g. "\\Machine").
std::string format(std::string_view root, const std::vector<Key>& keys);

}  // namespace vine::server::hive
