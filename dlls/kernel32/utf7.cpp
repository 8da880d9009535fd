// UTF-7: characters of RFC 2152's set D and white space are written as
// themselves, '+' as "+-", everything else as '+', the base64 of its UTF-16
// units and a closing '-'. Reading never fails: a byte outside a base64 run
// is taken as the character of that value, and bits left over when a run
// ends are dropped.
#include "utf7.h"

namespace kernel32 {

namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64_value(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

bool direct(WCHAR c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
    switch (c) {
    case '\'': case '(': case ')': case ',': case '-': case '.': case '/': case ':': case '?':
    case ' ': case '\t': case '\r': case '\n':
        return true;
    default:
        return false;
    }
}

// An output cursor that counts when it has no buffer and stops when full.
template <typename Unit>
struct Output {
    Unit* dst;
    size_t capacity, length = 0;
    bool full = false;
    bool put(Unit u) {
        if (full) return false;
        if (dst) {
            if (length >= capacity) return !(full = true);
            dst[length] = u;
        }
        ++length;
        return true;
    }
};

}  // namespace

size_t utf7_to_utf16(const char* src, size_t length, WCHAR* dst, size_t capacity, bool* overflow) {
    Output<WCHAR> out{dst, capacity};
    size_t i = 0;
    while (i < length && !out.full) {
        auto c = static_cast<unsigned char>(src[i]);
        if (c != '+') {
            out.put(c);
            ++i;
            continue;
        }
        ++i;
        if (i < length && src[i] == '-') {
            out.put('+');
            ++i;
            continue;
        }
        // A base64 run: 16 bits make a unit.
        unsigned bits = 0, count = 0;
        while (i < length) {
            int value = base64_value(static_cast<unsigned char>(src[i]));
            if (value < 0) break;
            bits = (bits << 6) | static_cast<unsigned>(value);
            count += 6;
            ++i;
            if (count >= 16) {
                count -= 16;
                if (!out.put(static_cast<WCHAR>(bits >> count))) break;
                bits &= (1u << count) - 1;
            }
        }
        if (i < length && src[i] == '-') ++i;  // the run's terminator is absorbed
    }
    *overflow = out.full;
    return out.length;
}

size_t utf16_to_utf7(const WCHAR* src, size_t length, char* dst, size_t capacity, bool* overflow) {
    Output<char> out{dst, capacity};
    size_t i = 0;
    while (i < length && !out.full) {
        WCHAR c = src[i];
        if (c == '+') {
            out.put('+') && out.put('-');
            ++i;
            continue;
        }
        if (direct(c)) {
            out.put(static_cast<char>(c));
            ++i;
            continue;
        }
        out.put('+');
        unsigned bits = 0, count = 0;
        while (i < length && !direct(src[i]) && src[i] != '+' && !out.full) {
            bits = (bits << 16) | src[i++];
            count += 16;
            while (count >= 6) {
                count -= 6;
                out.put(kBase64[(bits >> count) & 0x3f]);
            }
            bits &= (1u << count) - 1;
        }
        if (count) out.put(kBase64[(bits << (6 - count)) & 0x3f]);
        out.put('-');
    }
    *overflow = out.full;
    return out.length;
}

}  // namespace kernel32
