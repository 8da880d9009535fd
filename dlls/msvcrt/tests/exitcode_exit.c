/* exit(7) runs atexit handlers (last registered first), flushes stdio and
 * the process exit code is 7. The summary line is printed by the last
 * atexit handler. */
#include <stdlib.h>
#include "vinetest.h"

static int order[3], norder;

static void last_handler(void)
{
    ok(norder == 2 && order[0] == 2 && order[1] == 1, "atexit handlers ran in reverse order");
    vt_summary();
}
static void first(void) { order[norder++] = 1; }
static void second(void) { order[norder++] = 2; }

int main(void)
{
    ok(atexit(last_handler) == 0, "atexit(last_handler)");
    ok(atexit(first) == 0, "atexit(first)");
    ok(atexit(second) == 0, "atexit(second)");
    /* left in the stdout buffer: exit() must flush it */
    printf("buffered line before exit\n");
    exit(7);
    ok(0, "exit returned");
    return 0;
}
