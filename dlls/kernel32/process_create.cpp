// CreateProcess: Windows' rules for finding the program, the child's
// command line, environment, directory and standard handles. The Unix half
// (the socket pair, posix_spawn of a new `vine`) is in the loader:
// loader/child_spawn.cpp.
#include <cctype>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <vector>

#include "kernel32_private.h"
#include "nt_path.h"
#include "nt_wait.h"
#include "vine/loader.h"
#include "vine/paths.h"
#include "vine/server_client.h"
#include "vine/unicode.h"

using namespace kernel32;

namespace {

struct PROCESS_INFORMATION {
    HANDLE hProcess, hThread;
    DWORD dwProcessId, dwThreadId;
};

constexpr DWORD CREATE_UNICODE_ENVIRONMENT = 0x400;
constexpr DWORD PROCESS_ALL_ACCESS = 0x001fffff, THREAD_ALL_ACCESS = 0x001fffff;

RTL_USER_PROCESS_PARAMETERS* parameters() { return current_teb()->ProcessEnvironmentBlock->ProcessParameters; }

std::u16string from_unicode_string(const UNICODE_STRING& text) {
    return text.Buffer ? std::u16string(text.Buffer, text.Length / sizeof(WCHAR)) : std::u16string();
}

bool is_separator(char16_t c) { return c == u'\\' || c == u'/'; }
bool is_blank(char16_t c) { return c == u' ' || c == u'\t'; }

// The parent's current directory, ending in a backslash.
std::u16string current_directory() {
    std::u16string dir = from_unicode_string(parameters()->CurrentDirectory.DosPath);
    if (dir.empty()) dir = u"Z:\\";
    if (!is_separator(dir.back())) dir += u'\\';
    return dir;
}

// `name` completed with the current drive and directory, as Windows does
// for a partial path.
std::u16string full_path(std::u16string_view name) {
    if (name.size() >= 2 && name[1] == u':') return std::u16string(name);
    std::u16string cwd = current_directory();
    if (!name.empty() && is_separator(name[0])) return cwd.substr(0, 2) + std::u16string(name);
    return cwd + std::u16string(name);
}

struct Found {
    std::u16string path;  // the DOS path probed (not yet with links resolved)
    DWORD error = 0;
};

// Whether `dos_path` names an existing file, asked of ntdll as Windows'
// kernelbase asks (NtQueryAttributesFile: names matched ignoring case, the
// drives and devices ntdll maps); the Windows error otherwise
// (ERROR_PATH_NOT_FOUND when its directory is missing too).
Found probe(const std::u16string& dos_path) {
    NtPath path;
    if (!path.assign(dos_path.c_str())) return {u"", ERROR_PATH_NOT_FOUND};
    vine::nt::FILE_BASIC_INFORMATION info{};
    NTSTATUS status = NtQueryAttributesFile(path.attributes(), &info);
    if (NT_SUCCESS(status)) {
        if (info.FileAttributes & vine::nt::FILE_ATTRIBUTE_DIRECTORY) return {u"", ERROR_ACCESS_DENIED};
        return {dos_path, 0};
    }
    if (status == STATUS_OBJECT_NAME_NOT_FOUND) return {u"", ERROR_FILE_NOT_FOUND};
    DWORD error = RtlNtStatusToDosError(status);
    return {u"", error == ERROR_ACCESS_DENIED || error == ERROR_INVALID_NAME ? error : ERROR_PATH_NOT_FOUND};
}

// The directories searched for a bare program name: the EXE's directory,
// the current directory, the system and Windows directories, then PATH.
// PATH may still be a Unix one, colon-separated.
std::vector<std::u16string> search_directories() {
    std::vector<std::u16string> dirs;
    std::u16string image = from_unicode_string(parameters()->ImagePathName);
    for (size_t i = image.size(); i-- > 0;) {
        if (is_separator(image[i])) {
            dirs.push_back(image.substr(0, i + 1));
            break;
        }
    }
    dirs.push_back(current_directory());
    dirs.push_back(std::u16string(vine::paths::kSystemDirectory) + u"\\");
    dirs.push_back(std::u16string(vine::paths::kWindowsDirectory) + u"\\");
    DWORD size = GetEnvironmentVariableW(u"PATH", nullptr, 0);
    if (size) {
        std::u16string path(size, u'\0');
        path.resize(GetEnvironmentVariableW(u"PATH", path.data(), size));
        auto add = [&](std::u16string entry) {
            if (entry.empty()) return;
            if (!is_separator(entry.back())) entry += u'\\';
            dirs.push_back(entry);
        };
        size_t start = 0;
        while (start <= path.size()) {
            size_t end = path.find(u';', start);
            if (end == std::u16string::npos) end = path.size();
            std::u16string entry = path.substr(start, end - start);
            if (!entry.empty() && entry[0] == u'/') {
                // "/usr/bin:/bin": a Unix PATH.
                size_t from = 0;
                while (from <= entry.size()) {
                    size_t colon = entry.find(u':', from);
                    if (colon == std::u16string::npos) colon = entry.size();
                    add(entry.substr(from, colon - from));
                    from = colon + 1;
                }
            } else {
                add(entry);
            }
            start = end + 1;
        }
    }
    return dirs;
}

// Finds the program a command line names: ".exe" is added to a name
// without an extension; a name without a directory is searched for.
Found find_program(std::u16string name) {
    if (name.empty()) return {u"", ERROR_FILE_NOT_FOUND};
    size_t last_separator = name.find_last_of(u"\\/");
    size_t file_start = last_separator == std::u16string::npos ? 0 : last_separator + 1;
    if (name.find(u'.', file_start) == std::u16string::npos) name += u".exe";
    bool has_directory = last_separator != std::u16string::npos || (name.size() >= 2 && name[1] == u':');
    if (has_directory) {
        Found found = probe(full_path(name));
        // A piece of a command line that cannot be a file name (a quote
        // inside it) names no program: searching finds nothing there.
        if (found.error == ERROR_INVALID_NAME) found.error = ERROR_FILE_NOT_FOUND;
        return found;
    }
    for (const auto& dir : search_directories()) {
        Found found = probe(dir + name);
        if (!found.error) return found;
    }
    return {u"", ERROR_FILE_NOT_FOUND};
}

// The program of a command line without lpApplicationName: the quoted
// first token, or the shortest blank-separated prefix naming a file
// ("c:\program files\sub dir\program name" tries "c:\program.exe", then
// "c:\program files\sub.exe", ...).
Found program_of_command_line(std::u16string_view line) {
    size_t start = 0;
    while (start < line.size() && is_blank(line[start])) ++start;
    if (start < line.size() && line[start] == u'"') {
        size_t end = line.find(u'"', start + 1);
        if (end == std::u16string_view::npos) end = line.size();
        return find_program(std::u16string(line.substr(start + 1, end - start - 1)));
    }
    Found first;
    bool have_first = false;
    size_t end = start;
    while (end < line.size()) {
        while (end < line.size() && !is_blank(line[end])) ++end;
        Found found = find_program(std::u16string(line.substr(start, end - start)));
        if (!found.error) return found;
        if (!have_first) {
            first = found;
            have_first = true;
        }
        while (end < line.size() && is_blank(line[end])) ++end;
    }
    return have_first ? first : Found{u"", ERROR_FILE_NOT_FOUND};
}

// A PE image starts with "MZ" and has "PE\0\0" at e_lfanew. Anything else
// is ERROR_BAD_EXE_FORMAT, found before a child is started for it, except
// the system32 placeholders of Vine's builtin programs (cmd.exe), which
// vine runs as the program they name. The image is opened as Windows opens
// it to map it, reading and sharing reads and deletes only, so a file that
// another process writes gives ERROR_SHARING_VIOLATION. On success
// `final_path` is the image's DOS path with links resolved
// (GetFinalPathNameByHandleW's), the name the child runs and reports.
DWORD check_image(const std::u16string& dos_path, std::u16string& final_path) {
    NtPath path;
    if (!path.assign(dos_path.c_str())) return ERROR_PATH_NOT_FOUND;
    HANDLE file = nullptr;
    IO_STATUS_BLOCK io{};
    // A private handle (closed before returning): one share check only.
    NTSTATUS status = __vine_create_private_file(
        &file, vine::nt::FILE_READ_DATA | vine::nt::FILE_EXECUTE | vine::nt::SYNCHRONIZE, path.attributes(), &io, 0,
        vine::nt::FILE_SHARE_READ | vine::nt::FILE_SHARE_DELETE, vine::nt::FILE_OPEN,
        vine::nt::FILE_NON_DIRECTORY_FILE | vine::nt::FILE_SYNCHRONOUS_IO_NONALERT);
    if (!NT_SUCCESS(status)) return RtlNtStatusToDosError(status);
    struct Close {
        HANDLE handle;
        ~Close() { NtClose(handle); }
    } close_file{file};
    final_path = final_path_of(file);
    if (final_path.empty()) return ERROR_BAD_EXE_FORMAT;
    auto unix_path = vine::paths::dos_to_unix(final_path);
    if (!unix_path) return ERROR_BAD_EXE_FORMAT;
    if (!vine::loader::builtin_program_image(*unix_path).empty()) return 0;
    unsigned char dos[64];
    uint32_t signature = 0, lfanew = 0;
    LARGE_INTEGER offset{};
    bool good = NT_SUCCESS(NtReadFile(file, nullptr, nullptr, nullptr, &io, dos, sizeof dos, &offset, nullptr)) &&
                io.Information == sizeof dos && dos[0] == 'M' && dos[1] == 'Z';
    if (good) {
        memcpy(&lfanew, dos + 0x3c, sizeof(lfanew));
        offset.QuadPart = lfanew;
        good = NT_SUCCESS(NtReadFile(file, nullptr, nullptr, nullptr, &io, &signature, sizeof signature, &offset,
                                     nullptr)) &&
               io.Information == sizeof signature && signature == 0x00004550;
    }
    return good ? 0 : ERROR_BAD_EXE_FORMAT;
}

// A copy of an environment block, up to and including its empty string.
std::u16string unicode_environment(const WCHAR* block) {
    const WCHAR* end = block;
    while (*end) end += vine::utf16_length(end) + 1;
    return std::u16string(block, end - block + 1);
}

std::u16string ansi_environment(const char* block) {
    std::u16string out;
    for (const char* entry = block; *entry; entry += strlen(entry) + 1) {
        out += wide_from_ansi(entry);
        out += u'\0';
    }
    out += u'\0';
    return out;
}

bool is_batch_file(const std::u16string& path) {
    if (path.size() < 4) return false;
    std::u16string extension = path.substr(path.size() - 4);
    for (auto& c : extension) c = vine::ascii_lower(c);
    return extension == u".bat" || extension == u".cmd";
}

std::u16string environment_value(const char16_t* name) {
    DWORD size = GetEnvironmentVariableW(name, nullptr, 0);
    if (!size) return {};
    std::u16string value(size, u'\0');
    value.resize(GetEnvironmentVariableW(name, value.data(), size));
    return value;
}

std::u16string quoted_if_blank(std::u16string_view name) {
    if (name.find_first_of(u" \t") == std::u16string_view::npos) return std::u16string(name);
    return u"\"" + std::u16string(name) + u"\"";
}

BOOL create_process(LPCWSTR application, LPCWSTR command_line, SECURITY_ATTRIBUTES* process_attributes,
                    SECURITY_ATTRIBUTES* thread_attributes, BOOL inherit_handles, DWORD flags,
                    std::u16string environment, LPCWSTR directory, const STARTUPINFOW* startup_info,
                    PROCESS_INFORMATION* info) {
    if (!startup_info || !info || (!application && !command_line)) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    std::u16string_view app = application ? std::u16string_view(application, vine::utf16_length(application))
                                          : std::u16string_view();
    std::u16string_view line = command_line ? std::u16string_view(command_line, vine::utf16_length(command_line))
                                            : std::u16string_view();
    // The application name is used as it is, relative to the current
    // directory: no search, no ".exe" added.
    Found program = application ? probe(full_path(app)) : program_of_command_line(line);
    if (program.error) {
        set_error(program.error);
        return FALSE;
    }
    // A batch file runs in the command interpreter, as on Windows:
    // %ComSpec% /c "the command line".
    std::u16string batch_line;
    if (is_batch_file(program.path)) {
        std::u16string comspec = environment_value(u"ComSpec");
        if (comspec.empty()) comspec = std::u16string(vine::paths::kSystemDirectory) + u"\\cmd.exe";
        program = probe(full_path(comspec));
        if (program.error) {
            set_error(program.error);
            return FALSE;
        }
        batch_line = quoted_if_blank(comspec) + u" /c \"" + (command_line ? std::u16string(line) : quoted_if_blank(app)) +
                     u"\"";
        line = batch_line;
        command_line = batch_line.c_str();
    }
    std::u16string image;
    if (DWORD error = check_image(program.path, image)) {
        set_error(error);
        return FALSE;
    }
    // The child runs the image as the file system names it, links resolved.
    auto unix_image = vine::paths::dos_to_unix(image);
    if (!unix_image) {
        set_error(ERROR_BAD_EXE_FORMAT);
        return FALSE;
    }

    vine::protocol::StartupStrings startup;
    startup.image = image;
    startup.command_line = command_line ? std::u16string(line) : quoted_if_blank(app);
    if (directory) {
        std::u16string dir = full_path(std::u16string_view(directory, vine::utf16_length(directory)));
        NtPath dir_path;
        vine::nt::FILE_BASIC_INFORMATION info{};
        if (!*directory || !dir_path.assign(dir.c_str()) ||
            !NT_SUCCESS(NtQueryAttributesFile(dir_path.attributes(), &info)) ||
            !(info.FileAttributes & vine::nt::FILE_ATTRIBUTE_DIRECTORY)) {
            set_error(ERROR_DIRECTORY);
            return FALSE;
        }
        startup.current_directory = dir;
    } else {
        startup.current_directory = current_directory();
    }
    startup.environment = std::move(environment);
    if (startup_info->lpTitle) startup.title = startup_info->lpTitle;
    if (startup_info->lpDesktop) startup.desktop = startup_info->lpDesktop;
    startup.info.startup_flags = startup_info->dwFlags;
    startup.info.show_window = startup_info->wShowWindow;
    // Without STARTF_USESTDHANDLES the child gets ours; the server gives it
    // its own handles to the same objects (none for DETACHED_PROCESS).
    bool use_std = startup_info->dwFlags & STARTF_USESTDHANDLES;
    auto* params = parameters();
    HANDLE std_handles[3] = {use_std ? startup_info->hStdInput : params->StandardInput,
                             use_std ? startup_info->hStdOutput : params->StandardOutput,
                             use_std ? startup_info->hStdError : params->StandardError};
    for (int i = 0; i < 3; ++i) startup.info.std_handles[i] = reinterpret_cast<uintptr_t>(std_handles[i]);

    vine::protocol::new_process_request request{};
    request.inherit_handles = inherit_handles ? 1 : 0;
    request.creation_flags = flags;
    request.process_access = PROCESS_ALL_ACCESS;
    request.thread_access = THREAD_ALL_ACCESS;
    request.process_inherit = process_attributes && process_attributes->bInheritHandle;
    request.thread_inherit = thread_attributes && thread_attributes->bInheritHandle;
    vine::protocol::new_process_reply reply{};
    if (DWORD error = vine::client::spawn_child(request, startup, *unix_image, reply)) {
        set_error(error);
        return FALSE;
    }
    info->hProcess = reinterpret_cast<HANDLE>(reply.process_handle);
    info->hThread = reinterpret_cast<HANDLE>(reply.thread_handle);
    info->dwProcessId = reply.process_id;
    info->dwThreadId = reply.thread_id;
    set_error(ERROR_SUCCESS);
    return TRUE;
}

}  // namespace

