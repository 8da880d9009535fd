/* Virtual memory: VirtualAlloc/Free/Protect/Query/Lock, write watches,
 * guard pages, no-access and no-execute pages, MEM_TOP_DOWN, MEM_RESET,
 * placeholders (VirtualAlloc2), Read/WriteProcessMemory on the process
 * itself, and what VirtualQuery reports for images, stacks and the TEB.
 * Expectations are Windows' documented behaviour. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#include "vinetest.h"

#ifndef MEM_RESERVE_PLACEHOLDER
#define MEM_RESERVE_PLACEHOLDER 0x00040000
#endif
#ifndef MEM_REPLACE_PLACEHOLDER
#define MEM_REPLACE_PLACEHOLDER 0x00004000
#endif
#ifndef MEM_COALESCE_PLACEHOLDERS
#define MEM_COALESCE_PLACEHOLDERS 0x1
#endif
#ifndef MEM_PRESERVE_PLACEHOLDER
#define MEM_PRESERVE_PLACEHOLDER 0x2
#endif

static MEMORY_BASIC_INFORMATION query(const void *address)
{
    MEMORY_BASIC_INFORMATION info;
    memset(&info, 0xcc, sizeof(info));
    SIZE_T n = VirtualQuery(address, &info, sizeof(info));
    ok(n == sizeof(info), "VirtualQuery(%p) returns %u", address, (unsigned)n);
    return info;
}

#define check_region(address, base, alloc_base, alloc_protect, size, state, protect, type) do { \
    MEMORY_BASIC_INFORMATION i_ = query(address);                                                  \
    ok(i_.BaseAddress == (void *)(base), "%s: BaseAddress %p, expected %p", #address, i_.BaseAddress, (void *)(base)); \
    ok(i_.AllocationBase == (void *)(alloc_base), "%s: AllocationBase %p, expected %p", #address, i_.AllocationBase, (void *)(alloc_base)); \
    ok(i_.AllocationProtect == (alloc_protect), "%s: AllocationProtect %#lx, expected %#lx", #address, i_.AllocationProtect, (DWORD)(alloc_protect)); \
    ok(i_.RegionSize == (SIZE_T)(size), "%s: RegionSize %#llx, expected %#llx", #address, (unsigned long long)i_.RegionSize, (unsigned long long)(size)); \
    ok(i_.State == (state), "%s: State %#lx, expected %#lx", #address, i_.State, (DWORD)(state)); \
    ok(i_.Protect == (protect), "%s: Protect %#lx, expected %#lx", #address, i_.Protect, (DWORD)(protect)); \
    ok(i_.Type == (type), "%s: Type %#lx, expected %#lx", #address, i_.Type, (DWORD)(type)); \
} while (0)

static void test_reserve_commit(void)
{
    SYSTEM_INFO si;
    char *base, *p;
    DWORD old;

    GetSystemInfo(&si);
    ok(si.dwAllocationGranularity == 0x10000, "granularity %#lx", si.dwAllocationGranularity);
    ok(si.dwPageSize == 0x1000, "page size %#lx", si.dwPageSize);

    base = VirtualAlloc(NULL, 0x100000, MEM_RESERVE, PAGE_READWRITE);
    ok(base != NULL, "reserve 1 MiB");
    ok(((ULONG_PTR)base & 0xffff) == 0, "reservation %p at 64 KiB granularity", base);
    check_region(base, base, base, PAGE_READWRITE, 0x100000, MEM_RESERVE, 0, MEM_PRIVATE);

    p = VirtualAlloc(base + 0x3100, 0x1000, MEM_COMMIT, PAGE_READONLY);
    ok(p == base + 0x3000, "commit rounds down to the page: %p", p);
    /* 0x3100 + 0x1000 reaches into the next page: two pages committed */
    check_region(base, base, base, PAGE_READWRITE, 0x3000, MEM_RESERVE, 0, MEM_PRIVATE);
    check_region(base + 0x4fff, base + 0x4000, base, PAGE_READWRITE, 0x1000, MEM_COMMIT, PAGE_READONLY, MEM_PRIVATE);
    check_region(base + 0x3000, base + 0x3000, base, PAGE_READWRITE, 0x2000, MEM_COMMIT, PAGE_READONLY, MEM_PRIVATE);
    check_region(base + 0x5000, base + 0x5000, base, PAGE_READWRITE, 0xfb000, MEM_RESERVE, 0, MEM_PRIVATE);
    ok(base[0x3000] == 0 && base[0x4fff] == 0, "committed pages are zero");

    ok(VirtualProtect(base + 0x3000, 0x2000, PAGE_READWRITE, &old), "VirtualProtect");
    ok(old == PAGE_READONLY, "old protection %#lx", old);
    base[0x3000] = 1;
    expect_fail(VirtualProtect(base + 0x8000, 0x1000, PAGE_READWRITE, &old), ERROR_INVALID_ADDRESS, "VirtualProtect of reserved pages");
    expect_fail(VirtualProtect(base + 0x3000, 0x1000, 0x3, &old), ERROR_INVALID_PARAMETER, "VirtualProtect with two protections");

    /* decommit one page: reserved again; committed again it is zero */
    ok(VirtualFree(base + 0x3000, 0x1000, MEM_DECOMMIT), "decommit");
    /* the region runs from the queried page to the end of the run of like pages */
    check_region(base + 0x3000, base + 0x3000, base, PAGE_READWRITE, 0x1000, MEM_RESERVE, 0, MEM_PRIVATE);
    check_region(base + 0x1000, base + 0x1000, base, PAGE_READWRITE, 0x3000, MEM_RESERVE, 0, MEM_PRIVATE);
    ok(VirtualAlloc(base + 0x3000, 0x1000, MEM_COMMIT, PAGE_READWRITE) == base + 0x3000, "recommit");
    ok(base[0x3000] == 0, "recommitted page is zero");
    check_region(base + 0x3000, base + 0x3000, base, PAGE_READWRITE, 0x2000, MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE);

    /* the MEM_RELEASE rules */
    expect_fail(VirtualFree(base, 0x100000, MEM_RELEASE), ERROR_INVALID_PARAMETER, "MEM_RELEASE with a size");
    expect_fail(VirtualFree(base + 0x10000, 0, MEM_RELEASE), ERROR_INVALID_ADDRESS, "MEM_RELEASE inside the allocation");
    expect_fail(VirtualFree(base, 0, MEM_RELEASE | MEM_DECOMMIT), ERROR_INVALID_PARAMETER, "MEM_RELEASE|MEM_DECOMMIT");
    ok(VirtualFree(base, 0, MEM_RELEASE), "MEM_RELEASE at the base");
    {
        MEMORY_BASIC_INFORMATION info = query(base);
        ok(info.State == MEM_FREE && info.AllocationBase == NULL && info.Protect == PAGE_NOACCESS && info.Type == 0,
           "released: state %#lx base %p protect %#lx type %#lx", info.State, info.AllocationBase, info.Protect,
           info.Type);
        ok(info.BaseAddress == base && info.RegionSize >= 0x100000, "free region size %#llx",
           (unsigned long long)info.RegionSize);
    }
    expect_fail(VirtualFree(base, 0, MEM_RELEASE), ERROR_INVALID_ADDRESS, "MEM_RELEASE of free memory");
    expect_fail(VirtualAlloc(base + 0x1000, 0x1000, MEM_COMMIT, PAGE_READWRITE) != NULL, ERROR_INVALID_ADDRESS, "commit of free memory");
}

