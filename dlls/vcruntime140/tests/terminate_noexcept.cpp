// A throw out of a noexcept function, with a handler further up: the
// unwind reaches the noexcept function's terminate cleanup (clang's form of
// noexcept), which calls __std_terminate; with the Universal CRT's default
// abort behaviour the process ends by __fastfail, status 0xC0000409
// (STATUS_STACK_BUFFER_OVERRUN; Linux sees its low byte, 9). The catch
// around it never runs.
#include "msvc_test.h"

__attribute__((noinline)) void throw_int(int v) { throw v; }
__attribute__((noinline)) void no_throw() noexcept { throw_int(1); }
// Called through a pointer that does not say noexcept, so the try below
// is kept.
void (*volatile call)() = no_throw;

extern "C" void vt_entry() {
    printf("calling a noexcept function that throws\n");
    fflush(nullptr);
    try {
        call();
    } catch (int) {
        printf("FAIL: caught an exception that left a noexcept function\n");
        ExitProcess(1);
    }
    ExitProcess(2);
}
