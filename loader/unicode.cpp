#include "vine/unicode.h"

namespace vine {

std::u16string utf8_to_utf16(std::string_view text) {
    std::u16string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        auto byte = static_cast<unsigned char>(text[i]);
        char32_t code = 0xfffd;
        size_t length = 1;
        if (byte < 0x80) {
            code = byte;
        } else if ((byte & 0xe0) == 0xc0) {
            length = 2;
        } else if ((byte & 0xf0) == 0xe0) {
            length = 3;
        } else if ((byte & 0xf8) == 0xf0) {
            length = 4;
        }
        if (length > 1) {
            bool valid = i + length <= text.size();
            char32_t value = byte & (0x7f >> length);
            for (size_t k = 1; valid && k < length; ++k) {
                auto next = static_cast<unsigned char>(text[i + k]);
                if ((next & 0xc0) != 0x80) valid = false;
                value = (value << 6) | (next & 0x3f);
            }
            static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
            if (valid && value >= kMinimum[length] && value <= 0x10ffff && (value < 0xd800 || value > 0xdfff)) {
                code = value;
            } else {
                length = 1;
            }
        }
        i += length;
        if (code >= 0x10000) {
            code -= 0x10000;
            out += static_cast<char16_t>(0xd800 + (code >> 10));
            out += static_cast<char16_t>(0xdc00 + (code & 0x3ff));
        } else {
            out += static_cast<char16_t>(code);
        }
    }
    return out;
}

std::string utf16_to_utf8(std::u16string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        char32_t code = text[i];
        if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.size() && text[i + 1] >= 0xdc00 && text[i + 1] <= 0xdfff) {
            code = 0x10000 + ((code - 0xd800) << 10) + (text[i + 1] - 0xdc00);
            ++i;
        } else if (code >= 0xd800 && code <= 0xdfff) {
            code = 0xfffd;
        }
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xc0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3f));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xe0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (code & 0x3f));
        } else {
            out += static_cast<char>(0xf0 | (code >> 18));
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3f));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (code & 0x3f));
        }
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
