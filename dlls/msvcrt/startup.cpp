// Process start and end: __getmainargs, _initterm, _onexit/atexit, exit,
// abort, signal/raise, _lock/_unlock and the DLL entry point.
#include <cstring>
#include <mutex>
#include <string>

#include "vine/locks.h"
#include "core/cmdline.h"
#include "cxx/cxx_eh.h"
#include "msvcrt_private.h"
#include "vine/kernel32_exports.h"

void msvcrt_init_environ();
extern char** MSVCRT__environ;
extern WCHAR** MSVCRT__wenviron;

MSVCRT_DATA int MSVCRT___argc;
MSVCRT_DATA char** MSVCRT___argv;
MSVCRT_DATA WCHAR** MSVCRT___wargv;
MSVCRT_DATA char** MSVCRT___initenv;
MSVCRT_DATA WCHAR** MSVCRT___winitenv;
MSVCRT_DATA char* MSVCRT__acmdln;
MSVCRT_DATA WCHAR* MSVCRT__wcmdln;
MSVCRT_DATA char* MSVCRT__pgmptr;
MSVCRT_DATA WCHAR* MSVCRT__wpgmptr;
MSVCRT_DATA int MSVCRT__fmode;  // _O_TEXT (0): text unless a file says otherwise
MSVCRT_DATA int MSVCRT__commode;
MSVCRT_DATA unsigned int MSVCRT__osver = 0x23f0;        // build 9200
MSVCRT_DATA unsigned int MSVCRT__winver = 0x0602;       // 6.2, as msvcrt reports on Windows 8+
MSVCRT_DATA unsigned int MSVCRT__winmajor = 6;
MSVCRT_DATA unsigned int MSVCRT__winminor = 2;
MSVCRT_DATA unsigned int MSVCRT__osplatform = 2;        // VER_PLATFORM_WIN32_NT

namespace {

using Callback = void(WINAPI*)();
using CallbackInt = int(WINAPI*)();
using OnExit = int(WINAPI*)();
using SignalHandler = void(WINAPI*)(int);

vine::RecursiveMutex locks[48];

OnExit* onexit_table;
size_t onexit_count, onexit_capacity;

char* copy_string(const char* s) {
    size_t n = std::strlen(s) + 1;
    char* c = static_cast<char*>(MSVCRT_malloc(n));
    std::memcpy(c, s, n);
    return c;
}

WCHAR* copy_wstring(const WCHAR* s) {
    size_t n = (msvcrt_wcslen(s) + 1) * sizeof(WCHAR);
    WCHAR* c = static_cast<WCHAR*>(MSVCRT_malloc(n));
    std::memcpy(c, s, n);
    return c;
}

template <class CharT, class String>
CharT** build_argv(const std::vector<String>& args) {
    auto** argv = static_cast<CharT**>(MSVCRT_calloc(args.size() + 1, sizeof(CharT*)));
    for (size_t i = 0; i < args.size(); ++i) {
        argv[i] = static_cast<CharT*>(MSVCRT_malloc((args[i].size() + 1) * sizeof(CharT)));
        std::memcpy(argv[i], args[i].c_str(), (args[i].size() + 1) * sizeof(CharT));
    }
    return argv;
}

void init_command_line() {
    const char* a = GetCommandLineA();
    const WCHAR* w = GetCommandLineW();
    static const WCHAR empty[1] = {0};
    MSVCRT__acmdln = copy_string(a ? a : "");
    MSVCRT__wcmdln = copy_wstring(w ? w : empty);
    auto narrow_args = vine::msvcrt::split_command_line(MSVCRT__acmdln);
    auto wide_args = vine::msvcrt::split_command_line(reinterpret_cast<const char16_t*>(MSVCRT__wcmdln));
    MSVCRT___argc = static_cast<int>(narrow_args.size());
    MSVCRT___argv = build_argv<char>(narrow_args);
    MSVCRT___wargv = build_argv<WCHAR>(wide_args);

    char path[1024];
    DWORD n = GetModuleFileNameA(nullptr, path, sizeof(path));
    MSVCRT__pgmptr = copy_string(n ? path : "");
    WCHAR wpath[1024];
    n = GetModuleFileNameW(nullptr, wpath, 1024);
    if (!n) wpath[0] = 0;
    MSVCRT__wpgmptr = copy_wstring(wpath);
}

void run_onexit_table() {
    std::lock_guard guard(locks[MSVCRT_LOCK_EXIT]);
    while (onexit_count) {
        OnExit fn = onexit_table[--onexit_count];
        if (fn) fn();
    }
}

}  // namespace

