// C++ exceptions (SEH-based unwinding on x64 mingw-w64): throw/catch across
// frames, destructors run during unwinding, rethrow, standard exceptions.
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>
#include "vinetest.h"

static int destroyed;
struct Guard {
    ~Guard() { destroyed++; }
};

__attribute__((noinline)) static void thrower(int depth)
{
    Guard g;
    if (depth == 0) throw std::runtime_error("deep");
    thrower(depth - 1);
}

struct Custom {
    int code;
};

int main()
{
    try {
        thrower(10);
        ok(0, "not reached");
    } catch (const std::runtime_error &e) {
        ok(std::string(e.what()) == "deep", "caught runtime_error(\"%s\")", e.what());
    }
    ok(destroyed == 11, "11 destructors ran during unwinding (%d)", destroyed);

    try {
        throw Custom{7};
    } catch (Custom c) {
        ok(c.code == 7, "custom type caught by value");
    }

    try {
        try {
            throw 42;
        } catch (int) {
            throw;
        }
    } catch (int i) {
        ok(i == 42, "rethrow");
    }

    try {
        std::vector<int> v(3);
        (void)v.at(10);
        ok(0, "not reached");
    } catch (const std::out_of_range &) {
        ok(1, "vector::at throws out_of_range");
    }

    bool caught_all = false;
    try {
        throw std::string("str");
    } catch (...) {
        caught_all = true;
    }
    ok(caught_all, "catch (...)");

    int n = 0;
    for (int i = 0; i < 1000; i++) {
        try {
            if (i % 2) throw i;
        } catch (int) {
            n++;
        }
    }
    ok(n == 500, "500 exceptions in a loop (%d)", n);

    try {
        throw std::bad_alloc();
    } catch (const std::exception &e) {
        ok(1, "bad_alloc caught as std::exception (%s)", e.what());
    }

    return vt_summary();
}
