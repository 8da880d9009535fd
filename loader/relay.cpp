#include "relay.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "vine/debug.h"
#include "vine/loader.h"
#include "vine/server_client.h"

namespace vine::relay {
namespace {

std::string dll_stem(const BuiltinExport* entry) {
    std::string name = entry->dll->name;
    auto dot = name.rfind('.');
    if (dot != std::string::npos) name.erase(dot);
    for (auto& c : name) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
    return name;
}

std::string export_name(const BuiltinExport* entry) {
    return entry->name ? entry->name : "#" + std::to_string(entry->ordinal);
}

// A printable, escaped copy of a guest string; guest pointers below 64 KiB
// are never valid on Windows, so they are shown as numbers only.
template <typename Char>
std::string quoted(const Char* text, const char* prefix) {
    if (reinterpret_cast<uintptr_t>(text) < 0x10000) return "";
    std::string out = std::string(" ") + prefix + "\"";
    for (int i = 0; text[i] && i < 80; ++i) {
        auto c = static_cast<uint32_t>(text[i]);
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (c == '"' || c == '\\') out += std::string("\\") + static_cast<char>(c);
        else if (c >= 0x20 && c < 0x7f) out += static_cast<char>(c);
        else {
            char buffer[16];
            snprintf(buffer, sizeof(buffer), "\\x%02x", c);
            out += buffer;
        }
        if (i == 79 && text[i + 1]) out += "...";
    }
    return out + "\"";
}

}  // namespace

bool enabled_for(const BuiltinExport* entry) {
    static const bool relay = debug::enabled("relay", debug::Class::Trace);
    return relay;
}

}  // namespace vine::relay

using vine::BuiltinExport;

// Called by vine_relay_entry with the homed integer arguments (and the stack
// arguments right after them) and the saved xmm0-3.
extern "C" __attribute__((ms_abi, visibility("hidden"))) void vine_relay_trace_call(const BuiltinExport* entry,
                                                                                     const uint64_t* args,
                                                                                     const uint64_t* xmm,
                                                                                     void* return_address) {
    using namespace vine::relay;
    std::string text;
    for (unsigned i = 0; i < entry->arg_count; ++i) {
        if (i) text += ",";
        char type = entry->arg_types[i];
        uint64_t value = (i < 4 && (type == 'd' || type == 'f')) ? xmm[2 * i] : args[i];
        char buffer[64];
        switch (type) {
        case 'l': snprintf(buffer, sizeof(buffer), "%08x", static_cast<uint32_t>(value)); break;
        case 'd': {
            double d;
            memcpy(&d, &value, 8);
            snprintf(buffer, sizeof(buffer), "%g", d);
            break;
        }
        case 'f': {
            float f;
            uint32_t bits = static_cast<uint32_t>(value);
            memcpy(&f, &bits, 4);
            snprintf(buffer, sizeof(buffer), "%g", static_cast<double>(f));
            break;
        }
        default: snprintf(buffer, sizeof(buffer), "%016llx", static_cast<unsigned long long>(value)); break;
        }
        text += buffer;
        if (type == 's') text += quoted(reinterpret_cast<const char*>(value), "");
        if (type == 'w') text += quoted(reinterpret_cast<const char16_t*>(value), "L");
    }
    if (entry->kind == vine::ExportKind::Varargs) text += entry->arg_count ? ",..." : "...";
    vine::debug::printf_raw("%04x:Call %s.%s(%s) ret=%016llx\n", static_cast<unsigned>(gettid()),
                            dll_stem(entry).c_str(), export_name(entry).c_str(), text.c_str(),
                            static_cast<unsigned long long>(reinterpret_cast<uintptr_t>(return_address)));
}

extern "C" __attribute__((ms_abi, visibility("hidden"))) void vine_relay_trace_return(const BuiltinExport* entry,
                                                                                       uint64_t value,
                                                                                       void* return_address) {
    using namespace vine::relay;
    vine::debug::printf_raw("%04x:Ret  %s.%s() retval=%016llx ret=%016llx\n", static_cast<unsigned>(gettid()),
                            dll_stem(entry).c_str(), export_name(entry).c_str(),
                            static_cast<unsigned long long>(value),
                            static_cast<unsigned long long>(reinterpret_cast<uintptr_t>(return_address)));
}

// The exit status of a process that called an unimplemented export.
constexpr int kUnimplementedExitStatus = 254;

extern "C" __attribute__((visibility("hidden"), noreturn)) void vine_report_unimplemented(const BuiltinExport* entry,
                                                                                         void* caller) {
    using namespace vine::relay;
    std::string dll = entry->dll->name;
    auto dot = dll.rfind('.');
    if (dot != std::string::npos) dll.erase(dot);
    fprintf(stderr, "vine: %s.%s not implemented (called from %p)\n", dll.c_str(), export_name(entry).c_str(),
            caller);
    fflush(nullptr);
    vine::client::report_exit(kUnimplementedExitStatus);
    _exit(kUnimplementedExitStatus);
}
