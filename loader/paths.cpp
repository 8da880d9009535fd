#include "vine/paths.h"

#include <unistd.h>

#include "vine/unicode.h"

namespace vine::paths {

std::u16string unix_to_dos(std::string_view unix_path) {
    std::string absolute(unix_path);
    if (absolute.empty() || absolute[0] != '/') {
        char cwd[4096];
        if (getcwd(cwd, sizeof(cwd))) absolute = std::string(cwd) + "/" + absolute;
    }
    // Drop "." components and resolve ".." lexically.
    std::string normal;
    size_t pos = 0;
    while (pos < absolute.size()) {
        size_t next = absolute.find('/', pos);
        if (next == std::string::npos) next = absolute.size();
        std::string part = absolute.substr(pos, next - pos);
        pos = next + 1;
        if (part.empty() || part == ".") continue;
        if (part == "..") {
            auto slash = normal.rfind('/');
            normal.erase(slash == std::string::npos ? 0 : slash);
            continue;
        }
        normal += "/" + part;
    }
    std::u16string dos = u"Z:";
    for (char16_t c : utf8_to_utf16(normal.empty() ? "/" : normal)) dos += c == '/' ? u'\\' : c;
    return dos;
}

std::optional<std::string> dos_to_unix(std::u16string_view dos_path) {
    std::u16string path(dos_path);
    for (auto& c : path)
        if (c == '\\') c = '/';
    // "\\?\" and "\??\" prefixes name the same paths.
    if (path.rfind(u"//?/", 0) == 0 || path.rfind(u"/?\?/", 0) == 0) path.erase(0, 4);
    if (path.size() >= 2 && path[1] == ':') {
        if (ascii_lower(path[0]) != 'z') return std::nullopt;
        path.erase(0, 2);
        if (path.empty()) path = u"/";
    }
    return utf16_to_utf8(path);
}

}  // namespace vine::paths
