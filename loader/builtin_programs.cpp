// Builtin programs (programs/NAME/: cmd, vinepath, reg, regedit): Windows programs built
// with mingw-w64 into the builtin directory as NAME.exe. `vine NAME` runs
// one, and so does any path to the prefix's C:\windows\system32\NAME.exe,
// a small placeholder file naming the program (written by prefix.cpp, as
// the DLL placeholders are), so CreateProcess("cmd.exe /c ...") and
// %ComSpec% reach the builtin.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <strings.h>

#include <cstring>

#include "module.h"
#include "vine/loader.h"

namespace vine::loader {
namespace {

constexpr char kMarker[] = "Vine builtin program ";

bool is_regular_file(const std::string& path) {
    struct stat st {};
    return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// NAME.exe: letters, digits, '-', '_' and one ".exe"; nothing that could
// leave the builtin directory.
bool plausible_name(const std::string& name) {
    if (name.size() <= 4 || name.compare(name.size() - 4, 4, ".exe") != 0) return false;
    for (size_t i = 0; i + 4 < name.size(); ++i) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    }
    return true;
}

}  // namespace

std::string builtin_program_placeholder(const std::string& exe_name) {
    return std::string(kMarker) + exe_name + ": running this path runs Vine's builtin program.\n";
}

std::string builtin_program_image(const std::string& unix_path) {
    int fd = open(unix_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return "";
    char head[128] = {};
    ssize_t got = read(fd, head, sizeof(head) - 1);
    close(fd);
    if (got <= static_cast<ssize_t>(sizeof(kMarker) - 1) || memcmp(head, kMarker, sizeof(kMarker) - 1) != 0) return "";
    std::string name(head + sizeof(kMarker) - 1, static_cast<size_t>(got) - (sizeof(kMarker) - 1));
    name = name.substr(0, name.find(':'));
    if (!plausible_name(name)) return "";
    std::string image = builtin_directory() + "/" + name;
    return is_regular_file(image) ? image : "";
}

std::string find_builtin_program(const std::string& name) {
    std::string exe = name;
    if (exe.size() < 4 || strcasecmp(exe.c_str() + exe.size() - 4, ".exe") != 0) exe += ".exe";
    if (!plausible_name(exe)) return "";
    std::string image = builtin_directory() + "/" + exe;
    return is_regular_file(image) ? image : "";
}

}  // namespace vine::loader
