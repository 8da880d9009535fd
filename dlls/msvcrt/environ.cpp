// The CRT's copies of the environment (_environ, _wenviron), getenv and
// _putenv, kept in step with kernel32's.
#include <cstring>
#include <mutex>

#include "vine/locks.h"
#include "msvcrt_private.h"
#include "vine/kernel32_exports.h"

MSVCRT_DATA char** MSVCRT__environ;
MSVCRT_DATA WCHAR** MSVCRT__wenviron;

namespace {
vine::RecursiveMutex env_lock;

char* narrow_copy(const WCHAR* s) {
    int n = WideCharToMultiByte(CP_ACP, 0, s, -1, nullptr, 0, nullptr, nullptr);
    if (n <= 0) n = 1;
    char* out = static_cast<char*>(MSVCRT_malloc(static_cast<size_t>(n)));
    if (!WideCharToMultiByte(CP_ACP, 0, s, -1, out, n, nullptr, nullptr)) out[0] = 0;
    return out;
}

WCHAR* wide_copy(const char* s) {
    int n = MultiByteToWideChar(CP_ACP, 0, s, -1, nullptr, 0);
    if (n <= 0) n = 1;
    WCHAR* out = static_cast<WCHAR*>(MSVCRT_malloc(static_cast<size_t>(n) * sizeof(WCHAR)));
    if (!MultiByteToWideChar(CP_ACP, 0, s, -1, out, n)) out[0] = 0;
    return out;
}

template <class CharT>
int lower(CharT c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

// Index of NAME in the table (case-insensitive), or -1.
template <class CharT>
int find(CharT** table, const CharT* name, size_t name_len) {
    if (!table) return -1;
    for (int i = 0; table[i]; ++i) {
        const CharT* entry = table[i];
        size_t k = 0;
        while (k < name_len && entry[k] && lower(entry[k]) == lower(name[k])) ++k;
        if (k == name_len && entry[k] == '=') return i;
    }
    return -1;
}

template <class CharT>
size_t length(const CharT* s) {
    size_t n = 0;
    while (s[n]) ++n;
    return n;
}

// Replaces, adds or (with an empty value) removes NAME=VALUE in a table.
template <class CharT>
void update(CharT*** table_ptr, CharT* entry, size_t name_len, bool remove) {
    CharT** table = *table_ptr;
    int index = find(table, entry, name_len);
    size_t count = 0;
    while (table && table[count]) ++count;
    if (remove) {
        MSVCRT_free(entry);
        if (index < 0) return;
        MSVCRT_free(table[index]);
        for (size_t i = static_cast<size_t>(index); i < count; ++i) table[i] = table[i + 1];
        return;
    }
    if (index >= 0) {
        MSVCRT_free(table[index]);
        table[index] = entry;
        return;
    }
    auto** grown = static_cast<CharT**>(MSVCRT_realloc(table, (count + 2) * sizeof(CharT*)));
    if (!grown) return;
    grown[count] = entry;
    grown[count + 1] = nullptr;
    *table_ptr = grown;
}

}  // namespace

void msvcrt_init_environ() {
    WCHAR* block = GetEnvironmentStringsW();
    size_t count = 0;
    if (block)
        for (WCHAR* p = block; *p; p += msvcrt_wcslen(p) + 1)
            if (*p != '=') ++count;
    MSVCRT__environ = static_cast<char**>(MSVCRT_calloc(count + 1, sizeof(char*)));
    MSVCRT__wenviron = static_cast<WCHAR**>(MSVCRT_calloc(count + 1, sizeof(WCHAR*)));
    size_t i = 0;
    if (block) {
        // Entries starting with '=' (per-drive directories) are not part of
        // the CRT's environment.
        for (WCHAR* p = block; *p; p += msvcrt_wcslen(p) + 1) {
            if (*p == '=') continue;
            size_t bytes = (msvcrt_wcslen(p) + 1) * sizeof(WCHAR);
            MSVCRT__wenviron[i] = static_cast<WCHAR*>(MSVCRT_malloc(bytes));
            std::memcpy(MSVCRT__wenviron[i], p, bytes);
            MSVCRT__environ[i] = narrow_copy(p);
            ++i;
        }
        FreeEnvironmentStringsW(block);
    }
}

MSVCRT_API char*** MSVCRT___p__environ() { return &MSVCRT__environ; }
MSVCRT_API WCHAR*** MSVCRT___p__wenviron() { return &MSVCRT__wenviron; }

MSVCRT_API char* MSVCRT_getenv(const char* name) {
    if (!name) return nullptr;
    std::lock_guard guard(env_lock);
    size_t n = std::strlen(name);
    int i = find(MSVCRT__environ, name, n);
    return i < 0 ? nullptr : MSVCRT__environ[i] + n + 1;
}

MSVCRT_API WCHAR* MSVCRT__wgetenv(const WCHAR* name) {
    if (!name) return nullptr;
    std::lock_guard guard(env_lock);
    size_t n = length(name);
    int i = find(MSVCRT__wenviron, name, n);
    return i < 0 ? nullptr : MSVCRT__wenviron[i] + n + 1;
}

MSVCRT_API int MSVCRT_getenv_s(size_t* required, char* buffer, size_t size, const char* name) {
    const char* value = MSVCRT_getenv(name);
    size_t n = value ? std::strlen(value) + 1 : 0;
    if (required) *required = n;
    if (!value) {
        if (buffer && size) buffer[0] = 0;
        return 0;
    }
    if (!buffer || size < n) return MSVCRT_ERANGE;
    std::memcpy(buffer, value, n);
    return 0;
}

MSVCRT_API int MSVCRT__putenv(const char* assignment) {
    if (!assignment) return -1;
    const char* eq = std::strchr(assignment, '=');
    if (!eq || eq == assignment) return -1;
    std::lock_guard guard(env_lock);
    size_t name_len = static_cast<size_t>(eq - assignment);
    bool remove = eq[1] == 0;
    char* entry = static_cast<char*>(MSVCRT_malloc(std::strlen(assignment) + 1));
    std::strcpy(entry, assignment);
    WCHAR* wentry = wide_copy(assignment);
    size_t wname_len = 0;
    while (wentry[wname_len] && wentry[wname_len] != '=') ++wname_len;

    char* name = static_cast<char*>(MSVCRT_malloc(name_len + 1));
    std::memcpy(name, assignment, name_len);
    name[name_len] = 0;
    BOOL ok = SetEnvironmentVariableA(name, remove ? nullptr : eq + 1);
    MSVCRT_free(name);

    update(&MSVCRT__environ, entry, name_len, remove);
    update(&MSVCRT__wenviron, wentry, wname_len, remove);
    return ok || remove ? 0 : -1;
}

MSVCRT_API int MSVCRT__wputenv(const WCHAR* assignment) {
    if (!assignment) return -1;
    char* narrow = narrow_copy(assignment);
    int r = MSVCRT__putenv(narrow);
    MSVCRT_free(narrow);
    return r;
}

MSVCRT_API int MSVCRT__putenv_s(const char* name, const char* value) {
    if (!name || !value) return MSVCRT_EINVAL;
    size_t n = std::strlen(name), v = std::strlen(value);
    char* assignment = static_cast<char*>(MSVCRT_malloc(n + v + 2));
    std::memcpy(assignment, name, n);
    assignment[n] = '=';
    std::memcpy(assignment + n + 1, value, v + 1);
    int r = MSVCRT__putenv(assignment);
    MSVCRT_free(assignment);
    return r ? MSVCRT_EINVAL : 0;
}