MSVCRT_API void MSVCRT__lock(int locknum) {
    if (locknum >= 0 && locknum < 48) locks[locknum].lock();
}
MSVCRT_API void MSVCRT__unlock(int locknum) {
    if (locknum >= 0 && locknum < 48) locks[locknum].unlock();
}

MSVCRT_API int MSVCRT___getmainargs(int* argc, char*** argv, char*** envp, int expand_wildcards, void* startinfo) {
    *argc = MSVCRT___argc;
    *argv = MSVCRT___argv;
    *envp = MSVCRT__environ;
    MSVCRT___initenv = MSVCRT__environ;
    return 0;
}

MSVCRT_API int MSVCRT___wgetmainargs(int* argc, WCHAR*** argv, WCHAR*** envp, int expand_wildcards,
                                     void* startinfo) {
    *argc = MSVCRT___argc;
    *argv = MSVCRT___wargv;
    *envp = MSVCRT__wenviron;
    MSVCRT___winitenv = MSVCRT__wenviron;
    return 0;
}

MSVCRT_API int* MSVCRT___p___argc() { return &MSVCRT___argc; }
MSVCRT_API char*** MSVCRT___p___argv() { return &MSVCRT___argv; }
MSVCRT_API WCHAR*** MSVCRT___p___wargv() { return &MSVCRT___wargv; }
MSVCRT_API int* MSVCRT___p__fmode() { return &MSVCRT__fmode; }
MSVCRT_API int* MSVCRT___p__commode() { return &MSVCRT__commode; }
MSVCRT_API char** MSVCRT___p__acmdln() { return &MSVCRT__acmdln; }
MSVCRT_API WCHAR** MSVCRT___p__wcmdln() { return &MSVCRT__wcmdln; }
MSVCRT_API char** MSVCRT___p__pgmptr() { return &MSVCRT__pgmptr; }
MSVCRT_API WCHAR** MSVCRT___p__wpgmptr() { return &MSVCRT__wpgmptr; }
MSVCRT_API int MSVCRT__set_fmode(int mode) {
    MSVCRT__fmode = mode;
    return 0;
}
MSVCRT_API int MSVCRT__get_fmode(int* mode) {
    if (!mode) return MSVCRT_EINVAL;
    *mode = MSVCRT__fmode;
    return 0;
}

MSVCRT_API void MSVCRT___set_app_type(int) {}
MSVCRT_API int MSVCRT__XcptFilter(ULONG, void*) { return 0; /* EXCEPTION_CONTINUE_SEARCH */ }
MSVCRT_API int MSVCRT__getpid() { return static_cast<int>(GetCurrentProcessId()); }
MSVCRT_API void MSVCRT__sleep(ULONG ms) { Sleep(ms); }

MSVCRT_API void MSVCRT__initterm(Callback* begin, Callback* end) {
    for (; begin < end; ++begin)
        if (*begin) (*begin)();
}

MSVCRT_API int MSVCRT__initterm_e(CallbackInt* begin, CallbackInt* end) {
    for (; begin < end; ++begin) {
        if (!*begin) continue;
        int r = (*begin)();
        if (r) return r;
    }
    return 0;
}

MSVCRT_API OnExit MSVCRT__onexit(OnExit fn) {
    if (!fn) return nullptr;
    std::lock_guard guard(locks[MSVCRT_LOCK_EXIT]);
    if (onexit_count == onexit_capacity) {
        size_t capacity = onexit_capacity ? onexit_capacity * 2 : 32;
        auto* grown = static_cast<OnExit*>(MSVCRT_realloc(onexit_table, capacity * sizeof(OnExit)));
        if (!grown) return nullptr;
        onexit_table = grown;
        onexit_capacity = capacity;
    }
    onexit_table[onexit_count++] = fn;
    return fn;
}

