#include "prefix.h"

#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "module.h"
#include "vine/loader.h"

namespace vine::prefix {

using loader::builtin_directory;

namespace {

constexpr const char* kStampName = ".vine-layout";

std::string errno_text() { return strerror(errno); }

// The stamp's layout number, or 0 when there is none (or it is unreadable).
int read_stamp(const std::string& directory) {
    int fd = open((directory + "/" + kStampName).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    char text[32] = {};
    ssize_t got = read(fd, text, sizeof(text) - 1);
    close(fd);
    return got > 0 ? atoi(text) : 0;
}

// Writes `contents` to `path` through a temporary file and a rename, so a
// reader (or a crash) never sees half a file. Keeps an existing file.
bool write_new_file(const std::string& path, const std::string& contents, bool replace = false) {
    if (!replace && access(path.c_str(), F_OK) == 0) return true;
    std::string temporary = path + ".tmp" + std::to_string(getpid());
    int fd = open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return false;
    size_t done = 0;
    while (done < contents.size()) {
        ssize_t wrote = write(fd, contents.data() + done, contents.size() - done);
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote <= 0) {
            close(fd);
            unlink(temporary.c_str());
            return false;
        }
        done += static_cast<size_t>(wrote);
    }
    if (close(fd) != 0 || rename(temporary.c_str(), path.c_str()) != 0) {
        unlink(temporary.c_str());
        return false;
    }
    return true;
}

// A file's contents; nullopt when it does not exist or cannot be read.
std::optional<std::string> read_whole_file(const std::string& path) {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::string text;
    char buffer[65536];
    for (;;) {
        ssize_t got = read(fd, buffer, sizeof(buffer));
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            close(fd);
            return std::nullopt;
        }
        if (got == 0) break;
        text.append(buffer, static_cast<size_t>(got));
    }
    close(fd);
    return text;
}

bool make_directory(const std::string& path) { return mkdir(path.c_str(), 0755) == 0 || errno == EEXIST; }

bool make_link(const std::string& target, const std::string& path) {
    return symlink(target.c_str(), path.c_str()) == 0 || errno == EEXIST;
}

// The Windows tree of drive C:, as a fresh Windows 10 installation has it.
bool make_tree(const std::string& directory) {
    const std::string c = directory + "/drive_c";
    const std::string user = c + "/users/" + user_name();
    const std::string paths[] = {
        directory + "/dosdevices",
        c,
        c + "/windows",
        c + "/windows/system32",
        c + "/windows/syswow64",
        c + "/windows/temp",
        c + "/Program Files",
        c + "/Program Files (x86)",
        c + "/ProgramData",
        c + "/users",
        c + "/users/Public",
        user,
        user + "/AppData",
        user + "/AppData/Roaming",
        user + "/AppData/Local",
        user + "/AppData/LocalLow",
        user + "/Desktop",
        user + "/Documents",
        user + "/Downloads",
        user + "/Temp",
        // The rest of the user's and the public folders SHGetFolderPath and
        // SHGetKnownFolderPath name (dlls/shell32/folders.cpp).
        user + "/Music",
        user + "/Pictures",
        user + "/Videos",
        user + "/Favorites",
        user + "/Links",
        user + "/Contacts",
        user + "/Saved Games",
        user + "/AppData/Roaming/Microsoft",
        user + "/AppData/Roaming/Microsoft/Windows",
        user + "/AppData/Roaming/Microsoft/Windows/Start Menu",
        user + "/AppData/Roaming/Microsoft/Windows/Start Menu/Programs",
        user + "/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup",
        user + "/AppData/Roaming/Microsoft/Windows/Recent",
        user + "/AppData/Roaming/Microsoft/Windows/SendTo",
        user + "/AppData/Roaming/Microsoft/Windows/Templates",
        c + "/users/Public/Desktop",
        c + "/users/Public/Documents",
        c + "/users/Public/Downloads",
        c + "/users/Public/Music",
        c + "/users/Public/Pictures",
        c + "/users/Public/Videos",
        c + "/ProgramData/Microsoft",
        c + "/ProgramData/Microsoft/Windows",
        c + "/ProgramData/Microsoft/Windows/Start Menu",
        c + "/ProgramData/Microsoft/Windows/Start Menu/Programs",
        c + "/ProgramData/Microsoft/Windows/Start Menu/Programs/Startup",
        c + "/ProgramData/Microsoft/Windows/Templates",
    };
    for (const auto& path : paths)
        if (!make_directory(path)) return false;
    return make_link("../drive_c", directory + "/dosdevices/c:") && make_link("/", directory + "/dosdevices/z:");
}

// One file in system32 for each builtin DLL, so programs that look for
// C:\windows\system32\NAME.dll find it. Loading that path loads the builtin
// (loader/modules.cpp: in_system_directory), so the file only has to exist;
// it says what it stands for, as Wine's placeholder files do. Builtin
// programs (NAME.exe) get one too, which vine runs as the program.
bool make_system_files(const std::string& directory) {
    const std::string system32 = directory + "/drive_c/windows/system32/";
    DIR* dir = opendir(builtin_directory().c_str());
    if (!dir) return true;  // no builtins to stand for (a broken install says so at load)
    bool ok = true;
    while (dirent* entry = readdir(dir)) {
        std::string name = entry->d_name;
        if (name.size() > 4 && name.compare(name.size() - 4, 4, ".exe") == 0) {  // a builtin program
            ok &= write_new_file(system32 + name, loader::builtin_program_placeholder(name));
            continue;
        }
        if (name.size() <= 3 || name.compare(name.size() - 3, 3, ".so") != 0) continue;
        name.erase(name.size() - 3);  // NAME.dll
        ok &= write_new_file(system32 + name, "Vine builtin " + name + ": loading this path loads the builtin.\n");
    }
    closedir(dir);
    return ok;
}

Expected<void> build(const std::string& directory) {
    if (!make_tree(directory)) return make_error("cannot make the prefix's tree in " + directory + ": " + errno_text());
    if (!make_system_files(directory))
        return make_error("cannot write the system32 files in " + directory + ": " + errno_text());
    // A hive once written is the user's: an older prefix's only gains the
    // default keys it lacks.
    for (const auto& hive : default_hives()) {
        const std::string path = directory + "/" + hive.name;
        std::optional<std::string> existing = read_whole_file(path);
        std::string text = existing ? with_missing_keys(*existing, hive.text) : hive.text;
        if ((!existing || text != *existing) && !write_new_file(path, text, true))
            return make_error("cannot write " + path + ": " + errno_text());
    }
    if (!write_new_file(directory + "/" + kStampName, std::to_string(kLayoutVersion) + "\n", true))
        return make_error("cannot write " + directory + "/" + kStampName + ": " + errno_text());
    return {};
}

}  // namespace