static void test_parameters(void)
{
    char *p;
    SetLastError(0xdeadbeef);
    expect_fail(VirtualAlloc(NULL, 0, MEM_COMMIT, PAGE_READWRITE) != NULL, ERROR_INVALID_PARAMETER, "size 0");
    expect_fail(VirtualAlloc(NULL, 0x1000, 0, PAGE_READWRITE) != NULL, ERROR_INVALID_PARAMETER, "no type");
    expect_fail(VirtualAlloc(NULL, 0x1000, MEM_COMMIT, 0) != NULL, ERROR_INVALID_PARAMETER, "no protection");
    expect_fail(VirtualAlloc(NULL, 0x1000, MEM_COMMIT, PAGE_WRITECOPY) != NULL, ERROR_INVALID_PARAMETER, "PAGE_WRITECOPY");
    expect_fail(VirtualAlloc(NULL, 0x1000, MEM_COMMIT, PAGE_NOACCESS | PAGE_GUARD) != NULL, ERROR_INVALID_PARAMETER,
                "PAGE_NOACCESS|PAGE_GUARD");
    expect_fail(VirtualAlloc(NULL, 0x1000, MEM_COMMIT | 0x80000000, PAGE_READWRITE) != NULL, ERROR_INVALID_PARAMETER,
                "unknown type bit");
    ok(VirtualAlloc(NULL, 0x200000, MEM_RESERVE | MEM_COMMIT | MEM_LARGE_PAGES, PAGE_READWRITE) == NULL,
       "MEM_LARGE_PAGES without SeLockMemoryPrivilege fails (error %lu)", GetLastError());

    /* a reservation at a chosen address is rounded down to 64 KiB */
    p = VirtualAlloc(NULL, 0x20000, MEM_RESERVE, PAGE_NOACCESS);
    ok(p != NULL, "reserve");
    VirtualFree(p, 0, MEM_RELEASE);
    ok(VirtualAlloc(p + 0x1234, 0x1000, MEM_RESERVE, PAGE_READWRITE) == p, "reserve at %p + 0x1234 gives %p", p, p);
    check_region(p, p, p, PAGE_READWRITE, 0x3000, MEM_RESERVE, 0, MEM_PRIVATE);
    expect_fail(VirtualAlloc(p, 0x1000, MEM_RESERVE, PAGE_READWRITE) != NULL, ERROR_INVALID_ADDRESS, "reserving over a reservation");
    VirtualFree(p, 0, MEM_RELEASE);
}

