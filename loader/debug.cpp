#include "vine/debug.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>

namespace vine::debug {
namespace {

constexpr unsigned kDefaultMask = (1u << unsigned(Class::Err)) | (1u << unsigned(Class::Fixme));
constexpr const char* kClassNames[] = {"err", "warn", "fixme", "trace"};

struct Settings {
    unsigned all_mask = kDefaultMask;
    std::map<std::string, unsigned> channels;
};

Settings parse(const char* spec) {
    Settings settings;
    if (!spec) return settings;
    std::string text(spec);
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t comma = text.find(',', pos);
        if (comma == std::string::npos) comma = text.size();
        std::string item = text.substr(pos, comma - pos);
        pos = comma + 1;
        size_t sign = item.find_first_of("+-");
        if (sign == std::string::npos) continue;
        std::string cls = item.substr(0, sign), name = item.substr(sign + 1);
        bool on = item[sign] == '+';
        unsigned mask = 0;
        if (cls.empty()) {
            mask = 0xf;
        } else {
            for (unsigned i = 0; i < 4; ++i)
                if (cls == kClassNames[i]) mask = 1u << i;
            if (!mask) continue;
        }
        if (name == "all") {
            settings.all_mask = on ? (settings.all_mask | mask) : (settings.all_mask & ~mask);
            for (auto& [channel, channel_mask] : settings.channels)
                channel_mask = on ? (channel_mask | mask) : (channel_mask & ~mask);
            continue;
        }
        auto [it, inserted] = settings.channels.try_emplace(name, settings.all_mask);
        it->second = on ? (it->second | mask) : (it->second & ~mask);
    }
    return settings;
}

const Settings& settings() {
    static const Settings parsed = [] {
        const char* spec = getenv("VINEDEBUG");
        if (!spec) spec = getenv("WINEDEBUG");
        return parse(spec);
    }();
    return parsed;
}

std::mutex output_lock;

}  // namespace

bool enabled(const char* channel, Class cls) {
    const Settings& s = settings();
    auto it = s.channels.find(channel);
    unsigned mask = it == s.channels.end() ? s.all_mask : it->second;
    if (it == s.channels.end() && cls == Class::Trace) {
        // "+all" turns trace on for every channel; relay and snoop only when
        // asked for by name, as in Wine, since they are very verbose.
        if (!strcmp(channel, "relay") || !strcmp(channel, "snoop")) return false;
    }
    return mask & (1u << unsigned(cls));
}

void print(const char* channel, Class cls, const char* function, const char* format, ...) {
    std::lock_guard guard(output_lock);
    fprintf(stderr, "%04lx:%s:%s:%s ", static_cast<long>(syscall(SYS_gettid)), kClassNames[unsigned(cls)], channel,
            function);
    va_list args;
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fflush(stderr);
}

void printf_raw(const char* format, ...) {
    std::lock_guard guard(output_lock);
    va_list args;
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fflush(stderr);
}

}  // namespace vine::debug
