// The Universal CRT's start-up and exit interface, as the static part of an
// MSVC-built program (its mainCRTStartup) calls it: argv and environment
// are made when ucrtbase loads (msvcrt's start-up code, shared), onexit
// tables are the program's or a DLL's own.
#include <cstring>
#include <mutex>

#include "vine/locks.h"
#include "msvcrt_private.h"
#include "vine/kernel32_exports.h"

MSVCRT_API __attribute__((noreturn)) void MSVCRT__exit(int code);

MSVCRT_API char*** MSVCRT___p__environ();
MSVCRT_API WCHAR*** MSVCRT___p__wenviron();

extern "C" {
extern MSVCRT_DATA char* MSVCRT__acmdln;
extern MSVCRT_DATA WCHAR* MSVCRT__wcmdln;
}

namespace {

using OnExit = int(__attribute__((ms_abi))*)();

// _onexit_table_t.
struct OnExitTable {
    OnExit* first;
    OnExit* last;
    OnExit* end;
};

vine::Mutex table_lock;

// The part of a command line after the program name, as WinMain receives it.
template <typename CharT>
CharT* after_program_name(CharT* line) {
    if (!line) return line;
    bool quoted = false;
    for (; *line; ++line) {
        if (*line == '"') quoted = !quoted;
        else if (!quoted && (*line == ' ' || *line == '\t')) break;
    }
    while (*line == ' ' || *line == '\t') ++line;
    return line;
}

}  // namespace

// argv is split when ucrtbase loads; the mode (_crt_argv_expanded_arguments
// for wildcard expansion) is accepted, wildcards are not expanded.
MSVCRT_API int ucrt_configure_narrow_argv(int /*mode*/) { return 0; }
MSVCRT_API int ucrt_configure_wide_argv(int /*mode*/) { return 0; }
MSVCRT_API int ucrt_initialize_narrow_environment() { return 0; }
MSVCRT_API int ucrt_initialize_wide_environment() { return 0; }
// The environment as the program started (main's envp).
MSVCRT_API char** ucrt_get_initial_narrow_environment() { return *MSVCRT___p__environ(); }
MSVCRT_API WCHAR** ucrt_get_initial_wide_environment() { return *MSVCRT___p__wenviron(); }
MSVCRT_API char* ucrt_get_narrow_winmain_command_line() { return after_program_name(MSVCRT__acmdln); }
MSVCRT_API WCHAR* ucrt_get_wide_winmain_command_line() { return after_program_name(MSVCRT__wcmdln); }

MSVCRT_API int ucrt_initialize_onexit_table(OnExitTable* table) {
    if (!table) return -1;
    if (table->first == table->end) table->first = table->last = table->end = nullptr;
    return 0;
}

MSVCRT_API int ucrt_register_onexit_function(OnExitTable* table, OnExit function) {
    if (!table) return -1;
    std::lock_guard guard(table_lock);
    if (table->last == table->end) {
        size_t count = static_cast<size_t>(table->last - table->first);
        size_t capacity = count ? count * 2 : 32;
        auto* grown = static_cast<OnExit*>(MSVCRT_realloc(table->first, capacity * sizeof(OnExit)));
        if (!grown) return -1;
        table->first = grown;
        table->last = grown + count;
        table->end = grown + capacity;
    }
    *table->last++ = function;
    return 0;
}

// Runs the functions in reverse order of registration, then empties the
// table; functions registered meanwhile run too.
MSVCRT_API int ucrt_execute_onexit_table(OnExitTable* table) {
    if (!table) return -1;
    for (;;) {
        OnExit function = nullptr;
        {
            std::lock_guard guard(table_lock);
            if (table->last == table->first) break;
            function = *--table->last;
        }
        if (function) function();
    }
    std::lock_guard guard(table_lock);
    MSVCRT_free(table->first);
    table->first = table->last = table->end = nullptr;
    return 0;
}

namespace {
using TlsCallback = void(__attribute__((ms_abi))*)(void* module, DWORD reason, void* reserved);
TlsCallback tls_exit_callback = nullptr;

void run_tls_exit_callback() {
    if (tls_exit_callback) tls_exit_callback(GetModuleHandleW(nullptr), 0 /* DLL_PROCESS_DETACH */, nullptr);
}

using QuickExit = void(__attribute__((ms_abi))*)();
constexpr int kMaxQuickExit = 32;  // the C standard's minimum
QuickExit quick_exit_functions[kMaxQuickExit];
int quick_exit_count = 0;
}  // namespace

// The program's thread_local destructors, called by exit before the atexit
// functions (MSVC's start-up registers it when the program has any).
MSVCRT_API void ucrt_register_thread_local_exe_atexit_callback(TlsCallback callback) {
    tls_exit_callback = callback;
    msvcrt_exit_hook = run_tls_exit_callback;
}

MSVCRT_API int ucrt_crt_at_quick_exit(QuickExit function) {
    std::lock_guard guard(table_lock);
    if (!function || quick_exit_count == kMaxQuickExit) return -1;
    quick_exit_functions[quick_exit_count++] = function;
    return 0;
}

// quick_exit: the at_quick_exit functions in reverse order, then _exit.
MSVCRT_API __attribute__((noreturn)) void ucrt_quick_exit(int code) {
    for (;;) {
        QuickExit function = nullptr;
        {
            std::lock_guard guard(table_lock);
            if (!quick_exit_count) break;
            function = quick_exit_functions[--quick_exit_count];
        }
        function();
    }
    MSVCRT__exit(code);
}
