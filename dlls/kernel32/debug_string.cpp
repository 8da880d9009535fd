// OutputDebugStringA/W. As on Windows, the string is first raised as an
// exception (DBG_PRINTEXCEPTION_C, or DBG_PRINTEXCEPTION_WIDE_C before it
// for the W form) that a debugger or a vectored handler may take; if none
// does, it goes to the debugstr channel (VINEDEBUG=+debugstr), Vine's
// system debugger.
#include <cstdio>
#include <cstring>
#include <string>

#include "kernel32_private.h"
#include "vine/context.h"
#include "vine/debug.h"

extern "C" __attribute__((ms_abi)) BOOLEAN __vine_raise_debug_exception(EXCEPTION_RECORD* record);  // ntdll

namespace {

// Raises `code` with the parameters; true if a handler took it.
bool raise_debug_exception(DWORD code, std::initializer_list<ULONG_PTR> parameters) {
    EXCEPTION_RECORD record{};
    record.ExceptionCode = code;
    for (ULONG_PTR parameter : parameters) record.ExceptionInformation[record.NumberParameters++] = parameter;
    return __vine_raise_debug_exception(&record);
}

// The string as a C literal's contents, as the debugstr channel shows it.
std::string escaped(const char* text) {
    std::string out;
    for (const char* p = text; *p; ++p) {
        unsigned char c = static_cast<unsigned char>(*p);
        switch (c) {
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char code[8];
                snprintf(code, sizeof(code), "\\x%02x", c);
                out += code;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out;
}

}  // namespace

VINE_EXPORT void OutputDebugStringA(const char* text) {
    if (!text) text = "";
    size_t length = strlen(text);
    if (raise_debug_exception(DBG_PRINTEXCEPTION_C, {length + 1, reinterpret_cast<ULONG_PTR>(text)})) return;
    WARN_("debugstr", "\"%s\"\n", escaped(text).c_str());
}

VINE_EXPORT void OutputDebugStringW(const WCHAR* text) {
    if (!text) text = u"";
    size_t length = 0;
    while (text[length]) ++length;
    int bytes = WideCharToMultiByte(CP_ACP, 0, text, -1, nullptr, 0, nullptr, nullptr);
    std::string ansi(bytes > 0 ? static_cast<size_t>(bytes) : 1, '\0');
    if (bytes > 0) WideCharToMultiByte(CP_ACP, 0, text, -1, ansi.data(), bytes, nullptr, nullptr);
    if (raise_debug_exception(DBG_PRINTEXCEPTION_WIDE_C,
                              {length + 1, reinterpret_cast<ULONG_PTR>(text), strlen(ansi.c_str()) + 1,
                               reinterpret_cast<ULONG_PTR>(ansi.c_str())}))
        return;
    OutputDebugStringA(ansi.c_str());
}
