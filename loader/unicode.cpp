#include "vine/unicode.h"

#include <cstdint>
#include <cstring>

namespace vine {

namespace {

// Bytes 0x80 and up in eight bytes at once: the ASCII fast path.
constexpr uint64_t kHighBits = 0x8080808080808080ull;

// The valid range of a sequence's second byte, by lead byte (Unicode's
// table 3-7); a first byte outside C2..F4 starts no sequence at all.
struct LeadInfo {
    uint8_t length, low, high;
};
constexpr LeadInfo lead_info(unsigned char byte) {
    if (byte >= 0xc2 && byte <= 0xdf) return {2, 0x80, 0xbf};
    if (byte == 0xe0) return {3, 0xa0, 0xbf};
    if (byte == 0xed) return {3, 0x80, 0x9f};
    if (byte >= 0xe1 && byte <= 0xef) return {3, 0x80, 0xbf};
    if (byte == 0xf0) return {4, 0x90, 0xbf};
    if (byte == 0xf4) return {4, 0x80, 0x8f};
    if (byte >= 0xf1 && byte <= 0xf3) return {4, 0x80, 0xbf};
    return {0, 0, 0};
}

// The length of the valid UTF-8 sequence at src[0..size), 0 when the bytes
// there start none.
size_t valid_sequence_length(const unsigned char* src, size_t size) {
    if (src[0] < 0x80) return 1;
    LeadInfo lead = lead_info(src[0]);
    if (lead.length == 0 || lead.length > size) return 0;
    if (src[1] < lead.low || src[1] > lead.high) return 0;
    for (size_t k = 2; k < lead.length; ++k)
        if ((src[k] & 0xc0) != 0x80) return 0;
    return lead.length;
}

bool is_escaped_byte(char16_t unit) { return unit >= 0xdc80 && unit <= 0xdcff; }

}  // namespace

ConvertResult utf8_to_utf16(std::string_view text, char16_t* dst, size_t capacity, bool stop_on_invalid) {
    ConvertResult result;
    const auto* src = reinterpret_cast<const unsigned char*>(text.data());
    size_t size = text.size(), i = 0, out = 0;
    if (!dst) capacity = SIZE_MAX;
    while (i < size) {
        // ASCII fast path: eight bytes without a high bit at a time.
        while (i + 8 <= size && out + 8 <= capacity) {
            uint64_t word;
            memcpy(&word, src + i, 8);
            if (word & kHighBits) break;
            if (dst)
                for (int k = 0; k < 8; ++k) dst[out + k] = src[i + k];
            i += 8;
            out += 8;
        }
        if (i >= size) break;
        unsigned char byte = src[i];
        char32_t code;
        size_t length = 1;
        if (byte < 0x80) {
            code = byte;
        } else {
            LeadInfo lead = lead_info(byte);
            code = byte & (0x7f >> lead.length);
            // The maximal subpart: stop at the first byte that cannot continue.
            size_t k = 1;
            for (; k < lead.length && i + k < size; ++k) {
                auto next = src[i + k];
                bool ok = k == 1 ? next >= lead.low && next <= lead.high : (next & 0xc0) == 0x80;
                if (!ok) break;
                code = (code << 6) | (next & 0x3f);
            }
            if (lead.length == 0 || k < lead.length) {
                result.invalid = true;
                if (stop_on_invalid) break;
                code = 0xfffd;
                length = lead.length == 0 ? 1 : k;
            } else {
                length = lead.length;
            }
        }
        size_t units = code >= 0x10000 ? 2 : 1;
        if (out + units > capacity) {
            result.overflow = true;
            break;
        }
        if (dst) {
            if (units == 2) {
                dst[out] = static_cast<char16_t>(0xd800 + ((code - 0x10000) >> 10));
                dst[out + 1] = static_cast<char16_t>(0xdc00 + ((code - 0x10000) & 0x3ff));
            } else {
                dst[out] = static_cast<char16_t>(code);
            }
        }
        out += units;
        i += length;
    }
    result.length = out;
    return result;
}

ConvertResult utf16_to_utf8(std::u16string_view text, char* dst, size_t capacity, bool stop_on_invalid) {
    ConvertResult result;
    size_t size = text.size(), i = 0, out = 0;
    if (!dst) capacity = SIZE_MAX;
    while (i < size) {
        char32_t code = text[i];
        size_t consumed = 1;
        if (code < 0x80) {
            // ASCII fast path.
            size_t end = i;
            while (end < size && text[end] < 0x80 && out + (end - i) < capacity) ++end;
            if (end > i) {
                if (dst)
                    for (size_t k = i; k < end; ++k) dst[out + k - i] = static_cast<char>(text[k]);
                out += end - i;
                i = end;
                continue;
            }
        } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < size && text[i + 1] >= 0xdc00 && text[i + 1] <= 0xdfff) {
            code = 0x10000 + ((code - 0xd800) << 10) + (text[i + 1] - 0xdc00);
            consumed = 2;
        } else if (code >= 0xd800 && code <= 0xdfff) {
            result.invalid = true;
            if (stop_on_invalid) break;
            code = 0xfffd;
        }
        size_t bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
        if (out + bytes > capacity) {
            result.overflow = true;
            break;
        }
        if (dst) {
            char* p = dst + out;
            if (bytes == 1) {
                p[0] = static_cast<char>(code);
            } else if (bytes == 2) {
                p[0] = static_cast<char>(0xc0 | (code >> 6));
                p[1] = static_cast<char>(0x80 | (code & 0x3f));
            } else if (bytes == 3) {
                p[0] = static_cast<char>(0xe0 | (code >> 12));
                p[1] = static_cast<char>(0x80 | ((code >> 6) & 0x3f));
                p[2] = static_cast<char>(0x80 | (code & 0x3f));
            } else {
                p[0] = static_cast<char>(0xf0 | (code >> 18));
                p[1] = static_cast<char>(0x80 | ((code >> 12) & 0x3f));
                p[2] = static_cast<char>(0x80 | ((code >> 6) & 0x3f));
                p[3] = static_cast<char>(0x80 | (code & 0x3f));
            }
        }
        out += bytes;
        i += consumed;
    }
    result.length = out;
    return result;
}

