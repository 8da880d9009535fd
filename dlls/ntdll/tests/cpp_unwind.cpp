// C++ exceptions on SEH: throw and catch across several frames, destructors
// during unwinding, rethrow, catch (...), nested exceptions, exceptions on
// another thread, and exceptions crossing a native DLL in both directions.
#include <windows.h>

#include <exception>
#include <stdexcept>
#include <string>
#include "vinetest.h"

extern "C" {
__declspec(dllimport) int dll_destroyed();
__declspec(dllimport) void dll_throw(int depth);
__declspec(dllimport) int dll_call(int (*callback)(int), int value);
__declspec(dllimport) int dll_catch(int (*callback)(int), int value);
}

static int destroyed;
static std::string trail;

struct Guard {
    char name;
    explicit Guard(char n) : name(n) {}
    ~Guard()
    {
        destroyed++;
        trail += name;
    }
};

__attribute__((noinline)) static int frame3(int x)
{
    Guard g('3');
    if (x > 0) throw std::logic_error("frame3");
    return x;
}
__attribute__((noinline)) static int frame2(int x)
{
    Guard g('2');
    return frame3(x) + 1;
}
__attribute__((noinline)) static int frame1(int x)
{
    Guard g('1');
    return frame2(x) + 1;
}

static void test_frames()
{
    destroyed = 0;
    trail.clear();
    try {
        Guard outer('o');
        frame1(1);
        ok(0, "not reached");
    } catch (const std::logic_error &e) {
        ok(std::string(e.what()) == "frame3", "caught across three frames: %s", e.what());
        ok(trail == "321o", "destructors ran innermost first: \"%s\"", trail.c_str());
    }
    ok(frame1(0) == 2, "no exception, normal return");
}

static void test_rethrow()
{
    int stage = 0;
    try {
        try {
            frame1(1);
        } catch (const std::exception &) {
            stage = 1;
            throw;
        }
    } catch (const std::logic_error &e) {
        ok(stage == 1 && std::string(e.what()) == "frame3", "rethrown to the outer handler");
    }

    std::exception_ptr saved;
    try {
        throw std::runtime_error("saved");
    } catch (...) {
        saved = std::current_exception();
    }
    try {
        std::rethrow_exception(saved);
    } catch (const std::runtime_error &e) {
        ok(std::string(e.what()) == "saved", "std::rethrow_exception");
    }
}

static void test_catch_all()
{
    bool caught = false;
    try {
        throw 3.5;
    } catch (int) {
        ok(0, "wrong handler");
    } catch (...) {
        caught = true;
    }
    ok(caught, "catch (...) takes a double");
}

// A new exception thrown and caught while another is being handled.
static void test_nested()
{
    std::string seen;
    try {
        throw std::runtime_error("outer");
    } catch (const std::exception &outer) {
        try {
            Guard g('n');
            throw 7;
        } catch (int inner) {
            seen = std::string(outer.what()) + "/" + std::to_string(inner);
        }
    }
    ok(seen == "outer/7", "exception within a handler: %s", seen.c_str());
}

struct Member {
    Member() { throw std::runtime_error("member"); }
};
struct Holder {
    Guard first{'h'};
    Member second;
};

static void test_constructor()
{
    trail.clear();
    try {
        Holder h;
        ok(0, "not reached");
    } catch (const std::runtime_error &) {
        ok(trail == "h", "constructed members destroyed when a later one throws: \"%s\"", trail.c_str());
    }
}

static DWORD WINAPI thread_main(void *)
{
    try {
        frame1(1);
    } catch (const std::logic_error &) {
        return 1;
    }
    return 0;
}

static void test_thread()
{
    HANDLE thread = CreateThread(nullptr, 0, thread_main, nullptr, 0, nullptr);
    DWORD code = 0;
    WaitForSingleObject(thread, INFINITE);
    GetExitCodeThread(thread, &code);
    CloseHandle(thread);
    ok(code == 1, "caught on another thread");
}

static int throwing_callback(int value)
{
    Guard g('c');
    if (value) throw value;
    return 0;
}

static int logic_error_callback(int)
{
    throw std::logic_error("callback");
}

static void test_dll()
{
    int before = dll_destroyed();
    try {
        dll_throw(4);
        ok(0, "not reached");
    } catch (const std::runtime_error &e) {
        ok(std::string(e.what()) == "from the dll", "thrown in the DLL, caught in the program: %s", e.what());
    }
    ok(dll_destroyed() - before == 5, "5 destructors ran in the DLL (%d)", dll_destroyed() - before);

    before = dll_destroyed();
    trail.clear();
    try {
        dll_call(throwing_callback, 9);
        ok(0, "not reached");
    } catch (int value) {
        ok(value == 9, "thrown in a callback, through the DLL, caught in the program");
    }
    ok(dll_destroyed() - before == 1 && trail == "c", "destructors on both sides ran");
    ok(dll_call(throwing_callback, 0) == 1, "callback without exception");

    ok(dll_catch(throwing_callback, 5) == 5, "thrown in the program, caught in the DLL");
    ok(dll_catch(logic_error_callback, 0) == -1, "std::logic_error caught in the DLL as std::exception");
}

int main()
{
    test_frames();
    test_rethrow();
    test_catch_all();
    test_nested();
    test_constructor();
    test_thread();
    test_dll();
    return vt_summary();
}
