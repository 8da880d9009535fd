/* ole32: the task allocator, apartments, GUIDs and their strings,
 * CoCreateInstance of classes that are not registered. */
#define COBJMACROS
#include <windows.h>
#include <objbase.h>

#include <wchar.h>

#include "vinetest.h"

static const GUID test_guid = {0x12345678, 0x9abc, 0xdef0, {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}};
/* A CLSID nobody registers. */
static const GUID unknown_clsid = {0xdeadbeef, 0x0bad, 0xf00d, {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88}};

static void test_task_memory(void)
{
    IMalloc *malloc = NULL;
    char *p = CoTaskMemAlloc(16);
    ok(p != NULL, "CoTaskMemAlloc(16)");
    memset(p, 'x', 16);
    p = CoTaskMemRealloc(p, 4096);
    ok(p != NULL && p[15] == 'x', "CoTaskMemRealloc keeps the contents");
    ok(CoTaskMemRealloc(p, 0) == NULL, "CoTaskMemRealloc(p, 0) frees and returns NULL");
    p = CoTaskMemRealloc(NULL, 8);
    ok(p != NULL, "CoTaskMemRealloc(NULL, 8) allocates");
    CoTaskMemFree(p);
    CoTaskMemFree(NULL);

    ok_int(CoGetMalloc(0, &malloc), E_INVALIDARG);
    ok_int(CoGetMalloc(MEMCTX_TASK, &malloc), S_OK);
    ok(malloc != NULL, "CoGetMalloc gives an allocator");
    if (malloc) {
        IMalloc *again = NULL;
        p = IMalloc_Alloc(malloc, 100);
        ok(p != NULL, "IMalloc::Alloc");
        ok(IMalloc_GetSize(malloc, p) >= 100, "IMalloc::GetSize %d", (int)IMalloc_GetSize(malloc, p));
        IMalloc_Free(malloc, p);
        ok_int(IMalloc_QueryInterface(malloc, &IID_IUnknown, (void **)&again), S_OK);
        ok(again == malloc, "QueryInterface(IUnknown) is the same object");
        IMalloc_Release(again);
        IMalloc_Release(malloc);
    }
}

