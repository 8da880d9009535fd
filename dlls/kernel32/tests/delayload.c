/* Delay-load import (import library built with dlltool --output-delaylib):
 * vt_delay.dll is not loaded until the first call through the import. */
#include <stdio.h>
#include <windows.h>
#include "vinetest.h"

int vt_delay_value(int x);

int main(void)
{
    int v;
    ok(GetModuleHandleW(L"vt_delay.dll") == NULL, "vt_delay.dll not loaded before the first call");
    v = vt_delay_value(4);
    ok(v == 13, "first delay-loaded call returns 13 (%d)", v);
    ok(GetModuleHandleW(L"vt_delay.dll") != NULL, "vt_delay.dll loaded by the call");
    ok(vt_delay_value(5) == 16, "second call");
    return vt_summary();
}
