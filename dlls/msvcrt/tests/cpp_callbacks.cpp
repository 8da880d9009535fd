// C++ exceptions thrown in callbacks that msvcrt calls (qsort, bsearch),
// caught by the program above msvcrt's frames: the guest's destructors
// between the throw and the catch run, the catch gets the value, and the
// program's registers are intact afterwards. Also through a native DLL that
// calls qsort with a comparator calling back into the program, which calls
// bsearch, whose comparator throws.
#include <windows.h>
#include <stdlib.h>

#include <stdexcept>
#include <string>
#include "vinetest.h"

extern "C" {
__declspec(dllimport) int dll_sort(int* values, int count, int (*callback)(int));
__declspec(dllimport) int dll_destroyed();
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

static int compare_calls;

static int throwing_compare(const void* a, const void* b)
{
    Guard guard('c');
    int x = *static_cast<const int*>(a), y = *static_cast<const int*>(b);
    if (++compare_calls == 3) throw 42;
    return x - y;
}

static int string_throwing_compare(const void* a, const void* b)
{
    Guard guard('s');
    throw std::runtime_error("from bsearch");
}

static int plain_compare(const void* a, const void* b)
{
    return *static_cast<const int*>(a) - *static_cast<const int*>(b);
}

__attribute__((noinline)) static void sort_with_guard(int* values, int count)
{
    Guard guard('q');
    qsort(values, count, sizeof(int), throwing_compare);
}

// A program callback for the DLL: bsearch with a comparator that throws
// when it meets 7.
static int bsearch_key_throws;
static int search_compare(const void* a, const void* b)
{
    Guard guard('b');
    int x = *static_cast<const int*>(a), y = *static_cast<const int*>(b);
    if (bsearch_key_throws && (x == 7 || y == 7)) throw std::string("seven");
    return x - y;
}
static int program_callback(int value)
{
    Guard guard('p');
    static const int table[] = {1, 3, 5, 7, 9};
    const void* found = bsearch(&value, table, 5, sizeof(int), search_compare);
    return found ? value : -value;
}

int main()
{
    // qsort: the third comparison throws.
    int values[] = {5, 3, 9, 1, 7, 2, 8};
    int caught = 0;
    destroyed = 0;
    trail.clear();
    try {
        Guard outer('o');
        sort_with_guard(values, 7);
    } catch (int value) {
        caught = value;
    }
    ok(caught == 42, "qsort: the catch in main gets the thrown int (%d)", caught);
    ok(compare_calls == 3, "qsort: no comparison after the throw (%d)", compare_calls);
    ok(destroyed == 5, "qsort: the guest destructors ran (%d)", destroyed);
    ok(trail == "cccqo", "qsort: innermost first (%s)", trail.c_str());

    // Sorting still works afterwards.
    int again[] = {4, 2, 3, 1};
    qsort(again, 4, sizeof(int), plain_compare);
    ok(again[0] == 1 && again[1] == 2 && again[2] == 3 && again[3] == 4, "qsort after an exception");

    // bsearch: a std::runtime_error from the first comparison.
    static const int table[] = {1, 2, 3};
    int key = 2;
    std::string what;
    destroyed = 0;
    try {
        bsearch(&key, table, 3, sizeof(int), string_throwing_compare);
    } catch (const std::exception& e) {
        what = e.what();
    }
    ok(what == "from bsearch", "bsearch: caught the std::runtime_error (%s)", what.c_str());
    ok(destroyed == 1, "bsearch: the comparator's destructor ran (%d)", destroyed);

    // program -> dll_sort (native) -> qsort (builtin) -> DLL comparator ->
    // program_callback -> bsearch (builtin) -> search_compare throws.
    int chain[] = {9, 7, 5, 3, 1};
    std::string thrown;
    destroyed = 0;
    trail.clear();
    bsearch_key_throws = 1;
    try {
        dll_sort(chain, 5, program_callback);
    } catch (const std::string& s) {
        thrown = s;
    }
    ok(thrown == "seven", "chain: caught in main (%s)", thrown.c_str());
    ok(!trail.empty() && trail.back() == 'p' && trail.find('b') != std::string::npos,
       "chain: the program's destructors ran innermost first (%s)", trail.c_str());
    ok(dll_destroyed() >= 2, "chain: the DLL's destructors ran (%d)", dll_destroyed());

    bsearch_key_throws = 0;
    int calm[] = {9, 7, 5, 3, 1};
    ok(dll_sort(calm, 5, program_callback) == 1 && calm[4] == 9, "chain without an exception sorts");
    return vt_summary();
}