static void test_guid_strings(void)
{
    WCHAR buffer[64];
    WCHAR *string = NULL;
    GUID guid;
    char narrow[64];

    ok_int(StringFromGUID2(&test_guid, buffer, 64), 39);
    WideCharToMultiByte(CP_ACP, 0, buffer, -1, narrow, sizeof(narrow), NULL, NULL);
    ok_str(narrow, "{12345678-9ABC-DEF0-0123-456789ABCDEF}");
    ok_int(StringFromGUID2(&test_guid, buffer, 39), 39);
    ok_int(StringFromGUID2(&test_guid, buffer, 38), 0);

    ok_int(StringFromCLSID(&test_guid, &string), S_OK);
    ok(string && !wcscmp(string, L"{12345678-9ABC-DEF0-0123-456789ABCDEF}"), "StringFromCLSID");
    CoTaskMemFree(string);
    ok_int(StringFromIID(&IID_IUnknown, &string), S_OK);
    ok(string && !wcscmp(string, L"{00000000-0000-0000-C000-000000000046}"), "StringFromIID(IID_IUnknown)");
    CoTaskMemFree(string);

    memset(&guid, 0xcc, sizeof(guid));
    ok_int(CLSIDFromString(L"{12345678-9abc-def0-0123-456789abcdef}", &guid), S_OK);
    ok(IsEqualGUID(&guid, &test_guid), "CLSIDFromString reads lower case");
    ok_int(CLSIDFromString(L"{12345678-9ABC-DEF0-0123-456789ABCDEF}", &guid), S_OK);
    ok(IsEqualGUID(&guid, &test_guid), "CLSIDFromString reads upper case");
    memset(&guid, 0xcc, sizeof(guid));
    ok_int(CLSIDFromString(NULL, &guid), S_OK);
    ok(IsEqualGUID(&guid, &GUID_NULL), "CLSIDFromString(NULL) is GUID_NULL");
    /* A string that opens with a brace is parsed as far as it goes: the
     * fields read are stored even when the call fails. */
    memset(&guid, 0, sizeof(guid));
    ok_int(CLSIDFromString(L"{12345678-9ABC-DEF0-0123-456789ABCDEF}x", &guid), CO_E_CLASSSTRING);
    ok(IsEqualGUID(&guid, &test_guid), "a longer string still fills the CLSID");
    memset(&guid, 0, sizeof(guid));
    ok_int(CLSIDFromString(L"{12345678-9ABC-DEF0-0123-456789ABCDEF", &guid), CO_E_CLASSSTRING);
    ok(IsEqualGUID(&guid, &test_guid), "a missing closing brace still fills the CLSID");
    memset(&guid, 0xcc, sizeof(guid));
    ok_int(CLSIDFromString(L"{12345678*9ABC-DEF0-0123-456789ABCDEF}", &guid), CO_E_CLASSSTRING);
    ok(guid.Data1 == 0x12345678 && guid.Data2 == 0xcccc, "stops at the bad separator: %08lx %04x",
       guid.Data1, guid.Data2);
    memset(&guid, 0xcc, sizeof(guid));
    ok_int(CLSIDFromString(L"{12*45678-9ABC-DEF0-0123-456789ABCDEF}", &guid), CO_E_CLASSSTRING);
    ok(guid.Data1 == 0x12 && guid.Data2 == 0xcccc, "keeps the digits before a bad one: %08lx %04x",
       guid.Data1, guid.Data2);
    memset(&guid, 0xcc, sizeof(guid));
    ok_int(CLSIDFromString(L"{12", &guid), CO_E_CLASSSTRING);
    ok(guid.Data1 == 0x12 && guid.Data2 == 0xcccc, "a short string: %08lx %04x", guid.Data1, guid.Data2);
    /* Anything else is a ProgID. */
    memset(&guid, 0xcc, sizeof(guid));
    ok_int(CLSIDFromString(L"12345678-9ABC-DEF0-0123-456789ABCDEF}", &guid), CO_E_CLASSSTRING);
    ok(IsEqualGUID(&guid, &GUID_NULL), "an unknown ProgID gives GUID_NULL");
    memset(&guid, 0xcc, sizeof(guid));
    ok_int(CLSIDFromString(L"Vine.NoSuchProgID.1", &guid), CO_E_CLASSSTRING);
    ok(IsEqualGUID(&guid, &GUID_NULL), "an unknown ProgID gives GUID_NULL");
    memset(&guid, 0xcc, sizeof(guid));
    ok_int(CLSIDFromProgID(L"Vine.NoSuchProgID.1", &guid), CO_E_CLASSSTRING);
    ok(IsEqualGUID(&guid, &GUID_NULL), "CLSIDFromProgID of an unknown ProgID gives GUID_NULL");
    ok_int(CLSIDFromProgID(NULL, &guid), E_INVALIDARG);

    memset(&guid, 0xcc, sizeof(guid));
    ok_int(IIDFromString(L"{00000000-0000-0000-c000-000000000046}", &guid), S_OK);
    ok(IsEqualGUID(&guid, &IID_IUnknown), "IIDFromString");
    memset(&guid, 0xcc, sizeof(guid));
    ok_int(IIDFromString(NULL, &guid), S_OK);
    ok(IsEqualGUID(&guid, &GUID_NULL), "IIDFromString(NULL) is GUID_NULL");
    /* The wrong length: E_INVALIDARG, the IID untouched. */
    memset(&guid, 0xab, sizeof(guid));
    ok_int(IIDFromString(L"{00000000-0000-0000-c000-00000000004}", &guid), E_INVALIDARG);
    ok_int(IIDFromString(L"{00000001-0000-0000-c000-000000000046}0", &guid), E_INVALIDARG);
    ok_int(IIDFromString(L"Vine.NoSuchProgID.1", &guid), E_INVALIDARG);
    ok(guid.Data1 == 0xabababab, "IID untouched: %08lx", guid.Data1);
    /* The right length but no GUID: CO_E_IIDSTRING, the fields read stored. */
    memset(&guid, 0xab, sizeof(guid));
    ok_int(IIDFromString(L"{00000001-0000-0000-g000-000000000046}", &guid), CO_E_IIDSTRING);
    ok(guid.Data1 == 1, "Data1 read before the error: %08lx", guid.Data1);
    memset(&guid, 0xab, sizeof(guid));
    ok_int(IIDFromString(L"{00000001=0000-0000-c000-000000000046}", &guid), CO_E_IIDSTRING);
    ok(guid.Data1 == 1 && guid.Data2 == 0xabab, "Data1 read before the error: %08lx %04x", guid.Data1, guid.Data2);
    memset(&guid, 0xab, sizeof(guid));
    ok_int(IIDFromString(L"x00000001-0000-0000-c000-000000000046}", &guid), CO_E_IIDSTRING);
    ok(guid.Data1 == 0xabababab, "IID untouched: %08lx", guid.Data1);

    SetLastError(0xdeadbeef);
    ok_int(StringFromGUID2(NULL, buffer, 64), 0);
    ok_int(GetLastError(), 0xdeadbeef);
}

