#include "hive_file.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cctype>

#include "vine/unicode.h"

namespace vine::server::hive {
namespace {

constexpr uint32_t REG_SZ = 1, REG_EXPAND_SZ = 2, REG_BINARY = 3, REG_DWORD = 4, REG_MULTI_SZ = 7;
constexpr int64_t kUnixEpochAsFiletime = 116444736000000000LL;

// Escapes a UTF-16 text for a quoted string or a key path: backslash and
// quote, control characters and lone surrogates as \xHHHH (what the parser
// reads back), everything else as UTF-8.
std::string escape(std::u16string_view text, bool key_path) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        char16_t c = text[i];
        if (c == u'\\') {
            out += "\\\\";
        } else if (c == u'"' && !key_path) {
            out += "\\\"";
        } else if ((c == u']' || c == u'[') && key_path) {
            char buffer[8];
            snprintf(buffer, sizeof(buffer), "\\x%04x", static_cast<unsigned>(c));
            out += buffer;
        } else if (c == u'\n') {
            out += "\\n";
        } else if (c == u'\r') {
            out += "\\r";
        } else if (c == u'\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7f) {
            char buffer[8];
            snprintf(buffer, sizeof(buffer), "\\x%04x", static_cast<unsigned>(c));
            out += buffer;
        } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.size() && text[i + 1] >= 0xdc00 && text[i + 1] < 0xe000) {
            out += utf16_to_utf8(text.substr(i, 2));
            ++i;
        } else if (c >= 0xd800 && c < 0xe000) {
            char buffer[8];
            snprintf(buffer, sizeof(buffer), "\\x%04x", static_cast<unsigned>(c));
            out += buffer;
        } else {
            out += utf16_to_utf8(text.substr(i, 1));
        }
    }
    return out;
}

// Reads an escaped text up to `end` (a quote, or ']' for a key path) from
// `line` at `pos`; false when the line ends first.
bool unescape(std::string_view line, size_t& pos, char end, std::u16string& out) {
    std::string pending;  // UTF-8 run waiting to be converted
    auto flush = [&] {
        out += utf8_to_utf16(pending);
        pending.clear();
    };
    while (pos < line.size()) {
        char c = line[pos++];
        if (c == end) {
            flush();
            return true;
        }
        if (c != '\\') {
            pending += c;
            continue;
        }
        if (pos >= line.size()) return false;
        char e = line[pos++];
        flush();
        switch (e) {
        case 'n': out += u'\n'; break;
        case 'r': out += u'\r'; break;
        case 't': out += u'\t'; break;
        case '0': out += u'\0'; break;
        case 'x': {
            uint32_t code = 0;
            int digits = 0;
            while (pos < line.size() && digits < 4 && isxdigit(static_cast<unsigned char>(line[pos]))) {
                char d = line[pos++];
                code = code * 16 + static_cast<uint32_t>(isdigit(static_cast<unsigned char>(d)) ? d - '0' : (d | 0x20) - 'a' + 10);
                ++digits;
            }
            if (!digits) return false;
            out += static_cast<char16_t>(code);
            break;
        }
        default: out += static_cast<char16_t>(static_cast<unsigned char>(e)); break;
        }
    }
    return false;
}

std::string utf16_bytes(const std::u16string& text, bool terminate) {
    std::string bytes;
    for (char16_t c : text) {
        bytes += static_cast<char>(c & 0xff);
        bytes += static_cast<char>(c >> 8);
    }
    if (terminate) bytes.append(2, '\0');
    return bytes;
}

// "aa,bb,..." (continuations already joined) into bytes.
bool parse_hex_bytes(std::string_view text, std::string& bytes) {
    size_t pos = 0;
    while (pos < text.size()) {
        while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
        if (pos >= text.size()) break;
        if (pos + 2 > text.size() || !isxdigit(static_cast<unsigned char>(text[pos])) ||
            !isxdigit(static_cast<unsigned char>(text[pos + 1])))
            return false;
        bytes += static_cast<char>(strtoul(std::string(text.substr(pos, 2)).c_str(), nullptr, 16));
        pos += 2;
        while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
        if (pos < text.size()) {
            if (text[pos] != ',') return false;
            ++pos;
        }
    }
    return true;
}

