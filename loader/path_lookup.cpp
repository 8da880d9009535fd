// Case-insensitive lookup of Windows paths on a case-sensitive Unix file
// system. Windows programs spell file names in any case ("KERNEL32.DLL",
// "Readme.TXT"); Linux only finds the exact spelling, so each component that
// does not exist as spelled is looked for among its directory's entries.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>

#include "directory_cache.h"
#include "vine/paths.h"
#include "vine/unicode.h"

namespace vine::paths {

std::optional<std::string> find_entry_ignoring_case(const std::string& directory, std::string_view name) {
    if (auto entry = find_entry_cached(directory, name)) return entry;
    // A generated 8.3 name ("PROGRA~1") names the entry it was made for.
    if (name.find('~') == std::string_view::npos || name.size() > 12) return std::nullopt;
    std::u16string wanted = unix_to_utf16(name);
    for (auto& [unix_name, short_name] : short_names_in(directory))
        if (names_equal_ignoring_case(short_name, wanted)) return unix_name;
    return std::nullopt;
}

std::string lookup_ignoring_case(std::string_view unix_path) {
    std::string path(unix_path);
    struct stat st {};
    if (path.empty() || lstat(path.c_str(), &st) == 0) return path;  // exact spelling exists: the common case

    // The next most common case: the directory exists as spelled and only
    // the last name needs looking up (a file to create, a probe).
    if (size_t slash = path.rfind('/'); slash != std::string::npos && slash > 0 && slash + 1 < path.size()) {
        std::string parent = path.substr(0, slash);
        std::string_view last = std::string_view(path).substr(slash + 1);
        if (last != "." && last != ".." && stat(parent.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
            auto entry = find_entry_ignoring_case(parent, last);
            return entry ? parent + "/" + *entry : path;
        }
    }

    std::string resolved = path[0] == '/' ? "/" : "";
    size_t pos = path[0] == '/' ? 1 : 0;
    bool lost = false;  // a component was not found: the rest is kept as spelled
    while (pos <= path.size()) {
        size_t end = path.find('/', pos);
        if (end == std::string::npos) end = path.size();
        std::string part = path.substr(pos, end - pos);
        pos = end + 1;
        if (part.empty()) {
            if (end == path.size() && !resolved.empty() && resolved.back() != '/') resolved += '/';
            continue;
        }
        std::string directory = resolved;
        std::string candidate = resolved + part;
        if (!lost && part != "." && part != ".." && lstat(candidate.c_str(), &st) != 0) {
            std::string parent = directory.empty() ? "." : directory;
            if (auto entry = find_entry_ignoring_case(parent, part))
                candidate = resolved + *entry;
            else
                lost = true;  // not there: a new name keeps the caller's case
        }
        resolved = candidate;
        if (end < path.size()) resolved += '/';
    }
    return resolved;
}

}  // namespace vine::paths
