// vcruntime140's own support functions: std::exception's message copies,
// type_info's members as the MSVC STL calls them, _purecall, and what
// terminate ends with.
#include <cstdlib>
#include <cstring>
#include <unistd.h>

#include "cxx/cxx_eh.h"
#include "cxx/type_info.h"
#include "vine/wintypes.h"

#define VCRT_API extern "C" __attribute__((ms_abi, visibility("default")))

extern "C" __attribute__((ms_abi)) BOOL TerminateProcess(HANDLE process, UINT code);

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

// A pure virtual function called: the Universal CRT's message and abort.
VCRT_API void vine_purecall() {
    static const char message[] = "R6025\r\n- pure virtual function call\r\n";
    ssize_t ignored = write(2, message, sizeof(message) - 1);
    (void)ignored;
    vine_cxx_abort();
}

// What terminate() ends with: the Universal CRT's abort with its default
// behaviour (_CALL_REPORTFAULT), __fastfail(FAST_FAIL_FATAL_APP_EXIT): the
// process ends at once with STATUS_STACK_BUFFER_OVERRUN, no exit handlers.
void vine_cxx_abort() {
    constexpr UINT kStatusStackBufferOverrun = 0xc0000409;
    TerminateProcess(reinterpret_cast<HANDLE>(-1), kStatusStackBufferOverrun);
    __builtin_unreachable();
}