MSVCRT_API int MSVCRT_atexit(Callback fn) {
    return MSVCRT__onexit(reinterpret_cast<OnExit>(fn)) ? 0 : -1;
}

// Adds fn to a DLL's own onexit table ([*begin, *end)), growing it.
MSVCRT_API OnExit MSVCRT___dllonexit(OnExit fn, OnExit** begin, OnExit** end) {
    if (!fn || !begin || !end) return nullptr;
    std::lock_guard guard(locks[MSVCRT_LOCK_EXIT]);
    size_t count = static_cast<size_t>(*end - *begin);
    size_t capacity = *begin ? MSVCRT__msize(*begin) / sizeof(OnExit) : 0;
    if (count + 1 > capacity) {
        auto* grown = static_cast<OnExit*>(MSVCRT_realloc(*begin, (count + 16) * sizeof(OnExit)));
        if (!grown) return nullptr;
        *begin = grown;
    }
    (*begin)[count] = fn;
    *end = *begin + count + 1;
    return fn;
}

void (*msvcrt_exit_hook)() = nullptr;

MSVCRT_API void MSVCRT__cexit() {
    if (auto hook = msvcrt_exit_hook) {
        msvcrt_exit_hook = nullptr;
        hook();
    }
    run_onexit_table();
    MSVCRT__flushall();
}

MSVCRT_API void MSVCRT__c_exit() {}

MSVCRT_API __attribute__((noreturn)) void MSVCRT__exit(int code) { ExitProcess(static_cast<UINT>(code)); }

MSVCRT_API __attribute__((noreturn)) void MSVCRT_exit(int code) {
    MSVCRT__cexit();
    ExitProcess(static_cast<UINT>(code));
}

static void write_stderr(const char* text) {
    MSVCRT_FILE* f = MSVCRT_stderr;
    if (f->_flag) MSVCRT_fwrite(text, 1, std::strlen(text), f);
}

MSVCRT_API __attribute__((noreturn)) void MSVCRT__amsg_exit(int error) {
    char message[64];
    const char* digits = "0123456789";
    std::strcpy(message, "runtime error R60");
    size_t n = std::strlen(message);
    message[n++] = digits[(error / 10) % 10];
    message[n++] = digits[error % 10];
    message[n++] = '\n';
    message[n] = 0;
    write_stderr(message);
    MSVCRT__exit(255);
}

// Signals: msvcrt's numbers and handlers.
namespace {
constexpr int kSigInt = 2, kSigIll = 4, kSigFpe = 8, kSigSegv = 11, kSigTerm = 15, kSigBreak = 21, kSigAbrt = 22,
              kSigAbrtCompat = 6;
SignalHandler handlers[23];
constexpr intptr_t kSigDfl = 0, kSigIgn = 1, kSigErr = -1;

bool valid_signal(int sig) {
    return sig == kSigInt || sig == kSigIll || sig == kSigFpe || sig == kSigSegv || sig == kSigTerm ||
           sig == kSigBreak || sig == kSigAbrt || sig == kSigAbrtCompat;
}
}  // namespace

MSVCRT_API SignalHandler MSVCRT_signal(int sig, SignalHandler handler) {
    if (!valid_signal(sig) || reinterpret_cast<intptr_t>(handler) == kSigErr ||
        reinterpret_cast<intptr_t>(handler) == 2 /* SIG_SGE */ || reinterpret_cast<intptr_t>(handler) == 3) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return reinterpret_cast<SignalHandler>(kSigErr);
    }
    if (sig == kSigAbrtCompat) sig = kSigAbrt;
    SignalHandler old = handlers[sig];
    handlers[sig] = handler;
    return old;
}

MSVCRT_API int MSVCRT_raise(int sig) {
    if (!valid_signal(sig)) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    if (sig == kSigAbrtCompat) sig = kSigAbrt;
    SignalHandler handler = handlers[sig];
    intptr_t value = reinterpret_cast<intptr_t>(handler);
    if (value == kSigIgn) return 0;
    if (value == kSigDfl) MSVCRT__exit(3);
    // The handler is reset to the default before it runs (except for SIGFPE,
    // whose handler msvcrt also resets).
    handlers[sig] = nullptr;
    if (sig == kSigFpe) reinterpret_cast<void(WINAPI*)(int, int)>(reinterpret_cast<void*>(handler))(sig, 0x8c /* _FPE_EXPLICITGEN */);
    else handler(sig);
    return 0;
}

