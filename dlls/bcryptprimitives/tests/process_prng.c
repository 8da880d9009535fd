/* ProcessPrng, as the Go runtime finds it: LoadLibrary from the system
 * directory and GetProcAddress. */
#include <windows.h>
#include <string.h>

#include "vinetest.h"

typedef BOOL (WINAPI *ProcessPrng_t)(BYTE *, SIZE_T);

int main(void)
{
    BYTE first[64], second[64], zero[64] = {0};
    HMODULE dll = LoadLibraryExW(L"bcryptprimitives.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
    ProcessPrng_t prng = dll ? (ProcessPrng_t)GetProcAddress(dll, "ProcessPrng") : NULL;
    ok(dll != NULL, "bcryptprimitives.dll loads");
    ok(prng != NULL, "it exports ProcessPrng");
    if (!prng) return vt_summary();
    memset(first, 0, sizeof(first));
    memset(second, 0, sizeof(second));
    ok(prng(first, sizeof(first)), "ProcessPrng returns TRUE");
    ok(prng(second, sizeof(second)), "again");
    /* 512 random bits: equal or all zero only by a miracle. */
    ok(memcmp(first, second, sizeof(first)) != 0, "two calls give different bytes");
    ok(memcmp(first, zero, sizeof(first)) != 0, "the bytes are not all zero");
    ok(prng(first, 0), "an empty request");
    return vt_summary();
}