static void test_numa(void)
{
    char *p = VirtualAllocExNuma(GetCurrentProcess(), NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE, 0);
    ok(p != NULL && ((ULONG_PTR)p & 0xffff) == 0, "VirtualAllocExNuma on node 0: %p", p);
    VirtualFree(p, 0, MEM_RELEASE);
    p = VirtualAllocExNuma(GetCurrentProcess(), NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE,
                           NUMA_NO_PREFERRED_NODE);
    ok(p != NULL, "VirtualAllocExNuma without a preferred node");
    VirtualFree(p, 0, MEM_RELEASE);
}

static void test_touching(void)
{
    char *a = VirtualAlloc(NULL, 0x40000, MEM_RESERVE, PAGE_NOACCESS), *b;
    ok(a != NULL, "reserve");
    VirtualFree(a, 0, MEM_RELEASE);
    ok(VirtualAlloc(a, 0x10000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE) == a, "first at %p", a);
    b = VirtualAlloc(a + 0x10000, 0x10000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    ok(b == a + 0x10000, "second right after it: %p", b);
    check_region(a, a, a, PAGE_READWRITE, 0x10000, MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE);
    check_region(b + 0x8000, b + 0x8000, b, PAGE_READWRITE, 0x8000, MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE);
    VirtualFree(a, 0, MEM_RELEASE);
    VirtualFree(b, 0, MEM_RELEASE);
}

static void test_top_down(void)
{
    char *low = VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_READWRITE);
    char *high = VirtualAlloc(NULL, 0x10000, MEM_RESERVE | MEM_TOP_DOWN, PAGE_READWRITE);
    ok(low && high && high > low, "MEM_TOP_DOWN %p above %p", high, low);
    VirtualFree(low, 0, MEM_RELEASE);
    VirtualFree(high, 0, MEM_RELEASE);
}

static volatile LONG guard_hits, av_hits, exec_hits;
static volatile ULONG_PTR av_kind, av_address;
static char *no_access_page;

