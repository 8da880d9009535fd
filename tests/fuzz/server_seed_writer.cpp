// Writes server_request_fuzz's seed corpus: well-formed conversations (a
// process's whole life, two processes sharing named objects, a child made
// by new_process, a control client) that the fuzzer then mutates.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "codec.h"
#include "server_input.h"

namespace {

using namespace vine::protocol;
using vine::fuzz::append_chunk;

template <typename Request>
std::string request(const Request& fixed, const std::string& var = {}, uint32_t fd_count = 0, uint32_t thread = 0) {
    RequestHeader header{static_cast<uint32_t>(RequestTraits<Request>::opcode), sizeof(Request),
                         static_cast<uint32_t>(var.size()), fd_count, thread, 0};
    std::string out(reinterpret_cast<const char*>(&header), sizeof(header));
    out.append(reinterpret_cast<const char*>(&fixed), sizeof(fixed));
    return out + var;
}

std::string name(const char16_t* text) {
    std::u16string wide(text);
    return std::string(reinterpret_cast<const char*>(wide.data()), wide.size() * 2);
}

// hello + init_process as a first process (death notice + 3 std fds).
void start_process(std::string& out, unsigned connection) {
    append_chunk(out, connection, 0, request(hello_request{kMagic, kVersion, hello_process, 1000}));
    append_chunk(out, connection, 4, request(init_process_request{1000, 1000}, {}, 4));
}

// Process ids and thread ids start at 0x20 and go up by 4; handles at 4.
constexpr uint32_t kFirstThread = 0x24;

void write(const char* directory, const char* file, const std::string& data) {
    std::string path = std::string(directory) + "/" + file;
    FILE* out = fopen(path.c_str(), "wb");
    if (!out || fwrite(data.data(), 1, data.size(), out) != data.size() || fclose(out) != 0) {
        perror(path.c_str());
        std::exit(1);
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: server_seed_writer DIRECTORY\n");
        return 2;
    }
    const char* directory = argv[1];
    {
        // One process doing a bit of everything.
        std::string s;
        start_process(s, 0);
        uint32_t t = kFirstThread;
        append_chunk(s, 0, 0, request(create_sync_request{1, 0x1f0003, 0, create_open_if, 0, 0, t, 0},
                                                      name(u"\\Sessions\\1\\BaseNamedObjects\\Local\\ev"), 0, t));
        append_chunk(s, 0, 0, request(create_sync_request{2, 0x1f0001, 1, 0, 1, 0, t, 0}, name(u"\\BaseNamedObjects\\mx"), 0, t));
        append_chunk(s, 0, 0, request(create_sync_request{3, 0x1f0003, 0, 0, 1, 5, t, 0}, {}, 0, t));
        append_chunk(s, 0, 0,
                     request(duplicate_handle_request{kCurrentProcess, 16, kCurrentProcess, 0, 0, duplicate_same_access, 0},
                             {}, 0, t));
        append_chunk(s, 0, 0, request(handle_info_request{4}, {}, 0, t));
        append_chunk(s, 0, 0, request(set_handle_flags_request{20, 3, 2}, {}, 0, t));
        append_chunk(s, 0, 0, request(close_handle_request{20}, {}, 0, t));
        append_chunk(s, 0, 1, request(create_file_request{0x80000000, 7, 0, 0, 1, 2}, {}, 1, t));
        append_chunk(s, 0, 0, request(new_thread_request{0x1f03ff, 0, 1, 0}, {}, 0, t));
        append_chunk(s, 0, 0, request(init_thread_request{t + 4, 1001}, {}, 0, t + 4));
        append_chunk(s, 0, 0, request(resume_thread_request{kCurrentThread, -1, 0}, {}, 0, t + 4));
        append_chunk(s, 0, 0, request(thread_info_request{kCurrentThread}, {}, 0, t));
        append_chunk(s, 0, 0, request(process_info_request{kCurrentProcess}, {}, 0, t));
        append_chunk(s, 0, 0, request(open_process_request{0x20, 0x1fffff, 0, 0}, {}, 0, t));
        append_chunk(s, 0, 0, request(open_thread_request{t, 0x1fffff, 0, 0}, {}, 0, t));
        append_chunk(s, 0, 0, request(set_thread_priority_request{kCurrentThread, 2, 0}, {}, 0, t));
        append_chunk(s, 0, 0, request(terminate_thread_request{48, 3, 0}, {}, 0, t));
        append_chunk(s, 0, 0, request(thread_exit_request{t + 4, 0}, {}, 0, t + 4));
        append_chunk(s, 0, 0, request(process_exit_request{7, 0}, {}, 0, t));
        write(directory, "one_process", s);
    }
    {
        // Two processes sharing a named event and a mutex; one ends the other.
        std::string s;
        start_process(s, 0);
        start_process(s, 1);
        append_chunk(s, 0, 0, request(create_sync_request{1, 0x1f0003, 0, 0, 0, 1, 0, 0}, name(u"\\Sessions\\1\\BaseNamedObjects\\Global\\shared")));
        append_chunk(s, 1, 0, request(create_sync_request{1, 0x1f0003, 0, create_open_existing, 0, 0, 0, 0},
                                      name(u"\\Sessions\\1\\BaseNamedObjects\\Global\\shared")));
        append_chunk(s, 1, 0, request(create_sync_request{2, 0x1f0001, 0, create_open_if, 1, 0, 0x2c, 0},
                                      name(u"\\BaseNamedObjects\\m"), 0, 0x2c));
        append_chunk(s, 0, 0, request(open_process_request{0x28, 0x1fffff, 0, 0}));
        append_chunk(s, 0, 0, request(duplicate_handle_request{kCurrentProcess, 4, 20, 0, 0, duplicate_same_access, 0}));
        append_chunk(s, 0, 0, request(terminate_process_request{20, 9, 0}));
        write(directory, "two_processes", s);
    }
    {
        // A suspended child made by new_process, started and resumed.
        std::string s;
        start_process(s, 0);
        StartupStrings startup;
        startup.image = u"C:\\child.exe";
        startup.command_line = u"child.exe arg";
        startup.current_directory = u"C:\\";
        startup.environment = u"A=B";
        startup.info.std_handles[0] = 4;
        std::string var = encode_startup(startup);
        append_chunk(s, 0, 1, request(new_process_request{1, 4, 0x1fffff, 0x1fffff, 0, 0}, var, 1));
        append_chunk(s, 0, 0, request(child_spawned_request{16, 4242, 0}));
        // The child is the third connection (index 2).
        append_chunk(s, 2, 0, request(hello_request{kMagic, kVersion, hello_process, 4242}));
        append_chunk(s, 2, 1, request(init_process_request{4242, 4242}, {}, 1));
        append_chunk(s, 2, 0, request(wait_resume_request{}));
        append_chunk(s, 0, 0, request(resume_thread_request{20, -1, 0}));
        append_chunk(s, 0, 0, request(process_info_request{16}));
        write(directory, "child_process", s);
    }
    {
        // A control client (vineserver -k), and a client of another version.
        std::string s;
        start_process(s, 0);
        append_chunk(s, 1, 0, request(hello_request{kMagic, kVersion, hello_control, 1}));
        append_chunk(s, 1, 0, request(kill_server_request{9, 0}));
        write(directory, "control", s);
        std::string other;
        append_chunk(other, 0, 0, request(hello_request{kMagic, kVersion ^ 1, hello_process, 1}));
        write(directory, "other_version", other);
    }
    {
        // A request split over several receives, descriptors ahead of it.
        std::string s;
        std::string hello = request(hello_request{kMagic, kVersion, hello_process, 1});
        append_chunk(s, 0, 0, hello.substr(0, 10));
        append_chunk(s, 0, 0, hello.substr(10));
        append_chunk(s, 0, 4, {});
        append_chunk(s, 0, 0, request(init_process_request{1, 1}, {}, 4));
        write(directory, "split", s);
    }
    return 0;
}
