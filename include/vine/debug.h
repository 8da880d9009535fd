// Debug channels, after Wine's: VINEDEBUG (or WINEDEBUG when VINEDEBUG is
// unset) holds a comma-separated list like "+relay,-heap,warn+file,+all".
// Classes are err, warn, fixme and trace; "+name" turns every class of the
// channel on, "class+name" one class. err and fixme are on by default.
#pragma once

#include <cstdarg>

namespace vine::debug {

enum class Class : unsigned { Err = 0, Warn = 1, Fixme = 2, Trace = 3 };

// True if messages of `cls` on `channel` are enabled.
bool enabled(const char* channel, Class cls);
// Prints "TID:class:channel:function message" to stderr.
void print(const char* channel, Class cls, const char* function, const char* format, ...)
    __attribute__((format(printf, 4, 5)));
// Prints without any prefix (relay uses its own).
void printf_raw(const char* format, ...) __attribute__((format(printf, 1, 2)));

}  // namespace vine::debug

#define VINE_DEBUG_LOG(channel, cls, ...)                                               \
    do {                                                                                \
        if (::vine::debug::enabled(channel, cls)) ::vine::debug::print(channel, cls, __func__, __VA_ARGS__); \
    } while (0)
#define TRACE_(channel, ...) VINE_DEBUG_LOG(channel, ::vine::debug::Class::Trace, __VA_ARGS__)
#define WARN_(channel, ...) VINE_DEBUG_LOG(channel, ::vine::debug::Class::Warn, __VA_ARGS__)
#define FIXME_(channel, ...) VINE_DEBUG_LOG(channel, ::vine::debug::Class::Fixme, __VA_ARGS__)
#define ERR_(channel, ...) VINE_DEBUG_LOG(channel, ::vine::debug::Class::Err, __VA_ARGS__)
