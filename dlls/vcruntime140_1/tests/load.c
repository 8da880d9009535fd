/* vcruntime140_1.dll loads, so MSVC 2019+ programs that never throw run;
 * __CxxFrameHandler4 is not implemented yet, and GetProcAddress says so
 * (NULL, ERROR_PROC_NOT_FOUND) as for every stub. On Windows it is found. */
#include <windows.h>
#include "vinetest.h"

int main(void)
{
    HMODULE dll = LoadLibraryA("vcruntime140_1.dll");
    FARPROC handler;
    ok(dll != NULL, "vcruntime140_1.dll loads (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    handler = dll ? GetProcAddress(dll, "__CxxFrameHandler4") : NULL;
    if (handler == NULL)
        ok(GetLastError() == ERROR_PROC_NOT_FOUND, "__CxxFrameHandler4 (a stub in Vine): ERROR_PROC_NOT_FOUND (%lu)",
           GetLastError());
    else
        ok(1, "__CxxFrameHandler4 found");
    return vt_summary();
}
