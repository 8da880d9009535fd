// vt_cppdll.dll: C++ exceptions crossing a native DLL's frames, with
// libstdc++ linked into the DLL as into the program.
#include <stdexcept>

static int destroyed;

namespace {
struct Guard {
    ~Guard() { destroyed++; }
};

__attribute__((noinline)) void throw_from(int depth)
{
    Guard guard;
    if (depth == 0) throw std::runtime_error("from the dll");
    throw_from(depth - 1);
}
}  // namespace

extern "C" __declspec(dllexport) int dll_destroyed() { return destroyed; }

// Throws std::runtime_error from depth + 1 frames inside the DLL.
extern "C" __declspec(dllexport) void dll_throw(int depth) { throw_from(depth); }

// Calls back into the program under a guard of its own.
extern "C" __declspec(dllexport) int dll_call(int (*callback)(int), int value)
{
    Guard guard;
    return callback(value) + 1;
}

// Catches what the callback throws.
extern "C" __declspec(dllexport) int dll_catch(int (*callback)(int), int value)
{
    try {
        return callback(value);
    } catch (const std::exception &) {
        return -1;
    } catch (int code) {
        return code;
    }
}
