#include "cmdline.h"

namespace vine::msvcrt {

template <class CharT>
std::vector<std::basic_string<CharT>> split_command_line(const CharT* p) {
    std::vector<std::basic_string<CharT>> args;
    if (!p) return args;

    std::basic_string<CharT> arg;
    if (*p == '"') {
        ++p;
        while (*p && *p != '"') arg.push_back(*p++);
        if (*p == '"') ++p;
    } else {
        while (*p && *p != ' ' && *p != '\t') arg.push_back(*p++);
    }
    args.push_back(arg);

    for (;;) {
        while (*p == ' ' || *p == '\t') ++p;
        if (!*p) break;
        arg.clear();
        bool in_quotes = false;
        for (;;) {
            size_t backslashes = 0;
            while (*p == '\\') ++p, ++backslashes;
            bool copy = true;
            if (*p == '"') {
                if (backslashes % 2 == 0) {
                    if (in_quotes && p[1] == '"') ++p;  // '""' inside quotes: a literal quote
                    else copy = false;
                    in_quotes = !in_quotes;
                }
                backslashes /= 2;
            }
            arg.append(backslashes, CharT('\\'));
            if (!*p || (!in_quotes && (*p == ' ' || *p == '\t'))) break;
            if (copy) arg.push_back(*p);
            ++p;
        }
        args.push_back(arg);
    }
    return args;
}

template std::vector<std::string> split_command_line(const char*);
template std::vector<std::u16string> split_command_line(const char16_t*);

}  // namespace vine::msvcrt
