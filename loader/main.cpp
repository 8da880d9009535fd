// vine: runs a Windows program.  vine prog.exe [args...]
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <strings.h>
#include <string>
#include <vector>

#include "address_space.h"
#include "process.h"
#include "standard_descriptors.h"
#include "vine/loader.h"
#include "vine/paths.h"
#include "vine/unicode.h"

namespace {

void usage() {
    fprintf(stderr,
            "usage: vine PROGRAM [ARGUMENTS...]\n"
            "Runs the Windows program PROGRAM (a Unix path or a Windows path like Z:\\dir\\prog.exe).\n"
            "Environment: VINEDEBUG=+relay,+loaddll,... (debug channels), VINEDLLOVERRIDES, VINEDLLPATH.\n");
}

bool is_file(const std::string& path) {
    struct stat st {};
    return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// Why something that exists but is no regular file cannot be the program
// (never opened: /dev/zero would never end, a FIFO would block); empty when
// nothing of that name exists.
std::string why_not_a_program(const std::string& path) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) return "";
    if (S_ISDIR(st.st_mode)) return "is a directory";
    const char* kind = S_ISCHR(st.st_mode)    ? "a character device"
                       : S_ISBLK(st.st_mode)  ? "a block device"
                       : S_ISFIFO(st.st_mode) ? "a FIFO"
                       : S_ISSOCK(st.st_mode) ? "a socket"
                                              : "not a regular file";
    return std::string("not a PE image (") + kind + ")";
}

// The Unix path of the program the user named, trying ".exe" when the name
// has no extension, as Windows does. When there is no such file, `why` says
// whether something else of that name is there.
std::string find_program(const std::string& name, std::string& why) {
    std::string path = name;
    bool dos = name.size() >= 2 && name[1] == ':';
    if (dos || name.find('\\') != std::string::npos) {
        auto unix_path = vine::paths::dos_to_unix(vine::unix_to_utf16(name));
        if (!unix_path) return "";
        path = *unix_path;
    }
    if (is_file(path)) return path;
    auto slash = path.rfind('/');
    std::string last = slash == std::string::npos ? path : path.substr(slash + 1);
    if (last.find('.') == std::string::npos && is_file(path + ".exe")) return path + ".exe";
    why = why_not_a_program(path);
    return "";
}

bool is_batch_file(const std::string& path) {
    if (path.size() < 4) return false;
    return strcasecmp(path.c_str() + path.size() - 4, ".bat") == 0 ||
           strcasecmp(path.c_str() + path.size() - 4, ".cmd") == 0;
}

}  // namespace

int main(int argc, char** argv) {
    // Before any descriptor is opened, so that none lands on 0-2.
    if (!vine::protocol::open_standard_descriptors()) return 1;
    // First, before any library can map something there.
    vine::address_space::reserve_windows_ranges();
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("vine 0.1\n");
        return 0;
    }
    // A write to a pipe or socket without a reader fails with EPIPE, which
    // WriteFile reports as ERROR_NO_DATA, as Windows does: no SIGPIPE.
    signal(SIGPIPE, SIG_IGN);
    std::string why;
    std::string program = find_program(argv[1], why);
    // "vine cmd": a builtin program, when no file of that name is there.
    if (program.empty() && !strpbrk(argv[1], "/\\:")) program = vine::loader::find_builtin_program(argv[1]);
    if (program.empty()) {
        fprintf(stderr, "vine: %s: %s\n", vine::printable(argv[1]).c_str(), why.empty() ? "file not found" : why.c_str());
        return 1;
    }
    // C:\windows\system32\cmd.exe and the like stand for builtin programs.
    if (std::string image = vine::loader::builtin_program_image(program); !image.empty()) program = image;
    // An absolute path: the EXE's directory is where its DLLs are searched.
    if (char* absolute = realpath(program.c_str(), nullptr)) {
        program = absolute;
        free(absolute);
    }
    std::vector<std::string> args(argv + 2, argv + argc);
    // "vine script.bat ...": the batch file runs in cmd, as Windows runs it.
    if (is_batch_file(program)) {
        std::string cmd = vine::loader::find_builtin_program("cmd");
        if (cmd.empty()) {
            fprintf(stderr, "vine: %s: a batch file, and the builtin cmd.exe is not installed\n",
                    vine::printable(argv[1]).c_str());
            return 1;
        }
        args.insert(args.begin(), {"/c", vine::utf16_to_utf8(vine::paths::unix_to_dos(program))});
        program = cmd;
    }
    vine::process::run(program, args);
}
