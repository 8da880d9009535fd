/* exit(-1) gives exit code 0xffffffff; Linux sees the low 8 bits: 255. */
#include <stdlib.h>
#include "vinetest.h"

int main(void)
{
    ok(1, "about to exit(-1)");
    vt_summary();
    exit(-1);
}
