#include "vine/paths.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

#include "server_location.h"
#include "vine/unicode.h"

namespace vine::paths {
namespace {

// Where each drive letter but Z: leads (the prefix's dosdevices links,
// resolved), read once.
const std::vector<std::pair<char, std::string>>& drive_targets() {
    static const std::vector<std::pair<char, std::string>> targets = [] {
        std::vector<std::pair<char, std::string>> found;
        auto prefix = protocol::prefix_directory();
        if (!prefix) return found;
        // Only the letters that exist are resolved: one directory read
        // rather than a failing realpath per letter (start-up pays for it).
        std::string directory = *prefix + "/dosdevices";
        DIR* listing = opendir(directory.c_str());
        if (!listing) return found;
        while (dirent* entry = readdir(listing)) {
            const char* name = entry->d_name;
            char letter = static_cast<char>(tolower(static_cast<unsigned char>(name[0])));
            if (letter < 'a' || letter >= 'z' || name[1] != ':' || name[2]) continue;
            std::string link = directory + "/" + name;
            if (char* target = realpath(link.c_str(), nullptr)) {
                if (strcmp(target, "/") != 0) found.emplace_back(letter, target);
                free(target);
            }
        }
        closedir(listing);
        std::sort(found.begin(), found.end());
        return found;
    }();
    return targets;
}

}  // namespace

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
    if (normal.empty()) normal = "/";
    // A path inside a drive (C: is the prefix's drive_c) is named by that
    // drive, as Wine names it; the rest of the tree by Z:.
    char letter = 'z';
    size_t skip = 0;
    for (const auto& [drive, target] : drive_targets()) {
        if (normal.compare(0, target.size(), target) == 0 &&
            (normal.size() == target.size() || normal[target.size()] == '/') && target.size() > skip) {
            letter = drive;
            skip = target.size();
        }
    }
    std::u16string dos = {static_cast<char16_t>(letter - 'a' + 'A'), u':'};
    std::string rest = normal.substr(skip);
    if (rest.empty()) rest = "/";
    for (char16_t c : unix_to_utf16(rest)) dos += c == '/' ? u'\\' : c;
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
        if (letter == 'z') return utf16_to_unix(path.empty() ? u"/" : path);
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
        return link + utf16_to_unix(path);
    }
    return utf16_to_unix(path);
}

std::optional<std::string> drive_device(char16_t letter) {
    letter = ascii_lower(letter);
    if (letter < 'a' || letter > 'z') return std::nullopt;
    auto prefix = protocol::prefix_directory();
    if (!prefix) return std::nullopt;
    std::string link = *prefix + "/dosdevices/" + static_cast<char>(letter) + "::";
    char target[4096];
    ssize_t n = readlink(link.c_str(), target, sizeof target - 1);
    if (n <= 0) return std::nullopt;
    target[n] = 0;
    return std::string(target);
}

bool is_cdrom_device(const std::string& device) {
    // /dev/cdrom is often udev's link to /dev/sr0: the name it leads to counts too.
    std::string resolved = device;
    if (char* real = realpath(device.c_str(), nullptr)) {
        resolved = real;
        free(real);
    }
    for (const std::string* name : {&device, static_cast<const std::string*>(&resolved)}) {
        std::string base = name->substr(name->rfind('/') + 1);
        for (const char* kind : {"sr", "scd", "cdrom", "cdrw", "dvd", "dvdrw"}) {
            size_t length = strlen(kind);
            if (base.compare(0, length, kind) == 0 &&
                std::all_of(base.begin() + static_cast<long>(length), base.end(), [](char c) { return c >= '0' && c <= '9'; }))
                return true;
        }
    }
    return false;
}

}  // namespace vine::paths
