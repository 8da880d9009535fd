// VerQueryValueW / VerQueryValueA: values of a version block by path
// ("\\", "\\VarFileInfo\\Translation",
// "\\StringFileInfo\\040904b0\\ProductVersion").
#include <cstring>
#include <string>

#include "version_block.h"
#include "vine/kernel32_exports.h"
#include "vine/unicode.h"
#include "vine/wintypes.h"

namespace version {

namespace {

uint16_t word_at(const uint8_t* at) {
    uint16_t value;
    std::memcpy(&value, at, sizeof(value));
    return value;
}

const uint8_t* align4(const uint8_t* at, const uint8_t* base) {
    size_t offset = static_cast<size_t>(at - base);
    return base + ((offset + 3) & ~size_t{3});
}

}  // namespace

std::optional<Node> read_node(const uint8_t* at, const uint8_t* end) {
    if (end - at < 6) return std::nullopt;
    Node node{};
    node.start = at;
    node.length = word_at(at);
    if (node.length < 6 || node.length > static_cast<size_t>(end - at)) return std::nullopt;
    const uint8_t* node_end = at + node.length;
    node.value_length = word_at(at + 2);
    node.text = word_at(at + 4) == 1;
    const uint8_t* key = at + 6;
    const uint8_t* p = key;
    while (p + 2 <= node_end && word_at(p) != 0) p += 2;
    if (p + 2 > node_end) return std::nullopt;
    node.key = std::u16string_view(reinterpret_cast<const char16_t*>(key), static_cast<size_t>(p - key) / 2);
    // The block is 4-aligned in the caller's buffer (GetFileVersionInfo's
    // copy); offsets are aligned from the node's start, which is.
    node.value = align4(p + 2, at);
    node.value_bytes = node.text ? size_t{node.value_length} * 2 : node.value_length;
    if (node.value > node_end || node.value_bytes > static_cast<size_t>(node_end - node.value)) {
        // Some linkers store text lengths in bytes; clamp rather than fail.
        node.value = std::min(node.value, node_end);
        node.value_bytes = static_cast<size_t>(node_end - node.value);
    }
    node.children = std::min(align4(node.value + node.value_bytes, at), node_end);
    return node;
}

std::optional<Node> find_child(const Node& parent, std::u16string_view key) {
    const uint8_t* end = parent.start + parent.length;
    for (const uint8_t* at = parent.children; at < end;) {
        auto child = read_node(at, end);
        if (!child) return std::nullopt;
        if (vine::equal_ignore_case(child->key, key)) return child;
        at = align4(at + child->length, parent.start);
    }
    return std::nullopt;
}

}  // namespace version

using namespace version;

namespace {

constexpr DWORD ERROR_INVALID_PARAMETER = 87;
constexpr DWORD ERROR_RESOURCE_TYPE_NOT_FOUND = 1813;

// The node `path` names in `block`; nullopt (last error set) when none.
std::optional<Node> query(const void* block, std::u16string_view path) {
    const auto* start = static_cast<const uint8_t*>(block);
    auto node = read_node(start, start + 0xffff);
    if (!node || node->key != root_key) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return std::nullopt;
    }
    size_t at = 0;
    while (at < path.size()) {
        size_t end = path.find(u'\\', at);
        if (end == std::u16string_view::npos) end = path.size();
        std::u16string_view part = path.substr(at, end - at);
        at = end + 1;
        if (part.empty()) continue;
        node = find_child(*node, part);
        if (!node) {
            SetLastError(ERROR_RESOURCE_TYPE_NOT_FOUND);
            return std::nullopt;
        }
    }
    return node;
}

}  // namespace

VINE_EXPORT BOOL VerQueryValueW(const void* block, const WCHAR* path, void** value, UINT* length) {
    if (!block || !path) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    auto node = query(block, path);
    if (!node) return FALSE;
    // The root's value is VS_FIXEDFILEINFO; a node without a value has none.
    if (node->value_bytes == 0 && !node->text) {
        SetLastError(ERROR_RESOURCE_TYPE_NOT_FOUND);
        return FALSE;
    }
    if (value) *value = const_cast<uint8_t*>(node->value);
    if (length) *length = node->text ? node->value_length : static_cast<UINT>(node->value_bytes);
    return TRUE;
}

// Text values are handed out narrowed, in the second half of the buffer
// GetFileVersionInfoSize sized at twice the block: a string at byte offset
// o with n WCHARs gets the n bytes at wLength + o / 2, which no other
// string's copy overlaps.
VINE_EXPORT BOOL VerQueryValueA(const void* block, const char* path, void** value, UINT* length) {
    if (!block || !path) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    int wide_size = MultiByteToWideChar(CP_ACP, 0, path, -1, nullptr, 0);
    std::u16string wide(wide_size > 0 ? static_cast<size_t>(wide_size) : 1, u'\0');
    MultiByteToWideChar(CP_ACP, 0, path, -1, wide.data(), wide_size);
    void* wide_value = nullptr;
    UINT wide_length = 0;
    if (!VerQueryValueW(block, wide.c_str(), &wide_value, &wide_length)) return FALSE;
    auto node = query(block, wide.c_str());
    if (!node->text) {
        if (value) *value = wide_value;
        if (length) *length = wide_length;
        return TRUE;
    }
    const auto* start = static_cast<const uint8_t*>(block);
    size_t root_length = read_node(start, start + 0xffff)->length;
    size_t offset = static_cast<size_t>(node->value - start);
    auto* narrow = const_cast<char*>(reinterpret_cast<const char*>(start + root_length + offset / 2));
    size_t room = node->value_length > 0 ? node->value_length : 1;
    int count = wide_length > 0 ? WideCharToMultiByte(CP_ACP, 0, static_cast<const WCHAR*>(wide_value),
                                                      static_cast<int>(wide_length), narrow, static_cast<int>(room),
                                                      nullptr, nullptr)
                                : 0;
    if (count <= 0) count = 0;
    if (static_cast<size_t>(count) >= room) count = static_cast<int>(room) - 1;
    narrow[count] = 0;
    if (value) *value = narrow;
    // The length counts the terminator when the stored value did.
    if (length) *length = wide_length > 0 ? static_cast<UINT>(std::strlen(narrow) + 1) : 0;
    return TRUE;
}