// The value after '=' on a value line.
bool parse_data(std::string_view text, Value& value) {
    auto starts = [&](std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; };
    if (!text.empty() && text[0] == '"') {
        size_t pos = 1;
        std::u16string string;
        if (!unescape(text, pos, '"', string)) return false;
        value.type = REG_SZ;
        value.data = utf16_bytes(string, true);
        return true;
    }
    if (starts("str(")) {
        size_t close = text.find("):\"");
        if (close == std::string_view::npos) return false;
        value.type = static_cast<uint32_t>(strtoul(std::string(text.substr(4, close - 4)).c_str(), nullptr, 16));
        size_t pos = close + 3;
        std::u16string string;
        if (!unescape(text, pos, '"', string)) return false;
        value.data = utf16_bytes(string, true);
        return true;
    }
    if (starts("dword:")) {
        std::string digits(text.substr(6));
        if (digits.size() != 8 || digits.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) return false;
        uint32_t number = static_cast<uint32_t>(strtoul(digits.c_str(), nullptr, 16));
        value.type = REG_DWORD;
        value.data.assign(reinterpret_cast<const char*>(&number), 4);
        return true;
    }
    if (starts("hex:")) {
        value.type = REG_BINARY;
        return parse_hex_bytes(text.substr(4), value.data);
    }
    if (starts("hex(")) {
        size_t close = text.find("):");
        if (close == std::string_view::npos || close == 4) return false;
        std::string type(text.substr(4, close - 4));
        if (type.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos || type.size() > 8) return false;
        value.type = static_cast<uint32_t>(strtoul(type.c_str(), nullptr, 16));
        return parse_hex_bytes(text.substr(close + 2), value.data);
    }
    return false;
}

// A string value whose bytes are one UTF-16 text with its terminator (and
// no other NUL) can be written as a quoted string.
bool as_text(const Value& value, std::u16string& text) {
    if (value.type != REG_SZ && value.type != REG_EXPAND_SZ) return false;
    if (value.data.size() < 2 || value.data.size() % 2) return false;
    for (size_t i = 0; i + 1 < value.data.size(); i += 2)
        text += static_cast<char16_t>(static_cast<unsigned char>(value.data[i]) |
                                      static_cast<unsigned char>(value.data[i + 1]) << 8);
    if (text.back() != 0) return false;
    text.pop_back();
    return text.find(u'\0') == std::u16string::npos;
}

void append_hex(std::string& out, const std::string& data) {
    size_t column = out.size() - (out.rfind('\n') == std::string::npos ? 0 : out.rfind('\n') + 1);
    for (size_t i = 0; i < data.size(); ++i) {
        char byte[4];
        snprintf(byte, sizeof(byte), "%02x", static_cast<unsigned char>(data[i]));
        out += byte;
        column += 2;
        if (i + 1 < data.size()) {
            out += ',';
            ++column;
            if (column > 76) {
                out += "\\\n  ";
                column = 2;
            }
        }
    }
}

}  // namespace