static LONG CALLBACK handler(EXCEPTION_POINTERS *pointers)
{
    EXCEPTION_RECORD *record = pointers->ExceptionRecord;
    DWORD old;
    if (record->ExceptionCode == STATUS_GUARD_PAGE_VIOLATION) {
        guard_hits++;
        av_kind = record->ExceptionInformation[0];
        av_address = record->ExceptionInformation[1];
        return EXCEPTION_CONTINUE_EXECUTION;  /* the guard is gone: the access runs again */
    }
    if (record->ExceptionCode == EXCEPTION_ACCESS_VIOLATION) {
        av_kind = record->ExceptionInformation[0];
        av_address = record->ExceptionInformation[1];
        if (av_kind == 8) {
            /* the call into a no-execute page: return to the caller */
            exec_hits++;
            pointers->ContextRecord->Rip = *(ULONG64 *)pointers->ContextRecord->Rsp;
            pointers->ContextRecord->Rsp += 8;
            return EXCEPTION_CONTINUE_EXECUTION;
        }
        av_hits++;
        VirtualProtect(no_access_page, 0x1000, PAGE_READWRITE, &old);
        return EXCEPTION_CONTINUE_EXECUTION;
    }
    return EXCEPTION_CONTINUE_SEARCH;
}

static void test_faults(void)
{
    void *vh = AddVectoredExceptionHandler(1, handler);
    char *p = VirtualAlloc(NULL, 0x3000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    volatile char *v = p;
    DWORD old;
    char value;

    /* PAGE_GUARD: one STATUS_GUARD_PAGE_VIOLATION, then an ordinary page */
    ok(VirtualProtect(p + 0x1000, 0x1000, PAGE_READWRITE | PAGE_GUARD, &old), "set PAGE_GUARD");
    check_region(p + 0x1000, p + 0x1000, p, PAGE_READWRITE, 0x1000, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD, MEM_PRIVATE);
    value = v[0x1010];
    ok(guard_hits == 1, "guard page hit once (%ld)", guard_hits);
    ok(av_kind == 0 && av_address == (ULONG_PTR)(p + 0x1010), "guard fault: kind %lu address %p",
       (unsigned long)av_kind, (void *)av_address);
    v[0x1010] = 5;
    value = v[0x1020];
    ok(guard_hits == 1, "no second guard fault (%ld)", guard_hits);
    check_region(p + 0x1000, p + 0x1000, p, PAGE_READWRITE, 0x2000, MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE);
    check_region(p, p, p, PAGE_READWRITE, 0x3000, MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE);
    (void)value;

    /* PAGE_NOACCESS: an access violation with the address */
    no_access_page = p + 0x2000;
    ok(VirtualProtect(no_access_page, 0x1000, PAGE_NOACCESS, &old) && old == PAGE_READWRITE, "PAGE_NOACCESS");
    check_region(no_access_page, no_access_page, p, PAGE_READWRITE, 0x1000, MEM_COMMIT, PAGE_NOACCESS, MEM_PRIVATE);
    v[0x2008] = 7;
    ok(av_hits == 1 && av_kind == 1 && av_address == (ULONG_PTR)(p + 0x2008), "write fault: hits %ld kind %lu at %p",
       av_hits, (unsigned long)av_kind, (void *)av_address);
    ok(v[0x2008] == 7, "the write went through after the handler's VirtualProtect");

    /* no-execute: calling into PAGE_READWRITE memory faults with kind 8 */
    {
        unsigned char *code = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
        int (*function)(void) = (int (*)(void))code;
        code[0] = 0xb8; code[1] = 42; code[2] = code[3] = code[4] = 0;  /* mov eax, 42 */
        code[5] = 0xc3;                                                 /* ret */
        function();
        ok(exec_hits == 1 && av_kind == 8 && av_address == (ULONG_PTR)code, "DEP fault: hits %ld kind %lu",
           exec_hits, (unsigned long)av_kind);
        ok(VirtualProtect(code, 0x1000, PAGE_EXECUTE_READ, &old) && old == PAGE_READWRITE, "PAGE_EXECUTE_READ");
        ok(FlushInstructionCache(GetCurrentProcess(), code, 6), "FlushInstructionCache");
        ok(function() == 42 && exec_hits == 1, "code runs once executable");
        VirtualFree(code, 0, MEM_RELEASE);
    }
    RemoveVectoredExceptionHandler(vh);
    VirtualFree(p, 0, MEM_RELEASE);
}

static void test_write_watch(void)
{
    char *p = VirtualAlloc(NULL, 0x10000, MEM_RESERVE | MEM_COMMIT | MEM_WRITE_WATCH, PAGE_READWRITE);
    void *addresses[16];
    ULONG_PTR count = 16;
    ULONG granularity = 0;
    UINT result;

    ok(p != NULL, "MEM_WRITE_WATCH allocation");
    result = GetWriteWatch(0, p, 0x10000, addresses, &count, &granularity);
    ok(result == 0 && count == 0 && granularity == 0x1000, "nothing written: result %u count %lu granularity %lu",
       result, (unsigned long)count, granularity);
    p[0x10] = 1;
    p[0x2fff] = 2;
    p[0x2000] = 3;
    count = 16;
    result = GetWriteWatch(WRITE_WATCH_FLAG_RESET, p, 0x10000, addresses, &count, &granularity);
    ok(result == 0 && count == 2, "two pages written: result %u count %lu", result, (unsigned long)count);
    ok(count == 2 && addresses[0] == p && addresses[1] == p + 0x2000, "pages %p and %p", addresses[0], addresses[1]);
    count = 16;
    GetWriteWatch(0, p, 0x10000, addresses, &count, &granularity);
    ok(count == 0, "reset by WRITE_WATCH_FLAG_RESET (%lu)", (unsigned long)count);
    p[0x5000] = 4;
    ok(p[0x5000] == 4 && p[0x2000] == 3, "contents kept");
    count = 16;
    GetWriteWatch(0, p, 0x10000, addresses, &count, &granularity);
    ok(count == 1 && addresses[0] == p + 0x5000, "third page (%lu)", (unsigned long)count);
    ok(ResetWriteWatch(p, 0x10000) == 0, "ResetWriteWatch");
    count = 16;
    GetWriteWatch(0, p, 0x10000, addresses, &count, &granularity);
    ok(count == 0, "reset by ResetWriteWatch (%lu)", (unsigned long)count);
    VirtualFree(p, 0, MEM_RELEASE);

    p = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    count = 16;
    expect_fail(!(GetWriteWatch(0, p, 0x1000, addresses, &count, &granularity)), ERROR_INVALID_PARAMETER, "GetWriteWatch without MEM_WRITE_WATCH");
    VirtualFree(p, 0, MEM_RELEASE);
}

/* The Nt memory functions' out-parameters in a clean write-watched page
 * (programs call them directly: Rust's and Go's runtimes do): the store of
 * each faults, and the fault must be resolved (the page marked written)
 * while the function runs. A thread makes the calls so that a hang is a
 * failure, not a stuck test. */
typedef LONG (WINAPI *nt_protect_fn)(HANDLE, PVOID *, SIZE_T *, ULONG, ULONG *);
typedef LONG (WINAPI *nt_allocate_fn)(HANDLE, PVOID *, ULONG_PTR, SIZE_T *, ULONG, ULONG);
static char *watched_page;
static DWORD WINAPI out_parameters_in_watched_page(void *unused)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    nt_protect_fn nt_protect = (nt_protect_fn)GetProcAddress(ntdll, "NtProtectVirtualMemory");
    nt_allocate_fn nt_allocate = (nt_allocate_fn)GetProcAddress(ntdll, "NtAllocateVirtualMemory");
    PVOID *base = (PVOID *)(watched_page + 0x2000);
    SIZE_T *size = (SIZE_T *)(watched_page + 0x2010);
    ULONG *old = (ULONG *)(watched_page + 0x2020);
    PVOID *allocated = (PVOID *)(watched_page + 0x4000);
    SIZE_T *allocated_size = (SIZE_T *)(watched_page + 0x4010);
    char *target = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    (void)unused;
    if (!nt_protect || !nt_allocate) return 1;
    *base = target + 0x10;
    *size = 0x10;
    *allocated = NULL;
    *allocated_size = 0x1000;
    ResetWriteWatch(watched_page, 0x10000);  /* the inputs stay, the pages are clean */
    if (nt_protect(GetCurrentProcess(), base, size, PAGE_READONLY, old) || *old != PAGE_READWRITE ||
        *base != target || *size != 0x1000)
        return 2;
    if (nt_allocate(GetCurrentProcess(), allocated, 0, allocated_size, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE) ||
        !*allocated || *allocated_size != 0x1000)
        return 3;
    VirtualFree(*allocated, 0, MEM_RELEASE);
    VirtualFree(target, 0, MEM_RELEASE);
    return 0;
}

