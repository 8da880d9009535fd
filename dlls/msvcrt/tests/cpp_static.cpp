// C++ static constructors and destructors: construction in definition order
// before main, destruction in reverse order after main returns (and after
// function-local statics). The last destructor prints the summary.
#include <cstdio>
#include <cstring>
#include "vinetest.h"

static char events[64];
static void event(char c)
{
    size_t n = strlen(events);
    events[n] = c;
    events[n + 1] = 0;
}

struct Tracker {
    char ctor, dtor;
    bool last;
    Tracker(char c, char d, bool l = false) : ctor(c), dtor(d), last(l)
    {
        event(ctor);
        printf("constructing %c\n", ctor);
    }
    ~Tracker()
    {
        event(dtor);
        printf("destroying %c\n", ctor);
        if (last) {
            // A constructed first, B second, C (function-local static) during
            // main (after 'M'); then C, B, A destroyed in reverse order
            // of construction completion.
            ok(strcmp(events, "ABMCcba") == 0, "events \"%s\" == \"ABMCcba\"", events);
            vt_summary();
        }
    }
};

static Tracker a('A', 'a', true);
static Tracker b('B', 'b');

static Tracker &local()
{
    static Tracker c('C', 'c');
    return c;
}

static int init_value = [] { return 42; }();

int main()
{
    ok(strcmp(events, "AB") == 0, "globals constructed before main in order: \"%s\"", events);
    ok(init_value == 42, "dynamic initialiser ran");
    event('M');
    local();
    local();
    ok(strcmp(events, "ABMC") == 0, "function-local static constructed once: \"%s\"", events);
    printf("main returns\n");
    return 0;
}
