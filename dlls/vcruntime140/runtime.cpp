// vcruntime140's own support functions: std::exception's message copies,
// type_info's members as the MSVC STL calls them, _purecall, and what
// terminate ends with.
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

#include "cxx/cxx_eh.h"
#include "cxx/type_info.h"
#include "vine/kernel32_exports.h"
#include "vine/wintypes.h"

#define VCRT_API extern "C" __attribute__((ms_abi, visibility("default")))

extern "C" {
__attribute__((ms_abi)) BOOL TerminateProcess(HANDLE process, UINT code);
__attribute__((ms_abi)) HMODULE LoadLibraryW(LPCWSTR name);
}

// std::exception's message: owned (copied) or a literal.
struct StdExceptionData {
    const char* what;
    bool owned;
};

VCRT_API void vine_std_exception_copy(const StdExceptionData* from, StdExceptionData* to) {
    if (!from->owned || !from->what) {
        to->what = from->what;
        to->owned = false;
        return;
    }
    size_t size = strlen(from->what) + 1;
    char* copy = static_cast<char*>(malloc(size));
    if (copy) memcpy(copy, from->what, size);
    to->what = copy;
    to->owned = copy != nullptr;
}

VCRT_API void vine_std_exception_destroy(StdExceptionData* data) {
    if (data->owned) free(const_cast<char*>(data->what));
    data->what = nullptr;
    data->owned = false;
}

VCRT_API int vine_std_type_info_compare(const vine::cxx::TypeInfoData* a, const vine::cxx::TypeInfoData* b) {
    return vine::cxx::type_info_compare(a, b);
}
VCRT_API size_t vine_std_type_info_hash(const vine::cxx::TypeInfoData* data) { return vine::cxx::type_info_hash(data); }
// The names are kept until the process ends; the list the STL passes
// (to free them at unload) is not used.
VCRT_API const char* vine_std_type_info_name(vine::cxx::TypeInfoData* data, void* /*list*/) {
    return vine::cxx::type_info_name(data);
}
VCRT_API void vine_std_type_info_destroy_list(void* /*list*/) {}

using PurecallHandler = void(__attribute__((ms_abi))*)();
static std::atomic<PurecallHandler> purecall_handler{nullptr};

VCRT_API PurecallHandler vine_set_purecall_handler(PurecallHandler handler) { return purecall_handler.exchange(handler); }
VCRT_API PurecallHandler vine_get_purecall_handler() { return purecall_handler.load(); }

// A pure virtual function called: the handler set with
// _set_purecall_handler, else the runtime's message and abort.
VCRT_API void vine_purecall() {
    if (PurecallHandler handler = purecall_handler.load()) handler();
    static const char message[] = "R6025\r\n- pure virtual function call\r\n";
    ssize_t ignored = write(2, message, sizeof(message) - 1);
    (void)ignored;
    vine_cxx_abort();
}

// A /GS stack cookie found overwritten: the process ends at once, as
// Windows' __fastfail(FAST_FAIL_STACK_COOKIE_CHECK_FAILURE) does.
VCRT_API void vine_report_gsfailure(uintptr_t /*cookie*/) {
    TerminateProcess(reinterpret_cast<HANDLE>(-1), 0xc0000409);
    __builtin_unreachable();
}

// std::unexpected (dynamic exception specifications): terminate, unless a
// handler was set.
using UnexpectedHandler = void(__attribute__((ms_abi))*)();
static std::atomic<UnexpectedHandler> unexpected_handler{nullptr};
VCRT_API UnexpectedHandler vine_set_unexpected(UnexpectedHandler handler) { return unexpected_handler.exchange(handler); }
VCRT_API UnexpectedHandler vine_get_unexpected() { return unexpected_handler.load(); }
VCRT_API void vine_unexpected() {
    if (UnexpectedHandler handler = unexpected_handler.load()) handler();
    vine::cxx::terminate();
}

// What terminate() ends with when no handler was set here: on Windows
// vcruntime140 calls the Universal CRT's terminate, which runs the handler
// set_terminate installed there, then abort. Without ucrtbase, what the
// UCRT's abort does by default: __fastfail, STATUS_STACK_BUFFER_OVERRUN.
void vine_cxx_abort() {
    using Terminate = void(__attribute__((ms_abi))*)();
    if (HMODULE ucrt = LoadLibraryW(u"ucrtbase.dll"))
        if (auto terminate = reinterpret_cast<Terminate>(GetProcAddress(ucrt, "terminate"))) terminate();
    constexpr UINT kStatusStackBufferOverrun = 0xc0000409;
    TerminateProcess(reinterpret_cast<HANDLE>(-1), kStatusStackBufferOverrun);
    __builtin_unreachable();
}
