// The VS_VERSIONINFO block GetFileVersionInfo copies out and VerQueryValue
// walks: a tree of nodes, each { WORD wLength; WORD wValueLength; WORD
// wType; WCHAR szKey[]; padding to 4 bytes; value; padding to 4 bytes;
// children }, wValueLength counting WCHARs for text values (wType 1) and
// bytes for binary ones. Every node is checked to lie inside its parent.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace version {

struct Node {
    const uint8_t* start;
    size_t length;          // wLength, checked against the parent
    std::u16string_view key;
    const uint8_t* value;
    size_t value_bytes;     // the value's size in bytes
    uint16_t value_length;  // wValueLength as stored (WCHARs for text)
    bool text;              // wType 1
    const uint8_t* children;
};

// The node at `at`, which must fit in [at, end); nullopt if it does not.
std::optional<Node> read_node(const uint8_t* at, const uint8_t* end);
// The child of `parent` whose key is `key`, ignoring case.
std::optional<Node> find_child(const Node& parent, std::u16string_view key);

constexpr std::u16string_view root_key = u"VS_VERSION_INFO";

}  // namespace version
