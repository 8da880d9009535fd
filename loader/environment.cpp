// The environment of a process started from Unix, built as Windows builds a
// logon's: the variables Windows derives from the machine and the user (the
// folders, the computer and user names, the processor), then the registry's
// HKLM\...\Session Manager\Environment, HKCU\Environment and HKCU\Volatile
// Environment (REG_EXPAND_SZ values expanded, the user's Path appended to the
// system's), then the Unix environment on top, as Wine passes it through.
// Unix PATH becomes Windows directories (Z:\usr\bin) after the Windows ones;
// the Unix variables naming Unix paths that Windows defines its own way
// (HOME, PWD, TEMP, TMP) are left out. Children of CreateProcess get their
// parent's block instead (process.cpp).
#include "environment.h"

#include <unistd.h>

#include <cstring>
#include <map>
#include <vector>

#include "prefix.h"
#include "vine/computer_name.h"
#include "vine/cpu_identity.h"
#include "vine/paths.h"
#include "vine/server_client.h"
#include "vine/unicode.h"

extern char** environ;

namespace vine::process {
namespace {

constexpr uint32_t REG_SZ = 1, REG_EXPAND_SZ = 2;
constexpr uint32_t KEY_QUERY_VALUE = 1;

struct RegistryString {
    std::u16string name, value;
    bool expand;
};

// The string values of a registry key, in the order they were set; none
// when the key does not exist.
std::vector<RegistryString> registry_strings(const std::u16string& path) {
    std::vector<RegistryString> values;
    protocol::open_key_request open{};
    open.access = KEY_QUERY_VALUE;
    protocol::open_key_reply opened{};
    if (client::call(open, opened, path.data(), static_cast<uint32_t>(path.size() * 2))) return values;
    // One request answers a key of a few values (key_values).
    for (uint32_t first = 0;;) {
        protocol::key_values_request request{};
        request.handle = opened.handle;
        request.first = first;
        protocol::key_values_reply reply{};
        std::string var;
        if (client::call(request, reply, nullptr, 0, nullptr, 0, &var)) break;
        size_t at = 0;
        for (uint32_t i = 0; i < reply.count; ++i) {
            protocol::key_value_record record;
            if (var.size() - at < sizeof(record)) break;
            memcpy(&record, var.data() + at, sizeof(record));
            at += sizeof(record);
            if (var.size() - at < uint64_t{record.name_bytes} + record.data_bytes) break;
            const char* name_bytes = var.data() + at;
            const char* data_bytes = name_bytes + record.name_bytes;
            at += record.name_bytes + record.data_bytes;
            if (record.type != REG_SZ && record.type != REG_EXPAND_SZ) continue;
            std::u16string name(record.name_bytes / 2, u'\0');
            memcpy(name.data(), name_bytes, name.size() * 2);
            std::u16string value(record.data_bytes / 2, u'\0');
            memcpy(value.data(), data_bytes, value.size() * 2);
            while (!value.empty() && value.back() == u'\0') value.pop_back();
            if (!name.empty()) values.push_back({name, value, record.type == REG_EXPAND_SZ});
        }
        if (reply.done || !reply.count || reply.next <= first) break;
        first = reply.next;
    }
    client::close_handle(reinterpret_cast<HANDLE>(opened.handle));
    return values;
}

char16_t upper(char16_t c) { return c >= u'a' && c <= u'z' ? static_cast<char16_t>(c - u'a' + u'A') : c; }

// Variables keyed by their upper-cased name: the block comes out sorted as
// Windows keeps it, and names compare ignoring case.
class Environment {
public:
    void set(const std::u16string& name, const std::u16string& value) { variables_[key(name)] = {name, value}; }
    void set(const char* name, const std::string& value) { set(utf8_to_utf16(name), utf8_to_utf16(value)); }
    const std::u16string* get(const std::u16string& name) const {
        auto found = variables_.find(key(name));
        return found == variables_.end() ? nullptr : &found->second.second;
    }
    // %NAME% replaced by the value; unknown names stay as written.
    std::u16string expand(const std::u16string& text) const {
        std::u16string out;
        size_t pos = 0;
        while (pos < text.size()) {
            size_t open = text.find(u'%', pos), close = std::u16string::npos;
            if (open != std::u16string::npos) close = text.find(u'%', open + 1);
            if (close == std::u16string::npos) {
                out += text.substr(pos);
                break;
            }
            out += text.substr(pos, open - pos);
            const std::u16string* value = get(text.substr(open + 1, close - open - 1));
            out += value ? *value : text.substr(open, close - open + 1);
            pos = close + 1;
        }
        return out;
    }
    // Sets each value of a registry key, plain strings before the ones to
    // expand, which may name them. With `append_path`, a Path value joins
    // the one already set instead of replacing it.
    void apply(const std::vector<RegistryString>& values, bool append_path) {
        for (int pass = 0; pass < 2; ++pass) {
            for (const auto& value : values) {
                if (value.expand != (pass == 1)) continue;
                std::u16string text = value.expand ? expand(value.value) : value.value;
                const std::u16string* old = get(value.name);
                if (append_path && key(value.name) == u"PATH" && old && !old->empty())
                    text = *old + (old->back() == u';' ? u"" : u";") + text;
                set(value.name, text);
            }
        }
    }
    std::u16string block() const {
        std::u16string out;
        for (const auto& [folded, entry] : variables_) out += entry.first + u'=' + entry.second + u'\0';
        return out + u'\0';
    }

private:
    static std::u16string key(const std::u16string& name) {
        std::u16string folded = name;
        for (auto& c : folded) c = upper(c);
        return folded;
    }
    std::map<std::u16string, std::pair<std::u16string, std::u16string>> variables_;
};

// What Windows sets for every logon before it reads the registry.
void set_machine_and_user(Environment& env) {
    const std::string user = prefix::user_name();
    const std::string profile = "C:\\users\\" + user;
    const std::string computer = host_netbios_name();
    const CpuIdentity cpu = cpu_identity();
    char revision[8];
    snprintf(revision, sizeof(revision), "%04x", cpu.revision() & 0xffff);
    long processors = sysconf(_SC_NPROCESSORS_ONLN);
    env.set("ALLUSERSPROFILE", "C:\\ProgramData");
    env.set("APPDATA", profile + "\\AppData\\Roaming");
    env.set("CommonProgramFiles", "C:\\Program Files\\Common Files");
    env.set("CommonProgramFiles(x86)", "C:\\Program Files (x86)\\Common Files");
    env.set("CommonProgramW6432", "C:\\Program Files\\Common Files");
    env.set("COMPUTERNAME", computer);
    env.set("ComSpec", "C:\\windows\\system32\\cmd.exe");
    env.set("HOMEDRIVE", "C:");
    env.set("HOMEPATH", "\\users\\" + user);
    env.set("LOCALAPPDATA", profile + "\\AppData\\Local");
    env.set("LOGONSERVER", "\\\\" + computer);
    env.set("NUMBER_OF_PROCESSORS", std::to_string(processors > 0 ? processors : 1));
    env.set("OS", "Windows_NT");
    env.set("PATHEXT", ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC");
    env.set("PROCESSOR_ARCHITECTURE", "AMD64");
    env.set("PROCESSOR_IDENTIFIER", cpu.identifier());
    env.set("PROCESSOR_LEVEL", std::to_string(cpu.family));
    env.set("PROCESSOR_REVISION", revision);
    env.set("ProgramData", "C:\\ProgramData");
    env.set("ProgramFiles", "C:\\Program Files");
    env.set("ProgramFiles(x86)", "C:\\Program Files (x86)");
    env.set("ProgramW6432", "C:\\Program Files");
    env.set("PUBLIC", "C:\\users\\Public");
    env.set("SystemDrive", "C:");
    env.set("SystemRoot", "C:\\windows");
    env.set("TEMP", profile + "\\Temp");
    env.set("TMP", profile + "\\Temp");
    env.set("USERDOMAIN", computer);
    env.set("USERNAME", user);
    env.set("USERPROFILE", profile);
    env.set("windir", "C:\\windows");
}

// Unix variables that name Unix paths where Windows has its own.
bool hidden_unix_variable(std::string_view name) {
    return name == "PATH" || name == "HOME" || name == "PWD" || name == "TEMP" || name == "TMP" ||
           name == "VINE_SERVER_FD";
}

// "/usr/bin:/bin" as "Z:\usr\bin;Z:\bin", appended to the Windows Path.
std::u16string windows_path(const std::u16string* windows, const char* unix_path) {
    std::u16string path = windows ? *windows : u"C:\\windows\\system32;C:\\windows";
    if (!unix_path) return path;
    std::string_view rest(unix_path);
    while (!rest.empty()) {
        size_t colon = rest.find(':');
        std::string_view dir = rest.substr(0, colon);
        rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
        if (dir.empty() || dir[0] != '/') continue;  // relative entries mean nothing to Windows
        if (!path.empty() && path.back() != u';') path += u';';
        path += paths::unix_to_dos(dir);
    }
    return path;
}

}  // namespace

std::u16string initial_environment() {
    Environment env;
    set_machine_and_user(env);
    const std::u16string user_key = u"\\Registry\\User\\" + utf8_to_utf16(prefix::kUserSid);
    env.apply(registry_strings(u"\\Registry\\Machine\\System\\CurrentControlSet\\Control\\Session Manager\\Environment"),
              false);
    env.apply(registry_strings(user_key + u"\\Environment"), true);
    env.apply(registry_strings(user_key + u"\\Volatile Environment"), false);
    for (char** entry = environ; *entry; ++entry) {
        const char* eq = strchr(*entry, '=');
        if (!eq || eq == *entry) continue;
        std::string name(*entry, eq - *entry);
        if (hidden_unix_variable(name)) continue;
        env.set(unix_to_utf16(name), unix_to_utf16(eq + 1));
    }
    env.set(u"Path", windows_path(env.get(u"PATH"), getenv("PATH")));
    return env.block();
}

}  // namespace vine::process
