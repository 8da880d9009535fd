// std::terminate from vcruntime140 (a throw out of a noexcept function)
// runs the handler installed with the Universal CRT's set_terminate, as
// vcruntime140 calls ucrtbase's terminate on Windows.
#include "msvc_test.h"

extern "C" void (*set_terminate(void (*handler)()))();

__attribute__((noinline)) void throw_int(int v) { throw v; }
__attribute__((noinline)) void no_throw() noexcept { throw_int(1); }
void (*volatile call)() = no_throw;

static void handler() {
    printf("terminate handler\n");
    fflush(nullptr);
    ExitProcess(5);
}

extern "C" void vt_entry() {
    set_terminate(handler);
    try {
        call();
    } catch (int) {
    }
    ExitProcess(2);
}
