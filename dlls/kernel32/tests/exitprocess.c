/* ExitProcess(300): the Windows exit code is 300; Linux sees 300 & 0xff = 44.
 */
#include <windows.h>
#include "vinetest.h"

int main(void)
{
    ok(1, "about to call ExitProcess(300)");
    vt_summary();
    ExitProcess(300);
    return 1;
}
