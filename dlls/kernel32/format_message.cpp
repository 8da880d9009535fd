// FormatMessageW/A: a message (from the caller's string or the system
// message table) with its inserts (%1..%99, each with an optional !printf!
// spec) and escapes (%n, %%, %0...) expanded, as the FormatMessage
// documentation describes. The formatting is done once, in UTF-16;
// FormatMessageA converts its strings at the edges and only changes what
// !s! and !S! read.
//
// Arguments: with FORMAT_MESSAGE_ARGUMENT_ARRAY they are an array of
// DWORD_PTRs; otherwise a va_list, which in the x64 convention is a pointer
// to 8-byte slots too, so insert %N reads the Nth slot either way.
// Not supported: message tables in modules (FORMAT_MESSAGE_FROM_HMODULE
// alone fails with ERROR_RESOURCE_TYPE_NOT_FOUND) and floating-point specs.
#include <cstdio>
#include <cstring>
#include <string>

#include "kernel32_private.h"
#include "system_messages.h"

namespace {

constexpr DWORD FORMAT_MESSAGE_ALLOCATE_BUFFER = 0x100, FORMAT_MESSAGE_IGNORE_INSERTS = 0x200,
                FORMAT_MESSAGE_FROM_STRING = 0x400, FORMAT_MESSAGE_FROM_HMODULE = 0x800,
                FORMAT_MESSAGE_FROM_SYSTEM = 0x1000, FORMAT_MESSAGE_ARGUMENT_ARRAY = 0x2000,
                FORMAT_MESSAGE_MAX_WIDTH_MASK = 0xff;
constexpr DWORD LANG_NEUTRAL = 0, LANG_ENGLISH = 9;

struct Arguments {
    const uint64_t* slots = nullptr;
    uint64_t at(unsigned number) const { return slots[number - 1]; }  // %1 is the first
};

bool is_digit(char16_t c) { return c >= u'0' && c <= u'9'; }

std::u16string widen(const char* text) {
    std::u16string out;
    for (; *text; ++text) out += static_cast<char16_t>(static_cast<unsigned char>(*text));
    return out;
}

// One insert: `spec` is what stood between the !s (default "s"), `number`
// the insert's number; `*` widths and precisions take the following
// arguments. Returns false for a spec Vine does not format.
bool format_insert(std::u16string& out, std::u16string_view spec, unsigned number, const Arguments& args,
                   bool ansi) {
    std::string flags;
    size_t i = 0;
    while (i < spec.size() && std::u16string_view(u"-+ #0").find(spec[i]) != std::u16string_view::npos)
        flags += static_cast<char>(spec[i++]);
    unsigned next = number;  // the argument a '*' reads
    auto read_number = [&](int& value) {
        value = -1;
        if (i < spec.size() && spec[i] == u'*') {
            value = static_cast<int>(args.at(next++));
            ++i;
            return;
        }
        if (i < spec.size() && is_digit(spec[i])) {
            value = 0;
            while (i < spec.size() && is_digit(spec[i])) value = value * 10 + (spec[i++] - u'0');
        }
    };
    int width = -1, precision = -1;
    read_number(width);
    if (i < spec.size() && spec[i] == u'.') {
        ++i;
        read_number(precision);
        if (precision < 0) precision = 0;
    }
    int bits = 32;  // int, long and DWORD are 32 bits on Windows
    bool wide_override = false, narrow_override = false;
    if (spec.substr(i).starts_with(u"I64") || spec.substr(i).starts_with(u"ll")) {
        bits = 64;
        i += spec[i] == u'I' ? 3 : 2;
    } else if (spec.substr(i).starts_with(u"I32")) {
        i += 3;
    } else if (i < spec.size() && spec[i] == u'I') {
        bits = 64;  // pointer-sized
        ++i;
    } else if (i < spec.size() && spec[i] == u'h') {
        bits = 16;
        narrow_override = true;
        ++i;
    } else if (i < spec.size() && (spec[i] == u'l' || spec[i] == u'w')) {
        wide_override = true;
        ++i;
    }
    if (i + 1 != spec.size()) return false;
    char16_t conversion = spec[i];
    uint64_t value = args.at(next);

    if (conversion == u's' || conversion == u'S' || conversion == u'c' || conversion == u'C') {
        bool lower = conversion == u's' || conversion == u'c';
        bool wide = wide_override ? true : narrow_override ? false : (lower != ansi);
        std::u16string text;
        if (conversion == u'c' || conversion == u'C') {
            text = wide ? std::u16string(1, static_cast<char16_t>(value))
                        : std::u16string(1, static_cast<char16_t>(static_cast<unsigned char>(value)));
        } else if (!value) {
            text = u"(null)";
        } else if (wide) {
            text = reinterpret_cast<const char16_t*>(value);
        } else {
            text = kernel32::wide_from_ansi(reinterpret_cast<const char*>(value));
        }
        if (precision >= 0 && text.size() > static_cast<size_t>(precision)) text.resize(precision);
        size_t pad = width > 0 && static_cast<size_t>(width) > text.size() ? width - text.size() : 0;
        if (flags.find('-') != std::string::npos) out += text + std::u16string(pad, u' ');
        else out += std::u16string(pad, u' ') + text;
        return true;
    }
    if (std::u16string_view(u"diouxXp").find(conversion) == std::u16string_view::npos) return false;
    if (conversion == u'p') bits = 64;
    std::string format = "%" + flags;
    if (width >= 0) format += std::to_string(width);
    if (precision >= 0) format += "." + std::to_string(precision);
    char buffer[128];
    if (conversion == u'p') {
        // Windows prints a pointer as 16 upper-case hex digits.
        snprintf(buffer, sizeof buffer, (format + "016llX").c_str(), static_cast<unsigned long long>(value));
    } else {
        format += "ll";
        format += static_cast<char>(conversion);
        bool is_signed = conversion == u'd' || conversion == u'i';
        long long signed_value = bits == 64   ? static_cast<long long>(value)
                                 : bits == 16 ? static_cast<int16_t>(value)
                                              : static_cast<int32_t>(value);
        unsigned long long unsigned_value = bits == 64   ? value
                                            : bits == 16 ? static_cast<uint16_t>(value)
                                                         : static_cast<uint32_t>(value);
        if (is_signed) snprintf(buffer, sizeof buffer, format.c_str(), signed_value);
        else snprintf(buffer, sizeof buffer, format.c_str(), unsigned_value);
    }
    out += widen(buffer);
    return true;
}

// Breaks `text` into lines of at most `width` characters at blanks (a word
// longer than a line is cut), as FormatMessage does for a width 1..254.
std::u16string wrap(const std::u16string& text, size_t width) {
    std::u16string out;
    size_t line_start = 0;
    for (char16_t c : text) {
        out += c;
        if (c == u'\n') {
            line_start = out.size();
            continue;
        }
        if (out.size() - line_start > width) {
            size_t blank = out.find_last_of(u' ', out.size() - 1);
            if (blank != std::u16string::npos && blank >= line_start) {
                out.replace(blank, 1, u"\r\n");
                line_start = blank + 2;
            } else {
                out.insert(out.size() - 1, u"\r\n");
                line_start = out.size() - 1;
            }
        }
    }
    return out;
}

// Expands `message`. Returns false with the Win32 error in `error`.
bool expand(std::u16string_view message, DWORD flags, const Arguments& args, bool ansi, std::u16string& out,
            DWORD& error) {
    DWORD max_width = flags & FORMAT_MESSAGE_MAX_WIDTH_MASK;
    bool ignore_inserts = flags & FORMAT_MESSAGE_IGNORE_INSERTS;
    size_t i = 0;
    while (i < message.size()) {
        char16_t c = message[i];
        if (c == u'\r' || c == u'\n') {
            // A line break in the message text (CR LF, or a lone CR or LF)
            // is written as CR LF without a width; with one it becomes a
            // blank (only %n breaks lines then).
            size_t length = (c == u'\r' && i + 1 < message.size() && message[i + 1] == u'\n') ? 2 : 1;
            out += max_width ? u" " : u"\r\n";
            i += length;
            continue;
        }
        if (c != u'%') {
            out += c;
            ++i;
            continue;
        }
        if (++i == message.size()) {  // a lone '%' ends nothing: the message is malformed
            error = ERROR_INVALID_PARAMETER;
            return false;
        }
        char16_t escape = message[i];
        if (is_digit(escape) && escape != u'0') {
            size_t start = i - 1;
            unsigned number = escape - u'0';
            ++i;
            if (i < message.size() && is_digit(message[i])) number = number * 10 + (message[i++] - u'0');
            std::u16string_view spec = u"s";
            if (i < message.size() && message[i] == u'!') {
                size_t close = message.find(u'!', i + 1);
                if (close == std::u16string_view::npos) {
                    error = ERROR_INVALID_PARAMETER;
                    return false;
                }
                spec = message.substr(i + 1, close - i - 1);
                i = close + 1;
            }
            if (ignore_inserts) {
                out += message.substr(start, i - start);
                continue;
            }
            if (!args.slots || !format_insert(out, spec, number, args, ansi)) {
                error = ERROR_INVALID_PARAMETER;
                return false;
            }
            continue;
        }
        ++i;
        if (escape == u'%' && ignore_inserts) {  // kept as written, like the inserts
            out += u"%%";
            continue;
        }
        switch (escape) {
        case u'0': i = message.size(); break;  // ends the message, without a line break
        case u'n': out += u"\r\n"; break;
        case u'r': out += u'\r'; break;
        case u't': out += u'\t'; break;
        default: out += escape; break;  // %% %. %! %space: the character itself
        }
    }
    if (max_width && max_width != FORMAT_MESSAGE_MAX_WIDTH_MASK) out = wrap(out, max_width);
    return true;
}

// The message text the flags select, or false with `error`.
bool find_message(DWORD flags, const void* source, DWORD id, DWORD language, bool ansi, std::u16string& message,
                  DWORD& error) {
    if (flags & FORMAT_MESSAGE_FROM_STRING) {
        if (!source) {
            error = ERROR_INVALID_PARAMETER;
            return false;
        }
        message = ansi ? kernel32::wide_from_ansi(static_cast<const char*>(source))
                       : std::u16string(static_cast<const char16_t*>(source));
        return true;
    }
    if (!(flags & FORMAT_MESSAGE_FROM_SYSTEM)) {
        // Vine reads no message-table resources from modules.
        error = (flags & FORMAT_MESSAGE_FROM_HMODULE) ? ERROR_RESOURCE_TYPE_NOT_FOUND
                                                       : ERROR_INVALID_PARAMETER;
        return false;
    }
    DWORD primary = language & 0x3ff;
    if (language != 0 && primary != LANG_NEUTRAL && primary != LANG_ENGLISH) {
        error = ERROR_RESOURCE_LANG_NOT_FOUND;  // only the English texts exist
        return false;
    }
    const char16_t* text = kernel32::system_message(id);
    if (!text) {
        error = ERROR_MR_MID_NOT_FOUND;
        return false;
    }
    message = text;
    return true;
}

// Both exports: the message formatted in UTF-16 into `out`, or 0 with the
// last error set.
bool format(DWORD flags, const void* source, DWORD id, DWORD language, void* args, bool ansi,
            std::u16string& out) {
    DWORD error = 0;
    std::u16string message;
    Arguments arguments;
    if (args) {
        arguments.slots = (flags & FORMAT_MESSAGE_ARGUMENT_ARRAY) ? static_cast<const uint64_t*>(args)
                                                                  : *static_cast<const uint64_t* const*>(args);
    }
    if (!find_message(flags, source, id, language, ansi, message, error) ||
        !expand(message, flags, arguments, ansi, out, error)) {
        kernel32::set_error(error);
        return false;
    }
    if (out.empty()) {
        // Nothing to return is reported as a failure: 0 characters.
        kernel32::set_error(ERROR_NO_WORK_DONE);
        return false;
    }
    return true;
}

// Stores `text` (a string of CharT with its terminator) the way the flags
// ask: into the caller's buffer of `size` characters, or a LocalAlloc'ed one.
template <typename CharT>
DWORD store(const std::basic_string<CharT>& text, DWORD flags, void* buffer, DWORD size) {
    DWORD length = static_cast<DWORD>(text.size());
    if (flags & FORMAT_MESSAGE_ALLOCATE_BUFFER) {
        if (!buffer) {
            kernel32::set_error(ERROR_INVALID_PARAMETER);
            return 0;
        }
        DWORD count = length + 1 > size ? length + 1 : size;
        auto* memory = static_cast<CharT*>(LocalAlloc(0, count * sizeof(CharT)));
        if (!memory) {
            kernel32::set_error(ERROR_NOT_ENOUGH_MEMORY);
            return 0;
        }
        std::memcpy(memory, text.c_str(), (length + 1) * sizeof(CharT));
        *static_cast<CharT**>(buffer) = memory;
        return length;
    }
    if (!buffer || length + 1 > size) {
        kernel32::set_error(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    std::memcpy(buffer, text.c_str(), (length + 1) * sizeof(CharT));
    return length;
}

}  // namespace

VINE_EXPORT DWORD FormatMessageW(DWORD flags, const void* source, DWORD id, DWORD language, LPWSTR buffer,
                                 DWORD size, void* args) {
    std::u16string text;
    if (!format(flags, source, id, language, args, false, text)) return 0;
    return store(text, flags, buffer, size);
}

VINE_EXPORT DWORD FormatMessageA(DWORD flags, const void* source, DWORD id, DWORD language, LPSTR buffer,
                                 DWORD size, void* args) {
    std::u16string text;
    if (!format(flags, source, id, language, args, true, text)) return 0;
    return store(kernel32::ansi_from_wide(text.c_str()), flags, buffer, size);
}