static void test_create_guid(void)
{
    GUID a, b;
    ok_int(CoCreateGuid(&a), S_OK);
    ok_int(CoCreateGuid(&b), S_OK);
    ok(!IsEqualGUID(&a, &b), "two GUIDs differ");
    ok((a.Data3 & 0xf000) == 0x4000 && (b.Data3 & 0xf000) == 0x4000, "version 4: %04x %04x", a.Data3, b.Data3);
    ok((a.Data4[0] & 0xc0) == 0x80 && (b.Data4[0] & 0xc0) == 0x80, "RFC 4122 variant: %02x %02x",
       a.Data4[0], b.Data4[0]);
    ok_int(CoCreateGuid(NULL), E_INVALIDARG);
}

static HRESULT thread_results[4];
static APTTYPE thread_type;
static APTTYPEQUALIFIER thread_qualifier;

/* Runs while the main thread holds the MTA: this thread is in it implicitly. */
static DWORD WINAPI implicit_mta_thread(void *arg)
{
    void *object = (void *)1;
    (void)arg;
    thread_results[0] = CoGetApartmentType(&thread_type, &thread_qualifier);
    thread_results[1] = CoCreateInstance(&unknown_clsid, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, &object);
    thread_results[2] = CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    if (thread_results[2] == S_OK) CoUninitialize();
    return 0;
}

static DWORD WINAPI second_sta_thread(void *arg)
{
    (void)arg;
    thread_results[0] = CoInitialize(NULL);
    thread_results[1] = CoGetApartmentType(&thread_type, &thread_qualifier);
    CoUninitialize();
    return 0;
}

