// A throw out of a noexcept function ends the program through
// std::terminate (abort: exit status 3); the catch around it never runs.
#include "msvc_test.h"

__attribute__((noinline)) void throw_int(int v) { throw v; }
__attribute__((noinline)) void no_throw() noexcept { throw_int(1); }

extern "C" void vt_entry() {
    printf("calling a noexcept function that throws\n");
    fflush(nullptr);
    try {
        no_throw();
    } catch (int) {
        printf("FAIL: caught an exception that left a noexcept function\n");
        ExitProcess(1);
    }
    ExitProcess(2);
}