static void test_write_watch_out_parameters(void)
{
    void *addresses[16];
    ULONG_PTR count = 16;
    ULONG granularity;
    DWORD code = 99;
    HANDLE thread;

    watched_page = VirtualAlloc(NULL, 0x10000, MEM_RESERVE | MEM_COMMIT | MEM_WRITE_WATCH, PAGE_READWRITE);
    ok(watched_page != NULL, "MEM_WRITE_WATCH allocation");
    thread = CreateThread(NULL, 0, out_parameters_in_watched_page, NULL, 0, NULL);
    ok(WaitForSingleObject(thread, 10000) == WAIT_OBJECT_0, "NtProtectVirtualMemory writing to a clean watched page returns");
    if (!GetExitCodeThread(thread, &code) || code == STILL_ACTIVE) {
        ok(0, "the thread hangs: giving up");
        vt_summary();
        TerminateProcess(GetCurrentProcess(), 1);
    }
    ok(code == 0, "their results are right (%lu)", code);
    GetWriteWatch(0, watched_page, 0x10000, addresses, &count, &granularity);
    ok(count == 2 && addresses[0] == watched_page + 0x2000 && addresses[1] == watched_page + 0x4000,
       "the pages written count as written (%lu)", (unsigned long)count);
    CloseHandle(thread);
    VirtualFree(watched_page, 0, MEM_RELEASE);
}

