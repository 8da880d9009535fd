/* An in-process COM server for ole32's activation test: one class whose
 * objects count themselves, behind an IClassFactory from DllGetClassObject. */
#include <windows.h>
#include <objbase.h>

/* {7A1C3E52-5B9D-4F0E-9C61-0D2B7E4A1F33} */
static const GUID CLSID_VineTestObject = {0x7a1c3e52, 0x5b9d, 0x4f0e, {0x9c, 0x61, 0x0d, 0x2b, 0x7e, 0x4a, 0x1f, 0x33}};

static LONG live_objects;

typedef struct {
    IUnknown iface;
    LONG refs;
} object;

static HRESULT WINAPI object_query_interface(IUnknown *self, REFIID iid, void **out)
{
    if (IsEqualIID(iid, &IID_IUnknown)) {
        *out = self;
        self->lpVtbl->AddRef(self);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI object_add_ref(IUnknown *self) { return InterlockedIncrement(&((object *)self)->refs); }

static ULONG WINAPI object_release(IUnknown *self)
{
    ULONG refs = InterlockedDecrement(&((object *)self)->refs);
    if (!refs) {
        HeapFree(GetProcessHeap(), 0, self);
        InterlockedDecrement(&live_objects);
    }
    return refs;
}

static IUnknownVtbl object_vtbl = {object_query_interface, object_add_ref, object_release};

static HRESULT WINAPI factory_query_interface(IClassFactory *self, REFIID iid, void **out)
{
    if (IsEqualIID(iid, &IID_IUnknown) || IsEqualIID(iid, &IID_IClassFactory)) {
        *out = self;
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}
static ULONG WINAPI factory_add_ref(IClassFactory *self) { return 2; }
static ULONG WINAPI factory_release(IClassFactory *self) { return 1; }

static HRESULT WINAPI factory_create_instance(IClassFactory *self, IUnknown *outer, REFIID iid, void **out)
{
    object *created;
    HRESULT hr;
    *out = NULL;
    if (outer) return CLASS_E_NOAGGREGATION;
    created = HeapAlloc(GetProcessHeap(), 0, sizeof(*created));
    if (!created) return E_OUTOFMEMORY;
    created->iface.lpVtbl = &object_vtbl;
    created->refs = 1;
    InterlockedIncrement(&live_objects);
    hr = object_query_interface(&created->iface, iid, out);
    object_release(&created->iface);
    return hr;
}

static HRESULT WINAPI factory_lock_server(IClassFactory *self, BOOL lock) { return S_OK; }

static IClassFactoryVtbl factory_vtbl = {factory_query_interface, factory_add_ref, factory_release,
                                              factory_create_instance, factory_lock_server};
static IClassFactory factory = {&factory_vtbl};

__declspec(dllexport) HRESULT WINAPI DllGetClassObject(REFCLSID clsid, REFIID iid, void **out)
{
    if (!IsEqualCLSID(clsid, &CLSID_VineTestObject)) {
        *out = NULL;
        return CLASS_E_CLASSNOTAVAILABLE;
    }
    return factory_query_interface(&factory, iid, out);
}

__declspec(dllexport) LONG WINAPI vt_live_objects(void) { return live_objects; }
