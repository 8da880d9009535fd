// CommandLineToArgvW: a command line split the way Windows' shell32 splits
// it, which is not quite the C runtime's way.
//
// argv[0], the program, ends at the next quote when it starts with one (no
// escapes at all: "C:\dir\" is a program name ending in a backslash), else at
// the next blank. The next argument starts right after that, blanks skipped.
//
// In the arguments: backslashes are literal unless a quote follows them;
// then 2n backslashes give n and the quote is a delimiter, 2n+1 give n and a
// literal quote. A run of delimiter quotes counts 1 (open), 2 (closed), and a
// third quote in a row is a literal quote that leaves quoting mode, which is
// how '""' inside quotes becomes '"'. A blank outside quotes ends the
// argument; a quoted empty string is an argument.
#include <cstring>
#include <string>
#include <vector>

#include "vine/kernel32_exports.h"
#include "vine/winerror.h"

namespace {

constexpr UINT LMEM_FIXED = 0;

bool blank(WCHAR c) { return c == u' ' || c == u'\t'; }

std::vector<std::u16string> split(const WCHAR* line) {
    std::vector<std::u16string> args;
    const WCHAR* p = line;
    std::u16string program;
    if (*p == u'"') {
        ++p;
        while (*p && *p != u'"') program += *p++;
        if (*p == u'"') ++p;
    } else {
        while (*p && !blank(*p)) program += *p++;
    }
    args.push_back(program);

    while (blank(*p)) ++p;
    std::u16string arg;
    bool in_arg = false;
    int quotes = 0;  // 0 outside quotes, 1 inside
    while (*p) {
        if (blank(*p) && quotes == 0) {
            if (in_arg) args.push_back(arg);
            arg.clear();
            in_arg = false;
            while (blank(*p)) ++p;
            continue;
        }
        in_arg = true;
        if (*p == u'\\') {
            size_t backslashes = 0;
            while (*p == u'\\') ++backslashes, ++p;
            if (*p != u'"') {
                arg.append(backslashes, u'\\');
                continue;
            }
            arg.append(backslashes / 2, u'\\');
            if (backslashes % 2) {
                arg += u'"';  // an escaped quote, then any run of quotes after it
                ++p;
                continue;
            }
        }
        if (*p == u'"') {
            // A run of delimiter quotes.
            while (*p == u'"') {
                if (++quotes == 3) {
                    arg += u'"';
                    quotes = 0;
                }
                ++p;
            }
            if (quotes == 2) quotes = 0;
            continue;
        }
        arg += *p++;
    }
    if (in_arg) args.push_back(arg);
    return args;
}

}  // namespace

// One LocalAlloc block: the pointer array (with a NULL after the last
// argument), then the strings; the caller frees it with LocalFree. An empty
// command line gives the program's own path.
VINE_EXPORT LPWSTR* CommandLineToArgvW(LPCWSTR command_line, int* count) {
    if (!count) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    std::vector<std::u16string> args;
    if (!command_line || !*command_line) {
        WCHAR path[32768];
        DWORD n = GetModuleFileNameW(nullptr, path, 32768);
        args.emplace_back(path, n);
    } else {
        args = split(command_line);
    }
    size_t characters = 0;
    for (const auto& arg : args) characters += arg.size() + 1;
    const size_t table = (args.size() + 1) * sizeof(LPWSTR);
    auto* block = static_cast<char*>(LocalAlloc(LMEM_FIXED, table + characters * sizeof(WCHAR)));
    if (!block) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    auto** argv = reinterpret_cast<LPWSTR*>(block);
    auto* text = reinterpret_cast<WCHAR*>(block + table);
    for (size_t i = 0; i < args.size(); ++i) {
        argv[i] = text;
        std::memcpy(text, args[i].data(), args[i].size() * sizeof(WCHAR));
        text += args[i].size();
        *text++ = 0;
    }
    argv[args.size()] = nullptr;
    *count = static_cast<int>(args.size());
    return argv;
}
