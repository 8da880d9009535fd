/* The value returned from main becomes the process exit code (42). */
#include "vinetest.h"

int main(void)
{
    ok(1, "about to return 42 from main");
    vt_summary();
    return 42;
}
