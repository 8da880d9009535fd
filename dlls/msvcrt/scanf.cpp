// The scanf family: one engine over strings and streams, narrow and wide.
#include <cstring>
#include <string>

#include "core/crt_shared.h"
#include "core/numparse.h"
#include "core/printf_format.h"
#include "msvcrt_private.h"

namespace {

// Input: a string, or a stream read byte by byte (wide streams by fgetwc).
template <class CharT>
struct Input {
    const CharT* text = nullptr;
    size_t length = ~size_t{0};  // for _snscanf
    MSVCRT_FILE* file = nullptr;
    size_t consumed = 0;

    int get() {
        int c;
        if (file) {
            c = sizeof(CharT) == 1 ? MSVCRT_fgetc(file) : MSVCRT_fgetwc(file);
            if (c == (sizeof(CharT) == 1 ? MSVCRT_EOF : MSVCRT_WEOF)) return -1;
        } else {
            if (consumed >= length || !text[consumed]) return -1;
            c = static_cast<std::make_unsigned_t<CharT>>(text[consumed]);
        }
        ++consumed;
        return c;
    }
    void unget(int c) {
        if (c < 0) return;
        --consumed;
        if (file) {
            if (sizeof(CharT) == 1) MSVCRT_ungetc(c, file);
            else MSVCRT_ungetwc(c, file);
        }
    }
};

inline bool space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

template <class CharT>
int scan(Input<CharT>& in, const CharT* fmt, ms_va_list ap) {
    int assigned = 0;
    bool any_input = false;
    while (*fmt) {
        if (space(*fmt)) {
            int c;
            while (space(c = in.get())) {}
            in.unget(c);
            ++fmt;
            continue;
        }
        if (*fmt != '%' || fmt[1] == '%') {
            if (*fmt == '%') ++fmt;
            int c = in.get();
            if (c < 0) return any_input || assigned ? assigned : -1;
            if (c != *fmt) {
                in.unget(c);
                return assigned;
            }
            ++fmt;
            continue;
        }
        ++fmt;
        bool suppress = false;
        if (*fmt == '*') suppress = true, ++fmt;
        int width = 0;
        while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
        enum { Default, Short, Long, Int64 } size = Default;
        bool wide_flag = false, narrow_flag = false;
        for (;;) {
            if (*fmt == 'h') size = Short, narrow_flag = true, ++fmt;
            else if (*fmt == 'l') {
                if (fmt[1] == 'l') size = Int64, fmt += 2;
                else size = Long, wide_flag = true, ++fmt;
            } else if (*fmt == 'L') size = Long, ++fmt;
            else if (*fmt == 'w') wide_flag = true, ++fmt;
            else if (*fmt == 'I' && fmt[1] == '6' && fmt[2] == '4') size = Int64, fmt += 3;
            else if (*fmt == 'I' && fmt[1] == '3' && fmt[2] == '2') size = Default, fmt += 3;
            else if (*fmt == 'I') size = Int64, ++fmt;
            else break;
        }
        CharT conv = *fmt++;
        if (!conv) break;
        if (width == 0) width = -1;

        if (conv == 'n') {
            if (!suppress) *MSVCRT_VA_ARG(ap, int*) = static_cast<int>(in.consumed);
            continue;
        }
        int c = in.get();
        if (conv != 'c' && conv != 'C' && conv != '[')
            while (space(c)) c = in.get();
        if (c < 0) return any_input || assigned ? assigned : -1;
        any_input = true;

        std::basic_string<CharT> token;
        auto take = [&](auto accept) {
            while (c >= 0 && width != 0 && accept(c)) {
                token.push_back(static_cast<CharT>(c));
                if (width > 0) --width;
                if (width == 0) {
                    c = -2;  // consumed the last allowed character
                    break;
                }
                c = in.get();
            }
            if (c >= 0) in.unget(c);
        };

        switch (conv) {
        case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p': {
            int base = conv == 'o' ? 8 : (conv == 'x' || conv == 'X' || conv == 'p') ? 16 : conv == 'i' ? 0 : 10;
            if (conv == 'p') size = Int64;
            auto digit_ok = [&](int ch) {
                size_t n = token.size();
                if (n == 0 && (ch == '+' || ch == '-')) return true;
                size_t start = (n && (token[0] == '+' || token[0] == '-')) ? 1 : 0;
                if ((base == 16 || base == 0) && n == start + 1 && token[start] == '0' && (ch == 'x' || ch == 'X')) {
                    if (base == 0) base = 16;
                    return true;
                }
                if (base == 0 && n == start) {
                    if (ch == '0') base = 8;
                    else if (ch >= '1' && ch <= '9') base = 10;
                    else return false;
                    return true;
                }
                int value = (ch >= '0' && ch <= '9') ? ch - '0' : (ch >= 'a' && ch <= 'z') ? ch - 'a' + 10
                            : (ch >= 'A' && ch <= 'Z') ? ch - 'A' + 10 : 99;
                return value < (base ? base : 10);
            };
            take(digit_ok);
            if (token.empty() || token == std::basic_string<CharT>(1, '-') || token == std::basic_string<CharT>(1, '+'))
                return assigned;
            auto r = vine::msvcrt::parse_integer(token.c_str(), conv == 'i' ? 0 : base, true, 64);
            if (!r.consumed) return assigned;
            if (!suppress) {
                void* target = MSVCRT_VA_ARG(ap, void*);
                if (size == Short) *static_cast<int16_t*>(target) = static_cast<int16_t>(r.value);
                else if (size == Int64) *static_cast<int64_t*>(target) = static_cast<int64_t>(r.value);
                else *static_cast<int32_t*>(target) = static_cast<int32_t>(r.value);
                ++assigned;
            }
            break;
        }
        case 'e': case 'E': case 'f': case 'g': case 'G': case 'a': {
            bool seen_point = false, seen_exp = false;
            auto float_ok = [&](int ch) {
                CharT last = token.empty() ? 0 : token.back();
                if (ch == '+' || ch == '-') return token.empty() || last == 'e' || last == 'E';
                if (ch >= '0' && ch <= '9') return true;
                if (ch == '.' && !seen_point && !seen_exp) return seen_point = true;
                if ((ch == 'e' || ch == 'E') && !seen_exp && !token.empty()) return seen_exp = true;
                return false;
            };
            take(float_ok);
            auto r = vine::msvcrt::parse_double(token.c_str());
            if (!r.consumed) return assigned;
            if (!suppress) {
                void* target = MSVCRT_VA_ARG(ap, void*);
                if (size == Long || size == Int64) *static_cast<double*>(target) = r.value;
                else *static_cast<float*>(target) = static_cast<float>(r.value);
                ++assigned;
            }
            break;
        }
        case 's': case 'S': case 'c': case 'C': case '[': {
            bool is_set = conv == '[';
            bool wide = wide_flag || (!narrow_flag && ((sizeof(CharT) == 2) != (conv == 'S' || conv == 'C')));
            std::basic_string<CharT> set;
            bool negate = false;
            if (is_set) {
                if (*fmt == '^') negate = true, ++fmt;
                if (*fmt == ']') set.push_back(*fmt++);
                while (*fmt && *fmt != ']') set.push_back(*fmt++);
                if (*fmt == ']') ++fmt;
            }
            auto in_set = [&](int ch) {
                for (size_t i = 0; i < set.size(); ++i) {
                    if (i + 2 < set.size() && set[i + 1] == '-') {
                        if (ch >= set[i] && ch <= set[i + 2]) return !negate;
                        i += 2;
                    } else if (set[i] == ch) {
                        return !negate;
                    }
                }
                return negate;
            };
            if (conv == 'c' || conv == 'C') {
                if (width < 0) width = 1;
                take([](int) { return true; });
            } else if (is_set) {
                take(in_set);
            } else {
                take([](int ch) { return !space(ch); });
            }
            if (token.empty()) return assigned;
            if (!suppress) {
                void* target = MSVCRT_VA_ARG(ap, void*);
                bool terminate = conv != 'c' && conv != 'C';
                if (wide) {
                    auto* out = static_cast<WCHAR*>(target);
                    for (CharT ch : token) *out++ = static_cast<WCHAR>(static_cast<std::make_unsigned_t<CharT>>(ch));
                    if (terminate) *out = 0;
                } else {
                    auto* out = static_cast<char*>(target);
                    for (CharT ch : token) *out++ = static_cast<char>(ch);
                    if (terminate) *out = 0;
                }
                ++assigned;
            }
            break;
        }
        default:
            return assigned;
        }
    }
    return assigned;
}

