// FH4 unwind entries that call destructors directly (fh4_unwind.s's
// hand-written tables), between FH3 frames (this file, built by clang):
// the two handlers share the exception on its way.
#include "msvc_test.h"

extern "C" int vt_fh4_two_objects(void (*callback)());

static int order;      // the values destroyed, in order, as decimal triples
static int destroyed;  // destructor calls
extern "C" void vt_fh4_destroy(int* object) {
    order = order * 1000 + *object;
    ++destroyed;
}

__attribute__((noinline)) static void throws() { throw 5; }
__attribute__((noinline)) static void returns() {}

int run() {
    int caught = 0;
    try {
        vt_fh4_two_objects(throws);
    } catch (int v) {
        caught = v;
    }
    ok(caught == 5, "an exception through an FH4 frame is caught by the FH3 frame above");
    ok(order == 100007, "DtorWithPtrToObj destroyed B through its pointer, then DtorWithObj A");

    order = 0;
    ok(vt_fh4_two_objects(returns) == 1 && order == 0, "without an exception the tables run nothing");

    destroyed = 0;
    caught = 0;
    for (int i = 0; i < 3; ++i) {
        try {
            vt_fh4_two_objects(throws);
        } catch (...) {
            ++caught;
        }
    }
    ok(caught == 3 && destroyed == 6, "three throws in a row: each destroys both objects once");
    return vt_summary();
}

extern "C" void vt_entry() { ExitProcess(static_cast<unsigned>(run())); }