// Each UTF-8 byte gives at most one UTF-16 unit, each UTF-16 unit at most
// three UTF-8 bytes: one pass into a buffer of the bound, then shrink.
std::u16string utf8_to_utf16(std::string_view text) {
    std::u16string out(text.size(), u'\0');
    out.resize(utf8_to_utf16(text, out.data(), out.size()).length);
    return out;
}

std::string utf16_to_utf8(std::u16string_view text) {
    std::string out(text.size() * 3, '\0');
    out.resize(utf16_to_utf8(text, out.data(), out.size()).length);
    return out;
}

std::u16string unix_to_utf16(std::string_view text) {
    std::u16string out;
    out.reserve(text.size());
    const auto* src = reinterpret_cast<const unsigned char*>(text.data());
    size_t i = 0;
    while (i < text.size()) {
        // The longest valid run, converted at once.
        size_t run = i;
        while (run < text.size()) {
            size_t length = valid_sequence_length(src + run, text.size() - run);
            if (length == 0) break;
            run += length;
        }
        if (run > i) out += utf8_to_utf16(text.substr(i, run - i));
        if (run < text.size()) out += static_cast<char16_t>(0xdc00 + src[run++]);
        i = run;
    }
    return out;
}

std::string utf16_to_unix(std::u16string_view text) {
    std::string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        // Up to the next lone U+DC80..U+DCFF (one not after a high surrogate,
        // so the split never cuts a pair).
        size_t run = i;
        while (run < text.size() &&
               !(is_escaped_byte(text[run]) && !(run > 0 && text[run - 1] >= 0xd800 && text[run - 1] <= 0xdbff)))
            ++run;
        if (run > i) out += utf16_to_utf8(text.substr(i, run - i));
        if (run < text.size()) out += static_cast<char>(text[run++] - 0xdc00);
        i = run;
    }
    return out;
}

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const auto* src = reinterpret_cast<const unsigned char*>(text.data());
    for (size_t i = 0; i < text.size();) {
        size_t length = valid_sequence_length(src + i, text.size() - i);
        if (length == 0 || src[i] < 0x20 || src[i] == 0x7f) {
            static const char digits[] = "0123456789abcdef";
            out += "\\x";
            out += digits[src[i] >> 4];
            out += digits[src[i] & 15];
            ++i;
            continue;
        }
        out.append(text.substr(i, length));
        i += length;
    }
    return out;
}

size_t utf16_length(const char16_t* text) {
    size_t length = 0;
    while (text[length]) ++length;
    return length;
}

char16_t ascii_lower(char16_t c) { return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c; }

bool equal_ignore_case(std::u16string_view a, std::u16string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
}

}  // namespace vine
