// The Universal CRT's invalid-parameter handling and per-thread locale
// switch. Without a handler set, an invalid parameter ends the process as
// the UCRT's default (_invoke_watson) does: __fastfail(FAST_FAIL_INVALID_ARG),
// status 0xC0000409, at once.
#include <atomic>

#include "msvcrt_private.h"

extern "C" __attribute__((ms_abi)) BOOL TerminateProcess(HANDLE process, UINT code);

namespace {

using Handler = void(__attribute__((ms_abi))*)(const WCHAR*, const WCHAR*, const WCHAR*, unsigned, uintptr_t);

std::atomic<Handler> process_handler{nullptr};
thread_local Handler thread_handler = nullptr;
std::atomic<int> per_thread_locale_type{2};  // _DISABLE_PER_THREAD_LOCALE

[[noreturn]] void fast_fail_invalid_argument() {
    TerminateProcess(reinterpret_cast<HANDLE>(-1), 0xc0000409);
    __builtin_unreachable();
}

}  // namespace

MSVCRT_API Handler ucrt_set_invalid_parameter_handler(Handler handler) { return process_handler.exchange(handler); }
MSVCRT_API Handler ucrt_get_invalid_parameter_handler() { return process_handler.load(); }
MSVCRT_API Handler ucrt_set_thread_local_invalid_parameter_handler(Handler handler) {
    Handler old = thread_handler;
    thread_handler = handler;
    return old;
}
MSVCRT_API Handler ucrt_get_thread_local_invalid_parameter_handler() { return thread_handler; }

MSVCRT_API void ucrt_invalid_parameter(const WCHAR* expression, const WCHAR* function, const WCHAR* file,
                                       unsigned line, uintptr_t reserved) {
    Handler handler = thread_handler ? thread_handler : process_handler.load();
    if (!handler) fast_fail_invalid_argument();
    handler(expression, function, file, line, reserved);
}

MSVCRT_API void ucrt_invalid_parameter_noinfo() { ucrt_invalid_parameter(nullptr, nullptr, nullptr, 0, 0); }

MSVCRT_API void ucrt_invalid_parameter_noinfo_noreturn() {
    ucrt_invalid_parameter(nullptr, nullptr, nullptr, 0, 0);
    fast_fail_invalid_argument();
}

// _configthreadlocale: Vine's CRT has one locale; the mode is kept and
// reported (_ENABLE_PER_THREAD_LOCALE 1, _DISABLE_PER_THREAD_LOCALE 2).
MSVCRT_API int ucrt_configthreadlocale(int type) {
    int old = per_thread_locale_type.load();
    if (type == 1 || type == 2) per_thread_locale_type = type;
    else if (type != 0 && type != -1) {
        ucrt_invalid_parameter_noinfo();
        return -1;
    }
    return old;
}