template <class CharT>
int scan_string(const CharT* s, size_t length, const CharT* fmt, ms_va_list ap) {
    if (!s || !fmt) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    Input<CharT> in;
    in.text = s;
    in.length = length;
    return scan(in, fmt, ap);
}

template <class CharT>
int scan_file(MSVCRT_FILE* f, const CharT* fmt, ms_va_list ap) {
    if (!f || !fmt) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    Input<CharT> in;
    in.file = f;
    msvcrt_lock_streams();
    int r = scan(in, fmt, ap);
    msvcrt_unlock_streams();
    return r;
}

}  // namespace


constexpr size_t kAll = ~size_t{0};
MSVCRT_API int MSVCRT_sscanf(const char* s, const char* fmt, ...) { VA_CALL(fmt, scan_string(s, kAll, fmt, ap)); }
MSVCRT_API int MSVCRT__snscanf(const char* s, size_t n, const char* fmt, ...) { VA_CALL(fmt, scan_string(s, n, fmt, ap)); }
MSVCRT_API int MSVCRT_fscanf(MSVCRT_FILE* f, const char* fmt, ...) { VA_CALL(fmt, scan_file(f, fmt, ap)); }
MSVCRT_API int MSVCRT_scanf(const char* fmt, ...) { VA_CALL(fmt, scan_file(MSVCRT_stdin, fmt, ap)); }
MSVCRT_API int MSVCRT_swscanf(const WCHAR* s, const WCHAR* fmt, ...) { VA_CALL(fmt, scan_string(s, kAll, fmt, ap)); }
MSVCRT_API int MSVCRT__snwscanf(const WCHAR* s, size_t n, const WCHAR* fmt, ...) {
    VA_CALL(fmt, scan_string(s, n, fmt, ap));
}
MSVCRT_API int MSVCRT_fwscanf(MSVCRT_FILE* f, const WCHAR* fmt, ...) { VA_CALL(fmt, scan_file(f, fmt, ap)); }
MSVCRT_API int MSVCRT_wscanf(const WCHAR* fmt, ...) { VA_CALL(fmt, scan_file(MSVCRT_stdin, fmt, ap)); }

// The va_list forms, which ucrtbase's __stdio_common_v*scanf use.
MSVCRT_API int MSVCRT_vsnscanf(const char* s, size_t n, const char* fmt, ms_va_list ap) {
    return scan_string(s, n, fmt, ap);
}
MSVCRT_API int MSVCRT_vsnwscanf(const WCHAR* s, size_t n, const WCHAR* fmt, ms_va_list ap) {
    return scan_string(s, n, fmt, ap);
}
MSVCRT_API int MSVCRT_vfscanf(MSVCRT_FILE* f, const char* fmt, ms_va_list ap) { return scan_file(f, fmt, ap); }
MSVCRT_API int MSVCRT_vfwscanf(MSVCRT_FILE* f, const WCHAR* fmt, ms_va_list ap) { return scan_file(f, fmt, ap); }
