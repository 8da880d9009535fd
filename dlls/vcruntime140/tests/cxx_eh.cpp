// MSVC C++ exceptions (built by clang for x86_64-pc-windows-msvc, so the
// tables are __CxxFrameHandler3's): catch by type, base class, reference,
// pointer and catch(...), rethrow, nested try blocks, throws from catch
// blocks, destructors during unwinding, a throw across a DLL and through a
// builtin frame (msvcrt's qsort calling a comparator that throws).
#include "msvc_test.h"

extern "C" {
void qsort(void* base, unsigned long long count, unsigned long long size, int (*compare)(const void*, const void*));
}
void vt_dll_throw_int(int value);  // eh_dll.dll
int vt_dll_catch(void (*callback)());

void operator delete(void*) noexcept {}
void operator delete(void*, unsigned long long) noexcept {}

static int destroyed;  // Guard destructor runs
static int copies;     // Copyable copy constructor runs
static int live;       // Copyable objects alive

struct Guard {
    int id;
    ~Guard() { destroyed += id; }
};

struct Base {
    int base_value = 7;
    virtual ~Base() {}
    virtual int kind() const { return 1; }
};
struct Derived : Base {
    int derived_value = 9;
    int kind() const override { return 2; }
};
struct Other {
    int x = 0;
};
// Two bases, the second one at a nonzero offset.
struct Multi : Other, Derived {};
// A virtual base: catching by it needs the vbtable.
struct VBase {
    int v = 11;
    virtual ~VBase() {}
};
struct Left : virtual VBase {
    int l = 1;
};
struct Right : virtual VBase {
    int r = 2;
};
struct Diamond : Left, Right {
    int d = 3;
};

struct Copyable {
    int value;
    explicit Copyable(int v) : value(v) { ++live; }
    Copyable(const Copyable& other) : value(other.value) {
        ++copies;
        ++live;
    }
    ~Copyable() { --live; }
};

__attribute__((noinline)) void throw_int(int v) {
    Guard g{1};
    throw v;
}
__attribute__((noinline)) void throw_derived() {
    Guard g{10};
    throw Derived();
}
__attribute__((noinline)) void throw_multi() { throw Multi(); }
__attribute__((noinline)) void throw_diamond() { throw Diamond(); }
__attribute__((noinline)) void throw_copyable(int v) { throw Copyable(v); }
static Derived static_derived;
__attribute__((noinline)) void throw_pointer() { throw &static_derived; }
__attribute__((noinline)) void throw_const_string() { throw "text"; }
__attribute__((noinline)) void middle(int v) {
    Guard g{100};
    try {
        throw_int(v);
    } catch (float) {
        // not this one
    }
}

static int compare_throws(const void*, const void*) { throw 77; }
static void callback_throws() { throw_int(5); }

int run() {
    int caught = 0;
    try { throw_int(3); } catch (int v) { caught = v; }
    ok(caught == 3, "catch (int) by value");
    ok(destroyed == 1, "the thrower's local destroyed during unwinding");

    destroyed = 0;
    caught = 0;
    try { middle(4); } catch (int& v) { caught = v; }
    ok(caught == 4, "catch (int&) through a frame whose catch (float) does not match");
    ok(destroyed == 101, "destructors of both frames ran");

    caught = 0;
    try { throw_derived(); } catch (Base& b) { caught = b.kind() * 100 + b.base_value; }
    ok(caught == 207, "catch (Base&) of a Derived: the object itself, its vtable");

    caught = 0;
    try { throw_multi(); } catch (Derived& d) { caught = d.derived_value + d.base_value; }
    ok(caught == 16, "catch (Derived&) of a base at an offset");

    caught = 0;
    try { throw_diamond(); } catch (VBase& v) { caught = v.v; }
    ok(caught == 11, "catch (VBase&) through a virtual base");

    caught = 0;
    try { throw_pointer(); } catch (Base* b) { caught = b == &static_derived ? b->kind() : -1; }
    ok(caught == 2, "catch (Base*) of a Derived*");

    caught = 0;
    try { throw_const_string(); } catch (int) { caught = 1; } catch (const char* s) { caught = s[0] == 't' ? 2 : 3; }
    ok(caught == 2, "a string literal is caught as const char*");

    caught = 0;
    try { throw_int(1); } catch (Base&) { caught = 1; } catch (...) { caught = 2; }
    ok(caught == 2, "catch (...) after a non-matching handler");

    copies = 0;
    caught = 0;
    try { throw_copyable(21); } catch (Copyable c) { caught = c.value; }
    ok(caught == 21, "catch (Copyable) by value");
    ok(copies == 1, "by value: the copy constructor ran once");
    ok(live == 0, "the exception object and the catch parameter destroyed");

    caught = 0;
    try {
        try { throw_int(6); } catch (int) { throw; }
    } catch (int v) { caught = v; }
    ok(caught == 6, "throw; rethrows the same exception");

    caught = 0;
    try {
        try { throw_copyable(8); } catch (Copyable&) { throw; }
    } catch (Copyable& c) { caught = c.value + (live == 1 ? 100 : 0); }
    ok(caught == 108 && live == 0, "a rethrown object lives until the outer catch ends");

    caught = 0;
    try {
        try { throw_int(1); } catch (int) { throw_derived(); }
    } catch (Base& b) { caught = b.kind(); }
    ok(caught == 2, "a new exception thrown from a catch block, caught outside");

    caught = 0;
    try {
        throw_int(1);
    } catch (int) {
        try { throw_int(2); } catch (int v) { caught = v; }
        caught += 10;
    }
    ok(caught == 12, "try/catch nested inside a catch block");

    caught = 0;
    for (int i = 0; i < 3; ++i) {
        try { throw_int(i); } catch (int v) { caught += v; }
    }
    ok(caught == 3, "a loop of throws and catches");

    caught = 0;
    try {
        try { throw_int(9); } catch (float) { caught = -1; }
    } catch (int v) { caught = v; }
    ok(caught == 9, "nested try blocks: the outer one catches");

    caught = 0;
    int values[3] = {3, 1, 2};
    try { qsort(values, 3, sizeof(int), compare_throws); } catch (int v) { caught = v; }
    ok(caught == 77, "a throw from a qsort comparator, through msvcrt's frames");

    caught = 0;
    try { vt_dll_throw_int(31); } catch (int v) { caught = v; }
    ok(caught == 31, "a throw from another DLL");
    ok(vt_dll_catch(callback_throws) == 5, "a throw from the program caught in another DLL");

    return vt_summary();
}

extern "C" void vt_entry() { ExitProcess(static_cast<unsigned>(run())); }