std::string user_name() {
    if (const passwd* entry = getpwuid(getuid()); entry && entry->pw_name && *entry->pw_name) return entry->pw_name;
    if (const char* user = getenv("USER"); user && *user) return user;
    return "user";
}

Expected<void> ensure(const std::string& directory) {
    if (read_stamp(directory) >= kLayoutVersion) {
        // The common case: one read. The owner is still checked (by
        // locate_server) before the server is reached.
        return {};
    }
    for (size_t slash = directory.find('/', 1);; slash = directory.find('/', slash + 1)) {
        std::string part = slash == std::string::npos ? directory : directory.substr(0, slash);
        if (!make_directory(part)) return make_error("cannot create the prefix " + directory + ": " + errno_text());
        if (slash == std::string::npos) break;
    }
    struct stat st {};
    if (lstat(directory.c_str(), &st) != 0) return make_error("the prefix " + directory + ": " + errno_text());
    if (!S_ISDIR(st.st_mode)) return make_error("the prefix " + directory + " is not a directory");
    if (st.st_uid != getuid())
        return make_error("the prefix " + directory + " is owned by another user; refusing to use it");
    // Several vines may start on a fresh prefix at once: one builds, the
    // others wait for it and then find the stamp.
    int lock = open((directory + "/.vine-lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock < 0) return make_error("cannot lock the prefix " + directory + ": " + errno_text());
    while (flock(lock, LOCK_EX) != 0 && errno == EINTR) {
    }
    Expected<void> result;
    if (read_stamp(directory) < kLayoutVersion) result = build(directory);
    close(lock);  // releases the lock
    return result;
}

}  // namespace vine::prefix