static void test_reset(void)
{
    char *p = VirtualAlloc(NULL, 0x4000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    memset(p, 0x11, 0x4000);
    ok(VirtualAlloc(p, 0x4000, MEM_RESET, PAGE_NOACCESS) == p, "MEM_RESET");
    check_region(p, p, p, PAGE_READWRITE, 0x4000, MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE);
    p[0] = 5;  /* still committed and writable */
    ok(p[0] == 5, "written after MEM_RESET");
    ok(DiscardVirtualMemory(p, 0x4000) == ERROR_SUCCESS, "DiscardVirtualMemory");
    p[1] = 6;
    ok(p[1] == 6, "written after DiscardVirtualMemory");
    VirtualFree(p, 0, MEM_RELEASE);

    /* reserved pages may be reset too, but not past the allocation */
    p = VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_NOACCESS);
    ok(VirtualAlloc(p + 0x1000, 0x1000, MEM_RESET, PAGE_NOACCESS) == p + 0x1000, "MEM_RESET of reserved pages");
    check_region(p + 0x1000, p + 0x1000, p, PAGE_NOACCESS, 0xf000, MEM_RESERVE, 0, MEM_PRIVATE);
    expect_fail(VirtualAlloc(p + 0xf000, 0x2000, MEM_RESET, PAGE_NOACCESS) != NULL, ERROR_INVALID_ADDRESS, "MEM_RESET past the allocation");
    VirtualFree(p, 0, MEM_RELEASE);
}

