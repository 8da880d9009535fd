/* vcruntime140_1.dll loads and exports __CxxFrameHandler4 (the FH4 tests
 * are msvc_cxx_eh_fh4 and msvc_terminate_noexcept_fh4). */
#include <windows.h>
#include "vinetest.h"

int main(void)
{
    HMODULE dll = LoadLibraryA("vcruntime140_1.dll");
    ok(dll != NULL, "vcruntime140_1.dll loads (%lu)", GetLastError());
    ok(dll && GetProcAddress(dll, "__CxxFrameHandler4") != NULL, "__CxxFrameHandler4 is exported (%lu)",
       GetLastError());
    return vt_summary();
}
