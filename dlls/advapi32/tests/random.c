/* RtlGenRandom (SystemFunction036), imported from advapi32 the way the
 * CRT's rand_s finds it, and GetProcAddress of a stub. */
#include <windows.h>
#include <string.h>

#include "vinetest.h"

BOOLEAN WINAPI SystemFunction036(PVOID, ULONG);

int main(void)
{
    BYTE first[64], second[64], zero[64] = {0};
    HMODULE dll = GetModuleHandleW(L"advapi32.dll");
    memset(first, 0, sizeof(first));
    memset(second, 0, sizeof(second));
    ok(dll != NULL, "advapi32.dll is loaded by the import");
    ok(SystemFunction036(first, sizeof(first)), "RtlGenRandom returns TRUE");
    ok(SystemFunction036(second, sizeof(second)), "again");
    /* 512 random bits: equal or all zero only by a miracle. */
    ok(memcmp(first, second, sizeof(first)) != 0, "two calls give different bytes");
    ok(memcmp(first, zero, sizeof(first)) != 0, "the bytes are not all zero");
    ok(SystemFunction036(first, 0), "an empty request");
    ok(GetProcAddress(dll, "SystemFunction036") != NULL, "GetProcAddress finds it by name");
    return vt_summary();
}
