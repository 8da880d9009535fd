/* Thread-local storage in the EXE: a TLS callback registered through the
 * .CRT$XLB section (called with DLL_PROCESS_ATTACH before main and with
 * DLL_THREAD_ATTACH/DETACH for each thread), __thread variables, a variable
 * placed directly in the image's .tls section (reached through the TEB's
 * ThreadLocalStoragePointer[_tls_index], as MSVC-compiled code does), and
 * the TlsAlloc API. */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include "vinetest.h"

static char events[64];
static volatile int main_started;
static int attach_before_main;

static void add_event(char c)
{
    size_t n = strlen(events);
    if (n + 1 < sizeof(events)) { events[n] = c; events[n + 1] = 0; }
}

static void NTAPI tls_callback(PVOID module, DWORD reason, PVOID reserved)
{
    (void)module; (void)reserved;
    switch (reason) {
    case DLL_PROCESS_ATTACH:
        add_event('P');
        attach_before_main = !main_started;
        printf("tls callback: DLL_PROCESS_ATTACH\n");
        fflush(stdout);
        break;
    case DLL_THREAD_ATTACH: add_event('T'); break;
    case DLL_THREAD_DETACH: add_event('t'); break;
    case DLL_PROCESS_DETACH: break;
    }
}

__attribute__((section(".CRT$XLB"), used))
const PIMAGE_TLS_CALLBACK vt_tls_callback_ptr = tls_callback;

/* compiler-supported thread-local variable */
static __thread int thread_var = 100;

/* a variable in the image's own TLS template */
extern char _tls_start;
extern ULONG _tls_index;
__attribute__((section(".tls$VINE"), used)) int native_tls_var = 0x1234;

static int *native_tls_ptr(void)
{
    void **array;
    /* TEB->ThreadLocalStoragePointer is at gs:0x58 on x64 */
    __asm__ volatile("movq %%gs:0x58, %0" : "=r"(array));
    char *block = (char *)array[_tls_index];
    return (int *)(block + ((char *)&native_tls_var - &_tls_start));
}

static DWORD slot;

struct thread_result {
    int thread_var_initial, native_initial, slot_initial;
    int *native_addr;
};

static DWORD WINAPI thread_proc(void *arg)
{
    struct thread_result *r = arg;
    r->thread_var_initial = thread_var;
    thread_var = 999;
    r->native_addr = native_tls_ptr();
    r->native_initial = *r->native_addr;
    *r->native_addr = 0x5678;
    r->slot_initial = (int)(INT_PTR)TlsGetValue(slot);
    TlsSetValue(slot, (void *)2);
    return 0;
}

int main(void)
{
    struct thread_result r = { 0 };
    HANDLE th;
    int *mine;

    main_started = 1;
    ok(strcmp(events, "P") == 0, "TLS callback ran once with DLL_PROCESS_ATTACH: \"%s\"", events);
    ok(attach_before_main, "DLL_PROCESS_ATTACH callback ran before main");

    ok(thread_var == 100, "__thread initial value (%d)", thread_var);
    thread_var = 1;

    mine = native_tls_ptr();
    ok(*mine == 0x1234, "native TLS variable has its template value (0x%x)", *mine);
    *mine = 0x4321;

    slot = TlsAlloc();
    ok(slot != TLS_OUT_OF_INDEXES, "TlsAlloc");
    SetLastError(0xdeadbeef);
    ok(TlsGetValue(slot) == NULL && GetLastError() == ERROR_SUCCESS,
       "TlsGetValue of a fresh slot: NULL, ERROR_SUCCESS");
    ok(TlsSetValue(slot, (void *)1), "TlsSetValue");

    th = CreateThread(NULL, 0, thread_proc, &r, 0, NULL);
    ok(th != NULL, "CreateThread");
    WaitForSingleObject(th, INFINITE);
    CloseHandle(th);

    ok(r.thread_var_initial == 100, "new thread sees the initial __thread value (%d)", r.thread_var_initial);
    ok(thread_var == 1, "main thread's __thread value unchanged (%d)", thread_var);
    ok(r.native_initial == 0x1234, "new thread's native TLS starts from the template (0x%x)", r.native_initial);
    ok(r.native_addr != mine, "each thread has its own TLS block");
    ok(*mine == 0x4321, "main thread's native TLS unchanged (0x%x)", *mine);
    ok(r.slot_initial == 0, "TLS slot is NULL in a new thread");
    ok(TlsGetValue(slot) == (void *)1, "main thread's slot value unchanged");
    ok(TlsFree(slot), "TlsFree");

    ok(strcmp(events, "PTt") == 0, "callbacks: PROCESS_ATTACH, THREAD_ATTACH, THREAD_DETACH: \"%s\"", events);
    return vt_summary();
}