// The child's environment block: the caller's (ANSI, or UTF-16 with
// CREATE_UNICODE_ENVIRONMENT), or ours when it gives none.
static std::u16string environment_block(LPVOID environment, DWORD flags) {
    if (!environment) return unicode_environment(parameters()->Environment);
    if (flags & CREATE_UNICODE_ENVIRONMENT) return unicode_environment(static_cast<const WCHAR*>(environment));
    return ansi_environment(static_cast<const char*>(environment));
}

VINE_EXPORT BOOL CreateProcessW(LPCWSTR application, LPWSTR command_line, SECURITY_ATTRIBUTES* process_attributes,
                                SECURITY_ATTRIBUTES* thread_attributes, BOOL inherit_handles, DWORD flags,
                                LPVOID environment, LPCWSTR directory, STARTUPINFOW* startup_info,
                                PROCESS_INFORMATION* info) {
    std::u16string block = environment_block(environment, flags);
    return create_process(application, command_line, process_attributes, thread_attributes, inherit_handles, flags,
                          std::move(block), directory, startup_info, info);
}

VINE_EXPORT BOOL CreateProcessA(LPCSTR application, LPSTR command_line, SECURITY_ATTRIBUTES* process_attributes,
                                SECURITY_ATTRIBUTES* thread_attributes, BOOL inherit_handles, DWORD flags,
                                LPVOID environment, LPCSTR directory, STARTUPINFOW* startup_info_a,
                                PROCESS_INFORMATION* info) {
    if (!startup_info_a) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    std::u16string app = application ? wide_from_ansi(application) : u"";
    std::u16string line = command_line ? wide_from_ansi(command_line) : u"";
    std::u16string dir = directory ? wide_from_ansi(directory) : u"";
    // STARTUPINFOA: the same layout, ANSI strings.
    STARTUPINFOW startup = *startup_info_a;
    std::u16string title, desktop;
    if (startup_info_a->lpTitle) {
        title = wide_from_ansi(reinterpret_cast<const char*>(startup_info_a->lpTitle));
        startup.lpTitle = title.data();
    }
    if (startup_info_a->lpDesktop) {
        desktop = wide_from_ansi(reinterpret_cast<const char*>(startup_info_a->lpDesktop));
        startup.lpDesktop = desktop.data();
    }
    std::u16string block = environment_block(environment, flags);
    return create_process(application ? app.c_str() : nullptr, command_line ? line.c_str() : nullptr,
                          process_attributes, thread_attributes, inherit_handles, flags, std::move(block),
                          directory ? dir.c_str() : nullptr, &startup, info);
}
