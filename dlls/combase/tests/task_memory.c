/* combase: the task allocator, as programs that import CoTaskMemFree from
 * combase.dll directly (Rust's std, through its Windows bindings) find it,
 * and ole32's exports of the same names, which are forwarders to it. */
#include <windows.h>

#include "vinetest.h"

typedef void *(WINAPI *alloc_t)(SIZE_T);
typedef void *(WINAPI *realloc_t)(void *, SIZE_T);
typedef void (WINAPI *free_t)(void *);

int main(void)
{
    HMODULE combase = LoadLibraryExW(L"combase.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
    HMODULE ole32 = LoadLibraryExW(L"ole32.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
    alloc_t alloc;
    realloc_t resize;
    free_t release;
    char *p;
    ok(combase != NULL, "combase.dll loads");
    ok(ole32 != NULL, "ole32.dll loads");
    if (!combase || !ole32) return vt_summary();
    alloc = (alloc_t)GetProcAddress(combase, "CoTaskMemAlloc");
    resize = (realloc_t)GetProcAddress(combase, "CoTaskMemRealloc");
    release = (free_t)GetProcAddress(combase, "CoTaskMemFree");
    ok(alloc && resize && release, "combase exports CoTaskMemAlloc, CoTaskMemRealloc and CoTaskMemFree");
    if (!alloc || !resize || !release) return vt_summary();
    /* ole32's are forwarders: GetProcAddress follows them into combase. */
    ok((void *)GetProcAddress(ole32, "CoTaskMemAlloc") == (void *)alloc, "ole32's CoTaskMemAlloc is combase's");
    ok((void *)GetProcAddress(ole32, "CoTaskMemFree") == (void *)release, "ole32's CoTaskMemFree is combase's");
    ok(GetProcAddress(ole32, "CoGetMalloc") == GetProcAddress(combase, "CoGetMalloc"),
       "ole32's CoGetMalloc is combase's");

    p = alloc(32);
    ok(p != NULL, "CoTaskMemAlloc(32)");
    if (!p) return vt_summary();
    memset(p, 'r', 32);
    p = resize(p, 100000);
    ok(p != NULL && p[0] == 'r' && p[31] == 'r', "CoTaskMemRealloc keeps the contents");
    /* A block from combase is freed through ole32's export: one heap. */
    ((free_t)GetProcAddress(ole32, "CoTaskMemFree"))(p);
    p = resize(NULL, 16);
    ok(p != NULL, "CoTaskMemRealloc(NULL, 16) allocates");
    ok(resize(p, 0) == NULL, "CoTaskMemRealloc(p, 0) frees and returns NULL");
    release(NULL);
    return vt_summary();
}
