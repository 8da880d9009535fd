/* API set names: api-ms-win-* contracts load their host DLL (the minor
 * version, after the last hyphen, is ignored), contracts without a host and
 * names outside the schema fail with ERROR_MOD_NOT_FOUND, a delay-loaded
 * import of an absent set takes the delay helper's failure path, and
 * ApiSetQueryApiSetPresence / IsApiSetImplemented agree with the loader. */
#include <stdio.h>
#include <windows.h>
#include <winternl.h>
#include <delayimp.h>
#include "vinetest.h"

typedef NTSTATUS(WINAPI *query_presence_fn)(const UNICODE_STRING *, BOOLEAN *);
typedef BOOL(WINAPI *is_implemented_fn)(const char *);

/* From libvt_absent.delay.a: ext-ms-win-vine-absent-l1-1-0.dll!vt_absent_call. */
int vt_absent_call(int x);

static int failure_notes;
static int fallback(int x) { return x + 1000; }

/* The delay helper's failure hook: no module, then a replacement function. */
static FARPROC WINAPI failure_hook(unsigned reason, DelayLoadInfo *info)
{
    failure_notes++;
    if (reason == dliFailLoadLib) {
        ok(info->dwLastError == ERROR_MOD_NOT_FOUND, "delay load: ERROR_MOD_NOT_FOUND (%lu)", info->dwLastError);
        ok(_stricmp(info->szDll, "ext-ms-win-vine-absent-l1-1-0.dll") == 0, "delay load names the set (%s)", info->szDll);
        return (FARPROC)GetModuleHandleA(NULL);
    }
    if (reason == dliFailGetProc) return (FARPROC)fallback;
    return NULL;
}
PfnDliHook __pfnDliFailureHook2 = failure_hook;

static BOOLEAN presence(query_presence_fn query, const WCHAR *name)
{
    UNICODE_STRING text;
    BOOLEAN present = 0xcc;
    NTSTATUS status;
    text.Buffer = (WCHAR *)name;
    text.Length = (USHORT)(wcslen(name) * 2);
    text.MaximumLength = text.Length + 2;
    status = query(&text, &present);
    ok(status == 0, "ApiSetQueryApiSetPresence(%ls) succeeds (0x%lx)", name, status);
    return present;
}

int main(void)
{
    HMODULE kernel32 = GetModuleHandleA("kernel32.dll");
    HMODULE synch, synch_later, apiquery, h;
    query_presence_fn query;
    is_implemented_fn implemented;

    synch = LoadLibraryA("api-ms-win-core-synch-l1-2-0.dll");
    ok(synch != NULL, "api-ms-win-core-synch-l1-2-0 loads (%lu)", GetLastError());
    ok(synch && GetProcAddress(synch, "WaitOnAddress") != NULL, "it exports WaitOnAddress");
    ok(synch && GetProcAddress(synch, "WaitOnAddress") == GetProcAddress(kernel32, "WaitOnAddress"),
       "the same WaitOnAddress as kernel32's");
    synch_later = LoadLibraryA("API-MS-WIN-CORE-SYNCH-L1-2-7.DLL");
    ok(synch_later == synch, "another minor version, upper case: the same host (%p %p)", synch_later, synch);
    h = LoadLibraryA("api-ms-win-core-synch-l1-2-0");
    ok(h == synch, "without .dll: the same host");
    ok(GetModuleHandleA("api-ms-win-core-synch-l1-2-0.dll") == synch, "GetModuleHandle of the set: its host");
    h = LoadLibraryA("api-ms-win-core-rtlsupport-l1-1-0.dll");
    ok(h == GetModuleHandleA("ntdll.dll"), "rtlsupport is ntdll's");
    ok(h && GetProcAddress(h, "RtlCaptureContext") != NULL, "rtlsupport exports RtlCaptureContext");

    SetLastError(0xdeadbeef);
    h = LoadLibraryA("api-ms-win-core-synch-l1-2.dll");
    ok(h == NULL && GetLastError() == ERROR_MOD_NOT_FOUND,
       "a name without its minor version is another contract, absent (%p, %lu)", h, GetLastError());
    SetLastError(0xdeadbeef);
    h = LoadLibraryA("api-ms-win-core-vine-nonexistent-l1-1-0.dll");
    ok(h == NULL && GetLastError() == ERROR_MOD_NOT_FOUND, "unknown api- contract: ERROR_MOD_NOT_FOUND (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    h = LoadLibraryA("ext-ms-win-vine-absent-l1-1-0.dll");
    ok(h == NULL && GetLastError() == ERROR_MOD_NOT_FOUND, "ext- set without host: ERROR_MOD_NOT_FOUND (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    h = LoadLibraryExW(L"ext-ms-win-vine-absent-l1-1-0.dll", NULL, 0);
    ok(h == NULL && GetLastError() == ERROR_MOD_NOT_FOUND, "LoadLibraryExW too (%lu)", GetLastError());
    ok(GetModuleHandleA("ext-ms-win-vine-absent-l1-1-0.dll") == NULL, "GetModuleHandle of an absent set: NULL");

    ok(vt_absent_call(1) == 1001, "delay-loaded import of an absent set: the failure hook's fallback");
    ok(failure_notes == 2, "failure hook called for the library and the procedure (%d)", failure_notes);

    query = (query_presence_fn)GetProcAddress(GetModuleHandleA("ntdll.dll"), "ApiSetQueryApiSetPresence");
    ok(query != NULL, "ntdll exports ApiSetQueryApiSetPresence");
    if (query) {
        ok(presence(query, L"api-ms-win-core-synch-l1-2-0") == TRUE, "synch-l1-2-0 present");
        ok(presence(query, L"api-ms-win-core-synch-l1-2-0.dll") == TRUE, "with .dll, present");
        ok(presence(query, L"api-ms-win-crt-runtime-l1-1-0") == TRUE, "crt-runtime present");
        ok(presence(query, L"api-ms-win-core-vine-nonexistent-l1-1-0") == FALSE, "unknown contract not present");
        ok(presence(query, L"ext-ms-win-vine-absent-l1-1-0") == FALSE, "absent ext- set not present");
    }
    apiquery = LoadLibraryA("api-ms-win-core-apiquery-l2-1-0.dll");
    ok(apiquery != NULL, "api-ms-win-core-apiquery-l2-1-0 loads");
    implemented = apiquery ? (is_implemented_fn)GetProcAddress(apiquery, "IsApiSetImplemented") : NULL;
    ok(implemented != NULL, "IsApiSetImplemented exported by its host");
    if (implemented) {
        ok(implemented("api-ms-win-core-synch-l1-2-0"), "IsApiSetImplemented(synch-l1-2-0)");
        ok(implemented("api-ms-win-core-processthreads-l1-1-3"), "IsApiSetImplemented(processthreads-l1-1-3)");
        ok(!implemented("api-ms-win-core-vine-nonexistent-l1-1-0"), "not for an unknown contract");
        ok(!implemented("ext-ms-win-vine-absent-l1-1-0"), "not for a set without host");
    }
    return vt_summary();
}
