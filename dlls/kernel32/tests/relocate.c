/* Two DLLs linked at the same preferred base (VT_RELOC_BASE) with
 * DYNAMIC_BASE clear: the first loads at its preferred base, the second
 * must be relocated, and its absolute pointers must be fixed up. */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include "vinetest.h"

#ifndef VT_RELOC_BASE
#error VT_RELOC_BASE must be defined
#endif

typedef int (*int_fn)(void);
typedef int (*call_fn)(int);
typedef const char *(*text_fn)(void);

static void check_module(HMODULE h, const char *name)
{
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)((char *)h + ((IMAGE_DOS_HEADER *)h)->e_lfanew);
    char *lo = (char *)h, *hi = (char *)h + nt->OptionalHeader.SizeOfImage;
    void **table = (void **)GetProcAddress(h, "vt_table");
    int_fn check = (int_fn)GetProcAddress(h, "vt_check");
    call_fn call = (call_fn)GetProcAddress(h, "vt_call");
    text_fn text = (text_fn)GetProcAddress(h, "vt_get_text");
    int i, inside = 1;

    ok(table && check && call && text, "%s: exports found", name);
    if (!table || !check || !call || !text) return;
    ok((char *)table >= lo && (char *)table < hi, "%s: vt_table lies in the image", name);
    for (i = 0; i < 4; i++)
        if ((char *)table[i] < lo || (char *)table[i] >= hi) inside = 0;
    ok(inside, "%s: every pointer in vt_table points into the loaded image", name);
    ok(table[3] == (void *)table, "%s: self pointer fixed up", name);
    ok(check(), "%s: vt_check sees fixed-up pointers", name);
    ok(call(20) == 41, "%s: call through a relocated function pointer", name);
    ok(strcmp(text(), "relocated text") == 0, "%s: relocated string pointer", name);
    ok((nt->FileHeader.Characteristics & IMAGE_FILE_RELOCS_STRIPPED) == 0, "%s: relocations present", name);
    ok((nt->OptionalHeader.DllCharacteristics & IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE) == 0,
       "%s: DYNAMIC_BASE is clear", name);
}

int main(void)
{
    HMODULE h1, h2;
    const ULONG_PTR base = (ULONG_PTR)VT_RELOC_BASE;

    h1 = LoadLibraryW(L"vt_reloc1.dll");
    ok(h1 != NULL, "load vt_reloc1.dll (%lu)", h1 ? 0 : GetLastError());
    h2 = LoadLibraryW(L"vt_reloc2.dll");
    ok(h2 != NULL, "load vt_reloc2.dll (%lu)", h2 ? 0 : GetLastError());
    if (!h1 || !h2) return vt_summary();

    printf("preferred base %p, vt_reloc1 at %p, vt_reloc2 at %p\n", (void *)base, h1, h2);
    ok(h1 != h2, "different modules");
    ok((ULONG_PTR)h1 == base, "first DLL loaded at its preferred base");
    ok((ULONG_PTR)h2 != base, "second DLL relocated away from the preferred base");
    ok(((ULONG_PTR)h2 & 0xffff) == 0, "relocated base is 64K aligned");
    check_module(h1, "vt_reloc1");
    check_module(h2, "vt_reloc2");

    /* Each DLL has its own data */
    *(int *)GetProcAddress(h2, "vt_value") = 5;
    ok(*(int *)GetProcAddress(h1, "vt_value") == 77, "data of vt_reloc1 untouched");

    ok(FreeLibrary(h2) && FreeLibrary(h1), "FreeLibrary both");
    return vt_summary();
}