extern "C" WINAPI BOOL TerminateProcess(HANDLE process, UINT code);

// _set_abort_behavior's bits; ucrtbase sets `msvcrt_ucrt_abort` at load.
constexpr unsigned kWriteAbortMessage = 1, kCallReportFault = 2;
bool msvcrt_ucrt_abort = false;
static unsigned abort_behavior = kWriteAbortMessage | kCallReportFault;

// msvcrt.dll prints its message and exits with 3. The Universal CRT's
// release build prints nothing and, with _CALL_REPORTFAULT (its default),
// ends by __fastfail(FAST_FAIL_FATAL_APP_EXIT): status 0xC0000409 at once.
MSVCRT_API __attribute__((noreturn)) void MSVCRT_abort() {
    if (handlers[kSigAbrt] && reinterpret_cast<intptr_t>(handlers[kSigAbrt]) != kSigIgn) MSVCRT_raise(kSigAbrt);
    if (!msvcrt_ucrt_abort) {
        write_stderr("\nThis application has requested the Runtime to terminate it in an unusual way.\n"
                     "Please contact the application's support team for more information.\n");
    } else if (abort_behavior & kCallReportFault) {
        TerminateProcess(reinterpret_cast<HANDLE>(-1), 0xc0000409);
    }
    MSVCRT__exit(3);
}

// What std::terminate ends with in the C++ support (cxx/cxx_eh.h).
void vine_cxx_abort() { MSVCRT_abort(); }

MSVCRT_API unsigned int MSVCRT__set_abort_behavior(unsigned int flags, unsigned int mask) {
    unsigned old = abort_behavior;
    abort_behavior = (abort_behavior & ~mask) | (flags & mask);
    return old;
}

MSVCRT_API __attribute__((noreturn)) void MSVCRT__purecall() {
    MSVCRT__amsg_exit(25);
}

MSVCRT_API void MSVCRT__assert(const char* expression, const char* file, unsigned int line) {
    char number[16];
    int n = 0;
    char digits[16];
    do digits[n++] = static_cast<char>('0' + line % 10), line /= 10;
    while (line);
    int i = 0;
    while (n) number[i++] = digits[--n];
    number[i] = 0;
    write_stderr("Assertion failed: ");
    write_stderr(expression);
    write_stderr(", file ");
    write_stderr(file);
    write_stderr(", line ");
    write_stderr(number);
    write_stderr("\n");
    MSVCRT_abort();
}

// The wide assert: the same message, its texts in the ANSI code page.
MSVCRT_API void MSVCRT__wassert(const WCHAR* expression, const WCHAR* file, unsigned int line) {
    auto narrow = [](const WCHAR* text) {
        static const WCHAR empty[1] = {0};
        if (!text) text = empty;
        int n = WideCharToMultiByte(CP_ACP, 0, text, -1, nullptr, 0, nullptr, nullptr);
        std::string out(n > 0 ? static_cast<size_t>(n) : 1, '\0');
        if (n > 0) WideCharToMultiByte(CP_ACP, 0, text, -1, out.data(), n, nullptr, nullptr);
        return out;
    };
    std::string e = narrow(expression), f = narrow(file);
    MSVCRT__assert(e.c_str(), f.c_str(), line);
}

// Called by the loader: PROCESS_ATTACH once kernel32 is ready, PROCESS_DETACH
// at exit.
extern "C" __attribute__((ms_abi, visibility("hidden"))) BOOL __vine_dll_main(void* instance, DWORD reason,
                                                                              void* reserved) {
    if (reason == 1) {
        msvcrt_init_environ();
        msvcrt_init_stdio();
        init_command_line();
        msvcrt_init_time();
    } else if (reason == 0) {
        MSVCRT__flushall();
    }
    return TRUE;
}