Parsed parse(std::string_view text) {
    Parsed parsed;
    // Lines, with backslash continuations joined (leading blanks of the
    // continuation dropped); each keeps the number of its first line.
    std::vector<std::pair<size_t, std::string>> lines;
    size_t number = 0;
    std::string current;
    size_t current_number = 0;
    bool continuing = false;
    for (size_t pos = 0; pos <= text.size();) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        ++number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (continuing) {
            size_t skip = line.find_first_not_of(" \t");
            current += skip == std::string_view::npos ? std::string_view() : line.substr(skip);
        } else {
            current = std::string(line);
            current_number = number;
        }
        // Only hex data continues on the next line (strings end with a quote).
        continuing = !current.empty() && current.back() == '\\' && current.find("=hex") != std::string::npos;
        if (continuing) {
            current.pop_back();
            if (end == text.size()) {
                parsed.errors.push_back("line " + std::to_string(current_number) + ": cut off in a continuation");
                break;
            }
        } else {
            lines.emplace_back(current_number, current);
        }
        if (end == text.size()) break;
        pos = end + 1;
    }
    if (lines.empty() || lines[0].second != "WINE REGISTRY Version 2") {
        parsed.errors.push_back("line 1: not a \"WINE REGISTRY Version 2\" file");
        return parsed;
    }
    Key* key = nullptr;
    for (size_t i = 1; i < lines.size(); ++i) {
        const auto& [line_number, line] = lines[i];
        auto fail = [&, line_number = line_number](const char* what) {
            parsed.errors.push_back("line " + std::to_string(line_number) + ": " + what);
        };
        if (line.empty() || line[0] == ';') continue;
        if (line[0] == '#') {
            if (key && line.rfind("#time=", 0) == 0) key->modified = static_cast<int64_t>(strtoull(line.c_str() + 6, nullptr, 16));
            if (key && line == "#link") key->is_link = true;
            if (key && line.rfind("#security=", 0) == 0) {
                std::string hex = line.substr(10), bytes;
                bool good = hex.size() % 2 == 0 && hex.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
                for (size_t i = 0; good && i < hex.size(); i += 2)
                    bytes += static_cast<char>(strtoul(hex.substr(i, 2).c_str(), nullptr, 16));
                if (good) key->security = std::move(bytes);
                else fail("a security descriptor that cannot be read");
            }
            continue;  // #arch=, #class= and other options
        }
        if (line[0] == '[') {
            size_t pos = 1;
            std::u16string path;
            if (!unescape(line, pos, ']', path)) {
                fail("a key line without its closing ]");
                key = nullptr;
                continue;
            }
            // Key paths are written with doubled backslashes: the escape
            // reading turned them into single ones already.
            parsed.keys.push_back(Key{path, 0, {}, false, {}});
            key = &parsed.keys.back();
            // Seconds since 1970; a number no FILETIME can hold is ignored.
            long long stamp = atoll(line.c_str() + pos);
            if (stamp > 0 && stamp < (INT64_MAX - kUnixEpochAsFiletime) / 10000000LL)
                key->modified = stamp * 10000000LL + kUnixEpochAsFiletime;
            continue;
        }
        if (!key) {
            fail("a value outside any key");
            continue;
        }
        Value value;
        size_t pos = 0;
        if (line[0] == '@') {
            pos = 1;
        } else if (line[0] == '"') {
            pos = 1;
            if (!unescape(line, pos, '"', value.name)) {
                fail("a value name without its closing quote");
                continue;
            }
        } else {
            fail("neither a key, a value nor a comment");
            continue;
        }
        if (pos >= line.size() || line[pos] != '=') {
            fail("a value without '='");
            continue;
        }
        if (!parse_data(std::string_view(line).substr(pos + 1), value)) {
            fail("value data that cannot be read");
            continue;
        }
        key->values.push_back(std::move(value));
    }
    return parsed;
}

std::string escape_key_path(std::u16string_view path) { return escape(path, true); }

std::string format(std::string_view root, const std::vector<Key>& keys) {
    std::string out = "WINE REGISTRY Version 2\n;; All keys relative to ";
    out += root;
    out += "\n\n#arch=win64\n";
    for (const auto& key : keys) {
        out += "\n[" + escape(key.path, true) + "] ";
        out += std::to_string(key.modified > kUnixEpochAsFiletime ? (key.modified - kUnixEpochAsFiletime) / 10000000 : 0);
        char time[32];
        snprintf(time, sizeof(time), "\n#time=%llx\n", static_cast<unsigned long long>(key.modified));
        out += time;
        if (key.is_link) out += "#link\n";
        if (!key.security.empty()) {
            out += "#security=";
            for (unsigned char byte : key.security) {
                char digits[4];
                snprintf(digits, sizeof(digits), "%02x", byte);
                out += digits;
            }
            out += "\n";
        }
        for (const auto& value : key.values) {
            out += value.name.empty() ? "@=" : "\"" + escape(value.name, false) + "\"=";
            std::u16string text;
            if (as_text(value, text)) {
                if (value.type == REG_EXPAND_SZ) out += "str(2):";
                out += "\"" + escape(text, false) + "\"\n";
            } else if (value.type == REG_DWORD && value.data.size() == 4) {
                uint32_t number;
                memcpy(&number, value.data.data(), 4);
                char digits[16];
                snprintf(digits, sizeof(digits), "dword:%08x\n", number);
                out += digits;
            } else {
                if (value.type == REG_BINARY) {
                    out += "hex:";
                } else {
                    char prefix[24];
                    snprintf(prefix, sizeof(prefix), "hex(%x):", value.type);
                    out += prefix;
                }
                append_hex(out, value.data);
                out += "\n";
            }
        }
    }
    return out;
}

}  // namespace vine::server::hive