static void test_lock(void)
{
    char *p = VirtualAlloc(NULL, 0x2000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    char *r = VirtualAlloc(NULL, 0x2000, MEM_RESERVE, PAGE_READWRITE);
    ok(VirtualLock(p, 0x2000), "VirtualLock: error %lu", GetLastError());
    ok(VirtualUnlock(p, 0x2000), "VirtualUnlock");
    expect_fail(VirtualUnlock(p, 0x2000), ERROR_NOT_LOCKED, "unlocking again");
    ok(!VirtualLock(r, 0x1000), "VirtualLock of reserved pages fails (error %lu)", GetLastError());
    VirtualFree(p, 0, MEM_RELEASE);
    VirtualFree(r, 0, MEM_RELEASE);
}

static void test_process_memory(void)
{
    char *p = VirtualAlloc(NULL, 0x2000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    char buffer[16];
    SIZE_T done = 99;
    DWORD old;
    memcpy(p + 0xff8, "abcdefgh", 8);
    ok(ReadProcessMemory(GetCurrentProcess(), p + 0xff8, buffer, 8, &done) && done == 8 && !memcmp(buffer, "abcdefgh", 8),
       "ReadProcessMemory (%lu)", (unsigned long)done);
    ok(WriteProcessMemory(GetCurrentProcess(), p, "xyz", 3, &done) && done == 3 && !memcmp(p, "xyz", 3),
       "WriteProcessMemory");
    VirtualProtect(p + 0x1000, 0x1000, PAGE_NOACCESS, &old);
    expect_fail(ReadProcessMemory(GetCurrentProcess(), p + 0xff8, buffer, 16, &done), ERROR_PARTIAL_COPY, "ReadProcessMemory into a no-access page");
    VirtualFree(p, 0, MEM_RELEASE);
}

static void test_system_regions(void)
{
    HMODULE exe = GetModuleHandleA(NULL);
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)((char *)exe + ((IMAGE_DOS_HEADER *)exe)->e_lfanew);
    MEMORY_BASIC_INFORMATION info;
    char *teb;
    NT_TIB *tib;
    void *deallocation;
    int local;

    __asm__("movq %%gs:0x30, %0" : "=r"(teb));  /* NtCurrentTeb() without the intrinsic's warning */
    tib = (NT_TIB *)teb;
    deallocation = *(void **)(teb + 0x1478);     /* TEB.DeallocationStack */
    info = query(exe);
    ok(info.AllocationBase == exe && info.Type == MEM_IMAGE && info.AllocationProtect == PAGE_EXECUTE_WRITECOPY,
       "EXE: base %p type %#lx protect %#lx", info.AllocationBase, info.Type, info.AllocationProtect);
    ok(info.State == MEM_COMMIT && info.Protect == PAGE_READONLY && info.RegionSize == 0x1000,
       "EXE headers: state %#lx protect %#lx size %#llx", info.State, info.Protect, (unsigned long long)info.RegionSize);
    info = query((char *)exe + nt->OptionalHeader.AddressOfEntryPoint);
    ok(info.AllocationBase == exe && info.Type == MEM_IMAGE && info.Protect == PAGE_EXECUTE_READ,
       "EXE code: protect %#lx", info.Protect);
    info = query((char *)exe + nt->OptionalHeader.SizeOfImage - 1);
    ok(info.AllocationBase == exe && info.Type == MEM_IMAGE, "EXE last page in the image");

    info = query(&local);
    ok(info.AllocationBase == deallocation && info.Type == MEM_PRIVATE && info.State == MEM_COMMIT &&
       info.Protect == PAGE_READWRITE, "stack: base %p (TEB says %p) type %#lx state %#lx protect %#lx",
       info.AllocationBase, deallocation, info.Type, info.State, info.Protect);
    ok((char *)info.BaseAddress + info.RegionSize == (char *)tib->StackBase, "committed stack ends at StackBase");
    info = query(deallocation);
    ok(info.AllocationBase == deallocation && info.State == MEM_RESERVE && info.Type == MEM_PRIVATE,
       "bottom of the stack reserved: state %#lx", info.State);

    info = query(teb);
    ok(info.State == MEM_COMMIT && info.Protect == PAGE_READWRITE && info.Type == MEM_PRIVATE,
       "TEB: state %#lx protect %#lx type %#lx", info.State, info.Protect, info.Type);
    info = query(*(void **)(teb + 0x60));
    ok(info.State == MEM_COMMIT && info.Type == MEM_PRIVATE, "PEB: state %#lx type %#lx", info.State, info.Type);

    {
        void *block = HeapAlloc(GetProcessHeap(), 0, 100);
        HMODULE kernel32 = GetModuleHandleA("kernel32.dll");
        void *function = (void *)GetProcAddress(kernel32, "VirtualAlloc");
        info = query(block);
        ok(info.State == MEM_COMMIT && info.Protect == PAGE_READWRITE && info.Type == MEM_PRIVATE,
           "heap block: state %#lx protect %#lx type %#lx", info.State, info.Protect, info.Type);
        HeapFree(GetProcessHeap(), 0, block);
        info = query(kernel32);
        ok(info.AllocationBase == kernel32 && info.Type == MEM_IMAGE && info.State == MEM_COMMIT &&
           info.Protect == PAGE_READONLY, "kernel32 headers: base %p type %#lx protect %#lx", info.AllocationBase,
           info.Type, info.Protect);
        info = query(function);
        ok(info.AllocationBase == kernel32 && info.Type == MEM_IMAGE && info.Protect == PAGE_EXECUTE_READ,
           "kernel32 code: base %p type %#lx protect %#lx", info.AllocationBase, info.Type, info.Protect);
    }

    info = query((void *)0x1000);
    ok(info.State == MEM_FREE && info.BaseAddress == (void *)0x1000 && info.AllocationBase == NULL,
       "the first 64 KiB are free: state %#lx", info.State);
    SetLastError(0xdeadbeef);
    expect_fail(!(VirtualQuery((void *)0x7fffffff0000ull, &info, sizeof(info)) == 0), ERROR_INVALID_PARAMETER, "above the user address space");
    expect_fail(!(VirtualQuery(exe, &info, sizeof(info) - 1) == 0), ERROR_BAD_LENGTH, "short buffer");
}

typedef PVOID (WINAPI *VirtualAlloc2_fn)(HANDLE, PVOID, SIZE_T, ULONG, ULONG, MEM_EXTENDED_PARAMETER *, ULONG);

static void test_placeholders(void)
{
    HMODULE module = GetModuleHandleA("kernelbase.dll");
    VirtualAlloc2_fn alloc2 = module ? (VirtualAlloc2_fn)GetProcAddress(module, "VirtualAlloc2") : NULL;
    char *p, *view;
    if (!alloc2) {
        module = LoadLibraryA("api-ms-win-core-memory-l1-1-6.dll");
        alloc2 = module ? (VirtualAlloc2_fn)GetProcAddress(module, "VirtualAlloc2") : NULL;
    }
    ok(alloc2 != NULL, "VirtualAlloc2 found");
    if (!alloc2) return;

    p = alloc2(NULL, NULL, 0x40000, MEM_RESERVE | MEM_RESERVE_PLACEHOLDER, PAGE_NOACCESS, NULL, 0);
    ok(p != NULL, "placeholder reserved: error %lu", GetLastError());
    if (!p) return;
    check_region(p, p, p, PAGE_NOACCESS, 0x40000, MEM_RESERVE, 0, MEM_PRIVATE);
    ok(alloc2(NULL, p, 0x40000, MEM_COMMIT, PAGE_READWRITE, NULL, 0) == NULL, "a placeholder cannot be committed");

    /* split off the first 64 KiB and replace it with an allocation */
    ok(VirtualFree(p, 0x10000, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), "split: error %lu", GetLastError());
    check_region(p, p, p, PAGE_NOACCESS, 0x10000, MEM_RESERVE, 0, MEM_PRIVATE);
    check_region(p + 0x10000, p + 0x10000, p + 0x10000, PAGE_NOACCESS, 0x30000, MEM_RESERVE, 0, MEM_PRIVATE);
    view = alloc2(NULL, p, 0x10000, MEM_RESERVE | MEM_COMMIT | MEM_REPLACE_PLACEHOLDER, PAGE_READWRITE, NULL, 0);
    ok(view == p, "replaced: %p, error %lu", view, GetLastError());
    if (view != p) return;
    p[0] = 9;
    check_region(p, p, p, PAGE_READWRITE, 0x10000, MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE);

    /* back to a placeholder, then joined with the rest */
    ok(VirtualFree(p, 0x10000, MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER), "back to a placeholder: error %lu", GetLastError());
    check_region(p, p, p, PAGE_NOACCESS, 0x10000, MEM_RESERVE, 0, MEM_PRIVATE);
    ok(VirtualFree(p, 0x40000, MEM_RELEASE | MEM_COALESCE_PLACEHOLDERS), "coalesced: error %lu", GetLastError());
    check_region(p + 0x20000, p + 0x20000, p, PAGE_NOACCESS, 0x20000, MEM_RESERVE, 0, MEM_PRIVATE);
    check_region(p, p, p, PAGE_NOACCESS, 0x40000, MEM_RESERVE, 0, MEM_PRIVATE);
    ok(VirtualFree(p, 0, MEM_RELEASE), "placeholder released");
    ok(query(p).State == MEM_FREE, "free again");
}

int main(void)
{
    test_reserve_commit();
    test_parameters();
    test_touching();
    test_numa();
    test_top_down();
    test_faults();
    test_write_watch();
    test_write_watch_out_parameters();
    test_reset();
    test_lock();
    test_process_memory();
    test_system_regions();
    test_placeholders();
    return vt_summary();
}
