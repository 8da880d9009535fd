// A native DLL between the program and msvcrt: it sorts with qsort and a
// comparator of its own that calls back into the program, so a C++
// exception thrown there crosses guest -> builtin -> guest -> builtin ->
// guest frames on its way to the program's catch.
#include <stdlib.h>

static int (*program_callback)(int);
static int dll_destroyed_count;

namespace {
struct Guard {
    ~Guard() { dll_destroyed_count++; }
};
}  // namespace

static int compare_through_program(const void* a, const void* b)
{
    Guard guard;
    int x = *static_cast<const int*>(a), y = *static_cast<const int*>(b);
    return program_callback(x) - program_callback(y);
}

extern "C" __declspec(dllexport) int dll_sort(int* values, int count, int (*callback)(int))
{
    Guard guard;
    program_callback = callback;
    qsort(values, count, sizeof(int), compare_through_program);
    return values[0];
}

extern "C" __declspec(dllexport) int dll_destroyed() { return dll_destroyed_count; }
