#include "server_location.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace vine::protocol {
namespace {

std::string errno_text() { return strerror(errno); }

// mkdir -p for the prefix (mode 0755, as any directory the user makes).
bool make_directories(const std::string& path) {
    for (size_t slash = path.find('/', 1);; slash = path.find('/', slash + 1)) {
        std::string part = slash == std::string::npos ? path : path.substr(0, slash);
        if (mkdir(part.c_str(), 0755) != 0 && errno != EEXIST) return false;
        if (slash == std::string::npos) return true;
    }
}

// A private directory of ours: created 0700 if missing, else checked.
Expected<void> private_directory(const std::string& path, bool create) {
    if (create && mkdir(path.c_str(), 0700) != 0 && errno != EEXIST)
        return make_error("cannot create " + path + ": " + errno_text());
    struct stat st {};
    if (lstat(path.c_str(), &st) != 0) return make_error(path + ": " + errno_text());
    if (!S_ISDIR(st.st_mode)) return make_error(path + " is not a directory");
    if (st.st_uid != getuid()) return make_error(path + " is owned by another user; refusing to use it");
    if (st.st_mode & 077) return make_error(path + " is accessible by other users (mode must be 0700)");
    return {};
}

}  // namespace

Expected<std::string> prefix_directory() {
    std::string prefix;
    if (const char* from_environment = getenv("VINEPREFIX"); from_environment && *from_environment) {
        prefix = from_environment;
    } else {
        const char* home = getenv("HOME");
        if (!home || !*home) return make_error("neither VINEPREFIX nor HOME is set");
        prefix = std::string(home) + "/.vine";
    }
    if (prefix[0] != '/') {
        char cwd[4096];
        if (!getcwd(cwd, sizeof(cwd))) return make_error("cannot read the current directory");
        prefix = std::string(cwd) + "/" + prefix;
    }
    while (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
    return prefix;
}

Expected<ServerLocation> locate_server(bool create) {
    ServerLocation location;
    auto prefix = prefix_directory();
    if (!prefix) return prefix.error();
    location.prefix = *prefix;
    if (create && !make_directories(location.prefix))
        return make_error("cannot create the prefix " + location.prefix + ": " + errno_text());
    struct stat st {};
    if (stat(location.prefix.c_str(), &st) != 0)
        return make_error("the prefix " + location.prefix + " does not exist");
    if (!S_ISDIR(st.st_mode)) return make_error("the prefix " + location.prefix + " is not a directory");
    if (st.st_uid != getuid())
        return make_error("the prefix " + location.prefix + " is owned by another user; refusing to use it");

    // VINE_SERVER_BASE replaces /tmp/.vine-UID, for tests that need a
    // directory they can break (wrong mode, wrong owner) without touching
    // the real one; it is held to the same rules.
    std::string base = "/tmp/.vine-" + std::to_string(getuid());
    if (const char* override_base = getenv("VINE_SERVER_BASE"); override_base && *override_base)
        base = override_base;
    if (auto ok = private_directory(base, create); !ok) return ok.error();
    char name[64];
    snprintf(name, sizeof(name), "/server-%llx-%llx", static_cast<unsigned long long>(st.st_dev),
             static_cast<unsigned long long>(st.st_ino));
    location.directory = base + name;
    if (auto ok = private_directory(location.directory, create); !ok) return ok.error();
    location.socket = location.directory + "/socket";
    location.lock = location.directory + "/lock";
    return location;
}

}  // namespace vine::protocol
