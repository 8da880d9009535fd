/* LoadLibraryW/GetProcAddress/FreeLibrary with a builtin (kernel32) and a
 * native DLL built with the test (vt_attach.dll, next to the exe):
 * DllMain notification order, reference counting, error codes. */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include "vinetest.h"

typedef void (*set_log_fn)(char *);
typedef int (*add_fn)(int, int);
typedef HINSTANCE (*self_fn)(void);
typedef DWORD (WINAPI *getpid_fn)(void);

static DWORD WINAPI thread_proc(void *arg)
{
    (void)arg;
    return 7;
}

int main(void)
{
    static char log[256];
    HMODULE k32, h, h2;
    FARPROC p;
    getpid_fn getpid;
    set_log_fn set_log;
    add_fn add;
    HANDLE th;
    DWORD code;
    char buf[64];

    /* builtin */
    k32 = LoadLibraryW(L"kernel32.dll");
    ok(k32 != NULL && k32 == GetModuleHandleW(L"kernel32.dll"), "LoadLibraryW(kernel32.dll)");
    getpid = (getpid_fn)GetProcAddress(k32, "GetCurrentProcessId");
    ok(getpid != NULL, "GetProcAddress(GetCurrentProcessId) non-NULL");
    ok(getpid && getpid() == GetCurrentProcessId(), "calling it returns the process id");
    SetLastError(0xdeadbeef);
    p = GetProcAddress(k32, "NoSuchFunctionVineTest");
    ok(p == NULL && GetLastError() == ERROR_PROC_NOT_FOUND,
       "missing export: NULL, ERROR_PROC_NOT_FOUND (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    h = LoadLibraryW(L"no_such_dll_vinetest.dll");
    ok(h == NULL && GetLastError() == ERROR_MOD_NOT_FOUND,
       "missing DLL: NULL, ERROR_MOD_NOT_FOUND (%lu)", GetLastError());
    ok(FreeLibrary(k32), "FreeLibrary(kernel32)");
    ok(GetModuleHandleW(L"kernel32.dll") != NULL, "kernel32 stays loaded");

    /* native */
    ok(GetModuleHandleW(L"vt_attach.dll") == NULL, "vt_attach.dll not loaded yet");
    h = LoadLibraryW(L"vt_attach.dll");
    ok(h != NULL, "LoadLibraryW(vt_attach.dll) (error %lu)", h ? 0 : GetLastError());
    if (!h) return vt_summary();
    ok(GetModuleHandleW(L"vt_attach.dll") == h, "GetModuleHandleW finds it");
    set_log = (set_log_fn)GetProcAddress(h, "vt_set_log");
    add = (add_fn)GetProcAddress(h, "vt_add");
    ok(set_log && add, "GetProcAddress of its exports");
    ok(add && add(2, 3) == 5, "vt_add(2, 3) == 5");
    ok(((self_fn)GetProcAddress(h, "vt_self"))() == h, "DllMain got the module handle");
    ok(GetProcAddress(h, "vt_data") && *(int *)GetProcAddress(h, "vt_data") == 1234,
       "data export");
    set_log(log);
    ok(strcmp(log, "A") == 0, "one PROCESS_ATTACH: \"%s\"", log);

    h2 = LoadLibraryW(L"VT_ATTACH");
    ok(h2 == h, "second LoadLibraryW (no extension, other case) returns the same handle");
    ok(strcmp(log, "A") == 0, "no second PROCESS_ATTACH: \"%s\"", log);
    GetModuleFileNameA(h, buf, sizeof(buf));
    ok(strlen(buf) > 14 && !_stricmp(buf + strlen(buf) - 14, "\\vt_attach.dll"),
       "GetModuleFileName of the DLL: %s", buf);

    th = CreateThread(NULL, 0, thread_proc, NULL, 0, NULL);
    ok(th != NULL, "CreateThread");
    WaitForSingleObject(th, INFINITE);
    ok(GetExitCodeThread(th, &code) && code == 7, "thread exit code 7");
    CloseHandle(th);
    ok(strcmp(log, "ATt") == 0, "THREAD_ATTACH then THREAD_DETACH: \"%s\"", log);

    ok(FreeLibrary(h2), "first FreeLibrary");
    ok(GetModuleHandleW(L"vt_attach.dll") == h, "still loaded after one FreeLibrary");
    ok(strcmp(log, "ATt") == 0, "no detach yet: \"%s\"", log);
    ok(FreeLibrary(h), "second FreeLibrary");
    ok(strcmp(log, "ATtD") == 0, "PROCESS_DETACH on the last FreeLibrary: \"%s\"", log);
    ok(GetModuleHandleW(L"vt_attach.dll") == NULL, "unloaded");

    log[0] = 0;
    h = LoadLibraryW(L"vt_attach.dll");
    ok(h != NULL, "reload");
    set_log = (set_log_fn)GetProcAddress(h, "vt_set_log");
    set_log(log);
    ok(strcmp(log, "A") == 0, "fresh PROCESS_ATTACH after reload: \"%s\"", log);
    set_log(NULL);
    FreeLibrary(h);

    /* DllMain failing PROCESS_ATTACH: LoadLibrary fails with
     * ERROR_DLL_INIT_FAILED and DllMain gets PROCESS_DETACH right away. */
    SetLastError(0xdeadbeef);
    h = LoadLibraryW(L"vt_initfail.dll");
    ok(h == NULL && GetLastError() == ERROR_DLL_INIT_FAILED,
       "failing DllMain: NULL, ERROR_DLL_INIT_FAILED (%lu)", GetLastError());
    buf[0] = 0;
    GetEnvironmentVariableA("VT_INITFAIL_LOG", buf, sizeof(buf));
    ok(strcmp(buf, "10") == 0, "DllMain saw ATTACH then DETACH: \"%s\"", buf);
    ok(GetModuleHandleW(L"vt_initfail.dll") == NULL, "failed DLL is not loaded");

    return vt_summary();
}
