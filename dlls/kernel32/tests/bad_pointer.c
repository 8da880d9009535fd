/* IsBadReadPtr, IsBadWritePtr, IsBadCodePtr, IsBadStringPtrA/W: TRUE where
   the process may not read (write) every byte of the range, with exact
   answers at page boundaries of committed, read-only, inaccessible and
   freed memory; the probes leave the memory as it was. */
#include <windows.h>
#include "vinetest.h"

int main(void)
{
    SYSTEM_INFO info;
    BYTE *pages, *freed, *strings;
    DWORD old;
    int local = 0x1234;
    char *tail;
    WCHAR *wtail;

    GetSystemInfo(&info);
    ok(info.dwPageSize == 0x1000, "4 KiB pages");
    /* page 0 read-write, page 1 read-only, page 2 no access */
    pages = VirtualAlloc(NULL, 0x3000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    ok(pages != NULL, "VirtualAlloc");
    memset(pages, 'x', 0x2000);
    ok(VirtualProtect(pages + 0x1000, 0x1000, PAGE_READONLY, &old), "VirtualProtect read-only");
    ok(VirtualProtect(pages + 0x2000, 0x1000, PAGE_NOACCESS, &old), "VirtualProtect no access");

    ok(!IsBadReadPtr(&local, sizeof(local)), "IsBadReadPtr of a local");
    ok(!IsBadWritePtr(&local, sizeof(local)) && local == 0x1234, "IsBadWritePtr of a local keeps it (%x)", local);
    ok(IsBadReadPtr(NULL, 1), "IsBadReadPtr(NULL, 1)");
    ok(!IsBadReadPtr(NULL, 0), "IsBadReadPtr(NULL, 0): an empty range is fine");
    ok(IsBadWritePtr(NULL, 1), "IsBadWritePtr(NULL, 1)");
    ok(!IsBadWritePtr(NULL, 0), "IsBadWritePtr(NULL, 0)");

    ok(!IsBadReadPtr(pages, 0x2000), "read-write and read-only pages are readable");
    ok(IsBadReadPtr(pages, 0x2001), "one byte into the inaccessible page is not");
    ok(IsBadReadPtr(pages + 0x2fff, 1), "the inaccessible page's last byte");
    ok(!IsBadReadPtr(pages + 0xfff, 2), "across the read-write/read-only boundary");
    ok(!IsBadWritePtr(pages, 0x1000), "the read-write page is writable");
    ok(IsBadWritePtr(pages + 0xfff, 2), "but not one byte further, into the read-only page");
    ok(IsBadWritePtr(pages + 0x1000, 1), "the read-only page is not writable");
    ok(pages[0] == 'x' && pages[0xfff] == 'x' && pages[0x1000] == 'x', "the probes changed nothing");
    ok(IsBadReadPtr(pages + 0x10, ~(UINT_PTR)0), "a range wrapping around the address space");

    ok(!IsBadCodePtr((FARPROC)main), "IsBadCodePtr(main)");
    ok(IsBadCodePtr(NULL), "IsBadCodePtr(NULL)");
    ok(IsBadCodePtr((FARPROC)(pages + 0x2000)), "IsBadCodePtr of an inaccessible page");

    /* Strings ending right at an inaccessible page. */
    strings = VirtualAlloc(NULL, 0x2000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    ok(strings && VirtualProtect(strings + 0x1000, 0x1000, PAGE_NOACCESS, &old), "a page before an inaccessible one");
    tail = (char *)strings + 0x1000 - 4;
    memcpy(tail, "abc", 4);
    ok(!IsBadStringPtrA(tail, 100), "a string whose NUL is the last readable byte");
    ok(!IsBadStringPtrA("hello", 3), "IsBadStringPtrA stops at max");
    tail[3] = 'd';
    ok(IsBadStringPtrA(tail, 100), "a string running into the inaccessible page");
    ok(!IsBadStringPtrA(tail, 4), "the same string limited to its readable part");
    ok(IsBadStringPtrA(NULL, 5), "IsBadStringPtrA(NULL)");
    wtail = (WCHAR *)(strings + 0x1000) - 3;
    wtail[0] = 'a';
    wtail[1] = 'b';
    wtail[2] = 0;
    ok(!IsBadStringPtrW(wtail, 100), "a wide string whose NUL is the last readable character");
    wtail[2] = 'c';
    ok(IsBadStringPtrW(wtail, 100), "a wide string running into the inaccessible page");
    ok(!IsBadStringPtrW(wtail, 3), "limited to its readable part");
    ok(!IsBadStringPtrW(L"wide", 10), "IsBadStringPtrW of a literal");

    /* Freed memory is gone. */
    freed = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    ok(freed && !IsBadReadPtr(freed, 0x1000), "committed memory is readable");
    ok(VirtualFree(freed, 0, MEM_RELEASE), "VirtualFree");
    ok(IsBadReadPtr(freed, 1) && IsBadWritePtr(freed, 1), "freed memory is not");

    VirtualFree(pages, 0, MEM_RELEASE);
    VirtualFree(strings, 0, MEM_RELEASE);
    return vt_summary();
}
