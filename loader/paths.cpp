#include "vine/paths.h"

#include <sys/stat.h>
#include <unistd.h>

#include "server_location.h"
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
        char16_t letter = ascii_lower(path[0]);
        if (letter < 'a' || letter > 'z') return std::nullopt;
        path.erase(0, 2);
        if (letter == 'z') return utf16_to_utf8(path.empty() ? u"/" : path);
        // Other drives are the prefix's dosdevices/x: links (c: -> ../drive_c);
        // the kernel follows the link when the path is used.
        static const std::string prefix = [] {
            auto directory = protocol::prefix_directory();
            return directory ? *directory : std::string();
        }();
        if (prefix.empty()) return std::nullopt;
        std::string link = prefix + "/dosdevices/" + static_cast<char>(letter) + ":";
        struct stat st {};
        if (letter != 'c' && lstat(link.c_str(), &st) != 0) return std::nullopt;
        if (!path.empty() && path[0] != u'/') path.insert(path.begin(), u'/');  // "C:x" as "C:\x"
        return link + utf16_to_utf8(path);
    }
    return utf16_to_utf8(path);
}

}  // namespace vine::paths