static void run_thread(LPTHREAD_START_ROUTINE start)
{
    HANDLE thread = CreateThread(NULL, 0, start, NULL, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
}

static void test_apartments(void)
{
    APTTYPE type = 42;
    APTTYPEQUALIFIER qualifier = 42;
    void *object = (void *)1;

    ok_int(CoGetApartmentType(&type, &qualifier), CO_E_NOTINITIALIZED);
    ok_int(type, APTTYPE_CURRENT);
    ok_int(qualifier, APTTYPEQUALIFIER_NONE);
    ok_int(CoGetApartmentType(NULL, &qualifier), E_INVALIDARG);
    ok_int(CoCreateInstance(&unknown_clsid, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, &object), CO_E_NOTINITIALIZED);
    ok(object == NULL, "CoCreateInstance clears the result");
    CoUninitialize(); /* without CoInitialize: nothing happens */

    ok_int(CoInitialize(NULL), S_OK);
    ok_int(CoGetApartmentType(&type, &qualifier), S_OK);
    ok_int(type, APTTYPE_MAINSTA);
    ok_int(qualifier, APTTYPEQUALIFIER_NONE);
    ok_int(CoInitialize(NULL), S_FALSE);
    ok_int(CoInitializeEx(NULL, COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE), S_FALSE);
    ok_int(CoInitializeEx(NULL, COINIT_MULTITHREADED), RPC_E_CHANGED_MODE);

    object = (void *)1;
    ok_int(CoCreateInstance(&unknown_clsid, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, &object), REGDB_E_CLASSNOTREG);
    ok(object == NULL, "no object for an unregistered class");
    object = (void *)1;
    ok_int(CoGetClassObject(&unknown_clsid, CLSCTX_INPROC_SERVER, NULL, &IID_IClassFactory, &object),
           REGDB_E_CLASSNOTREG);
    ok_int(CoCreateInstance(&unknown_clsid, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, NULL), E_POINTER);

    /* A second thread's STA is not the main one. */
    run_thread(second_sta_thread);
    ok_int(thread_results[0], S_OK);
    ok_int(thread_results[1], S_OK);
    ok_int(thread_type, APTTYPE_STA);

    CoUninitialize();
    CoUninitialize();
    ok_int(CoGetApartmentType(&type, &qualifier), S_OK); /* one CoInitialize left */
    CoUninitialize();
    ok_int(CoGetApartmentType(&type, &qualifier), CO_E_NOTINITIALIZED);

    /* The MTA: other threads join it implicitly. */
    ok_int(CoInitializeEx(NULL, COINIT_MULTITHREADED), S_OK);
    ok_int(CoGetApartmentType(&type, &qualifier), S_OK);
    ok_int(type, APTTYPE_MTA);
    ok_int(qualifier, APTTYPEQUALIFIER_NONE);
    ok_int(CoInitialize(NULL), RPC_E_CHANGED_MODE);
    run_thread(implicit_mta_thread);
    ok_int(thread_results[0], S_OK);
    ok_int(thread_type, APTTYPE_MTA);
    ok_int(thread_qualifier, APTTYPEQUALIFIER_IMPLICIT_MTA);
    ok_int(thread_results[1], REGDB_E_CLASSNOTREG);
    ok_int(thread_results[2], S_OK);
    CoUninitialize();
    ok_int(CoGetApartmentType(&type, &qualifier), CO_E_NOTINITIALIZED);
}

/* {7A1C3E52-5B9D-4F0E-9C61-0D2B7E4A1F33}, served by vt_comserver.dll. */
static const GUID test_clsid = {0x7a1c3e52, 0x5b9d, 0x4f0e, {0x9c, 0x61, 0x0d, 0x2b, 0x7e, 0x4a, 0x1f, 0x33}};
static const WCHAR test_clsid_key[] = L"CLSID\\{7A1C3E52-5B9D-4F0E-9C61-0D2B7E4A1F33}";

/* A class registered under HKCR\CLSID with an InprocServer32: the DLL is
 * loaded and its class factory makes the object. */
static void test_inproc_activation(void)
{
    WCHAR server[MAX_PATH], *slash, key_name[128];
    IUnknown *object = NULL, *again = NULL;
    IClassFactory *factory = NULL;
    LONG (WINAPI *live_objects)(void);
    HKEY key;
    HMODULE module;

    GetModuleFileNameW(NULL, server, MAX_PATH);
    slash = wcsrchr(server, '\\');
    wcscpy(slash + 1, L"vt_comserver.dll");
    wcscpy(key_name, test_clsid_key);
    wcscat(key_name, L"\\InprocServer32");
    ok_int(RegCreateKeyExW(HKEY_CLASSES_ROOT, key_name, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key, NULL), ERROR_SUCCESS);
    RegSetValueExW(key, NULL, 0, REG_SZ, (const BYTE *)server, (DWORD)(wcslen(server) + 1) * sizeof(WCHAR));
    RegSetValueExW(key, L"ThreadingModel", 0, REG_SZ, (const BYTE *)L"Both", sizeof(L"Both"));
    RegCloseKey(key);

    ok_int(CoCreateInstance(&test_clsid, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, (void **)&object),
           CO_E_NOTINITIALIZED);
    CoInitialize(NULL);
    ok_int(CoCreateInstance(&test_clsid, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, (void **)&object), S_OK);
    ok(object != NULL, "an object");
    module = GetModuleHandleW(L"vt_comserver.dll");
    ok(module != NULL, "the server DLL is loaded");
    live_objects = module ? (LONG (WINAPI *)(void))(void *)GetProcAddress(module, "vt_live_objects") : NULL;
    if (live_objects) ok_int(live_objects(), 1);
    if (object) {
        ok_int(IUnknown_QueryInterface(object, &IID_IUnknown, (void **)&again), S_OK);
        ok_int(IUnknown_QueryInterface(object, &IID_IMalloc, (void **)&factory), E_NOINTERFACE);
        if (again) IUnknown_Release(again);
        IUnknown_Release(object);
        if (live_objects) ok_int(live_objects(), 0);
    }
    ok_int(CoCreateInstance(&test_clsid, NULL, CLSCTX_INPROC_SERVER, &IID_IMalloc, (void **)&object), E_NOINTERFACE);
    ok_int(CoCreateInstance(&test_clsid, (IUnknown *)1, CLSCTX_INPROC_SERVER, &IID_IUnknown, (void **)&object),
           CLASS_E_NOAGGREGATION);
    factory = NULL;
    ok_int(CoGetClassObject(&test_clsid, CLSCTX_INPROC_SERVER, NULL, &IID_IClassFactory, (void **)&factory), S_OK);
    if (factory) {
        ok_int(IClassFactory_CreateInstance(factory, NULL, &IID_IUnknown, (void **)&object), S_OK);
        if (object) IUnknown_Release(object);
        IClassFactory_Release(factory);
    }
    CoUninitialize();
    RegDeleteTreeW(HKEY_CLASSES_ROOT, test_clsid_key);
}

int main(void)
{
    test_task_memory();
    test_guid_strings();
    test_create_guid();
    test_apartments();
    test_inproc_activation();
    return vt_summary();
}
