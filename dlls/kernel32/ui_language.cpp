// The preferred UI languages (GetUserPreferredUILanguages and the thread
// and system forms): Vine has one, vine::ui_language_id, given as
// a name ("en-US") or a hexadecimal id ("0409") in a double-NUL-terminated
// list.
#include <cstdio>
#include <string>

#include "kernel32_private.h"
#include "vine/ui_language.h"

using namespace kernel32;

namespace {

constexpr DWORD MUI_LANGUAGE_ID = 0x4, MUI_LANGUAGE_NAME = 0x8;

BOOL preferred_languages(DWORD flags, DWORD allowed, ULONG* count, WCHAR* buffer, ULONG* size) {
    if ((flags & ~allowed) || (flags & MUI_LANGUAGE_ID && flags & MUI_LANGUAGE_NAME) || !count || !size) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    std::u16string list;
    if (flags & MUI_LANGUAGE_ID) {
        char id[8];
        std::snprintf(id, sizeof(id), "%04x", vine::ui_language_id);
        for (const char* p = id; *p; ++p) list.push_back(static_cast<char16_t>(*p));
    } else {
        list = vine::ui_language_name;
    }
    list.push_back(u'\0');
    list.push_back(u'\0');
    const auto needed = static_cast<ULONG>(list.size());
    if (buffer) {
        if (*size < needed) {
            *size = needed;
            set_error(ERROR_INSUFFICIENT_BUFFER);
            return FALSE;
        }
        list.copy(reinterpret_cast<char16_t*>(buffer), list.size());
    }
    *count = 1;
    *size = needed;
    return TRUE;
}

// MUI_LANGUAGE_ID | MUI_LANGUAGE_NAME, and for the thread form also the
// fallback merges, MUI_THREAD_LANGUAGES and the filters, which change
// nothing with a single language.
constexpr DWORD user_flags = 0xc;
constexpr DWORD thread_flags = 0x3fc;

}  // namespace

VINE_EXPORT BOOL GetUserPreferredUILanguages(DWORD flags, ULONG* count, WCHAR* buffer, ULONG* size) {
    return preferred_languages(flags, user_flags, count, buffer, size);
}

VINE_EXPORT BOOL GetSystemPreferredUILanguages(DWORD flags, ULONG* count, WCHAR* buffer, ULONG* size) {
    return preferred_languages(flags, user_flags | 0x10 /* MUI_MACHINE_LANGUAGE_SETTINGS */ , count, buffer, size);
}

VINE_EXPORT BOOL GetThreadPreferredUILanguages(DWORD flags, ULONG* count, WCHAR* buffer, ULONG* size) {
    return preferred_languages(flags, thread_flags, count, buffer, size);
}
