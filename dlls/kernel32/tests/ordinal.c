/* Import by ordinal (the import library comes from a .def file with
 * "@5 NONAME"), GetProcAddress by ordinal, and forwarded exports. */
#include <stdio.h>
#include <windows.h>
#include "vinetest.h"

/* imported from vt_ordinal.dll: vt_hidden by ordinal 5 only */
int vt_named(void);
int vt_hidden(void);

typedef int (*int_fn)(void);
typedef int (*int1_fn)(int);
typedef int (*add_fn)(int, int);

int main(void)
{
    HMODULE h = GetModuleHandleW(L"vt_ordinal.dll");
    HMODULE k32 = GetModuleHandleW(L"kernel32.dll");
    FARPROC p;

    ok(h != NULL, "vt_ordinal.dll loaded as a static import");
    ok(vt_named() == 1, "import by name");
    ok(vt_hidden() == 5, "import by ordinal 5");
    if (!h) return vt_summary();

    p = GetProcAddress(h, MAKEINTRESOURCEA(5));
    ok(p != NULL && ((int_fn)p)() == 5, "GetProcAddress by ordinal 5");
    p = GetProcAddress(h, MAKEINTRESOURCEA(6));
    ok(p != NULL && ((int1_fn)p)(1) == 101, "GetProcAddress by ordinal 6");
    p = GetProcAddress(h, MAKEINTRESOURCEA(1));
    ok(p != NULL && p == GetProcAddress(h, "vt_named"), "ordinal 1 is vt_named");
    SetLastError(0xdeadbeef);
    p = GetProcAddress(h, "vt_hidden");
    ok(p == NULL && GetLastError() == ERROR_PROC_NOT_FOUND, "NONAME export has no name (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    p = GetProcAddress(h, MAKEINTRESOURCEA(99));
    ok(p == NULL && GetLastError() == ERROR_PROC_NOT_FOUND, "unknown ordinal (%lu)", GetLastError());

    /* forwarders resolve to the target's export */
    p = GetProcAddress(h, "vt_forward_tick");
    ok(p != NULL && p == GetProcAddress(k32, "GetTickCount"), "forward to kernel32.GetTickCount");
    ok(GetModuleHandleW(L"vt_attach.dll") == NULL, "vt_attach.dll not loaded yet");
    p = GetProcAddress(h, "vt_forward_add");
    ok(p != NULL && ((add_fn)p)(40, 2) == 42, "forward to vt_attach.vt_add loads its target");
    ok(GetModuleHandleW(L"vt_attach.dll") != NULL, "vt_attach.dll now loaded");
    p = GetProcAddress(h, MAKEINTRESOURCEA(8));
    ok(p != NULL && ((add_fn)p)(1, 2) == 3, "forwarder by ordinal 8");

    return vt_summary();
}
